"""The request's ClientToken, ARN checks and the guard against a second number by one name."""

from __future__ import annotations

import re

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import (
    MAX_TOKEN_HOPS,
    canonical_request,
    check_arn_region,
    client_token,
    parse_arn,
)

REQUEST = dict(
    IsoCountryCode="US",
    MessageType="TRANSACTIONAL",
    NumberCapabilities=["SMS", "VOICE"],
    NumberType="SIMULATOR",
    Tags=[{"Key": "Name", "Value": "alerts"}, {"Key": "team", "Value": "ops"}],
)
NUMBER_ID = "phone-0123456789abcdef0123456789abcdef"
# The model's limits for ClientToken: 1 to 64 characters of [!-~].
TOKEN_RE = re.compile(r"[!-~]{1,64}")


def test_client_token_is_the_same_for_the_same_request():
    assert client_token("us-east-1", REQUEST) == client_token("us-east-1", dict(REQUEST))


def test_client_token_is_within_the_model_limits():
    token = client_token("us-east-1", dict(REQUEST, Tags=[{"Key": "Name", "Value": "x" * 256}]))
    assert TOKEN_RE.fullmatch(token)


def test_client_token_ignores_order_and_any_token_already_set():
    reordered = dict(
        REQUEST,
        NumberCapabilities=["VOICE", "SMS"],
        Tags=list(reversed(REQUEST["Tags"])),
        ClientToken="something-else",
    )
    assert client_token("us-east-1", reordered) == client_token("us-east-1", REQUEST)


@pytest.mark.parametrize(
    ("region", "change"),
    [
        ("eu-west-1", {}),
        ("us-east-1", {"Tags": [{"Key": "Name", "Value": "other"}]}),
        ("us-east-1", {"NumberType": "TOLL_FREE"}),
        ("us-east-1", {"DeletionProtectionEnabled": True}),
        ("us-east-1", {"Tags": [{"Key": "Name", "Value": "alerts"}, {"Key": "team", "Value": "dev"}]}),
    ],
    ids=["region", "name", "number-type", "setting", "tag"],
)
def test_client_token_differs_when_region_name_or_any_setting_differs(region, change):
    assert client_token(region, dict(REQUEST, **change)) != client_token("us-east-1", REQUEST)


def test_next_token_after_a_released_number_is_new_and_the_same_for_every_run():
    first = client_token("us-east-1", REQUEST)
    after = client_token("us-east-1", REQUEST, replaced=NUMBER_ID)
    assert after != first
    assert after == client_token("us-east-1", dict(REQUEST), replaced=NUMBER_ID)
    assert TOKEN_RE.fullmatch(after)
    assert client_token("us-east-1", REQUEST, replaced=NUMBER_ID.replace("0", "1")) != after
    assert MAX_TOKEN_HOPS >= 1


def test_canonical_request_sorts_tags_and_capabilities_and_drops_the_token():
    out = canonical_request(dict(REQUEST, ClientToken="t", NumberCapabilities=["VOICE", "SMS"]))
    assert "ClientToken" not in out
    assert out["NumberCapabilities"] == ["SMS", "VOICE"]
    assert [t["Key"] for t in out["Tags"]] == ["Name", "team"]


def test_parse_arn_reads_region_account_and_id():
    arn = "arn:aws:sms-voice:eu-west-1:111122223333:phone-number/" + NUMBER_ID
    assert parse_arn(arn) == dict(region="eu-west-1", account="111122223333", id=NUMBER_ID)
    assert parse_arn(NUMBER_ID) is None


def test_arn_of_another_region_fails_naming_both_regions():
    arn = "arn:aws:sms-voice:eu-west-1:123456789012:phone-number/" + NUMBER_ID
    with pytest.raises(SmsVoiceError, match="region eu-west-1, but this task runs in region us-east-1"):
        check_arn_region(dict(phone_number_id=arn), "us-east-1")
    check_arn_region(dict(phone_number_id=arn), "eu-west-1")
    check_arn_region(dict(phone_number_id=NUMBER_ID), "us-east-1")
