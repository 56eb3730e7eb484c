"""opt_out_list and opt_out_list_info through ansible-playbook against the emulator server.

Each scenario runs check -> apply -> idempotent check -> idempotent apply and
asserts ``changed``, the returned list and the exact API operations the
emulator recorded: writes in the apply only, reads only everywhere else.
"""

from __future__ import annotations

import pytest

from .harness import converge, run_task, run_tasks_at_once

SIMULATOR = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"], number_type="SIMULATOR"
)
RESULT_KEYS = {
    "opt_out_list_arn",
    "opt_out_list_name",
    "created_timestamp",
    "tags",
    "resource_policy",
    "opted_out_numbers",
}
# The reads of a task on an existing list: the list, then its tags.
READ = ["DescribeOptOutLists", "ListTagsForResource"]


def test_create_with_tags_converges_and_creates_one_list(emulator):
    args = dict(name="marketing", tags={"team": "messaging"})
    check, apply, again_check, again = converge(emulator, "opt_out_list", args, ["CreateOptOutList"])

    # A create reads the account's limits first, in check mode too (one call); a converged run does not.
    assert check.operations == ["DescribeOptOutLists", "DescribeAccountLimits"]
    assert check.result["opt_out_list"] == dict(
        opt_out_list_arn=None,
        opt_out_list_name="marketing",
        created_timestamp=None,
        tags={"team": "messaging"},
        resource_policy=None,
        opted_out_numbers=None,
    )
    assert check.result["diff"]["before"] == {}
    assert check.result["diff"]["after_header"] == "opt-out list marketing"

    created = apply.result["opt_out_list"]
    assert set(created) == RESULT_KEYS
    assert created["opt_out_list_arn"].endswith(":opt-out-list/marketing")
    assert created["tags"] == {"team": "messaging"}
    assert "T" in created["created_timestamp"]
    # The create is read back once: a replayed answer for a list deleted since would not be there.
    assert apply.operations == [
        "DescribeOptOutLists",
        "DescribeAccountLimits",
        "CreateOptOutList",
        "DescribeOptOutLists",
    ]
    create = next(c for c in apply.calls if c["operation"] == "CreateOptOutList")
    assert create["params"]["ClientToken"].startswith("ansible-sms-voice-")
    assert create["params"]["Tags"] == [{"Key": "team", "Value": "messaging"}]

    assert again_check.operations == READ and again.operations == READ
    assert again.result["opt_out_list"] == created == again_check.result["opt_out_list"]
    assert again.result["diff"]["before"] == again.result["diff"]["after"] == created


@pytest.mark.parametrize(
    "purge, ops, tags",
    [
        (True, ["UntagResource", "TagResource"], {"team": "ops", "env": "prod"}),
        (False, ["TagResource"], {"team": "ops", "env": "prod", "old": "x"}),
    ],
    ids=["purge", "keep"],
)
def test_changing_tags_sends_only_the_difference(emulator, purge, ops, tags):
    client = emulator.client()
    client.create_opt_out_list(
        OptOutListName="alerts",
        Tags=[{"Key": "team", "Value": "messaging"}, {"Key": "old", "Value": "x"}, {"Key": "env", "Value": "prod"}],
    )
    args = dict(name="alerts", tags={"team": "ops", "env": "prod"}, purge_tags=purge)
    check, apply, _again_check, _again = converge(emulator, "opt_out_list", args, ops)
    assert check.result["opt_out_list"]["tags"] == tags == apply.result["opt_out_list"]["tags"]
    assert check.result["diff"]["before"]["tags"] == {"team": "messaging", "old": "x", "env": "prod"}
    writes = {c["operation"]: c["params"] for c in apply.calls if c["operation"] in ops}
    assert writes["TagResource"]["Tags"] == [{"Key": "team", "Value": "ops"}]
    if purge:
        assert writes["UntagResource"]["TagKeys"] == ["old"]
    listed = client.list_tags_for_resource(ResourceArn=apply.result["opt_out_list"]["opt_out_list_arn"])["Tags"]
    assert {t["Key"]: t["Value"] for t in listed} == tags


def test_a_list_in_use_is_not_deleted_until_its_number_is_released(emulator):
    run_task(emulator, "opt_out_list", dict(name="support"))
    number = run_task(emulator, "phone_number", dict(name="support-line", opt_out_list_name="support", **SIMULATOR))
    assert not number.failed, number.result.get("msg")
    number_id = number.result["phone_number"]["phone_number_id"]
    assert number.result["phone_number"]["opt_out_list_name"] == "support"

    for check in (True, False):
        refused = run_task(emulator, "opt_out_list", dict(name="support", state="absent"), check=check)
        assert refused.failed and not refused.changed
        assert number_id in refused.result["msg"] and "in use" in refused.result["msg"]
        assert "pool" not in refused.result["msg"]
        assert refused.operations == [
            "DescribeOptOutLists",
            "ListTagsForResource",
            "DescribePhoneNumbers",
            "DescribePools",
        ]
    assert emulator.client().describe_opt_out_lists(OptOutListNames=["support"])["OptOutLists"]

    released = run_task(emulator, "phone_number", dict(name="support-line", state="absent"))
    assert not released.failed, released.result.get("msg")
    _check, apply, _again_check, again = converge(
        emulator, "opt_out_list", dict(name="support", state="absent"), ["DeleteOptOutList"]
    )
    assert apply.result["opt_out_list"] == {}
    assert apply.result["diff"]["after"] == {} and apply.result["diff"]["before"]["opt_out_list_name"] == "support"
    assert again.operations == ["DescribeOptOutLists"]


def test_a_list_a_pool_uses_is_not_deleted_naming_the_pool_and_its_number(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="pooled")
    number_id = client.request_phone_number(
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="SIMULATOR",
        OptOutListName="pooled",
    )["PhoneNumberId"]
    pool_id = client.create_pool(OriginationIdentity=number_id, IsoCountryCode="US", MessageType="TRANSACTIONAL")[
        "PoolId"
    ]
    refused = run_task(emulator, "opt_out_list", dict(name="pooled", state="absent"))
    assert refused.failed and refused.mutating == []
    assert number_id in refused.result["msg"] and pool_id in refused.result["msg"]


def test_absent_when_there_is_no_such_list_changes_nothing(emulator):
    run = run_task(emulator, "opt_out_list", dict(name="never-created", state="absent"))
    assert not run.failed and run.changed is False
    assert run.operations == ["DescribeOptOutLists"]
    assert run.result["opt_out_list"] == {}


@pytest.mark.parametrize("check", [True, False], ids=["check", "apply"])
def test_the_default_list_is_never_deleted(emulator, check):
    run = run_task(emulator, "opt_out_list", dict(name="Default", state="absent"), check=check)
    assert run.failed and not run.changed
    assert run.result["msg"].startswith("name: the Default opt-out list")
    assert run.operations == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        (dict(name="bad name"), "name 'bad name' must be 1 to 64 characters"),
        (dict(name="x" * 65), "must be 1 to 64 characters"),
        (dict(name="arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/a"), "name 'arn:aws"),
        (dict(name="ok", tags={"aws:owner": "x"}), "tags: tag key 'aws:owner' uses the reserved prefix"),
        (dict(name="ok", tags={str(i): "v" for i in range(51)}), "an opt-out list can have at most 50"),
    ],
    ids=["space", "too-long", "arn", "aws-tag", "too-many-tags"],
)
def test_bad_input_fails_naming_the_option_before_any_call(emulator, args, fragment):
    run = run_task(emulator, "opt_out_list", args)
    assert run.failed
    assert fragment in run.result["msg"]
    assert run.operations == []


def test_a_list_deleted_since_its_token_was_used_is_created_again_with_the_next_token(emulator):
    client = emulator.client()
    first = run_task(emulator, "opt_out_list", dict(name="raced", tags={"a": "1"}))
    token = next(c for c in first.calls if c["operation"] == "CreateOptOutList")["params"]["ClientToken"]
    client.delete_opt_out_list(OptOutListName="raced")
    # The same task again: the token's answer is replayed for the deleted list, so the next token of the chain
    # creates a new one.
    again = run_task(emulator, "opt_out_list", dict(name="raced", tags={"a": "1"}))
    assert not again.failed, again.result.get("msg")
    tokens = [c["params"]["ClientToken"] for c in again.calls if c["operation"] == "CreateOptOutList"]
    assert tokens[0] == token and len(tokens) == 2 and tokens[1] != token
    assert client.describe_opt_out_lists(OptOutListNames=["raced"])["OptOutLists"]


def test_overlapping_runs_of_one_task_create_one_list_and_none_fails(emulator):
    runs = run_tasks_at_once(emulator, "opt_out_list", dict(name="together", tags={"team": "ops"}), 3)
    assert [run.failed for run in runs] == [False] * 3, [run.result.get("msg") for run in runs]
    assert {run.result["opt_out_list"]["opt_out_list_arn"] for run in runs} == {
        emulator.client().describe_opt_out_lists(OptOutListNames=["together"])["OptOutLists"][0]["OptOutListArn"]
    }
    creates = [c for c in emulator.calls() if c["operation"] == "CreateOptOutList"]
    assert len({c["params"]["ClientToken"] for c in creates}) == 1


# -- opt_out_list_info -----------------------------------------------------------


@pytest.fixture
def three_lists(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="alpha", Tags=[{"Key": "team", "Value": "a"}])
    client.create_opt_out_list(OptOutListName="beta", Tags=[{"Key": "team", "Value": "b"}])
    client.create_opt_out_list(OptOutListName="gamma", Tags=[{"Key": "team", "Value": "a"}])
    return client


def info(emulator, **args):
    run = run_task(emulator, "opt_out_list_info", args)
    assert not run.failed, run.result.get("msg")
    assert run.changed is False and run.mutating == []
    return run


def names(run):
    return [item["opt_out_list_name"] for item in run.result["opt_out_lists"]]


def test_info_lists_every_list_in_the_shape_opt_out_list_returns(emulator, three_lists):
    run = info(emulator)
    assert names(run) == ["Default", "alpha", "beta", "gamma"]
    assert all(set(item) == RESULT_KEYS for item in run.result["opt_out_lists"])
    managed = run_task(emulator, "opt_out_list", dict(name="alpha")).result["opt_out_list"]
    assert run.result["opt_out_lists"][1] == managed


def test_info_by_names_skips_unknown_names(emulator, three_lists):
    run = info(emulator, names=["beta", "missing", "alpha"])
    assert names(run) == ["beta", "alpha"]
    assert info(emulator, names=["missing"]).result["opt_out_lists"] == []


def test_info_by_tags_and_without_tags(emulator, three_lists):
    assert names(info(emulator, tags={"team": "a"})) == ["alpha", "gamma"]
    assert info(emulator, tags={"team": "nobody"}).result["opt_out_lists"] == []
    bare = info(emulator, include_tags=False)
    assert [item["tags"] for item in bare.result["opt_out_lists"]] == [None] * 4
    assert "ListTagsForResource" not in bare.operations


def test_info_owner_with_names_fails_naming_both(emulator):
    run = run_task(emulator, "opt_out_list_info", dict(names=["alpha"], owner="SELF"))
    assert run.failed and "owner" in run.result["msg"] and "names" in run.result["msg"]
    assert run.operations == []
