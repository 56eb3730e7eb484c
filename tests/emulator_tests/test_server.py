"""The HTTP server: its command line, control endpoints and behaviour on odd requests.

Playbook tests, the demo and the benchmarks start ``python -m tests.emulator``
and talk to it with plain HTTP as well as SDKs; the contract (one URL line on
stdout, clean exit on SIGTERM, JSON everywhere, quiet logs) is what they rely on.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from werkzeug.test import Client

from tests.emulator import EmulatorControlError
from tests.emulator.server import REPO_ROOT, EmulatorApp

from .helpers import SIMULATOR, raises, request


def _http(method, url, payload=None, headers=None, raw=None):
    data = raw if raw is not None else (json.dumps(payload).encode() if payload is not None else None)
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"null")


def _api_call(url, operation, params, signed=False, region="us-east-1", path="/"):
    body = json.dumps(params).encode()
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"PinpointSMSVoiceV2.{operation}"}
    if signed:
        aws_request = AWSRequest(method="POST", url=url + path, data=body, headers=headers)
        SigV4Auth(Credentials("testing", "testing"), "sms-voice", region).add_auth(aws_request)
        headers = dict(aws_request.headers.items())
    return _http("POST", url + path, headers=headers, raw=body)


def test_server_command_prints_its_url_and_stops_on_sigterm(tmp_path):
    log = (tmp_path / "stderr.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.emulator", "--port", "0"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url), url
        status, _headers, body = _http("GET", url + "/_emulator/health")
        assert (status, body) == (200, {"ok": True})
        status, _headers, body = _api_call(url, "RequestPhoneNumber", SIMULATOR, signed=True)
        assert status == 200 and body["Status"] == "ACTIVE"
        config = _http("GET", url + "/_emulator/config")[2]
        assert (config["quotas"], config["quota_scale"]) == (True, 1)  # the published rates, out of the box
        status, _headers, body = _api_call(url, "DescribePhoneNumbers", {}, signed=True)
        assert len(body["PhoneNumbers"]) == 1
        status, _headers, body = _api_call(url, "DescribePhoneNumbers", {}, signed=True)
        assert (status, body["__type"]) == (400, "ThrottlingException")
    finally:
        process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=15)
        rest = process.stdout.read()
        process.stdout.close()
        log.close()
    assert returncode == 0
    assert rest == ""  # exactly one line on stdout
    assert (tmp_path / "stderr.log").read_text() == ""  # no access log


def test_server_binds_the_requested_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.emulator", "--port", str(port), "--host", "127.0.0.1"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
        process.stdout.close()


def test_control_endpoints(emulator):
    url = emulator.url + "/_emulator"
    assert _http("GET", url + "/calls")[2] == []
    status, headers, config = _http(
        "POST", url + "/config", {"pending_seconds": {"TOLL_FREE": 7}, "association_seconds": 1}
    )
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert config["pending_seconds"] == {"LONG_CODE": 0.0, "TOLL_FREE": 7.0, "TEN_DLC": 864_000.0, "SIMULATOR": 0.0}
    assert config["association_seconds"] == 1.0
    assert config["deleted_retention_seconds"] == 300.0
    assert _http("GET", url + "/config")[2] == config
    status, _headers, body = _http("POST", url + "/config", {"pending_seconds": {"SHORT_CODE": 1}})
    assert status == 400 and "SHORT_CODE" in body["error"]
    assert _http("POST", url + "/config", {"colour": "blue"})[0] == 400
    status, _headers, body = _http(
        "POST", url + "/faults", [{"operation": "DescribePools", "kind": "throttle", "count": 2}]
    )
    assert body == {"faults": [{"operation": "DescribePools", "kind": "throttle", "count": 2, "seconds": 0.0}]}
    assert _http("GET", url + "/faults")[2] == body["faults"]
    assert _http("POST", url + "/faults", {"operation": "DescribePools"})[0] == 400
    status, _headers, seeded = _http("POST", url + "/seed", {"region": "ap-southeast-2", "count": 3, "template": {}})
    assert status == 200 and len(seeded["phone_number_ids"]) == 3
    assert _http("POST", url + "/seed", {"count": 1, "colour": "red"})[0] == 400
    state = _http("GET", url + "/state")[2]
    assert set(state) == {"ap-southeast-2"}
    assert [n["PhoneNumberId"] for n in state["ap-southeast-2"]["phone_numbers"]] == seeded["phone_number_ids"]
    number = state["ap-southeast-2"]["phone_numbers"][0]
    assert number["AccountId"] == "123456789012"
    assert [k["Keyword"] for k in number["Keywords"]] == ["STOP", "HELP"]
    assert isinstance(number["CreatedTimestamp"], float)
    before = _http("GET", url + "/clock")[2]
    after = _http("POST", url + "/clock", {"advance": 3600})[2]
    assert after["offset"] == before["offset"] + 3600 and after["now"] >= before["now"] + 3600
    assert _http("POST", url + "/reset", {})[2] == {"ok": True}
    assert _http("GET", url + "/state")[2] == {}
    assert _http("GET", url + "/faults")[2] == []
    assert _http("GET", url + "/config")[2]["pending_seconds"]["TOLL_FREE"] == 864_000.0
    assert _http("GET", url + "/clock")[2]["offset"] == 0
    assert _http("GET", url + "/nothing")[0] == 404
    assert _http("GET", url + "/reset")[0] == 405
    assert _http("POST", url + "/config", raw=b"{not json")[0] == 400
    with pytest.raises(EmulatorControlError):
        emulator.config(pending_seconds={"TOLL_FREE": -1})


def test_unknown_operations_are_json_errors(emulator):
    for signed in (False, True):
        status, headers, body = _api_call(emulator.url, "LeaseEverything", {}, signed=signed)
        assert status == 400
        assert body["__type"] == "UnknownOperationException"
        assert headers["X-Amzn-ErrorType"] == "UnknownOperationException"
    status, _headers, body = _http(
        "POST", emulator.url + "/", headers={"X-Amz-Target": "PinpointSMSVoiceV2"}, raw=b"{}"
    )
    assert status == 400 and body["__type"] == "UnknownOperationException"
    assert [c["error"] for c in emulator.calls()] == ["UnknownOperationException"] * 3


def test_operations_outside_the_emulated_set(api):
    with raises("ValidationException", Reason="UNKNOWN_OPERATION"):
        api.client().describe_configuration_sets()
    assert [{k: v for k, v in c.items() if k != "at"} for c in api.calls()] == [
        {"operation": "DescribeConfigurationSets", "region": "us-east-1", "params": {}, "error": "ValidationException"}
    ]


def test_unsigned_and_malformed_requests(emulator):
    status, _headers, body = _api_call(emulator.url, "RequestPhoneNumber", SIMULATOR)
    assert status == 200 and body["PhoneNumberId"].startswith("phone-")
    status, _headers, body = _http(
        "POST",
        emulator.url + "/",
        headers={"X-Amz-Target": "PinpointSMSVoiceV2.DescribePhoneNumbers"},
        raw=b"this is not json",
    )
    assert status == 400 and body["__type"] == "SerializationException"
    status, _headers, body = _api_call(emulator.url, "DescribePhoneNumbers", {"MaxResults": "ten"}, signed=True)
    assert status == 400 and body["Reason"] == "FIELD_VALIDATION_FAILED"
    assert body["Fields"] == [{"Name": "MaxResults", "Message": "Member must be an integer"}]
    status, _headers, body = _api_call(emulator.url, "DescribePhoneNumbers", {}, signed=True, region="ca-central-1")
    assert status == 200 and body == {"PhoneNumbers": []}
    status, _headers, body = _api_call(emulator.url, "DescribePools", {}, signed=True, path="/stray/path")
    assert status == 200 and body == {"Pools": []}
    regions = [c["region"] for c in emulator.calls()]
    assert regions == ["us-east-1", "us-east-1", "us-east-1", "ca-central-1", "us-east-1"]


def test_moto_reset_clears_the_emulator_too(emulator):
    request(emulator.client())
    assert emulator.state()["us-east-1"]["phone_numbers"]
    assert _http("POST", emulator.url + "/moto-api/reset", raw=b"")[0] == 200
    assert emulator.state() == {}


def test_other_moto_services_are_still_served(emulator):
    import boto3

    sts = boto3.client(
        "sts",
        region_name="us-east-1",
        endpoint_url=emulator.url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    assert sts.get_caller_identity()["Account"] == "123456789012"


def test_front_turns_crashes_into_json():
    def broken(environ, start_response):
        raise RuntimeError("boom")

    response = Client(EmulatorApp(inner=broken)).post(
        "/", headers={"Authorization": "AWS4-HMAC-SHA256 Credential=x/20240101/us-east-1/sms-voice/aws4_request"}
    )
    assert response.status_code == 500
    assert response.headers["X-Amzn-ErrorType"] == "InternalServerException"
    body = json.loads(response.data)
    assert body["__type"] == "InternalServerException"
    assert "boom" in body["Message"]


def test_backend_bugs_become_internal_server_errors(mock_emulator, monkeypatch):
    from tests.emulator.region import RegionBackend

    def crash(self, params):
        raise KeyError("bug")

    monkeypatch.setattr(RegionBackend, "describe_pools", crash)
    client = mock_emulator.client(retries={"mode": "standard", "total_max_attempts": 1})
    with raises("InternalServerException") as caught:
        client.describe_pools()
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert "KeyError" in caught.value.response["Message"]
    assert mock_emulator.calls()[-1]["error"] == "InternalServerException"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"pool_release_lag_seconds": -1}, "pool_release_lag_seconds must be a number >= 0"),
        ({"client_token_ttl_seconds": "8h"}, "client_token_ttl_seconds must be a number >= 0"),
        ({"quotas": "off"}, "quotas must be true or false"),
        ({"quota_scale": 0}, "quota_scale must be a finite number > 0"),
        ({"quota_burst_seconds": -1}, "quota_burst_seconds must be a finite number > 0"),
        ({"registration_statuses_blocking_release": ["LOST"]}, "registration_statuses_blocking_release must be"),
        ({"quota_scale": 2, "pool_lag": 1}, "unknown configuration key 'pool_lag'"),
    ],
)
def test_bad_configuration_is_a_400_that_names_the_key_and_changes_nothing(emulator, change, fragment):
    url = emulator.url + "/_emulator/config"
    before = _http("GET", url)[2]
    status, _headers, body = _http("POST", url, change)
    assert status == 400
    assert fragment in body["error"]
    assert _http("GET", url)[2] == before
