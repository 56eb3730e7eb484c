"""The rules that tie a number to its registration, pool, capabilities and region (tests/emulator/number_rules.py).

Each rule is on by default; each test shows the refusal with the model's error and reason, that the
refused call changed nothing, and that the setting named in the README turns the rule off.
"""

from __future__ import annotations

import pytest

from tests.emulator import EmulatorControlError

from .helpers import SIMULATOR, SNS_TOPIC, campaign, raises, request, settle

TEN_DLC = {**SIMULATOR, "NumberType": "TEN_DLC"}


def _numbers(client):
    return client.describe_phone_numbers()["PhoneNumbers"]


@pytest.mark.rule(
    "REGISTRATION_NOT_COMPLETE: a US TEN_DLC number without an approved registration",
    source="ConflictExceptionReason; user guide, 10DLC registration",
)
@pytest.mark.parametrize("status", [None, "CREATED", "SUBMITTED", "REVIEWING", "REQUIRES_UPDATES", "CLOSED"])
def test_a_ten_dlc_number_needs_a_complete_campaign(api, status):
    client = api.client()
    registration = {} if status is None else {"RegistrationId": campaign(api, status)}
    with raises("ConflictException", Reason="REGISTRATION_NOT_COMPLETE") as caught:
        client.request_phone_number(**TEN_DLC, **registration)
    assert (status or "none was given") in caught.value.response["Message"]
    assert _numbers(client) == []
    leased = client.request_phone_number(**TEN_DLC, RegistrationId=campaign(api))
    assert leased["NumberType"] == "TEN_DLC" and leased["RegistrationId"]


@pytest.mark.rule(
    "INVALID_REGISTRATION_ASSOCIATION: a registration takes only its kind of number (no SIMULATOR under a 10DLC campaign)",
    source="ValidationExceptionReason; user guide, registrations; emulator's choice (README)",
)
@pytest.mark.parametrize(
    ("number", "registration_type"),
    [
        (SIMULATOR, "US_TEN_DLC_CAMPAIGN_REGISTRATION"),
        (TEN_DLC, "US_TOLL_FREE_REGISTRATION"),
        ({**SIMULATOR, "NumberType": "TOLL_FREE"}, "US_TEN_DLC_CAMPAIGN_REGISTRATION"),
        (TEN_DLC, "US_TEN_DLC_BRAND_REGISTRATION"),
    ],
)
def test_a_registration_takes_only_its_kind_of_number(api, number, registration_type):
    client = api.client()
    registration = api.seed_registrations({"RegistrationType": registration_type, "RegistrationStatus": "COMPLETE"})[0]
    with raises("ValidationException", Reason="INVALID_REGISTRATION_ASSOCIATION") as caught:
        client.request_phone_number(**number, RegistrationId=registration)
    assert caught.value.response["Fields"][0]["Name"] == "RegistrationId"
    assert registration_type in caught.value.response["Message"]
    assert _numbers(client) == []


def test_the_registration_rules_are_a_setting(api):
    client = api.client()
    api.config(registration_rules=False)
    brand = api.seed_registrations({"RegistrationType": "US_TEN_DLC_BRAND_REGISTRATION"})[0]
    assert client.request_phone_number(**TEN_DLC)["NumberType"] == "TEN_DLC"
    assert client.request_phone_number(**SIMULATOR, RegistrationId=brand)["RegistrationId"] == brand


@pytest.mark.rule(
    "TWO_WAY_NOT_ENABLED: self-managed opt-outs with two-way off",
    source="ValidationExceptionReason; user guide, self-managed opt-outs",
)
def test_self_managed_opt_outs_need_two_way(api):
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    with raises("ValidationException", Reason="TWO_WAY_NOT_ENABLED") as caught:
        client.update_phone_number(PhoneNumberId=number_id, SelfManagedOptOutsEnabled=True)
    assert caught.value.response["Fields"][0]["Name"] == "SelfManagedOptOutsEnabled"
    assert _numbers(client)[0]["SelfManagedOptOutsEnabled"] is False
    # In the same request as two-way, or after it.
    both = client.update_phone_number(
        PhoneNumberId=number_id, TwoWayEnabled=True, TwoWayChannelArn=SNS_TOPIC, SelfManagedOptOutsEnabled=True
    )
    assert both["SelfManagedOptOutsEnabled"] is True
    # Two-way cannot go while self-managed opt-outs stay.
    with raises("ValidationException", Reason="TWO_WAY_NOT_ENABLED"):
        client.update_phone_number(PhoneNumberId=number_id, TwoWayEnabled=False)
    assert _numbers(client)[0]["TwoWayEnabled"] is True
    off = client.update_phone_number(PhoneNumberId=number_id, TwoWayEnabled=False, SelfManagedOptOutsEnabled=False)
    assert (off["TwoWayEnabled"], off["SelfManagedOptOutsEnabled"]) == (False, False)


def test_a_pool_refuses_self_managed_opt_outs_without_two_way(api):
    client = api.client()
    founder = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=founder, MessageType="TRANSACTIONAL")["PoolId"]
    settle(api)
    with raises("ValidationException", Reason="TWO_WAY_NOT_ENABLED"):
        client.update_pool(PoolId=pool, SelfManagedOptOutsEnabled=True)
    assert client.describe_pools()["Pools"][0]["SelfManagedOptOutsEnabled"] is False
    updated = client.update_pool(
        PoolId=pool, TwoWayEnabled=True, TwoWayChannelArn=SNS_TOPIC, SelfManagedOptOutsEnabled=True
    )
    assert updated["SelfManagedOptOutsEnabled"] is True


def test_self_managed_opt_outs_without_two_way_is_a_setting(api):
    client = api.client()
    api.config(self_managed_opt_outs_need_two_way=False)
    number_id = request(client)["PhoneNumberId"]
    assert client.update_phone_number(PhoneNumberId=number_id, SelfManagedOptOutsEnabled=True)["TwoWayEnabled"] is False


@pytest.mark.rule(
    "NUMBER_CAPABILITIES_MISMATCH: an SMS+VOICE number joining an SMS pool", source="ConflictExceptionReason"
)
def test_a_pools_members_share_the_founders_capabilities(api):
    client = api.client()
    founder = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=founder, MessageType="TRANSACTIONAL")["PoolId"]
    settle(api)
    voice = request(client, NumberCapabilities=["SMS", "VOICE"])["PhoneNumberId"]
    with raises("ConflictException", Reason="NUMBER_CAPABILITIES_MISMATCH", ResourceId=voice):
        client.associate_origination_identity(PoolId=pool, OriginationIdentity=voice)
    with raises("ConflictException", Reason="NUMBER_CAPABILITIES_MISMATCH"):
        request(client, NumberCapabilities=["SMS", "VOICE"], PoolId=pool)
    assert [n["PhoneNumberId"] for n in _numbers(client) if n.get("PoolId")] == [founder]
    # The same set in another order matches.
    joined = client.associate_origination_identity(PoolId=pool, OriginationIdentity=request(client)["PhoneNumberId"])
    assert joined["PoolId"] == pool
    api.config(pool_capabilities_must_match=False)
    assert client.associate_origination_identity(PoolId=pool, OriginationIdentity=voice)["PoolId"] == pool


@pytest.mark.rule(
    "ORIGINATION_IDENTITIES_PER_POOL: the members of a pool are limited", source="ServiceQuotaExceededExceptionReason"
)
def test_a_pool_holds_at_most_pool_members_quota_numbers(api):
    client = api.client()
    assert api.config()["pool_members_quota"] == 100
    api.config(pool_members_quota=2)
    founder, second, third = (request(client)["PhoneNumberId"] for _index in range(3))
    pool = client.create_pool(OriginationIdentity=founder, MessageType="TRANSACTIONAL")["PoolId"]
    settle(api)
    client.associate_origination_identity(PoolId=pool, OriginationIdentity=second)
    with raises("ServiceQuotaExceededException", Reason="ORIGINATION_IDENTITIES_PER_POOL"):
        client.associate_origination_identity(PoolId=pool, OriginationIdentity=third)
    with raises("ServiceQuotaExceededException", Reason="ORIGINATION_IDENTITIES_PER_POOL"):
        request(client, PoolId=pool)
    assert sorted(n["PhoneNumberId"] for n in _numbers(client) if n.get("PoolId")) == sorted([founder, second])
    api.config(pool_members_quota=None)
    assert client.associate_origination_identity(PoolId=pool, OriginationIdentity=third)["PoolId"] == pool


@pytest.mark.rule("A region the service does not serve is refused", source="botocore's endpoint data")
def test_a_region_the_service_is_not_in_is_refused(api):
    with raises("InvalidSignatureException") as caught:
        api.client("xx-nowhere-1").describe_phone_numbers()
    assert "xx-nowhere-1" in caught.value.response["Error"]["Message"]
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with raises("InvalidSignatureException"):
        api.client("xx-nowhere-1").request_phone_number(**SIMULATOR)
    for region in ("eu-west-1", "us-gov-west-1", "ap-southeast-2"):
        assert api.client(region).describe_phone_numbers()["PhoneNumbers"] == []
    assert api.state().get("xx-nowhere-1", {}).get("phone_numbers", []) == []
    api.config(regions="any")
    assert api.client("xx-nowhere-1").describe_phone_numbers()["PhoneNumbers"] == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"regions": "all"}, "regions must be 'botocore' or 'any'"),
        ({"registration_rules": "yes"}, "registration_rules must be true or false"),
        ({"pool_capabilities_must_match": 1}, "pool_capabilities_must_match must be true or false"),
        ({"pool_members_quota": 0}, "pool_members_quota must be null or an integer >= 1"),
        ({"pool_members_quota": True}, "pool_members_quota must be null or an integer >= 1"),
    ],
)
def test_bad_rule_settings_are_refused(api, changes, message):
    before = api.config()
    with pytest.raises(EmulatorControlError, match=message):
        api.config(**changes)
    assert api.config() == before
