"""Benchmarks of pinpoint.sms_voice against the emulator server. Prints tables; asserts nothing.

1. API calls per task, made vs floor: each scenario runs the real module through
   ansible-playbook and counts the calls the emulator recorded. The floor is the
   fewest calls the API allows for the same outcome *and* the same result (the
   number with its tags): DescribePhoneNumbers takes 5 IDs or 100 numbers a page,
   cannot filter by tag or E.164, and tags cost one ListTagsForResource per number.
2. phone_number_info's reader over 10,000 numbers, with and without tags, against a
   plain boto3 paginator loop (plus ListTagsForResource per number for tags), on
   the same emulator server in the same run, each in its own process: wall time,
   ratio, peak resident memory and calls.

Run: .venv/bin/python benchmarks/bench.py [--numbers 10000]
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / ".tmp" / "collections"))
_LINK = REPO_ROOT / ".tmp" / "collections" / "ansible_collections" / "pinpoint" / "sms_voice"
if not _LINK.exists():  # the collection's import path, as tests/conftest.py makes it
    _LINK.parent.mkdir(parents=True, exist_ok=True)
    _LINK.symlink_to(REPO_ROOT, target_is_directory=True)

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import Api  # noqa: E402
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import Pacer  # noqa: E402
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number_info import (  # noqa: E402
    find_phone_numbers,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.reader import PhoneNumberReader  # noqa: E402
from tests.emulator import EmulatorHandle, start_subprocess  # noqa: E402
from tests.integration.harness import run_task  # noqa: E402

SIMULATOR = dict(IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR")


def named(client, name, **extra):
    return client.request_phone_number(Tags=[{"Key": "Name", "Value": name}], **dict(SIMULATOR, **extra))


def scenarios(server):
    """(title, setup(client) -> task args, floor for apply, floor for check mode)."""
    yield "converged, looked up by ID", lambda c: dict(phone_number_id=named(c, "a")["PhoneNumberId"]), 2, 2

    def among_thousand(c):
        server.seed(999, **SIMULATOR)
        named(c, "needle")
        return dict(name="needle", iso_country_code="US")

    pages = math.ceil(1000 / 100)
    yield "converged, by name among 1,000 US numbers", among_thousand, pages + 1000, pages + 1000
    yield (
        "request a SIMULATOR number by name",
        lambda c: dict(
            name="new",
            iso_country_code="US",
            message_type="TRANSACTIONAL",
            number_capabilities=["SMS"],
            number_type="SIMULATOR",
        ),
        2,
        1,
    )
    yield (
        "change one setting (by ID)",
        lambda c: dict(phone_number_id=named(c, "b")["PhoneNumberId"], deletion_protection_enabled=True),
        3,
        2,
    )
    yield (
        "change one setting and one tag (by ID)",
        lambda c: dict(
            phone_number_id=named(c, "c")["PhoneNumberId"],
            deletion_protection_enabled=True,
            tags={"team": "ops"},
            purge_tags=False,
        ),
        4,
        2,
    )
    yield "release (by ID)", lambda c: dict(phone_number_id=named(c, "d")["PhoneNumberId"], state="absent"), 3, 2


def bench_calls(server):
    rows = []
    for title, setup, floor, check_floor in scenarios(server):
        for check in (False, True):
            server.reset()
            args = setup(server.client())
            run = run_task(server, "phone_number", args, check=check)
            if run.failed:
                raise SystemExit("{0}: {1}".format(title, run.result.get("msg")))
            rows.append(
                (title + (" (check mode)" if check else ""), len(run.operations), check_floor if check else floor)
            )
    width = max(len(r[0]) for r in rows)
    print("\nAPI calls per phone_number task (made / floor)")
    print("{0}  {1:>6}  {2:>6}".format("scenario".ljust(width), "made", "floor"))
    for title, made, floor in rows:
        print(
            "{0}  {1:>6}  {2:>6}{3}".format(
                title.ljust(width), made, floor, "" if made == floor else "  <- above floor"
            )
        )


def baseline(client, with_tags):
    numbers = []
    for page in client.get_paginator("describe_phone_numbers").paginate(PaginationConfig={"PageSize": 100}):
        numbers.extend(page["PhoneNumbers"])
    if with_tags:
        for number in numbers:
            number["Tags"] = client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])["Tags"]
    return numbers


def ours(client, with_tags):

    # The wall-time comparison with a plain boto3 loop runs without quotas: no pacing either.
    unpaced = Pacer(scale=1e9)
    return find_phone_numbers({"include_tags": with_tags}, PhoneNumberReader(Api(client, unpaced)))


def measure_child(url, reader, with_tags):
    """In a fresh process: run one reader once; print wall seconds, peak RSS and the count as JSON."""
    import resource

    client = EmulatorHandle(url).client(max_pool_connections=16)
    fn = {"loop": baseline, "ours": ours}[reader]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = fn(client, with_tags)
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"numbers": len(result), "seconds": elapsed, "peak_rss_kib": rss, "rss_growth_kib": rss - rss_before}
        )
    )


def measure(server, reader, with_tags):
    """Run ``measure_child`` in a subprocess, so memory and time belong to that reader alone."""
    before = len(server.calls())
    cmd = [sys.executable, __file__, "--measure", reader, "--url", server.url] + (["--tags"] if with_tags else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures["calls"] = len(server.calls()) - before
    return figures


def bench_info(server, count):
    server.reset()
    server.seed(count, Tags=[{"Key": "team", "Value": "bench"}], **SIMULATOR)
    print("\nphone_number_info's reader vs a plain boto3 loop over {0:,} numbers (same server, same run)".format(count))
    print("each in its own process; peak RSS includes the interpreter and boto3 (both import the same modules)")
    header = "{0:<14} {1:<20} {2:>8} {3:>9} {4:>14} {5:>16} {6:>7}"
    print(header.format("case", "reader", "numbers", "seconds", "peak RSS MiB", "RSS growth MiB", "calls"))
    for with_tags in (False, True):
        case = "with tags" if with_tags else "without tags"
        results = {}
        for label, reader in (("boto3 loop", "loop"), ("phone_number_info", "ours")):
            f = results[label] = measure(server, reader, with_tags)
            print(
                "{0:<14} {1:<20} {2:>8} {3:>9.2f} {4:>14.1f} {5:>16.1f} {6:>7}".format(
                    case,
                    label,
                    f["numbers"],
                    f["seconds"],
                    f["peak_rss_kib"] / 1024,
                    f["rss_growth_kib"] / 1024,
                    f["calls"],
                )
            )
        loop, mine = results["boto3 loop"], results["phone_number_info"]
        print(
            "{0:<14} wall-time ratio (ours / loop) {1:.2f}; peak RSS ratio {2:.2f}".format(
                "", mine["seconds"] / loop["seconds"], mine["peak_rss_kib"] / loop["peak_rss_kib"]
            )
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=10000, help="numbers for the phone_number_info benchmark")
    parser.add_argument("--skip-calls", action="store_true", help="only the phone_number_info benchmark")
    parser.add_argument("--measure", choices=["loop", "ours"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--tags", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure_child(args.url, args.measure, args.tags)
        return
    print(
        "pinpoint.sms_voice benchmarks, {0} UTC, Python {1}, {2} CPUs".format(
            datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
            platform.python_version(),
            os.cpu_count(),
        )
    )
    process = start_subprocess()
    server = EmulatorHandle(process.url)
    try:
        if not args.skip_calls:
            bench_calls(server)
        bench_info(server, args.numbers)
    finally:
        process.stop()


if __name__ == "__main__":
    main()
