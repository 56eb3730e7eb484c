"""number_preference, messaging limits, available numbers, diff headers and failure details,
through ansible-playbook against the emulator server."""

from __future__ import annotations

import pytest

from .harness import converge, run_playbook, run_task
from .test_phone_number import request_number

TEN_DLC = dict(iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS"], number_type="TEN_DLC")
STARTS_1206 = dict(preference_type="StartsWith", filter=["+1206"])


def campaign(emulator):
    """A complete 10DLC campaign registration: a US TEN_DLC number is requested under one."""
    seeded = {"RegistrationType": "US_TEN_DLC_CAMPAIGN_REGISTRATION", "RegistrationStatus": "COMPLETE"}
    return emulator.seed_registrations(seeded)[0]


def test_number_preference_is_sent_once_and_never_drifts(emulator):
    emulator.config(pending_seconds={"TEN_DLC": 0})
    args = dict(name="seattle", number_preference=STARTS_1206, registration_id=campaign(emulator), **TEN_DLC)
    check, apply, _again_check, _again = converge(emulator, "phone_number", args, ["RequestPhoneNumber"])
    assert apply.number["phone_number"].startswith("+1206")
    request = next(c for c in apply.calls if c["operation"] == "RequestPhoneNumber")
    assert request["params"]["NumberPreference"] == [{"PreferenceType": ["StartsWith"], "Filter": ["+1206"]}]
    # The prediction is what it would be without a preference: the digits are not known before the lease.
    assert check.number["phone_number"] is None
    other = run_task(
        emulator, "phone_number", dict(args, number_preference=dict(preference_type="EndsWith", filter=["0000"]))
    )
    assert not other.failed and not other.changed and other.mutating == []


@pytest.mark.parametrize(
    "preference, extra, fragment",
    [
        (dict(preference_type="StartsWith", filter=["+1206", "+1303"]), {}, "number_preference.filter has 2 values"),
        (dict(preference_type="Contains", filter=["12a"]), {}, "number_preference.filter value '12a'"),
        (STARTS_1206, dict(number_type="TOLL_FREE"), "number_preference applies only to US TEN_DLC numbers"),
    ],
)
def test_bad_number_preference_fails_naming_the_option_and_calls_nothing(emulator, preference, extra, fragment):
    run = run_task(emulator, "phone_number", dict(dict(name="bad", number_preference=preference, **TEN_DLC), **extra))
    assert run.failed and fragment in run.result["msg"]
    assert run.calls == []


def test_both_modules_return_messaging_limits_and_pricing_tier(emulator):
    emulator.config(pending_seconds={"TEN_DLC": 0})
    managed = run_task(emulator, "phone_number", dict(name="limits", registration_id=campaign(emulator), **TEN_DLC))
    assert not managed.failed, managed.result.get("msg")
    again = run_task(emulator, "phone_number", dict(name="limits"))
    listed = run_task(emulator, "phone_number_info", dict(names=["limits"]))
    expected = {"rate_limits": {"SMS": 1}, "daily_message_caps": {"T-MOBILE": 2000}}
    assert again.number["messaging_limits"] == expected and again.number["pricing_tier"] == "STANDARD"
    assert listed.result["phone_numbers"] == [again.number]


def test_diffs_in_a_loop_name_each_number(emulator):
    client = emulator.client()
    first = request_number(client, "loop-a")
    task = {
        "name": "loop",
        "pinpoint.sms_voice.phone_number": {"name": "{{ item }}", "deletion_protection_enabled": True},
        "loop": ["loop-a", "loop-b"],
    }
    play = {"hosts": "localhost", "gather_facts": False, "tasks": [task]}
    records, operations, _calls, proc = run_playbook(emulator, [play], check=True, diff=True)
    items = records[0]["result"]["results"]
    assert not items[0].get("failed"), items[0].get("msg")
    first_label = "phone number {0} ({1})".format(first["PhoneNumberId"], first["PhoneNumber"])
    assert items[0]["diff"]["before_header"] == items[0]["diff"]["after_header"] == first_label
    assert "+++ after: " + first_label in proc.stdout
    # loop-b does not exist and sets nothing a request needs: it fails, naming the number.
    assert items[1]["failed"] and "loop-b" in items[1]["msg"]
    assert [op for op in operations if not op.startswith(("Describe", "List", "Get"))] == []


def test_failures_carry_boto3_and_botocore_versions(emulator):
    import boto3
    import botocore

    run = run_task(emulator, "phone_number", dict(phone_number_id="phone-" + "0" * 32))
    assert run.failed and "a specific number cannot be requested" in run.result["msg"]
    assert run.result["boto3_version"] == boto3.__version__
    assert run.result["botocore_version"] == botocore.__version__


def test_module_defaults_group_aws_does_not_reach_these_modules(emulator):
    def region_of_call(group):
        play = {
            "hosts": "localhost",
            "gather_facts": False,
            "module_defaults": {group: {"region": "eu-west-2"}},
            "tasks": [{"name": "list", "pinpoint.sms_voice.phone_number_info": {"include_tags": False}}],
        }
        records, _operations, calls, proc = run_playbook(emulator, [play], diff=False)
        assert records and records[0]["status"] == "ok", proc.stdout[-2000:]
        return {c["region"] for c in calls}

    # The environment's region (us-east-1) is used: group/aws is ansible-core's, and lists only amazon.aws's.
    assert region_of_call("group/aws") == {"us-east-1"}
    assert region_of_call("group/pinpoint.sms_voice.aws") == {"eu-west-2"}


# --- available_phone_number_info ------------------------------------------------------------------------


def test_available_numbers_are_read_page_by_page_up_to_the_limit(emulator):
    run = run_task(emulator, "available_phone_number_info", dict(number_capabilities=["SMS"], limit=23))
    assert not run.failed and not run.changed
    numbers = run.result["available_phone_numbers"]
    assert len(numbers) == len(set(numbers)) == 23
    assert [c["params"]["MaxResults"] for c in run.calls] == [10, 10, 3]
    assert run.operations == ["ListAvailablePhoneNumbers"] * 3
    everything = run_task(emulator, "available_phone_number_info", dict(number_capabilities=["SMS"], limit=100))
    assert len(everything.result["available_phone_numbers"]) == 25  # the emulator's inventory; then no NextToken
    assert everything.result["available_phone_numbers"][:23] == numbers


def test_available_numbers_with_a_preference_then_request_one_of_them(emulator):
    emulator.config(pending_seconds={"TEN_DLC": 0})
    listed = run_task(
        emulator,
        "available_phone_number_info",
        dict(number_capabilities=["SMS"], number_preference=STARTS_1206),
        check=True,
    )
    numbers = listed.result["available_phone_numbers"]
    assert numbers and all(n.startswith("+1206") for n in numbers)
    wanted = dict(preference_type="ExactMatch", filter=[numbers[0]])
    requested = run_task(
        emulator,
        "phone_number",
        dict(name="chosen", number_preference=wanted, registration_id=campaign(emulator), **TEN_DLC),
    )
    assert requested.number["phone_number"] == numbers[0]
    exact = run_task(
        emulator, "available_phone_number_info", dict(number_capabilities=["SMS"], number_preference=wanted)
    )
    assert exact.result["available_phone_numbers"] == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        (dict(number_capabilities=[]), "number_capabilities must list at least one"),
        (dict(number_capabilities=["SMS"], limit=0), "limit must be at least 1"),
        (dict(number_capabilities=["SMS"], iso_country_code="us"), "iso_country_code 'us'"),
        (
            dict(number_capabilities=["SMS"], iso_country_code="CA", number_preference=STARTS_1206),
            "but iso_country_code is CA",
        ),
        (dict(number_capabilities=["SMS"], number_type="TOLL_FREE"), "number_type"),
    ],
)
def test_available_numbers_bad_input_names_the_option(emulator, args, fragment):
    run = run_task(emulator, "available_phone_number_info", args)
    assert run.failed and fragment in run.result["msg"], run.result.get("msg")
    assert run.calls == []
