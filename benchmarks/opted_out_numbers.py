"""Calls and emulator-clock seconds of putting opted-out numbers on a list, and of the converged re-run. Prints a table.

Creates an opt-out list, then runs ``opt_out_list`` with ``--numbers`` E.164
numbers through ansible-playbook twice against the emulator server, with the
request quotas on in both the emulator and the module at ``--quota-scale``
(1: the published quotas, PutOptedOutNumber and DescribeOptedOutNumbers 1 a
second). The first run puts every number (one PutOptedOutNumber each: the API
has no batch call); the re-run only reads the list's entries, 100 a page.
Seconds are the emulator's clock (``POST /_emulator/clock`` with no advance)
before and after each run, ansible-playbook's start-up included.

Run: .venv/bin/python benchmarks/opted_out_numbers.py [--numbers 1000] [--quota-scale 1]
"""

from __future__ import annotations

import argparse
import collections

import collection_path  # noqa: F401  # pylint: disable=unused-import  # the collection and tests importable

from tests.emulator import EmulatorHandle, start_subprocess
from tests.integration.harness import run_task


def timed(server, args, scale):
    """(TaskRun, emulator-clock seconds) of one run of opt_out_list."""
    start = server.advance_clock(0)
    env = dict(SMS_VOICE_QUOTA_SCALE=str(scale))
    run = run_task(server, "opt_out_list", args, diff=False, extra_env=env, timeout=3 * 3600)
    seconds = server.advance_clock(0) - start
    assert not run.failed, run.result.get("msg")
    return run, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=1000, help="opted-out numbers to put on the list")
    parser.add_argument(
        "--quota-scale", type=float, default=1.0, help="request quotas multiplied by this (1: published)"
    )
    args = parser.parse_args()
    process = start_subprocess()
    server = EmulatorHandle(process.url)
    rows = []
    try:
        server.reset()
        server.config(quotas=True, quota_scale=args.quota_scale)
        server.client().create_opt_out_list(OptOutListName="benchmark")
        task = dict(name="benchmark", opted_out_numbers=["+1206{0:07d}".format(i) for i in range(args.numbers)])
        for title in ("put {0:,} numbers".format(args.numbers), "converged re-run"):
            run, seconds = timed(server, task, args.quota_scale)
            served = [c for c in run.calls if not c["error"]]
            throttled = len(run.calls) - len(served)
            rows.append((title, run.changed, len(served), throttled, seconds, [c["operation"] for c in served]))
    finally:
        process.stop()
    print(
        "opt_out_list with {0:,} opted-out numbers, quota_scale {1:g} (emulator and module)".format(
            args.numbers, args.quota_scale
        )
    )
    print("| run | changed | calls | throttled | emulator-clock seconds | calls by operation |")
    print("|---|---|---|---|---|---|")
    for title, changed, calls, throttled, seconds, operations in rows:
        by_op = ", ".join("{0} {1}".format(op, n) for op, n in sorted(collections.Counter(operations).items()))
        print("| {0} | {1} | {2} | {3} | {4:.1f} | {5} |".format(title, changed, calls, throttled, seconds, by_op))


if __name__ == "__main__":
    main()
