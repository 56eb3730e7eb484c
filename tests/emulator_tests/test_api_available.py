"""ListAvailablePhoneNumbers and the number's MessagingLimits/PricingTier, in-process and over HTTP."""

from __future__ import annotations

import re

import pytest

from .helpers import SIMULATOR, TOLL_FREE, campaign, raises, request

TEN_DLC_SEARCH = {"IsoCountryCode": "US", "NumberCapabilities": ["SMS"], "NumberType": "TEN_DLC"}
TEN_DLC = {
    "IsoCountryCode": "US",
    "MessageType": "TRANSACTIONAL",
    "NumberCapabilities": ["SMS"],
    "NumberType": "TEN_DLC",
}


def every_page(client, **params):
    numbers, pages, token = [], 0, None
    while True:
        response = client.list_available_phone_numbers(**params, **({"NextToken": token} if token else {}))
        pages += 1
        numbers += response["AvailablePhoneNumbers"]
        token = response.get("NextToken")
        if not token:
            return numbers, pages


def test_lists_pages_of_ten_us_numbers_the_same_each_time(api):
    client = api.client()
    first = client.list_available_phone_numbers(**TEN_DLC_SEARCH)
    assert len(first["AvailablePhoneNumbers"]) == 10 and first["NextToken"]
    assert all(re.fullmatch(r"\+1[2-9]\d{9}", n) for n in first["AvailablePhoneNumbers"])
    numbers, pages = every_page(client, **TEN_DLC_SEARCH)
    assert (len(numbers), len(set(numbers)), pages) == (25, 25, 3)
    assert every_page(client, **TEN_DLC_SEARCH)[0] == numbers
    assert len(client.list_available_phone_numbers(MaxResults=3, **TEN_DLC_SEARCH)["AvailablePhoneNumbers"]) == 3


def test_preferences_shape_the_list(api):
    client = api.client()
    starts = every_page(
        client, NumberPreference=[{"PreferenceType": ["StartsWith"], "Filter": ["+1206"]}], **TEN_DLC_SEARCH
    )[0]
    assert starts and all(n.startswith("+1206") for n in starts)
    ends = every_page(
        client, NumberPreference=[{"PreferenceType": ["EndsWith"], "Filter": ["4242"]}], **TEN_DLC_SEARCH
    )[0]
    assert ends and all(n.endswith("4242") for n in ends)
    contains = every_page(
        client, NumberPreference=[{"PreferenceType": ["Contains"], "Filter": ["777"]}], **TEN_DLC_SEARCH
    )[0]
    assert contains and all("777" in n[2:] for n in contains)
    exact = ["+12065550142", "+13035550199"]
    listed = client.list_available_phone_numbers(
        NumberPreference=[{"PreferenceType": ["ExactMatch"], "Filter": exact}], **TEN_DLC_SEARCH
    )
    assert listed["AvailablePhoneNumbers"] == exact and "NextToken" not in listed


def test_a_leased_number_is_no_longer_available(api):
    client = api.client()
    exact = [{"PreferenceType": ["ExactMatch"], "Filter": ["+12065550142", "+13035550199"]}]
    leased = request(
        client,
        NumberPreference=[{"PreferenceType": ["ExactMatch"], "Filter": ["+12065550142"]}],
        RegistrationId=campaign(api),
        **TEN_DLC,
    )
    assert leased["PhoneNumber"] == "+12065550142"
    listed = client.list_available_phone_numbers(NumberPreference=exact, **TEN_DLC_SEARCH)
    assert listed["AvailablePhoneNumbers"] == ["+13035550199"]


def test_only_us_ten_dlc_numbers_can_be_listed(api):
    client = api.client()
    with raises("ValidationException", Reason="INVALID_PARAMETER"):
        client.list_available_phone_numbers(**{**TEN_DLC_SEARCH, "IsoCountryCode": "CA"})
    with raises("ValidationException", Reason="INVALID_PARAMETER"):
        client.list_available_phone_numbers(**{**TEN_DLC_SEARCH, "NumberCapabilities": ["RCS"]})
    with raises("ResourceNotFoundException", ResourceType="registration"):
        client.list_available_phone_numbers(RegistrationId="registration-1", **TEN_DLC_SEARCH)


@pytest.mark.rule(
    "ListAvailablePhoneNumbers takes an existing RegistrationId", source="ListAvailablePhoneNumbers request"
)
def test_a_seeded_registration_can_be_named(api):
    client = api.client()
    (registration,) = api.seed_registrations(
        {"RegistrationType": "US_TEN_DLC_CAMPAIGN_REGISTRATION", "RegistrationStatus": "COMPLETE"}
    )
    listed = client.list_available_phone_numbers(RegistrationId=registration, **TEN_DLC_SEARCH)
    assert len(listed["AvailablePhoneNumbers"]) == 10


def test_numbers_report_limits_and_pricing_per_type(api):
    client = api.client()
    ids = {
        kind: request(client, **params)["PhoneNumberId"]
        for kind, params in (
            ("SIMULATOR", SIMULATOR),
            ("TOLL_FREE", TOLL_FREE),
            ("TEN_DLC", dict(TEN_DLC, RegistrationId=campaign(api))),
        )
    }
    seen = {
        n["NumberType"]: n for n in client.describe_phone_numbers(PhoneNumberIds=list(ids.values()))["PhoneNumbers"]
    }
    assert seen["SIMULATOR"]["MessagingLimits"] == {"RateLimits": {"SMS": 1}}
    assert "PricingTier" not in seen["SIMULATOR"]
    assert seen["TOLL_FREE"]["MessagingLimits"] == {"RateLimits": {"SMS": 3, "VOICE": 3}}
    assert seen["TOLL_FREE"]["PricingTier"] == "STANDARD"
    assert seen["TEN_DLC"]["MessagingLimits"] == {"RateLimits": {"SMS": 1}, "DailyMessageCaps": {"T-MOBILE": 2000}}
    assert seen["TEN_DLC"]["PricingTier"] == "STANDARD"
