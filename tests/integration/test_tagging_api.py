"""Finding numbers by tag through the Resource Groups Tagging API, with the full scan as the authority.

Each scenario runs the real modules through ansible-playbook against the emulator
server and counts the calls its call log recorded: the index path must stay a
handful of calls, and whatever the index says (exact, lagging, denied, stale),
the result must be the one the full scan gives.
"""

from __future__ import annotations

import pytest

from .harness import run_task
from .test_phone_number import request_number

SIMULATOR = dict(IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR")
REQUEST = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS"], number_type="SIMULATOR"
)
INDEX_PATH = ["GetResources", "DescribePhoneNumbers", "ListTagsForResource"]
LAG = 60


def unthrottled(emulator):
    """Request quotas off: these tests count calls, and a throttled call retried would count twice.

    Scans of 1,000 numbers at the test scale's 50 calls a second would be throttled.
    """
    emulator.config(quotas=False)


def scan(count):
    """The full scan among ``count`` live numbers: every page, then every number's tags."""
    return ["DescribePhoneNumbers"] * -(-count // 100) + ["ListTagsForResource"] * count


def proof(count, unindexed=0, index_pages=1):
    """Absence proven in pages among ``count`` live numbers: the Describe pages, the index over the
    type (500 tags a page), then the own tags of the ``unindexed`` numbers the index does not list."""
    return (
        ["DescribePhoneNumbers"] * -(-count // 100)
        + ["GetResources"] * index_pages
        + (["ListTagsForResource"] * unindexed)
    )


@pytest.fixture
def among_thousand(emulator):
    """999 seeded numbers with their own names and one named ``needle``: 1,000 live numbers."""
    unthrottled(emulator)
    emulator.seed(999, Tags=[{"Key": "Name", "Value": "hay-{i}"}], **SIMULATOR)
    return request_number(emulator.client(), "needle")


def converged(emulator, number, **extra):
    """The task, check mode then for real: unchanged, the needle, no write."""
    runs = []
    for check in (True, False):
        run = run_task(emulator, "phone_number", dict(name="needle", iso_country_code="US", **extra), check=check)
        assert not run.failed, run.result.get("msg")
        assert run.changed is False
        assert run.mutating == []
        assert run.number["phone_number_id"] == number["PhoneNumberId"]
        runs.append(run)
    return runs


def test_converged_by_name_among_1000_takes_3_calls_with_an_exact_index(emulator, among_thousand):
    for run in converged(emulator, among_thousand):
        assert run.operations == INDEX_PATH
        assert "warnings" not in run.result


def test_converged_by_name_is_the_same_number_with_the_index_skipped(emulator, among_thousand):
    indexed = converged(emulator, among_thousand)[1]
    scanned = converged(emulator, among_thousand, use_tagging_api=False)[1]
    assert scanned.operations == scan(1000)
    assert scanned.number == indexed.number


def test_converged_by_name_with_a_lagging_index_scans_until_it_catches_up(emulator, among_thousand):
    emulator.config(tagging_api="lagging", tagging_lag_seconds=LAG)
    for run in converged(emulator, among_thousand):
        # Nothing is indexed yet: every number's own tags are read, and the needle is found.
        assert run.operations == ["GetResources"] + proof(1000, unindexed=1000), "not indexed yet: the proof finds it"
    emulator.advance_clock(LAG + 1)
    for run in converged(emulator, among_thousand):
        assert run.operations == INDEX_PATH


def test_converged_by_name_with_the_index_denied_scans_and_warns_once(emulator, among_thousand):
    emulator.config(tagging_api="denied")
    for run in converged(emulator, among_thousand):
        assert run.operations == ["GetResources"] + scan(1000)
        assert [c["error"] for c in run.calls if c["operation"] == "GetResources"] == ["AccessDeniedException"]
        warnings = [w for w in run.result.get("warnings", []) if "tag:GetResources" in w]
        assert len(warnings) == 1 and "use_tagging_api" in warnings[0]
    skipped = run_task(emulator, "phone_number", dict(name="needle", use_tagging_api=False))
    assert skipped.operations == scan(1000)
    assert not skipped.result.get("warnings")


def test_a_stale_index_entry_whose_tag_was_removed_is_never_acted_on(emulator):
    client = emulator.client()
    emulator.config(tagging_api="lagging", tagging_lag_seconds=LAG)
    stale = request_number(client, "stale")
    emulator.advance_clock(LAG + 1)
    client.untag_resource(ResourceArn=stale["PhoneNumberArn"], TagKeys=["Name"])
    assert stale["PhoneNumberArn"] in [
        m["ResourceARN"] for m in emulator.tagging_client().get_resources()["ResourceTagMappingList"]
    ], "the index still names it"
    run = run_task(emulator, "phone_number", dict(name="stale", **REQUEST), check=True)
    assert not run.failed, run.result.get("msg")
    assert run.changed is True and run.mutating == []
    assert run.number["phone_number_id"] != stale["PhoneNumberId"], "a new number is predicted, not the stale one"
    # The index names it, its own tags say otherwise; the pages then prove the name free (its tags already read).
    assert run.operations == ["GetResources", "DescribePhoneNumbers", "ListTagsForResource"] + proof(1) + [
        "DescribeAccountLimits"
    ]


def test_a_stale_index_entry_of_a_released_number_is_never_acted_on(emulator):
    client = emulator.client()
    emulator.config(tagging_api="lagging", tagging_lag_seconds=LAG)
    gone = request_number(client, "gone")
    keep = request_number(client, "other")
    emulator.advance_clock(LAG + 1)
    client.release_phone_number(PhoneNumberId=gone["PhoneNumberId"])
    run = run_task(emulator, "phone_number", dict(name="gone", **REQUEST))
    assert not run.failed, run.result.get("msg")
    assert run.changed is True and run.mutating == ["RequestPhoneNumber"]
    assert run.number["phone_number_id"] not in (gone["PhoneNumberId"], keep["PhoneNumberId"])
    # The released number is read back by ID (and dropped as DELETED), then the pages decide (the other
    # number's tags come from the index); after the request the numbers are listed again, to catch a
    # duplicate lease (the new number's tags came with the answer to the request).
    assert run.operations == ["GetResources", "DescribePhoneNumbers"] + proof(1) + [
        "DescribeAccountLimits",
        "RequestPhoneNumber",
        "DescribePhoneNumbers",
    ]


def test_two_numbers_with_one_name_found_only_by_the_scan_fail_and_change_nothing(emulator):
    client = emulator.client()
    emulator.config(tagging_api="lagging", tagging_lag_seconds=LAG)
    first, second = request_number(client, "twin"), request_number(client, "twin")
    run = run_task(emulator, "phone_number", dict(name="twin", deletion_protection_enabled=True))
    assert run.failed
    assert "2 phone numbers are named 'twin'" in run.result["msg"]
    assert first["PhoneNumberId"] in run.result["msg"] and second["PhoneNumberId"] in run.result["msg"]
    assert run.operations == ["GetResources"] + proof(2, unindexed=2)
    assert run.mutating == []


def test_two_numbers_with_one_name_in_the_index_are_both_confirmed_and_fail(emulator):
    client = emulator.client()
    twins = [request_number(client, "twin")["PhoneNumberId"] for _attempt in range(2)]
    request_number(client, "other")
    run = run_task(emulator, "phone_number", dict(name="twin", deletion_protection_enabled=True))
    assert run.failed and "2 phone numbers are named 'twin'" in run.result["msg"]
    assert all(number_id in run.result["msg"] for number_id in twins)
    assert run.operations == ["GetResources", "DescribePhoneNumbers"] + ["ListTagsForResource"] * 2
    assert run.mutating == []


def test_release_by_name_proves_the_name_in_pages_and_reads_the_number_itself(emulator):
    client = emulator.client()
    number = request_number(client, "bye")
    request_number(client, "other")
    run = run_task(emulator, "phone_number", dict(name="bye", state="absent"), check=True)
    assert run.changed is True and run.mutating == []
    # No shortcut by name: every live number is listed, so a duplicate the index has not caught up with
    # is seen; only the number to release has its own tags read.
    assert run.operations[:3] == proof(2) + ["ListTagsForResource"]
    assert [c["params"]["ResourceArn"] for c in run.calls if c["operation"] == "ListTagsForResource"][:1] == [
        number["PhoneNumberArn"]
    ]
    assert run.number["phone_number_id"] == number["PhoneNumberId"]


def test_info_with_tags_over_1000_numbers_is_the_same_with_the_index_off(emulator):
    unthrottled(emulator)
    emulator.seed(1000, Tags=[{"Key": "Name", "Value": "n-{i}"}, {"Key": "team", "Value": "bench"}], **SIMULATOR)
    fast = run_task(emulator, "phone_number_info", {})
    slow = run_task(emulator, "phone_number_info", dict(use_tagging_api=False))
    assert not fast.failed and not slow.failed
    assert len(fast.result["phone_numbers"]) == 1000
    assert fast.result["phone_numbers"] == slow.result["phone_numbers"], "key for key, in the same order"
    assert fast.operations == ["DescribePhoneNumbers"] * 10 + ["GetResources"] * 10
    assert slow.operations == scan(1000)


def test_info_by_names_and_tags_uses_the_tag_filter_and_confirms(emulator):
    unthrottled(emulator)
    emulator.seed(300, Tags=[{"Key": "Name", "Value": "n-{i}"}, {"Key": "team", "Value": "bench"}], **SIMULATOR)
    client = emulator.client()
    ops = request_number(client, "x", Tags=[{"Key": "Name", "Value": "x"}, {"Key": "team", "Value": "ops"}])
    request_number(client, "y", Tags=[{"Key": "Name", "Value": "y"}, {"Key": "team", "Value": "dev"}])
    by_names = run_task(emulator, "phone_number_info", dict(names=["x", "y", "n-7"], tags={"team": "ops"}))
    assert [n["phone_number_id"] for n in by_names.result["phone_numbers"]] == [ops["PhoneNumberId"]]
    assert by_names.operations == ["GetResources", "DescribePhoneNumbers"], "its tags come from the index"
    confirmed = run_task(
        emulator, "phone_number_info", dict(names=["x", "y", "n-7"], tags={"team": "ops"}, confirm_tags=True)
    )
    assert confirmed.result["phone_numbers"] == by_names.result["phone_numbers"]
    assert confirmed.operations == INDEX_PATH
    scanned = run_task(
        emulator, "phone_number_info", dict(names=["x", "y", "n-7"], tags={"team": "ops"}, use_tagging_api=False)
    )
    assert scanned.result["phone_numbers"] == by_names.result["phone_numbers"]
    assert scanned.operations == scan(302)


def test_info_by_name_falls_back_when_the_index_names_only_stale_numbers(emulator):
    client = emulator.client()
    emulator.config(tagging_api="lagging", tagging_lag_seconds=LAG)
    stale = request_number(client, "moved")
    emulator.advance_clock(LAG + 1)
    client.untag_resource(ResourceArn=stale["PhoneNumberArn"], TagKeys=["Name"])
    fresh = request_number(client, "moved")
    run = run_task(emulator, "phone_number_info", dict(names=["moved"], confirm_tags=True))
    assert [n["phone_number_id"] for n in run.result["phone_numbers"]] == [fresh["PhoneNumberId"]]
    # The stale candidate's own tags drop it; the pages then find the fresh number the index does not list.
    assert run.operations == ["GetResources", "DescribePhoneNumbers", "ListTagsForResource"] + proof(2, unindexed=1)


def test_info_by_name_lists_what_the_index_shows_unless_asked_to_confirm(emulator):
    client = emulator.client()
    emulator.config(tagging_api="lagging", tagging_lag_seconds=LAG)
    stale = request_number(client, "moved")
    emulator.advance_clock(LAG + 1)
    client.untag_resource(ResourceArn=stale["PhoneNumberArn"], TagKeys=["Name"])
    run = run_task(emulator, "phone_number_info", dict(names=["moved"]))
    # Within the index's lag the listing shows the tags the index has (documented): two calls, no per-number read.
    assert [n["phone_number_id"] for n in run.result["phone_numbers"]] == [stale["PhoneNumberId"]]
    assert run.result["phone_numbers"][0]["tags"] == {"Name": "moved"}
    assert run.operations == ["GetResources", "DescribePhoneNumbers"]
    emulator.advance_clock(LAG + 1)
    caught_up = run_task(emulator, "phone_number_info", dict(names=["moved"]))
    assert caught_up.result["phone_numbers"] == []
