"""The pool planner on plain dicts: founding, member order around pool changes, refusals. No AWS."""

from __future__ import annotations

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine import resource as engine
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.plan import plan_delete
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pool import (
    moved_numbers,
    plan_pool_present,
    pool_desired,
    reconcile_members,
    wait_for_active_pool,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import PHONE_NUMBER, POOL

POOL_ID = "pool-0123456789abcdef0123456789abcdef"
STOP_HELP = [
    {"keyword": "STOP", "reply": "Opted out.", "action": "OPT_OUT"},
    {"keyword": "HELP", "reply": "Help.", "action": "AUTOMATIC_RESPONSE"},
]


def number(index, **overrides):
    item = engine.defaults(PHONE_NUMBER)
    item.update(
        phone_number_id="phone-{0:032x}".format(index),
        status="ACTIVE",
        iso_country_code="US",
        message_type="TRANSACTIONAL",
        keywords=list(STOP_HELP),
    )
    item.update(overrides)
    return item


def pool(members, **overrides):
    item = engine.defaults(POOL)
    item.update(
        pool_id=POOL_ID,
        pool_arn="arn:aws:sms-voice:us-east-1:123456789012:pool/" + POOL_ID,
        status="ACTIVE",
        message_type="TRANSACTIONAL",
        tags={"Name": "senders"},
        phone_number_ids=[m["phone_number_id"] for m in members],
        keywords=list(STOP_HELP),
    )
    item.update(overrides)
    return item


def desired(**params):
    base = dict(name="senders", state="present", purge_tags=True, phone_numbers=None, purge_phone_numbers=False)
    base.update(params)
    base.setdefault("keywords", None)
    return pool_desired(base)


def test_a_new_pool_is_founded_by_the_first_number_and_takes_its_settings():
    a, b = number(1, opt_out_list_name="shared"), number(2, opt_out_list_name="shared")
    wish = desired(
        iso_country_code="US", message_type="TRANSACTIONAL", phone_numbers=[a["phone_number_id"], b["phone_number_id"]]
    )
    plan = plan_pool_present(None, wish, [a, b])
    assert plan.operations == ["CreatePool", "AssociateOriginationIdentity"]
    create = plan.steps[0].params
    assert create["OriginationIdentity"] == a["phone_number_id"] and create["IsoCountryCode"] == "US"
    assert create["Tags"] == [{"Key": "Name", "Value": "senders"}] and "ClientToken" not in create
    assert plan.steps[1].params["PoolId"] == POOL.placeholder()
    assert plan.after["opt_out_list_name"] == "shared"
    assert plan.after["phone_number_ids"] == [a["phone_number_id"], b["phone_number_id"]]


def test_members_join_before_or_after_the_pool_changes_whichever_they_match():
    a = number(1)
    matches_now, matches_later = number(2), number(3, opt_out_list_name="shared")
    wish = desired(
        opt_out_list_name="shared", phone_numbers=[n["phone_number_id"] for n in (a, matches_now, matches_later)]
    )
    plan = plan_pool_present(pool([a]), wish, [a, matches_now, matches_later])
    assert plan.operations == ["AssociateOriginationIdentity", "UpdatePool", "AssociateOriginationIdentity"]
    assert [s.params.get("OriginationIdentity") for s in plan.steps] == [
        matches_now["phone_number_id"],
        None,
        matches_later["phone_number_id"],
    ]


def test_a_member_matching_neither_fails_naming_the_settings():
    a, odd = (
        number(1),
        number(
            2,
            two_way_enabled=True,
            keywords=STOP_HELP + [{"keyword": "JOIN", "reply": "Hi", "action": "AUTOMATIC_RESPONSE"}],
        ),
    )
    with pytest.raises(SmsVoiceError) as err:
        plan_pool_present(pool([a]), desired(phone_numbers=[a["phone_number_id"], odd["phone_number_id"]]), [a, odd])
    assert err.value.extra["settings"] == ["two_way_enabled", "keywords"]
    assert "nothing was changed" in err.value.msg


def test_purging_adds_before_it_removes_and_never_leaves_the_pool_empty():
    a, b = number(1), number(2)
    plan = plan_pool_present(pool([a]), desired(phone_numbers=[b["phone_number_id"]], purge_phone_numbers=True), [b])
    assert plan.operations == ["AssociateOriginationIdentity", "DisassociateOriginationIdentity"]
    assert plan.after["phone_number_ids"] == [b["phone_number_id"]]
    with pytest.raises(SmsVoiceError, match="last number"):
        plan_pool_present(pool([a]), desired(phone_numbers=[None], purge_phone_numbers=True), [])


def test_a_member_of_another_pool_or_not_active_is_refused():
    a = number(1)
    with pytest.raises(SmsVoiceError, match="is in pool pool-other"):
        plan_pool_present(pool([a]), desired(phone_numbers=["x"]), [number(2, pool_id="pool-other")])
    with pytest.raises(SmsVoiceError, match="is PENDING"):
        plan_pool_present(pool([a]), desired(phone_numbers=["x"]), [number(2, status="PENDING")])


def test_check_mode_without_requested_numbers_predicts_the_pool_from_a_new_numbers_settings():
    wish = desired(iso_country_code="US", message_type="TRANSACTIONAL", phone_numbers=[None, None])
    plan = plan_pool_present(None, wish, [], unresolved=2)
    assert plan.operations == ["CreatePool"]
    assert plan.after["opt_out_list_name"] == "Default" and plan.after["two_way_enabled"] is False


def test_delete_respects_deletion_protection():
    protected = pool([number(1)], deletion_protection_enabled=True)
    with pytest.raises(SmsVoiceError, match="deletion_protection_enabled: false"):
        plan_delete(POOL, protected, desired(state="absent"))
    plan = plan_delete(POOL, protected, desired(state="absent", deletion_protection_enabled=False))
    assert plan.operations == ["UpdatePool", "DeletePool"]
    assert plan_delete(POOL, None, desired(state="absent")).operations == []


class ListingReader:
    """Answers DescribePhoneNumbers by ID from ``pools`` (number ID -> its PoolId) and counts the calls."""

    def __init__(self, pools):
        self.pools = pools
        self.asked = []

    def describe_ids(self, ids, resource=None):
        self.asked.append(list(ids))
        return [{"PhoneNumberId": i, "PoolId": self.pools.get(i)} for i in ids]


def test_members_go_by_their_own_pool_id_when_the_listing_lags():
    a, b, c = number(1), number(2), number(3)
    listed = pool([a, b])  # the listing still shows b, which left, and not c, which joined
    c_in = dict(c, pool_id=POOL_ID)
    b_out = dict(b, pool_id=None)
    reader = ListingReader({})
    current = reconcile_members(reader, listed, [b_out, c_in], desired(phone_numbers=[b["phone_number_id"]]))
    assert current["phone_number_ids"] == [a["phone_number_id"], c["phone_number_id"]]
    assert reader.asked == []  # without purge nothing is read: a stays, as the listing says


def test_with_purge_the_listed_numbers_not_named_are_read_before_any_leaves():
    a, b, c = number(1), number(2), number(3)
    listed = pool([a, b, c])
    reader = ListingReader({a["phone_number_id"]: None, b["phone_number_id"]: POOL_ID})
    wanted = desired(phone_numbers=[c["phone_number_id"]], purge_phone_numbers=True)
    current = reconcile_members(reader, listed, [dict(c, pool_id=POOL_ID)], wanted)
    assert reader.asked == [[a["phone_number_id"], b["phone_number_id"]]]
    assert current["phone_number_ids"] == [b["phone_number_id"], c["phone_number_id"]]  # a has left already
    plan = plan_pool_present(current, wanted, [dict(c, pool_id=POOL_ID)])
    assert [(s.operation, s.params["OriginationIdentity"]) for s in plan.steps] == [
        ("DisassociateOriginationIdentity", b["phone_number_id"])
    ]


def test_writes_to_a_creating_pool_wait_for_it_and_so_does_every_write_after_a_create():
    found_creating = pool([number(1)], status="CREATING")
    plan = plan_pool_present(found_creating, desired(deletion_protection_enabled=True), [])
    assert [s.needs_active for s in wait_for_active_pool(plan).steps] == [True]
    active = plan_pool_present(pool([number(1)]), desired(deletion_protection_enabled=True), [])
    assert [s.needs_active for s in wait_for_active_pool(active).steps] == [False]
    a, b = number(1), number(2)
    created = wait_for_active_pool(
        plan_pool_present(
            None,
            desired(
                phone_numbers=[a["phone_number_id"], b["phone_number_id"]],
                shared_routes_enabled=True,
                iso_country_code="US",
                message_type="TRANSACTIONAL",
            ),
            [a, b],
        )
    )
    assert [(s.operation, s.needs_active) for s in created.steps] == [
        ("CreatePool", False),
        ("AssociateOriginationIdentity", True),
        ("UpdatePool", True),
    ]
    assert moved_numbers(created) == [a["phone_number_id"], b["phone_number_id"]]
    deleting = plan_delete(POOL, pool([a, b]), desired(state="absent"))
    assert moved_numbers(deleting) == [a["phone_number_id"], b["phone_number_id"]]
    assert deleting.steps[-1].wait == "DELETED"


def sender(sender_id, iso="GB", types=("TRANSACTIONAL",)):
    return dict(
        sender_id=sender_id,
        iso_country_code=iso,
        message_types=list(types),
        sender_id_arn="arn:aws:sms-voice:us-east-1:123456789012:sender-id/{0}/{1}".format(sender_id, iso),
    )


def test_sender_ids_join_before_the_settings_leave_after_and_are_never_the_last_taken_out():
    a = number(1)
    alerts = sender("ALERTS", "DE")
    current = pool([a], sender_ids=[dict(sender_id="BRAND", iso_country_code="GB")])
    wish = desired(shared_routes_enabled=True, sender_ids=[], purge_sender_ids=True)
    plan = plan_pool_present(current, wish, [], senders=[alerts])
    assert plan.operations == ["AssociateOriginationIdentity", "UpdatePool", "DisassociateOriginationIdentity"]
    assert plan.steps[0].params == {"PoolId": POOL_ID, "OriginationIdentity": "ALERTS", "IsoCountryCode": "DE"}
    assert plan.steps[2].params == {"PoolId": POOL_ID, "OriginationIdentity": "BRAND", "IsoCountryCode": "GB"}
    assert plan.after["sender_ids"] == [dict(sender_id="ALERTS", iso_country_code="DE")]
    # A sender ID takes no part in the numbers' settling.
    assert moved_numbers(plan) == []
    # Left alone when the task does not name sender IDs.
    assert plan_pool_present(current, desired(), []).steps == []
    # Taking out the pool's last identities is refused, naming the options.
    only_brand = pool([], sender_ids=[dict(sender_id="BRAND", iso_country_code="GB")])
    with pytest.raises(SmsVoiceError, match="purge_sender_ids would take out its last sender ID"):
        plan_pool_present(only_brand, desired(sender_ids=[], purge_sender_ids=True), [], senders=[])
    with pytest.raises(SmsVoiceError, match="it sends PROMOTIONAL, and the pool is TRANSACTIONAL"):
        plan_pool_present(current, wish, [], senders=[sender("PROMO", types=("PROMOTIONAL",))])


def test_a_pool_without_numbers_is_founded_by_its_first_sender_id():
    brand, alerts = sender("BRAND"), sender("ALERTS", "DE")
    wish = desired(iso_country_code="GB", message_type="TRANSACTIONAL", sender_ids=[], phone_numbers=None)
    plan = plan_pool_present(None, wish, [], senders=[brand, alerts])
    assert plan.operations == ["CreatePool", "AssociateOriginationIdentity"]
    assert plan.steps[0].params["OriginationIdentity"] == brand["sender_id_arn"]
    assert plan.after["phone_number_ids"] == [] and plan.after["opt_out_list_name"] == "Default"
    assert moved_numbers(plan) == []
    with pytest.raises(SmsVoiceError, match="sender ID BRAND, which founds it, is in GB"):
        plan_pool_present(None, desired(iso_country_code="FR", message_type="TRANSACTIONAL"), [], senders=[brand])
