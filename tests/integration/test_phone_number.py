"""phone_number through ansible-playbook against the emulator server.

Each scenario runs check -> apply -> idempotent check -> idempotent apply and
asserts ``changed``, the returned number and the exact API operations the
emulator recorded.
"""

from __future__ import annotations

import pytest

from tests.emulator_tests.helpers import SETTLED_SECONDS

from .harness import converge, run_task

SIMULATOR = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"], number_type="SIMULATOR"
)
TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-replies"
ROLE = "arn:aws:iam::123456789012:role/SmsVoiceTwoWay"


def request_number(client, name=None, **extra):
    params = dict(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"], NumberType="SIMULATOR"
    )
    if name:
        params["Tags"] = [{"Key": "Name", "Value": name}]
    params.update(extra)
    return client.request_phone_number(**params)


def live_numbers(client):
    numbers = client.describe_phone_numbers(MaxResults=100)["PhoneNumbers"]
    return [n for n in numbers if n["Status"] != "DELETED"]


def test_request_by_name_converges_and_leases_one_number(emulator):
    args = dict(name="alerts", tags={"team": "ops"}, **SIMULATOR)
    check, apply, again_check, again = converge(emulator, "phone_number", args, ["RequestPhoneNumber"])

    predicted = check.number
    assert predicted["phone_number_id"] is None
    assert predicted["status"] == "ACTIVE"
    assert predicted["tags"] == {"Name": "alerts", "team": "ops"}
    assert check.result["diff"]["before"] == {}
    assert check.result["diff"]["after"]["number_type"] == "SIMULATOR"

    number = apply.number
    assert number["phone_number_id"].startswith("phone-")
    assert number["phone_number"].startswith("+1")
    assert number["status"] == "ACTIVE"
    assert number["tags"] == {"Name": "alerts", "team": "ops"}
    assert number["created_timestamp"][:4].isdigit() and "T" in number["created_timestamp"]
    assert sorted(number["number_capabilities"]) == ["SMS", "VOICE"]

    # The converged runs return the same number, in the same shape. RequestPhoneNumber does not
    # return the limits and pricing of the number, so only a later read shows them.
    assert number["messaging_limits"] is None
    read_later = dict(messaging_limits={"rate_limits": {"SMS": 1, "VOICE": 1}}, pricing_tier=None)
    assert again.number == dict(number, **read_later)
    assert again_check.number == dict(number, **read_later)
    assert [n["PhoneNumberId"] for n in live_numbers(emulator.client())] == [number["phone_number_id"]]
    request = next(c for c in apply.calls if c["operation"] == "RequestPhoneNumber")
    assert request["params"]["ClientToken"]


def test_request_with_update_only_settings_updates_once_active(emulator):
    args = dict(name="replies", two_way_enabled=True, two_way_channel_arn=TOPIC, two_way_channel_role=ROLE, **SIMULATOR)
    _check, apply, _again_check, again = converge(
        emulator, "phone_number", args, ["RequestPhoneNumber", "UpdatePhoneNumber"]
    )
    assert apply.number["two_way_enabled"] is True
    assert apply.number["two_way_channel_arn"] == TOPIC
    assert again.number["two_way_channel_role"] == ROLE


@pytest.mark.parametrize(
    ("settings", "api_member", "expected"),
    [
        ({"deletion_protection_enabled": True}, "DeletionProtectionEnabled", True),
        ({"opt_out_list_name": "marketing"}, "OptOutListName", "marketing"),
        # Self-managed opt-outs need two-way messaging (TWO_WAY_NOT_ENABLED): both in one update.
        (
            {"self_managed_opt_outs_enabled": True, "two_way_enabled": True, "two_way_channel_arn": TOPIC},
            "SelfManagedOptOutsEnabled",
            True,
        ),
        ({"international_sending_enabled": True}, "InternationalSendingEnabled", True),
        (
            {"two_way_enabled": True, "two_way_channel_arn": TOPIC, "two_way_channel_role": ROLE},
            "TwoWayChannelArn",
            TOPIC,
        ),
    ],
    ids=["deletion_protection", "opt_out_list", "self_managed_opt_outs", "international_sending", "two_way"],
)
def test_each_mutable_setting_changes_with_one_update(emulator, settings, api_member, expected):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="marketing")
    number_id = request_number(client, "settings")["PhoneNumberId"]
    args = dict(phone_number_id=number_id, **settings)
    _check, apply, _again_check, _again = converge(emulator, "phone_number", args, ["UpdatePhoneNumber"])
    update = next(c for c in apply.calls if c["operation"] == "UpdatePhoneNumber")
    # Only what the task set, and nothing else, is sent.
    assert set(update["params"]) == {"PhoneNumberId"} | {_api(k) for k in settings}
    assert client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0][api_member] == expected
    for key, value in settings.items():
        assert apply.number[key] == value


def _api(option):
    return "".join(part.capitalize() for part in option.split("_"))


@pytest.mark.parametrize(
    ("task_tags", "purge", "ops", "expected"),
    [
        ({"a": "1", "b": "2", "c": "3"}, True, ["TagResource"], {"Name": "tagged", "a": "1", "b": "2", "c": "3"}),
        ({"a": "1", "b": "changed"}, True, ["TagResource"], {"Name": "tagged", "a": "1", "b": "changed"}),
        ({"a": "1"}, True, ["UntagResource"], {"Name": "tagged", "a": "1"}),
        ({"c": "3"}, False, ["TagResource"], {"Name": "tagged", "a": "1", "b": "2", "c": "3"}),
        ({"a": "9", "c": "3"}, True, ["UntagResource", "TagResource"], {"Name": "tagged", "a": "9", "c": "3"}),
    ],
    ids=["added", "changed", "purged", "kept_without_purge", "changed_and_purged"],
)
def test_tags_change_by_difference_only(emulator, task_tags, purge, ops, expected):
    client = emulator.client()
    number = request_number(
        client, None, Tags=[{"Key": "Name", "Value": "tagged"}, {"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    )
    args = dict(name="tagged", tags=task_tags, purge_tags=purge)
    _check, apply, _again_check, again = converge(emulator, "phone_number", args, ops)
    assert apply.number["tags"] == expected
    assert again.number["tags"] == expected
    tags = client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])["Tags"]
    assert {t["Key"]: t["Value"] for t in tags} == expected


def test_pool_moved_disassociates_then_associates(emulator):
    client = emulator.client()
    anchor_a = request_number(client)["PhoneNumberId"]
    anchor_b = request_number(client)["PhoneNumberId"]
    pool_a = client.create_pool(OriginationIdentity=anchor_a, IsoCountryCode="US", MessageType="TRANSACTIONAL")[
        "PoolId"
    ]
    pool_b = client.create_pool(OriginationIdentity=anchor_b, IsoCountryCode="US", MessageType="TRANSACTIONAL")[
        "PoolId"
    ]
    emulator.advance_clock(SETTLED_SECONDS)  # both pools ACTIVE
    number_id = request_number(client, "mover", PoolId=pool_a)["PhoneNumberId"]

    _check, apply, _again_check, again = converge(
        emulator,
        "phone_number",
        dict(name="mover", pool_id=pool_b),
        ["DisassociateOriginationIdentity", "AssociateOriginationIdentity"],
    )
    assert apply.number["pool_id"] == pool_b
    assert again.number["pool_id"] == pool_b
    assert client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]["PoolId"] == pool_b


def test_moving_the_last_number_of_a_pool_fails_naming_the_pool(emulator):
    client = emulator.client()
    number_id = request_number(client, "alone")["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=number_id, IsoCountryCode="US", MessageType="TRANSACTIONAL")["PoolId"]
    run = run_task(emulator, "phone_number", dict(name="alone", pool_id=""))
    assert run.failed
    assert pool in run.result["msg"]
    assert run.mutating == []


def test_immutable_drift_fails_listing_differences_and_changes_nothing(emulator):
    request_number(emulator.client(), "drift")
    args = dict(
        name="drift",
        iso_country_code="US",
        message_type="PROMOTIONAL",
        number_capabilities=["SMS"],
        number_type="TOLL_FREE",
    )
    for check in (True, False):
        run = run_task(emulator, "phone_number", args, check=check)
        assert run.failed
        msg = run.result["msg"]
        for fragment in (
            "message_type: TRANSACTIONAL -> PROMOTIONAL",
            "number_type: SIMULATOR -> TOLL_FREE",
            "number_capabilities",
        ):
            assert fragment in msg
        assert "Traceback" not in msg
        assert run.mutating == []


def test_release_converges(emulator):
    client = emulator.client()
    number_id = request_number(client, "gone")["PhoneNumberId"]
    check, apply, _again_check, _again = converge(
        emulator, "phone_number", dict(name="gone", state="absent"), ["ReleasePhoneNumber"]
    )
    assert check.result["diff"]["after"] == {}
    assert check.result["diff"]["before"]["phone_number_id"] == number_id
    assert apply.number["status"] == "DELETED"
    assert live_numbers(client) == []


def test_release_under_deletion_protection_fails_then_succeeds_when_task_turns_it_off(emulator):
    client = emulator.client()
    number_id = request_number(client, "guarded", DeletionProtectionEnabled=True)["PhoneNumberId"]

    refused = run_task(emulator, "phone_number", dict(name="guarded", state="absent"))
    assert refused.failed
    assert "deletion protection" in refused.result["msg"]
    assert "deletion_protection_enabled: false" in refused.result["msg"]
    assert refused.mutating == []
    assert [n["PhoneNumberId"] for n in live_numbers(client)] == [number_id]

    args = dict(name="guarded", state="absent", deletion_protection_enabled=False)
    converge(emulator, "phone_number", args, ["UpdatePhoneNumber", "ReleasePhoneNumber"])
    assert live_numbers(client) == []


def test_release_of_pooled_number_disassociates_first(emulator):
    client = emulator.client()
    anchor = request_number(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=anchor, IsoCountryCode="US", MessageType="TRANSACTIONAL")["PoolId"]
    emulator.advance_clock(SETTLED_SECONDS)  # the pool ACTIVE
    request_number(client, "pooled", PoolId=pool)
    converge(
        emulator,
        "phone_number",
        dict(name="pooled", state="absent"),
        ["DisassociateOriginationIdentity", "ReleasePhoneNumber"],
        settling=("ReleasePhoneNumber",),  # the release still sees the pool for 2 s: retried
    )
    assert [n["PhoneNumberId"] for n in live_numbers(client)] == [anchor]


def test_absent_when_missing_is_unchanged(emulator):
    converge(emulator, "phone_number", dict(name="never-there", state="absent"), [], first_changed=False)


def test_toll_free_pending_past_wait_timeout_fails_with_id_and_status(emulator):
    emulator.config(pending_seconds={"TOLL_FREE": 600})
    args = dict(
        name="slow",
        iso_country_code="US",
        message_type="PROMOTIONAL",
        number_capabilities=["SMS"],
        number_type="TOLL_FREE",
        wait_timeout=2,
    )
    run = run_task(emulator, "phone_number", args)
    assert run.failed
    numbers = live_numbers(emulator.client())
    assert len(numbers) == 1
    assert numbers[0]["PhoneNumberId"] in run.result["msg"]
    assert "PENDING" in run.result["msg"]
    assert run.operations.count("RequestPhoneNumber") == 1
    # The next run finds the pending number by name instead of leasing another.
    again = run_task(emulator, "phone_number", dict(args, wait=False))
    assert not again.failed and not again.changed
    assert again.number["status"] == "PENDING"
    assert len(live_numbers(emulator.client())) == 1


def test_request_whose_connection_drops_after_the_server_acted_leases_one_number(emulator):
    emulator.fault("RequestPhoneNumber", "drop_after", count=1)
    run = run_task(emulator, "phone_number", dict(name="dropped", **SIMULATOR))
    assert not run.failed, run.result.get("msg")
    requests = [c for c in run.calls if c["operation"] == "RequestPhoneNumber"]
    assert len(requests) == 2  # dropped once, retried by botocore
    assert requests[0]["params"]["ClientToken"] == requests[1]["params"]["ClientToken"]
    numbers = live_numbers(emulator.client())
    assert len(numbers) == 1
    assert run.number["phone_number_id"] == numbers[0]["PhoneNumberId"]


MODULE_OPERATIONS = [
    "DescribePhoneNumbers",
    "ListTagsForResource",
    "RequestPhoneNumber",
    "UpdatePhoneNumber",
    "TagResource",
]


def test_throttling_on_every_operation_still_converges(emulator):
    for operation in MODULE_OPERATIONS:
        emulator.fault(operation, "throttle", count=2)
    args = dict(name="throttled", two_way_enabled=True, two_way_channel_arn=TOPIC, **SIMULATOR)
    run = run_task(emulator, "phone_number", args)
    assert not run.failed, run.result.get("msg")
    throttled = {c["operation"] for c in run.calls if c["error"] == "ThrottlingException"}
    assert throttled >= {"DescribePhoneNumbers", "RequestPhoneNumber", "UpdatePhoneNumber"}
    # Tag a second time under throttling: the existing number is found, tags converge.
    emulator.fault("ListTagsForResource", "throttle", count=2)
    emulator.fault("TagResource", "throttle", count=2)
    run = run_task(emulator, "phone_number", dict(args, tags={"team": "ops"}))
    assert not run.failed, run.result.get("msg")
    assert run.number["tags"] == {"Name": "throttled", "team": "ops"}
    assert len(live_numbers(emulator.client())) == 1


def test_change_to_a_pending_number_waits_for_it_to_become_active(emulator):
    emulator.config(pending_seconds={"TOLL_FREE": 2})
    client = emulator.client()
    client.request_phone_number(
        IsoCountryCode="US",
        MessageType="PROMOTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="TOLL_FREE",
        Tags=[{"Key": "Name", "Value": "tf"}],
    )
    run = run_task(emulator, "phone_number", dict(name="tf", deletion_protection_enabled=True))
    assert not run.failed, run.result.get("msg")
    assert run.mutating == ["UpdatePhoneNumber"]
    assert run.number["status"] == "ACTIVE" and run.number["deletion_protection_enabled"] is True
    # The update was sent only once the number was ACTIVE: no call was refused.
    assert [c["error"] for c in run.calls if c["operation"] == "UpdatePhoneNumber"] == [None]


def test_change_to_a_number_pending_past_wait_timeout_fails_clearly(emulator):
    emulator.config(pending_seconds={"TOLL_FREE": 600})
    client = emulator.client()
    number_id = client.request_phone_number(
        IsoCountryCode="US",
        MessageType="PROMOTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="TOLL_FREE",
        Tags=[{"Key": "Name", "Value": "tf"}],
    )["PhoneNumberId"]
    run = run_task(emulator, "phone_number", dict(name="tf", deletion_protection_enabled=True, wait_timeout=1))
    assert run.failed and not run.changed
    assert number_id in run.result["msg"] and "PENDING" in run.result["msg"]
    assert run.mutating == []
    # What is left is named, for the next run.
    assert run.result["pending_changes"] == [
        {"operation": "UpdatePhoneNumber", "options": {"deletion_protection_enabled": True}}
    ]
    assert run.result["phone_number"]["status"] == "PENDING"
    assert run.result["phone_number"]["deletion_protection_enabled"] is False
