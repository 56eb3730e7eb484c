"""Reliability: faults on every operation, a randomized soak, bad input, secrets, release safety.

The fault matrix and the soak run the modules' real code in this process
(``inprocess.py``) against the emulator *server*, so throttling, 5xx answers,
latency and connections dropped after the server acted are real HTTP events
handled by botocore's own retries. botocore's backoff delay is shortened here:
these tests are about convergence, not about how long the backoff sleeps.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.emulator_tests.helpers import SETTLED_SECONDS

from .harness import run_task
from .inprocess import run_module_inprocess

SIM = dict(
    IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"], NumberType="SIMULATOR"
)
TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-replies"
ROLE = "arn:aws:iam::123456789012:role/SmsVoiceTwoWay"


@pytest.fixture
def fast_backoff(monkeypatch):
    from botocore.retries import standard

    monkeypatch.setattr(standard.ExponentialBackoff, "delay_amount", lambda self, context: 0.01)


def conn(emulator):
    return dict(region="us-east-1", endpoint_url=emulator.url, access_key="testing", secret_key="testing")


def live(client):
    numbers = []
    for page in client.get_paginator("describe_phone_numbers").paginate():
        numbers.extend(n for n in page["PhoneNumbers"] if n["Status"] != "DELETED")
    return numbers


def named(client, name):
    found = []
    for n in live(client):
        tags = {t["Key"]: t["Value"] for t in client.list_tags_for_resource(ResourceArn=n["PhoneNumberArn"])["Tags"]}
        if tags.get("Name") == name:
            found.append((n, tags))
    return found


def keywords(client, number_id):
    return {
        k["Keyword"]: (k["KeywordMessage"], k["KeywordAction"])
        for k in client.describe_keywords(OriginationIdentity=number_id)["Keywords"]
    }


# -- scenarios: setup(emulator) then one task; check(client) verifies the end state -------------


def setup_request(emulator):
    client = emulator.client()
    client.request_phone_number(Tags=[{"Key": "Name", "Value": "other"}], **SIM)


def task_request():
    return "phone_number", dict(
        name="x",
        iso_country_code="US",
        message_type="TRANSACTIONAL",
        number_capabilities=["SMS", "VOICE"],
        number_type="SIMULATOR",
        two_way_enabled=True,
        two_way_channel_arn=TOPIC,
        tags={"team": "ops"},
        keywords=[{"keyword": "JOIN", "reply": "Welcome", "action": "OPT_IN"}],
    )


def check_request(client):
    [(number, tags)] = named(client, "x")
    assert tags == {"Name": "x", "team": "ops"}
    assert number["TwoWayEnabled"] is True and number["TwoWayChannelArn"] == TOPIC
    assert keywords(client, number["PhoneNumberId"])["JOIN"] == ("Welcome", "OPT_IN")


def setup_retag(emulator):
    client = emulator.client()
    number = client.request_phone_number(
        Tags=[{"Key": "Name", "Value": "x"}, {"Key": "a", "Value": "1"}, {"Key": "old", "Value": "2"}], **SIM
    )
    client.put_keyword(OriginationIdentity=number["PhoneNumberId"], Keyword="OLD", KeywordMessage="old")


def task_retag():
    return "phone_number", dict(
        name="x",
        deletion_protection_enabled=True,
        tags={"a": "1", "new": "3"},
        keywords=[{"keyword": "HELP", "reply": "Help is here"}],
        purge_keywords=True,
    )


def check_retag(client):
    [(number, tags)] = named(client, "x")
    assert tags == {"Name": "x", "a": "1", "new": "3"}
    assert number["DeletionProtectionEnabled"] is True
    kws = keywords(client, number["PhoneNumberId"])
    assert set(kws) == {"STOP", "HELP"} and kws["HELP"][0] == "Help is here"


def setup_move(emulator):
    client = emulator.client()
    anchor = client.request_phone_number(**SIM)["PhoneNumberId"]
    other = client.request_phone_number(**SIM)["PhoneNumberId"]
    pool_a = client.create_pool(OriginationIdentity=anchor, IsoCountryCode="US", MessageType="TRANSACTIONAL")["PoolId"]
    client.create_pool(
        OriginationIdentity=other,
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        Tags=[{"Key": "Name", "Value": "b"}],
    )
    emulator.advance_clock(SETTLED_SECONDS)  # both pools ACTIVE, and ListPoolOriginationIdentities shows them
    client.request_phone_number(PoolId=pool_a, Tags=[{"Key": "Name", "Value": "x"}], **SIM)


def pool_b(client):
    for pool in client.describe_pools()["Pools"]:
        tags = client.list_tags_for_resource(ResourceArn=pool["PoolArn"])["Tags"]
        if {"Key": "Name", "Value": "b"} in tags:
            return pool["PoolId"]
    raise AssertionError("pool b is missing")


def check_move(client):
    [(number, _tags)] = named(client, "x")
    assert number["PoolId"] == pool_b(client)


def setup_release(emulator):
    client = emulator.client()
    client.request_phone_number(DeletionProtectionEnabled=True, Tags=[{"Key": "Name", "Value": "x"}], **SIM)


def task_release():
    return "phone_number", dict(name="x", state="absent", deletion_protection_enabled=False)


def check_release(client):
    assert named(client, "x") == []


def setup_info(emulator):
    client = emulator.client()
    for i in range(3):
        client.request_phone_number(Tags=[{"Key": "Name", "Value": "i{0}".format(i)}], **SIM)


def task_info():
    return "phone_number_info", dict(include_keywords=True)


SENDER = dict(SenderId="BRAND", IsoCountryCode="GB")


def task_sender_request():
    return "sender_id", dict(
        sender_id="BRAND", iso_country_code="GB", deletion_protection_enabled=True, tags={"a": "1"}
    )


def senders(client):
    return [
        (s["SenderId"], s["IsoCountryCode"], s["DeletionProtectionEnabled"])
        for s in client.describe_sender_ids()["SenderIds"]
    ]


def check_sender_request(client):
    assert senders(client) == [("BRAND", "GB", True)]


def setup_sender_release(emulator):
    emulator.client().request_sender_id(DeletionProtectionEnabled=True, **SENDER)


def task_sender_release():
    return "sender_id", dict(
        sender_id="BRAND", iso_country_code="GB", deletion_protection_enabled=False, state="absent"
    )


def check_sender_release(client):
    assert senders(client) == []


SCENARIOS = {
    "request": (
        setup_request,
        task_request,
        check_request,
        # The name is proven free in pages (the other number's tags from the index), and the new number's
        # tags come with the answer to the request: no ListTagsForResource.
        [
            "DescribePhoneNumbers",
            "GetResources",
            "DescribeAccountLimits",
            "RequestPhoneNumber",
            "UpdatePhoneNumber",
            "PutKeyword",
        ],
    ),
    "retag": (
        setup_retag,
        task_retag,
        check_retag,
        [
            "GetResources",
            "DescribePhoneNumbers",
            "ListTagsForResource",
            "DescribeKeywords",
            "UpdatePhoneNumber",
            "UntagResource",
            "TagResource",
            "DeleteKeyword",
            "PutKeyword",
        ],
    ),
    "move": (
        setup_move,
        None,
        check_move,
        [
            "ListPoolOriginationIdentities",
            "DescribePools",
            "DisassociateOriginationIdentity",
            "AssociateOriginationIdentity",
        ],
    ),
    "release": (
        setup_release,
        task_release,
        check_release,
        ["DescribePhoneNumbers", "UpdatePhoneNumber", "ReleasePhoneNumber"],
    ),
    "sender-request": (
        lambda emulator: None,
        task_sender_request,
        check_sender_request,
        ["DescribeSenderIds", "DescribeAccountLimits", "RequestSenderId"],
    ),
    "sender-release": (
        setup_sender_release,
        task_sender_release,
        check_sender_release,
        ["DescribeSenderIds", "ListTagsForResource", "UpdateSenderId", "ReleaseSenderId"],
    ),
    # The tags of several numbers come from the tag index (GetResources), not one ListTagsForResource each.
    "info": (setup_info, task_info, None, ["DescribePhoneNumbers", "GetResources", "DescribeKeywords"]),
}
FAULTS = {
    "throttle": dict(kind="throttle", count=3),
    "server_error": dict(kind="server_error", count=2),
    "latency": dict(kind="latency", count=2, seconds=0.3),
    "drop_after": dict(kind="drop_after", count=1),
}
MATRIX = [(scenario, op, fault) for scenario, (*_rest, ops) in SCENARIOS.items() for op in ops for fault in FAULTS]


@pytest.mark.parametrize(("scenario", "operation", "fault"), MATRIX, ids=["-".join(m) for m in MATRIX])
def test_task_converges_under_fault(emulator, fast_backoff, scenario, operation, fault):
    setup, task, check, _ops = SCENARIOS[scenario]
    client = emulator.client()
    setup(emulator)
    if task is None:  # the move scenario needs the pool's ID
        module, args = "phone_number", dict(name="x", pool_id=pool_b(client))
    else:
        module, args = task()
    emulator.fault(operation, **FAULTS[fault])
    result = run_module_inprocess(module, dict(args, **conn(emulator)))
    assert not result["failed"], result["msg"]
    faulted = [c for c in emulator.calls() if c["operation"] == operation]
    assert faulted, "{0} was not called, so the fault was not exercised".format(operation)
    if fault != "latency":
        assert any(c["error"] for c in faulted), "the fault on {0} did not fire".format(operation)
    if check is not None:
        check(client)
    else:
        assert len(result["phone_numbers"]) == 3
        assert all(n["keywords"] and n["tags"]["Name"].startswith("i") for n in result["phone_numbers"])
    # Converged: the same task again only reads.
    again = run_module_inprocess(module, dict(args, **conn(emulator)))
    assert not again["failed"] and not again["changed"]


def test_throttling_beyond_botocores_retry_budget_is_retried_with_the_same_token_and_leases_one_number(
    emulator, fast_backoff
):
    module, args = task_request()
    # A small budget keeps the real backoff short: max_attempts counts retries, so 3 attempts in all.
    args["aws_config"] = {"retries": {"max_attempts": 2}}
    emulator.fault("RequestPhoneNumber", "throttle", count=5)
    run = run_task(emulator, module, args)
    assert not run.failed, run.result.get("msg")
    requests = [c for c in run.calls if c["operation"] == "RequestPhoneNumber"]
    assert [c["error"] for c in requests] == ["ThrottlingException"] * 5 + [None]
    # botocore gave up after 3 attempts; the module called again with the same idempotency token.
    assert len({c["params"]["ClientToken"] for c in requests}) == 1
    assert len(live(emulator.client())) == 1
    check_request(emulator.client())


def test_drop_after_beyond_retry_budget_still_leases_one_number(emulator, fast_backoff):
    module, args = task_request()
    emulator.fault("RequestPhoneNumber", "drop_after", count=6)
    first = run_module_inprocess(module, dict(args, **conn(emulator)))
    assert first["failed"]
    assert "RequestPhoneNumber" in first["msg"]
    assert len(live(emulator.client())) == 1
    again = run_module_inprocess(module, dict(args, **conn(emulator)))
    assert not again["failed"], again["msg"]
    check_request(emulator.client())
    assert len(live(emulator.client())) == 1


# -- soak -----------------------------------------------------------------------------------------

SOAK_SEED = 20261126
SOAK_ITERATIONS = 200
SOAK_NAMES = ["s0", "s1", "s2", "s3"]
SOAK_OPS = ["DescribePhoneNumbers", "ListTagsForResource"]  # every task calls these
ACTION_OPS = {  # the writes each kind of task may make
    "request": ["RequestPhoneNumber"],
    "update": ["RequestPhoneNumber", "UpdatePhoneNumber"],
    "tag": ["UpdatePhoneNumber", "TagResource", "UntagResource"],
    "release": ["UpdatePhoneNumber", "ReleasePhoneNumber"],
}


SOAK_OVERLAP_SHARE = 0.25  # of the iterations, how many start 2 to 4 runs of the task at once
SOAK_OVERLAP_HOLD = 0.3  # seconds each run's first lookup is held, so the runs see the same state


def run_at_once(module, args, count):
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _i: run_module_inprocess(module, dict(args)), range(count)))


def test_soak_random_tasks_under_random_faults_keep_state_as_desired(emulator, fast_backoff, capsys):
    rng = random.Random(SOAK_SEED)
    client = emulator.client()
    desired = {}  # name -> {"tags": {...}, "dp": bool} for numbers that should exist
    counts = {
        "tasks": 0,
        "runs": 0,
        "faults": 0,
        "failed_then_retried": 0,
        "overlaps": 0,
        "overlapping_requests": 0,
        "overlapping_releases": 0,
        "duplicates": 0,
    }
    leased = set()
    failures = []
    for _iteration in range(SOAK_ITERATIONS):
        name = rng.choice(SOAK_NAMES)
        action = rng.choice(["request", "update", "tag", "release"])
        if action == "release":
            args = dict(name=name, state="absent", deletion_protection_enabled=False)
        else:
            args = dict(
                name=name,
                iso_country_code="US",
                message_type="TRANSACTIONAL",
                number_capabilities=["SMS"],
                number_type="SIMULATOR",
            )
            if action in ("update", "tag"):
                args["deletion_protection_enabled"] = rng.random() < 0.5
            if action == "tag":
                args["tags"] = {"k{0}".format(i): str(rng.randint(0, 3)) for i in range(rng.randint(0, 3))}
        # A fault waits for its operation; one the last task did not reach is dropped,
        # so that bursts stay within the retry budget.
        emulator.clear_faults()
        counts["tasks"] += 1
        if rng.random() < SOAK_OVERLAP_SHARE:
            # Overlapping runs of one task (pipelines started together): none may fail.
            runs = rng.randint(2, 4)
            counts["overlaps"] += 1
            counts["runs"] += runs
            emulator.fault("DescribePhoneNumbers", "latency", count=runs, seconds=SOAK_OVERLAP_HOLD)
            start = len(emulator.calls())
            results = run_at_once("phone_number", dict(args, **conn(emulator)), runs)
            assert [r["failed"] for r in results] == [False] * runs, [r.get("msg") for r in results]
            ops = [c["operation"] for c in emulator.calls()[start:]]
            counts["overlapping_requests"] += max(ops.count("RequestPhoneNumber") - 1, 0)
            counts["overlapping_releases"] += max(ops.count("ReleasePhoneNumber") - 1, 0)
            if action != "release":
                assert len({r["phone_number"]["phone_number_id"] for r in results}) == 1
        else:
            if rng.random() < 0.5:
                counts["faults"] += 1
                kind = rng.choice(["throttle", "server_error", "drop_after", "latency"])
                emulator.fault(
                    rng.choice(SOAK_OPS[:2] + ACTION_OPS[action]), kind, count=rng.randint(1, 2), seconds=0.05
                )
            result = run_module_inprocess("phone_number", dict(args, **conn(emulator)))
            counts["runs"] += 1
            if result["failed"]:
                # Only a fault may fail a task, and then a re-run must converge.
                counts["failed_then_retried"] += 1
                counts["runs"] += 1
                failures.append(result["msg"])
                result = run_module_inprocess("phone_number", dict(args, **conn(emulator)))
                assert not result["failed"], result["msg"]
        if action == "release":
            desired.pop(name, None)
        else:
            entry = desired.setdefault(name, {"tags": {"Name": name}, "dp": False})
            if "deletion_protection_enabled" in args:
                entry["dp"] = args["deletion_protection_enabled"]
            if "tags" in args:
                entry["tags"] = dict(args["tags"], Name=name)
        # After each task: one number per desired name, none orphaned, settings and tags as asked.
        numbers = live(client)
        by_name = {}
        for n in numbers:
            leased.add(n["PhoneNumberId"])
            tags = {
                t["Key"]: t["Value"] for t in client.list_tags_for_resource(ResourceArn=n["PhoneNumberArn"])["Tags"]
            }
            assert tags.get("Name") in desired, "orphaned number {0} tagged {1}".format(n["PhoneNumberId"], tags)
            if tags["Name"] in by_name:
                counts["duplicates"] += 1
            by_name[tags["Name"]] = (n, tags)
        assert counts["duplicates"] == 0, "a name is leased twice"
        assert set(by_name) == set(desired)
        for key, want in desired.items():
            n, tags = by_name[key]
            assert tags == want["tags"]
            assert n["DeletionProtectionEnabled"] is want["dp"]
    with capsys.disabled():
        print(
            "\nsoak: seed {0}, {1} tasks in {2} runs; {3} overlaps (2 to 4 runs at once) with {4} overlapping "
            "requests and {5} overlapping releases; {6} leases, {7} duplicates; {8} tasks with an injected fault, "
            "{9} failed and converged on re-run, {10} numbers at the end".format(
                SOAK_SEED,
                counts["tasks"],
                counts["runs"],
                counts["overlaps"],
                counts["overlapping_requests"],
                counts["overlapping_releases"],
                len(leased),
                counts["duplicates"],
                counts["faults"],
                counts["failed_then_retried"],
                len(desired),
            )
        )
        for msg in failures:
            print("  failed once, then converged: " + msg)
    assert counts["tasks"] == SOAK_ITERATIONS
    assert counts["overlaps"] > 0 and counts["overlapping_requests"] > 0 and counts["overlapping_releases"] > 0
