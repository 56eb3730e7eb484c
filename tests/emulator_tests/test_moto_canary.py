"""Canary: the moto hooks the emulator relies on still exist and still route to it.

The registration in ``tests/emulator/moto_glue.py`` leans on moto internals
(``backend_index.backend_url_patterns``, ``backends.get_backend``, the
``BackendDict`` reset list, the server's ``DomainDispatcherApplication``).
If a moto upgrade changes one of them, these tests fail first, each with a
message saying which hook moved, instead of the rest of the suite failing in
confusing ways.
"""

from __future__ import annotations

import boto3
import moto
from moto import backend_index, backends, mock_aws
from moto.core.base_backend import BackendDict
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

from tests.emulator import DEFAULT_EMULATOR, register
from tests.emulator.moto_glue import SERVICE, SmsVoiceResponse, smsvoice_backends

from .helpers import SIMULATOR

HOST_URL = "https://sms-voice.us-east-1.amazonaws.com"
TAGGING_HOST_URL = "https://tagging.us-east-1.amazonaws.com"
UPGRADE = f"moto {moto.__version__} changed a hook tests/emulator/moto_glue.py relies on: "


def test_url_pattern_is_registered_first_for_the_host():
    register()  # idempotent
    names = [name for name, _pattern in backend_index.backend_url_patterns]
    # One entry for the SMS API's host, one for the Tagging API's (GetResources on sms-voice resources).
    assert names.count(SERVICE) == 2, UPGRADE + "backend_url_patterns lost or duplicated the smsvoice entries"
    for url in (HOST_URL, TAGGING_HOST_URL):
        matching = [name for name, pattern in backend_index.backend_url_patterns if pattern.match(url)]
        assert matching[:1] == [SERVICE], UPGRADE + f"{url} is claimed by {matching} before smsvoice"
    assert backends.get_service_from_url(HOST_URL) == SERVICE, UPGRADE + "get_service_from_url no longer finds smsvoice"


def test_get_backend_returns_the_emulator():
    assert backends.get_backend(SERVICE) is smsvoice_backends, (
        UPGRADE + "get_backend('smsvoice') no longer imports moto.smsvoice"
    )
    try:
        backend = smsvoice_backends["123456789012"]["xx-nowhere-1"]
        assert backend.state.region == "xx-nowhere-1", UPGRADE + "AccountSpecificBackend no longer creates any region"
    finally:
        DEFAULT_EMULATOR.reset()


def test_mock_aws_routes_to_the_emulator_and_resets_it(monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", raising=False)
    with mock_aws():
        client = boto3.client(
            "pinpoint-sms-voice-v2",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        number = client.request_phone_number(**SIMULATOR)
        assert number["PhoneNumberId"].startswith("phone-"), UPGRADE + "mock_aws did not reach the emulator"
        assert DEFAULT_EMULATOR.state()["us-east-1"]["phone_numbers"], (
            UPGRADE + "state is not kept in moto's BackendDict"
        )
        assert smsvoice_backends in BackendDict._instances, UPGRADE + "BackendDict._instances no longer tracks backends"
    assert DEFAULT_EMULATOR.state() == {}, UPGRADE + "leaving mock_aws no longer resets the emulator"


def test_server_dispatcher_routes_signed_requests_to_the_emulator():
    dispatcher = DomainDispatcherApplication(create_backend_app)
    environ = {
        "PATH_INFO": "/",
        "REQUEST_METHOD": "POST",
        "HTTP_AUTHORIZATION": "AWS4-HMAC-SHA256 Credential=testing/20240101/eu-west-2/sms-voice/aws4_request, "
        "SignedHeaders=host, Signature=0",
        "HTTP_X_AMZ_TARGET": "PinpointSMSVoiceV2.DescribePhoneNumbers",
    }
    host = dispatcher.infer_service_region_host(environ, "/")
    assert host == "sms-voice.eu-west-2.amazonaws.com", UPGRADE + f"credential scope now maps to {host!r}"
    assert dispatcher.get_backend_for_host(host) == SERVICE, (
        UPGRADE + "the server no longer matches the host to smsvoice"
    )
    app = dispatcher.get_application(environ)
    endpoints = set(app.view_functions)
    assert f"{SmsVoiceResponse.__name__}.dispatch" in endpoints, UPGRADE + f"server app endpoints are {endpoints}"
