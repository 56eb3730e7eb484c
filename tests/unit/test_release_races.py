"""Overlapping runs releasing one number end without a failure; a throttled tag index is retried as every call is."""

from __future__ import annotations

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import connection
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import (
    DEFAULT_THROTTLE_TIMEOUT,
    Pacer,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import number_call as _call

NUMBER_ID = "phone-" + "1" * 32


class Refusing:
    """An Api whose every call is refused with one ConflictException reason."""

    def __init__(self, reason):
        self.reason = reason
        self.operations = []

    def call(self, operation, **params):
        self.operations.append(operation)
        raise SmsVoiceError("refused", operation=operation, code="ConflictException", reason=self.reason)


def test_a_release_that_finds_the_number_already_out_of_its_pool_goes_on():
    api = Refusing("PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL")
    params = dict(PoolId="pool-a", OriginationIdentity=NUMBER_ID)
    assert _call(api, None, "DisassociateOriginationIdentity", params, releasing=True) == {}
    assert api.operations == ["DisassociateOriginationIdentity"]


def test_a_pool_move_that_finds_the_number_out_of_its_pool_still_fails():
    api = Refusing("PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL")
    params = dict(PoolId="pool-a", OriginationIdentity=NUMBER_ID)
    with pytest.raises(SmsVoiceError, match="refused"):
        _call(api, None, "DisassociateOriginationIdentity", params, releasing=False)


def _params(**extra):
    params = dict.fromkeys(connection.AWS_COMMON_ARGUMENT_SPEC)
    params.update(region="us-east-1", validate_certs=True, **extra)
    return params


def test_a_throttled_tag_index_is_retried_like_every_call(mock_emulator):
    # Without the index the reader reads every resource's own tags, one call each: waiting out
    # the index's throttling is far cheaper, so GetResources gets the same throttle_timeout.
    params = _params(aws_config={"retries": {"total_max_attempts": 1}})
    sms = connection.create_client(params, "phone_number")
    tagging = connection.create_client(params, "phone_number", connection.TAGGING_SERVICE_NAME)
    api = connection.Api(sms, Pacer(scale=1000.0), tagging=lambda: tagging)
    mock_emulator.fault("GetResources", "throttle", count=3)
    page = api.tagging_api().call("GetResources", ResourcesPerPage=100)
    assert "ResourceTagMappingList" in page
    calls = [c["error"] for c in mock_emulator.calls() if c["operation"] == "GetResources"]
    assert calls == ["ThrottledException"] * 3 + [None]
    assert api.tagging_api().throttle_timeout == api.throttle_timeout == DEFAULT_THROTTLE_TIMEOUT
