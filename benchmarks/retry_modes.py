"""Which way to stay inside the request quotas: botocore's ``adaptive`` retry mode, or pacing + ``standard``?

Against ``python -m tests.emulator`` at the published rates (quota_scale 1: 1
request per second per operation), each strategy reads the tags of every
number as a by-name lookup does (one DescribePhoneNumbers page, then one
ListTagsForResource per number, 8 threads), once alone and once as two runs
overlapping on the same account. Printed per case: wall seconds, calls made,
calls the emulator throttled, and runs that failed.

    .venv/bin/python benchmarks/retry_modes.py [--numbers 20]
"""

from __future__ import annotations

import argparse
import threading
import time

import collection_path  # noqa: F401  # pylint: disable=unused-import  # the collection and tests importable

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import (
    Api,
    create_client,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import Pacer
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.reader import PhoneNumberReader
from tests.emulator import EmulatorHandle, start_subprocess
from tests.emulator.handle import DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY

UNPACED = 1e9  # a quota_scale no run reaches: pacing off

STRATEGIES = (
    ("standard, no pacing", {"mode": "standard", "max_attempts": 5}, UNPACED),
    ("adaptive, no pacing", {"mode": "adaptive", "max_attempts": 5}, UNPACED),
    ("pacing + standard", {"mode": "standard", "max_attempts": 5}, 1.0),
)


def make_api(url, retries, scale):
    params = dict(
        region="us-east-1",
        endpoint_url=url,
        access_key=DUMMY_ACCESS_KEY,
        secret_key=DUMMY_SECRET_KEY,
        validate_certs=True,
        aws_config={"retries": dict(retries)},
    )
    return Api(create_client(params, "benchmark"), Pacer(scale=scale))


def one_run(url, retries, scale, outcome):
    try:
        PhoneNumberReader(make_api(url, retries, scale)).by_name("nobody")
    except SmsVoiceError as e:
        outcome.append(e.code or "error")
    else:
        outcome.append(None)


def measure(handle, url, retries, scale, overlapping):
    before = len(handle.calls())
    outcome = []
    threads = [threading.Thread(target=one_run, args=(url, retries, scale, outcome)) for _attempt in range(overlapping)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - start
    calls = handle.calls()[before:]
    throttled = sum(1 for c in calls if c["error"] == "ThrottlingException")
    failed = sum(1 for o in outcome if o is not None)
    return seconds, len(calls), throttled, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=20)
    parser.add_argument("--only", help="run only the strategies whose title contains this")
    args = parser.parse_args()
    server = start_subprocess()
    try:
        handle = EmulatorHandle(server.url)
        handle.reset()
        handle.config(quotas=True, quota_scale=1)
        handle.seed(args.numbers)
        floor = args.numbers  # ListTagsForResource calls at 1 per second
        print("{0} numbers; floor at 1 request per second: {1} s per run".format(args.numbers, floor))
        print(
            "{0:<22} {1:>5} {2:>9} {3:>6} {4:>10} {5:>12}".format(
                "strategy", "runs", "seconds", "calls", "throttled", "failed runs"
            )
        )
        for title, retries, scale in STRATEGIES:
            if args.only and args.only not in title:
                continue
            for overlapping in (1, 2):
                time.sleep(2)  # let every bucket refill
                seconds, calls, throttled, failed = measure(handle, server.url, retries, scale, overlapping)
                print(
                    "{0:<22} {1:>5} {2:>9.1f} {3:>6} {4:>10} {5:>12}".format(
                        title, overlapping, seconds, calls, throttled, failed
                    )
                )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
