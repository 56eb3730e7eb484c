"""Writes in flight (``conflict_window_seconds``), in-process and over HTTP.

The ConflictException doc: "more than one operation on the same resource at the same time". A
write to a resource within the window of the last write to it is refused, without a Reason, and
changes nothing; other resources, and reads, are not held up.
"""

from __future__ import annotations

import threading
import time

import pytest

from .helpers import raises, request, settle


def test_the_default_window_is_zero_so_back_to_back_writes_succeed(api):
    assert api.config()["conflict_window_seconds"] == 0
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=True)
    client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=False)


@pytest.mark.rule(
    "A write to a resource with a write in flight is a ConflictException (no Reason)", source="ConflictException doc"
)
def test_a_write_to_a_number_with_a_write_in_flight_conflicts_without_a_reason(api):
    api.config(conflict_window_seconds=5)
    client = api.client()
    number = request(client)
    number_id = number["PhoneNumberId"]
    other = request(client)["PhoneNumberId"]
    client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=True)
    for write in (
        lambda: client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=False),
        lambda: client.tag_resource(ResourceArn=number["PhoneNumberArn"], Tags=[{"Key": "k", "Value": "v"}]),
        lambda: client.put_keyword(OriginationIdentity=number_id, Keyword="INFO", KeywordMessage="Info"),
    ):
        with raises("ConflictException", ResourceType="phone-number", ResourceId=number_id) as caught:
            write()
        assert "Reason" not in caught.value.response
    # Reads, and writes to other resources, go through; the refused writes changed nothing.
    described = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]
    assert described["DeletionProtectionEnabled"] is True
    assert client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])["Tags"] == []
    client.update_phone_number(PhoneNumberId=other, DeletionProtectionEnabled=True)
    # The window runs from the last write that went through, not from the refused ones.
    api.advance_clock(5)
    client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=False)
    assert [c["error"] for c in api.calls() if c["operation"] == "UpdatePhoneNumber"] == [
        None,
        "ConflictException",
        None,
        None,
    ]


@pytest.mark.parametrize("kind", ["PoolId", "PoolArn"])
def test_a_pool_with_a_write_in_flight_refuses_the_next_write_to_it(api, kind):
    client = api.client()
    founder = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=founder, MessageType="TRANSACTIONAL")
    settle(api)
    api.config(conflict_window_seconds=5)
    client.update_pool(PoolId=pool[kind], DeletionProtectionEnabled=True)
    with raises("ConflictException", ResourceType="pool", ResourceId=pool["PoolId"]) as caught:
        client.put_keyword(OriginationIdentity=pool["PoolId"], Keyword="INFO", KeywordMessage="Info")
    assert "Reason" not in caught.value.response
    api.advance_clock(5)
    client.put_keyword(OriginationIdentity=pool["PoolId"], Keyword="INFO", KeywordMessage="Info")


@pytest.mark.rule(
    "A write arriving while another write to its resource is being served is a ConflictException (no Reason)",
    source="ConflictException doc",
)
def test_a_write_arriving_while_another_to_the_same_number_is_served_conflicts(api):
    assert api.config()["concurrent_writes_conflict"] is True
    client = api.client()
    number = request(client)
    number_id = number["PhoneNumberId"]
    other = request(client)["PhoneNumberId"]
    api.fault("UpdatePhoneNumber", "latency", seconds=3)
    slow = threading.Thread(
        target=lambda: client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=True)
    )
    slow.start()
    try:
        time.sleep(1)  # the slow update has arrived and is being served
        with raises("ConflictException", ResourceType="phone-number", ResourceId=number_id) as caught:
            client.tag_resource(ResourceArn=number["PhoneNumberArn"], Tags=[{"Key": "k", "Value": "v"}])
        assert "Reason" not in caught.value.response
        # Reads, and writes to other resources, are not held up meanwhile.
        client.describe_phone_numbers(PhoneNumberIds=[number_id])
        client.update_phone_number(PhoneNumberId=other, DeletionProtectionEnabled=True)
    finally:
        slow.join()
    assert client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])["Tags"] == []
    assert client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]["DeletionProtectionEnabled"]
    # Once the first write is answered, the next one goes through.
    client.tag_resource(ResourceArn=number["PhoneNumberArn"], Tags=[{"Key": "k", "Value": "v"}])
    errors = [
        (c["operation"], c["error"]) for c in api.calls() if c["operation"] in ("TagResource", "UpdatePhoneNumber")
    ]
    assert errors == [
        ("TagResource", "ConflictException"),
        ("UpdatePhoneNumber", None),
        ("UpdatePhoneNumber", None),
        ("TagResource", None),
    ]


def test_concurrent_writes_conflict_is_a_setting(api):
    api.config(concurrent_writes_conflict=False)
    client = api.client()
    number = request(client)
    api.fault("UpdatePhoneNumber", "latency", seconds=1)
    slow = threading.Thread(
        target=lambda: client.update_phone_number(PhoneNumberId=number["PhoneNumberId"], DeletionProtectionEnabled=True)
    )
    slow.start()
    time.sleep(0.3)
    client.tag_resource(ResourceArn=number["PhoneNumberArn"], Tags=[{"Key": "k", "Value": "v"}])
    slow.join()
    assert [c["error"] for c in api.calls() if c["operation"] in ("TagResource", "UpdatePhoneNumber")] == [None, None]
