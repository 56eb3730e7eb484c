"""Tags and keywords through boto3, in-process and over HTTP.

The module's ``tags``/``purge_tags`` turn into TagResource/UntagResource on
exactly the difference, so the emulator must keep tags faithfully (order,
overwrite, removal) and enforce the model's limits; keywords carry the
service's fixed STOP/HELP rules.
"""

from __future__ import annotations

import pytest

from .helpers import TOLL_FREE, campaign, raises, request, settle


def _tags(n, prefix="k"):
    return [{"Key": f"{prefix}{i}", "Value": f"v{i}"} for i in range(n)]


def test_tag_untag_list_on_every_resource_type(api):
    client = api.client()
    number = request(client)
    pool = client.create_pool(OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL")
    settle(api)
    opt_out = client.create_opt_out_list(OptOutListName="tagged")
    for arn in (number["PhoneNumberArn"], pool["PoolArn"], opt_out["OptOutListArn"]):
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "Name", "Value": "one"}, {"Key": "env", "Value": "dev"}])
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "Name", "Value": "two"}, {"Key": "owner", "Value": ""}])
        listed = client.list_tags_for_resource(ResourceArn=arn)
        assert listed["ResourceArn"] == arn
        assert listed["Tags"] == [
            {"Key": "Name", "Value": "two"},
            {"Key": "env", "Value": "dev"},
            {"Key": "owner", "Value": ""},
        ]
        client.untag_resource(ResourceArn=arn, TagKeys=["env", "not-there"])
        assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
            {"Key": "Name", "Value": "two"},
            {"Key": "owner", "Value": ""},
        ]
    state = api.state()["us-east-1"]
    assert state["phone_numbers"][0]["Tags"] == [{"Key": "Name", "Value": "two"}, {"Key": "owner", "Value": ""}]
    assert state["pools"][0]["Tags"] == [{"Key": "Name", "Value": "two"}, {"Key": "owner", "Value": ""}]
    assert [o["OptOutListName"] for o in state["opt_out_lists"]] == ["Default", "tagged"]


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:sns:us-east-1:123456789012:topic",
        "arn:aws:sms-voice:us-east-1:1234:phone-number/phone-1",
        "arn:aws:sms-voice:us-east-1:123456789012:phone-number",
        "arn:aws:sms-voice:us-east-1:123456789012:gadget/thing-1",
    ],
)
def test_malformed_arns(mock_emulator, arn):
    with raises("ValidationException", Reason="INVALID_ARN") as caught:
        mock_emulator.client().list_tags_for_resource(ResourceArn=arn)
    assert caught.value.response["Fields"][0]["Name"] == "ResourceArn"


def test_unknown_resources(api):
    client = api.client()
    number = request(client)
    missing = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-" + "4" * 32
    with raises("ResourceNotFoundException", ResourceType="phone-number", ResourceId=missing):
        client.tag_resource(ResourceArn=missing, Tags=[{"Key": "a", "Value": "b"}])
    elsewhere = number["PhoneNumberArn"].replace("us-east-1", "us-west-2")
    with raises("ResourceNotFoundException", ResourceType="phone-number", ResourceId=elsewhere):
        client.list_tags_for_resource(ResourceArn=elsewhere)
    sender = "arn:aws:sms-voice:us-east-1:123456789012:sender-id/BRAND/US"
    with raises("ResourceNotFoundException", ResourceType="sender-id"):
        client.untag_resource(ResourceArn=sender, TagKeys=["a"])
    with raises("ResourceNotFoundException", ResourceType="opt-out-list"):
        client.list_tags_for_resource(ResourceArn="arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/none")
    # Tags of a released number can still be read, not changed.
    client.tag_resource(ResourceArn=number["PhoneNumberArn"], Tags=[{"Key": "a", "Value": "b"}])
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert client.list_tags_for_resource(ResourceArn=number["PhoneNumberArn"])["Tags"] == [{"Key": "a", "Value": "b"}]
    with raises("ResourceNotFoundException", ResourceType="phone-number"):
        client.tag_resource(ResourceArn=number["PhoneNumberArn"], Tags=[{"Key": "c", "Value": "d"}])


def test_tag_limits(api):
    client = api.client(parameter_validation=False)
    arn = request(client)["PhoneNumberArn"]
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED") as caught:
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "aws:cloudformation:stack", "Value": "x"}])
    assert caught.value.response["Fields"][0]["Name"] == "Tags[0].Key"
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        client.untag_resource(ResourceArn=arn, TagKeys=["AWS:reserved"])
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "k" * 129, "Value": "x"}])
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v" * 257}])
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED") as caught:
        client.tag_resource(ResourceArn=arn, Tags=_tags(201))
    assert caught.value.response["Fields"][0]["Name"] == "Tags"
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        client.tag_resource(ResourceArn=arn, Tags=[])
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "dup", "Value": "1"}, {"Key": "dup", "Value": "2"}])
    client.tag_resource(ResourceArn=arn, Tags=_tags(50))
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "k0", "Value": "overwrite is fine"}])
    with raises("ServiceQuotaExceededException", Reason="TAGS_PER_RESOURCE"):
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "one-too-many", "Value": "x"}])
    assert len(client.list_tags_for_resource(ResourceArn=arn)["Tags"]) == 50
    with raises("ServiceQuotaExceededException", Reason="TAGS_PER_RESOURCE"):
        request(client, Tags=_tags(51))
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        request(client, Tags=[{"Key": "aws:x", "Value": "y"}])


def test_default_keywords_and_put(api):
    client = api.client()
    number = request(client)
    number_id = number["PhoneNumberId"]
    keywords = client.describe_keywords(OriginationIdentity=number_id)
    assert keywords["OriginationIdentity"] == number_id
    assert keywords["OriginationIdentityArn"] == number["PhoneNumberArn"]
    assert [(k["Keyword"], k["KeywordAction"]) for k in keywords["Keywords"]] == [
        ("STOP", "OPT_OUT"),
        ("HELP", "AUTOMATIC_RESPONSE"),
    ]
    assert all(k["KeywordMessage"] for k in keywords["Keywords"])
    put = client.put_keyword(OriginationIdentity=number["PhoneNumberArn"], Keyword="Info", KeywordMessage="Hello")
    assert put == {
        "OriginationIdentityArn": number["PhoneNumberArn"],
        "OriginationIdentity": number_id,
        "Keyword": "INFO",
        "KeywordMessage": "Hello",
        "KeywordAction": "AUTOMATIC_RESPONSE",
        "ResponseMetadata": put["ResponseMetadata"],
    }
    # Case-insensitive: the same keyword, updated in place, stored upper-cased as the service keeps it.
    client.put_keyword(OriginationIdentity=number_id, Keyword="INFO", KeywordMessage="Hi", KeywordAction="OPT_IN")
    client.put_keyword(OriginationIdentity=number_id, Keyword="stop", KeywordMessage="Bye now", KeywordAction="OPT_OUT")
    keywords = client.describe_keywords(OriginationIdentity=number_id)["Keywords"]
    assert keywords == [
        {"Keyword": "STOP", "KeywordMessage": "Bye now", "KeywordAction": "OPT_OUT"},
        {"Keyword": "HELP", "KeywordMessage": keywords[1]["KeywordMessage"], "KeywordAction": "AUTOMATIC_RESPONSE"},
        {"Keyword": "INFO", "KeywordMessage": "Hi", "KeywordAction": "OPT_IN"},
    ]
    state_keywords = api.state()["us-east-1"]["phone_numbers"][0]["Keywords"]
    assert [k["Keyword"] for k in state_keywords] == ["STOP", "HELP", "INFO"]


def test_keyword_rules(api):
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    with raises("ConflictException", Reason="RESOURCE_DELETION_NOT_ALLOWED", ResourceType="keyword", ResourceId="Stop"):
        client.delete_keyword(OriginationIdentity=number_id, Keyword="Stop")
    with raises("ConflictException", Reason="RESOURCE_DELETION_NOT_ALLOWED"):
        client.delete_keyword(OriginationIdentity=number_id, Keyword="HELP")
    with raises("ConflictException", Reason="RESOURCE_MODIFICATION_NOT_ALLOWED", ResourceType="keyword"):
        client.put_keyword(OriginationIdentity=number_id, Keyword="HELP", KeywordMessage="x", KeywordAction="OPT_OUT")
    with raises("ResourceNotFoundException", ResourceType="keyword", ResourceId="absent"):
        client.delete_keyword(OriginationIdentity=number_id, Keyword="absent")
    with raises("ResourceNotFoundException", ResourceType="phone-number"):
        client.put_keyword(OriginationIdentity="phone-" + "5" * 32, Keyword="A", KeywordMessage="b")
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        api.client(parameter_validation=False).put_keyword(
            OriginationIdentity=number_id, Keyword="x" * 31, KeywordMessage="too long"
        )
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        client.put_keyword(OriginationIdentity=number_id, Keyword="BLANK", KeywordMessage="   ")
    client.put_keyword(OriginationIdentity=number_id, Keyword="promo", KeywordMessage="10% off")
    deleted = client.delete_keyword(OriginationIdentity=number_id, Keyword="PROMO")
    assert deleted["Keyword"] == "PROMO"
    assert deleted["KeywordMessage"] == "10% off"
    assert deleted["OriginationIdentity"] == number_id
    assert [k["Keyword"] for k in client.describe_keywords(OriginationIdentity=number_id)["Keywords"]] == [
        "STOP",
        "HELP",
    ]
    for index in range(28):
        client.put_keyword(OriginationIdentity=number_id, Keyword=f"KW{index}", KeywordMessage="m")
    client.put_keyword(OriginationIdentity=number_id, Keyword="kw0", KeywordMessage="updating is not adding")
    with raises("ServiceQuotaExceededException", Reason="KEYWORDS_PER_PHONE_NUMBER"):
        client.put_keyword(OriginationIdentity=number_id, Keyword="KW99", KeywordMessage="m")
    client.release_phone_number(PhoneNumberId=number_id)
    with raises("ConflictException", Reason="RESOURCE_NOT_ACTIVE"):
        client.put_keyword(OriginationIdentity=number_id, Keyword="late", KeywordMessage="m")


def test_describe_keywords_selection_and_pages(api):
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    for keyword, action in (("JOIN", "OPT_IN"), ("START", "OPT_IN"), ("INFO", "AUTOMATIC_RESPONSE")):
        client.put_keyword(OriginationIdentity=number_id, Keyword=keyword, KeywordMessage="m", KeywordAction=action)
    chosen = client.describe_keywords(OriginationIdentity=number_id, Keywords=["info", "stop"])["Keywords"]
    assert [k["Keyword"] for k in chosen] == ["STOP", "INFO"]
    with raises("ResourceNotFoundException", ResourceType="keyword", ResourceId="NOPE"):
        client.describe_keywords(OriginationIdentity=number_id, Keywords=["NOPE"])
    opt_in = client.describe_keywords(
        OriginationIdentity=number_id, Filters=[{"Name": "keyword-action", "Values": ["OPT_IN"]}]
    )["Keywords"]
    assert [k["Keyword"] for k in opt_in] == ["JOIN", "START"]
    either = client.describe_keywords(
        OriginationIdentity=number_id, Filters=[{"Name": "keyword-action", "Values": ["OPT_IN", "OPT_OUT"]}]
    )["Keywords"]
    assert [k["Keyword"] for k in either] == ["STOP", "JOIN", "START"]
    with raises("ValidationException", Reason="INVALID_FILTER_VALUES"):
        client.describe_keywords(
            OriginationIdentity=number_id, Filters=[{"Name": "keyword-action", "Values": ["SHOUT"]}]
        )
    pages = client.get_paginator("describe_keywords").paginate(
        OriginationIdentity=number_id, PaginationConfig={"PageSize": 2}
    )
    seen = [[k["Keyword"] for k in page["Keywords"]] for page in pages]
    assert seen == [["STOP", "HELP"], ["JOIN", "START"], ["INFO"]]


def test_pool_keywords(api):
    client = api.client()
    number_id = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=number_id, MessageType="TRANSACTIONAL")
    settle(api)
    client.put_keyword(OriginationIdentity=pool["PoolArn"], Keyword="POOLY", KeywordMessage="from the pool")
    assert [k["Keyword"] for k in client.describe_keywords(OriginationIdentity=pool["PoolId"])["Keywords"]] == [
        "STOP",
        "HELP",
        "POOLY",
    ]
    assert "POOLY" not in [k["Keyword"] for k in client.describe_keywords(OriginationIdentity=number_id)["Keywords"]]
    for index in range(27):
        client.put_keyword(OriginationIdentity=pool["PoolId"], Keyword=f"P{index}", KeywordMessage="m")
    with raises("ServiceQuotaExceededException", Reason="KEYWORDS_PER_POOL"):
        client.put_keyword(OriginationIdentity=pool["PoolId"], Keyword="P99", KeywordMessage="m")
    with raises("ResourceNotFoundException", ResourceType="pool"):
        client.describe_keywords(OriginationIdentity="pool-" + "6" * 32)


def _us_toll_free(api, client):
    api.config(pending_seconds={"TOLL_FREE": 0})
    return client.request_phone_number(**TOLL_FREE)["PhoneNumberId"]


def test_us_toll_free_numbers_have_stop_as_their_only_opt_out_keyword(api):
    client = api.client()
    number_id = _us_toll_free(api, client)
    with raises("ValidationException", Reason="INVALID_PARAMETER") as caught:
        client.put_keyword(OriginationIdentity=number_id, Keyword="QUIT", KeywordMessage="Bye", KeywordAction="OPT_OUT")
    assert caught.value.response["Fields"][0]["Name"] == "KeywordAction"
    client.put_keyword(OriginationIdentity=number_id, Keyword="QUIT", KeywordMessage="Bye", KeywordAction="OPT_IN")
    keywords = client.describe_keywords(OriginationIdentity=number_id)["Keywords"]
    assert [(k["Keyword"], k["KeywordAction"]) for k in keywords if k["KeywordAction"] == "OPT_OUT"] == [
        ("STOP", "OPT_OUT")
    ]


def test_the_stop_reply_of_a_us_toll_free_number_cannot_change(api):
    client = api.client()
    number_id = _us_toll_free(api, client)
    current = client.describe_keywords(OriginationIdentity=number_id, Keywords=["STOP"])["Keywords"][0]
    with raises("ConflictException", Reason="RESOURCE_MODIFICATION_NOT_ALLOWED", ResourceType="keyword"):
        client.put_keyword(
            OriginationIdentity=number_id, Keyword="stop", KeywordMessage="Bye now", KeywordAction="OPT_OUT"
        )
    same = client.put_keyword(
        OriginationIdentity=number_id,
        Keyword="STOP",
        KeywordMessage=current["KeywordMessage"],
        KeywordAction="OPT_OUT",
    )
    assert same["KeywordMessage"] == current["KeywordMessage"]
    help_reply = client.put_keyword(OriginationIdentity=number_id, Keyword="HELP", KeywordMessage="Call us")
    assert help_reply["KeywordMessage"] == "Call us"


def test_the_toll_free_rules_apply_to_a_pool_with_a_us_toll_free_number(api):
    client = api.client()
    number_id = _us_toll_free(api, client)
    pool_id = client.create_pool(OriginationIdentity=number_id, MessageType="PROMOTIONAL")["PoolId"]
    settle(api)
    with raises("ValidationException", Reason="INVALID_PARAMETER"):
        client.put_keyword(OriginationIdentity=pool_id, Keyword="END", KeywordMessage="Bye", KeywordAction="OPT_OUT")
    with raises("ConflictException", Reason="RESOURCE_MODIFICATION_NOT_ALLOWED"):
        client.put_keyword(OriginationIdentity=pool_id, Keyword="STOP", KeywordMessage="Gone", KeywordAction="OPT_OUT")


def test_other_numbers_may_have_more_opt_out_keywords_and_change_the_stop_reply(api):
    client = api.client()
    api.config(pending_seconds={"TEN_DLC": 0, "TOLL_FREE": 0})
    canadian_toll_free = client.request_phone_number(**{**TOLL_FREE, "IsoCountryCode": "CA"})["PhoneNumberId"]
    ten_dlc = request(client, NumberType="TEN_DLC", RegistrationId=campaign(api))["PhoneNumberId"]
    for number_id in (request(client)["PhoneNumberId"], ten_dlc, canadian_toll_free):
        client.put_keyword(OriginationIdentity=number_id, Keyword="QUIT", KeywordMessage="Bye", KeywordAction="OPT_OUT")
        client.put_keyword(
            OriginationIdentity=number_id, Keyword="STOP", KeywordMessage="Gone", KeywordAction="OPT_OUT"
        )
        stop = client.describe_keywords(OriginationIdentity=number_id, Keywords=["STOP"])["Keywords"][0]
        assert stop["KeywordMessage"] == "Gone"
