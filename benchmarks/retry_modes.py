"""Which way to share the request quotas between overlapping runs: botocore's ``adaptive`` mode, or pacing?

Against ``python -m tests.emulator`` at the published rates (quota_scale 1: 1
request per second per operation, 15 for GetResources), N runs start at once,
each in a process of its own as pipeline jobs are, on one account of 300
numbers. Each run does what a ``phone_number`` request task by name does: the
lookup by name (``Reader.by_name``: the tag index, the Describe pages, the
index over the resource type) and then one ``RequestPhoneNumber`` with the
ClientToken every run of the task shares. Printed per case: wall seconds from
the start of the first run to the end of the last, API calls made (throttled
attempts included), throttled attempts, numbers leased, and runs that failed
(with the first failure).

    .venv/bin/python benchmarks/retry_modes.py [--runs 8 16] [--numbers 300] [--only pacing]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import collection_path  # noqa: F401  # pylint: disable=unused-import  # the collection and tests importable

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import (
    TAGGING_SERVICE_NAME,
    Api,
    create_client,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import (
    THROTTLING_CODES,
    Pacer,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.reader import Reader
from tests.emulator import EmulatorHandle, start_subprocess
from tests.emulator.handle import DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY

UNPACED = 1e9  # a quota_scale no run reaches: pacing off
NAME = "overlap"
TOKEN = "5f0c3d1e-8a4b-4c2d-9e6f-0a1b2c3d4e5f"  # one task, one token: what tokens.py derives for every run
REQUEST = dict(
    IsoCountryCode="US",
    MessageType="TRANSACTIONAL",
    NumberCapabilities=["SMS", "VOICE"],
    NumberType="SIMULATOR",
    Tags=[{"Key": "Name", "Value": NAME}],
    ClientToken=TOKEN,
)

STRATEGIES = (
    ("adaptive, no pacing", {"mode": "adaptive", "max_attempts": 5}, UNPACED),
    ("pacing + standard", {"mode": "standard", "max_attempts": 5}, 1.0),
    ("pacing + adaptive", {"mode": "adaptive", "max_attempts": 5}, 1.0),
)


def child(url, retries, scale):
    """One run, in this process: the lookup by name, then the request; prints a JSON line with the outcome."""
    params = dict(
        region="us-east-1",
        endpoint_url=url,
        access_key=DUMMY_ACCESS_KEY,
        secret_key=DUMMY_SECRET_KEY,
        validate_certs=True,
        aws_config={"retries": retries},
    )
    start = time.monotonic()
    outcome = None
    try:
        api = Api(
            create_client(params, "benchmark"),
            Pacer(scale=scale),
            tagging=lambda: create_client(params, "benchmark", TAGGING_SERVICE_NAME),
        )
        if not Reader(api).by_name(NAME):
            api.call("RequestPhoneNumber", **REQUEST)
    except SmsVoiceError as e:
        outcome = e.msg
    print(json.dumps({"failed": outcome, "seconds": time.monotonic() - start}))


def measure(handle, url, retries, scale, runs, numbers):
    handle.reset()
    handle.config(quotas=True, quota_scale=1)
    handle.seed(numbers, Tags=[{"Key": "Name", "Value": "seeded-{i}"}])
    time.sleep(2)  # let every bucket refill
    command = [sys.executable, str(Path(__file__).resolve()), "--child", url, json.dumps(retries), str(scale)]
    start = time.monotonic()
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _run in range(runs)]
    outcomes, run_seconds = [], []
    for proc in procs:
        out, _err = proc.communicate()
        lines = out.strip().splitlines()
        last = json.loads(lines[-1]) if lines else {"failed": "exit {0}".format(proc.returncode), "seconds": 0}
        outcomes.append(last["failed"])
        run_seconds.append(last["seconds"])
    seconds = time.monotonic() - start
    calls = handle.calls()
    throttled = sum(1 for c in calls if c["error"] in THROTTLING_CODES)
    failures = [o for o in outcomes if o is not None]
    served = {}
    for c in calls:
        if c["error"] is None:
            served[c["operation"]] = served.get(c["operation"], 0) + 1
    return seconds, len(calls), throttled, failures, sorted(run_seconds), served


def leased_numbers(handle):
    """Numbers named NAME, read with the tag index off the emulator's own client (quotas off by then)."""
    handle.config(quotas=False)
    client = handle.client()
    found = 0
    for page in client.get_paginator("describe_phone_numbers").paginate():
        for number in page["PhoneNumbers"]:
            tags = client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])["Tags"]
            found += {"Key": "Name", "Value": NAME} in tags
    return found


def main():
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], json.loads(sys.argv[3]), float(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, nargs="+", default=[8, 16])
    parser.add_argument("--numbers", type=int, default=300)
    parser.add_argument("--only", help="run only the strategies whose title contains this")
    args = parser.parse_args()
    server = start_subprocess()
    try:
        handle = EmulatorHandle(server.url)
        print("{0} numbers in the account, quota_scale 1, each run a process of its own".format(args.numbers))
        print(
            "{0:<20} {1:>5} {2:>8} {3:>6} {4:>10} {5:>7} {6:>7}".format(
                "strategy", "runs", "seconds", "calls", "throttled", "leased", "failed"
            )
        )
        for title, retries, scale in STRATEGIES:
            if args.only and args.only not in title:
                continue
            for runs in args.runs:
                seconds, calls, throttled, failures, run_seconds, served = measure(
                    handle, server.url, retries, scale, runs, args.numbers
                )
                leased = leased_numbers(handle)
                print(
                    "{0:<20} {1:>5} {2:>8.1f} {3:>6} {4:>10} {5:>7} {6:>7}".format(
                        title, runs, seconds, calls, throttled, leased, len(failures)
                    ),
                    flush=True,
                )
                print(
                    "    runs took {0:.0f} to {1:.0f} s (median {2:.0f}); served: {3}".format(
                        run_seconds[0],
                        run_seconds[-1],
                        run_seconds[len(run_seconds) // 2],
                        ", ".join("{0} {1}".format(op, n) for op, n in sorted(served.items())),
                    ),
                    flush=True,
                )
                if failures:
                    print("    first failure: {0}".format(failures[0][:300]), flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
