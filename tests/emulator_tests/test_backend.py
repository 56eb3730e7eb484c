"""The plain-Python backend on its own: no moto, no HTTP, a frozen clock.

These pin the parts that transports only pass through (call log, faults,
configuration, seeding, state, time) and the emulator's own consistency with
botocore's model: every reason, resource type and error code it can emit must
exist there.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from tests.emulator.config import DEFAULT_PENDING_SECONDS
from tests.emulator.control import CONNECTION_DROPPED, Clock, Emulator
from tests.emulator.quotas import TEST_QUOTA_SCALE
from tests.emulator.region import OPERATIONS
from tests.emulator.validation import enum_values, operation_model, service_model

from .helpers import SIMULATOR, TOLL_FREE

EMULATOR_DIR = Path(__file__).resolve().parents[1] / "emulator"
START = 1_700_000_000.0


@pytest.fixture
def emu():
    emulator = Emulator(clock=Clock(frozen_at=START))
    emulator.configure(quota_scale=TEST_QUOTA_SCALE)
    return emulator


def ok(emu, operation, params=None, region="us-east-1"):
    outcome = emu.invoke(operation, params or {}, region=region)
    assert outcome.status == 200, outcome.body
    return outcome.body


def err(emu, operation, params=None, region="us-east-1"):
    outcome = emu.invoke(operation, params or {}, region=region)
    assert outcome.status != 200, outcome.body
    return outcome.body


def status(emu, number_id):
    return ok(emu, "DescribePhoneNumbers", {"PhoneNumberIds": [number_id]})["PhoneNumbers"][0]["Status"]


def _literal_first_args(function_names):
    """(function, first literal argument) of every call to those helpers in the emulator's source."""
    found = []
    for path in EMULATOR_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in function_names:
                if node.args and isinstance(node.args[0], ast.Constant):
                    found.append((node.func.id, node.args[0].value, f"{path.name}:{node.lineno}"))
    return found


def test_every_reason_and_resource_type_is_in_the_model():
    enums = {
        "conflict": enum_values("ConflictExceptionReason"),
        "validation_error": enum_values("ValidationExceptionReason"),
        "field_error": enum_values("ValidationExceptionReason"),
        "quota_exceeded": enum_values("ServiceQuotaExceededExceptionReason"),
        "not_found": enum_values("ResourceType"),
    }
    uses = _literal_first_args(set(enums))
    assert len(uses) > 40, "the scan found too few error sites; did the helpers get renamed?"
    unknown = [(function, value, where) for function, value, where in uses if value not in enums[function]]
    assert unknown == []
    conflict_types = [
        node.args[2].value
        for path in EMULATOR_DIR.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "conflict"
        and len(node.args) > 2
        and isinstance(node.args[2], ast.Constant)
    ]
    assert set(conflict_types) <= set(enum_values("ResourceType"))


def test_every_error_code_is_declared_by_the_operations():
    from tests.emulator import tagging

    declared = {shape.name for name in OPERATIONS for shape in operation_model(name).error_shapes}
    # GetResources (tests/emulator/tagging.py) answers with the Resource Groups Tagging API's errors.
    declared |= {shape.name for name in tagging.OPERATIONS for shape in tagging.operation_model(name).error_shapes}
    used = {
        node.args[0].value
        for path in EMULATOR_DIR.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "EmulatorError"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    helpers = {"ConflictException", "ValidationException", "ResourceNotFoundException", "ServiceQuotaExceededException"}
    # Protocol-level, as AWS sends them (InvalidSignatureException: a region the service is not in).
    generic = {"UnknownOperationException", "SerializationException", "InvalidSignatureException"}
    assert (used | helpers) - generic <= declared


def test_emulated_operations_exist_in_the_model():
    assert set(OPERATIONS) <= set(service_model().operation_names)


def test_each_operation_is_served_by_the_mixin_of_its_resource_module():
    """Each resource module's table names methods its own mixin defines; together they are OPERATIONS."""
    from tests.emulator import (
        available_numbers,
        keywords,
        limits,
        numbers,
        opt_out_lists,
        opted_out_numbers,
        pools,
        registration_attachments,
        registrations,
        resource_policies,
        sender_ids,
        tags,
    )

    tables = [
        (numbers.NUMBER_OPERATIONS, numbers.NumbersMixin),
        (pools.POOL_OPERATIONS, pools.PoolsMixin),
        (opt_out_lists.OPT_OUT_LIST_OPERATIONS, opt_out_lists.OptOutListsMixin),
        (keywords.KEYWORD_OPERATIONS, keywords.KeywordsMixin),
        (tags.TAG_OPERATIONS, tags.TagsMixin),
        (available_numbers.AVAILABLE_NUMBER_OPERATIONS, available_numbers.AvailableNumbersMixin),
        (registrations.REGISTRATION_OPERATIONS, registrations.RegistrationsMixin),
        (registration_attachments.ATTACHMENT_OPERATIONS, registration_attachments.RegistrationAttachmentsMixin),
        (limits.LIMIT_OPERATIONS, limits.LimitsMixin),
        (opted_out_numbers.OPTED_OUT_NUMBER_OPERATIONS, opted_out_numbers.OptedOutNumbersMixin),
        (resource_policies.RESOURCE_POLICY_OPERATIONS, resource_policies.ResourcePoliciesMixin),
        (sender_ids.SENDER_ID_OPERATIONS, sender_ids.SenderIdsMixin),
    ]
    for table, mixin in tables:
        assert [method for method in table.values() if method not in vars(mixin)] == [], mixin.__name__
    assert sum(len(table) for table, _mixin in tables) == len(OPERATIONS)
    assert {op: method for table, _mixin in tables for op, method in table.items()} == OPERATIONS


def test_status_follows_the_clock(emu):
    emu.configure(pending_seconds={"TOLL_FREE": 10}, association_seconds=4)
    number = ok(emu, "RequestPhoneNumber", TOLL_FREE)
    assert number["Status"] == "PENDING"
    assert number["CreatedTimestamp"] == START
    emu.advance_clock(9.5)
    assert status(emu, number["PhoneNumberId"]) == "PENDING"
    emu.advance_clock(0.5)
    assert status(emu, number["PhoneNumberId"]) == "ACTIVE"
    pool = ok(emu, "CreatePool", {"OriginationIdentity": number["PhoneNumberId"], "MessageType": "PROMOTIONAL"})
    assert status(emu, number["PhoneNumberId"]) == "ASSOCIATING"
    emu.advance_clock(4)
    assert status(emu, number["PhoneNumberId"]) == "ACTIVE"
    ok(emu, "DeletePool", {"PoolId": pool["PoolId"]})
    assert status(emu, number["PhoneNumberId"]) == "DISASSOCIATING"
    emu.advance_clock(4)
    ok(emu, "ReleasePhoneNumber", {"PhoneNumberId": number["PhoneNumberId"]})
    emu.advance_clock(299)
    assert status(emu, number["PhoneNumberId"]) == "DELETED"
    emu.advance_clock(1)
    assert err(emu, "DescribePhoneNumbers", {"PhoneNumberIds": [number["PhoneNumberId"]]})["__type"] == (
        "ResourceNotFoundException"
    )


def test_defaults_and_configuration(emu):
    assert emu.config["pending_seconds"] == DEFAULT_PENDING_SECONDS
    assert DEFAULT_PENDING_SECONDS["SIMULATOR"] == 0
    # The service's time: never instant, and longer for a release than for leaving the pool.
    assert emu.config["association_seconds"] == 1
    assert emu.config["pool_creating_seconds"] == 1
    assert emu.config["pool_deleting_seconds"] == 1
    assert emu.config["pool_listing_lag_seconds"] == 2
    assert emu.config["deleted_retention_seconds"] == 300
    assert emu.config["pool_release_lag_seconds"] == 2
    assert emu.config["pool_release_lag_seconds"] > emu.config["association_seconds"]
    for bad in (
        {"client_token_ttl_seconds": -1},
        {"client_token_ttl_seconds": None},
        {"pool_release_lag_seconds": -1},
        {"pool_release_lag_seconds": "5"},
        {"pending_seconds": {"TOLL_FREE": "soon"}},
        {"pending_seconds": [1]},
        {"association_seconds": True},
        {"pool_creating_seconds": -1},
        {"pool_deleting_seconds": "1"},
        {"pool_listing_lag_seconds": None},
        {"phone_numbers_quota": -1},
        {"nope": 1},
    ):
        with pytest.raises(ValueError):
            emu.configure(**bad)
    assert emu.configure(phone_numbers_quota=1)["phone_numbers_quota"] == 1
    ok(emu, "RequestPhoneNumber", SIMULATOR)
    body = err(emu, "RequestPhoneNumber", SIMULATOR)
    assert (body["__type"], body["Reason"]) == ("ServiceQuotaExceededException", "PHONE_NUMBERS_PER_ACCOUNT")
    emu.reset()
    assert emu.config["phone_numbers_quota"] is None


def test_call_log_records_everything_in_order(emu):
    ok(emu, "RequestPhoneNumber", {**SIMULATOR, "ClientToken": "abc"})
    err(emu, "DescribePhoneNumbers", {"PhoneNumberIds": ["phone-x"]})
    err(emu, "NoSuchThing", {})
    err(emu, "DescribePhoneNumbers", "not an object")
    emu.add_fault("DescribePools", "drop_after")
    dropped = emu.invoke("DescribePools", {}, region="eu-central-1")
    assert dropped.status == 200 and dropped.drop
    calls = emu.calls()
    times = [call.pop("at") for call in calls]
    assert times == sorted(times) and all(isinstance(t, float) for t in times), "each call carries its time"
    assert calls == [
        {
            "operation": "RequestPhoneNumber",
            "region": "us-east-1",
            "params": {**SIMULATOR, "ClientToken": "abc"},
            "error": None,
        },
        {
            "operation": "DescribePhoneNumbers",
            "region": "us-east-1",
            "params": {"PhoneNumberIds": ["phone-x"]},
            "error": "ResourceNotFoundException",
        },
        {"operation": "NoSuchThing", "region": "us-east-1", "params": {}, "error": "UnknownOperationException"},
        {
            "operation": "DescribePhoneNumbers",
            "region": "us-east-1",
            "params": "not an object",
            "error": "SerializationException",
        },
        {"operation": "DescribePools", "region": "eu-central-1", "params": {}, "error": CONNECTION_DROPPED},
    ]
    # The log is a copy: callers cannot rewrite history.
    emu.calls()[0]["params"]["IsoCountryCode"] = "GB"
    assert emu.calls()[0]["params"]["IsoCountryCode"] == "US"


def test_faults_are_consumed_in_order(emu):
    emu.add_fault("*", "server_error", count=1)
    emu.add_fault("DescribePools", "throttle", count=2)
    codes = [emu.invoke("DescribePools", {}, region="us-east-1").error for _index in range(4)]
    assert codes == ["InternalServerException", "ThrottlingException", "ThrottlingException", None]
    assert emu.faults() == []
    emu.add_fault("DescribePools", "server_error")
    assert emu.invoke("DescribePools", {}, region="us-east-1").status == 500


def test_validation_runs_after_faults_and_before_the_backend(emu):
    emu.add_fault("RequestPhoneNumber", "drop_after")
    outcome = emu.invoke("RequestPhoneNumber", {"IsoCountryCode": "US"}, region="us-east-1")
    assert outcome.drop and outcome.error == "ValidationException"
    assert emu.state() == {}


def test_seed_templates_and_state(emu):
    ids = emu.seed(3, region="eu-west-1", template={"IsoCountryCode": "FR", "NumberType": "LONG_CODE", "Tags": [
        {"Key": "Name", "Value": "fr-{i}"},
        {"Key": "team", "Value": "ops"},
    ]})  # fmt: skip
    state = emu.state()
    numbers = state["eu-west-1"]["phone_numbers"]
    assert [n["PhoneNumberId"] for n in numbers] == ids
    assert [n["Tags"][0]["Value"] for n in numbers] == ["fr-0", "fr-1", "fr-2"]
    assert {n["Tags"][1]["Value"] for n in numbers} == {"ops"}
    assert all(n["PhoneNumber"].startswith("+33") for n in numbers)
    assert state["eu-west-1"]["opt_out_lists"][0]["OptOutListName"] == "Default"
    assert emu.calls() == []
    with pytest.raises(ValueError):
        emu.seed(-1)


def test_client_token_replay_sees_current_state(emu):
    emu.configure(pending_seconds={"TOLL_FREE": 5})
    first = ok(emu, "RequestPhoneNumber", {**TOLL_FREE, "ClientToken": "t1"})
    emu.advance_clock(5)
    replay = ok(emu, "RequestPhoneNumber", {**TOLL_FREE, "ClientToken": "t1"})
    assert replay["PhoneNumberId"] == first["PhoneNumberId"]
    assert (first["Status"], replay["Status"]) == ("PENDING", "ACTIVE")
    body = err(emu, "CreateOptOutList", {"OptOutListName": "x", "ClientToken": "t1"})
    assert (body["__type"], body["Reason"], body["ResourceId"]) == (
        "ConflictException",
        "RESOURCE_ALREADY_EXISTS",
        first["PhoneNumberId"],
    )
    # Released and forgotten, the token still answers with what it created.
    ok(emu, "ReleasePhoneNumber", {"PhoneNumberId": first["PhoneNumberId"]})
    emu.advance_clock(300)
    assert ok(emu, "RequestPhoneNumber", {**TOLL_FREE, "ClientToken": "t1"})["PhoneNumberId"] == first["PhoneNumberId"]


def test_client_token_is_forgotten_after_eight_hours_by_default(emu):
    assert emu.config["client_token_ttl_seconds"] == 8 * 3600
    first = ok(emu, "RequestPhoneNumber", {**SIMULATOR, "ClientToken": "t1"})
    emu.advance_clock(8 * 3600 - 1)
    assert ok(emu, "RequestPhoneNumber", {**SIMULATOR, "ClientToken": "t1"})["PhoneNumberId"] == first["PhoneNumberId"]
    body = err(emu, "RequestPhoneNumber", {**SIMULATOR, "ClientToken": "t1", "DeletionProtectionEnabled": True})
    assert body["Reason"] == "RESOURCE_ALREADY_EXISTS"
    emu.advance_clock(1)
    second = ok(emu, "RequestPhoneNumber", {**SIMULATOR, "ClientToken": "t1"})
    assert second["PhoneNumberId"] != first["PhoneNumberId"]
    # The new lease starts a new lifetime for the token.
    emu.advance_clock(60)
    assert ok(emu, "RequestPhoneNumber", {**SIMULATOR, "ClientToken": "t1"})["PhoneNumberId"] == second["PhoneNumberId"]


def test_an_expired_client_token_may_carry_other_parameters(emu):
    emu.configure(client_token_ttl_seconds=60)
    ok(emu, "CreateOptOutList", {"OptOutListName": "first", "ClientToken": "t2"})
    emu.advance_clock(59)
    assert err(emu, "CreateOptOutList", {"OptOutListName": "second", "ClientToken": "t2"})["__type"] == (
        "ConflictException"
    )
    emu.advance_clock(1)
    assert ok(emu, "CreateOptOutList", {"OptOutListName": "second", "ClientToken": "t2"})["OptOutListName"] == "second"


def test_concurrent_requests_are_safe(emu):
    emu.configure(quotas=False)  # 400 calls at once: the backend's locking is under test, not the quotas
    results, errors = [], []

    def worker(number):
        for index in range(50):
            params = {**SIMULATOR, "ClientToken": f"worker-{number}-{index}"}
            outcome = emu.invoke("RequestPhoneNumber", params, "us-east-1")
            (results if outcome.status == 200 else errors).append(outcome.body)

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({r["PhoneNumberId"] for r in results}) == 400
    assert len({r["PhoneNumber"] for r in results}) == 400
    assert len(emu.calls()) == 400
