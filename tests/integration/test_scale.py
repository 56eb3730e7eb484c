"""Writes and listings by name among 1,000 numbers, at the published request quotas.

The emulator and the modules both run at ``quota_scale`` 1 here (about one call a
second per operation), as against AWS: a call is a second of a pipeline. Each task
must stay within 25 calls (a request 26: the 25 the name costs, and the account's
limits read before the lease), and within 40 seconds from its first call to its last
(the time the quotas make it wait, plus the emulator's own time).
"""

from __future__ import annotations

from collections import Counter

import pytest

from .harness import run_task
from .test_phone_number import request_number

MAX_CALLS = 25
MAX_SECONDS = 40.0
ACCOUNT = 1000
SIMULATOR = dict(
    IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"], NumberType="SIMULATOR"
)
REQUEST = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"], number_type="SIMULATOR"
)
PUBLISHED = {"SMS_VOICE_QUOTA_SCALE": "1"}


@pytest.fixture
def account(emulator):
    """An account of ``ACCOUNT`` named numbers (one of them ``needle``), served at the published quotas."""
    emulator.seed(ACCOUNT - 1, Tags=[{"Key": "Name", "Value": "hay-{i}"}], **SIMULATOR)
    needle = request_number(emulator.client(), "needle")
    emulator.config(quotas=True, quota_scale=1)
    return needle


def at_published_quotas(emulator, module, args, check=False, max_calls=MAX_CALLS):
    run = run_task(emulator, module, args, check=check, extra_env=PUBLISHED)
    assert not run.failed, run.result.get("msg")
    by_operation = Counter(run.operations)
    assert len(run.operations) <= max_calls, dict(by_operation)
    assert not [c for c in run.calls if c["error"] == "ThrottlingException"], "the task paced itself"
    span = run.calls[-1]["at"] - run.calls[0]["at"]
    assert span <= MAX_SECONDS, "{0:.1f} s from the first call to the last".format(span)
    return run, by_operation


def test_request_by_name_among_1000_numbers(emulator, account):
    run, ops = at_published_quotas(emulator, "phone_number", dict(name="fresh", **REQUEST), max_calls=MAX_CALLS + 1)
    assert run.changed is True and run.mutating == ["RequestPhoneNumber"]
    # The name is asked for (1), proven absent in pages (10 Describe, 2 index pages of 500 tags), the number
    # leased (1) with its tags in the answer, once the account's limits say there is room (1); then the
    # 1,001 numbers are listed again (11), to catch a duplicate another run leased meanwhile.
    assert ops == {
        "GetResources": 3,
        "DescribePhoneNumbers": 21,
        "DescribeAccountLimits": 1,
        "RequestPhoneNumber": 1,
    }


def test_release_by_name_among_1000_numbers(emulator, account):
    run, ops = at_published_quotas(emulator, "phone_number", dict(name="needle", state="absent"))
    assert run.changed is True and run.mutating == ["ReleasePhoneNumber"]
    assert run.number["phone_number_id"] == account["PhoneNumberId"]
    assert ops["ListTagsForResource"] == 1, "only the number released has its own tags read"
    assert ops["GetResources"] == 2 and ops["DescribePhoneNumbers"] >= 10


def test_pool_create_and_delete_by_name_among_1000_numbers(emulator, account):
    create, ops = at_published_quotas(
        emulator,
        "pool",
        dict(
            name="big-pool",
            phone_numbers=[account["PhoneNumberId"]],
            iso_country_code="US",
            message_type="TRANSACTIONAL",
        ),
    )
    assert create.changed is True and "CreatePool" in create.mutating
    assert "ListTagsForResource" not in ops, "no number's tags are read to find a pool"
    delete, ops = at_published_quotas(emulator, "pool", dict(name="big-pool", state="absent"))
    assert delete.changed is True and delete.mutating == ["DeletePool"]
    assert "ListTagsForResource" not in ops or ops["ListTagsForResource"] <= 1


def test_info_by_a_tag_1000_numbers_carry(emulator):
    emulator.seed(ACCOUNT, Tags=[{"Key": "Name", "Value": "n-{i}"}, {"Key": "tier", "Value": "gold"}], **SIMULATOR)
    emulator.config(quotas=True, quota_scale=1)
    run, ops = at_published_quotas(emulator, "phone_number_info", dict(tags={"tier": "gold"}))
    assert len(run.result["phone_numbers"]) == ACCOUNT
    assert all(n["tags"]["tier"] == "gold" for n in run.result["phone_numbers"])
    # Candidates and their tags from the index (2,000 tags, 500 a page), liveness from the Describe pages.
    assert ops == {"GetResources": 4, "DescribePhoneNumbers": 10}


def test_a_number_another_tool_created_within_the_index_lag_is_found_not_leased_again(emulator):
    emulator.seed(299, Tags=[{"Key": "Name", "Value": "hay-{i}"}], **SIMULATOR)
    emulator.config(tagging_api="lagging", tagging_lag_seconds=600)
    emulator.advance_clock(601)
    other = request_number(emulator.client(), "made-elsewhere")
    run = run_task(emulator, "phone_number", dict(name="made-elsewhere", **REQUEST))
    assert not run.failed, run.result.get("msg")
    assert run.changed is False and run.mutating == []
    assert run.number["phone_number_id"] == other["PhoneNumberId"]
    # The index lists the 299 others with their tags: only the new number has its own tags read.
    assert Counter(run.operations)["ListTagsForResource"] == 1
