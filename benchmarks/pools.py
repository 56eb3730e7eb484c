"""Calls the pool modules make in an account with many pools, against the emulator server. Prints a table.

Seeds ``--pools`` pools (each founded by a number of its own, tagged Name),
then runs through ansible-playbook, counting the calls the emulator recorded:

- a converged ``pool`` task by name (its tags, numbers and keywords unchanged),
  with the Resource Groups Tagging API (the index) and without it;
- ``pool_info`` with tags over every pool, with the index and without it.

Request quotas are off (calls are counted, not timed); the seconds column is
what the calls take at the published quota of 1 call per second per operation
(GetResources: 15), as the modules pace themselves.

Run: .venv/bin/python benchmarks/pools.py [--pools 100]
"""

from __future__ import annotations

import argparse
import collections
import math

import collection_path  # noqa: F401  # pylint: disable=unused-import  # the collection and tests importable

from tests.emulator import EmulatorHandle, start_subprocess
from tests.integration.harness import run_task

SIMULATOR = dict(IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR")
RATES = {"GetResources": 15.0}


def seconds_at_quota(operations):
    """The slowest operation's calls at its published quota (the modules pace each operation on its own)."""
    counts = collections.Counter(operations)
    return max((max(count - 1, 0) / RATES.get(op, 1.0) for op, count in counts.items()), default=0.0)


def seed(server, count):
    client = server.client()
    for index in range(count):
        number = client.request_phone_number(**SIMULATOR)["PhoneNumberId"]
        client.create_pool(
            OriginationIdentity=number,
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
            Tags=[{"Key": "Name", "Value": "pool-{0}".format(index)}, {"Key": "team", "Value": "ops"}],
        )
    return client


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pools", type=int, default=100, help="pools in the account (the emulator allows 100)")
    args = parser.parse_args()
    process = start_subprocess()
    server = EmulatorHandle(process.url)
    try:
        server.reset()
        server.config(quotas=False)
        seed(server, args.pools)
        name = "pool-{0}".format(args.pools // 2)
        rows = []
        for index in (True, False):
            run = run_task(server, "pool", dict(name=name, use_tagging_api=index, tags={"team": "ops"}))
            assert not run.failed and not run.changed, run.result.get("msg")
            rows.append(("converged pool task by name", index, run.operations))
            run = run_task(server, "pool_info", dict(use_tagging_api=index))
            assert not run.failed and len(run.result["pools"]) == args.pools, run.result.get("msg")
            rows.append(("pool_info with tags over every pool", index, run.operations))
    finally:
        process.stop()
    print("pinpoint.sms_voice pool benchmarks: {0} pools, calls recorded by the emulator".format(args.pools))
    print("| case | tagging API | calls | seconds at the published quotas | calls by operation |")
    print("|---|---|---|---|---|")
    for title, index, operations in rows:
        by_op = ", ".join("{0} {1}".format(op, n) for op, n in sorted(collections.Counter(operations).items()))
        print(
            "| {0} | {1} | {2} | {3} | {4} |".format(
                title, "on" if index else "off", len(operations), math.ceil(seconds_at_quota(operations)), by_op
            )
        )


if __name__ == "__main__":
    main()
