"""Benchmarks of pinpoint.sms_voice against the emulator server. Prints tables; asserts nothing.

1. API calls per task, made vs floor: each scenario runs the real module through
   ansible-playbook and counts the calls the emulator recorded. The floor is the
   fewest calls the API allows for the same outcome *and* the same result (the
   number with its tags): DescribePhoneNumbers takes 5 IDs or 100 numbers a page and
   cannot filter by tag or E.164; GetResources finds numbers by tag with their tags.
2. Finding numbers by tag: a converged phone_number task by name among 100 and
   1,000 numbers, and phone_number_info with tags over 1,000 and 10,000 numbers,
   through the Resource Groups Tagging API (the index path), with it off (the
   fallback: every number's own tags) and the floor. Each row prints its calls
   and its seconds at the published quotas (see PUBLISHED_RATES).
3. Writes by name at the published quotas: a request among 100 and 1,000 numbers,
   a release among 1,000, a loop of 20 named numbers among 300 (first run and
   converged re-run), and 8 and 16 overlapping runs of one request task, each with
   its calls, throttled attempts, seconds and floor.
4. phone_number_info's reader over 10,000 numbers, with and without tags, against a
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

import collection_path  # noqa: F401  # pylint: disable=unused-import  # the collection and tests importable

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import Api
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import Pacer
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number_info import (
    find_phone_numbers,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.reader import PhoneNumberReader
from tests.emulator import EmulatorHandle, start_subprocess
from tests.integration.harness import StartedTask, run_playbook, run_task

SIMULATOR = dict(IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR")
#: Published default request quotas, calls per second per account and region. GetResources: Tag Editor
#: user guide, "Service quotas" (15/s); the SMS API's Describe*, List* and most control-plane operations: 1/s.
PUBLISHED_RATES = {"GetResources": 15.0}
DEFAULT_RATE = 1.0


def named(client, name, **extra):
    return client.request_phone_number(Tags=[{"Key": "Name", "Value": name}], **dict(SIMULATOR, **extra))


def scenarios(server):
    """(title, setup(client) -> task args, floor for apply, floor for check mode)."""
    yield "converged, looked up by ID", lambda c: dict(phone_number_id=named(c, "a")["PhoneNumberId"]), 2, 2

    def among_thousand(c):
        server.seed(999, **SIMULATOR)
        named(c, "needle")
        return dict(name="needle", iso_country_code="US")

    # GetResources names it, DescribePhoneNumbers reads it; the module adds one ListTagsForResource to confirm.
    yield "converged, by name among 1,000 US numbers", among_thousand, 2, 2
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
            fresh(server)
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


def fresh(server, quotas=False):
    """A reset emulator; request quotas at the published rates when ``quotas``, else off (calls are counted)."""
    server.reset()
    server.config(quotas=quotas, quota_scale=1)


def timed_task(server, args, quotas=False):
    """One phone_number run; the module paces to the published quotas when ``quotas``, else not at all."""
    start = time.perf_counter()
    run = run_task(server, "phone_number", args, extra_env={"SMS_VOICE_QUOTA_SCALE": "1" if quotas else "1000"})
    return run, time.perf_counter() - start


def seconds_at_quota(operations):
    """Seconds the calls take at the published quotas, each operation paced by its own quota.

    Operations are throttled separately, so the one that needs longest sets the pace
    (calls / rate; a burst allowance would only shave the first second or so).
    """
    counts = {}
    for operation in operations:
        counts[operation] = counts.get(operation, 0) + 1
    return max([n / PUBLISHED_RATES.get(op, DEFAULT_RATE) for op, n in counts.items()] or [0.0])


def summary(operations):
    counts = {}
    for operation in operations:
        counts[operation] = counts.get(operation, 0) + 1
    short = {"GetResources": "GR", "DescribePhoneNumbers": "DPN", "ListTagsForResource": "LTFR"}
    return " ".join("{0}x{1}".format(short.get(op, op), n) for op, n in counts.items())


def by_name_floor():
    """GetResources for the name, then DescribePhoneNumbers for the number: the number and its tags."""
    return ["GetResources", "DescribePhoneNumbers"]


def info_floor(count):
    """Every page of DescribePhoneNumbers, and GetResources for the tags of 100 numbers a call."""
    pages = math.ceil(count / 100)
    return ["DescribePhoneNumbers"] * pages + ["GetResources"] * pages


def reader_for(server, use_index, paced):
    """The module's own reader with botocore's standard retries: paced to the published quotas, or not at all."""
    tagging = server.tagging_client(max_pool_connections=16)
    pacer = Pacer() if paced else Pacer(scale=1e9)
    api = Api(server.client(max_pool_connections=16), pacer, tagging=(lambda: tagging) if use_index else None)
    return PhoneNumberReader(api)


def answered(calls):
    """The operations of the calls that were served (a throttled attempt is retried and served later)."""
    return [c["operation"] for c in calls if not c["error"]], sum(1 for c in calls if c["error"])


def bench_tagging(server, by_name_counts=(100, 1000), info_counts=(1000, 10000)):
    """Index path measured at the published quotas; fallback counted without them, its seconds computed."""
    rows = []
    for count in by_name_counts:
        title = "phone_number converged by name among {0:,}".format(count)
        for label, use, quotas in (("index path", True, True), ("fallback", False, False)):
            fresh(server, quotas=quotas)
            server.seed(count - 1, Tags=[{"Key": "Name", "Value": "hay-{i}"}], **SIMULATOR)
            needle = named(server.client(), "needle")["PhoneNumberId"]
            run, seconds = timed_task(server, dict(name="needle", use_tagging_api=use), quotas)
            if run.failed or run.changed or run.number["phone_number_id"] != needle:
                raise SystemExit("{0} ({1}): {2}".format(title, label, run.result.get("msg")))
            operations, throttled = answered(run.calls)
            rows.append((title, label, operations, seconds if quotas else None, throttled))
        rows.append((title, "floor", by_name_floor(), None, 0))
    for count in info_counts:
        title = "phone_number_info with tags over {0:,}".format(count)
        results = {}
        for label, use, quotas in (("index path", True, True), ("fallback", False, False)):
            fresh(server, quotas=quotas)
            server.seed(count, Tags=[{"Key": "Name", "Value": "n-{i}"}, {"Key": "team", "Value": "bench"}], **SIMULATOR)
            before = len(server.calls())
            start = time.perf_counter()
            results[label] = find_phone_numbers({"include_tags": True}, reader_for(server, use, quotas))
            seconds = time.perf_counter() - start
            operations, throttled = answered(server.calls()[before:])
            rows.append((title, label, operations, seconds if quotas else None, throttled))
        if [n["tags"] for n in results["index path"]] != [n["tags"] for n in results["fallback"]]:
            raise SystemExit("{0}: the index path and the fallback disagree".format(title))
        rows.append((title, "floor", info_floor(count), None, 0))
    fresh(server)
    width = max(len(r[0]) for r in rows)
    print("\nFinding numbers by tag at the published quotas (GetResources 15/s; DescribePhoneNumbers and")
    print("ListTagsForResource 1/s): 'measured' ran against the emulator at quota_scale 1 (phone_number through")
    print("ansible-playbook, its start-up included; info through the module's reader). 'computed' is each")
    print("operation's calls / its rate, the slowest operation setting the pace: the fallbacks were counted")
    print("with quotas off, since at 1/s they take 100 s to 3 hours; the floor is computed the same way.")
    print("'calls' counts served calls; 'thr' the throttled attempts that were retried (the client paces itself")
    print("to the published quotas, so this should be 0).")
    print(
        "{0}  {1:<10}  {2:>6}  {3:>4}  {4:>9}  {5:>9}  {6}".format(
            "scenario".ljust(width), "path", "calls", "thr", "measured", "computed", "calls by operation"
        )
    )
    for title, label, operations, measured, throttled in rows:
        print(
            "{0}  {1:<10}  {2:>6}  {3:>4}  {4:>9}  {5:>9.1f}  {6}".format(
                title.ljust(width),
                label,
                len(operations),
                throttled,
                "-" if measured is None else "{0:.1f}".format(measured),
                seconds_at_quota(operations),
                summary(operations),
            )
        )


REQUEST_ARGS = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS"], number_type="SIMULATOR"
)
PUBLISHED_ENV = {"SMS_VOICE_QUOTA_SCALE": "1"}


def pages(count, per_page=100):
    return max(1, math.ceil(count / per_page))


def request_floor(count, tags_per_number=1):
    """Prove the name free (Describe pages, index pages), read the account's limits, lease, list again
    to catch a duplicate another run leased meanwhile."""
    return pages(count) + pages(count * tags_per_number, 500) + 1 + 1 + pages(count + 1)


def release_floor(count, tags_per_number=1):
    """Prove the name unique, read the number's own tags, release it."""
    return pages(count) + pages(count * tags_per_number, 500) + 1 + 1


def served(calls):
    return sum(1 for c in calls if not c["error"]), sum(1 for c in calls if c["error"] == "ThrottlingException")


def account(server, count):
    fresh(server, quotas=True)
    server.seed(count, Tags=[{"Key": "Name", "Value": "hay-{i}"}], **SIMULATOR)


def loop_play(names):
    task = {
        "name": "task under test",
        "pinpoint.sms_voice.phone_number": dict(name="{{ item }}", **REQUEST_ARGS),
        "loop": names,
    }
    return [{"hosts": "localhost", "gather_facts": False, "tasks": [task]}]


def bench_writes(server, overlaps=(8, 16)):
    """Writes by name at the published quotas (emulator and module at quota_scale 1), each measured."""
    rows = []

    def row(title, calls, seconds, floor, failed=0):
        made, throttled = served(calls)
        rows.append((title, made, throttled, seconds, floor, failed))

    for count in (100, 1000):
        account(server, count)
        start = time.perf_counter()
        run = run_task(server, "phone_number", dict(name="new", **REQUEST_ARGS), extra_env=PUBLISHED_ENV)
        if run.failed or not run.changed:
            raise SystemExit("request among {0}: {1}".format(count, run.result.get("msg")))
        row("request by name among {0:,}".format(count), run.calls, time.perf_counter() - start, request_floor(count))
    account(server, 999)
    named(server.client(), "bye")
    start = time.perf_counter()
    run = run_task(server, "phone_number", dict(name="bye", state="absent"), extra_env=PUBLISHED_ENV)
    if run.failed or not run.changed:
        raise SystemExit("release among 1,000: {0}".format(run.result.get("msg")))
    row("release by name among 1,000", run.calls, time.perf_counter() - start, release_floor(1000))

    account(server, 300)
    names = ["loop-{0}".format(i) for i in range(20)]
    for label, floor in (
        ("first run", sum(request_floor(300 + i) for i in range(20))),
        ("converged re-run", 2 * len(names)),
    ):
        start = time.perf_counter()
        records, _operations, calls, proc = run_playbook(server, loop_play(names), extra_env=PUBLISHED_ENV)
        failed = [r for r in records if r["status"] == "failed"]
        if proc.returncode or failed:
            raise SystemExit("loop of 20 ({0}): rc {1}\n{2}".format(label, proc.returncode, proc.stdout[-2000:]))
        row("loop of 20 names among 300, " + label, calls, time.perf_counter() - start, floor)

    for runs in overlaps:
        account(server, 300)
        server.fault("RequestPhoneNumber", "latency", count=runs, seconds=6.0)
        before = len(server.calls())
        start = time.perf_counter()
        started = [
            StartedTask(server, "phone_number", dict(name="overlap", **REQUEST_ARGS), PUBLISHED_ENV)
            for _run in range(runs)
        ]
        results = [task.wait(timeout=3600) for task in started]
        seconds = time.perf_counter() - start
        failed = sum(1 for r in results if r.failed)
        leased = {r.number["phone_number_id"] for r in results if not r.failed and r.number}
        if len(leased) > 1:
            raise SystemExit("{0} overlapping runs leased {1} numbers".format(runs, len(leased)))
        row(
            "{0} overlapping requests, 300 numbers".format(runs),
            server.calls()[before:],
            seconds,
            runs * request_floor(300),
            failed,
        )
    fresh(server)
    width = max(len(r[0]) for r in rows)
    print("\nWrites by name at the published quotas (1 call per second per operation; GetResources 15/s), through")
    print("ansible-playbook (start-up included): calls served, throttled attempts, wall seconds, the floor of calls")
    print("the APIs allow for the same outcome (see request_floor, release_floor), and failed runs.")
    print(
        "{0}  {1:>6}  {2:>5}  {3:>8}  {4:>6}  {5:>6}".format(
            "scenario".ljust(width), "calls", "thr", "seconds", "floor", "failed"
        )
    )
    for title, made, throttled, seconds, floor, failed in rows:
        print(
            "{0}  {1:>6}  {2:>5}  {3:>8.1f}  {4:>6}  {5:>6}".format(
                title.ljust(width), made, throttled, seconds, floor, failed
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


def ours(client, with_tags, tagging=None):
    # The wall-time comparison with a plain boto3 loop runs without quotas: no pacing either.
    unpaced = Pacer(scale=1e9)
    api = Api(client, unpaced, tagging=(lambda: tagging) if tagging is not None else None)
    return find_phone_numbers({"include_tags": with_tags}, PhoneNumberReader(api))


def measure_child(url, reader, with_tags):
    """In a fresh process: run one reader once; print wall seconds, peak RSS and the count as JSON."""
    import resource

    handle = EmulatorHandle(url)
    client = handle.client(max_pool_connections=16)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if reader == "loop":
        result = baseline(client, with_tags)
    else:
        result = ours(client, with_tags, handle.tagging_client(max_pool_connections=16))
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
    fresh(server)
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
    parser.add_argument("--skip-calls", action="store_true", help="skip the calls-per-task table")
    parser.add_argument("--skip-tagging", action="store_true", help="skip the finding-by-tag table")
    parser.add_argument("--skip-info", action="store_true", help="skip the reader vs boto3 loop table")
    parser.add_argument("--skip-writes", action="store_true", help="skip the writes-by-name table")
    parser.add_argument("--only-writes", action="store_true", help="run only the writes-by-name table")
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
    fresh(server)
    try:
        if args.only_writes:
            bench_writes(server)
            return
        if not args.skip_calls:
            bench_calls(server)
        if not args.skip_tagging:
            bench_tagging(server)
        if not args.skip_writes:
            bench_writes(server)
        if not args.skip_info:
            bench_info(server, args.numbers)
    finally:
        process.stop()


if __name__ == "__main__":
    main()
