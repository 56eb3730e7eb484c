"""Sender IDs, alone and in pools (tests/emulator/sender_ids.py), in-process and over HTTP."""

from __future__ import annotations

import json

import pytest

from .helpers import raises, request, settle

ARN = "arn:aws:sms-voice:us-east-1:123456789012:sender-id/{0}/{1}"


def test_request_describe_update_and_release_a_sender_id(api):
    client = api.client()
    requested = client.request_sender_id(
        SenderId="EXAMPLECO",
        IsoCountryCode="GB",
        MessageTypes=["TRANSACTIONAL"],
        DeletionProtectionEnabled=True,
        Tags=[{"Key": "Name", "Value": "brand-gb"}],
        ClientToken="sender-1",
    )
    assert requested["SenderIdArn"] == ARN.format("EXAMPLECO", "GB")
    assert (requested["SenderId"], requested["IsoCountryCode"]) == ("EXAMPLECO", "GB")
    assert requested["MessageTypes"] == ["TRANSACTIONAL"] and requested["Registered"] is False
    assert requested["DeletionProtectionEnabled"] is True and requested["MonthlyLeasingPrice"] == "0.00"
    assert requested["Tags"] == [{"Key": "Name", "Value": "brand-gb"}]
    # The same token and parameters replay the answer; the same sender ID and country is another resource no more.
    replay = client.request_sender_id(
        SenderId="EXAMPLECO",
        IsoCountryCode="GB",
        MessageTypes=["TRANSACTIONAL"],
        DeletionProtectionEnabled=True,
        Tags=[{"Key": "Name", "Value": "brand-gb"}],
        ClientToken="sender-1",
    )
    assert replay["SenderIdArn"] == requested["SenderIdArn"]
    with raises("ConflictException", Reason="RESOURCE_ALREADY_EXISTS", ResourceType="sender-id"):
        client.request_sender_id(SenderId="EXAMPLECO", IsoCountryCode="GB")
    other = client.request_sender_id(SenderId="EXAMPLECO", IsoCountryCode="DE")
    assert other["MessageTypes"] == ["TRANSACTIONAL", "PROMOTIONAL"]  # left out: both
    described = client.describe_sender_ids(SenderIds=[{"SenderId": "EXAMPLECO", "IsoCountryCode": "GB"}])
    assert [s["SenderIdArn"] for s in described["SenderIds"]] == [requested["SenderIdArn"]]
    assert [s["IsoCountryCode"] for s in client.describe_sender_ids()["SenderIds"]] == ["GB", "DE"]
    tags = client.list_tags_for_resource(ResourceArn=requested["SenderIdArn"])["Tags"]
    assert tags == [{"Key": "Name", "Value": "brand-gb"}]
    with raises("ConflictException", Reason="DELETION_PROTECTION_ENABLED", ResourceType="sender-id"):
        client.release_sender_id(SenderId="EXAMPLECO", IsoCountryCode="GB")
    updated = client.update_sender_id(
        SenderId=requested["SenderIdArn"], IsoCountryCode="GB", DeletionProtectionEnabled=False
    )
    assert updated["DeletionProtectionEnabled"] is False
    released = client.release_sender_id(SenderId="EXAMPLECO", IsoCountryCode="GB")
    assert released["SenderIdArn"] == requested["SenderIdArn"]
    with raises("ResourceNotFoundException", ResourceType="sender-id"):
        client.describe_sender_ids(SenderIds=[{"SenderId": "EXAMPLECO", "IsoCountryCode": "GB"}])
    with raises("ResourceNotFoundException", ResourceType="sender-id"):
        client.update_sender_id(SenderId="EXAMPLECO", IsoCountryCode="FR", DeletionProtectionEnabled=True)


def test_filters_and_pages(api):
    client = api.client()
    for country in ("GB", "DE", "FR"):
        client.request_sender_id(SenderId="BRAND", IsoCountryCode=country, MessageTypes=["PROMOTIONAL"])
    client.request_sender_id(SenderId="ALERTS", IsoCountryCode="GB", MessageTypes=["TRANSACTIONAL"])

    def listed(**params):
        return [(s["SenderId"], s["IsoCountryCode"]) for s in client.describe_sender_ids(**params)["SenderIds"]]

    assert listed(Filters=[{"Name": "iso-country-code", "Values": ["GB"]}]) == [("BRAND", "GB"), ("ALERTS", "GB")]
    assert listed(Filters=[{"Name": "message-type", "Values": ["TRANSACTIONAL"]}]) == [("ALERTS", "GB")]
    assert listed(
        Filters=[{"Name": "registered", "Values": ["false"]}, {"Name": "sender-id", "Values": ["BRAND"]}]
    ) == [
        ("BRAND", "GB"),
        ("BRAND", "DE"),
        ("BRAND", "FR"),
    ]
    first = client.describe_sender_ids(MaxResults=3)
    rest = client.describe_sender_ids(MaxResults=3, NextToken=first["NextToken"])
    assert [s["IsoCountryCode"] for s in rest["SenderIds"]] == ["GB"] and "NextToken" not in rest
    assert listed(Owner="SHARED") == []
    with raises("ValidationException", Reason="PARAMETERS_CANNOT_BE_USED_TOGETHER"):
        client.describe_sender_ids(Owner="SELF", SenderIds=[{"SenderId": "BRAND", "IsoCountryCode": "GB"}])


@pytest.mark.rule(
    "Sender IDs: none in US, CA and CN (SENDER_ID_NOT_SUPPORTED); registration first in AU, BY, EG, ID, IN, JO, PH, "
    "QA, SG (SENDER_ID_REQUIRES_REGISTRATION)",
    source="ValidationExceptionReason; RequestSenderId doc; user guide, sender IDs",
)
@pytest.mark.parametrize(
    ("country", "sender", "reason", "fragment"),
    [
        ("US", "BRAND", "SENDER_ID_NOT_SUPPORTED", "not supported in US"),
        ("CA", "BRAND", "SENDER_ID_NOT_SUPPORTED", "not supported in CA"),
        ("IN", "BRAND", "SENDER_ID_REQUIRES_REGISTRATION", "IN_SENDER_ID_REGISTRATION"),
        ("SG", "BRAND", "SENDER_ID_REQUIRES_REGISTRATION", "SG_SENDER_ID_REGISTRATION"),
        ("GB", "12345", "INVALID_PARAMETER", "must contain a letter"),
    ],
)
def test_countries_that_take_no_sender_id_without_a_registration(api, country, sender, reason, fragment):
    client = api.client()
    with raises("ValidationException", Reason=reason) as caught:
        client.request_sender_id(SenderId=sender, IsoCountryCode=country)
    assert fragment in caught.value.response["Message"]
    assert client.describe_sender_ids()["SenderIds"] == []


def test_the_account_limit_counts_sender_ids(api):
    client = api.client()
    api.config(sender_ids_quota=1)
    client.request_sender_id(SenderId="ONE", IsoCountryCode="GB")
    with raises("ServiceQuotaExceededException", Reason="SENDER_IDS_PER_ACCOUNT"):
        client.request_sender_id(SenderId="TWO", IsoCountryCode="GB")
    limits = {limit["Name"]: limit for limit in client.describe_account_limits()["AccountLimits"]}
    assert (limits["SENDER_IDS"]["Used"], limits["SENDER_IDS"]["Max"]) == (1, 1)


def test_a_pool_holds_a_number_and_a_sender_id_and_a_sender_id_joins_several_pools(api):
    client = api.client()
    sender = client.request_sender_id(SenderId="BRAND", IsoCountryCode="GB", MessageTypes=["TRANSACTIONAL"])
    number = request(client)
    pool = client.create_pool(OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL")["PoolId"]
    founded = client.create_pool(
        OriginationIdentity=sender["SenderIdArn"], IsoCountryCode="GB", MessageType="TRANSACTIONAL"
    )
    settle(api)
    joined = client.associate_origination_identity(PoolId=pool, OriginationIdentity="BRAND", IsoCountryCode="GB")
    assert joined["OriginationIdentityArn"] == sender["SenderIdArn"] and joined["OriginationIdentity"] == "BRAND"
    with raises("ConflictException", Reason="RESOURCE_ALREADY_ASSOCIATED", ResourceType="sender-id"):
        client.associate_origination_identity(PoolId=pool, OriginationIdentity="BRAND", IsoCountryCode="GB")
    settle(api)
    identities = client.list_pool_origination_identities(PoolId=pool)["OriginationIdentities"]
    # In the order the identities were created (the sender ID first here), as for numbers.
    assert [i["OriginationIdentity"] for i in identities] == ["BRAND", number["PhoneNumberId"]]
    assert identities[0] == {
        "OriginationIdentityArn": sender["SenderIdArn"],
        "OriginationIdentity": "BRAND",
        "IsoCountryCode": "GB",
        "NumberCapabilities": ["SMS"],
    }
    # A pool founded by a sender ID takes numbers too.
    client.associate_origination_identity(
        PoolId=founded["PoolId"], OriginationIdentity=request(client)["PhoneNumberId"]
    )
    with raises("ConflictException", Reason="SENDER_ID_ASSOCIATED_TO_POOL", ResourceType="sender-id"):
        client.release_sender_id(SenderId="BRAND", IsoCountryCode="GB")
    settle(api)
    client.disassociate_origination_identity(PoolId=pool, OriginationIdentity="BRAND", IsoCountryCode="GB")
    with raises("ConflictException", Reason="PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL", ResourceType="sender-id"):
        client.disassociate_origination_identity(PoolId=pool, OriginationIdentity="BRAND", IsoCountryCode="GB")
    settle(api)
    client.delete_pool(PoolId=founded["PoolId"])
    settle(api)
    assert client.release_sender_id(SenderId="BRAND", IsoCountryCode="GB")["SenderId"] == "BRAND"
    state = api.state()["us-east-1"]
    assert state["sender_ids"] == [] and [p["SenderIds"] for p in state["pools"]] == [[]]


def test_a_sender_id_joins_only_pools_of_a_message_type_it_sends_and_cannot_be_the_last_to_leave(api):
    client = api.client()
    client.request_sender_id(SenderId="PROMO", IsoCountryCode="GB", MessageTypes=["PROMOTIONAL"])
    number = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=number, MessageType="TRANSACTIONAL")["PoolId"]
    settle(api)
    with raises("ConflictException", Reason="MESSAGE_TYPE_MISMATCH", ResourceType="sender-id"):
        client.associate_origination_identity(PoolId=pool, OriginationIdentity="PROMO", IsoCountryCode="GB")
    with raises("ConflictException", Reason="MESSAGE_TYPE_MISMATCH"):
        client.create_pool(OriginationIdentity="PROMO", IsoCountryCode="GB", MessageType="TRANSACTIONAL")
    with raises("ResourceNotFoundException", ResourceType="sender-id"):
        client.associate_origination_identity(PoolId=pool, OriginationIdentity="PROMO", IsoCountryCode="DE")
    alone = client.create_pool(OriginationIdentity="PROMO", IsoCountryCode="GB", MessageType="PROMOTIONAL")["PoolId"]
    settle(api)
    with raises("ConflictException", Reason="LAST_PHONE_NUMBER", ResourceType="pool", ResourceId=alone):
        client.disassociate_origination_identity(PoolId=alone, OriginationIdentity="PROMO", IsoCountryCode="GB")


def test_a_sender_id_takes_a_resource_policy_and_is_found_by_the_tagging_api(api):
    client = api.client()
    arn = client.request_sender_id(SenderId="SHARED", IsoCountryCode="GB", Tags=[{"Key": "team", "Value": "ops"}])[
        "SenderIdArn"
    ]
    policy = json.dumps({"Version": "2012-10-17", "Statement": []})
    assert client.put_resource_policy(ResourceArn=arn, Policy=policy)["Policy"] == policy
    found = api.tagging_client().get_resources(ResourceTypeFilters=["sms-voice:sender-id"])["ResourceTagMappingList"]
    assert found == [{"ResourceARN": arn, "Tags": [{"Key": "team", "Value": "ops"}]}]
