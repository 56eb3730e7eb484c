"""Pool rules of the planner on plain dicts: a number in a pool is never updated, and takes the pool's settings."""

from __future__ import annotations

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.plan import (
    deferred_steps,
    step_options,
    update_step,
    without_step,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.keywords import put_keyword
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.kinds.phone_number import join_pool
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import (
    plan_absent,
    plan_present,
    pool_settings,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import PHONE_NUMBER

from .test_planner import NUMBER_ID, REQUEST, ROLE, TOPIC, current, desired

POOL_B = pool_settings(
    {
        "PoolId": "pool-b",
        "MessageType": "TRANSACTIONAL",
        "TwoWayEnabled": True,
        "TwoWayChannelArn": TOPIC,
        "TwoWayChannelRole": ROLE,
        "OptOutListName": "marketing",
        "SelfManagedOptOutsEnabled": True,
    }
)
PLAIN_POOL = pool_settings(
    {
        "PoolId": "pool-b",
        "MessageType": "TRANSACTIONAL",
        "TwoWayEnabled": False,
        "OptOutListName": "Default",
        "SelfManagedOptOutsEnabled": False,
    }
)
POOLS = {"pool-b": POOL_B}


def calls(plan):
    return [(s.operation, s.params) for s in plan.steps]


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("deletion_protection_enabled", True),
        ("international_sending_enabled", True),
        ("two_way_enabled", True),
        ("opt_out_list_name", "other"),
        ("self_managed_opt_outs_enabled", True),
    ],
)
def test_a_number_that_stays_in_its_pool_is_never_updated(setting, value):
    extra = {"two_way_channel_arn": TOPIC} if setting == "two_way_enabled" else {}
    with pytest.raises(SmsVoiceError) as e:
        plan_present(current(pool_id="pool-a"), desired(**dict(extra, **{setting: value})))
    assert "pool pool-a" in e.value.msg
    assert setting in e.value.msg
    assert 'pool_id: ""' in e.value.msg
    assert e.value.extra["pool_id"] == "pool-a"


def test_pool_overridden_setting_of_a_kept_number_says_to_change_the_pool():
    with pytest.raises(SmsVoiceError, match="change self_managed_opt_outs_enabled on the pool"):
        plan_present(current(pool_id="pool-a"), desired(pool_id="pool-a", self_managed_opt_outs_enabled=True))


def test_a_kept_number_with_settings_already_matching_plans_nothing():
    number = current(pool_id="pool-a", deletion_protection_enabled=True)
    assert plan_present(number, desired(deletion_protection_enabled=True, pool_id="pool-a")).steps == []


def test_leaving_a_pool_disassociates_then_updates():
    plan = plan_present(
        current(pool_id="pool-a"), desired(pool_id="", deletion_protection_enabled=True), pool_sizes={"pool-a": 2}
    )
    assert calls(plan) == [
        ("DisassociateOriginationIdentity", {"PoolId": "pool-a", "OriginationIdentity": NUMBER_ID}),
        ("UpdatePhoneNumber", {"PhoneNumberId": NUMBER_ID, "DeletionProtectionEnabled": True}),
    ]
    # The update waits for the number to be out of the pool (ACTIVE again).
    assert [s.needs_active for s in plan.steps] == [False, True]
    assert plan.after["pool_id"] is None and plan.after["deletion_protection_enabled"] is True


def test_pool_move_disassociates_updates_then_associates():
    plan = plan_present(
        current(pool_id="pool-a"),
        desired(pool_id="pool-b", international_sending_enabled=True),
        pool_sizes={"pool-a": 2},
        pools={"pool-b": PLAIN_POOL},
    )
    assert calls(plan) == [
        ("DisassociateOriginationIdentity", {"PoolId": "pool-a", "OriginationIdentity": NUMBER_ID}),
        ("UpdatePhoneNumber", {"PhoneNumberId": NUMBER_ID, "InternationalSendingEnabled": True}),
        ("AssociateOriginationIdentity", {"PoolId": "pool-b", "OriginationIdentity": NUMBER_ID}),
    ]
    assert plan.after["pool_id"] == "pool-b"


def test_a_number_moved_into_a_pool_is_updated_to_match_it_first():
    plan = plan_present(current(), desired(pool_id="pool-b"), pools=POOLS)
    assert calls(plan) == [
        (
            "UpdatePhoneNumber",
            {
                "PhoneNumberId": NUMBER_ID,
                "TwoWayEnabled": True,
                "TwoWayChannelArn": TOPIC,
                "TwoWayChannelRole": ROLE,
                "OptOutListName": "marketing",
                "SelfManagedOptOutsEnabled": True,
            },
        ),
        ("AssociateOriginationIdentity", {"PoolId": "pool-b", "OriginationIdentity": NUMBER_ID}),
    ]
    assert plan.after["two_way_enabled"] is True and plan.after["opt_out_list_name"] == "marketing"


def test_a_number_matching_the_pool_only_associates():
    number = current(
        two_way_enabled=True,
        two_way_channel_arn=TOPIC,
        two_way_channel_role=ROLE,
        opt_out_list_name="marketing",
        self_managed_opt_outs_enabled=True,
    )
    assert plan_present(number, desired(pool_id="pool-b"), pools=POOLS).operations == ["AssociateOriginationIdentity"]


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("two_way_enabled", False),
        ("two_way_channel_arn", "connect.us-east-1.amazonaws.com"),
        ("opt_out_list_name", "Default"),
        ("self_managed_opt_outs_enabled", False),
    ],
)
def test_moving_into_a_pool_with_settings_the_pool_overrides_fails_naming_pool_and_setting(setting, value):
    with pytest.raises(SmsVoiceError) as e:
        plan_present(current(), desired(pool_id="pool-b", **{setting: value}), pools=POOLS)
    assert "pool pool-b" in e.value.msg and setting in e.value.msg
    assert e.value.extra["settings"] == [setting]


def test_moving_into_a_pool_of_another_message_type_fails():
    pool = dict(PLAIN_POOL, message_type="PROMOTIONAL")
    with pytest.raises(SmsVoiceError, match="message_type: the pool has PROMOTIONAL"):
        plan_present(current(), desired(pool_id="pool-b"), pools={"pool-b": pool})


def test_a_number_requested_into_a_pool_takes_the_pools_settings_without_an_update():
    plan = plan_present(
        None, desired(pool_id="pool-b", two_way_enabled=True, opt_out_list_name="marketing", **REQUEST), pools=POOLS
    )
    assert plan.operations == ["RequestPhoneNumber"]
    request = plan.steps[0].params
    assert request["PoolId"] == "pool-b" and "OptOutListName" not in request
    for key in ("two_way_enabled", "two_way_channel_arn", "two_way_channel_role", "opt_out_list_name"):
        assert plan.after[key] == POOL_B[key]
    assert plan.after["self_managed_opt_outs_enabled"] is True


@pytest.mark.parametrize(
    ("setting", "value"),
    [("two_way_enabled", False), ("opt_out_list_name", "other"), ("self_managed_opt_outs_enabled", False)],
)
def test_a_request_into_a_pool_asking_for_other_settings_fails_before_any_write(setting, value):
    with pytest.raises(SmsVoiceError, match="pool pool-b.*{0}".format(setting)):
        plan_present(None, desired(pool_id="pool-b", **dict(REQUEST, **{setting: value})), pools=POOLS)


def test_release_of_a_protected_pooled_number_disassociates_updates_then_releases():
    plan = plan_absent(
        current(pool_id="pool-a", deletion_protection_enabled=True),
        desired(state="absent", deletion_protection_enabled=False),
        pool_sizes={"pool-a": 2},
    )
    assert calls(plan) == [
        ("DisassociateOriginationIdentity", {"PoolId": "pool-a", "OriginationIdentity": NUMBER_ID}),
        ("UpdatePhoneNumber", {"PhoneNumberId": NUMBER_ID, "DeletionProtectionEnabled": False}),
        ("ReleasePhoneNumber", {"PhoneNumberId": NUMBER_ID}),
    ]


def test_release_of_a_protected_pooled_number_without_consent_fails_before_any_step():
    with pytest.raises(SmsVoiceError, match="deletion_protection_enabled: false"):
        plan_absent(current(pool_id="pool-a", deletion_protection_enabled=True), desired(state="absent"))


def test_step_options_name_what_a_pending_call_would_change():
    update = update_step(
        PHONE_NUMBER, {"PhoneNumberId": NUMBER_ID}, {"two_way_enabled": True, "two_way_channel_arn": TOPIC}
    )
    assert step_options(update) == {
        "operation": "UpdatePhoneNumber",
        "options": {"two_way_enabled": True, "two_way_channel_arn": TOPIC},
    }
    put = put_keyword(NUMBER_ID, "JOIN", "Hi", "OPT_IN")
    assert step_options(put)["options"] == {"keyword": "JOIN", "reply": "Hi", "action": "OPT_IN"}
    assert step_options(join_pool("pool-b", NUMBER_ID))["options"] == {"pool_id": "pool-b"}


def test_a_pending_request_defers_what_needs_an_active_number():
    toll_free = {
        **REQUEST,
        "number_type": "TOLL_FREE",
        "self_managed_opt_outs_enabled": True,
        "keywords": [{"keyword": "JOIN", "reply": "Hi"}],
    }
    plan = plan_present(None, desired(**toll_free))
    assert [s.operation for s in deferred_steps(plan)] == ["UpdatePhoneNumber", "PutKeyword"]
    after = plan.after
    for step in deferred_steps(plan):
        after = without_step(after, step, plan.before)
    # What is predicted is what the request alone makes: the deferred settings are not there yet.
    assert after["self_managed_opt_outs_enabled"] is False and after["keywords"] is None


def test_an_active_or_simulator_number_defers_nothing():
    plan = plan_present(None, desired(self_managed_opt_outs_enabled=True, **REQUEST))
    assert deferred_steps(plan) == []
    assert deferred_steps(plan_present(current(), desired(deletion_protection_enabled=True))) == []


def test_changes_to_a_pending_number_are_deferred_but_tags_are_not():
    plan = plan_present(
        current(status="PENDING"), desired(deletion_protection_enabled=True, tags={"team": "ops", "x": "1"})
    )
    assert [s.operation for s in deferred_steps(plan)] == ["UpdatePhoneNumber"]
    after = without_step(plan.after, deferred_steps(plan)[0], plan.before)
    assert after["deletion_protection_enabled"] is False and after["tags"]["x"] == "1"
