"""phone_number against the service's own rules: pools, numbers pending for days, settling errors, evidence.

Scenarios run check -> apply -> idempotent check -> idempotent apply where the
task converges, and assert the exact operations the emulator recorded.
"""

from __future__ import annotations

import time

import pytest

from tests.emulator_tests.helpers import SETTLED_SECONDS

from .harness import converge, run_task
from .test_phone_number import ROLE, SIMULATOR, TOPIC, live_numbers, request_number

TEN_DAYS = 10 * 24 * 3600
TOLL_FREE = dict(
    iso_country_code="US", message_type="PROMOTIONAL", number_capabilities=["SMS"], number_type="TOLL_FREE"
)


def make_pool(emulator, **number_settings):
    """A pool founded by a fresh SIMULATOR number with these settings (a pool takes its first number's).

    The emulator's clock then runs past the pool's CREATING and its founder's ASSOCIATING.
    """
    client = emulator.client()
    anchor = request_number(client)["PhoneNumberId"]
    if number_settings:
        client.update_phone_number(PhoneNumberId=anchor, **number_settings)
    pool = client.create_pool(OriginationIdentity=anchor, IsoCountryCode="US", MessageType="TRANSACTIONAL")["PoolId"]
    emulator.advance_clock(SETTLED_SECONDS)
    return pool


def writes(run):
    """Mutating calls with their outcome: (operation, error code or None)."""
    return [(c["operation"], c["error"]) for c in run.calls if c["operation"] in run.mutating]


def test_release_of_a_protected_pooled_number_disassociates_updates_then_releases(emulator):
    client = emulator.client()
    pool = make_pool(emulator)
    request_number(client, "pooled", PoolId=pool, DeletionProtectionEnabled=True)
    args = dict(name="pooled", state="absent", deletion_protection_enabled=False)
    _check, apply, _again_check, _again = converge(
        emulator,
        "phone_number",
        args,
        ["DisassociateOriginationIdentity", "UpdatePhoneNumber", "ReleasePhoneNumber"],
        settling=("ReleasePhoneNumber",),
    )
    # The release still sees the pool for 2 s after the number left it: refused, then retried.
    outcomes = writes(apply)
    refused = outcomes[2:-1]
    assert outcomes[:2] == [("DisassociateOriginationIdentity", None), ("UpdatePhoneNumber", None)]
    assert refused and set(refused) == {("ReleasePhoneNumber", "ConflictException")}
    assert outcomes[-1] == ("ReleasePhoneNumber", None)
    assert apply.number["status"] == "DELETED"


def test_pool_move_with_a_setting_change_disassociates_updates_then_associates(emulator):
    client = emulator.client()
    pool_a, pool_b = make_pool(emulator), make_pool(emulator)
    number_id = request_number(client, "mover", PoolId=pool_a)["PhoneNumberId"]
    request_number(client, "stays", PoolId=pool_a)  # pool_a keeps a number
    args = dict(name="mover", pool_id=pool_b, deletion_protection_enabled=True)
    _check, apply, _again_check, again = converge(
        emulator,
        "phone_number",
        args,
        ["DisassociateOriginationIdentity", "UpdatePhoneNumber", "AssociateOriginationIdentity"],
    )
    assert [e for _op, e in writes(apply)] == [None, None, None]
    live = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]
    assert live["PoolId"] == pool_b and live["DeletionProtectionEnabled"] is True
    assert again.number["pool_id"] == pool_b


def test_changing_a_setting_of_a_number_that_stays_in_its_pool_fails_before_any_write(emulator):
    client = emulator.client()
    pool = make_pool(emulator)
    request_number(client, "kept", PoolId=pool)
    args = dict(name="kept", international_sending_enabled=True)
    for check in (True, False):
        run = run_task(emulator, "phone_number", args, check=check)
        assert run.failed and not run.changed
        assert pool in run.result["msg"] and "international_sending_enabled" in run.result["msg"]
        assert 'pool_id: ""' in run.result["msg"]
        assert run.mutating == []
    # Leaving the pool in the same task is the way: disassociate, then update.
    converge(
        emulator,
        "phone_number",
        dict(args, pool_id=""),
        ["DisassociateOriginationIdentity", "UpdatePhoneNumber"],
    )


def test_a_number_requested_into_a_pool_takes_its_settings_and_check_mode_predicts_them(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="marketing")
    pool = make_pool(
        emulator,
        TwoWayEnabled=True,
        TwoWayChannelArn=TOPIC,
        TwoWayChannelRole=ROLE,
        OptOutListName="marketing",
        SelfManagedOptOutsEnabled=True,
    )
    args = dict(name="joiner", pool_id=pool, **SIMULATOR)
    check, apply, _again_check, again = converge(emulator, "phone_number", args, ["RequestPhoneNumber"])
    for run in (check, apply, again):
        assert run.number["two_way_enabled"] is True
        assert run.number["two_way_channel_arn"] == TOPIC
        assert run.number["opt_out_list_name"] == "marketing"
        assert run.number["self_managed_opt_outs_enabled"] is True
        assert run.number["pool_id"] == pool
    # Asking for the pool's own values is no change either.
    converge(
        emulator,
        "phone_number",
        dict(args, two_way_enabled=True, self_managed_opt_outs_enabled=True),
        [],
        first_changed=False,
    )


def test_a_request_into_a_pool_asking_for_settings_the_pool_overrides_fails_before_any_write(emulator):
    client = emulator.client()
    pool = make_pool(emulator)
    args = dict(name="joiner", pool_id=pool, self_managed_opt_outs_enabled=True, **SIMULATOR)
    for check in (True, False):
        run = run_task(emulator, "phone_number", args, check=check)
        assert run.failed and not run.changed
        assert pool in run.result["msg"] and "self_managed_opt_outs_enabled" in run.result["msg"]
        assert run.mutating == []
    assert len(live_numbers(client)) == 1  # the pool's founder only


def test_toll_free_number_with_wait_false_returns_at_once_and_a_later_run_applies_the_rest(emulator):
    args = dict(
        name="tfn",
        two_way_enabled=True,
        two_way_channel_arn=TOPIC,
        keywords=[{"keyword": "JOIN", "reply": "Welcome"}],
        wait=False,
        **TOLL_FREE,
    )
    check = run_task(emulator, "phone_number", args, check=True)
    assert check.changed and check.mutating == []
    assert [p["operation"] for p in check.result["pending_changes"]] == ["UpdatePhoneNumber", "PutKeyword"]

    first = run_task(emulator, "phone_number", args)
    assert not first.failed, first.result.get("msg")
    assert first.changed and first.mutating == ["RequestPhoneNumber"]
    assert first.number["status"] == "PENDING" and first.number["two_way_enabled"] is False
    assert first.result["pending_changes"] == [
        {"operation": "UpdatePhoneNumber", "options": {"two_way_enabled": True, "two_way_channel_arn": TOPIC}},
        {"operation": "PutKeyword", "options": {"keyword": "JOIN", "reply": "Welcome", "action": "AUTOMATIC_RESPONSE"}},
    ]

    still_pending = run_task(emulator, "phone_number", args)
    assert not still_pending.failed and not still_pending.changed
    assert still_pending.mutating == []
    assert still_pending.result["pending_changes"] == first.result["pending_changes"]

    emulator.advance_clock(TEN_DAYS)
    _check, apply, _again_check, _again = converge(emulator, "phone_number", args, ["UpdatePhoneNumber", "PutKeyword"])
    assert apply.result["pending_changes"] == []
    assert apply.number["two_way_enabled"] is True and apply.number["status"] == "ACTIVE"
    assert len(live_numbers(emulator.client())) == 1


def test_timeout_fails_naming_the_number_its_status_and_what_is_left_then_the_next_run_finishes(emulator):
    args = dict(name="slow", two_way_enabled=True, two_way_channel_arn=TOPIC, wait_timeout=2, **TOLL_FREE)
    run = run_task(emulator, "phone_number", args)
    assert run.failed and run.changed
    number_id = live_numbers(emulator.client())[0]["PhoneNumberId"]
    assert number_id in run.result["msg"] and "PENDING" in run.result["msg"]
    assert run.result["done"] == ["RequestPhoneNumber"]
    assert run.result["not_done"] == ["UpdatePhoneNumber"]
    assert run.result["pending_changes"] == [
        {"operation": "UpdatePhoneNumber", "options": {"two_way_channel_arn": TOPIC, "two_way_enabled": True}}
    ]
    assert run.result["phone_number"]["phone_number_id"] == number_id
    assert run.result["phone_number"]["status"] == "PENDING"
    assert run.result["phone_number"]["phone_number_arn"].endswith(number_id)

    emulator.advance_clock(TEN_DAYS)
    again = run_task(emulator, "phone_number", args)
    assert not again.failed, again.result.get("msg")
    assert again.changed and again.mutating == ["UpdatePhoneNumber"]
    assert again.number["two_way_enabled"] is True
    assert len(live_numbers(emulator.client())) == 1


def test_a_failure_after_a_write_reports_changed_with_done_and_not_done(emulator):
    emulator.fault("UpdatePhoneNumber", "server_error", count=20)
    args = dict(name="half", two_way_enabled=True, two_way_channel_arn=TOPIC, **SIMULATOR)
    run = run_task(emulator, "phone_number", args)
    assert run.failed and run.changed
    assert run.result["done"] == ["RequestPhoneNumber"]
    assert run.result["not_done"] == ["UpdatePhoneNumber"]
    assert run.result["phone_number"]["phone_number_id"] == live_numbers(emulator.client())[0]["PhoneNumberId"]
    assert run.result["phone_number"]["status"] == "ACTIVE"
    assert "Done: RequestPhoneNumber; not done: UpdatePhoneNumber" in run.result["msg"]


def test_a_failure_before_any_write_reports_unchanged(emulator):
    emulator.fault("RequestPhoneNumber", "server_error", count=20)
    run = run_task(emulator, "phone_number", dict(name="never", **SIMULATOR))
    assert run.failed and not run.changed
    assert run.result["done"] == [] and run.result["not_done"] == ["RequestPhoneNumber"]
    assert "Nothing was changed; left to do: RequestPhoneNumber" in run.result["msg"]


def test_a_release_that_still_sees_the_pool_is_retried_within_wait_timeout(emulator):
    # The emulator's default: a release sees the pool it left for 2 s, longer than DISASSOCIATING lasts.
    client = emulator.client()
    pool = make_pool(emulator)
    request_number(client, "leaver", PoolId=pool)
    run = run_task(emulator, "phone_number", dict(name="leaver", state="absent"))
    assert run.changed
    assert not run.failed, run.result.get("msg")
    outcomes = writes(run)
    assert outcomes[0] == ("DisassociateOriginationIdentity", None)
    assert outcomes[-1] == ("ReleasePhoneNumber", None)
    refused = [c for c in run.calls if c["operation"] == "ReleasePhoneNumber" and c["error"]]
    assert refused and all(c["error"] == "ConflictException" for c in refused)
    assert run.number["status"] == "DELETED"


def test_a_two_way_role_not_yet_accessible_is_retried_within_wait_timeout(emulator):
    number_id = request_number(emulator.client(), "replies")["PhoneNumberId"]
    emulator.fault("UpdatePhoneNumber", "not_accessible", count=2)
    args = dict(phone_number_id=number_id, two_way_enabled=True, two_way_channel_arn=TOPIC, two_way_channel_role=ROLE)
    run = run_task(emulator, "phone_number", args)
    assert not run.failed, run.result.get("msg")
    assert writes(run) == [
        ("UpdatePhoneNumber", "ValidationException"),
        ("UpdatePhoneNumber", "ValidationException"),
        ("UpdatePhoneNumber", None),
    ]
    assert run.number["two_way_channel_role"] == ROLE


def test_registration_id_is_requested_with_and_immutable_afterwards(emulator):
    registration_id, other = emulator.seed_registrations(
        {"RegistrationType": "US_TOLL_FREE_REGISTRATION", "RegistrationStatus": "COMPLETE"},
        {"RegistrationType": "US_TOLL_FREE_REGISTRATION", "RegistrationStatus": "COMPLETE"},
    )
    args = dict(name="registered", registration_id=registration_id, wait=False, **TOLL_FREE)
    check, apply, _again_check, again = converge(emulator, "phone_number", args, ["RequestPhoneNumber"])
    request = next(c for c in apply.calls if c["operation"] == "RequestPhoneNumber")
    assert request["params"]["RegistrationId"] == registration_id
    assert check.number["registration_id"] == registration_id
    assert apply.number["registration_id"] == registration_id == again.number["registration_id"]

    moved = run_task(emulator, "phone_number", dict(args, registration_id=other))
    assert moved.failed and not moved.changed
    assert "registration_id: {0} -> {1}".format(registration_id, other) in moved.result["msg"]
    assert moved.mutating == []


def test_a_by_name_task_at_the_published_rates_is_never_failed_by_throttling(emulator):
    # quota_scale 1 on both sides: the emulator's published quotas, and the module pacing to them.
    emulator.config(quotas=True, quota_scale=1)
    emulator.seed(8)
    start = time.monotonic()
    run = run_task(emulator, "phone_number", dict(name="paced", **SIMULATOR), extra_env={"SMS_VOICE_QUOTA_SCALE": "1"})
    seconds = time.monotonic() - start
    assert not run.failed, run.result.get("msg")
    assert run.mutating == ["RequestPhoneNumber"]
    # The 8 numbers were never tagged, so the index does not list them: the proof reads their own tags (the
    # new number's come with the answer to the request). 8 ListTagsForResource calls at 1 per second cannot
    # take less than 7 seconds: the module paced them.
    assert run.operations.count("ListTagsForResource") == 8
    assert seconds >= 7
    # Any call the service throttled was made again and answered.
    for index, call in enumerate(run.calls):
        if call["error"] == "ThrottlingException":
            assert any(c["operation"] == call["operation"] and c["error"] is None for c in run.calls[index + 1 :])


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (dict(quota_scale=0), "quota_scale must be a positive number"),
        (dict(request_quotas={"SendTextMessage": 5}), "request_quotas: unknown operation 'SendTextMessage'"),
        (dict(request_quotas={"DescribePhoneNumbers": -1}), "request_quotas: DescribePhoneNumbers must be a positive"),
        (dict(throttle_timeout=-1), "throttle_timeout must be a number of seconds, 0 or more"),
        (dict(throttle_timeout="soon"), "throttle_timeout"),
    ],
)
def test_bad_pacing_options_fail_naming_the_option_without_any_call(emulator, options, fragment):
    run = run_task(emulator, "phone_number", dict(name="x", **dict(SIMULATOR, **options)))
    assert run.failed and not run.changed
    assert fragment in run.result["msg"]
    assert run.operations == []


def test_release_of_a_pending_pooled_number_with_wait_false_is_left_whole_for_a_later_run(mock_emulator):
    from .inprocess import run_module_inprocess

    pool = make_pool(mock_emulator)
    # The pool's founder is SMS and VOICE: its numbers share that (NUMBER_CAPABILITIES_MISMATCH otherwise).
    tfn = dict(TOLL_FREE, message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"])
    requested = run_module_inprocess("phone_number", dict(name="tfp", pool_id=pool, wait=False, **tfn))
    assert not requested["failed"] and requested["phone_number"]["status"] == "PENDING"
    args = dict(name="tfp", state="absent", wait=False)
    expected = [
        {"operation": "DisassociateOriginationIdentity", "options": {"pool_id": ""}},
        {"operation": "ReleasePhoneNumber", "options": {}},
    ]

    check = run_module_inprocess("phone_number", args, check_mode=True)
    start = len(mock_emulator.calls())
    run = run_module_inprocess("phone_number", args)
    released = [c["operation"] for c in mock_emulator.calls()[start:] if c["operation"] == "ReleasePhoneNumber"]

    for result in (check, run):
        assert not result["failed"], result["msg"]
        assert not result["changed"]
        assert result["pending_changes"] == expected
        assert result["phone_number"]["status"] == "PENDING" and result["phone_number"]["pool_id"] == pool
    assert released == []

    mock_emulator.advance_clock(TEN_DAYS)
    later = run_module_inprocess("phone_number", args)
    assert not later["failed"] and later["changed"] and later["pending_changes"] == []
    assert later["phone_number"]["status"] == "DELETED"
