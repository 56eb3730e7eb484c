"""One number per name when runs overlap, are killed and retried, or release together.

These start several real ``ansible-playbook`` runs of one task at once against
the emulator server, with hundreds of other numbers in the account, as
pipelines do. A ``latency`` fault holds the first calls of an operation so
that the runs really overlap: every run has looked the name up and found
nothing before any of them has leased a number.
"""

from __future__ import annotations

import re
import time

import pytest

from .harness import StartedTask, run_task, run_tasks_at_once
from .inprocess import run_module_inprocess

SIMULATOR = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"], number_type="SIMULATOR"
)
SEEDED = 300
HOLD_SECONDS = 6.0


def live_named(client, name):
    found = []
    for page in client.get_paginator("describe_phone_numbers").paginate():
        for number in page["PhoneNumbers"]:
            if number["Status"] == "DELETED":
                continue
            tags = client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])["Tags"]
            if {"Key": "Name", "Value": name} in tags:
                found.append(number)
    return found


def calls_of(emulator, operation):
    return [c for c in emulator.calls() if c["operation"] == operation]


def conn(emulator):
    return dict(region="us-east-1", endpoint_url=emulator.url, access_key="testing", secret_key="testing")


@pytest.mark.parametrize("runs", [2, 4])
def test_overlapping_runs_of_one_request_task_lease_one_number_and_all_return_it(emulator, runs, capsys):
    emulator.seed(SEEDED, Tags=[{"Key": "Name", "Value": "seeded-{i}"}])
    emulator.fault("RequestPhoneNumber", "latency", count=runs, seconds=HOLD_SECONDS)
    # No retry settings of the task's own: throttling between the runs is waited out within throttle_timeout.
    args = dict(name="overlap", tags={"team": "ops"}, **SIMULATOR)

    results = run_tasks_at_once(emulator, "phone_number", args, runs)

    assert [r.failed for r in results] == [False] * runs, [r.result.get("msg") for r in results]
    ids = {r.number["phone_number_id"] for r in results}
    named = live_named(emulator.client(), "overlap")
    assert len(named) == 1
    assert ids == {named[0]["PhoneNumberId"]}
    requests = calls_of(emulator, "RequestPhoneNumber")
    # The runs overlapped: more than one of them found no number and asked for one.
    assert len(requests) >= 2
    assert len({c["params"]["ClientToken"] for c in requests}) == 1
    with capsys.disabled():
        print(
            "\noverlap: {0} runs, {1} overlapping requests, {2} lease(s), {3} duplicates".format(
                runs, len(requests), len(named), len(named) - 1
            )
        )


def test_eight_runs_at_the_published_quotas_all_converge_on_one_number_without_failing_on_throttling(emulator):
    # The published quotas on both sides (the emulator's, and the rates the modules pace to), no retry
    # settings of the task's own: the runs share each operation's 1 request per second, and every
    # throttled call is waited out within throttle_timeout.
    runs = 8
    emulator.config(quotas=True, quota_scale=1)
    emulator.seed(SEEDED, Tags=[{"Key": "Name", "Value": "seeded-{i}"}])
    args = dict(name="overlap8", tags={"team": "ops"}, **SIMULATOR)

    start = time.monotonic()
    results = run_tasks_at_once(emulator, "phone_number", args, runs, extra_env={"SMS_VOICE_QUOTA_SCALE": "1"})
    seconds = time.monotonic() - start

    assert [r.status for r in results if r.status not in ("ok", "changed")] == [], [
        r.result.get("msg") for r in results
    ]
    assert not any(r.failed for r in results)
    calls = emulator.calls()
    throttled = [c for c in calls if c["error"] in ("ThrottlingException", "ThrottledException")]
    # The runs really contended for the quota: the service refused some of their calls.
    assert throttled, "no call was throttled: the runs did not overlap"
    emulator.config(quotas=False)  # the check below reads every number's tags
    named = live_named(emulator.client(), "overlap8")
    assert len(named) == 1
    assert {r.number["phone_number_id"] for r in results} == {named[0]["PhoneNumberId"]}
    requests = [c for c in calls if c["operation"] == "RequestPhoneNumber" and c["error"] is None]
    assert len({c["params"]["ClientToken"] for c in requests}) == 1
    print(
        "\noverlap at the published quotas: {0} runs, {1:.0f} s, {2} calls, {3} throttled".format(
            runs, seconds, len(calls), len(throttled)
        )
    )


def test_throttling_longer_than_throttle_timeout_fails_naming_the_operation_and_the_time(emulator):
    emulator.seed(3)
    emulator.fault("DescribePhoneNumbers", "throttle", count=100000)
    start = time.monotonic()
    run = run_task(emulator, "phone_number", dict(name="never", throttle_timeout=2, **SIMULATOR))
    seconds = time.monotonic() - start

    assert run.failed and not run.changed
    match = re.match(
        r"DescribePhoneNumbers was throttled for (\d+) s, longer than throttle_timeout \(2 s\)", run.result["msg"]
    )
    assert match, run.result["msg"]
    assert 2 <= int(match.group(1)) <= seconds
    assert run.result["operation"] == "DescribePhoneNumbers"
    assert run.result["error"]["code"] == "ThrottlingException"
    assert run.mutating == []
    describes = [c for c in run.calls if c["operation"] == "DescribePhoneNumbers"]
    # botocore's 6 attempts, then the module's own retries for the rest of the 2 s (if any was left).
    assert len(describes) >= 6
    assert all(c["error"] == "ThrottlingException" for c in describes)


def test_throttle_timeout_from_the_environment_is_checked_naming_the_option(emulator):
    run = run_task(
        emulator, "phone_number", dict(name="x", **SIMULATOR), extra_env={"SMS_VOICE_THROTTLE_TIMEOUT": "-5"}
    )
    assert run.failed and not run.changed
    assert "throttle_timeout must be a number of seconds, 0 or more" in run.result["msg"]
    assert run.operations == []


def test_run_killed_during_request_then_retried_at_once_leases_one_number(emulator):
    emulator.seed(SEEDED, Tags=[{"Key": "Name", "Value": "seeded-{i}"}])
    emulator.fault("RequestPhoneNumber", "latency", count=1, seconds=HOLD_SECONDS)
    args = dict(name="killed", **SIMULATOR)

    first = StartedTask(emulator, "phone_number", args)
    deadline = time.monotonic() + 120
    while emulator.faults():  # the fault is taken when the request arrives: the run is now held in it
        assert first.proc.poll() is None, "the first run ended before it reached RequestPhoneNumber"
        assert time.monotonic() < deadline, "the first run never reached RequestPhoneNumber"
        time.sleep(0.2)
    first.kill()
    retry = run_task(emulator, "phone_number", args)
    assert not retry.failed, retry.result.get("msg")
    assert retry.changed

    # The killed run's request is still carried out by the service once its hold ends.
    time.sleep(HOLD_SECONDS)
    requests = calls_of(emulator, "RequestPhoneNumber")
    assert len(requests) == 2
    assert requests[0]["params"]["ClientToken"] == requests[1]["params"]["ClientToken"]
    named = live_named(emulator.client(), "killed")
    assert [n["PhoneNumberId"] for n in named] == [retry.number["phone_number_id"]]
    again = run_task(emulator, "phone_number", args)
    assert not again.failed and not again.changed


def test_concurrent_releases_of_one_number_all_succeed(emulator):
    emulator.seed(SEEDED, Tags=[{"Key": "Name", "Value": "seeded-{i}"}])
    [number_id] = emulator.seed(1, Tags=[{"Key": "Name", "Value": "gone"}])
    runs = 3
    emulator.fault("ReleasePhoneNumber", "latency", count=runs, seconds=HOLD_SECONDS)

    results = run_tasks_at_once(emulator, "phone_number", dict(name="gone", state="absent"), runs)

    assert [r.failed for r in results] == [False] * runs, [r.result.get("msg") for r in results]
    assert live_named(emulator.client(), "gone") == []
    releases = calls_of(emulator, "ReleasePhoneNumber")
    assert len(releases) >= 2, "the runs did not overlap"
    assert [c["error"] for c in releases].count(None) == 1
    assert all(c["params"]["PhoneNumberId"] == number_id for c in releases)
    for r in results:
        assert r.number["phone_number_id"] == number_id
        assert r.number["status"] == "DELETED"


def test_name_released_then_requested_again_gets_a_new_number_not_the_replayed_one(emulator):
    args = dict(name="again", **SIMULATOR, **conn(emulator))
    first = run_module_inprocess("phone_number", args)
    assert not first["failed"], first["msg"]
    released = run_module_inprocess("phone_number", dict(args, state="absent"))
    assert not released["failed"] and released["changed"]

    start = len(emulator.calls())
    second = run_module_inprocess("phone_number", args)

    assert not second["failed"], second["msg"]
    assert second["changed"]
    old_id, new_id = first["phone_number"]["phone_number_id"], second["phone_number"]["phone_number_id"]
    assert new_id != old_id
    assert second["phone_number"]["status"] == "ACTIVE"
    assert [n["PhoneNumberId"] for n in live_named(emulator.client(), "again")] == [new_id]
    first_token = next(c for c in emulator.calls()[:start] if c["operation"] == "RequestPhoneNumber")["params"][
        "ClientToken"
    ]
    tokens = [c["params"]["ClientToken"] for c in emulator.calls()[start:] if c["operation"] == "RequestPhoneNumber"]
    # The first request replayed the released number (the first run's token); the second used the next token.
    assert len(tokens) == 2
    assert tokens[0] == first_token and tokens[1] != first_token
    # Converged: the same task again leases nothing.
    third = run_module_inprocess("phone_number", args)
    assert not third["failed"] and not third["changed"]
    assert third["phone_number"]["phone_number_id"] == new_id


def test_overlapping_requests_with_other_settings_for_one_name_fail_naming_the_duplicate(emulator):
    # Another task (other settings: another token) leased a number of this name while this run was requesting.
    emulator.fault("RequestPhoneNumber", "latency", count=1, seconds=HOLD_SECONDS)
    args = dict(name="twice", tags={"team": "a"}, **SIMULATOR, **conn(emulator))
    started = StartedTask(emulator, "phone_number", {k: v for k, v in args.items() if k not in conn(emulator)})
    deadline = time.monotonic() + 120
    while emulator.faults():
        assert time.monotonic() < deadline
        time.sleep(0.2)
    other = run_module_inprocess("phone_number", dict(args, tags={"team": "b"}))
    held = started.wait()

    assert not other["failed"], other["msg"]
    assert held.failed
    assert held.result["changed"] is True
    assert "also has that name" in held.result["msg"]
    named = {n["PhoneNumberId"] for n in live_named(emulator.client(), "twice")}
    assert len(named) == 2
    assert held.result["duplicates"] == [other["phone_number"]["phone_number_id"]]
    assert {held.result["phone_number_id"], other["phone_number"]["phone_number_id"]} == named


def test_request_after_the_token_lifetime_leases_a_new_number_with_the_first_token(emulator):
    if "client_token_ttl_seconds" not in emulator.config():
        pytest.skip("this emulator keeps client tokens for ever (no client_token_ttl_seconds setting)")
    ttl = emulator.config()["client_token_ttl_seconds"]
    args = dict(name="later", **SIMULATOR, **conn(emulator))
    first = run_module_inprocess("phone_number", args)
    assert not run_module_inprocess("phone_number", dict(args, state="absent"))["failed"]
    emulator.advance_clock(ttl + 1)

    start = len(emulator.calls())
    second = run_module_inprocess("phone_number", args)

    assert not second["failed"], second["msg"]
    assert second["phone_number"]["phone_number_id"] != first["phone_number"]["phone_number_id"]
    # The service forgot the token: the first request leases at once, no replay to step over.
    assert [c["operation"] for c in emulator.calls()[start:]].count("RequestPhoneNumber") == 1
