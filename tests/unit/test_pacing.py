"""Pacing: every operation spaced to its request quota, shared by threads; the options that raise quotas."""

from __future__ import annotations

import itertools
import json
import threading
import time
from pathlib import Path

import botocore.session
import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import connection
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import Api
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import (
    HEADROOM,
    PUBLISHED_RATES,
    RECOVERY,
    Pacer,
    TokenBucket,
    pacer_from_params,
)

from .test_module_utils import REQUEST, params


class FakeTime:
    def __init__(self):
        self.now = 100.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


REPO_ROOT = Path(__file__).resolve().parents[2]


def test_calls_are_spaced_to_the_rate_and_the_first_costs_nothing():
    fake = FakeTime()
    bucket = TokenBucket(2.0, fake.clock, fake.sleep)
    waits = [bucket.take() for _attempt in range(4)]
    assert waits == [0, 0.5, 0.5, 0.5]
    assert fake.now == pytest.approx(101.5)


def test_an_idle_bucket_does_not_save_up_a_burst():
    fake = FakeTime()
    bucket = TokenBucket(1.0, fake.clock, fake.sleep)
    bucket.take()
    fake.now += 10
    assert [bucket.take(), bucket.take()] == [0, 1.0]


def test_each_operation_has_its_own_bucket():
    fake = FakeTime()
    pacer = Pacer(clock=fake.clock, sleep=fake.sleep)
    pacer.take("DescribePhoneNumbers")
    assert pacer.take("ListTagsForResource") == 0
    assert pacer.take("DescribePhoneNumbers") == pytest.approx(1 / HEADROOM)


def test_threads_share_one_bucket_per_operation():
    pacer = Pacer(rates={"ListTagsForResource": 20.0 / HEADROOM})
    starts = []
    lock = threading.Lock()

    def call():
        pacer.take("ListTagsForResource")
        with lock:
            starts.append(time.monotonic())

    threads = [threading.Thread(target=call) for _attempt in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    starts.sort()
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # 8 calls at 20 per second take at least 7 intervals of 50 ms, whichever thread makes them.
    assert starts[-1] - starts[0] >= 7 * 0.05 - 0.01
    assert min(gaps) >= 0.05 - 0.02


def test_quota_scale_multiplies_every_rate_and_request_quotas_set_one():
    pacer = pacer_from_params(dict(quota_scale=50.0, request_quotas={"DescribePhoneNumbers": 4}))
    assert pacer.rate("ListTagsForResource") == pytest.approx(50.0 * HEADROOM)
    assert pacer.rate("DescribePhoneNumbers") == pytest.approx(4.0 * HEADROOM)


def test_hold_off_after_throttling_delays_the_next_call():
    fake = FakeTime()
    pacer = Pacer(clock=fake.clock, sleep=fake.sleep)
    pacer.take("DescribePools")
    pacer.hold_off("DescribePools", 5.0)
    assert pacer.take("DescribePools") == 5.0


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (dict(quota_scale=0), "quota_scale must be a positive number"),
        (dict(quota_scale=-2.0), "quota_scale must be a positive number"),
        (dict(request_quotas={"SendTextMessage": 5}), "request_quotas: unknown operation 'SendTextMessage'"),
        (dict(request_quotas={"DescribePools": 0}), "request_quotas: DescribePools must be a positive number"),
        (dict(request_quotas={"DescribePools": "fast"}), "request_quotas: DescribePools must be a positive number"),
        (dict(request_quotas={"DescribePools": True}), "request_quotas: DescribePools must be a positive number"),
    ],
)
def test_bad_pacing_options_fail_naming_the_option(options, fragment):
    with pytest.raises(SmsVoiceError, match=fragment.replace("(", r"\(")):
        pacer_from_params(options)


def test_every_operation_the_modules_call_has_a_quota():
    # The IAM policies of docs/iam are checked against the calls the modules really make
    # (tests/ecosystem/test_iam.py): every action they allow must be paced.
    session = botocore.session.get_session()
    known = set(session.get_service_model("pinpoint-sms-voice-v2").operation_names)
    known |= set(session.get_service_model("resourcegroupstaggingapi").operation_names)
    assert set(PUBLISHED_RATES) <= known
    called = set()
    for policy in (REPO_ROOT / "docs" / "iam").glob("*.json"):
        for statement in json.loads(policy.read_text())["Statement"]:
            actions = statement["Action"]
            called.update(a.split(":", 1)[1] for a in ([actions] if isinstance(actions, str) else actions))
    assert {"DescribePhoneNumbers", "GetResources", "RequestPhoneNumber"} <= called
    assert called - set(PUBLISHED_RATES) == set()


def test_pacing_options_are_common_options():
    assert connection.AWS_COMMON_ARGUMENT_SPEC["quota_scale"]["fallback"][1] == ["SMS_VOICE_QUOTA_SCALE"]
    assert connection.AWS_COMMON_ARGUMENT_SPEC["request_quotas"]["type"] == "dict"


def test_throttling_is_retried_by_the_module_with_the_same_client_token(mock_emulator, monkeypatch):
    monkeypatch.setattr(connection.random, "uniform", lambda a, b: 0.0)
    # botocore gives up after its first attempt here, so every retry is the module's own.
    client = connection.create_client(params(aws_config={"retries": {"max_attempts": 1}}), "phone_number")
    mock_emulator.fault("RequestPhoneNumber", "throttle", count=7)
    api = Api(client, Pacer(scale=1000.0))
    number = api.call("RequestPhoneNumber", **REQUEST)
    calls = [c for c in mock_emulator.calls() if c["operation"] == "RequestPhoneNumber"]
    assert [c["error"] for c in calls] == ["ThrottlingException"] * 7 + [None]
    assert len({c["params"]["ClientToken"] for c in calls}) == 1
    assert number["PhoneNumberId"].startswith("phone-")


def test_throttling_past_the_budget_fails_naming_the_operation(mock_emulator, monkeypatch):
    monkeypatch.setattr(connection, "THROTTLE_BUDGET_SECONDS", 0.0)
    client = connection.create_client(params(aws_config={"retries": {"max_attempts": 1}}), "phone_number")
    mock_emulator.fault("RequestPhoneNumber", "throttle", count=3)
    with pytest.raises(SmsVoiceError) as e:
        Api(client, Pacer(scale=1000.0)).call("RequestPhoneNumber", **REQUEST)
    assert e.value.code == "ThrottlingException"
    assert "RequestPhoneNumber failed: ThrottlingException" in e.value.msg
    assert "re-run the task" in e.value.msg


def test_every_http_attempt_of_the_client_is_paced(mock_emulator):
    client = connection.create_client(params(), "phone_number")
    api = Api(client, Pacer(rates={"DescribePools": 10.0 / HEADROOM}))
    start = time.monotonic()
    for _attempt in range(5):
        api.call("DescribePools")
    # 5 calls at 10 per second: 4 intervals of 0.1 s at least.
    assert time.monotonic() - start >= 0.4 - 0.02


def test_a_throttled_attempt_halves_the_pace_and_answers_win_it_back(mock_emulator):
    client = connection.create_client(params(), "phone_number")
    pacer = Pacer(scale=1000.0)
    api = Api(client, pacer)
    mock_emulator.fault("DescribePools", "throttle", count=1)
    api.call("DescribePools")  # throttled once, retried by botocore, answered
    bucket = pacer.bucket("DescribePools")
    assert bucket.rate == pytest.approx(bucket.base * (0.5 + RECOVERY))
    for _attempt in range(4):
        api.call("DescribePools")
    assert bucket.rate == pytest.approx(bucket.base)


def test_calls_refused_together_cut_the_pace_once():
    fake = FakeTime()
    bucket = TokenBucket(1.0, fake.clock, fake.sleep)
    for _attempt in range(8):
        bucket.throttled()
    assert bucket.rate == 0.5
    fake.now += 2.0
    bucket.throttled()
    assert bucket.rate == 0.25


def test_request_quotas_documents_exactly_the_operations_it_accepts():
    import re

    import yaml

    from ansible_collections.pinpoint.sms_voice.plugins.doc_fragments.common import ModuleDocFragment

    option = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]["request_quotas"]
    listed = " ".join(option["description"][1:])
    documented = set(re.findall(r"C\(([A-Z][A-Za-z]+)\)", listed))
    assert documented == set(PUBLISHED_RATES)
    for operation in documented:
        pacer_from_params({"quota_scale": 1.0, "request_quotas": {operation: 5}})


def test_the_modules_pace_every_operation_they_call_at_the_rate_the_emulator_enforces():
    from tests.emulator.quotas import QUOTAS

    assert set(PUBLISHED_RATES) <= set(QUOTAS)
    assert {op: PUBLISHED_RATES[op] for op in PUBLISHED_RATES} == {op: float(QUOTAS[op]) for op in PUBLISHED_RATES}
