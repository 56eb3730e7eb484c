"""resource_policy on phone_number, pool, opt_out_list and sender_id, and include_resource_policy on their _info modules.

Each scenario runs check -> apply -> idempotent check -> idempotent apply and
asserts ``changed``, the returned policy and the exact API operations the
emulator recorded. A policy is compared as JSON: the same document with its
keys in another order changes nothing.
"""

from __future__ import annotations

import json

import pytest

from .harness import converge, run_task

SIMULATOR = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"], number_type="SIMULATOR"
)


def document(arn="*", account="111122223333"):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Share",
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::{0}:root".format(account)},
                "Action": ["sms-voice:SendTextMessage", "sms-voice:DescribePhoneNumbers"],
                "Resource": arn,
            }
        ],
    }


def reordered(policy):
    """The same document as JSON text, every object's keys in reverse order and indented."""

    def flip(value):
        if isinstance(value, dict):
            return {k: flip(value[k]) for k in reversed(list(value))}
        if isinstance(value, list):
            return [flip(v) for v in value]
        return value

    return json.dumps(flip(policy), indent=4)


def stored(emulator, arn):
    return json.loads(emulator.client().get_resource_policy(ResourceArn=arn)["Policy"])


# The reads of a task on an existing resource, by module, before its policy is read.
READS = {
    "opt_out_list": ["DescribeOptOutLists", "ListTagsForResource"],
    "phone_number": ["DescribePhoneNumbers", "ListTagsForResource"],
    "pool": ["DescribePools", "ListTagsForResource", "ListPoolOriginationIdentities"],
    "sender_id": ["DescribeSenderIds", "ListTagsForResource"],
}
MODULES = sorted(READS)


@pytest.fixture(name="resources")
def resources_fixture(emulator):
    """module -> (task arguments that find the resource, its ARN, its result key)."""
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="shared")
    number = client.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"], NumberType="SIMULATOR"
    )
    founder = client.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"], NumberType="SIMULATOR"
    )
    pool = client.create_pool(
        OriginationIdentity=founder["PhoneNumberId"], IsoCountryCode="US", MessageType="TRANSACTIONAL"
    )
    sender = client.request_sender_id(SenderId="EXAMPLECO", IsoCountryCode="GB")
    list_arn = client.describe_opt_out_lists(OptOutListNames=["shared"])["OptOutLists"][0]["OptOutListArn"]
    return {
        "opt_out_list": (dict(name="shared"), list_arn),
        "phone_number": (dict(phone_number_id=number["PhoneNumberId"]), number["PhoneNumberArn"]),
        "pool": (dict(pool_id=pool["PoolId"]), pool["PoolArn"]),
        "sender_id": (dict(sender_id="EXAMPLECO", iso_country_code="GB"), sender["SenderIdArn"]),
    }


@pytest.mark.parametrize("module", MODULES)
def test_a_policy_is_put_then_rewritten_in_another_key_order_then_removed(emulator, resources, module):
    lookup, arn = resources[module]
    policy = document(arn)
    read = READS[module] + ["GetResourcePolicy"]

    check, apply, again_check, again = converge(
        emulator, module, dict(lookup, resource_policy=policy), ["PutResourcePolicy"]
    )
    assert check.operations == read and again.operations == read == again_check.operations
    assert check.result[module]["resource_policy"] == policy == apply.result[module]["resource_policy"]
    assert check.result["diff"]["before"]["resource_policy"] == {}
    assert check.result["diff"]["after"]["resource_policy"] == policy
    put = next(c for c in apply.calls if c["operation"] == "PutResourcePolicy")["params"]
    assert put["ResourceArn"] == arn and json.loads(put["Policy"]) == policy
    assert stored(emulator, arn) == policy
    assert again.result[module]["resource_policy"] == policy

    # The same document as text with its keys in another order and other white space: nothing to do.
    text = reordered(policy)
    assert text != json.dumps(policy)
    for check_mode in (True, False):
        run = run_task(emulator, module, dict(lookup, resource_policy=text), check=check_mode)
        assert not run.failed and run.changed is False, run.result.get("msg")
        assert run.operations == read

    # A changed document is put; {} removes it.
    changed = document(arn, account="444455556666")
    converge(emulator, module, dict(lookup, resource_policy=changed), ["PutResourcePolicy"])
    assert stored(emulator, arn) == changed
    check, apply, _again_check, again = converge(
        emulator, module, dict(lookup, resource_policy={}), ["DeleteResourcePolicy"]
    )
    assert check.result["diff"]["before"]["resource_policy"] == changed
    assert apply.result[module]["resource_policy"] == {} == again.result[module]["resource_policy"]
    with pytest.raises(emulator.client().exceptions.ResourceNotFoundException):
        emulator.client().get_resource_policy(ResourceArn=arn)


@pytest.mark.parametrize("module", MODULES)
def test_without_resource_policy_the_policy_is_neither_read_nor_changed(emulator, resources, module):
    lookup, arn = resources[module]
    emulator.client().put_resource_policy(ResourceArn=arn, Policy=json.dumps(document(arn)))
    run = run_task(emulator, module, lookup)
    assert not run.failed and run.changed is False, run.result.get("msg")
    assert run.operations == READS[module]
    assert run.result[module]["resource_policy"] is None
    assert stored(emulator, arn) == document(arn)


@pytest.mark.parametrize(
    "policy, fragment",
    [
        ('{"Version": "2012-10-17", "Statement": [', "resource_policy is not valid JSON"),
        ("[1, 2]", "resource_policy must be a policy document"),
        ({"Version": "2012-10-17"}, "resource_policy has no Statement"),
        (json.dumps({"Statement": [{"Sid": "x" * 10001}]}), "resource_policy is longer than 10000 characters"),
    ],
    ids=["bad-json", "not-an-object", "no-statement", "too-long"],
)
@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("check_mode", [True, False], ids=["check", "apply"])
def test_a_bad_policy_fails_naming_the_option_before_any_call(
    emulator, resources, module, policy, fragment, check_mode
):
    lookup, _arn = resources[module]
    run = run_task(emulator, module, dict(lookup, resource_policy=policy), check=check_mode)
    assert run.failed and not run.changed
    assert fragment in run.result["msg"]
    assert not run.operations


def test_a_new_opt_out_list_gets_its_policy_on_the_arn_the_create_answers(emulator):
    policy = document()
    check, apply, _again_check, again = converge(
        emulator, "opt_out_list", dict(name="fresh", resource_policy=policy), ["CreateOptOutList", "PutResourcePolicy"]
    )
    assert check.result["opt_out_list"]["resource_policy"] == policy
    arn = apply.result["opt_out_list"]["opt_out_list_arn"]
    put = next(c for c in apply.calls if c["operation"] == "PutResourcePolicy")["params"]
    assert put["ResourceArn"] == arn
    assert stored(emulator, arn) == policy == again.result["opt_out_list"]["resource_policy"]
    assert again.operations == READS["opt_out_list"] + ["GetResourcePolicy"]


def test_a_new_pool_gets_its_policy_once_created(emulator):
    number = emulator.client().request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"], NumberType="SIMULATOR"
    )["PhoneNumberId"]
    policy = document()
    args = dict(name="shared-pool", phone_numbers=[number], iso_country_code="US", message_type="TRANSACTIONAL")
    _check, apply, _again_check, _again = converge(
        emulator, "pool", dict(args, resource_policy=policy), ["CreatePool", "PutResourcePolicy"]
    )
    arn = apply.result["pool"]["pool_arn"]
    assert stored(emulator, arn) == policy == apply.result["pool"]["resource_policy"]


def test_a_new_sender_id_gets_its_policy_on_the_arn_the_request_answers(emulator):
    policy = document()
    args = dict(sender_id="NEWCO", iso_country_code="GB", resource_policy=policy)
    check, apply, _again_check, again = converge(emulator, "sender_id", args, ["RequestSenderId", "PutResourcePolicy"])
    assert check.result["sender_id"]["resource_policy"] == policy
    arn = apply.result["sender_id"]["sender_id_arn"]
    put = next(c for c in apply.calls if c["operation"] == "PutResourcePolicy")["params"]
    assert put["ResourceArn"] == arn == "arn:aws:sms-voice:us-east-1:123456789012:sender-id/NEWCO/GB"
    assert stored(emulator, arn) == policy == again.result["sender_id"]["resource_policy"]
    assert again.operations == READS["sender_id"] + ["GetResourcePolicy"]


@pytest.mark.parametrize(
    "module, key",
    [
        ("opt_out_list_info", "opt_out_lists"),
        ("phone_number_info", "phone_numbers"),
        ("pool_info", "pools"),
        ("sender_id_info", "sender_ids"),
    ],
)
def test_info_modules_return_policies_on_request_one_read_each(emulator, resources, module, key):
    kind = module[: -len("_info")]
    _lookup, arn = resources[kind]
    emulator.client().put_resource_policy(ResourceArn=arn, Policy=reordered(document(arn)))
    plain = run_task(emulator, module, dict(include_tags=False))
    assert not plain.failed and "GetResourcePolicy" not in plain.operations
    assert all(item["resource_policy"] is None for item in plain.result[key])

    run = run_task(emulator, module, dict(include_tags=False, include_resource_policy=True))
    assert not run.failed and run.changed is False and run.mutating == [], run.result.get("msg")
    items = run.result[key]
    assert run.operations.count("GetResourcePolicy") == len(items) > 0
    arn_key = {
        "opt_out_lists": "opt_out_list_arn",
        "phone_numbers": "phone_number_arn",
        "pools": "pool_arn",
        "sender_ids": "sender_id_arn",
    }[key]
    policies = {item[arn_key]: item["resource_policy"] for item in items}
    assert policies.pop(arn) == document(arn)
    assert all(other == {} for other in policies.values())  # the others have none
