"""The request's ClientToken, ARN checks and the guard against a second number by one name."""

from __future__ import annotations

import re

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import (
    MAX_TOKEN_HOPS,
    Requester,
    canonical_request,
    check_arn_region,
    client_token,
    parse_arn,
)

REQUEST = dict(
    IsoCountryCode="US",
    MessageType="TRANSACTIONAL",
    NumberCapabilities=["SMS", "VOICE"],
    NumberType="SIMULATOR",
    Tags=[{"Key": "Name", "Value": "alerts"}, {"Key": "team", "Value": "ops"}],
)
NUMBER_ID = "phone-0123456789abcdef0123456789abcdef"
# The model's limits for ClientToken: 1 to 64 characters of [!-~].
TOKEN_RE = re.compile(r"[!-~]{1,64}")


def test_client_token_is_the_same_for_the_same_request():
    assert client_token("us-east-1", REQUEST) == client_token("us-east-1", dict(REQUEST))


def test_client_token_is_within_the_model_limits():
    token = client_token("us-east-1", dict(REQUEST, Tags=[{"Key": "Name", "Value": "x" * 256}]))
    assert TOKEN_RE.fullmatch(token)


def test_client_token_ignores_order_and_any_token_already_set():
    reordered = dict(
        REQUEST,
        NumberCapabilities=["VOICE", "SMS"],
        Tags=list(reversed(REQUEST["Tags"])),
        ClientToken="something-else",
    )
    assert client_token("us-east-1", reordered) == client_token("us-east-1", REQUEST)


@pytest.mark.parametrize(
    ("region", "change"),
    [
        ("eu-west-1", {}),
        ("us-east-1", {"Tags": [{"Key": "Name", "Value": "other"}]}),
        ("us-east-1", {"NumberType": "TOLL_FREE"}),
        ("us-east-1", {"DeletionProtectionEnabled": True}),
        ("us-east-1", {"Tags": [{"Key": "Name", "Value": "alerts"}, {"Key": "team", "Value": "dev"}]}),
    ],
    ids=["region", "name", "number-type", "setting", "tag"],
)
def test_client_token_differs_when_region_name_or_any_setting_differs(region, change):
    assert client_token(region, dict(REQUEST, **change)) != client_token("us-east-1", REQUEST)


def test_next_token_after_a_released_number_is_new_and_the_same_for_every_run():
    first = client_token("us-east-1", REQUEST)
    after = client_token("us-east-1", REQUEST, replaced=NUMBER_ID)
    assert after != first
    assert after == client_token("us-east-1", dict(REQUEST), replaced=NUMBER_ID)
    assert TOKEN_RE.fullmatch(after)
    assert client_token("us-east-1", REQUEST, replaced=NUMBER_ID.replace("0", "1")) != after
    assert MAX_TOKEN_HOPS >= 1


def test_canonical_request_sorts_tags_and_capabilities_and_drops_the_token():
    out = canonical_request(dict(REQUEST, ClientToken="t", NumberCapabilities=["VOICE", "SMS"]))
    assert "ClientToken" not in out
    assert out["NumberCapabilities"] == ["SMS", "VOICE"]
    assert [t["Key"] for t in out["Tags"]] == ["Name", "team"]


def test_parse_arn_reads_region_account_and_id():
    arn = "arn:aws:sms-voice:eu-west-1:111122223333:phone-number/" + NUMBER_ID
    assert parse_arn(arn) == dict(region="eu-west-1", account="111122223333", id=NUMBER_ID)
    assert parse_arn(NUMBER_ID) is None


def test_arn_of_another_region_fails_naming_both_regions():
    arn = "arn:aws:sms-voice:eu-west-1:123456789012:phone-number/" + NUMBER_ID
    with pytest.raises(SmsVoiceError, match="region eu-west-1, but this task runs in region us-east-1"):
        check_arn_region(dict(phone_number_id=arn), "us-east-1")
    check_arn_region(dict(phone_number_id=arn), "eu-west-1")
    check_arn_region(dict(phone_number_id=NUMBER_ID), "us-east-1")


# -- Requester: the request, the replay chain and the re-read by name, on fakes ----------------------


class FakeApi:
    """Answers RequestPhoneNumber from ``answers`` (token -> number dict); records the tokens sent."""

    def __init__(self, answers, default):
        self.answers = answers
        self.default = default
        self.tokens = []

    def call(self, operation, **params):
        assert operation == "RequestPhoneNumber"
        self.tokens.append(params["ClientToken"])
        return dict(self.answers.get(params["ClientToken"], self.default))


class FakeReader:
    """Live numbers as ``{id: tags}``; ``seen`` are IDs whose tags the lookup already read."""

    def __init__(self, live, seen=()):
        self.live = live
        self.seen_tags = {"arn/" + i: self.live[i] for i in seen}
        self.tags_read = []

    def describe_all(self, filters=None):
        return [{"PhoneNumberId": i, "PhoneNumberArn": "arn/" + i} for i in self.live]

    def by_id(self, number_id):
        return {"PhoneNumberId": number_id, "PhoneNumberArn": "arn/" + number_id} if number_id in self.live else None

    def tags(self, number):
        self.tags_read.append(number["PhoneNumberId"])
        self.seen_tags[number["PhoneNumberArn"]] = self.live[number["PhoneNumberId"]]
        return self.live[number["PhoneNumberId"]]

    def tags_for(self, numbers):
        return [self.tags(n) for n in numbers]

    def created(self, arn, tags):
        """As the lookup after a request: nothing to learn here, every number's tags are in ``live``."""


def number(suffix, status="ACTIVE"):
    return {"PhoneNumberId": "phone-" + suffix * 32, "Status": status}


def requester(api, reader):
    return Requester(api, reader, "us-east-1", "alerts")


def test_requester_returns_the_number_the_derived_token_leased():
    api = FakeApi({}, number("a"))
    response = requester(api, FakeReader({number("a")["PhoneNumberId"]: {"Name": "alerts"}}))(REQUEST)
    assert response["PhoneNumberId"] == number("a")["PhoneNumberId"]
    assert api.tokens == [client_token("us-east-1", REQUEST)]


@pytest.mark.parametrize(
    ("replayed", "live_tags"),
    [(number("a", "DELETED"), {}), (number("a"), {"Name": "renamed"})],
    ids=["released", "renamed"],
)
def test_requester_moves_to_the_next_token_when_the_answer_is_not_a_live_number_of_the_name(replayed, live_tags):
    first = client_token("us-east-1", REQUEST)
    second = client_token("us-east-1", REQUEST, replaced=replayed["PhoneNumberId"])
    live = {number("b")["PhoneNumberId"]: {"Name": "alerts"}}
    if live_tags:
        live[replayed["PhoneNumberId"]] = live_tags
    api = FakeApi({first: replayed}, number("b"))
    response = requester(api, FakeReader(live))(REQUEST)
    assert api.tokens == [first, second]
    assert response["PhoneNumberId"] == number("b")["PhoneNumberId"]


def test_requester_reads_again_only_the_tags_of_numbers_the_lookup_did_not_see():
    old = {"phone-" + str(i) * 32: {"Name": "other"} for i in range(1, 5)}
    live = dict(old, **{number("a")["PhoneNumberId"]: {"Name": "alerts"}})
    reader = FakeReader(live, seen=old)
    requester(FakeApi({}, number("a")), reader)(REQUEST)
    assert reader.tags_read == [number("a")["PhoneNumberId"]]


def test_requester_fails_naming_duplicates_with_changed_true():
    live = {number("a")["PhoneNumberId"]: {"Name": "alerts"}, number("c")["PhoneNumberId"]: {"Name": "alerts"}}
    with pytest.raises(SmsVoiceError, match="also has that name") as caught:
        requester(FakeApi({}, number("a")), FakeReader(live))(REQUEST)
    result = caught.value.result()
    assert result["changed"] is True
    assert result["phone_number_id"] == number("a")["PhoneNumberId"]
    assert result["duplicates"] == [number("c")["PhoneNumberId"]]


def test_requester_asks_with_a_random_token_after_the_chain_is_exhausted():
    live = {number("b")["PhoneNumberId"]: {"Name": "alerts"}}

    class Chain(FakeApi):
        def call(self, operation, **params):
            response = super().call(operation, **params)
            return number("b") if len(self.tokens) > MAX_TOKEN_HOPS else response

    chain = Chain({}, number("a", "DELETED"))
    response = requester(chain, FakeReader(live))(REQUEST)
    assert response["PhoneNumberId"] == number("b")["PhoneNumberId"]
    assert len(chain.tokens) == MAX_TOKEN_HOPS + 1
    assert all(t.startswith("ansible-sms-voice-") for t in chain.tokens[:-1])
    assert not chain.tokens[-1].startswith("ansible-sms-voice-")
    assert TOKEN_RE.fullmatch(chain.tokens[-1])


class UnreadableReader(FakeReader):
    """The listing after the request fails (throttling that outlasted the retries, say)."""

    def describe_all(self, filters=None):
        raise SmsVoiceError("DescribePhoneNumbers failed: ThrottlingException", code="ThrottlingException")


def test_requester_reports_the_lease_when_the_re_read_after_it_fails():
    api = FakeApi({}, number("a"))
    with pytest.raises(SmsVoiceError, match="ThrottlingException") as caught:
        requester(api, UnreadableReader({number("a")["PhoneNumberId"]: {"Name": "alerts"}}))(REQUEST)
    result = caught.value.result()
    assert result["changed"] is True
    assert result["phone_number_id"] == number("a")["PhoneNumberId"]


def test_apply_plan_reports_the_number_leased_by_a_request_that_then_failed():
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.apply import apply_plan
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.plan import Plan, Step
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import PHONE_NUMBER

    plan = Plan(
        "request",
        None,
        {"phone_number_id": None, "status": None, "tags": {"Name": "alerts"}},
        [
            Step("RequestPhoneNumber", dict(REQUEST), wait="ACTIVE"),
            Step("TagResource", {"ResourceArn": "x", "Tags": [{"Key": "team", "Value": "ops"}]}),
        ],
        resource=PHONE_NUMBER,
    )
    request = requester(FakeApi({}, number("a")), UnreadableReader({}))
    with pytest.raises(SmsVoiceError) as caught:
        apply_plan(api=None, plan=plan, waiter=None, request=request)
    result = caught.value.result()
    assert result["changed"] is True
    assert result["done"] == ["RequestPhoneNumber"]
    assert result["not_done"] == ["TagResource"]
    assert result["phone_number"]["phone_number_id"] == number("a")["PhoneNumberId"]
    assert "Nothing was changed" not in result["msg"]
