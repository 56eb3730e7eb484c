"""Resource-based policies on numbers, pools and opt-out lists (tests/emulator/resource_policies.py)."""

from __future__ import annotations

import datetime
import json

import pytest

from tests.emulator import EmulatorControlError

from .helpers import raises, request, settle

POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
            "Action": ["sms-voice:SendTextMessage"],
            "Resource": "*",
        }
    ],
}


def _arns(api, client):
    number = request(client)
    pool = client.create_pool(OriginationIdentity=request(client)["PhoneNumberId"], MessageType="TRANSACTIONAL")
    listed = client.create_opt_out_list(OptOutListName="shared")
    settle(api)
    return [number["PhoneNumberArn"], pool["PoolArn"], listed["OptOutListArn"]]


def test_put_get_replace_and_delete_a_policy_on_each_resource(api):
    client = api.client()
    for arn in _arns(api, client):
        text = json.dumps(POLICY)
        put = client.put_resource_policy(ResourceArn=arn, Policy=text)
        assert put["ResourceArn"] == arn and put["Policy"] == text
        assert isinstance(put["CreatedTimestamp"], datetime.datetime)
        got = client.get_resource_policy(ResourceArn=arn)
        assert (got["Policy"], got["CreatedTimestamp"]) == (text, put["CreatedTimestamp"])
        # Another text replaces it as sent (keys in another order), keeping the time it was first put.
        reordered = json.dumps(dict(reversed(list(POLICY.items()))), indent=2)
        replaced = client.put_resource_policy(ResourceArn=arn, Policy=reordered)
        assert replaced["Policy"] == reordered and replaced["CreatedTimestamp"] == put["CreatedTimestamp"]
        deleted = client.delete_resource_policy(ResourceArn=arn)
        assert deleted["Policy"] == reordered
        with raises("ResourceNotFoundException", ResourceType="policy", ResourceId=arn):
            client.get_resource_policy(ResourceArn=arn)
        with raises("ResourceNotFoundException", ResourceType="policy"):
            client.delete_resource_policy(ResourceArn=arn)


def test_a_missing_policy_can_be_answered_empty(api):
    client = api.client()
    arn = request(client)["PhoneNumberArn"]
    api.config(missing_resource_policy="empty")
    answer = client.get_resource_policy(ResourceArn=arn)
    assert answer["ResourceArn"] == arn and "Policy" not in answer
    with raises("ResourceNotFoundException", ResourceType="policy"):
        client.delete_resource_policy(ResourceArn=arn)


@pytest.mark.parametrize("text", ["not json", "[]", '{"Version": "2012-10-17"}'])
def test_a_policy_that_is_not_a_json_object_with_statements_is_refused(api, text):
    client = api.client()
    arn = request(client)["PhoneNumberArn"]
    with raises("ValidationException", Reason="INVALID_PARAMETER") as caught:
        client.put_resource_policy(ResourceArn=arn, Policy=text)
    assert caught.value.response["Fields"][0]["Name"] == "Policy"
    with raises("ResourceNotFoundException", ResourceType="policy"):
        client.get_resource_policy(ResourceArn=arn)


def test_a_resource_that_does_not_exist_or_was_released_has_no_policy(api):
    client = api.client()
    missing = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-" + "0" * 32
    with raises("ResourceNotFoundException", ResourceType="phone-number"):
        client.put_resource_policy(ResourceArn=missing, Policy=json.dumps(POLICY))
    number = request(client)
    client.put_resource_policy(ResourceArn=number["PhoneNumberArn"], Policy=json.dumps(POLICY))
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    with raises("ResourceNotFoundException", ResourceType="phone-number"):
        client.get_resource_policy(ResourceArn=number["PhoneNumberArn"])


def test_bad_missing_resource_policy_setting_is_refused(api):
    with pytest.raises(EmulatorControlError, match="missing_resource_policy must be one of"):
        api.config(missing_resource_policy="none")
