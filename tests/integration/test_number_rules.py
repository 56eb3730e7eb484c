"""The modules against the service's rules for registrations, self-managed opt-outs, pool capabilities and regions.

Each rule is one the emulator enforces by default (tests/emulator/number_rules.py). A task that would meet
one fails before any write, in check mode too, naming its options; the task that follows the rule converges
(check -> apply -> idempotent check -> idempotent apply, with the exact writes).
"""

from __future__ import annotations

import pytest

from tests.emulator_tests.helpers import SETTLED_SECONDS

from .harness import converge, run_task
from .test_phone_number import SIMULATOR, TOPIC, live_numbers, request_number

TEN_DLC = dict(iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS"], number_type="TEN_DLC")
POOL = dict(iso_country_code="US", message_type="TRANSACTIONAL")


def campaign(emulator, status="COMPLETE", registration_type="US_TEN_DLC_CAMPAIGN_REGISTRATION"):
    return emulator.seed_registrations({"RegistrationType": registration_type, "RegistrationStatus": status})[0]


def fails_before_any_write(emulator, module, args, *fragments):
    """Run the task in check mode and for real: each fails, naming ``fragments``, with no write."""
    for check in (True, False):
        run = run_task(emulator, module, args, check=check)
        assert run.failed and not run.changed, run.result
        for fragment in fragments:
            assert fragment in run.result["msg"], run.result["msg"]
        assert run.mutating == [], run.mutating
    return run


def test_a_ten_dlc_number_without_a_registration_fails_before_any_write(emulator):
    fails_before_any_write(emulator, "phone_number", dict(name="ten-dlc", **TEN_DLC), "registration_id is required")
    assert live_numbers(emulator.client()) == []


@pytest.mark.parametrize("status", ["CREATED", "REVIEWING", "REQUIRES_UPDATES"])
def test_a_ten_dlc_number_under_a_campaign_not_complete_fails_naming_its_status(emulator, status):
    registration = campaign(emulator, status)
    args = dict(name="ten-dlc", registration_id=registration, **TEN_DLC)
    fails_before_any_write(emulator, "phone_number", args, registration, status, "COMPLETE")
    assert live_numbers(emulator.client()) == []


def test_a_ten_dlc_number_under_a_complete_campaign_converges(emulator):
    emulator.config(pending_seconds={"TEN_DLC": 0})
    registration = campaign(emulator)
    args = dict(name="ten-dlc", registration_id=registration, **TEN_DLC)
    _check, apply, _again_check, again = converge(emulator, "phone_number", args, ["RequestPhoneNumber"])
    assert apply.number["registration_id"] == registration == again.number["registration_id"]
    assert apply.number["number_type"] == "TEN_DLC"


@pytest.mark.parametrize(
    ("number", "registration_type"),
    [
        (SIMULATOR, "US_TEN_DLC_CAMPAIGN_REGISTRATION"),
        (TEN_DLC, "US_TOLL_FREE_REGISTRATION"),
        (TEN_DLC, "US_TEN_DLC_BRAND_REGISTRATION"),
    ],
)
def test_a_registration_of_another_kind_of_number_fails_before_any_write(emulator, number, registration_type):
    registration = campaign(emulator, registration_type=registration_type)
    args = dict(name="mismatched", registration_id=registration, **number)
    fails_before_any_write(emulator, "phone_number", args, "registration_id", registration_type)
    assert live_numbers(emulator.client()) == []


def test_self_managed_opt_outs_without_two_way_fail_before_a_number_is_leased(emulator):
    args = dict(name="self-managed", self_managed_opt_outs_enabled=True, **SIMULATOR)
    fails_before_any_write(emulator, "phone_number", args, "self_managed_opt_outs_enabled", "two_way_enabled")
    assert live_numbers(emulator.client()) == []
    # With two-way in the same task: the request, then one update carrying both once the number is ACTIVE.
    both = dict(args, two_way_enabled=True, two_way_channel_arn=TOPIC)
    _check, apply, _again_check, _again = converge(
        emulator, "phone_number", both, ["RequestPhoneNumber", "UpdatePhoneNumber"]
    )
    assert apply.number["self_managed_opt_outs_enabled"] is True and apply.number["two_way_enabled"] is True
    # Two-way cannot be switched off under self-managed opt-outs; both together can.
    fails_before_any_write(
        emulator, "phone_number", dict(name="self-managed", two_way_enabled=False), "two_way_enabled"
    )
    converge(
        emulator,
        "phone_number",
        dict(name="self-managed", two_way_enabled=False, self_managed_opt_outs_enabled=False),
        ["UpdatePhoneNumber"],
    )


def test_a_pool_refuses_self_managed_opt_outs_without_two_way_before_any_write(emulator):
    client = emulator.client()
    founder = request_number(client, "founder")["PhoneNumberId"]
    args = dict(name="pool-a", phone_numbers=[founder], self_managed_opt_outs_enabled=True, **POOL)
    fails_before_any_write(emulator, "pool", args, "self_managed_opt_outs_enabled", "two_way_enabled")
    assert client.describe_pools()["Pools"] == []


def test_a_number_with_other_capabilities_cannot_join_a_pool_and_nothing_is_written(emulator):
    client = emulator.client()
    sms_voice = request_number(client, "both")["PhoneNumberId"]
    sms = request_number(client, "sms-only", NumberCapabilities=["SMS"])["PhoneNumberId"]
    # A new pool: its founder's capabilities are every member's.
    run = fails_before_any_write(
        emulator,
        "pool",
        dict(name="mixed", phone_numbers=[sms_voice, sms], **POOL),
        sms,
        "NUMBER_CAPABILITIES_MISMATCH",
    )
    assert run.result.get("settings") == ["number_capabilities"]
    assert client.describe_pools()["Pools"] == []
    # An existing pool, with a member named in the task.
    other = request_number(client, "both-2")["PhoneNumberId"]
    converge(
        emulator,
        "pool",
        dict(name="voice", phone_numbers=[sms_voice, other], **POOL),
        ["CreatePool", "AssociateOriginationIdentity"],
    )
    emulator.advance_clock(SETTLED_SECONDS)
    fails_before_any_write(
        emulator, "pool", dict(name="voice", phone_numbers=[sms_voice, other, sms], **POOL), sms, "capabilities"
    )
    pooled = [n["PhoneNumberId"] for n in live_numbers(client) if n.get("PoolId")]
    assert sorted(pooled) == sorted([sms_voice, other])


def test_a_region_the_service_is_not_in_fails_naming_the_region_option(emulator):
    run = run_task(emulator, "phone_number_info", dict(region="us-esat-1"))
    assert run.failed
    assert "us-esat-1" in run.result["msg"] and "region option" in run.result["msg"]
    assert "us-east-1" in run.result["msg"]  # among the known regions
    assert run.result["error"]["code"] == "InvalidSignatureException"
    assert [c["error"] for c in run.calls] == ["InvalidSignatureException"]
