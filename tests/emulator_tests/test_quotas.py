"""Request quotas: a token bucket per account, region and operation at the published rates.

The collection must stay inside the service's published request rates (1
request per second for the operations it calls), so the emulator throttles
like the service: ``ThrottlingException`` (HTTP 400) once a bucket is empty,
recorded in the call log. Tests here set ``quota_scale`` explicitly; the
fixtures' own scale is :data:`tests.emulator.TEST_QUOTA_SCALE`.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from tests.emulator import QUOTAS, TEST_QUOTA_SCALE, Clock, Emulator, EmulatorControlError
from tests.emulator.config import default_config
from tests.emulator.quotas import QuotaBuckets
from tests.emulator.region import OPERATIONS
from tests.emulator.validation import service_model

from .helpers import raises

ONE_TRY = {"retries": {"mode": "standard", "total_max_attempts": 1}}
#: One token per 100 s: a test that expects a throttle cannot be refilled by a slow machine.
SLOW = 0.01


def test_every_emulated_operation_has_a_quota():
    assert sorted(set(OPERATIONS) - set(QUOTAS)) == []


def test_every_quota_names_an_operation_of_the_service_at_a_positive_rate():
    from tests.emulator import tagging

    assert sorted(set(QUOTAS) - set(service_model().operation_names) - set(tagging.OPERATIONS)) == []
    assert all(rate > 0 for rate in QUOTAS.values())


def test_the_published_rates_are_one_request_per_second_but_delete_opted_out_number_and_get_resources():
    assert {op: rate for op, rate in QUOTAS.items() if rate != 1} == {"DeleteOptedOutNumber": 10, "GetResources": 15}


def test_quotas_are_on_at_the_published_rates_by_default_and_after_reset():
    config = default_config()
    assert (config["quotas"], config["quota_scale"], config["quota_burst_seconds"]) == (True, 1, 1)
    emu = Emulator(clock=Clock(frozen_at=0))
    emu.configure(quotas=False, quota_scale=7)
    emu.reset()
    assert (emu.config["quotas"], emu.config["quota_scale"]) == (True, 1)


def test_fixtures_keep_quotas_on_at_the_test_scale(api):
    config = api.config()
    assert (config["quotas"], config["quota_scale"]) == (True, TEST_QUOTA_SCALE)


def test_back_to_back_calls_are_throttled_at_the_published_rate(api):
    api.config(quota_scale=1)
    client = api.client(**ONE_TRY)
    client.describe_phone_numbers()
    with raises("ThrottlingException") as caught:
        client.describe_phone_numbers()
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "DescribePhoneNumbers" in caught.value.response["Error"]["Message"]
    assert [(c["operation"], c["error"]) for c in api.calls()] == [
        ("DescribePhoneNumbers", None),
        ("DescribePhoneNumbers", "ThrottlingException"),
    ]


def test_one_call_per_second_is_never_throttled(api):
    api.config(quota_scale=1)
    client = api.client(**ONE_TRY)
    for _index in range(3):
        client.describe_phone_numbers()
        time.sleep(1.0)  # a second between the end of one call and the start of the next
    assert [c["error"] for c in api.calls()] == [None, None, None]


def test_buckets_are_per_operation_and_region(api):
    api.config(quota_scale=SLOW)
    east = api.client("us-east-1", **ONE_TRY)
    east.describe_phone_numbers()
    east.describe_pools()
    api.client("us-west-2", **ONE_TRY).describe_phone_numbers()
    with raises("ThrottlingException"):
        east.describe_phone_numbers()


def test_buckets_are_per_account():
    emu = Emulator(clock=Clock(frozen_at=0))
    emu.configure(quota_scale=SLOW)
    assert emu.invoke("DescribePools", {}, "us-east-1", account_id="111111111111").status == 200
    assert emu.invoke("DescribePools", {}, "us-east-1", account_id="222222222222").status == 200
    throttled = emu.invoke("DescribePools", {}, "us-east-1", account_id="111111111111")
    assert (throttled.status, throttled.error) == (400, "ThrottlingException")


def test_quota_scale_multiplies_every_rate(api):
    api.config(quota_scale=5)
    client = api.client(**ONE_TRY)
    for _index in range(5):
        client.describe_pools()  # at scale 1 the second would be throttled
    api.config(quota_scale=SLOW)
    client.describe_pools()
    with raises("ThrottlingException"):
        client.describe_pools()


def test_burst_seconds_set_the_bucket_size(api):
    api.config(quota_scale=SLOW, quota_burst_seconds=300)
    client = api.client(**ONE_TRY)
    for _index in range(3):
        client.describe_opt_out_lists()
    with raises("ThrottlingException"):
        client.describe_opt_out_lists()


def test_quotas_off_never_throttle(api):
    api.config(quotas=False, quota_scale=1)
    client = api.client(**ONE_TRY)
    for _index in range(20):
        client.describe_phone_numbers()
    assert {c["error"] for c in api.calls()} == {None}


def test_a_quota_change_refills_the_buckets(api):
    api.config(quota_scale=1)
    client = api.client(**ONE_TRY)
    client.describe_pools()
    api.config(quota_scale=2)
    client.describe_pools()
    client.describe_pools()


def test_botocore_retries_a_throttled_call(api):
    api.config(quota_scale=1)
    client = api.client(retries={"mode": "standard", "total_max_attempts": 5})
    client.describe_pools()
    client.describe_pools()  # throttled, then retried with botocore's backoff until a token is back
    errors = [c["error"] for c in api.calls()]
    assert errors[0] is None and errors[-1] is None
    assert "ThrottlingException" in errors


def test_control_endpoints_are_never_throttled(emulator):
    emulator.config(quota_scale=1)
    for _index in range(10):
        emulator.calls()
        emulator.state()
    assert emulator.calls() == []


def test_the_emulators_clock_does_not_refill_buckets(api):
    api.config(quota_scale=SLOW)
    client = api.client(**ONE_TRY)
    client.describe_pools()
    api.advance_clock(3600)
    with raises("ThrottlingException"):
        client.describe_pools()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quotas": "yes"}, "quotas must be true or false"),
        ({"quotas": 1}, "quotas must be true or false"),
        ({"quota_scale": 0}, "quota_scale must be a finite number > 0"),
        ({"quota_scale": -2}, "quota_scale must be a finite number > 0"),
        ({"quota_scale": True}, "quota_scale must be a finite number > 0"),
        ({"quota_burst_seconds": "1"}, "quota_burst_seconds must be a finite number > 0"),
        ({"quota": True}, "unknown configuration key 'quota'"),
    ],
)
def test_bad_quota_settings_are_refused_and_change_nothing(api, change, message):
    before = api.config()
    with pytest.raises(EmulatorControlError, match="400") as caught:
        api.config(**change)
    assert message in str(caught.value)
    assert api.config() == before


def test_bad_quota_setting_over_http_is_a_400_with_the_reason(emulator):
    request = urllib.request.Request(
        f"{emulator.url}/_emulator/config",
        data=json.dumps({"quota_scale": "fast"}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    assert "quota_scale must be a finite number > 0" in json.loads(caught.value.read())["error"]


def test_bucket_refills_at_the_rate_in_monotonic_time():
    now = [100.0]
    buckets = QuotaBuckets(monotonic=lambda: now[0])
    assert buckets.take("a", "r", "DescribePools", scale=1, burst_seconds=1)
    assert not buckets.take("a", "r", "DescribePools", scale=1, burst_seconds=1)
    now[0] += 0.5
    assert not buckets.take("a", "r", "DescribePools", scale=1, burst_seconds=1)
    now[0] += 0.5
    assert buckets.take("a", "r", "DescribePools", scale=1, burst_seconds=1)
    now[0] += 60
    assert buckets.take("a", "r", "DescribePools", scale=1, burst_seconds=1)
    assert not buckets.take("a", "r", "DescribePools", scale=1, burst_seconds=1)


def test_a_bucket_holds_at_least_one_token():
    buckets = QuotaBuckets(monotonic=lambda: 0.0)
    assert buckets.take("a", "r", "DescribePools", scale=1, burst_seconds=0.1)
    assert not buckets.take("a", "r", "DescribePools", scale=1, burst_seconds=0.1)
