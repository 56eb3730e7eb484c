"""Registrations as far as phone numbers need them: seeded, described, named by RequestPhoneNumber, and in the way of a release.

The collection's ``registration_id`` option had never been exercised because
every ``RegistrationId`` was ResourceNotFoundException; these pin what the
emulator now offers in its place.
"""

from __future__ import annotations

import datetime
import json
import urllib.error
import urllib.request

import pytest

from tests.emulator import EmulatorControlError

from .helpers import TOLL_FREE, raises, request

TOLL_FREE_REGISTRATION = "US_TOLL_FREE_REGISTRATION"
BRAND = "US_TEN_DLC_BRAND_REGISTRATION"


def _seed(api, status="COMPLETE", registration_type=TOLL_FREE_REGISTRATION):
    return api.seed_registrations({"RegistrationType": registration_type, "RegistrationStatus": status})[0]


def test_seeded_registrations_are_described_with_the_models_members(api):
    ids = api.seed_registrations(
        {"RegistrationType": TOLL_FREE_REGISTRATION, "RegistrationStatus": "COMPLETE"},
        {"RegistrationType": BRAND, "RegistrationStatus": "REVIEWING"},
    )
    assert len(ids) == 2 and all(i.startswith("registration-") and len(i) == 45 for i in ids)
    described = api.client().describe_registrations()["Registrations"]
    assert [r["RegistrationId"] for r in described] == ids
    complete, reviewing = described
    assert complete["RegistrationArn"] == f"arn:aws:sms-voice:us-east-1:123456789012:registration/{ids[0]}"
    assert complete["RegistrationType"] == TOLL_FREE_REGISTRATION
    assert complete["RegistrationStatus"] == "COMPLETE"
    assert complete["CurrentVersionNumber"] == 1 and complete["ApprovedVersionNumber"] == 1
    assert isinstance(complete["CreatedTimestamp"], datetime.datetime)
    assert reviewing["RegistrationStatus"] == "REVIEWING" and "ApprovedVersionNumber" not in reviewing
    assert api.operations() == ["DescribeRegistrations"]  # seeding is not an API call


def test_describe_registrations_by_id_arn_filter_and_page(api):
    client = api.client()
    first, second, third = api.seed_registrations(
        {"RegistrationType": TOLL_FREE_REGISTRATION, "RegistrationStatus": "COMPLETE"},
        {"RegistrationType": BRAND, "RegistrationStatus": "REVIEWING"},
        {"RegistrationType": TOLL_FREE_REGISTRATION, "RegistrationStatus": "CREATED"},
    )
    arn = f"arn:aws:sms-voice:us-east-1:123456789012:registration/{third}"
    by_ids = client.describe_registrations(RegistrationIds=[arn, first])["Registrations"]
    assert [r["RegistrationId"] for r in by_ids] == [first, third]

    def ids(name, *values):
        filters = [{"Name": name, "Values": list(values)}]
        return [r["RegistrationId"] for r in client.describe_registrations(Filters=filters)["Registrations"]]

    assert ids("registration-type", TOLL_FREE_REGISTRATION) == [first, third]
    assert ids("registration-status", "REVIEWING", "CREATED") == [second, third]
    with raises("ValidationException", Reason="INVALID_FILTER_VALUES"):
        ids("registration-status", "APPROVED")
    page = client.describe_registrations(MaxResults=2)
    assert [r["RegistrationId"] for r in page["Registrations"]] == [first, second]
    rest = client.describe_registrations(MaxResults=2, NextToken=page["NextToken"])
    assert [r["RegistrationId"] for r in rest["Registrations"]] == [third]
    assert "NextToken" not in rest
    with raises("ResourceNotFoundException", ResourceType="registration", ResourceId="registration-" + "0" * 32):
        client.describe_registrations(RegistrationIds=["registration-" + "0" * 32])


def test_registrations_are_per_region(api):
    api.seed_registrations({"RegistrationType": BRAND, "RegistrationStatus": "CREATED"}, region="us-west-2")
    assert api.client("us-east-1").describe_registrations()["Registrations"] == []
    assert len(api.client("us-west-2").describe_registrations()["Registrations"]) == 1


def test_describe_registrations_is_throttled_at_its_quota(api):
    api.config(quota_scale=0.01)
    client = api.client(retries={"mode": "standard", "total_max_attempts": 1})
    client.describe_registrations()
    with raises("ThrottlingException"):
        client.describe_registrations()


def test_a_number_requested_with_a_registration_shows_it(api):
    registration = _seed(api, "REVIEWING")
    client = api.client()
    number = client.request_phone_number(**TOLL_FREE, RegistrationId=registration)
    assert number["RegistrationId"] == registration
    described = client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])["PhoneNumbers"][0]
    assert described["RegistrationId"] == registration
    by_arn = request(
        client, **TOLL_FREE, RegistrationId=f"arn:aws:sms-voice:us-east-1:123456789012:registration/{registration}"
    )
    assert by_arn["RegistrationId"] == registration


def test_a_registration_that_does_not_exist_leases_nothing(api):
    client = api.client()
    _seed(api, "COMPLETE")
    with raises("ResourceNotFoundException", ResourceType="registration", ResourceId="registration-" + "1" * 32):
        request(client, **TOLL_FREE, RegistrationId="registration-" + "1" * 32)
    assert client.describe_phone_numbers()["PhoneNumbers"] == []


@pytest.mark.parametrize(
    "status", ["SUBMITTED", "AWS_REVIEWING", "REVIEWING", "PROVISIONING", "REQUIRES_AUTHENTICATION"]
)
def test_release_is_refused_while_the_registration_is_under_way(api, status):
    registration = _seed(api, status)
    client = api.client()
    number_id = request(client, **TOLL_FREE, RegistrationId=registration)["PhoneNumberId"]
    with raises(
        "ConflictException",
        Reason="PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION",
        ResourceType="phone-number",
        ResourceId=number_id,
    ) as caught:
        client.release_phone_number(PhoneNumberId=number_id)
    assert registration in caught.value.response["Message"]
    # Still leased: a toll-free number is PENDING while its registration is reviewed.
    assert client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]["Status"] == "PENDING"


def test_releasing_the_number_of_a_complete_registration_closes_it(api):
    registration = _seed(api, "COMPLETE")
    client = api.client()
    number_id = request(client, **TOLL_FREE, RegistrationId=registration)["PhoneNumberId"]
    assert client.release_phone_number(PhoneNumberId=number_id)["Status"] == "DELETED"
    described = client.describe_registrations(RegistrationIds=[registration])["Registrations"][0]
    assert described["RegistrationStatus"] == "CLOSED"


@pytest.mark.parametrize("status", ["CREATED", "REQUIRES_UPDATES", "CLOSED"])
def test_release_is_allowed_while_the_registration_is_not_with_aws(api, status):
    registration = _seed(api, status)
    client = api.client()
    number_id = request(client, **TOLL_FREE, RegistrationId=registration)["PhoneNumberId"]
    assert client.release_phone_number(PhoneNumberId=number_id)["Status"] == "DELETED"
    assert client.describe_registrations()["Registrations"][0]["RegistrationStatus"] == status


def test_the_blocking_statuses_are_a_setting(api):
    assert api.config()["registration_statuses_blocking_release"] == [
        "SUBMITTED",
        "AWS_REVIEWING",
        "REVIEWING",
        "PROVISIONING",
        "REQUIRES_AUTHENTICATION",
    ]
    api.config(registration_statuses_blocking_release=["COMPLETE"])
    client = api.client()
    number_id = request(client, **TOLL_FREE, RegistrationId=_seed(api, "COMPLETE"))["PhoneNumberId"]
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION"):
        client.release_phone_number(PhoneNumberId=number_id)
    reviewed = request(client, **TOLL_FREE, RegistrationId=_seed(api, "REVIEWING"))["PhoneNumberId"]
    assert client.release_phone_number(PhoneNumberId=reviewed)["Status"] == "DELETED"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("REVIEWING", "registration_statuses_blocking_release must be a list"),
        (["APPROVED"], "registration_statuses_blocking_release must be a list"),
    ],
)
def test_bad_blocking_statuses_are_refused(api, value, message):
    with pytest.raises(EmulatorControlError, match=message):
        api.config(registration_statuses_blocking_release=value)


@pytest.mark.parametrize(
    ("registrations", "message"),
    [
        ({"RegistrationType": BRAND}, "registrations must be a list"),
        (["x"], "registrations[0] must be an object"),
        ([{"RegistrationType": "bad type"}], "registrations[0].RegistrationType must match"),
        ([{}], "registrations[0].RegistrationType must match"),
        ([{"RegistrationType": BRAND, "RegistrationStatus": "APPROVED"}], "registrations[0].RegistrationStatus"),
        ([{"RegistrationType": BRAND, "Colour": "red"}], "registrations[0]: unknown keys ['Colour']"),
        (
            [{"RegistrationType": BRAND}, {"RegistrationType": BRAND, "RegistrationStatus": "nope"}],
            "registrations[1].RegistrationStatus",
        ),
    ],
)
def test_bad_registration_seeds_are_refused_and_create_nothing(api, registrations, message):
    with pytest.raises(EmulatorControlError) as caught:
        api._control("POST", "seed", {"registrations": registrations})
    assert "400" in str(caught.value) and message in str(caught.value)
    assert api.client().describe_registrations()["Registrations"] == []


def test_seed_registrations_over_http(emulator):
    payload = {"registrations": [{"RegistrationType": BRAND, "RegistrationStatus": "SUBMITTED"}]}
    raw = urllib.request.Request(
        f"{emulator.url}/_emulator/seed",
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(raw, timeout=10) as response:
        ids = json.loads(response.read())["registration_ids"]
    assert len(ids) == 1
    state = emulator.state()["us-east-1"]["registrations"]
    assert [(r["RegistrationId"], r["RegistrationStatus"]) for r in state] == [(ids[0], "SUBMITTED")]
    bad = urllib.request.Request(
        f"{emulator.url}/_emulator/seed",
        data=json.dumps({**payload, "count": 3}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(bad, timeout=10)
    assert caught.value.code == 400
    assert "count" in json.loads(caught.value.read())["error"]


def test_a_registration_seeded_without_status_is_created(api):
    api.seed_registrations({"RegistrationType": BRAND})
    assert api.client().describe_registrations()["Registrations"][0]["RegistrationStatus"] == "CREATED"
