"""Phone-number operations through boto3, in-process and over HTTP (the ``api`` fixture).

The modules under test trust the emulator to answer like AWS, so every
behaviour and error the modules can meet is pinned here: response shapes,
defaults, per-country numbers, idempotency, status transitions, filters, and
the conflicts of updating and releasing.
"""

from __future__ import annotations

import datetime
import re

import pytest

from .helpers import IAM_ROLE, SIMULATOR, SNS_TOPIC, TOLL_FREE, campaign, raises, request, settle

ID_RE = re.compile(r"phone-[0-9a-f]{32}")


def test_request_simulator_number_shape_and_defaults(api):
    client = api.client()
    response = request(client, Tags=[{"Key": "Name", "Value": "alpha"}])
    number_id = response["PhoneNumberId"]
    assert ID_RE.fullmatch(number_id)
    assert response["PhoneNumberArn"] == f"arn:aws:sms-voice:us-east-1:123456789012:phone-number/{number_id}"
    assert re.fullmatch(r"\+1[2-9]\d{9}", response["PhoneNumber"])
    assert response["Status"] == "ACTIVE"
    assert response["MonthlyLeasingPrice"] == "0.00"
    assert response["OptOutListName"] == "Default"
    assert response["TwoWayEnabled"] is False
    assert response["SelfManagedOptOutsEnabled"] is False
    assert response["InternationalSendingEnabled"] is False
    assert response["DeletionProtectionEnabled"] is False
    assert response["Tags"] == [{"Key": "Name", "Value": "alpha"}]
    assert isinstance(response["CreatedTimestamp"], datetime.datetime)
    assert "PoolId" not in response and "RegistrationId" not in response

    described = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"]
    assert len(described) == 1
    assert described[0]["PhoneNumber"] == response["PhoneNumber"]
    assert described[0]["NumberCapabilities"] == ["SMS"]
    assert "Tags" not in described[0]
    assert api.calls()[0]["operation"] == "RequestPhoneNumber"
    assert api.calls()[0]["params"]["Tags"] == [{"Key": "Name", "Value": "alpha"}]


def test_request_with_every_parameter(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="marketing")
    first = request(client, OptOutListName="marketing", NumberCapabilities=["SMS", "VOICE"])
    pool = client.create_pool(OriginationIdentity=first["PhoneNumberId"], MessageType="TRANSACTIONAL")
    settle(api)
    response = request(
        client,
        NumberCapabilities=["VOICE", "SMS"],
        OptOutListName="arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/marketing",
        PoolId=pool["PoolArn"],
        InternationalSendingEnabled=True,
        DeletionProtectionEnabled=True,
        Tags=[{"Key": "team", "Value": "ops"}, {"Key": "env", "Value": ""}],
        ClientToken="every-parameter",
    )
    assert response["OptOutListName"] == "marketing"
    assert response["PoolId"] == pool["PoolId"]
    assert response["InternationalSendingEnabled"] is True
    assert response["DeletionProtectionEnabled"] is True
    assert response["NumberCapabilities"] == ["VOICE", "SMS"]
    tags = client.list_tags_for_resource(ResourceArn=response["PhoneNumberArn"])["Tags"]
    assert tags == [{"Key": "team", "Value": "ops"}, {"Key": "env", "Value": ""}]
    described = client.describe_phone_numbers(PhoneNumberIds=[response["PhoneNumberArn"]])["PhoneNumbers"][0]
    assert described["PoolId"] == pool["PoolId"]


@pytest.mark.parametrize(
    ("country", "number_type", "capabilities", "pattern", "price"),
    [
        ("US", "TOLL_FREE", ["SMS", "VOICE", "MMS"], r"\+18(00|33|44|55|66|77|88)[2-9]\d{6}", "2.00"),
        ("US", "TEN_DLC", ["SMS"], r"\+1[2-9]\d{9}", "2.00"),
        ("CA", "LONG_CODE", ["SMS"], r"\+1[2-9]\d{9}", "1.00"),
        ("CA", "TOLL_FREE", ["VOICE"], r"\+18\d{9}", "2.00"),
        ("GB", "LONG_CODE", ["SMS", "VOICE"], r"\+447\d{9}", "1.00"),
        ("AU", "LONG_CODE", ["SMS"], r"\+614\d{8}", "1.00"),
        ("DE", "LONG_CODE", ["SMS"], r"\+4915\d{9}", "1.00"),
        ("FR", "LONG_CODE", ["SMS"], r"\+33[67]\d{8}", "1.00"),
        ("JP", "LONG_CODE", ["VOICE"], r"\+8150\d{8}", "1.00"),
    ],
)
def test_request_numbers_per_country(mock_emulator, country, number_type, capabilities, pattern, price):
    registration = {"RegistrationId": campaign(mock_emulator)} if number_type == "TEN_DLC" else {}
    response = mock_emulator.client().request_phone_number(
        IsoCountryCode=country,
        MessageType="PROMOTIONAL",
        NumberCapabilities=capabilities,
        NumberType=number_type,
        **registration,
    )
    assert re.fullmatch(pattern, response["PhoneNumber"]), response["PhoneNumber"]
    assert response["MonthlyLeasingPrice"] == price
    assert response["IsoCountryCode"] == country


@pytest.mark.parametrize(
    ("overrides", "reason", "field"),
    [
        ({"NumberType": "LONG_CODE"}, "INVALID_PARAMETER", "NumberType"),
        ({"IsoCountryCode": "ZZ"}, "INVALID_PARAMETER", "IsoCountryCode"),
        ({"MessageType": "PROMOTIONAL"}, "INVALID_PARAMETER", "MessageType"),
        ({"IsoCountryCode": "CA"}, "INVALID_PARAMETER", "NumberType"),
        ({"NumberCapabilities": ["SMS", "RCS"]}, "INVALID_PARAMETER", "NumberCapabilities"),
        ({"IsoCountryCode": "JP", "NumberType": "LONG_CODE"}, "INVALID_PARAMETER", "NumberCapabilities"),
        (
            {"IsoCountryCode": "JP", "NumberType": "LONG_CODE", "NumberCapabilities": ["VOICE", "MMS"]},
            "INVALID_PARAMETER",
            "NumberCapabilities",
        ),
        (
            {"NumberPreference": [{"PreferenceType": ["StartsWith"], "Filter": ["206"]}]},
            "INVALID_PARAMETER",
            "NumberPreference",
        ),
    ],
)
def test_request_unsupported_combinations(api, overrides, reason, field):
    with raises("ValidationException", Reason=reason) as caught:
        request(api.client(), **overrides)
    assert [f["Name"] for f in caught.value.response["Fields"]] == [field]
    assert api.state()["us-east-1"]["phone_numbers"] == []


def test_request_ten_dlc_number_preference(mock_emulator):
    client = mock_emulator.client()
    base = {**SIMULATOR, "NumberType": "TEN_DLC", "RegistrationId": campaign(mock_emulator)}
    starts = client.request_phone_number(
        **base, NumberPreference=[{"PreferenceType": ["StartsWith"], "Filter": ["+1206"]}]
    )
    assert starts["PhoneNumber"].startswith("+1206")
    ends = client.request_phone_number(**base, NumberPreference=[{"PreferenceType": ["EndsWith"], "Filter": ["4242"]}])
    assert ends["PhoneNumber"].endswith("4242")
    exact = client.request_phone_number(
        **base, NumberPreference=[{"PreferenceType": ["ExactMatch"], "Filter": ["+12065550123"]}]
    )
    assert exact["PhoneNumber"] == "+12065550123"
    with raises("ValidationException", Reason="INVALID_PARAMETER"):
        client.request_phone_number(
            **base, NumberPreference=[{"PreferenceType": ["ExactMatch"], "Filter": ["+12065550123"]}]
        )


def test_request_validation_follows_the_model(api):
    client = api.client(parameter_validation=False)
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED") as caught:
        request(client, IsoCountryCode="usa")
    assert caught.value.response["Fields"][0]["Name"] == "IsoCountryCode"
    assert "IsoCountryCode" in caught.value.response["Message"]
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED") as caught:
        client.request_phone_number(IsoCountryCode="US", NumberCapabilities=["SMS"], NumberType="SHORT_CODE")
    names = {f["Name"] for f in caught.value.response["Fields"]}
    assert names == {"MessageType", "NumberType"}
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED") as caught:
        request(client, Tags=[{"Key": "", "Value": "x"}])
    assert caught.value.response["Fields"][0]["Name"] == "Tags[0].Key"


def test_request_missing_references(api):
    client = api.client()
    with raises("ResourceNotFoundException", ResourceType="opt-out-list", ResourceId="nope"):
        request(client, OptOutListName="nope")
    with raises("ResourceNotFoundException", ResourceType="pool", ResourceId="pool-missing"):
        request(client, PoolId="pool-missing")
    with raises("ResourceNotFoundException", ResourceType="registration", ResourceId="registration-1234"):
        request(client, RegistrationId="registration-1234")
    assert api.state()["us-east-1"]["phone_numbers"] == []


def test_request_into_pool_checks_compatibility(api):
    client = api.client()
    first = request(client)
    pool = client.create_pool(OriginationIdentity=first["PhoneNumberId"], MessageType="TRANSACTIONAL")
    settle(api)
    client.create_opt_out_list(OptOutListName="other")
    with raises("ConflictException", Reason="MESSAGE_TYPE_MISMATCH", ResourceType="pool", ResourceId=pool["PoolId"]):
        client.request_phone_number(**{**TOLL_FREE, "PoolId": pool["PoolId"]})
    with raises("ConflictException", Reason="OPT_OUT_LIST_MISMATCH"):
        request(client, PoolId=pool["PoolId"], OptOutListName="other")


@pytest.mark.rule(
    "A ClientToken reused with other parameters is ConflictException RESOURCE_ALREADY_EXISTS",
    source="emulator's choice: the model is silent (README)",
)
def test_client_token_replay_and_conflict(api):
    client = api.client()
    first = request(client, ClientToken="token-1", Tags=[{"Key": "Name", "Value": "a"}])
    again = request(client, ClientToken="token-1", Tags=[{"Key": "Name", "Value": "a"}])
    assert again["PhoneNumberId"] == first["PhoneNumberId"]
    assert again["PhoneNumber"] == first["PhoneNumber"]
    assert len(client.describe_phone_numbers()["PhoneNumbers"]) == 1
    with raises(
        "ConflictException",
        Reason="RESOURCE_ALREADY_EXISTS",
        ResourceType="phone-number",
        ResourceId=first["PhoneNumberId"],
    ):
        request(client, ClientToken="token-1", Tags=[{"Key": "Name", "Value": "b"}])
    other = request(client, ClientToken="token-2", Tags=[{"Key": "Name", "Value": "a"}])
    assert other["PhoneNumberId"] != first["PhoneNumberId"]
    assert len(client.describe_phone_numbers()["PhoneNumbers"]) == 2


def test_client_token_is_per_region(api):
    east = request(api.client("us-east-1"), ClientToken="shared-token")
    west = request(api.client("us-west-2"), ClientToken="shared-token")
    assert east["PhoneNumberId"] != west["PhoneNumberId"]
    assert west["PhoneNumberArn"].startswith("arn:aws:sms-voice:us-west-2:123456789012:phone-number/")
    state = api.state()
    assert len(state["us-east-1"]["phone_numbers"]) == 1
    assert len(state["us-west-2"]["phone_numbers"]) == 1
    assert api.client("eu-west-2").describe_phone_numbers()["PhoneNumbers"] == []


def test_pending_until_configured_delay_then_active(api):
    api.config(pending_seconds={"TOLL_FREE": 30})
    client = api.client()
    number = client.request_phone_number(**TOLL_FREE)
    assert number["Status"] == "PENDING"
    api.advance_clock(25)
    assert (
        client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])["PhoneNumbers"][0]["Status"]
        == "PENDING"
    )
    api.advance_clock(5)
    assert client.describe_phone_numbers()["PhoneNumbers"][0]["Status"] == "ACTIVE"
    # A replayed request shows the current status, not the one first answered.
    api.config(pending_seconds={"TOLL_FREE": 0})
    assert client.request_phone_number(**TOLL_FREE, ClientToken="t")["Status"] == "ACTIVE"


@pytest.mark.parametrize("number_type", ["TOLL_FREE", "TEN_DLC"])
def test_us_toll_free_and_ten_dlc_numbers_stay_pending_for_ten_days_by_default(api, number_type):
    client = api.client()
    registration = {"RegistrationId": campaign(api)} if number_type == "TEN_DLC" else {}
    number = client.request_phone_number(**{**TOLL_FREE, "NumberType": number_type}, **registration)
    assert number["Status"] == "PENDING"

    def status():
        return client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])["PhoneNumbers"][0]["Status"]

    api.advance_clock(9 * 86_400)
    assert status() == "PENDING"
    with raises("ConflictException", Reason="RESOURCE_NOT_ACTIVE"):
        client.update_phone_number(PhoneNumberId=number["PhoneNumberId"], DeletionProtectionEnabled=True)
    api.advance_clock(86_400 - 1)
    assert status() == "PENDING"
    api.advance_clock(1)
    assert status() == "ACTIVE"


def test_describe_by_ids_and_arns(api):
    client = api.client()
    ids = [request(client)["PhoneNumberId"] for _index in range(3)]
    arn = f"arn:aws:sms-voice:us-east-1:123456789012:phone-number/{ids[2]}"
    found = client.describe_phone_numbers(PhoneNumberIds=[ids[2], ids[0], arn])["PhoneNumbers"]
    assert [n["PhoneNumberId"] for n in found] == [ids[0], ids[2]]
    with raises("ResourceNotFoundException", ResourceType="phone-number", ResourceId="phone-" + "0" * 32):
        client.describe_phone_numbers(PhoneNumberIds=[ids[0], "phone-" + "0" * 32])
    other_region = f"arn:aws:sms-voice:eu-west-1:123456789012:phone-number/{ids[0]}"
    with raises("ResourceNotFoundException", ResourceType="phone-number", ResourceId=other_region):
        client.describe_phone_numbers(PhoneNumberIds=[other_region])
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED") as caught:
        client.describe_phone_numbers(PhoneNumberIds=ids + ids)
    assert caught.value.response["Fields"][0]["Name"] == "PhoneNumberIds"


def test_describe_owner(api):
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    assert client.describe_phone_numbers(Owner="SHARED")["PhoneNumbers"] == []
    assert [n["PhoneNumberId"] for n in client.describe_phone_numbers(Owner="SELF")["PhoneNumbers"]] == [number_id]
    with raises("ValidationException", Reason="PARAMETERS_CANNOT_BE_USED_TOGETHER"):
        client.describe_phone_numbers(Owner="SELF", PhoneNumberIds=[number_id])


def test_describe_filters(api):
    api.config(pending_seconds={"TOLL_FREE": 60})
    client = api.client()
    client.create_opt_out_list(OptOutListName="vip")
    simulator = request(client, OptOutListName="vip", DeletionProtectionEnabled=True)["PhoneNumberId"]
    two_way = request(client, NumberCapabilities=["SMS", "VOICE"])["PhoneNumberId"]
    client.update_phone_number(
        PhoneNumberId=two_way, TwoWayEnabled=True, TwoWayChannelArn=SNS_TOPIC, SelfManagedOptOutsEnabled=True
    )
    toll_free = client.request_phone_number(**TOLL_FREE)["PhoneNumberId"]
    canada = client.request_phone_number(
        IsoCountryCode="CA", MessageType="TRANSACTIONAL", NumberCapabilities=["MMS"], NumberType="LONG_CODE"
    )["PhoneNumberId"]

    def ids(*filters):
        pages = client.get_paginator("describe_phone_numbers").paginate(
            Filters=[{"Name": name, "Values": values} for name, values in filters]
        )
        return {n["PhoneNumberId"] for page in pages for n in page["PhoneNumbers"]}

    assert ids(("status", ["PENDING"])) == {toll_free}
    assert ids(("status", ["ACTIVE"])) == {simulator, two_way, canada}
    assert ids(("status", ["PENDING", "ACTIVE"])) == {simulator, two_way, toll_free, canada}
    assert ids(("iso-country-code", ["CA"])) == {canada}
    assert ids(("message-type", ["PROMOTIONAL"])) == {toll_free}
    assert ids(("number-capability", ["VOICE"])) == {two_way, toll_free}
    assert ids(("number-capability", ["MMS", "VOICE"])) == {two_way, toll_free, canada}
    assert ids(("number-type", ["SIMULATOR"])) == {simulator, two_way}
    assert ids(("two-way-enabled", ["true"])) == {two_way}
    assert ids(("two-way-enabled", ["false"])) == {simulator, toll_free, canada}
    assert ids(("self-managed-opt-outs-enabled", ["true"])) == {two_way}
    assert ids(("opt-out-list-name", ["vip"])) == {simulator}
    assert ids(("deletion-protection-enabled", ["true"])) == {simulator}
    assert ids(("two-way-channel-arn", [SNS_TOPIC])) == {two_way}
    # Filters are AND'ed.
    assert ids(("number-type", ["SIMULATOR"]), ("number-capability", ["VOICE"])) == {two_way}
    assert ids(("number-type", ["SIMULATOR"]), ("iso-country-code", ["CA"])) == set()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("status", "RUNNING"),
        ("message-type", "transactional"),
        ("number-capability", "FAX"),
        ("number-type", "MOBILE"),
        ("two-way-enabled", "yes"),
        ("self-managed-opt-outs-enabled", "1"),
        ("deletion-protection-enabled", "on"),
        ("iso-country-code", "usa"),
    ],
)
def test_describe_invalid_filter_values(mock_emulator, name, value):
    with raises("ValidationException", Reason="INVALID_FILTER_VALUES") as caught:
        mock_emulator.client().describe_phone_numbers(Filters=[{"Name": name, "Values": [value]}])
    assert caught.value.response["Fields"][0]["Name"] == "Filters[0].Values"


def test_describe_rejects_bad_paging_parameters(api):
    client = api.client(parameter_validation=False)
    with raises("ValidationException", Reason="INVALID_NEXT_TOKEN"):
        client.describe_phone_numbers(NextToken="not-a-token")
    for value in (0, 101):
        with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED") as caught:
            client.describe_phone_numbers(MaxResults=value)
        assert caught.value.response["Fields"][0]["Name"] == "MaxResults"
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        client.describe_phone_numbers(Filters=[{"Name": "tag:Name", "Values": ["x"]}])


def test_update_every_mutable_field(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="support")
    number_id = request(client)["PhoneNumberId"]
    response = client.update_phone_number(
        PhoneNumberId=number_id,
        TwoWayEnabled=True,
        TwoWayChannelArn=SNS_TOPIC,
        TwoWayChannelRole=IAM_ROLE,
        SelfManagedOptOutsEnabled=True,
        OptOutListName="support",
        InternationalSendingEnabled=True,
        DeletionProtectionEnabled=True,
    )
    assert response["PhoneNumberId"] == number_id
    expected = {
        "TwoWayEnabled": True,
        "TwoWayChannelArn": SNS_TOPIC,
        "TwoWayChannelRole": IAM_ROLE,
        "SelfManagedOptOutsEnabled": True,
        "OptOutListName": "support",
        "InternationalSendingEnabled": True,
        "DeletionProtectionEnabled": True,
    }
    described = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]
    for key, value in expected.items():
        assert response[key] == value
        assert described[key] == value
    # Unset members are left alone; the channel stays when two-way is switched off (with the self-managed
    # opt-outs that need it).
    client.update_phone_number(PhoneNumberId=number_id, TwoWayEnabled=False, SelfManagedOptOutsEnabled=False)
    described = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]
    assert described["TwoWayEnabled"] is False
    assert described["TwoWayChannelArn"] == SNS_TOPIC
    assert described["DeletionProtectionEnabled"] is True
    # Re-enabling needs no channel: the number still has one.
    client.update_phone_number(PhoneNumberId=number_id, TwoWayEnabled=True)
    connect = "connect.us-east-1.amazonaws.com"
    assert client.update_phone_number(PhoneNumberId=number_id, TwoWayChannelArn=connect)["TwoWayChannelArn"] == connect


def test_update_errors(api):
    api.config(pending_seconds={"TOLL_FREE": 60})
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    with raises("ValidationException", Reason="TWO_WAY_CHANNEL_NOT_PRESENT"):
        client.update_phone_number(PhoneNumberId=number_id, TwoWayEnabled=True)
    with raises("ValidationException", Reason="INVALID_PARAMETER") as caught:
        client.update_phone_number(PhoneNumberId=number_id, TwoWayChannelArn="arn:aws:sqs:us-east-1:123456789012:queue")
    assert caught.value.response["Fields"][0]["Name"] == "TwoWayChannelArn"
    with raises("ValidationException", Reason="INVALID_ARN") as caught:
        client.update_phone_number(PhoneNumberId=number_id, TwoWayChannelRole="arn:aws:iam::123456789012:user/bob")
    assert caught.value.response["Fields"][0]["Name"] == "TwoWayChannelRole"
    with raises("ResourceNotFoundException", ResourceType="opt-out-list", ResourceId="missing"):
        client.update_phone_number(PhoneNumberId=number_id, OptOutListName="missing")
    with raises("ResourceNotFoundException", ResourceType="phone-number", ResourceId="phone-" + "1" * 32):
        client.update_phone_number(PhoneNumberId="phone-" + "1" * 32, DeletionProtectionEnabled=True)
    pending = client.request_phone_number(**TOLL_FREE)["PhoneNumberId"]
    with raises("ConflictException", Reason="RESOURCE_NOT_ACTIVE", ResourceType="phone-number", ResourceId=pending):
        client.update_phone_number(PhoneNumberId=pending, SelfManagedOptOutsEnabled=True)
    client.release_phone_number(PhoneNumberId=number_id)
    with raises("ConflictException", Reason="RESOURCE_NOT_ACTIVE", ResourceType="phone-number", ResourceId=number_id):
        client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=True)
    assert [call["error"] for call in api.calls() if call["operation"] == "UpdatePhoneNumber"] == [
        "ValidationException",
        "ValidationException",
        "ValidationException",
        "ResourceNotFoundException",
        "ResourceNotFoundException",
        "ConflictException",
        "ConflictException",
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"DeletionProtectionEnabled": True},
        {"InternationalSendingEnabled": True},
        {"OptOutListName": "other"},
        {"OptOutListName": "Default"},
        {"TwoWayEnabled": True, "TwoWayChannelArn": SNS_TOPIC},
        {"SelfManagedOptOutsEnabled": True},
        {},
    ],
    ids=lambda change: ",".join(change) or "nothing",
)
def test_update_of_a_number_in_a_pool_is_refused_whatever_it_changes(api, change):
    client = api.client()
    client.create_opt_out_list(OptOutListName="other")
    number_id = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=number_id, MessageType="TRANSACTIONAL")
    settle(api)
    with raises(
        "ConflictException",
        Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL",
        ResourceType="phone-number",
        ResourceId=number_id,
    ) as caught:
        client.update_phone_number(PhoneNumberId=number_id, **change)
    assert pool["PoolId"] in caught.value.response["Message"]
    described = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]
    assert described["DeletionProtectionEnabled"] is False
    assert described["InternationalSendingEnabled"] is False
    assert described["OptOutListName"] == "Default"


def test_update_after_leaving_the_pool_succeeds(api):
    client = api.client()
    founder = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=founder, MessageType="TRANSACTIONAL")
    settle(api)
    member = request(client)["PhoneNumberId"]
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=member)
    settle(api)
    client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=member)
    settle(api)
    updated = client.update_phone_number(PhoneNumberId=member, DeletionProtectionEnabled=True)
    assert updated["DeletionProtectionEnabled"] is True


def test_release_and_retention(api):
    client = api.client()
    number = request(client)
    number_id = number["PhoneNumberId"]
    released = client.release_phone_number(PhoneNumberId=number["PhoneNumberArn"])
    assert released["Status"] == "DELETED"
    assert released["PhoneNumberId"] == number_id
    assert released["PhoneNumber"] == number["PhoneNumber"]
    listed = client.describe_phone_numbers(Filters=[{"Name": "status", "Values": ["DELETED"]}])["PhoneNumbers"]
    assert [n["PhoneNumberId"] for n in listed] == [number_id]
    with raises("ConflictException", Reason="RESOURCE_NOT_ACTIVE"):
        client.release_phone_number(PhoneNumberId=number_id)
    api.advance_clock(290)
    assert client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]["Status"] == "DELETED"
    api.advance_clock(10)
    with raises("ResourceNotFoundException", ResourceType="phone-number"):
        client.describe_phone_numbers(PhoneNumberIds=[number_id])
    assert client.describe_phone_numbers()["PhoneNumbers"] == []
    with raises("ResourceNotFoundException", ResourceType="phone-number"):
        client.release_phone_number(PhoneNumberId=number_id)


def test_release_conflicts(api):
    client = api.client()
    protected = request(client, DeletionProtectionEnabled=True)["PhoneNumberId"]
    with raises(
        "ConflictException", Reason="DELETION_PROTECTION_ENABLED", ResourceType="phone-number", ResourceId=protected
    ):
        client.release_phone_number(PhoneNumberId=protected)
    client.update_phone_number(PhoneNumberId=protected, DeletionProtectionEnabled=False)
    pool = client.create_pool(OriginationIdentity=protected, MessageType="TRANSACTIONAL")
    settle(api)
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL", ResourceId=protected) as caught:
        client.release_phone_number(PhoneNumberId=protected)
    assert pool["PoolId"] in caught.value.response["Message"]
    client.delete_pool(PoolId=pool["PoolId"])
    settle(api)
    assert client.release_phone_number(PhoneNumberId=protected)["Status"] == "DELETED"


def test_configured_retention(api):
    api.config(deleted_retention_seconds=0)
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    client.release_phone_number(PhoneNumberId=number_id)
    assert client.describe_phone_numbers()["PhoneNumbers"] == []


@pytest.mark.rule(
    "INTERNATIONAL_SENDING_NOT_SUPPORTED: international sending on a US toll-free number",
    source="ValidationExceptionReason",
)
def test_a_us_toll_free_number_refuses_international_sending(api):
    api.config(pending_seconds={"TOLL_FREE": 0})
    client = api.client()
    with raises("ValidationException", Reason="INTERNATIONAL_SENDING_NOT_SUPPORTED") as caught:
        client.request_phone_number(**TOLL_FREE, InternationalSendingEnabled=True)
    assert caught.value.response["Fields"][0]["Name"] == "InternationalSendingEnabled"
    assert api.state()["us-east-1"]["phone_numbers"] == []
    number_id = client.request_phone_number(**TOLL_FREE)["PhoneNumberId"]
    with raises("ValidationException", Reason="INTERNATIONAL_SENDING_NOT_SUPPORTED"):
        client.update_phone_number(PhoneNumberId=number_id, InternationalSendingEnabled=True)
    described = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]
    assert described["InternationalSendingEnabled"] is False
    # Other numbers (a Canadian toll-free one, a US simulator) may send abroad.
    client.request_phone_number(**{**TOLL_FREE, "IsoCountryCode": "CA"}, InternationalSendingEnabled=True)
    request(client, InternationalSendingEnabled=True)


@pytest.mark.rule(
    "TWO_WAY_NOT_SUPPORTED_IN_COUNTRY: two-way SMS on a voice-only number", source="ValidationExceptionReason"
)
def test_two_way_sms_on_a_voice_only_number_is_refused(api):
    client = api.client()
    voice = client.request_phone_number(
        IsoCountryCode="JP", MessageType="TRANSACTIONAL", NumberCapabilities=["VOICE"], NumberType="LONG_CODE"
    )["PhoneNumberId"]
    with raises("ValidationException", Reason="TWO_WAY_NOT_SUPPORTED_IN_COUNTRY") as caught:
        client.update_phone_number(PhoneNumberId=voice, TwoWayEnabled=True, TwoWayChannelArn=SNS_TOPIC)
    assert caught.value.response["Fields"][0]["Name"] == "TwoWayEnabled"
    described = client.describe_phone_numbers(PhoneNumberIds=[voice])["PhoneNumbers"][0]
    assert described["TwoWayEnabled"] is False and "TwoWayChannelArn" not in described
    sms = request(client)["PhoneNumberId"]
    client.update_phone_number(PhoneNumberId=sms, TwoWayEnabled=True, TwoWayChannelArn=SNS_TOPIC)
