"""preflight: references taken on trust only in check mode, and the account's room before a create call."""

from __future__ import annotations

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.plan import Plan, Step
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.preflight import References, check_room
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.reader import Reader
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import (
    OPT_OUT_LIST,
    POOL,
    REGISTRATION,
)


class FakeApi:
    """Answers calls from a table (operation -> response, or an exception), recording them."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def call(self, operation, **params):
        self.calls.append(operation)
        answer = self.answers[operation]
        if callable(answer):
            answer = answer(params)
        if isinstance(answer, Exception):
            raise answer
        return answer


def not_found(_params):
    return SmsVoiceError("not found", code="ResourceNotFoundException")


def limits(*rows, token=None):
    page = {"AccountLimits": [dict(Name=name, Used=used, Max=maximum) for name, used, maximum in rows]}
    if token:
        page["NextToken"] = token
    return page


def plan_of(*operations):
    return Plan("create", None, {}, [Step(op, {}) for op in operations])


@pytest.mark.parametrize("resource", [POOL, OPT_OUT_LIST, REGISTRATION], ids=lambda r: r.kind)
def test_a_missing_reference_fails_a_real_run_naming_the_option(resource):
    api = FakeApi({resource.describe: not_found})
    with pytest.raises(SmsVoiceError, match="the_option 'x': no such {0}".format(resource.kind)):
        References(Reader(api)).lookup(resource, "x", "the_option")


def test_in_check_mode_a_missing_reference_is_recorded_warned_once_and_looked_up_once():
    warnings = []
    api = FakeApi({POOL.describe: not_found, OPT_OUT_LIST.describe: not_found})
    references = References(Reader(api), check_mode=True, warn=warnings.append)
    assert references.lookup(POOL, "pool-1", "pool_id", unchecked="its settings are not compared") is None
    assert references.lookup(POOL, "pool-1", "pool_id") is None
    assert references.lookup(OPT_OUT_LIST, "gf", "opt_out_list_name") is None
    assert api.calls == [POOL.describe, OPT_OUT_LIST.describe]
    assert references.options() == ["opt_out_list_name", "pool_id"]
    references.warn_once()
    (warning,) = warnings
    assert "opt_out_list_name 'gf' (no such opt-out list yet)" in warning
    assert "pool_id 'pool-1' (no such pool yet; its settings are not compared)" in warning


def test_in_check_mode_other_errors_still_fail():
    api = FakeApi({POOL.describe: SmsVoiceError("denied", code="AccessDeniedException")})
    with pytest.raises(SmsVoiceError, match="denied"):
        References(Reader(api), check_mode=True).lookup(POOL, "pool-1", "pool_id")


def test_a_found_reference_is_not_unverified():
    api = FakeApi({POOL.describe: {"Pools": [{"PoolId": "pool-1"}]}})
    references = References(Reader(api), check_mode=True)
    assert references.lookup(POOL, "pool-1", "pool_id") == {"PoolId": "pool-1"}
    assert references.options() == []


def test_a_plan_that_creates_nothing_reads_no_limits():
    api = FakeApi({})
    check_room(Reader(api), plan_of("UpdatePhoneNumber", "TagResource"))
    assert api.calls == []


@pytest.mark.parametrize(
    "operation, name",
    [("RequestPhoneNumber", "PHONE_NUMBERS"), ("CreatePool", "POOLS"), ("CreateOptOutList", "OPT_OUT_LISTS")],
)
def test_no_room_fails_naming_the_limit_with_used_and_max(operation, name):
    api = FakeApi({"DescribeAccountLimits": limits((name, 5, 5), ("SENDER_IDS", 0, 1))})
    with pytest.raises(SmsVoiceError) as e:
        check_room(Reader(api), plan_of(operation))
    assert (
        "no room for {0}: its {1} limit in this region is reached (Used 5, Max 5)".format(operation, name)
        in e.value.msg
    )
    assert "nothing was changed" in e.value.msg
    assert e.value.extra["limit"] == dict(name=name, used=5, max=5)
    assert api.calls == ["DescribeAccountLimits"]


def test_room_left_passes_and_every_page_is_read():
    pages = iter([limits(("POOLS", 1, 5), token="t"), limits(("PHONE_NUMBERS", 4, 5))])
    api = FakeApi({"DescribeAccountLimits": lambda params: next(pages)})
    check_room(Reader(api), plan_of("RequestPhoneNumber"))
    assert api.calls == ["DescribeAccountLimits", "DescribeAccountLimits"]


def test_a_limit_the_service_does_not_list_is_not_checked():
    api = FakeApi({"DescribeAccountLimits": limits(("POOLS", 5, 5))})
    check_room(Reader(api), plan_of("RequestPhoneNumber"))


def test_without_the_permission_the_task_warns_and_goes_on():
    warnings = []
    api = FakeApi({"DescribeAccountLimits": SmsVoiceError("denied", code="AccessDeniedException")})
    check_room(Reader(api), plan_of("CreatePool"), warn=warnings.append)
    (warning,) = warnings
    assert "POOLS limit was not checked before CreatePool" in warning
    assert "sms-voice:DescribeAccountLimits" in warning


def test_other_errors_of_the_limits_read_fail():
    api = FakeApi({"DescribeAccountLimits": SmsVoiceError("boom", code="InternalServerException")})
    with pytest.raises(SmsVoiceError, match="boom"):
        check_room(Reader(api), plan_of("CreatePool"))
