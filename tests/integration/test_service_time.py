"""The modules under the emulator's default service time, through ansible-playbook.

The emulator's defaults are the service's, in seconds of its clock (which runs with real time): a
number joining or leaving a pool is ASSOCIATING / DISASSOCIATING for 1 s, a pool CREATING for 1 s and
DELETING for 1 s, ListPoolOriginationIdentities trails the pool by 2 s, and a release sees the pool its
number left for 2 s. No test here changes them. Each scenario runs check -> apply -> idempotent check
-> idempotent apply (``converge``) and asserts every call the apply made, reads included. The reads
after a write are its wait: a wait that finds the state reached makes one read, so two reads of a
number after it joined or left a pool mean the first one saw it ASSOCIATING or DISASSOCIATING; a
pool's wait sleeps first, since CreatePool and DeletePool answer CREATING and DELETING.
"""

from __future__ import annotations

from .harness import converge, run_task
from .test_pool import POOL_TASK, numbers, pool_of

# What a pool task by name reads first: the tag index, the pools, then the pool's tags, keywords and numbers.
LOOKUP = ["GetResources", "DescribePools", "ListTagsForResource", "DescribeKeywords", "ListPoolOriginationIdentities"]
# A number the task names: by ID, with its keywords (a member must share the pool's).
MEMBER = ["DescribePhoneNumbers", "DescribeKeywords"]
# The numbers a pool task moved are ACTIVE again: one read sees them settling, the next settled.
SETTLE = ["DescribePhoneNumbers", "DescribePhoneNumbers"]


def found(emulator, name, members):
    """A pool founded by the pool module from ``members``, as a task of a play would."""
    run = run_task(emulator, "pool", dict(name=name, phone_numbers=members, **POOL_TASK))
    assert not run.failed, run.result.get("msg")
    return run.result["pool"]["pool_id"]


def test_pool_create_waits_for_the_pool_then_for_its_numbers_to_join(emulator):
    a, b = numbers(emulator, 2)
    args = dict(name="timed", phone_numbers=[a, b], **POOL_TASK)
    check, apply, again_check, again = converge(emulator, "pool", args, ["CreatePool", "AssociateOriginationIdentity"])
    assert check.result["pool"]["status"] == "ACTIVE"
    assert apply.operations == [
        "GetResources",
        "DescribePools",  # no pool by that name (the tag index knows none, the scan proves it)
        *MEMBER,
        *MEMBER,
        "DescribeAccountLimits",  # room for one more pool
        "CreatePool",  # answers CREATING
        "DescribePools",  # the token chain: is the answer a replay of a deleted pool?
        "DescribePools",  # the wait, after a first sleep: ACTIVE
        "AssociateOriginationIdentity",  # b, into the ACTIVE pool
        *SETTLE,  # a has joined by now, b is ASSOCIATING, then ACTIVE
    ]
    assert apply.result["pool"]["status"] == "ACTIVE"
    held, members = pool_of(emulator, apply.result["pool"]["pool_id"])
    assert held["Status"] == "ACTIVE" and members == sorted([a, b])
    statuses = emulator.client().describe_phone_numbers(PhoneNumberIds=[a, b])["PhoneNumbers"]
    assert [n["Status"] for n in statuses] == ["ACTIVE", "ACTIVE"]
    for run in (again_check, again):
        assert run.operations == LOOKUP + MEMBER + MEMBER


def test_member_add_and_purge_confirm_the_listing_and_wait_for_the_numbers(emulator):
    a, b, c = numbers(emulator, 3)
    pool_id = found(emulator, "crew", [a, b])
    args = dict(name="crew", phone_numbers=[b, c], purge_phone_numbers=True)
    check, apply, again_check, again = converge(
        emulator, "pool", args, ["AssociateOriginationIdentity", "DisassociateOriginationIdentity"]
    )
    assert sorted(check.result["pool"]["phone_number_ids"]) == sorted([b, c])
    assert apply.operations == LOOKUP + MEMBER + MEMBER + [
        "DescribePhoneNumbers",  # a, listed but not named: still in the pool? (the listing lags)
        "AssociateOriginationIdentity",
        "DisassociateOriginationIdentity",
        *SETTLE,  # c ASSOCIATING and a DISASSOCIATING, then both ACTIVE
    ]
    assert pool_of(emulator, pool_id)[1] == sorted([b, c])
    # Right after, the listing may still show a and not c: the numbers' own PoolId decides.
    for run in (again_check, again):
        assert run.result["pool"]["phone_number_ids"] in ([b, c], [c, b])


def test_pool_move_of_a_number_waits_out_leaving_then_joining(emulator):
    a, b, c = numbers(emulator, 3)
    found(emulator, "from", [a, b])
    to_id = found(emulator, "to", [c])
    args = dict(phone_number_id=b, pool_id=to_id)
    check, apply, again_check, again = converge(
        emulator, "phone_number", args, ["DisassociateOriginationIdentity", "AssociateOriginationIdentity"]
    )
    assert check.number["pool_id"] == to_id
    assert apply.operations == [
        "DescribePhoneNumbers",
        "ListTagsForResource",
        "ListPoolOriginationIdentities",  # b is not the last number of its pool
        "DescribePools",  # the pool it moves to: exists, and its settings
        "DisassociateOriginationIdentity",
        "DescribePhoneNumbers",  # DISASSOCIATING
        "DescribePhoneNumbers",  # ACTIVE
        "AssociateOriginationIdentity",
        "DescribePhoneNumbers",  # ASSOCIATING
        "DescribePhoneNumbers",  # ACTIVE
    ]
    assert apply.number["pool_id"] == to_id and apply.number["status"] == "ACTIVE"
    for run in (again_check, again):
        assert run.operations == ["DescribePhoneNumbers", "ListTagsForResource"]


def test_release_of_a_pooled_number_is_retried_while_it_still_sees_the_pool(emulator):
    a, b = numbers(emulator, 2)
    found(emulator, "rel", [a, b])
    args = dict(phone_number_id=b, state="absent")
    _check, apply, again_check, again = converge(
        emulator,
        "phone_number",
        args,
        ["DisassociateOriginationIdentity", "ReleasePhoneNumber"],
        settling=("ReleasePhoneNumber",),
    )
    calls = [(c["operation"], c["error"]) for c in apply.calls]
    assert calls[:6] == [
        ("DescribePhoneNumbers", None),
        ("ListTagsForResource", None),
        ("ListPoolOriginationIdentities", None),
        ("DisassociateOriginationIdentity", None),
        ("DescribePhoneNumbers", None),  # DISASSOCIATING
        ("DescribePhoneNumbers", None),  # ACTIVE
    ]
    # 1 s after leaving, the release still sees the pool (for 2 s): refused, retried with the waiter's pauses.
    assert set(calls[6:-1]) == {("ReleasePhoneNumber", "ConflictException")} and calls[6:-1]
    assert calls[-1] == ("ReleasePhoneNumber", None)
    assert apply.number["status"] == "DELETED"
    for run in (again_check, again):
        assert not run.changed


def test_pool_delete_waits_until_the_pool_is_gone(emulator):
    a, b = numbers(emulator, 2)
    pool_id = found(emulator, "del", [a, b])
    check, apply, again_check, again = converge(emulator, "pool", dict(name="del", state="absent"), ["DeletePool"])
    assert check.result["pool"] == {} and check.result["diff"]["after"] == {}
    assert apply.operations == [
        "DescribePools",  # the pools in pages (state: absent does not take the name's shortcut)
        "GetResources",  # their tags from the index
        "ListTagsForResource",  # the pool found, read itself
        "ListPoolOriginationIdentities",
        "DeletePool",  # answers DELETING
        "DescribePools",  # the wait, after a first sleep: gone
        "DescribePhoneNumbers",  # its numbers: ACTIVE again (DISASSOCIATING as long as the pool was DELETING)
    ]
    assert emulator.client().describe_pools()["Pools"] == []
    for run in (again_check, again):
        assert run.operations == ["DescribePools"]
    left = emulator.client().describe_phone_numbers(PhoneNumberIds=[a, b])["PhoneNumbers"]
    assert [(n["Status"], n.get("PoolId")) for n in left] == [("ACTIVE", None), ("ACTIVE", None)]
    assert pool_id not in str(left)


def test_a_deleting_pool_counts_as_gone_and_a_new_pool_of_that_name_is_founded(emulator):
    a, b = numbers(emulator, 2)
    first = found(emulator, "again", [a, b])
    deleted = run_task(emulator, "pool", dict(name="again", state="absent", wait=False))
    assert deleted.changed and deleted.result["pool"] == {}
    assert emulator.client().describe_pools(PoolIds=[first])["Pools"][0]["Status"] == "DELETING"
    assert run_task(emulator, "pool", dict(name="again", state="absent")).changed is False
    founded = run_task(emulator, "pool", dict(name="again", phone_numbers=[a, b], **POOL_TASK))
    assert not founded.failed, founded.result.get("msg")
    assert founded.result["pool"]["pool_id"] != first


def test_with_wait_false_a_new_pool_is_creating_as_check_mode_predicts(emulator):
    (a,) = numbers(emulator, 1)
    args = dict(name="quick", phone_numbers=[a], wait=False, **POOL_TASK)
    predicted = run_task(emulator, "pool", args, check=True)
    created = run_task(emulator, "pool", args)
    assert not created.failed, created.result.get("msg")
    assert predicted.result["pool"]["status"] == created.result["pool"]["status"] == "CREATING"
    assert created.mutating == ["CreatePool"]
    assert created.operations.count("DescribePools") == 2  # the lookup and the token chain: no wait


def test_with_wait_false_a_moved_number_is_associating_as_check_mode_predicts(emulator):
    a, b, c = numbers(emulator, 3)
    found(emulator, "from", [a, b])
    to_id = found(emulator, "to", [c])
    args = dict(phone_number_id=b, pool_id=to_id, wait=False)
    predicted = run_task(emulator, "phone_number", args, check=True)
    moved = run_task(emulator, "phone_number", args)
    assert not moved.failed, moved.result.get("msg")
    assert predicted.number["status"] == moved.number["status"] == "ASSOCIATING"
    assert predicted.number["pool_id"] == moved.number["pool_id"] == to_id
    # Leaving the old pool is waited for even so (the service pools only ACTIVE numbers); joining is not.
    assert moved.operations[moved.operations.index("AssociateOriginationIdentity") + 1 :] == []
