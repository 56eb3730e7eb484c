"""opted_out_numbers on opt_out_list, and include_opted_out_numbers on opt_out_list_info.

Each scenario runs check -> apply -> idempotent check -> idempotent apply and
asserts ``changed``, the returned entries and the exact API operations. The
list's entries are read in pages of 100 (DescribeOptedOutNumbers), never one
read per number: a converged task with 1,000 numbers makes 12 calls.
"""

from __future__ import annotations

import collections

import pytest

from tests.emulator import TEST_QUOTA_SCALE

from .harness import converge, run_task

READ = ["DescribeOptOutLists", "ListTagsForResource"]


def numbers(count, start=0):
    return ["+1206555{0:04d}".format(i) for i in range(start, start + count)]


def on_list(emulator, name):
    client = emulator.client()
    pages = client.get_paginator("describe_opted_out_numbers").paginate(OptOutListName=name)
    return {e["OptedOutNumber"]: e["EndUserOptedOut"] for page in pages for e in page["OptedOutNumbers"]}


def test_numbers_are_put_on_a_new_list_after_it_is_created(emulator):
    args = dict(name="imported", opted_out_numbers=numbers(2))
    check, apply, again_check, again = converge(
        emulator, "opt_out_list", args, ["CreateOptOutList", "PutOptedOutNumber", "PutOptedOutNumber"]
    )
    assert check.operations == ["DescribeOptOutLists", "DescribeAccountLimits"]
    predicted = [dict(opted_out_number=n, opted_out_timestamp=None, end_user_opted_out=False) for n in numbers(2)]
    assert check.result["opt_out_list"]["opted_out_numbers"] == predicted
    assert check.result["diff"]["before"] == {} and check.result["diff"]["after"]["opted_out_numbers"] == predicted
    puts = [c["params"] for c in apply.calls if c["operation"] == "PutOptedOutNumber"]
    assert puts == [dict(OptOutListName="imported", OptedOutNumber=n) for n in numbers(2)]
    assert on_list(emulator, "imported") == dict.fromkeys(numbers(2), False)
    assert again_check.operations == again.operations == READ + ["DescribeOptedOutNumbers"]
    entries = again.result["opt_out_list"]["opted_out_numbers"]
    assert [e["opted_out_number"] for e in entries] == numbers(2)
    assert all("T" in e["opted_out_timestamp"] and e["end_user_opted_out"] is False for e in entries)


def test_a_thousand_numbers_then_a_rerun_that_reads_ten_pages(emulator):
    emulator.client().create_opt_out_list(OptOutListName="bulk")
    wanted = numbers(1000)
    emulator.client().put_opted_out_number(OptOutListName="bulk", OptedOutNumber=wanted[0])
    args = dict(name="bulk", opted_out_numbers=wanted)
    check = run_task(emulator, "opt_out_list", args, check=True)
    assert not check.failed and check.changed and check.mutating == [], check.result.get("msg")
    assert check.operations == READ + ["DescribeOptedOutNumbers"]
    assert len(check.result["opt_out_list"]["opted_out_numbers"]) == 1000
    # 999 PutOptedOutNumber take 18 minutes at the published 1 a second: here the quotas are off for the apply
    # (benchmarks/opted_out_numbers.py times it at the published quotas).
    emulator.config(quotas=False)
    apply = run_task(emulator, "opt_out_list", args, extra_env=dict(SMS_VOICE_QUOTA_SCALE="1000"))
    emulator.config(quotas=True, quota_scale=TEST_QUOTA_SCALE)
    assert not apply.failed and apply.changed, apply.result.get("msg")
    assert apply.mutating == ["PutOptedOutNumber"] * 999
    assert len(on_list(emulator, "bulk")) == 1000
    again = run_task(emulator, "opt_out_list", args)
    assert not again.failed and again.changed is False
    # The re-run: the list, its tags and 10 pages of 100 entries: 12 calls for 1,000 numbers.
    assert collections.Counter(again.operations) == {
        "DescribeOptOutLists": 1,
        "ListTagsForResource": 1,
        "DescribeOptedOutNumbers": 10,
    }
    assert len(again.operations) == 12
    pages = [c["params"] for c in again.calls if c["operation"] == "DescribeOptedOutNumbers"]
    assert all(p["MaxResults"] == 100 for p in pages)


def test_purge_removes_what_the_api_put_and_keeps_end_user_opt_outs(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="purged")
    for number in numbers(3):
        client.put_opted_out_number(OptOutListName="purged", OptedOutNumber=number)
    emulator.seed_opted_out_numbers(numbers(1, start=50), opt_out_list="purged")
    args = dict(name="purged", opted_out_numbers=[numbers(3)[0], numbers(1, start=9)[0]], purge_opted_out_numbers=True)
    check, apply, _again_check, again = converge(
        emulator,
        "opt_out_list",
        args,
        ["PutOptedOutNumber", "DeleteOptedOutNumber", "DeleteOptedOutNumber"],
    )
    deleted = [c["params"]["OptedOutNumber"] for c in apply.calls if c["operation"] == "DeleteOptedOutNumber"]
    assert deleted == numbers(3)[1:]
    kept = numbers(1, start=50)[0]
    assert on_list(emulator, "purged") == {numbers(3)[0]: False, kept: True, numbers(1, start=9)[0]: False}
    for run in (check, apply, again):
        assert any(kept in w and "end users opted out" in w for w in run.result.get("warnings", [])), run.result
    after = [e["opted_out_number"] for e in check.result["diff"]["after"]["opted_out_numbers"]]
    before = [e["opted_out_number"] for e in check.result["diff"]["before"]["opted_out_numbers"]]
    assert before == numbers(3) + [kept] and after == [numbers(3)[0], kept, numbers(1, start=9)[0]]
    assert again.operations == READ + ["DescribeOptedOutNumbers"]


def test_a_number_deleted_less_than_30_days_ago_fails_saying_what_was_done(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="again")
    client.put_opted_out_number(OptOutListName="again", OptedOutNumber=numbers(1)[0])
    client.delete_opted_out_number(OptOutListName="again", OptedOutNumber=numbers(1)[0])
    client.put_opted_out_number(OptOutListName="again", OptedOutNumber=numbers(1)[0])
    run = run_task(emulator, "opt_out_list", dict(name="again", opted_out_numbers=[], purge_opted_out_numbers=True))
    assert run.failed and not run.changed
    assert "PHONE_NUMBER_CANNOT_BE_OPTED_IN" in str(run.result.get("error")) and "30 days" in run.result["msg"]
    assert "Nothing was changed" in run.result["msg"]
    assert on_list(emulator, "again") == {numbers(1)[0]: False}


@pytest.mark.parametrize(
    "args, fragment",
    [
        (dict(opted_out_numbers=["12065550100"]), "opted_out_numbers '12065550100' is not in E.164"),
        (dict(opted_out_numbers=["+1206555010x"]), "is not in E.164"),
        (dict(purge_opted_out_numbers=True), "purge_opted_out_numbers needs opted_out_numbers"),
    ],
    ids=["no-plus", "letter", "purge-alone"],
)
@pytest.mark.parametrize("check_mode", [True, False], ids=["check", "apply"])
def test_bad_numbers_fail_naming_the_option_before_any_call(emulator, args, fragment, check_mode):
    run = run_task(emulator, "opt_out_list", dict(name="Default", **args), check=check_mode)
    assert run.failed and fragment in run.result["msg"]
    assert not run.operations


def test_info_returns_each_entry_with_its_time_and_whether_its_end_user_opted_out(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="mixed")
    client.put_opted_out_number(OptOutListName="mixed", OptedOutNumber=numbers(1)[0])
    emulator.seed_opted_out_numbers(numbers(150, start=100), opt_out_list="mixed")
    plain = run_task(emulator, "opt_out_list_info", dict(names=["mixed"]))
    assert plain.result["opt_out_lists"][0]["opted_out_numbers"] is None
    assert "DescribeOptedOutNumbers" not in plain.operations
    run = run_task(emulator, "opt_out_list_info", dict(names=["mixed"], include_opted_out_numbers=True))
    assert not run.failed and run.changed is False and run.mutating == [], run.result.get("msg")
    assert run.operations == ["DescribeOptOutLists", "ListTagsForResource"] + ["DescribeOptedOutNumbers"] * 2
    entries = run.result["opt_out_lists"][0]["opted_out_numbers"]
    assert len(entries) == 151
    assert entries[0]["opted_out_number"] == numbers(1)[0] and entries[0]["end_user_opted_out"] is False
    assert all(e["end_user_opted_out"] is True for e in entries[1:])
    assert all(set(e) == {"opted_out_number", "opted_out_timestamp", "end_user_opted_out"} for e in entries)
    assert all("T" in e["opted_out_timestamp"] for e in entries)
