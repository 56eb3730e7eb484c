"""The service's rules a plan is checked against before its first write, on plain dicts."""

from __future__ import annotations

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import service_rules
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.plan import Plan
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError

TEN_DLC = {"IsoCountryCode": "US", "NumberType": "TEN_DLC", "RegistrationId": "registration-1"}
SIMULATOR = {"IsoCountryCode": "US", "NumberType": "SIMULATOR", "RegistrationId": "registration-1"}
TOLL_FREE = {"IsoCountryCode": "US", "NumberType": "TOLL_FREE", "RegistrationId": "registration-1"}


def registration(kind="US_TEN_DLC_CAMPAIGN_REGISTRATION", status="COMPLETE", approved=None):
    item = {"RegistrationId": "registration-1", "RegistrationType": kind, "RegistrationStatus": status}
    if approved is not None:
        item["ApprovedVersionNumber"] = approved
    return item


@pytest.mark.parametrize(
    ("params", "item", "fragment"),
    [
        ({"IsoCountryCode": "US", "NumberType": "TEN_DLC"}, None, "registration_id is required"),
        (TEN_DLC, registration(status="REVIEWING"), "registration-1 is REVIEWING"),
        (TEN_DLC, registration(status="CREATED"), "once the registration is COMPLETE"),
        (TEN_DLC, registration(status="CLOSED", approved=1), "is CLOSED"),
        (TEN_DLC, registration("US_TOLL_FREE_REGISTRATION"), "cannot take a TEN_DLC number (it takes TOLL_FREE"),
        (TEN_DLC, registration("US_TEN_DLC_BRAND_REGISTRATION"), "US_TEN_DLC_BRAND_REGISTRATION, which cannot"),
        (SIMULATOR, registration(), "cannot take a SIMULATOR number (it takes TEN_DLC numbers)"),
        (TOLL_FREE, registration(), "cannot take a TOLL_FREE number"),
    ],
)
def test_a_request_the_registration_cannot_take_fails_naming_registration_id(params, item, fragment):
    with pytest.raises(SmsVoiceError, match="registration_id") as caught:
        service_rules.check_request_registration(params, item)
    assert fragment in caught.value.msg
    assert "nothing was changed" in caught.value.msg.lower()


@pytest.mark.parametrize(
    ("params", "item"),
    [
        (TEN_DLC, registration()),
        (TEN_DLC, registration(status="REVIEWING", approved=1)),  # a new version in review; one was approved
        (TEN_DLC, None),  # check mode: a registration an earlier task creates, not readable yet
        (TOLL_FREE, registration("US_TOLL_FREE_REGISTRATION", "REVIEWING")),
        ({"IsoCountryCode": "CA", "NumberType": "LONG_CODE"}, None),
        (SIMULATOR, registration("SOME_OTHER_REGISTRATION")),
    ],
)
def test_a_request_the_registration_takes_passes(params, item):
    service_rules.check_request_registration(params, item)


def _plan(before, after, action="update"):
    return Plan(action, before, after, [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, {"self_managed_opt_outs_enabled": True, "two_way_enabled": False}),
        (
            {"self_managed_opt_outs_enabled": False, "two_way_enabled": False},
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": False},
        ),
        (
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": True},
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": False},
        ),
    ],
)
def test_self_managed_opt_outs_left_without_two_way_fail(before, after):
    with pytest.raises(SmsVoiceError, match="TWO_WAY_NOT_ENABLED") as caught:
        service_rules.check_self_managed(_plan(before, after, "create" if before is None else "update"))
    assert caught.value.extra["settings"] == ["self_managed_opt_outs_enabled", "two_way_enabled"]


@pytest.mark.parametrize(
    ("before", "after", "action"),
    [
        (None, {"self_managed_opt_outs_enabled": True, "two_way_enabled": True}, "create"),
        # Already so (made elsewhere), and the task changes neither: not the task's doing.
        (
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": False, "deletion_protection_enabled": False},
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": False, "deletion_protection_enabled": True},
            "update",
        ),
        (
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": True},
            {"self_managed_opt_outs_enabled": False, "two_way_enabled": False},
            "update",
        ),
        (
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": False},
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": False},
            "delete",
        ),
    ],
)
def test_self_managed_opt_outs_with_two_way_or_untouched_pass(before, after, action):
    service_rules.check_self_managed(_plan(before, after, action))


def test_a_member_with_other_capabilities_fails_naming_it():
    adding = [
        {"phone_number_id": "phone-a", "number_capabilities": ["VOICE", "SMS"]},
        {"phone_number_id": "phone-b", "number_capabilities": ["SMS"]},
    ]
    with pytest.raises(SmsVoiceError, match="phone-b cannot join pool pool-1") as caught:
        service_rules.check_capabilities(adding, ["SMS", "VOICE"], "pool-1")
    assert caught.value.extra == {"phone_number_id": "phone-b", "settings": ["number_capabilities"]}
    service_rules.check_capabilities(adding[:1], ["SMS", "VOICE"], "pool-1")
    service_rules.check_capabilities(adding, None, "pool-1")  # the plan does not know the pool's
