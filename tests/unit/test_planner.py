"""The planner on plain dicts: every branch of present/absent, no AWS and no emulator."""

from __future__ import annotations

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.plan import plan_tags
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import (
    NEW_NUMBER_ID,
    number_desired,
    plan_absent,
    plan_present,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.shape import RESULT_KEYS

NUMBER_ID = "phone-0123456789abcdef0123456789abcdef"
ARN = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/" + NUMBER_ID
TOPIC = "arn:aws:sns:us-east-1:123456789012:replies"
ROLE = "arn:aws:iam::123456789012:role/TwoWay"


def current(**overrides):
    number = dict.fromkeys(RESULT_KEYS)
    number.update(
        phone_number_arn=ARN,
        phone_number_id=NUMBER_ID,
        phone_number="+12065550100",
        status="ACTIVE",
        iso_country_code="US",
        message_type="TRANSACTIONAL",
        number_capabilities=["SMS", "VOICE"],
        number_type="SIMULATOR",
        monthly_leasing_price="0.00",
        two_way_enabled=False,
        self_managed_opt_outs_enabled=False,
        opt_out_list_name="Default",
        international_sending_enabled=False,
        deletion_protection_enabled=False,
        created_timestamp="2026-11-26T00:00:00+00:00",
        tags={"Name": "alerts", "team": "ops"},
    )
    number.update(overrides)
    return number


def desired(**settings):
    base = dict(lookup="name", name="alerts", purge_tags=True, state="present")
    base.update(settings)
    return number_desired(base)


REQUEST = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS"], number_type="SIMULATOR"
)


def test_converged_number_plans_no_call():
    plan = plan_present(current(), desired(iso_country_code="US", number_capabilities=["VOICE", "SMS"]))
    assert plan.steps == []
    assert not plan.changed
    assert plan.after == plan.before == current()


def test_unset_options_are_never_touched():
    number = current(two_way_enabled=True, two_way_channel_arn=TOPIC, deletion_protection_enabled=True)
    plan = plan_present(number, desired(name=None, lookup="phone_number_id", phone_number_id=NUMBER_ID))
    assert plan.steps == []


@pytest.mark.parametrize(
    ("option", "api_name", "value"),
    [
        ("deletion_protection_enabled", "DeletionProtectionEnabled", True),
        ("opt_out_list_name", "OptOutListName", "marketing"),
        ("self_managed_opt_outs_enabled", "SelfManagedOptOutsEnabled", True),
        ("international_sending_enabled", "InternationalSendingEnabled", True),
        ("two_way_channel_role", "TwoWayChannelRole", ROLE),
        ("two_way_channel_arn", "TwoWayChannelArn", TOPIC),
    ],
)
def test_each_mutable_setting_is_one_update_carrying_only_it(option, api_name, value):
    plan = plan_present(current(), desired(**{option: value}))
    assert [(s.operation, s.params) for s in plan.steps] == [
        ("UpdatePhoneNumber", {"PhoneNumberId": NUMBER_ID, api_name: value})
    ]
    assert plan.after[option] == value
    assert plan.action == "update"


def test_several_settings_share_one_update():
    plan = plan_present(
        current(), desired(two_way_enabled=True, two_way_channel_arn=TOPIC, deletion_protection_enabled=True)
    )
    assert plan.operations == ["UpdatePhoneNumber"]
    assert plan.steps[0].params == {
        "PhoneNumberId": NUMBER_ID,
        "TwoWayEnabled": True,
        "TwoWayChannelArn": TOPIC,
        "DeletionProtectionEnabled": True,
    }


def test_two_way_without_channel_fails_naming_the_channel_option():
    with pytest.raises(SmsVoiceError, match="two_way_channel_arn"):
        plan_present(current(), desired(two_way_enabled=True))


def test_two_way_with_existing_channel_needs_no_channel_in_task():
    plan = plan_present(current(two_way_channel_arn=TOPIC), desired(two_way_enabled=True))
    assert plan.steps[0].params == {"PhoneNumberId": NUMBER_ID, "TwoWayEnabled": True}


def test_immutable_drift_fails_listing_every_difference():
    with pytest.raises(SmsVoiceError) as err:
        plan_present(
            current(),
            desired(
                number_type="TOLL_FREE", message_type="PROMOTIONAL", number_capabilities=["SMS"], iso_country_code="US"
            ),
        )
    assert err.value.extra["differences"] == [
        "message_type: TRANSACTIONAL -> PROMOTIONAL",
        "number_capabilities: ['SMS', 'VOICE'] -> ['SMS']",
        "number_type: SIMULATOR -> TOLL_FREE",
    ]
    assert NUMBER_ID in err.value.msg


def test_capabilities_compare_as_a_set():
    assert plan_present(current(), desired(number_capabilities=["VOICE", "SMS"])).steps == []


def test_registration_id_is_immutable():
    with pytest.raises(SmsVoiceError, match="registration_id: not set -> reg-1"):
        plan_present(current(), desired(registration_id="reg-1"))


def test_tags_added_changed_and_purged_by_difference_only():
    plan = plan_present(
        current(tags={"Name": "alerts", "team": "ops", "old": "x"}), desired(tags={"team": "dev", "new": "1"})
    )
    assert [(s.operation, s.params) for s in plan.steps] == [
        ("UntagResource", {"ResourceArn": ARN, "TagKeys": ["old"]}),
        ("TagResource", {"ResourceArn": ARN, "Tags": [{"Key": "new", "Value": "1"}, {"Key": "team", "Value": "dev"}]}),
    ]
    assert plan.after["tags"] == {"Name": "alerts", "team": "dev", "new": "1"}


def test_name_tag_is_kept_when_purging():
    plan = plan_present(current(), desired(tags={"team": "ops"}))
    assert plan.steps == []


def test_purge_tags_false_keeps_other_tags():
    plan = plan_present(current(), desired(tags={"new": "1"}, purge_tags=False))
    assert plan.operations == ["TagResource"]
    assert plan.after["tags"] == {"Name": "alerts", "team": "ops", "new": "1"}


def test_tags_unset_leaves_tags_alone_even_with_purge():
    plan = plan_present(current(tags={"Name": "alerts", "x": "y"}), desired(purge_tags=True))
    assert plan.steps == []


def test_empty_tags_purges_all_but_name():
    plan = plan_present(current(), desired(tags={}))
    assert [(s.operation, s.params) for s in plan.steps] == [
        ("UntagResource", {"ResourceArn": ARN, "TagKeys": ["team"]})
    ]


def test_name_tag_is_never_purged_by_a_task_that_does_not_set_name():
    by_id = desired(name=None, lookup="phone_number_id", phone_number_id=NUMBER_ID, tags={"team": "platform"})
    plan = plan_present(current(tags={"Name": "keep", "team": "ops"}), by_id)
    assert [(s.operation, s.params) for s in plan.steps] == [
        ("TagResource", {"ResourceArn": ARN, "Tags": [{"Key": "team", "Value": "platform"}]})
    ]
    assert plan.after["tags"] == {"Name": "keep", "team": "platform"}


def test_name_tag_is_never_purged_even_by_empty_tags_without_name():
    to_set, to_remove, result = plan_tags(
        {"Name": "keep", "a": "1"}, number_desired(dict(name=None, tags={}, purge_tags=True))
    )
    assert (to_set, to_remove, result) == ({}, ["a"], {"Name": "keep"})


def test_name_tag_changes_only_when_the_task_sets_name():
    to_set, to_remove, result = plan_tags(
        {"Name": "old", "a": "1"}, number_desired(dict(name="new", tags={}, purge_tags=True))
    )
    assert (to_set, to_remove, result) == ({"Name": "new"}, ["a"], {"Name": "new"})


@pytest.mark.parametrize("key", ["aws:cloudformation:stack-name", "AWS:CloudFormation:logical-id"])
@pytest.mark.parametrize("name", ["alerts", None])
def test_aws_tags_are_never_purged(key, name):
    number = current(tags={"Name": "alerts", key: "stack", "team": "ops"})
    lookup = dict(lookup="phone_number_id", phone_number_id=NUMBER_ID) if name is None else {}
    plan = plan_present(number, desired(name=name, tags={}, **lookup))
    assert [(s.operation, s.params) for s in plan.steps] == [
        ("UntagResource", {"ResourceArn": ARN, "TagKeys": ["team"]})
    ]
    assert plan.after["tags"] == {"Name": "alerts", key: "stack"}


def test_a_number_with_aws_tags_converges():
    number = current(tags={"Name": "alerts", "aws:cloudformation:stack-name": "stack", "team": "ops"})
    plan = plan_present(number, desired(tags={"team": "ops"}))
    assert plan.steps == []


def test_name_with_id_lookup_sets_the_name_tag():
    plan = plan_present(current(tags={}), desired(lookup="phone_number_id", phone_number_id=NUMBER_ID, name="alerts"))
    assert plan.steps[0].params["Tags"] == [{"Key": "Name", "Value": "alerts"}]


def test_pool_moved_disassociates_then_associates():
    plan = plan_present(current(pool_id="pool-a"), desired(pool_id="pool-b"), pool_sizes={"pool-a": 3})
    assert [(s.operation, s.params) for s in plan.steps] == [
        ("DisassociateOriginationIdentity", {"PoolId": "pool-a", "OriginationIdentity": NUMBER_ID}),
        ("AssociateOriginationIdentity", {"PoolId": "pool-b", "OriginationIdentity": NUMBER_ID}),
    ]
    assert plan.after["pool_id"] == "pool-b"


def test_pool_given_as_arn_compares_by_id():
    arn = "arn:aws:sms-voice:us-east-1:123456789012:pool/pool-a"
    assert plan_present(current(pool_id="pool-a"), desired(pool_id=arn)).steps == []


def test_joining_a_pool_associates_only():
    plan = plan_present(current(), desired(pool_id="pool-b"))
    assert plan.operations == ["AssociateOriginationIdentity"]


def test_empty_pool_id_leaves_the_pool():
    plan = plan_present(current(pool_id="pool-a"), desired(pool_id=""), pool_sizes={"pool-a": 2})
    assert plan.operations == ["DisassociateOriginationIdentity"]
    assert plan.after["pool_id"] is None


def test_moving_the_last_number_of_a_pool_fails_naming_the_pool():
    with pytest.raises(SmsVoiceError, match="last number in pool pool-a"):
        plan_present(current(pool_id="pool-a"), desired(pool_id="pool-b"), pool_sizes={"pool-a": 1})


def test_request_by_name_carries_everything_request_accepts():
    plan = plan_present(
        None,
        desired(
            opt_out_list_name="marketing",
            pool_id="pool-a",
            international_sending_enabled=True,
            deletion_protection_enabled=True,
            tags={"team": "ops"},
            **REQUEST,
        ),
        client_token="token-1",
    )
    assert plan.action == "request"
    assert [(s.operation, s.params) for s in plan.steps] == [
        (
            "RequestPhoneNumber",
            {
                "IsoCountryCode": "US",
                "MessageType": "TRANSACTIONAL",
                "NumberCapabilities": ["SMS"],
                "NumberType": "SIMULATOR",
                "OptOutListName": "marketing",
                "PoolId": "pool-a",
                "InternationalSendingEnabled": True,
                "DeletionProtectionEnabled": True,
                "Tags": [{"Key": "Name", "Value": "alerts"}, {"Key": "team", "Value": "ops"}],
                "ClientToken": "token-1",
            },
        )
    ]
    after = plan.after
    assert set(after) == set(RESULT_KEYS)
    assert after["status"] == "ACTIVE"
    assert after["phone_number_id"] is None
    assert after["tags"] == {"Name": "alerts", "team": "ops"}
    assert after["deletion_protection_enabled"] is True


def test_request_then_update_only_settings_once_active():
    plan = plan_present(
        None, desired(two_way_enabled=True, two_way_channel_arn=TOPIC, self_managed_opt_outs_enabled=False, **REQUEST)
    )
    assert plan.operations == ["RequestPhoneNumber", "UpdatePhoneNumber"]
    update = plan.steps[1]
    assert update.needs_active
    assert update.params == {"PhoneNumberId": NEW_NUMBER_ID, "TwoWayEnabled": True, "TwoWayChannelArn": TOPIC}
    assert plan.after["two_way_enabled"] is True


def test_request_of_toll_free_predicts_pending():
    plan = plan_present(None, desired(**{**REQUEST, "number_type": "TOLL_FREE"}))
    assert plan.after["status"] == "PENDING"


def test_request_needs_its_required_settings():
    with pytest.raises(SmsVoiceError, match="set message_type, number_type"):
        plan_present(None, desired(iso_country_code="US", number_capabilities=["SMS"]))


@pytest.mark.parametrize("lookup", ["phone_number_id", "phone_number"])
def test_missing_number_by_id_or_e164_cannot_be_requested(lookup):
    with pytest.raises(SmsVoiceError, match="cannot be requested") as err:
        plan_present(None, desired(lookup=lookup, **{lookup: "x"}, **REQUEST))
    assert lookup in err.value.msg


def test_no_lookup_key_fails_naming_name():
    with pytest.raises(SmsVoiceError, match="name is required"):
        plan_present(None, desired(lookup=None, name=None, **REQUEST))


def test_absent_when_missing_is_unchanged():
    plan = plan_absent(None, desired(state="absent"))
    assert not plan.changed and plan.after is None


def test_absent_releases():
    plan = plan_absent(current(), desired(state="absent"))
    assert [(s.operation, s.params) for s in plan.steps] == [("ReleasePhoneNumber", {"PhoneNumberId": NUMBER_ID})]
    assert plan.after["status"] == "DELETED"


def test_absent_with_deletion_protection_fails():
    with pytest.raises(SmsVoiceError, match="deletion_protection_enabled: false"):
        plan_absent(current(deletion_protection_enabled=True), desired(state="absent"))


def test_absent_with_protection_turned_off_in_task_updates_then_releases():
    plan = plan_absent(
        current(deletion_protection_enabled=True), desired(state="absent", deletion_protection_enabled=False)
    )
    assert [(s.operation, s.params) for s in plan.steps] == [
        ("UpdatePhoneNumber", {"PhoneNumberId": NUMBER_ID, "DeletionProtectionEnabled": False}),
        ("ReleasePhoneNumber", {"PhoneNumberId": NUMBER_ID}),
    ]


def test_absent_pooled_number_is_disassociated_first():
    plan = plan_absent(current(pool_id="pool-a"), desired(state="absent"), pool_sizes={"pool-a": 2})
    assert plan.operations == ["DisassociateOriginationIdentity", "ReleasePhoneNumber"]


def test_absent_last_number_of_pool_fails_naming_the_pool():
    with pytest.raises(SmsVoiceError, match="pool-a"):
        plan_absent(current(pool_id="pool-a"), desired(state="absent"), pool_sizes={"pool-a": 1})


DEFAULT_KEYWORDS = [
    {"keyword": "STOP", "reply": "Opted out.", "action": "OPT_OUT"},
    {"keyword": "HELP", "reply": "Help text.", "action": "AUTOMATIC_RESPONSE"},
]


def with_keywords(*extra):
    return current(keywords=[dict(k) for k in DEFAULT_KEYWORDS] + list(extra))


def test_keywords_unset_are_not_touched():
    assert plan_present(with_keywords(), desired()).steps == []


def test_keywords_compare_case_insensitively_and_converge():
    plan = plan_present(with_keywords(), desired(keywords=[{"keyword": "stop", "reply": "Opted out."}]))
    assert plan.steps == []


def test_new_and_changed_keywords_are_put_only():
    plan = plan_present(
        with_keywords({"keyword": "JOIN", "reply": "Welcome", "action": "OPT_IN"}),
        desired(
            keywords=[
                {"keyword": "HELP", "reply": "New help."},
                {"keyword": "join", "reply": "Welcome", "action": "OPT_IN"},
                {"keyword": "INFO", "reply": "Info."},
            ]
        ),
    )
    assert [(s.operation, s.params) for s in plan.steps] == [
        (
            "PutKeyword",
            {
                "OriginationIdentity": NUMBER_ID,
                "Keyword": "HELP",
                "KeywordMessage": "New help.",
                "KeywordAction": "AUTOMATIC_RESPONSE",
            },
        ),
        (
            "PutKeyword",
            {
                "OriginationIdentity": NUMBER_ID,
                "Keyword": "INFO",
                "KeywordMessage": "Info.",
                "KeywordAction": "AUTOMATIC_RESPONSE",
            },
        ),
    ]
    assert [k["keyword"] for k in plan.after["keywords"]] == ["STOP", "HELP", "JOIN", "INFO"]
    assert plan.after["keywords"][1]["reply"] == "New help."


def test_stop_defaults_to_opt_out():
    plan = plan_present(with_keywords(), desired(keywords=[{"keyword": "STOP", "reply": "Bye."}]))
    assert plan.steps[0].params["KeywordAction"] == "OPT_OUT"


def test_purge_keywords_deletes_extras_but_never_stop_or_help():
    plan = plan_present(
        with_keywords({"keyword": "OLD", "reply": "x", "action": "AUTOMATIC_RESPONSE"}),
        desired(keywords=[], purge_keywords=True),
    )
    assert [(s.operation, s.params) for s in plan.steps] == [
        ("DeleteKeyword", {"OriginationIdentity": NUMBER_ID, "Keyword": "OLD"})
    ]
    assert [k["keyword"] for k in plan.after["keywords"]] == ["STOP", "HELP"]


def test_without_purge_extra_keywords_stay():
    plan = plan_present(
        with_keywords({"keyword": "OLD", "reply": "x", "action": "AUTOMATIC_RESPONSE"}), desired(keywords=[])
    )
    assert plan.steps == []


def test_requested_number_gets_its_keywords_once_active():
    plan = plan_present(None, desired(keywords=[{"keyword": "JOIN", "reply": "Hi", "action": "OPT_IN"}], **REQUEST))
    assert plan.operations == ["RequestPhoneNumber", "PutKeyword"]
    put = plan.steps[1]
    assert put.needs_active
    assert put.params["OriginationIdentity"] == NEW_NUMBER_ID


def test_changes_to_a_pending_number_wait_until_it_is_active():
    plan = plan_present(
        current(status="PENDING"), desired(deletion_protection_enabled=True, tags={"team": "ops", "x": "1"})
    )
    assert [(s.operation, s.needs_active) for s in plan.steps] == [("UpdatePhoneNumber", True), ("TagResource", False)]


def test_changes_to_an_active_number_do_not_wait():
    plan = plan_present(current(), desired(deletion_protection_enabled=True))
    assert [s.needs_active for s in plan.steps] == [False]
