"""phone_number_info through ansible-playbook against the emulator server."""

from __future__ import annotations

import pytest

from .harness import run_task
from .test_phone_number import request_number


def ids(run):
    return [n["phone_number_id"] for n in run.result["phone_numbers"]]


@pytest.fixture
def numbers(emulator):
    """Three numbers: two named SIMULATOR numbers with tags, one released, one PROMOTIONAL toll-free."""
    client = emulator.client()
    a = request_number(client, None, Tags=[{"Key": "Name", "Value": "a"}, {"Key": "team", "Value": "ops"}])
    b = request_number(
        client,
        None,
        Tags=[{"Key": "Name", "Value": "b"}, {"Key": "team", "Value": "dev"}],
        DeletionProtectionEnabled=True,
    )
    emulator.config(pending_seconds={"TOLL_FREE": 600})
    c = client.request_phone_number(
        IsoCountryCode="US",
        MessageType="PROMOTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="TOLL_FREE",
        Tags=[{"Key": "Name", "Value": "c"}],
    )
    gone = request_number(client, "gone")
    client.release_phone_number(PhoneNumberId=gone["PhoneNumberId"])
    return {"a": a, "b": b, "c": c, "gone": gone}


def test_lists_every_number_with_the_shape_phone_number_returns(emulator, numbers):
    run = run_task(emulator, "phone_number_info", {})
    assert not run.failed, run.result.get("msg")
    assert not run.changed
    listed = {n["tags"].get("Name"): n for n in run.result["phone_numbers"]}
    assert set(listed) == {"a", "b", "c", "gone"}
    assert listed["gone"]["status"] == "DELETED"
    assert listed["c"]["status"] == "PENDING"
    # Same keys and values as the module that manages numbers returns.
    managed = run_task(emulator, "phone_number", dict(name="a"))
    assert managed.number == listed["a"]
    # The tags of the three live numbers come from one GetResources call; the released one is not
    # in the tag index, so its own tags are read.
    assert run.operations == ["DescribePhoneNumbers", "GetResources", "ListTagsForResource"]


def test_phone_number_ids_accept_ids_and_arns(emulator, numbers):
    wanted = [numbers["a"]["PhoneNumberId"], numbers["b"]["PhoneNumberArn"]]
    run = run_task(emulator, "phone_number_info", dict(phone_number_ids=wanted, include_tags=False))
    assert ids(run) == [numbers["a"]["PhoneNumberId"], numbers["b"]["PhoneNumberId"]]
    assert run.operations == ["DescribePhoneNumbers"]
    assert all(n["tags"] is None for n in run.result["phone_numbers"])


def test_more_than_five_ids_are_read_five_per_call(emulator):
    client = emulator.client()
    created = [request_number(client)["PhoneNumberId"] for _index in range(12)]
    run = run_task(emulator, "phone_number_info", dict(phone_number_ids=created, include_tags=False))
    assert ids(run) == created
    describe = [c for c in run.calls if c["operation"] == "DescribePhoneNumbers"]
    assert [len(c["params"]["PhoneNumberIds"]) for c in describe] == [5, 5, 2]


def test_unknown_id_is_left_out(emulator, numbers):
    unknown = "phone-" + "0" * 32
    run = run_task(emulator, "phone_number_info", dict(phone_number_ids=[unknown, numbers["a"]["PhoneNumberId"]]))
    assert not run.failed
    assert ids(run) == [numbers["a"]["PhoneNumberId"]]


def test_phone_numbers_by_e164_and_not_found_gives_empty_list(emulator, numbers):
    run = run_task(emulator, "phone_number_info", dict(phone_numbers=[numbers["b"]["PhoneNumber"]]))
    assert ids(run) == [numbers["b"]["PhoneNumberId"]]
    missing = run_task(emulator, "phone_number_info", dict(phone_numbers=["+19995550100"]))
    assert not missing.failed
    assert missing.result["phone_numbers"] == []


def test_names(emulator, numbers):
    run = run_task(emulator, "phone_number_info", dict(names=["a", "c"]))
    assert ids(run) == [numbers["a"]["PhoneNumberId"], numbers["c"]["PhoneNumberId"]]


def test_filters_are_sent_to_the_api(emulator, numbers):
    run = run_task(
        emulator, "phone_number_info", dict(filters={"status": ["ACTIVE"], "deletion-protection-enabled": True})
    )
    assert ids(run) == [numbers["b"]["PhoneNumberId"]]
    describe = next(c for c in run.calls if c["operation"] == "DescribePhoneNumbers")
    assert {"Name": "deletion-protection-enabled", "Values": ["true"]} in describe["params"]["Filters"]


def test_filters_with_ids_apply_to_those_ids(emulator, numbers):
    run = run_task(
        emulator,
        "phone_number_info",
        dict(
            phone_number_ids=[numbers["a"]["PhoneNumberId"], numbers["c"]["PhoneNumberId"]],
            filters={"number-type": "TOLL_FREE"},
        ),
    )
    assert ids(run) == [numbers["c"]["PhoneNumberId"]]


def test_tags_subset_match(emulator, numbers):
    run = run_task(emulator, "phone_number_info", dict(tags={"team": "dev"}))
    assert ids(run) == [numbers["b"]["PhoneNumberId"]]


def test_owner_shared_lists_nothing_here(emulator, numbers):
    run = run_task(emulator, "phone_number_info", dict(owner="SHARED"))
    assert run.result["phone_numbers"] == []
    assert run.calls[0]["params"]["Owner"] == "SHARED"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (dict(filters={"colour": "blue"}), "unknown filter 'colour'"),
        (dict(filters={"status": "active"}), "status value 'active'"),
        (dict(filters={"status": []}), "status needs at least one value"),
        (dict(phone_numbers=["12065550100"]), "phone_numbers"),
        (dict(phone_number_ids=["phone-123"]), "phone_number_ids"),
        (
            dict(owner="SELF", phone_number_ids=["phone-" + "a" * 32]),
            "owner cannot be used together with phone_number_ids",
        ),
    ],
)
def test_bad_input_fails_before_any_call(emulator, args, fragment):
    run = run_task(emulator, "phone_number_info", args)
    assert run.failed
    assert fragment in run.result["msg"]
    assert run.operations == []


def test_more_than_one_hundred_numbers_are_all_read(emulator):
    emulator.seed(
        250, IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR"
    )
    run = run_task(emulator, "phone_number_info", dict(include_tags=False))
    assert len(run.result["phone_numbers"]) == 250
    assert len(set(ids(run))) == 250
    assert run.operations == ["DescribePhoneNumbers"] * 3
