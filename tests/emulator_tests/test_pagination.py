"""Pagination over many numbers, and the seed endpoint that makes them.

``phone_number_info`` reads every page, and the benchmarks seed 10,000
numbers; these tests check pages are complete, disjoint and stable, that
tokens are opaque and bound to their query, and that seeding is fast and
invisible in the call log.
"""

from __future__ import annotations

import time

from .helpers import raises


def _all_pages(client, **kwargs):
    pages = []
    while True:
        page = client.describe_phone_numbers(**kwargs)
        pages.append(page["PhoneNumbers"])
        if not page.get("NextToken"):
            return pages
        kwargs["NextToken"] = page["NextToken"]


def test_read_1000_numbers_page_by_page(api):
    ids = api.seed(1000, Tags=[{"Key": "Name", "Value": "bulk-{i}"}])
    assert len(set(ids)) == 1000
    assert api.calls() == []
    client = api.client()
    pages = _all_pages(client, MaxResults=100)
    assert [len(page) for page in pages] == [100] * 10
    seen = [n["PhoneNumberId"] for page in pages for n in page]
    assert seen == ids  # creation order, no duplicates, nothing missing
    assert len({n["PhoneNumber"] for page in pages for n in page}) == 1000
    # Default page size is 100 as well.
    assert len(_all_pages(client)) == 10
    assert api.operations() == ["DescribePhoneNumbers"] * 20
    state = api.state()["us-east-1"]["phone_numbers"]
    assert state[7]["Tags"] == [{"Key": "Name", "Value": "bulk-7"}]


def test_pages_are_stable_while_numbers_come_and_go(api):
    ids = api.seed(30)
    client = api.client()
    first = client.describe_phone_numbers(MaxResults=10)
    client.release_phone_number(PhoneNumberId=ids[0])
    client.release_phone_number(PhoneNumberId=ids[15])
    api.config(deleted_retention_seconds=0)
    later = api.seed(5)
    rest = _all_pages(client, MaxResults=10, NextToken=first["NextToken"])
    seen = [n["PhoneNumberId"] for n in first["PhoneNumbers"]] + [n["PhoneNumberId"] for page in rest for n in page]
    assert seen == [i for i in ids if i != ids[15]] + later


def test_filtered_pages(api):
    api.seed(150, NumberCapabilities=["SMS", "VOICE"])
    api.seed(120, NumberCapabilities=["SMS"])
    client = api.client()
    voice = _all_pages(client, MaxResults=40, Filters=[{"Name": "number-capability", "Values": ["VOICE"]}])
    assert [len(p) for p in voice] == [40, 40, 40, 30]
    paginator = client.get_paginator("describe_phone_numbers")
    total = sum(len(page["PhoneNumbers"]) for page in paginator.paginate(PaginationConfig={"PageSize": 100}))
    assert total == 270


def test_tokens_are_bound_to_their_query(api):
    api.seed(5)
    client = api.client()
    token = client.describe_phone_numbers(MaxResults=2)["NextToken"]
    with raises("ValidationException", Reason="INVALID_NEXT_TOKEN"):
        client.describe_phone_numbers(MaxResults=2, NextToken=token, Filters=[{"Name": "status", "Values": ["ACTIVE"]}])
    with raises("ValidationException", Reason="INVALID_NEXT_TOKEN"):
        client.describe_phone_numbers(NextToken=token[:-4] + "AAAA")
    with raises("ValidationException", Reason="INVALID_NEXT_TOKEN"):
        api.client("us-west-2").describe_phone_numbers(NextToken=token)
    # MaxResults may change between pages.
    assert len(client.describe_phone_numbers(MaxResults=3, NextToken=token)["PhoneNumbers"]) == 3


def test_seed_10000_numbers_quickly(emulator):
    started = time.monotonic()
    ids = emulator.seed(
        10_000, region="eu-west-1", IsoCountryCode="GB", NumberType="LONG_CODE", MessageType="PROMOTIONAL"
    )
    assert time.monotonic() - started < 10
    assert len(set(ids)) == 10_000
    client = emulator.client("eu-west-1")
    page = client.describe_phone_numbers(MaxResults=100, Filters=[{"Name": "iso-country-code", "Values": ["GB"]}])
    assert len(page["PhoneNumbers"]) == 100 and page["NextToken"]
    assert page["PhoneNumbers"][0]["PhoneNumber"].startswith("+447")
    assert emulator.calls()[-1]["operation"] == "DescribePhoneNumbers"
    assert len(emulator.calls()) == 1


def test_seed_rejects_bad_templates(api):
    from tests.emulator import EmulatorControlError

    for template in ({"NumberType": "LONG_CODE"}, {"IsoCountryCode": "usa"}, {"OptOutListName": "missing"}):
        try:
            api.seed(1, **template)
        except EmulatorControlError as error:
            assert "400" in str(error)
        else:  # pragma: no cover - must be refused
            raise AssertionError(f"seed accepted {template}")
    assert api.state()["us-east-1"]["phone_numbers"] == []
