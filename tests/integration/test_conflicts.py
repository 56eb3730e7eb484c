"""Writes refused while another write to the same resource is in flight, through ansible-playbook.

The emulator's ``conflict_window_seconds`` keeps each write in flight that long: a write to the same
resource meanwhile answers ConflictException without a Reason (``tests/emulator/in_flight.py``).
The modules retry it with the waiter's growing interval, within ``wait_timeout``, and only it: a
ConflictException with a Reason names a state that does not clear by itself and fails at once.
"""

from __future__ import annotations

from .harness import run_task
from .test_pool import POOL_TASK, numbers
from .test_service_rules import writes


def test_phone_number_retries_a_write_refused_while_its_update_is_in_flight(emulator):
    (number_id,) = numbers(emulator, 1)
    emulator.config(conflict_window_seconds=0.5)
    args = dict(phone_number_id=number_id, deletion_protection_enabled=True, tags={"team": "ops"})
    run = run_task(emulator, "phone_number", args)
    assert not run.failed, run.result.get("msg")
    assert run.changed
    assert writes(run) == [
        ("UpdatePhoneNumber", None),
        ("TagResource", "ConflictException"),  # the update is still in flight
        ("TagResource", None),  # a second later
    ]
    assert run.number["deletion_protection_enabled"] is True and run.number["tags"] == {
        "Name": "member-0",
        "team": "ops",
    }
    assert run_task(emulator, "phone_number", args).changed is False


def test_pool_retries_a_keyword_refused_while_its_update_is_in_flight(emulator):
    a, b = numbers(emulator, 2)
    founded = run_task(emulator, "pool", dict(name="busy", phone_numbers=[a, b], **POOL_TASK))
    assert not founded.failed, founded.result.get("msg")
    emulator.config(conflict_window_seconds=0.5)
    args = dict(name="busy", deletion_protection_enabled=True, keywords=[{"keyword": "INFO", "reply": "Info"}])
    run = run_task(emulator, "pool", args)
    assert not run.failed, run.result.get("msg")
    assert writes(run) == [("UpdatePool", None), ("PutKeyword", "ConflictException"), ("PutKeyword", None)]
    assert run_task(emulator, "pool", args).changed is False


def test_a_create_refused_while_its_founding_number_is_written_is_retried(emulator):
    (founder,) = numbers(emulator, 1)
    client = emulator.client()
    # Long enough to outlast ansible-playbook's start-up and the task's reads.
    emulator.config(conflict_window_seconds=8)
    client.tag_resource(
        ResourceArn=client.describe_phone_numbers(PhoneNumberIds=[founder])["PhoneNumbers"][0]["PhoneNumberArn"],
        Tags=[{"Key": "team", "Value": "ops"}],
    )
    run = run_task(emulator, "pool", dict(name="later", phone_numbers=[founder], **POOL_TASK))
    assert not run.failed, run.result.get("msg")
    outcomes = writes(run)
    assert outcomes[-1] == ("CreatePool", None)
    assert outcomes[:-1] and set(outcomes[:-1]) == {("CreatePool", "ConflictException")}
    assert run.result["pool"]["phone_number_ids"] == [founder]


def test_a_write_still_refused_at_wait_timeout_fails_naming_the_conflict(emulator):
    (number_id,) = numbers(emulator, 1)
    emulator.config(conflict_window_seconds=600)
    args = dict(phone_number_id=number_id, deletion_protection_enabled=True, tags={"team": "ops"}, wait_timeout=2)
    run = run_task(emulator, "phone_number", args)
    assert run.failed and run.changed
    assert run.result["error"]["code"] == "ConflictException" and run.result["error"]["reason"] is None
    assert run.result["done"] == ["UpdatePhoneNumber"] and run.result["not_done"] == ["TagResource"]
    assert "in progress" in run.result["msg"]
    refused = [outcome for outcome in writes(run) if outcome[0] == "TagResource"]
    assert len(refused) >= 2 and set(refused) == {("TagResource", "ConflictException")}
