"""DescribeAccountLimits: the model's shape and names, the same counts the create calls enforce."""

from __future__ import annotations

import pytest

from tests.emulator import EmulatorControlError
from tests.emulator.limits import LIMITS, UNLIMITED
from tests.emulator.validation import enum_values, service_model

from .helpers import SIMULATOR, raises, request


def limits(client):
    return {row["Name"]: (row["Used"], row["Max"]) for row in client.describe_account_limits()["AccountLimits"]}


def test_names_come_from_the_models_enum_and_reasons_from_its_quota_reasons():
    assert set(LIMITS) <= set(enum_values("AccountLimitName"))
    reasons = set(enum_values("ServiceQuotaExceededExceptionReason"))
    assert {reason for _setting, _default, reason, _what in LIMITS.values()} <= reasons
    shape = service_model().operation_model("DescribeAccountLimits").output_shape.members["AccountLimits"].member
    assert sorted(shape.required_members) == ["Max", "Name", "Used"]


def test_an_empty_account_reports_its_defaults(api):
    client = api.client()
    assert limits(client) == {
        "PHONE_NUMBERS": (0, UNLIMITED),
        "POOLS": (0, 100),
        "OPT_OUT_LISTS": (1, 100),  # Default
        "SENDER_IDS": (0, UNLIMITED),
        "REGISTRATIONS": (0, UNLIMITED),
        "REGISTRATION_ATTACHMENTS": (0, UNLIMITED),
    }


def test_used_and_max_follow_the_account_and_the_settings(api):
    client = api.client()
    numbers = [request(client)["PhoneNumberId"] for _index in range(3)]
    client.create_pool(OriginationIdentity=numbers[0], IsoCountryCode="US", MessageType="TRANSACTIONAL")
    client.create_opt_out_list(OptOutListName="marketing")
    api.seed_registrations({"RegistrationType": "US_TEN_DLC_BRAND_REGISTRATION"})
    client.release_phone_number(PhoneNumberId=numbers[2])  # a released number no longer counts
    api.config(phone_numbers_quota=5, pools_quota=1, opt_out_lists_quota=2, registrations_quota=3, sender_ids_quota=0)
    assert limits(client) == {
        "PHONE_NUMBERS": (2, 5),
        "POOLS": (1, 1),
        "OPT_OUT_LISTS": (2, 2),
        "SENDER_IDS": (0, 0),
        "REGISTRATIONS": (1, 3),
        "REGISTRATION_ATTACHMENTS": (0, UNLIMITED),
    }
    # Where Used reaches Max, the create call is refused with the limit's reason.
    with raises("ServiceQuotaExceededException", Reason="POOLS_PER_ACCOUNT"):
        client.create_pool(OriginationIdentity=numbers[1], IsoCountryCode="US", MessageType="TRANSACTIONAL")
    with raises("ServiceQuotaExceededException", Reason="OPT_OUT_LISTS_PER_ACCOUNT"):
        client.create_opt_out_list(OptOutListName="another")
    api.config(phone_numbers_quota=2)
    with raises("ServiceQuotaExceededException", Reason="PHONE_NUMBERS_PER_ACCOUNT"):
        client.request_phone_number(**SIMULATOR)
    assert limits(client)["PHONE_NUMBERS"] == (2, 2)


def test_registrations_beyond_their_quota_are_not_seeded(api):
    api.config(registrations_quota=1)
    api.seed_registrations({"RegistrationType": "US_TEN_DLC_BRAND_REGISTRATION"})
    with pytest.raises(EmulatorControlError, match="registrations_quota"):
        api.seed_registrations({"RegistrationType": "US_TEN_DLC_BRAND_REGISTRATION"})
    assert limits(api.client())["REGISTRATIONS"] == (1, 1)


def test_pages(api):
    client = api.client()
    first = client.describe_account_limits(MaxResults=2)
    second = client.describe_account_limits(MaxResults=2, NextToken=first["NextToken"])
    third = client.describe_account_limits(MaxResults=2, NextToken=second["NextToken"])
    names = [row["Name"] for page in (first, second, third) for row in page["AccountLimits"]]
    assert names == list(LIMITS) and "NextToken" not in third


@pytest.mark.parametrize("setting", [setting for setting, _default, _reason, _what in LIMITS.values()])
@pytest.mark.parametrize("bad", [-1, 1.5, True, "5"])
def test_bad_limit_settings_are_refused(api, setting, bad):
    with pytest.raises(EmulatorControlError, match=setting):
        api.config(**{setting: bad})
