"""The numbers on an opt-out list (tests/emulator/opted_out_numbers.py), in-process and over HTTP."""

from __future__ import annotations

import datetime

import pytest

from tests.emulator import EmulatorControlError

from .helpers import raises


def _numbers(client, **params):
    return [e["OptedOutNumber"] for e in client.describe_opted_out_numbers(**params)["OptedOutNumbers"]]


def test_put_describe_and_delete_an_opted_out_number(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="marketing")
    put = client.put_opted_out_number(OptOutListName="marketing", OptedOutNumber="+12065550100")
    assert put["OptOutListName"] == "marketing"
    assert put["OptOutListArn"] == "arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/marketing"
    assert put["OptedOutNumber"] == "+12065550100" and put["EndUserOptedOut"] is False
    assert isinstance(put["OptedOutTimestamp"], datetime.datetime)
    # Without the +, by ARN: the same entry, unchanged (a put is idempotent).
    arn = put["OptOutListArn"]
    again = client.put_opted_out_number(OptOutListName=arn, OptedOutNumber="12065550100")
    assert again["OptedOutNumber"] == "+12065550100" and again["OptedOutTimestamp"] == put["OptedOutTimestamp"]
    described = client.describe_opted_out_numbers(OptOutListName="marketing")
    assert described["OptOutListName"] == "marketing" and described["OptOutListArn"] == arn
    assert described["OptedOutNumbers"] == [
        {"OptedOutNumber": "+12065550100", "OptedOutTimestamp": put["OptedOutTimestamp"], "EndUserOptedOut": False}
    ]
    assert _numbers(client, OptOutListName="Default") == []
    deleted = client.delete_opted_out_number(OptOutListName="marketing", OptedOutNumber="+12065550100")
    assert deleted["OptedOutNumber"] == "+12065550100"
    assert _numbers(client, OptOutListName="marketing") == []
    with raises("ResourceNotFoundException", ResourceType="opted-out-number", ResourceId="+12065550100"):
        client.delete_opted_out_number(OptOutListName="marketing", OptedOutNumber="+12065550100")


def test_pages_filters_and_named_numbers(api):
    client = api.client()
    api.seed_opted_out_numbers(["+447700900001", "+447700900002"])
    for index in range(3):
        client.put_opted_out_number(OptOutListName="Default", OptedOutNumber=f"+1206555010{index}")
    every = _numbers(client, OptOutListName="Default")
    assert every == ["+447700900001", "+447700900002", "+12065550100", "+12065550101", "+12065550102"]
    first = client.describe_opted_out_numbers(OptOutListName="Default", MaxResults=2)
    rest = client.describe_opted_out_numbers(OptOutListName="Default", MaxResults=2, NextToken=first["NextToken"])
    assert [e["OptedOutNumber"] for e in first["OptedOutNumbers"] + rest["OptedOutNumbers"]] == every[:4]
    end_users = [{"Name": "end-user-opted-out", "Values": ["true"]}]
    assert _numbers(client, OptOutListName="Default", Filters=end_users) == every[:2]
    assert _numbers(client, OptOutListName="Default", OptedOutNumbers=["+12065550102", "447700900001"]) == [
        "+447700900001",
        "+12065550102",
    ]
    with raises("ResourceNotFoundException", ResourceType="opted-out-number"):
        client.describe_opted_out_numbers(OptOutListName="Default", OptedOutNumbers=["+12065559999"])
    with raises("ValidationException", Reason="INVALID_FILTER_VALUES"):
        client.describe_opted_out_numbers(
            OptOutListName="Default", Filters=[{"Name": "end-user-opted-out", "Values": ["yes"]}]
        )


def test_an_unknown_list_or_a_bad_number_is_refused(api):
    client = api.client()
    with raises("ResourceNotFoundException", ResourceType="opt-out-list"):
        client.put_opted_out_number(OptOutListName="nowhere", OptedOutNumber="+12065550100")
    with raises("ValidationException"):
        client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+0123")


def test_a_number_can_be_deleted_once_every_30_days(api):
    client = api.client()
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
    client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
    with raises("ValidationException", Reason="PHONE_NUMBER_CANNOT_BE_OPTED_IN"):
        client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
    assert _numbers(client, OptOutListName="Default") == ["+12065550100"]
    api.advance_clock(30 * 86_400)
    client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")


def test_deleting_a_list_deletes_its_numbers(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="gone")
    client.put_opted_out_number(OptOutListName="gone", OptedOutNumber="+12065550100")
    client.delete_opt_out_list(OptOutListName="gone")
    client.create_opt_out_list(OptOutListName="gone")
    assert _numbers(client, OptOutListName="gone") == []


def test_puts_of_different_numbers_to_one_list_are_separate_resources(api):
    api.config(conflict_window_seconds=5)
    client = api.client()
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550101")
    with raises("ConflictException", ResourceType="opted-out-number", ResourceId="Default/12065550100"):
        client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="12065550100")


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"numbers": ["12065550100"]}, "must be a list of E.164 numbers"),
        ({"numbers": "+12065550100"}, "must be a list of E.164 numbers"),
        ({"numbers": [], "opt_out_list": "nowhere"}, "opted_out_numbers.opt_out_list"),
        ({"numbers": [], "list": "Default"}, "unknown keys"),
    ],
)
def test_bad_seeds_are_refused(emulator, payload, message):
    with pytest.raises(EmulatorControlError, match=message):
        emulator._control("POST", "seed", {"opted_out_numbers": payload})
