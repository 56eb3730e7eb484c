"""number_preference, messaging limits and pricing, diff headers, failure versions and info tags."""

from __future__ import annotations

import boto3
import botocore
import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import connection, runner
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import Api, create_client
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import (
    diff_label,
    find_current,
    number_desired,
    plan_present,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number_info import (
    find_phone_numbers,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.shape import RESULT_KEYS, shape_number
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.validation import (
    check_phone_number_params,
)

NUMBER_ID = "phone-0123456789abcdef0123456789abcdef"
TEN_DLC = dict(iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS"], number_type="TEN_DLC")
STARTS_1206 = dict(preference_type="StartsWith", filter=["+1206"])


def desired(**settings):
    base = dict(lookup="name", name="alerts", purge_tags=True, state="present")
    base.update(settings)
    return number_desired(base)


def existing(**overrides):
    number = dict.fromkeys(RESULT_KEYS)
    number.update(
        phone_number_arn="arn:aws:sms-voice:us-east-1:123456789012:phone-number/" + NUMBER_ID,
        phone_number_id=NUMBER_ID,
        phone_number="+13035550100",
        status="ACTIVE",
        opt_out_list_name="Default",
        tags={"Name": "alerts"},
        **dict(TEN_DLC),
    )
    number.update(overrides)
    return number


# --- number_preference ---------------------------------------------------------------------------


def test_number_preference_is_sent_with_the_request():
    plan = plan_present(None, desired(number_preference=STARTS_1206, **TEN_DLC), client_token="t")
    assert plan.steps[0].operation == "RequestPhoneNumber"
    assert plan.steps[0].params["NumberPreference"] == [{"PreferenceType": ["StartsWith"], "Filter": ["+1206"]}]


def test_number_preference_leaves_the_check_mode_prediction_alone():
    with_preference = plan_present(None, desired(number_preference=STARTS_1206, **TEN_DLC), client_token="t")
    without = plan_present(None, desired(**TEN_DLC), client_token="t")
    assert with_preference.after == without.after
    assert "NumberPreference" not in without.steps[0].params


def test_an_existing_number_never_drifts_on_its_number_preference():
    # +1303... does not start with +1206: the preference was only a wish at request time.
    plan = plan_present(existing(), desired(number_preference=STARTS_1206, **TEN_DLC))
    assert plan.steps == [] and not plan.changed


def params(**overrides):
    base = dict(name="alerts", state="present", wait_timeout=300)
    base.update(TEN_DLC)
    base.update(overrides)
    return base


@pytest.mark.parametrize(
    "preference, overrides, message",
    [
        (
            dict(preference_type="StartsWith", filter=[]),
            {},
            "number_preference.filter has 0 values; StartsWith takes exactly 1",
        ),
        (
            dict(preference_type="Contains", filter=["555", "556"]),
            {},
            "number_preference.filter has 2 values; Contains takes exactly 1",
        ),
        (
            dict(preference_type="ExactMatch", filter=["+1206555010{0}".format(i % 10) for i in range(11)]),
            {},
            "takes 1 to 10",
        ),
        (dict(preference_type="StartsWith", filter=["5"]), {}, "number_preference.filter value '5' must be 2 to 16"),
        (dict(preference_type="StartsWith", filter=["+1-206"]), {}, "number_preference.filter value '+1-206'"),
        (dict(preference_type="EndsWith", filter=["+12065550100123456"]), {}, "must be 2 to 16 characters"),
        (dict(preference_type="Near", filter=["555"]), {}, "number_preference.preference_type must be one of"),
        (
            STARTS_1206,
            dict(number_type="TOLL_FREE"),
            "number_preference applies only to US TEN_DLC numbers, but number_type is TOLL_FREE",
        ),
        (STARTS_1206, dict(iso_country_code="CA", number_type=None), "but iso_country_code is CA"),
    ],
)
def test_bad_number_preference_fails_naming_the_option(preference, overrides, message):
    with pytest.raises(SmsVoiceError) as err:
        check_phone_number_params(params(number_preference=preference, **overrides))
    assert message in err.value.msg


def test_exact_match_takes_up_to_ten_complete_numbers():
    numbers = ["+1206555010{0}".format(i) for i in range(10)]
    check_phone_number_params(params(number_preference=dict(preference_type="ExactMatch", filter=numbers)))


# --- messaging limits and pricing tier -----------------------------------------------------------


def test_messaging_limits_and_pricing_tier_are_shaped_when_present():
    api_number = dict(
        PhoneNumberId=NUMBER_ID,
        MessagingLimits={"RateLimits": {"SMS": 1}, "DailyMessageCaps": {"T-MOBILE": 2000}},
        PricingTier="STANDARD",
    )
    shaped = shape_number(api_number, {})
    assert shaped["messaging_limits"] == {"rate_limits": {"SMS": 1}, "daily_message_caps": {"T-MOBILE": 2000}}
    assert shaped["pricing_tier"] == "STANDARD"
    bare = shape_number(dict(PhoneNumberId=NUMBER_ID, MessagingLimits={"RateLimits": {"SMS": 3}}), {})
    assert bare["messaging_limits"] == {"rate_limits": {"SMS": 3}}
    assert bare["pricing_tier"] is None


def test_messaging_limits_are_null_when_the_service_does_not_say():
    shaped = shape_number(dict(PhoneNumberId=NUMBER_ID), {})
    assert shaped["messaging_limits"] is None and shaped["pricing_tier"] is None


def test_describe_returns_the_emulated_limits_per_number_type(mock_emulator):
    client = mock_emulator.client()
    number_id = client.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"], NumberType="SIMULATOR"
    )["PhoneNumberId"]
    number = client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]
    shaped = shape_number(number, {})
    assert shaped["messaging_limits"] == {"rate_limits": {"SMS": 1, "VOICE": 1}}
    assert shaped["pricing_tier"] is None


# --- diff headers, messages without None ---------------------------------------------------------


def test_diff_header_names_the_number_or_the_name_to_request():
    assert diff_label(existing(), dict(name="alerts")) == "phone number {0} (+13035550100)".format(NUMBER_ID)
    assert diff_label({}, dict(name="alerts", phone_number_id=None)) == "phone number name=alerts"


class FakeReader:
    def __init__(self, number, tags):
        self.number, self.tags = number, tags

    def by_id(self, _number_id):
        return self.number

    def shaped(self, number, tags, with_keywords=False):
        return shape_number(number, self.tags)


def test_release_of_an_unnamed_number_says_it_has_no_name_tag():
    reader = FakeReader(dict(PhoneNumberId=NUMBER_ID, PhoneNumber="+13035550100"), {})
    with pytest.raises(SmsVoiceError) as err:
        find_current(reader, dict(phone_number_id=NUMBER_ID, name="alerts", state="absent"))
    assert "has no Name tag, not 'alerts'" in err.value.msg
    assert "None" not in err.value.msg


# --- retries as documented -------------------------------------------------------------------------


def test_default_retries_try_a_call_six_times_in_all(mock_emulator):
    params = dict.fromkeys(connection.AWS_COMMON_ARGUMENT_SPEC)
    params.update(region="us-east-1", validate_certs=True)
    client = create_client(params, "phone_number")
    # max_attempts counts retries after the first attempt; botocore turns it into the total.
    assert client.meta.config.retries["total_max_attempts"] == 6


# --- failures carry the library versions -----------------------------------------------------------


class Exited(Exception):
    pass


class FakeModule:
    _name = "pinpoint.sms_voice.phone_number"

    def __init__(self):
        self.params = dict.fromkeys(connection.AWS_COMMON_ARGUMENT_SPEC)
        self.params.update(region="us-east-1", validate_certs=True)
        self.argument_spec = dict(connection.AWS_COMMON_ARGUMENT_SPEC)
        self.no_log_values = set()
        self.failed = None

    def fail_json(self, **kwargs):
        self.failed = kwargs
        raise Exited()

    def exit_json(self, **kwargs):
        raise AssertionError("expected a failure, got {0}".format(kwargs))


def test_failures_carry_boto3_and_botocore_versions(mock_emulator):
    module = FakeModule()

    def work(_module, _api):
        raise SmsVoiceError("name is required", operation="RequestPhoneNumber")

    with pytest.raises(Exited):
        runner.run_module(module, work)
    assert module.failed["msg"] == "name is required"
    assert module.failed["boto3_version"] == boto3.__version__
    assert module.failed["botocore_version"] == botocore.__version__


# --- phone_number_info returns the tags it read ----------------------------------------------------


def test_info_without_include_tags_returns_the_tags_read_for_names(mock_emulator):
    client = mock_emulator.client()
    for name in ("a", "b"):
        client.request_phone_number(
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
            NumberCapabilities=["SMS"],
            NumberType="SIMULATOR",
            Tags=[{"Key": "Name", "Value": name}, {"Key": "team", "Value": "ops"}],
        )
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.reader import (
        Reader as PhoneNumberReader,
    )

    reader = PhoneNumberReader(Api(client))
    by_name = find_phone_numbers(dict(names=["b"], include_tags=False), reader)
    assert [n["tags"] for n in by_name] == [{"Name": "b", "team": "ops"}]
    by_tag = find_phone_numbers(dict(tags={"team": "ops"}, include_tags=False), reader)
    assert [n["tags"]["Name"] for n in by_tag] == ["a", "b"]
    unread = find_phone_numbers(dict(include_tags=False), reader)
    assert [n["tags"] for n in unread] == [None, None]


class StatuslessReader:
    """Answers DescribePhoneNumbers with a number that has no Status member."""

    def describe_ids(self, ids, resource=None):
        return [dict(PhoneNumberId=ids[0])]


def test_wait_timeout_message_says_unknown_status_instead_of_none():
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import (
        number_waiter as Waiter,
    )

    now = [0.0]

    def sleep(seconds):
        now[0] += seconds

    waiter = Waiter(StatuslessReader(), 3, sleep=sleep, clock=lambda: now[0])
    with pytest.raises(SmsVoiceError) as err:
        waiter.wait(NUMBER_ID, "ACTIVE", None)
    assert "it is in an unknown status" in err.value.msg
    assert "None" not in err.value.msg


@pytest.mark.parametrize(("module", "key"), [("phone_number", "phone_number"), ("phone_number_info", "phone_numbers")])
def test_return_docs_list_every_result_key_of_the_shaper(module, key):
    import importlib

    import yaml

    source = importlib.import_module("ansible_collections.pinpoint.sms_voice.plugins.modules." + module)
    documented = yaml.safe_load(source.RETURN)[key]["contains"]
    assert list(documented) == list(RESULT_KEYS)
    assert set(documented["messaging_limits"]["contains"]) == {"rate_limits", "daily_message_caps"}
