"""A number keeps its identity: its Name, the aws: tags AWS gave it, its region and account."""

from __future__ import annotations

import pytest

from .harness import converge, run_task

OTHER_ACCOUNT = "111122223333"


def name_of(client, number_id):
    [number] = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"]
    tags = client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])["Tags"]
    return {t["Key"]: t["Value"] for t in tags}.get("Name")


def test_tags_by_id_keep_the_name_and_the_name_still_finds_the_number(emulator):
    [number_id] = emulator.seed(1, Tags=[{"Key": "Name", "Value": "keep"}, {"Key": "old", "Value": "1"}])
    _check, apply, _again_check, _again = converge(
        emulator,
        "phone_number",
        dict(phone_number_id=number_id, tags={"team": "platform"}),
        ["UntagResource", "TagResource"],
    )
    untag = next(c for c in apply.calls if c["operation"] == "UntagResource")
    assert untag["params"]["TagKeys"] == ["old"]
    assert apply.number["tags"] == {"Name": "keep", "team": "platform"}
    assert "Name" not in apply.result["diff"]["before"]["tags"].keys() - apply.result["diff"]["after"]["tags"].keys()
    by_name = run_task(emulator, "phone_number", dict(name="keep"))
    assert not by_name.failed and not by_name.changed
    assert by_name.number["phone_number_id"] == number_id


def test_number_with_aws_tags_converges_and_keeps_them(emulator):
    stack = {"aws:cloudformation:stack-name": "messaging", "aws:cloudformation:logical-id": "Number"}
    [number_id] = emulator.seed(1, aws_tags=stack, Tags=[{"Key": "Name", "Value": "cfn"}, {"Key": "x", "Value": "1"}])
    _check, apply, _again_check, again = converge(
        emulator, "phone_number", dict(name="cfn", tags={"team": "a"}), ["UntagResource", "TagResource"]
    )
    untag = next(c for c in apply.calls if c["operation"] == "UntagResource")
    assert untag["params"]["TagKeys"] == ["x"]
    assert again.number["tags"] == dict(stack, Name="cfn", team="a")
    assert again.number["phone_number_id"] == number_id


@pytest.mark.parametrize(
    ("lookup", "rename"),
    [
        ("phone_number_id", {"name": "taken"}),
        ("phone_number_id", {"tags": {"Name": "taken"}}),
        ("phone_number", {"name": "taken"}),
    ],
    ids=["id-name", "id-tags-Name", "e164-name"],
)
@pytest.mark.parametrize("check", [True, False], ids=["check", "apply"])
def test_naming_a_number_with_a_name_another_live_number_has_fails_before_any_write(emulator, lookup, rename, check):
    [holder] = emulator.seed(1, Tags=[{"Key": "Name", "Value": "taken"}])
    [number_id] = emulator.seed(1, Tags=[{"Key": "Name", "Value": "mine"}])
    client = emulator.client()
    key = (
        number_id
        if lookup == "phone_number_id"
        else client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]["PhoneNumber"]
    )
    run = run_task(emulator, "phone_number", dict({lookup: key}, **rename), check=check)
    assert run.failed
    assert "cannot be named 'taken'" in run.result["msg"]
    assert holder in run.result["msg"]
    assert run.mutating == []
    assert name_of(client, number_id) == "mine"


def test_naming_a_number_with_a_free_name_or_the_name_of_a_released_number_works(emulator):
    [released] = emulator.seed(1, Tags=[{"Key": "Name", "Value": "free"}])
    emulator.client().release_phone_number(PhoneNumberId=released)
    [number_id] = emulator.seed(1, Tags=[{"Key": "Name", "Value": "mine"}])
    converge(emulator, "phone_number", dict(phone_number_id=number_id, name="free"), ["TagResource"])
    assert name_of(emulator.client(), number_id) == "free"


def arn(region, account, number_id):
    return "arn:aws:sms-voice:{0}:{1}:phone-number/{2}".format(region, account, number_id)


@pytest.mark.parametrize("state", ["present", "absent"])
def test_arn_of_another_region_fails_saying_which_and_calls_nothing(emulator, state):
    [number_id] = emulator.seed(1, region="eu-west-1", Tags=[{"Key": "Name", "Value": "eu"}])
    run = run_task(
        emulator, "phone_number", dict(phone_number_id=arn("eu-west-1", "123456789012", number_id), state=state)
    )
    assert run.failed
    assert "region eu-west-1, but this task runs in region us-east-1" in run.result["msg"]
    assert "set region: eu-west-1" in run.result["msg"]
    assert run.operations == []
    [still] = emulator.client("eu-west-1").describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"]
    assert still["Status"] == "ACTIVE"


@pytest.mark.parametrize("state", ["present", "absent"])
def test_arn_of_another_account_fails_saying_which_and_changes_nothing(emulator, state):
    [number_id] = emulator.seed(1, account_id=OTHER_ACCOUNT, Tags=[{"Key": "Name", "Value": "theirs"}])
    run = run_task(
        emulator, "phone_number", dict(phone_number_id=arn("us-east-1", OTHER_ACCOUNT, number_id), state=state)
    )
    assert run.failed
    assert (
        "account {0}, but the credentials of this task are for account 123456789012".format(OTHER_ACCOUNT)
        in (run.result["msg"])
    )
    assert run.mutating == []
    [theirs] = [n for n in emulator.state()["us-east-1"]["phone_numbers"] if n["PhoneNumberId"] == number_id]
    assert theirs["Status"] == "ACTIVE"


def test_arn_of_this_account_and_region_that_is_gone_is_absent_and_unchanged(emulator):
    [number_id] = emulator.seed(1)
    emulator.client().release_phone_number(PhoneNumberId=number_id)
    run = run_task(
        emulator, "phone_number", dict(phone_number_id=arn("us-east-1", "123456789012", number_id), state="absent")
    )
    assert not run.failed and not run.changed
    assert run.mutating == []
