"""Injected faults, in-process and over HTTP, seen through botocore's real retry logic.

The modules rely on botocore's ``standard`` retry mode for throttling, 5xx
and dropped connections, and on ``ClientToken`` so that a retried
RequestPhoneNumber never leases twice. These tests prove the emulator's
faults look to botocore exactly like the real failures would.
"""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError

from tests.emulator import CONNECTION_DROPPED, EmulatorControlError

from .helpers import IAM_ROLE, SIMULATOR, SNS_TOPIC, raises, request

pytestmark = pytest.mark.usefixtures("no_backoff")


def _errors(handle, operation):
    return [call["error"] for call in handle.calls() if call["operation"] == operation]


def test_throttle_is_recorded_and_retried(api):
    api.fault("RequestPhoneNumber", "throttle", count=2)
    response = request(api.client())
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert _errors(api, "RequestPhoneNumber") == ["ThrottlingException", "ThrottlingException", None]
    assert len(api.state()["us-east-1"]["phone_numbers"]) == 1
    assert api.faults() == []


def test_throttle_beyond_retries_reaches_the_caller(api):
    api.fault("DescribePhoneNumbers", "throttle", count=3)
    with raises("ThrottlingException") as caught:
        api.client().describe_phone_numbers()
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert caught.value.response["ResponseMetadata"]["RetryAttempts"] == 2
    assert _errors(api, "DescribePhoneNumbers") == ["ThrottlingException"] * 3


def test_server_error_is_a_retried_500(api):
    api.fault("DescribePhoneNumbers", "server_error", count=1)
    client = api.client()
    assert client.describe_phone_numbers()["ResponseMetadata"]["RetryAttempts"] == 1
    api.fault("DescribePhoneNumbers", "server_error", count=5)
    with raises("InternalServerException") as caught:
        client.describe_phone_numbers()
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert _errors(api, "DescribePhoneNumbers") == ["InternalServerException", None] + ["InternalServerException"] * 3
    assert api.faults() == [{"operation": "DescribePhoneNumbers", "kind": "server_error", "count": 2, "seconds": 0.0}]


def test_latency_delays_then_serves(api):
    client = api.client()
    client.describe_phone_numbers()  # warm up the connection and the client
    api.fault("DescribePhoneNumbers", "latency", seconds=1.0)
    started = time.monotonic()
    response = client.describe_phone_numbers()
    assert time.monotonic() - started >= 1.0
    assert response["ResponseMetadata"]["RetryAttempts"] == 0
    started = time.monotonic()
    client.describe_phone_numbers()
    assert time.monotonic() - started < 1.0
    assert _errors(api, "DescribePhoneNumbers") == [None, None, None]


def test_drop_after_acts_once_and_botocore_retries_with_the_same_token(api):
    api.fault("RequestPhoneNumber", "drop_after")
    response = request(api.client(), Tags=[{"Key": "Name", "Value": "dropped"}])
    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    calls = [call for call in api.calls() if call["operation"] == "RequestPhoneNumber"]
    assert [call["error"] for call in calls] == [CONNECTION_DROPPED, None]
    tokens = {call["params"]["ClientToken"] for call in calls}
    assert len(tokens) == 1
    numbers = api.state()["us-east-1"]["phone_numbers"]
    assert [n["PhoneNumberId"] for n in numbers] == [response["PhoneNumberId"]]


def test_drop_after_without_retries_still_acted(api):
    client = api.client(retries={"mode": "standard", "total_max_attempts": 1})
    api.fault("RequestPhoneNumber", "drop_after")
    with pytest.raises(ConnectionClosedError):
        client.request_phone_number(**SIMULATOR)
    assert len(api.state()["us-east-1"]["phone_numbers"]) == 1
    assert _errors(api, "RequestPhoneNumber") == [CONNECTION_DROPPED]
    # The connection pool recovers: the next call is served normally.
    assert client.describe_phone_numbers()["PhoneNumbers"]


def test_drop_after_an_error_still_drops(api):
    client = api.client(retries={"mode": "standard", "total_max_attempts": 2})
    api.fault("ReleasePhoneNumber", "drop_after")
    with raises("ResourceNotFoundException"):
        client.release_phone_number(PhoneNumberId="phone-" + "7" * 32)
    assert _errors(api, "ReleasePhoneNumber") == [CONNECTION_DROPPED, "ResourceNotFoundException"]


def test_wildcard_and_queued_faults(api):
    api.fault("*", "throttle", count=2)
    api.fault("DescribePools", "server_error", count=1)
    client = api.client()
    client.describe_opt_out_lists()
    client.describe_pools()
    assert [(c["operation"], c["error"]) for c in api.calls()] == [
        ("DescribeOptOutLists", "ThrottlingException"),
        ("DescribeOptOutLists", "ThrottlingException"),
        ("DescribeOptOutLists", None),
        ("DescribePools", "InternalServerException"),
        ("DescribePools", None),
    ]


def test_fault_arguments_are_checked(api):
    for kwargs in (
        {"operation": "RequestPhoneNumber", "kind": "explode"},
        {"operation": "RequestPhoneNumbers", "kind": "throttle"},
        {"operation": "RequestPhoneNumber", "kind": "throttle", "count": 0},
        {"operation": "RequestPhoneNumber", "kind": "latency", "seconds": -1},
    ):
        with pytest.raises(EmulatorControlError):
            api.fault(**kwargs)
    assert api.faults() == []


def test_reset_clears_faults(api):
    api.fault("DescribePools", "throttle", count=5)
    api.reset()
    assert api.faults() == []
    api.client().describe_pools()
    assert _errors(api, "DescribePools") == [None]


def test_client_error_carries_request_id(api):
    api.fault("DescribePools", "throttle", count=3)
    try:
        api.client().describe_pools()
    except ClientError as error:
        assert error.response["ResponseMetadata"]["RequestId"]
    else:  # pragma: no cover - the fault must surface
        pytest.fail("throttled call succeeded")


def test_clear_faults_keeps_state_and_calls(api):
    request(api.client())
    api.fault("DescribePools", "throttle", count=5)
    api.clear_faults()
    assert api.faults() == []
    api.client().describe_pools()
    assert _errors(api, "DescribePools") == [None]
    assert len(api.state()["us-east-1"]["phone_numbers"]) == 1
    assert _errors(api, "RequestPhoneNumber") == [None]


def test_not_accessible_refuses_the_next_calls_then_serves(api):
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    api.fault("UpdatePhoneNumber", "not_accessible", count=2)
    change = {"TwoWayEnabled": True, "TwoWayChannelArn": SNS_TOPIC, "TwoWayChannelRole": IAM_ROLE}
    for _attempt in range(2):
        with raises("ValidationException", Reason="RESOURCE_NOT_ACCESSIBLE") as caught:
            client.update_phone_number(PhoneNumberId=number_id, **change)
        # A validation error is not retried by botocore: the caller sees each one.
        assert caught.value.response["ResponseMetadata"]["RetryAttempts"] == 0
        assert caught.value.response["Fields"] == [
            {"Name": "TwoWayChannelRole", "Message": f"The role {IAM_ROLE} can't be assumed (injected fault)."}
        ]
    described = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]
    assert described["TwoWayEnabled"] is False
    assert client.update_phone_number(PhoneNumberId=number_id, **change)["TwoWayEnabled"] is True
    assert _errors(api, "UpdatePhoneNumber") == ["ValidationException", "ValidationException", None]
    assert api.faults() == []


def test_not_accessible_without_a_role_still_names_the_reason(api):
    api.fault("DescribePools", "not_accessible")
    with raises("ValidationException", Reason="RESOURCE_NOT_ACCESSIBLE") as caught:
        api.client().describe_pools()
    assert "Fields" not in caught.value.response


def test_not_accessible_is_accepted_by_the_faults_endpoint(emulator):
    raw = urllib.request.Request(
        f"{emulator.url}/_emulator/faults",
        data=json.dumps({"operation": "UpdatePhoneNumber", "kind": "not_accessible", "count": 3}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(raw, timeout=10) as response:
        pending = json.loads(response.read())["faults"]
    assert pending == [{"operation": "UpdatePhoneNumber", "kind": "not_accessible", "count": 3, "seconds": 0.0}]
