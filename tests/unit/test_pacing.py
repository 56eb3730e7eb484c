"""Pacing: every operation spaced to its request quota, shared by threads; the options that raise quotas."""

from __future__ import annotations

import itertools
import json
import random
import re
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import botocore.session
import pytest
from botocore.exceptions import ClientError
from botocore.hooks import HierarchicalEmitter

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import connection
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import Api
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import (
    DEFAULT_THROTTLE_TIMEOUT,
    HEADROOM,
    JITTER,
    MIN_FRACTION,
    PACING_ARGUMENT_SPEC,
    PUBLISHED_RATES,
    RECOVERY,
    RECOVERY_SECONDS,
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


def test_throttling_past_the_timeout_fails_naming_the_operation_and_the_time(mock_emulator):
    client = connection.create_client(params(aws_config={"retries": {"total_max_attempts": 1}}), "phone_number")
    mock_emulator.fault("RequestPhoneNumber", "throttle", count=3)
    with pytest.raises(SmsVoiceError) as e:
        Api(client, Pacer(scale=1000.0, throttle_timeout=0)).call("RequestPhoneNumber", **REQUEST)
    assert e.value.code == "ThrottlingException"
    assert e.value.operation == "RequestPhoneNumber"
    assert re.match(r"RequestPhoneNumber was throttled for \d+ s, longer than throttle_timeout \(0 s\)", e.value.msg)
    # One attempt (botocore's only one here), no retry of the module's own.
    assert [c["error"] for c in mock_emulator.calls()] == ["ThrottlingException"]


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
    pacer = Pacer(scale=1000.0, recovery_seconds=float("inf"))  # no winning back by time: only answers count here
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
    bucket = TokenBucket(1.0, fake.clock, fake.sleep, recovery_seconds=float("inf"))
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


# -- adaptive pacing, jitter and throttle_timeout on a fake clock -------------------------


class ThrottlingClient:
    """A stand-in for a boto3 client: each call is one attempt that passes the pacer's hooks as botocore's do.

    Every attempt before ``until`` (on the fake clock) is answered ThrottlingException.
    """

    def __init__(self, fake, until=float("inf")):
        self.fake = fake
        self.until = until
        self.attempts = []  # (time, operation, params)
        model = botocore.session.get_session().get_service_model("pinpoint-sms-voice-v2")
        self.meta = SimpleNamespace(events=HierarchicalEmitter(), service_model=model)

    def _attempt(self, operation, params):
        events, model = self.meta.events, self.meta.service_model.operation_model(operation)
        events.emit("before-send.sms-voice." + operation, request=None)
        self.attempts.append((self.fake.now, operation, dict(params)))
        if self.fake.now < self.until:
            parsed = {"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}}
            events.emit("needs-retry.sms-voice." + operation, response=(None, parsed), operation=model, attempts=1)
            raise ClientError(parsed, operation)
        events.emit("needs-retry.sms-voice." + operation, response=(None, {}), operation=model, attempts=1)
        return {"PhoneNumberId": "phone-1"}

    def request_phone_number(self, **params):
        return self._attempt("RequestPhoneNumber", params)

    def describe_phone_numbers(self, **params):
        return self._attempt("DescribePhoneNumbers", params)


def fake_api(fake, until=float("inf"), timeout=DEFAULT_THROTTLE_TIMEOUT, seed=1):
    client = ThrottlingClient(fake, until)
    pacer = Pacer(clock=fake.clock, sleep=fake.sleep, throttle_timeout=timeout, jitter=random.Random(seed).random)
    return Api(client, pacer, fake.clock), client


def test_throttle_timeout_is_a_common_option_of_at_least_15_minutes_with_an_env_fallback():
    spec = PACING_ARGUMENT_SPEC["throttle_timeout"]
    assert connection.AWS_COMMON_ARGUMENT_SPEC["throttle_timeout"] is spec
    assert spec["default"] == DEFAULT_THROTTLE_TIMEOUT >= 900
    assert spec["fallback"][1] == ["SMS_VOICE_THROTTLE_TIMEOUT"]
    assert pacer_from_params({}).throttle_timeout == DEFAULT_THROTTLE_TIMEOUT
    assert pacer_from_params({"throttle_timeout": 30}).throttle_timeout == 30.0
    assert pacer_from_params({"throttle_timeout": "45"}).throttle_timeout == 45.0
    assert pacer_from_params({"throttle_timeout": 0}).throttle_timeout == 0.0


@pytest.mark.parametrize("value", [-1, "soon", True, float("inf"), float("nan")])
def test_a_bad_throttle_timeout_fails_naming_the_option(value):
    with pytest.raises(SmsVoiceError, match=r"throttle_timeout must be a number of seconds, 0 or more"):
        pacer_from_params({"throttle_timeout": value})


def test_a_call_throttled_for_less_than_the_timeout_is_retried_until_it_is_answered():
    fake = FakeTime()
    api, client = fake_api(fake, until=fake.now + 850)
    assert api.call("RequestPhoneNumber", IsoCountryCode="US")["PhoneNumberId"] == "phone-1"
    times = [t for t, _op, _params in client.attempts]
    assert times[-1] >= 100 + 850
    # Every attempt, the answered one included, resent the one ClientToken filled before the first.
    tokens = {p["ClientToken"] for _t, _op, p in client.attempts}
    assert len(tokens) == 1
    # The pauses grew to the cap and no further: at most 20 s (plus one period of the pace) between attempts.
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert max(gaps) <= connection.THROTTLE_MAX_BACKOFF + 1.5 / (HEADROOM * 0.1) + 1e-6
    assert len(client.attempts) < 850 / 5


def test_a_call_throttled_past_the_timeout_fails_naming_the_operation_and_the_seconds():
    fake = FakeTime()
    api, client = fake_api(fake, timeout=900)
    with pytest.raises(SmsVoiceError) as raised:
        api.call("DescribePhoneNumbers", MaxResults=100)
    error = raised.value
    spent = int(re.match(r"DescribePhoneNumbers was throttled for (\d+) s", error.msg).group(1))
    # The last attempt waits for its slot at the slowest pace at most: one jittered period.
    slowest = (1 + JITTER) / (HEADROOM * MIN_FRACTION)
    assert 900 <= spent <= 900 + slowest
    assert "longer than throttle_timeout (900 s)" in error.msg
    assert "Rate exceeded" in error.msg
    assert error.operation == "DescribePhoneNumbers" and error.code == "ThrottlingException"
    # It gave up once the call had been throttled for the timeout, not before and not much later.
    assert 900 <= client.attempts[-1][0] - 100 <= 900 + slowest
    assert fake.now - 100 == pytest.approx(client.attempts[-1][0] - 100)


def test_the_timeout_counts_from_the_start_of_each_call_not_of_the_run():
    fake = FakeTime()
    api, client = fake_api(fake, until=fake.now + 500, timeout=600)
    api.call("DescribePhoneNumbers")
    client.until = fake.now + 500
    api.call("DescribePhoneNumbers")  # 500 s throttled again: within this call's own 600 s
    assert fake.now - 100 >= 1000


def test_a_throttled_attempt_slows_every_later_call_of_the_operation_from_every_thread():
    fake = FakeTime()
    pacer = Pacer(clock=fake.clock, sleep=fake.sleep, jitter=lambda: 0.0, recovery_seconds=float("inf"))
    bucket = pacer.bucket("ListTagsForResource")
    model = botocore.session.get_session().get_service_model("pinpoint-sms-voice-v2")
    operation = model.operation_model("ListTagsForResource")
    pacer.take("ListTagsForResource")
    # botocore's retry of any thread reports the throttled answer through needs-retry.
    pacer._after_attempt(operation=operation, response=(None, {"Error": {"Code": "ThrottlingException"}}))
    assert bucket.rate == pytest.approx(bucket.base / 2)
    start, starts = fake.now, []

    def call():
        pacer.take("ListTagsForResource")
        starts.append(fake.now - start)

    for _i in range(3):  # one call from each of three other threads, one after the other
        thread = threading.Thread(target=call)
        thread.start()
        thread.join()
    period = 2 / bucket.base
    # The next three calls, whichever threads make them, come at the halved pace.
    assert starts == pytest.approx([period, 2 * period, 3 * period])
    # Another operation keeps its own pace.
    assert pacer.bucket("DescribePhoneNumbers").rate == pacer.bucket("DescribePhoneNumbers").base


def test_below_the_quota_slots_are_jittered_and_never_closer_than_a_period():
    fake = FakeTime()
    bucket = TokenBucket(1.0, fake.clock, fake.sleep, jitter=random.Random(7).random, recovery_seconds=float("inf"))
    # At the quota: exactly one period, no jitter (a run alone must not slow itself).
    assert [bucket.take() for _i in range(3)] == [0, 1.0, 1.0]
    bucket.throttled()
    fake.now = bucket.next_free
    starts = []
    for _i in range(40):
        bucket.take()
        starts.append(fake.now)
        bucket.rate = 0.5  # hold the pace below the quota
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 2.0 - 1e-9
    assert max(gaps) <= 2.0 * (1 + JITTER) + 1e-9
    assert len({round(g, 3) for g in gaps}) > 30  # spread, not one fixed step


def test_the_pace_is_won_back_with_time_once_the_service_stops_throttling():
    fake = FakeTime()
    bucket = TokenBucket(1.0, fake.clock, fake.sleep, jitter=lambda: 0.0)
    bucket.take()
    bucket.throttled()
    fake.now += 2.0
    bucket.throttled()
    assert bucket.rate == pytest.approx(0.25 * 2 ** (2.0 / RECOVERY_SECONDS))
    # Left alone (the other runs have finished), it doubles back every RECOVERY_SECONDS, up to the quota.
    fake.now += RECOVERY_SECONDS
    bucket.take()
    assert bucket.rate == pytest.approx(0.25 * 2 ** (2.0 / RECOVERY_SECONDS) * 2, rel=0.05)
    fake.now += 3 * RECOVERY_SECONDS
    bucket.take()
    assert bucket.rate == bucket.base
    # At the quota again: calls one period apart, no jitter.
    assert bucket.take() == pytest.approx(1.0)


def test_runs_throttled_together_come_back_at_different_times():
    # Two runs of one task (two processes: two pacers) refused at the same instant.
    fake = FakeTime()
    firsts = []
    for seed in (1, 2, 3, 4):
        bucket = TokenBucket(0.9, fake.clock, fake.sleep, jitter=random.Random(seed).random)
        bucket.take()
        bucket.throttled()
        firsts.append(bucket.next_free)
    assert len({round(t, 3) for t in firsts}) == 4
    assert all(fake.now + 1 / 0.45 <= t <= fake.now + (1 + JITTER) / 0.45 for t in firsts)


def test_the_tag_index_is_retried_with_the_same_timeout():
    fake = FakeTime()
    api, _client = fake_api(fake, timeout=1234)
    tagging = Api(ThrottlingClient(fake), api.pacer, fake.clock)
    assert tagging.throttle_timeout == 1234
    sms = Api(ThrottlingClient(fake), api.pacer, fake.clock, tagging=lambda: ThrottlingClient(fake))
    assert sms.tagging_api().throttle_timeout == 1234
    assert sms.tagging_api().pacer is sms.pacer
