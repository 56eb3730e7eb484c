"""pool_info through ansible-playbook against the emulator server."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import POOL
from ansible_collections.pinpoint.sms_voice.plugins.modules import pool_info
from tests.emulator_tests.helpers import SETTLED_SECONDS

from .harness import run_playbook, run_task
from .test_phone_number import request_number

UNKNOWN = "pool-" + "0" * 32


def ids(run):
    return [p["pool_id"] for p in run.result["pools"]]


def create_pool(client, name=None, tags=(), **extra):
    """A pool founded by a new SIMULATOR number, tagged ``Name: name`` and ``tags``."""
    founder = request_number(client)["PhoneNumberId"]
    tag_list = ([{"Key": "Name", "Value": name}] if name else []) + [{"Key": k, "Value": v} for k, v in tags]
    pool = client.create_pool(
        OriginationIdentity=founder, IsoCountryCode="US", MessageType="TRANSACTIONAL", Tags=tag_list, **extra
    )
    return dict(pool, founder=founder)


@pytest.fixture
def pools(emulator):
    """Three pools: a (two numbers, a keyword, team ops), b (deletion protection, team dev), c (no tags)."""
    client = emulator.client()
    a = create_pool(client, "a", [("team", "ops")])
    emulator.advance_clock(SETTLED_SECONDS)  # the pool is ACTIVE, its founder has joined it
    second = request_number(client)["PhoneNumberId"]
    client.associate_origination_identity(PoolId=a["PoolId"], OriginationIdentity=second, IsoCountryCode="US")
    a["members"] = [a["founder"], second]
    client.put_keyword(OriginationIdentity=a["PoolId"], Keyword="JOIN", KeywordMessage="Welcome!")
    b = create_pool(client, "b", [("team", "dev")], DeletionProtectionEnabled=True)
    c = create_pool(client)
    emulator.advance_clock(SETTLED_SECONDS)  # and ListPoolOriginationIdentities shows every member
    return {"a": a, "b": b, "c": c}


def test_lists_every_pool_with_its_members_in_the_shape_of_the_pool_description(emulator, pools):
    run = run_task(emulator, "pool_info", {})
    assert not run.failed, run.result.get("msg")
    assert not run.changed
    listed = {p["pool_id"]: p for p in run.result["pools"]}
    assert list(listed) == [pools[k]["PoolId"] for k in "abc"]
    assert all(list(p) == list(POOL.result_keys) for p in listed.values())
    a = listed[pools["a"]["PoolId"]]
    assert a["phone_number_ids"] == pools["a"]["members"]
    assert a["tags"] == {"Name": "a", "team": "ops"}
    assert a["keywords"] is None
    assert a["pool_arn"] == pools["a"]["PoolArn"]
    assert listed[pools["b"]["PoolId"]]["deletion_protection_enabled"] is True
    assert listed[pools["c"]["PoolId"]]["tags"] == {}
    # The tags of the tagged pools come from one GetResources call; the untagged one is asked itself.
    # Members: the PoolId of every number, one DescribePhoneNumbers page for three pools, once one
    # DescribeSenderIds call of one item shows the account has no sender ID (its pages cannot show those);
    # keywords: none.
    assert run.operations == [
        "DescribePools",
        "GetResources",
        "ListTagsForResource",
        "DescribeSenderIds",
        "DescribePhoneNumbers",
    ]


def test_pool_ids_accept_ids_and_arns_and_skip_unknown_ones(emulator, pools):
    wanted = [UNKNOWN, pools["a"]["PoolId"], pools["b"]["PoolArn"]]
    run = run_task(emulator, "pool_info", dict(pool_ids=wanted, include_tags=False))
    assert not run.failed, run.result.get("msg")
    assert ids(run) == [pools["a"]["PoolId"], pools["b"]["PoolId"]]
    assert all(p["tags"] is None for p in run.result["pools"])
    # The unknown ID fails the batch; the IDs are then asked one by one.
    assert run.operations == ["DescribePools"] * 4 + ["DescribeSenderIds", "DescribePhoneNumbers"]


def test_names_through_the_tag_index(emulator, pools):
    run = run_task(emulator, "pool_info", dict(names=["b"]))
    assert ids(run) == [pools["b"]["PoolId"]]
    assert run.result["pools"][0]["tags"] == {"Name": "b", "team": "dev"}
    # The pool and its tags from the index, its liveness by ID; one pool's members from its own listing.
    assert run.operations == ["GetResources", "DescribePools", "ListPoolOriginationIdentities"]


def test_names_when_the_tag_index_is_denied_reads_every_pool(emulator, pools):
    emulator.config(tagging_api="denied")
    run = run_task(emulator, "pool_info", dict(names=["b"]))
    assert not run.failed, run.result.get("msg")
    assert ids(run) == [pools["b"]["PoolId"]]
    assert any("tag:GetResources" in w for w in run.result.get("warnings", []))
    assert run.operations == (
        ["GetResources", "DescribePools"] + ["ListTagsForResource"] * 3 + ["ListPoolOriginationIdentities"]
    )


def test_filters_are_sent_to_the_api(emulator, pools):
    run = run_task(emulator, "pool_info", dict(filters={"status": "ACTIVE", "deletion-protection-enabled": True}))
    assert ids(run) == [pools["b"]["PoolId"]]
    describe = run.calls[0]
    assert describe["operation"] == "DescribePools"
    assert {"Name": "deletion-protection-enabled", "Values": ["true"]} in describe["params"]["Filters"]
    assert {"Name": "status", "Values": ["ACTIVE"]} in describe["params"]["Filters"]


def test_owner_is_sent_to_the_api(emulator, pools):
    mine = run_task(emulator, "pool_info", dict(owner="SELF", include_tags=False))
    assert ids(mine) == [pools[k]["PoolId"] for k in "abc"]
    assert mine.calls[0]["params"]["Owner"] == "SELF"
    shared = run_task(emulator, "pool_info", dict(owner="SHARED"))
    assert shared.result["pools"] == []
    assert shared.calls[0]["params"]["Owner"] == "SHARED"
    assert shared.operations == ["DescribePools"]


def test_tags_subset_match(emulator, pools):
    run = run_task(emulator, "pool_info", dict(tags={"team": "dev"}))
    assert ids(run) == [pools["b"]["PoolId"]]
    both = run_task(emulator, "pool_info", dict(tags={"team": "ops", "Name": "a"}, use_tagging_api=False))
    assert ids(both) == [pools["a"]["PoolId"]]
    assert "GetResources" not in both.operations


def test_include_keywords_reads_keywords_only_when_asked(emulator, pools):
    without = run_task(emulator, "pool_info", dict(names=["a"]))
    assert without.result["pools"][0]["keywords"] is None
    assert "DescribeKeywords" not in without.operations
    run = run_task(emulator, "pool_info", dict(names=["a"], include_keywords=True))
    keywords = {k["keyword"]: k for k in run.result["pools"][0]["keywords"]}
    assert keywords["JOIN"] == {"keyword": "JOIN", "reply": "Welcome!", "action": "AUTOMATIC_RESPONSE"}
    assert run.operations.count("DescribeKeywords") == 1


def test_no_match_gives_an_empty_list(emulator, pools):
    for args in (dict(names=["nope"]), dict(pool_ids=[UNKNOWN]), dict(tags={"team": "none"})):
        run = run_task(emulator, "pool_info", args)
        assert not run.failed, run.result.get("msg")
        assert run.result["pools"] == []


def test_no_pools_at_all_gives_an_empty_list(emulator):
    run = run_task(emulator, "pool_info", {})
    assert run.result["pools"] == []
    assert run.operations == ["DescribePools"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (dict(filters={"number-type": "SIMULATOR"}), "filters: unknown filter 'number-type'"),
        (dict(filters={"status": "PENDING"}), "filters: status value 'PENDING' is not one of CREATING, ACTIVE"),
        (dict(filters={"shared-routes-enabled": "maybe"}), "filters: shared-routes-enabled value 'maybe'"),
        (dict(filters={"message-type": []}), "filters: message-type needs at least one value"),
        (dict(pool_ids=["pool-123"]), "pool_ids 'pool-123' is neither a pool ID"),
        (dict(pool_ids=["phone-" + "a" * 32]), "pool_ids"),
        (dict(names=[""]), "names must not contain an empty name"),
        (dict(owner="SELF", pool_ids=["pool-" + "a" * 32]), "owner cannot be used together with pool_ids"),
    ],
)
def test_bad_input_fails_before_any_call(emulator, args, fragment):
    run = run_task(emulator, "pool_info", args)
    assert run.failed
    assert fragment in run.result["msg"]
    assert run.operations == []


def test_examples_run_against_the_emulator(emulator, pools):
    tasks = yaml.safe_load(pool_info.EXAMPLES)
    records, _operations, calls, proc = run_playbook(
        emulator, [{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert [r["status"] for r in records] == ["ok"] * len(tasks)
    assert [c for c in calls if c["error"] and c["error"] != "ResourceNotFoundException"] == []


def test_members_of_many_pools_come_from_the_number_pages_when_they_are_fewer_calls(emulator):
    client = emulator.client()
    emulator.seed(250, Tags=[{"Key": "Name", "Value": "hay-{i}"}])
    created = [create_pool(client, "p{0}".format(i)) for i in range(4)]
    run = run_task(emulator, "pool_info", dict(include_tags=False))
    assert not run.failed, run.result.get("msg")
    listed = {p["pool_id"]: p["phone_number_ids"] for p in run.result["pools"]}
    assert listed == {p["PoolId"]: [p["founder"]] for p in created}
    # 254 numbers are 3 pages, fewer than the 4 pools.
    assert run.operations == ["DescribePools", "DescribeSenderIds"] + ["DescribePhoneNumbers"] * 3


def test_members_of_few_pools_among_many_numbers_are_listed_per_pool_after_a_bounded_try(emulator):
    client = emulator.client()
    emulator.seed(450)
    created = [create_pool(client, "p{0}".format(i)) for i in range(3)]
    emulator.advance_clock(30)  # the per-pool listing trails its pool's numbers for a moment
    run = run_task(emulator, "pool_info", dict(include_tags=False))
    assert not run.failed, run.result.get("msg")
    assert {p["pool_id"]: p["phone_number_ids"] for p in run.result["pools"]} == {
        p["PoolId"]: [p["founder"]] for p in created
    }
    # Two pages (one fewer than the pools) do not reach the end of 453 numbers: each pool is listed after all.
    assert run.operations == (
        ["DescribePools", "DescribeSenderIds"] + ["DescribePhoneNumbers"] * 2 + ["ListPoolOriginationIdentities"] * 3
    )
