"""The collection against botocore's service model: every member of the shapes it maps is mapped or
deliberately ignored, the limits it checks are the model's, and an older botocore is named."""

from __future__ import annotations

import copy
from pathlib import Path

import botocore
import botocore.loaders
import botocore.model
import botocore.session
import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import model_support, validation
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import (
    number_desired,
    plan_present,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number_info import FILTERS
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pool_info import FILTERS as POOL_FILTERS
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import (
    OPT_OUT_LIST,
    PHONE_NUMBER,
    POOL,
)

SERVICE = "pinpoint-sms-voice-v2"
REPO_ROOT = Path(__file__).resolve().parents[2]

# Members of the mapped shapes the collection leaves out on purpose, each with its reason.
IGNORED = {
    "RequestPhoneNumberRequest": {},
    "UpdatePhoneNumberRequest": {},
    "PhoneNumberInformation": {},
    "PoolInformation": {},
    "UpdatePoolRequest": {},
    "CreatePoolRequest": {},
    "OptOutListInformation": {},
    "PhoneNumberFilterName": {},
    "PoolFilterName": {},
}


def model():
    return botocore.session.get_session().get_service_model(SERVICE)


def every_option_requested():
    """The RequestPhoneNumber parameters of a task that sets every option a request takes."""
    desired = dict(
        lookup="name",
        name="all",
        state="present",
        iso_country_code="US",
        message_type="TRANSACTIONAL",
        number_capabilities=["SMS"],
        number_type="TEN_DLC",
        opt_out_list_name="list",
        pool_id="pool-1",
        registration_id="registration-1",
        international_sending_enabled=True,
        deletion_protection_enabled=True,
        number_preference=dict(preference_type="StartsWith", filter=["+1206"]),
        tags={"team": "ops"},
    )
    plan = plan_present(None, number_desired(desired), client_token="token")
    return set(plan.steps[0].params)


def read_members(resource):
    """The API members a resource's description reads."""
    return {f.member for f in resource.fields if f.member is not None}


def mapped():
    """Shape -> the members the collection's own tables and planner use."""
    return {
        "RequestPhoneNumberRequest": every_option_requested(),
        "UpdatePhoneNumberRequest": {"PhoneNumberId"} | {f.member for f in PHONE_NUMBER.updatable},
        "PhoneNumberInformation": read_members(PHONE_NUMBER),
        "PoolInformation": read_members(POOL),
        "UpdatePoolRequest": {"PoolId"} | {f.member for f in POOL.updatable},
        "CreatePoolRequest": {"OriginationIdentity", "Tags", "ClientToken"}
        | {f.create_member or f.member for f in POOL.fields if f.create},
        "OptOutListInformation": read_members(OPT_OUT_LIST),
        "PhoneNumberFilterName": set(FILTERS),
        "PoolFilterName": set(POOL_FILTERS),
    }


def members(shape):
    return set(shape.members) if shape.type_name == "structure" else set(shape.enum)


def unaccounted(shape_name, service_model):
    """Members of the shape that are neither mapped nor ignored."""
    return members(service_model.shape_for(shape_name)) - mapped()[shape_name] - set(IGNORED[shape_name])


@pytest.mark.parametrize("shape_name", sorted(IGNORED))
def test_every_member_of_a_mapped_shape_is_mapped_or_deliberately_ignored(shape_name):
    missing = unaccounted(shape_name, model())
    assert missing == set(), (
        "botocore's {0} has members the collection does not know: {1}. Map them (option, result key or "
        "filter) or list them in IGNORED with the reason".format(shape_name, sorted(missing))
    )


@pytest.mark.parametrize("shape_name", sorted(IGNORED))
def test_nothing_is_both_mapped_and_ignored_nor_unknown_to_the_model(shape_name):
    in_model = members(model().shape_for(shape_name))
    assert set(IGNORED[shape_name]) & mapped()[shape_name] == set()
    assert mapped()[shape_name] | set(IGNORED[shape_name]) <= in_model


def raw_model():
    return copy.deepcopy(botocore.loaders.Loader().load_service_model(SERVICE, "service-2"))


def test_a_member_new_in_the_model_is_caught():
    raw = raw_model()
    raw["shapes"]["PhoneNumberInformation"]["members"]["CarrierName"] = {"shape": "String"}
    raw["shapes"]["PhoneNumberFilterName"]["enum"].append("carrier-name")
    grown = botocore.model.ServiceModel(raw, SERVICE)
    assert unaccounted("PhoneNumberInformation", grown) == {"CarrierName"}
    assert unaccounted("PhoneNumberFilterName", grown) == {"carrier-name"}


# --- the limits the collection checks are the model's --------------------------------------------


def test_number_preference_limits_are_the_models():
    shapes = model()
    item = shapes.shape_for("NumberPreferenceItem")
    assert tuple(shapes.shape_for("PreferenceType").enum) == validation.NUMBER_PREFERENCE_TYPES
    assert item.members["PreferenceType"].metadata["max"] == 1  # one type: the option takes a string
    assert shapes.shape_for("NumberPreferenceList").metadata["max"] == 1  # one preference: the option is a dict
    filters = item.members["Filter"]
    assert filters.metadata["max"] == validation.NUMBER_FILTERS_MAX
    value = filters.member.metadata
    assert (value["min"], value["max"]) == validation.NUMBER_FILTER_VALUE_LENGTH
    assert value["pattern"] == validation.NUMBER_FILTER_VALUE.pattern


# --- an older botocore ------------------------------------------------------------------------------


def without(operation_or_member):
    raw = raw_model()
    if "." in operation_or_member:
        shape, member = operation_or_member.split(".")
        del raw["shapes"][shape]["members"][member]
    else:
        del raw["operations"][operation_or_member]
    return botocore.model.ServiceModel(raw, SERVICE)


def test_number_preference_on_an_older_botocore_fails_naming_the_option_and_versions():
    old = without("RequestPhoneNumberRequest.NumberPreference")
    params = dict(number_preference=dict(preference_type="StartsWith", filter=["+1206"]))
    with pytest.raises(SmsVoiceError, match=r"^number_preference needs botocore >= 1\.43\.90; found 1\.40\.0\."):
        model_support.check_options_supported(old, params, version="1.40.0")


def test_an_older_botocore_is_fine_when_the_option_is_not_set():
    old = without("RequestPhoneNumberRequest.NumberPreference")
    model_support.check_options_supported(old, dict(number_preference=None, name="x"), version="1.40.0")


def test_international_sending_on_an_older_botocore_fails_naming_the_option():
    old = without("UpdatePhoneNumberRequest.InternationalSendingEnabled")
    with pytest.raises(SmsVoiceError, match=r"^international_sending_enabled needs botocore >= 1\.40\.14; found 1\.39"):
        model_support.check_options_supported(old, dict(international_sending_enabled=False), version="1.39.0")


def test_listing_available_numbers_on_an_older_botocore_fails_naming_the_module():
    old = without("ListAvailablePhoneNumbers")
    with pytest.raises(SmsVoiceError, match=r"^available_phone_number_info .*needs botocore >= 1\.43\.90; found 1\.42"):
        model_support.check_operation_supported(
            old, "ListAvailablePhoneNumbers", "available_phone_number_info", "1.42.1"
        )


def test_installed_botocore_has_every_member_the_collection_sends():
    current = model()
    for option, operation, member, _first in model_support.OPTION_MEMBERS:
        assert member in current.operation_model(operation).input_shape.members, option
    model_support.check_options_supported(current, dict(number_preference={}, international_sending_enabled=True))


def test_requirements_floor_is_the_first_botocore_with_every_member():
    floor = model_support.BOTOCORE_FLOOR
    firsts = [first for *_rest, first in model_support.OPTION_MEMBERS] + list(model_support.OPERATIONS.values())
    assert floor == max(firsts, key=lambda v: tuple(int(p) for p in v.split(".")))
    lines = (REPO_ROOT / "requirements.txt").read_text().split()
    assert "botocore>={0}".format(floor) in lines
    assert "boto3>={0}".format(floor) in lines  # boto3 1.x.y requires botocore 1.x.y
    assert tuple(int(p) for p in botocore.__version__.split(".")[:3]) >= tuple(int(p) for p in floor.split("."))


def test_available_numbers_page_size_is_the_models_maximum():
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.available_phone_number_info import (
        PAGE_MAX,
    )

    assert model().shape_for("ListAvailablePhoneNumbersMaxResults").metadata["max"] == PAGE_MAX
