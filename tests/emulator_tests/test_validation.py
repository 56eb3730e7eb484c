"""Generic validation against botocore's model, without any transport.

Raw HTTP callers and clients with ``parameter_validation=False`` reach the
emulator with whatever they send; the emulator must refuse exactly what the
model forbids, naming each offending member.
"""

from __future__ import annotations

import pytest

from tests.emulator.errors import EmulatorError
from tests.emulator.validation import filter_output, validate_input

from .helpers import SIMULATOR


def _fields(operation, params):
    with pytest.raises(EmulatorError) as caught:
        validate_input(operation, params)
    error = caught.value
    assert error.code == "ValidationException"
    assert error.extra["Reason"] == "FIELD_VALIDATION_FAILED"
    for field in error.extra["Fields"]:
        assert field["Name"] in error.message
    return {f["Name"]: f["Message"] for f in error.extra["Fields"]}


def test_valid_requests_pass():
    validate_input("RequestPhoneNumber", dict(SIMULATOR, Tags=[{"Key": "a", "Value": ""}], ClientToken="x"))
    validate_input("DescribePhoneNumbers", {})
    validate_input("DescribePhoneNumbers", {"Unknown": "members are ignored"})


@pytest.mark.parametrize(
    ("operation", "params", "expected"),
    [
        ("RequestPhoneNumber", {}, {"IsoCountryCode", "MessageType", "NumberCapabilities", "NumberType"}),
        ("RequestPhoneNumber", dict(SIMULATOR, IsoCountryCode="us"), {"IsoCountryCode"}),
        ("RequestPhoneNumber", dict(SIMULATOR, IsoCountryCode="USA"), {"IsoCountryCode"}),
        ("RequestPhoneNumber", dict(SIMULATOR, MessageType="BULK"), {"MessageType"}),
        ("RequestPhoneNumber", dict(SIMULATOR, NumberCapabilities=[]), {"NumberCapabilities"}),
        ("RequestPhoneNumber", dict(SIMULATOR, NumberCapabilities=["SMS"] * 5), {"NumberCapabilities"}),
        ("RequestPhoneNumber", dict(SIMULATOR, NumberCapabilities=["FAX"]), {"NumberCapabilities[0]"}),
        ("RequestPhoneNumber", dict(SIMULATOR, NumberCapabilities="SMS"), {"NumberCapabilities"}),
        ("RequestPhoneNumber", dict(SIMULATOR, DeletionProtectionEnabled="yes"), {"DeletionProtectionEnabled"}),
        ("RequestPhoneNumber", dict(SIMULATOR, ClientToken="has space"), {"ClientToken"}),
        ("RequestPhoneNumber", dict(SIMULATOR, ClientToken="x" * 65), {"ClientToken"}),
        ("RequestPhoneNumber", dict(SIMULATOR, Tags=[{"Key": "k"}]), {"Tags[0].Value"}),
        ("RequestPhoneNumber", dict(SIMULATOR, Tags=[{"Key": "k", "Value": 3}]), {"Tags[0].Value"}),
        ("RequestPhoneNumber", dict(SIMULATOR, OptOutListName="bad name"), {"OptOutListName"}),
        ("DescribePhoneNumbers", {"MaxResults": True}, {"MaxResults"}),
        ("DescribePhoneNumbers", {"MaxResults": 1000}, {"MaxResults"}),
        ("DescribePhoneNumbers", {"PhoneNumberIds": ["a"] * 6}, {"PhoneNumberIds"}),
        ("DescribePhoneNumbers", {"Filters": [{"Name": "status"}]}, {"Filters[0].Values"}),
        ("DescribePhoneNumbers", {"Filters": [{"Name": "status", "Values": ["A B"]}]}, {"Filters[0].Values[0]"}),
        ("DescribePhoneNumbers", {"Owner": "EVERYONE"}, {"Owner"}),
        ("UpdatePhoneNumber", {"PhoneNumberId": "p", "TwoWayChannelArn": "short"}, {"TwoWayChannelArn"}),
        ("UpdatePhoneNumber", {"PhoneNumberId": "p", "TwoWayChannelRole": "role/" + "x" * 20}, {"TwoWayChannelRole"}),
        ("TagResource", {"ResourceArn": "arn:too-short", "Tags": []}, {"ResourceArn", "Tags"}),
        ("PutKeyword", {"OriginationIdentity": "p", "Keyword": "K", "KeywordMessage": "\n \t"}, {"KeywordMessage"}),
    ],
)
def test_invalid_requests_name_every_member(operation, params, expected):
    assert set(_fields(operation, params)) == expected


def test_message_follows_aws_wording():
    with pytest.raises(EmulatorError) as caught:
        validate_input("RequestPhoneNumber", dict(SIMULATOR, IsoCountryCode="USA"))
    assert caught.value.message.startswith("2 validation errors detected: Value 'USA' at 'IsoCountryCode' failed to")
    assert "Member must have length less than or equal to 2" in caught.value.message
    assert "Member must satisfy regular expression pattern: [A-Z]{2}" in caught.value.message


def test_filter_output_keeps_declared_members_only():
    document = {"PhoneNumberId": "p", "PoolId": None, "Tags": [], "Bogus": 1}
    assert filter_output("RequestPhoneNumber", document) == {"PhoneNumberId": "p", "Tags": []}
    assert filter_output("ReleasePhoneNumber", {"PoolId": "x", "Status": "DELETED"}) == {"Status": "DELETED"}
