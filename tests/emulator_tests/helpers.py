"""Request parameters and assertions shared by the emulator tests."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

import pytest
from botocore.exceptions import ClientError

SIMULATOR = {
    "IsoCountryCode": "US",
    "MessageType": "TRANSACTIONAL",
    "NumberCapabilities": ["SMS"],
    "NumberType": "SIMULATOR",
}
TOLL_FREE = {
    "IsoCountryCode": "US",
    "MessageType": "PROMOTIONAL",
    "NumberCapabilities": ["SMS", "VOICE"],
    "NumberType": "TOLL_FREE",
}
SNS_TOPIC = "arn:aws:sns:us-east-1:123456789012:inbound-sms"
IAM_ROLE = "arn:aws:iam::123456789012:role/sms-two-way"


@contextmanager
def raises(code: str, **members: Any):
    """Expect a ClientError with ``code`` and the given top-level members (``Reason``, ``ResourceType``...)."""
    with pytest.raises(ClientError) as caught:
        yield caught
    response = caught.value.response
    assert response["Error"]["Code"] == code, response
    for name, value in members.items():
        assert response.get(name) == value, (name, response)


def campaign(api: Any, status: str = "COMPLETE", region: str = "us-east-1") -> str:
    """The ID of a seeded 10DLC campaign registration: a US TEN_DLC number is requested under one."""
    seeded = {"RegistrationType": "US_TEN_DLC_CAMPAIGN_REGISTRATION", "RegistrationStatus": status}
    return api.seed_registrations(seeded, region=region)[0]


def request(client: Any, **overrides: Any) -> dict[str, Any]:
    """RequestPhoneNumber for a SIMULATOR number (ACTIVE at once), with overrides."""
    return client.request_phone_number(**{**SIMULATOR, **overrides})


#: Longer than every transitional state and lag of the emulator's defaults (``tests/emulator/config.py``).
SETTLED_SECONDS = 30


def settle(api: Any) -> None:
    """Let the emulator's clock run past pools CREATING, numbers ASSOCIATING and the listing and release lags."""
    api.advance_clock(SETTLED_SECONDS)
