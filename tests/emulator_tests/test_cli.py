"""The AWS CLI (v1, from the virtualenv) against the emulator server.

Users debug with the CLI next to their playbooks, and the CLI is a second,
independent client of the wire protocol: if its JSON output matches what
boto3 sees, the emulator's protocol handling is not tuned to one SDK.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

AWS = Path(sys.executable).with_name("aws")
pytestmark = pytest.mark.skipif(not AWS.exists(), reason="the AWS CLI is not installed in this virtualenv")


def _aws(emulator, *args, check=True):
    env = {**os.environ, **emulator.env()}
    env.pop("AWS_PROFILE", None)
    result = subprocess.run(
        [str(AWS), "pinpoint-sms-voice-v2", *args, "--endpoint-url", emulator.url, "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout) if result.stdout.strip() else {}
    return result


def test_cli_request_update_describe_release(emulator):
    requested = _aws(
        emulator,
        "request-phone-number",
        "--iso-country-code", "US",
        "--message-type", "TRANSACTIONAL",
        "--number-capabilities", "SMS", "VOICE",
        "--number-type", "SIMULATOR",
        "--tags", "Key=Name,Value=cli-number",
    )  # fmt: skip
    number_id = requested["PhoneNumberId"]
    assert requested["Status"] == "ACTIVE"
    assert requested["Tags"] == [{"Key": "Name", "Value": "cli-number"}]
    assert isinstance(requested["CreatedTimestamp"], float)  # CLI v1 prints the wire value: epoch seconds

    updated = _aws(
        emulator,
        "update-phone-number",
        "--phone-number-id", number_id,
        "--two-way-enabled",
        "--two-way-channel-arn", "arn:aws:sns:us-east-1:123456789012:inbound-sms",
        "--self-managed-opt-outs-enabled",
        "--no-deletion-protection-enabled",
    )  # fmt: skip
    assert updated["SelfManagedOptOutsEnabled"] is True
    assert updated["DeletionProtectionEnabled"] is False

    active = _aws(
        emulator,
        "describe-phone-numbers",
        "--filters", "Name=status,Values=ACTIVE", "Name=self-managed-opt-outs-enabled,Values=true",
    )  # fmt: skip
    assert [n["PhoneNumberId"] for n in active["PhoneNumbers"]] == [number_id]
    assert active["PhoneNumbers"][0]["NumberCapabilities"] == ["SMS", "VOICE"]

    released = _aws(emulator, "release-phone-number", "--phone-number-id", number_id)
    assert released["Status"] == "DELETED"
    assert released["PhoneNumberId"] == number_id
    deleted = _aws(emulator, "describe-phone-numbers", "--filters", "Name=status,Values=DELETED,PENDING")
    assert [(n["PhoneNumberId"], n["Status"]) for n in deleted["PhoneNumbers"]] == [(number_id, "DELETED")]
    assert emulator.mutating_operations() == ["RequestPhoneNumber", "UpdatePhoneNumber", "ReleasePhoneNumber"]
    described = [c for c in emulator.calls() if c["operation"] == "DescribePhoneNumbers"]
    assert described[0]["params"]["Filters"] == [
        {"Name": "status", "Values": ["ACTIVE"]},
        {"Name": "self-managed-opt-outs-enabled", "Values": ["true"]},
    ]


def test_cli_reports_validation_errors(emulator):
    result = _aws(emulator, "describe-phone-numbers", "--filters", "Name=two-way-enabled,Values=maybe", check=False)
    assert result.returncode != 0
    assert "ValidationException" in result.stderr
    assert emulator.calls()[-1]["error"] == "ValidationException"


def test_cli_paginates_through_seeded_numbers(emulator):
    emulator.seed(250)
    listed = _aws(emulator, "describe-phone-numbers", "--page-size", "100")
    assert len(listed["PhoneNumbers"]) == 250
    assert emulator.operations() == ["DescribePhoneNumbers"] * 3
