"""The plans of ``resource_policy`` and ``opted_out_numbers`` on plain dicts: pure, no emulator."""

from __future__ import annotations

import json

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.plan import Plan
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.opted_out_numbers import plan_numbers
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import plan_policy
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import OPT_OUT_LIST, POOL
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.validation import parse_resource_policy

ARN = "arn:aws:sms-voice:us-east-1:123456789012:pool/pool-0123456789abcdef0123456789abcdef"
POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sms-voice:*", "Resource": "*"}]}


def pool_plan(policy):
    before = {"pool_id": "pool-0123456789abcdef0123456789abcdef", "pool_arn": ARN, "resource_policy": policy}
    return Plan("none", before, dict(before), [], resource=POOL)


def test_the_same_policy_with_its_keys_in_another_order_plans_nothing():
    text = json.dumps({"Statement": [dict(reversed(list(POLICY["Statement"][0].items())))], "Version": "2012-10-17"})
    plan = plan_policy(pool_plan(POLICY), {"resource_policy": text})
    assert not plan.steps and plan.action == "none" and plan.after["resource_policy"] == POLICY


@pytest.mark.parametrize(
    "have, want, operation",
    [
        ({}, POLICY, "PutResourcePolicy"),
        (POLICY, {}, "DeleteResourcePolicy"),
        (POLICY, dict(POLICY, Id="x"), "PutResourcePolicy"),
    ],
    ids=["put", "remove", "change"],
)
def test_a_different_policy_is_one_call_on_the_arn(have, want, operation):
    plan = plan_policy(pool_plan(have), {"resource_policy": want})
    assert [s.operation for s in plan.steps] == [operation] and plan.action == "update"
    assert plan.steps[0].params["ResourceArn"] == ARN
    assert plan.after["resource_policy"] == want and plan.steps[0].undo == {"resource_policy": have}


def test_unset_policy_plans_nothing_and_a_new_resource_is_named_by_its_arn_placeholder():
    assert plan_policy(pool_plan(POLICY), {"resource_policy": None}).after["resource_policy"] == POLICY
    created = Plan("create", None, {"pool_arn": None}, [], resource=POOL)
    plan_policy(created, {"resource_policy": POLICY})
    assert created.steps[0].params["ResourceArn"] == POOL.arn_placeholder()


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("{", "not valid JSON"),
        ("[]", "must be a policy document"),
        ({"Version": "1"}, "has no Statement"),
        (3, "got int"),
    ],
)
def test_bad_policies_fail_naming_the_option(value, fragment):
    with pytest.raises(SmsVoiceError, match="resource_policy") as error:
        parse_resource_policy(value)
    assert fragment in error.value.msg


def entry(number, end_user=False):
    return dict(opted_out_number=number, opted_out_timestamp="2026-12-01T00:00:00+00:00", end_user_opted_out=end_user)


def test_numbers_missing_are_put_and_with_purge_only_api_entries_go():
    before = {"opt_out_list_name": "l", "opted_out_numbers": [entry("+1"), entry("+2"), entry("+3", end_user=True)]}
    plan = Plan("none", before, dict(before), [], resource=OPT_OUT_LIST)
    kept = plan_numbers(plan, {"name": "l", "opted_out_numbers": ["+1", "+4", "+4"], "purge_opted_out_numbers": True})
    assert kept == ["+3"]
    assert [(s.operation, s.params["OptedOutNumber"]) for s in plan.steps] == [
        ("PutOptedOutNumber", "+4"),
        ("DeleteOptedOutNumber", "+2"),
    ]
    assert [e["opted_out_number"] for e in plan.after["opted_out_numbers"]] == ["+1", "+3", "+4"]
    assert plan.action == "update"


def test_without_purge_extra_numbers_stay_and_a_converged_list_plans_nothing():
    before = {"opt_out_list_name": "l", "opted_out_numbers": [entry("+1"), entry("+2")]}
    plan = Plan("none", before, dict(before), [], resource=OPT_OUT_LIST)
    assert plan_numbers(plan, {"name": "l", "opted_out_numbers": ["+2"]}) == []
    assert not plan.steps and plan.action == "none"
