"""Dry runs of whole plays, as a merge-request pipeline runs them: ``--check --diff`` before the real run.

Check mode creates nothing, so a task that refers to what an earlier task of
the same play creates (an opt-out list, a pool, a registration) cannot have it
checked: it warns, predicts with the value given and lists the option in
``unverified``, while a real run still fails for a reference that does not
exist, before any write. A create call with no room left under the account's
limits fails in check mode and in the real run alike, before any write. In
loops each item's diff names its item, and the recap counts are true.
"""

from __future__ import annotations

import re

import pytest

from .harness import run_playbook, run_task
from .test_phone_number import request_number

NUMBER = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"], number_type="SIMULATOR"
)
NUMBER_POOL = dict(iso_country_code="US", message_type="TRANSACTIONAL")
READS = ("Describe", "List", "Get")
UNVERIFIED_WARNING = "check mode could not verify"


def writes(operations):
    return [op for op in operations if not op.startswith(READS)]


def recap(stdout):
    """``{"ok": n, "changed": n, "failed": n, ...}`` of the play recap's localhost line."""
    line = re.search(r"^localhost\s+:(.*)$", stdout, re.MULTILINE)
    assert line, stdout
    return {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", line.group(1))}


def by_task(records):
    return {r["task"]: r for r in records}


def warnings_of(result):
    return [w for w in result.get("warnings", []) if UNVERIFIED_WARNING in w]


ESTATE = [
    {
        "hosts": "localhost",
        "gather_facts": False,
        "tasks": [
            {"name": "opt-out list", "pinpoint.sms_voice.opt_out_list": dict(name="gf-list")},
            {
                "name": "numbers",
                "pinpoint.sms_voice.phone_number": dict(name="{{ item }}", opt_out_list_name="gf-list", **NUMBER),
                "loop": ["gf-a", "gf-b"],
                "register": "numbers",
            },
            {
                "name": "pool",
                "pinpoint.sms_voice.pool": dict(
                    name="gf-pool",
                    iso_country_code="US",
                    message_type="TRANSACTIONAL",
                    opt_out_list_name="gf-list",
                    phone_numbers="{{ numbers.results | map(attribute='phone_number.phone_number_id') | list }}",
                ),
            },
        ],
    }
]


def test_a_new_estate_dry_runs_green_applies_then_dry_runs_unchanged(emulator):
    records, operations, _calls, proc = run_playbook(emulator, ESTATE, check=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert writes(operations) == [], "check mode made mutating calls"
    tasks = by_task(records)
    assert [r["status"] for r in records] == ["ok", "ok", "ok"]
    assert recap(proc.stdout)["changed"] == 3 and recap(proc.stdout)["failed"] == 0
    # Each number names the list the play creates first: predicted, listed, and said once per item
    # (a loop gathers its items' warnings on the task).
    for item in tasks["numbers"]["result"]["results"]:
        assert item["changed"] is True
        assert item["unverified"] == ["opt_out_list_name"]
        assert item["phone_number"]["opt_out_list_name"] == "gf-list"
    said = warnings_of(tasks["numbers"]["result"])
    assert len(said) == 2 and all("opt_out_list_name 'gf-list' (no such opt-out list yet)" in w for w in said)
    pool = tasks["pool"]["result"]
    assert pool["changed"] is True and pool["unverified"] == ["opt_out_list_name"]
    assert pool["pool"]["opt_out_list_name"] == "gf-list"
    assert len(warnings_of(pool)) == 1
    assert "phone_numbers has 2 entries without a value" in " ".join(pool["warnings"])
    # Every create was checked against the account's limits, in check mode too: one read per create.
    assert operations.count("DescribeAccountLimits") == 4

    records, operations, _calls, proc = run_playbook(emulator, ESTATE)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert writes(operations) == [
        "CreateOptOutList",
        "RequestPhoneNumber",
        "RequestPhoneNumber",
        "CreatePool",
        "AssociateOriginationIdentity",
    ]
    assert operations.count("DescribeAccountLimits") == 4
    tasks = by_task(records)
    assert all(item["unverified"] == [] for item in tasks["numbers"]["result"]["results"])
    assert tasks["pool"]["result"]["unverified"] == []
    assert not any(warnings_of(r["result"]) for r in records)
    state = emulator.state()["us-east-1"]
    assert sorted(n["OptOutListName"] for n in state["phone_numbers"]) == ["gf-list", "gf-list"]
    assert [p["OptOutListName"] for p in state["pools"]] == ["gf-list"]

    for check in (True, False):
        records, operations, _calls, proc = run_playbook(emulator, ESTATE, check=check)
        assert proc.returncode == 0, proc.stdout[-3000:]
        assert recap(proc.stdout)["changed"] == 0
        assert writes(operations) == []
        # A converged play reads no limits.
        assert "DescribeAccountLimits" not in operations
        assert all(r["result"].get("unverified", []) == [] for r in records)


@pytest.mark.parametrize(
    "option, value",
    [
        ("opt_out_list_name", "no-such-list"),
        ("pool_id", "pool-0123456789abcdef0123456789abcdef"),
        ("registration_id", "registration-0123456789abcdef0123456789abcdef"),
    ],
)
def test_a_reference_not_there_is_predicted_in_check_mode_and_fails_a_real_run_before_any_write(
    emulator, option, value
):
    args = dict(NUMBER, name="ref-" + option.replace("_", "-"), **{option: value})
    check = run_task(emulator, "phone_number", args, check=True)
    assert not check.failed, check.result.get("msg")
    assert check.changed is True and check.mutating == []
    assert check.result["unverified"] == [option]
    assert check.number[option] == value
    (warning,) = warnings_of(check.result)
    assert "{0} {1!r}".format(option, value) in warning
    if option == "pool_id":
        # What a missing pool leaves unchecked is said.
        assert "not compared with the task's" in warning

    real = run_task(emulator, "phone_number", args)
    assert real.failed
    assert real.mutating == []
    assert "{0} {1!r}: no such".format(option, value) in real.result["msg"]
    assert "nothing was changed" in real.result["msg"]
    assert emulator.state()["us-east-1"]["phone_numbers"] == []


def test_a_registration_that_exists_is_verified_and_the_request_names_it(emulator):
    (registration_id,) = emulator.seed_registrations({"RegistrationType": "US_TOLL_FREE_REGISTRATION"})
    # A toll-free number under its verification (PENDING while it is reviewed: not waited for).
    args = dict(NUMBER, number_type="TOLL_FREE", name="registered", registration_id=registration_id, wait=False)
    check = run_task(emulator, "phone_number", args, check=True)
    assert not check.failed, check.result.get("msg")
    assert check.result["unverified"] == [] and warnings_of(check.result) == []
    assert "DescribeRegistrations" in check.operations
    real = run_task(emulator, "phone_number", args)
    assert not real.failed, real.result.get("msg")
    assert real.mutating == ["RequestPhoneNumber"]
    assert real.number["registration_id"] == registration_id


def test_a_pool_named_in_the_play_is_predicted_then_a_typo_in_the_pools_list_fails(emulator):
    anchor = request_number(emulator.client())["PhoneNumberId"]
    args = dict(name="typo-pool", phone_numbers=[anchor], opt_out_list_name="gf-typo", **NUMBER_POOL)
    check = run_task(emulator, "pool", args, check=True)
    assert not check.failed, check.result.get("msg")
    assert check.result["unverified"] == ["opt_out_list_name"] and check.mutating == []
    real = run_task(emulator, "pool", args)
    assert real.failed and real.mutating == []
    assert "opt_out_list_name 'gf-typo': no such opt-out list" in real.result["msg"]
    assert emulator.state()["us-east-1"]["pools"] == []


@pytest.mark.parametrize(
    "module, args, setting, limit, create",
    [
        (
            "phone_number",
            dict(NUMBER, name="one-too-many"),
            "phone_numbers_quota",
            "PHONE_NUMBERS",
            "RequestPhoneNumber",
        ),
        ("opt_out_list", dict(name="one-too-many"), "opt_out_lists_quota", "OPT_OUT_LISTS", "CreateOptOutList"),
        ("pool", dict(NUMBER_POOL, name="one-too-many"), "pools_quota", "POOLS", "CreatePool"),
    ],
)
def test_with_the_limit_reached_check_mode_and_the_real_run_agree_before_any_write(
    emulator, module, args, setting, limit, create
):
    # The account uses one of each: a number, the Default opt-out list, a pool (of another number).
    client = emulator.client()
    number_id = request_number(client)["PhoneNumberId"]
    if module == "pool":
        client.create_pool(
            OriginationIdentity=request_number(client)["PhoneNumberId"],
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
        )
        args = dict(args, phone_numbers=[number_id])
        emulator.advance_clock(30)  # the pool is CREATING for a moment: let it settle before the snapshot
    used = 1
    emulator.config(**{setting: used})
    expected = "its {0} limit in this region is reached (Used {1}, Max {1})".format(limit, used)
    before = emulator.state()

    outcomes = []
    for check in (True, False):
        run = run_task(emulator, module, args, check=check)
        assert run.failed, run.result
        assert run.mutating == [], "nothing may be written"
        assert expected in run.result["msg"] and create in run.result["msg"]
        assert run.result["limit"] == dict(name=limit, used=used, max=used)
        assert run.operations.count("DescribeAccountLimits") == 1
        assert create not in run.operations
        outcomes.append(run.result["msg"])
    assert outcomes[0] == outcomes[1], "check mode and the real run must say the same"
    assert emulator.state() == before

    # With room again, the same task goes through.
    emulator.config(**{setting: used + 1})
    run = run_task(emulator, module, args)
    assert not run.failed, run.result.get("msg")
    assert create in run.mutating


LOOP = ["loop-a", "loop-b", "loop-c"]


def loop_play(tags):
    return [
        {
            "hosts": "localhost",
            "gather_facts": False,
            "tasks": [
                {
                    "name": "numbers",
                    "pinpoint.sms_voice.phone_number": dict(
                        name="{{ item }}", tags="{{ wanted_tags[item] }}", **NUMBER
                    ),
                    "loop": LOOP,
                    "vars": {"wanted_tags": tags},
                    "register": "numbers",
                }
            ],
        }
    ]


def test_in_a_loop_each_items_diff_names_its_item_and_the_recap_is_true(emulator):
    tags = {name: {"team": "ops"} for name in LOOP}
    records, operations, _calls, proc = run_playbook(emulator, loop_play(tags), check=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert writes(operations) == []
    items = records[0]["result"]["results"]
    assert [i["diff"]["after_header"] for i in items] == ["phone number name={0}".format(n) for n in LOOP]
    for name in LOOP:
        assert "+++ after: phone number name={0}".format(name) in proc.stdout
    # One task, three items that would change: the recap counts the task once.
    assert recap(proc.stdout)["changed"] == 1

    records, _operations, _calls, proc = run_playbook(emulator, loop_play(tags))
    assert proc.returncode == 0, proc.stdout[-3000:]
    numbers = {i["item"]: i["phone_number"] for i in records[0]["result"]["results"]}

    # One item of three changes: only its diff shows a change, named by its ID and number.
    tags["loop-b"] = {"team": "messaging"}
    for check in (True, False):
        records, operations, _calls, proc = run_playbook(emulator, loop_play(tags), check=check)
        assert proc.returncode == 0, proc.stdout[-3000:]
        items = records[0]["result"]["results"]
        assert [i["changed"] for i in items] == [False, True, False]
        headers = [i["diff"]["before_header"] for i in items]
        assert headers == [
            "phone number {0} ({1})".format(numbers[n]["phone_number_id"], numbers[n]["phone_number"]) for n in LOOP
        ]
        changed = items[1]["diff"]
        assert changed["before"]["tags"] == {"Name": "loop-b", "team": "ops"}
        assert changed["after"]["tags"] == {"Name": "loop-b", "team": "messaging"}
        assert "+++ after: {0}".format(headers[1]) in proc.stdout
        assert recap(proc.stdout)["changed"] == 1
        assert writes(operations) == ([] if check else ["TagResource"])
        assert "DescribeAccountLimits" not in operations

    records, operations, _calls, proc = run_playbook(emulator, loop_play(tags), check=True)
    assert recap(proc.stdout)["changed"] == 0
    assert [i["changed"] for i in records[0]["result"]["results"]] == [False, False, False]
