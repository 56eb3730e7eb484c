"""A call that fails for its region names the region option, and only when botocore does not list the region."""

from __future__ import annotations

import pytest
from botocore.exceptions import EndpointConnectionError

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import Api, region_hint
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError


def test_a_region_botocore_lists_gets_no_hint(mock_emulator):
    assert region_hint(mock_emulator.client("eu-west-1")) == ""


def test_an_unknown_region_is_named_with_the_known_ones(mock_emulator):
    hint = region_hint(mock_emulator.client("us-esat-1"))
    assert "'us-esat-1' is not a region where botocore lists the pinpoint-sms-voice-v2 service" in hint
    assert "region option (alias aws_region)" in hint and "us-east-1" in hint


def test_no_endpoint_for_an_unknown_region_names_the_region_option(mock_emulator, monkeypatch):
    client = mock_emulator.client("us-esat-1")

    def unreachable(**_params):
        raise EndpointConnectionError(endpoint_url="https://sms-voice.us-esat-1.amazonaws.com/")

    monkeypatch.setattr(client, "describe_phone_numbers", unreachable)
    with pytest.raises(SmsVoiceError) as caught:
        Api(client).call("DescribePhoneNumbers")
    assert caught.value.msg.startswith("DescribePhoneNumbers failed: Could not connect to the endpoint URL")
    assert "'us-esat-1' is not a region where botocore lists" in caught.value.msg
