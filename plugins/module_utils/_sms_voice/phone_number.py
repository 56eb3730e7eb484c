# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``phone_number``: read the current number, plan, then apply (or predict in check mode)."""

from __future__ import annotations

import uuid

from .apply import Waiter, apply_plan
from .errors import SmsVoiceError
from .model_support import check_options_supported
from .planner import plan_absent, plan_present, resource_id
from .reader import PhoneNumberReader
from .validation import check_phone_number_params

# The options that describe the number itself, as the planner sees them.
SETTINGS = (
    "name",
    "iso_country_code",
    "message_type",
    "number_capabilities",
    "number_type",
    "registration_id",
    "opt_out_list_name",
    "pool_id",
    "deletion_protection_enabled",
    "self_managed_opt_outs_enabled",
    "two_way_enabled",
    "two_way_channel_arn",
    "two_way_channel_role",
    "international_sending_enabled",
    "tags",
    "purge_tags",
    "keywords",
    "purge_keywords",
    "number_preference",
)


def desired_from_params(params):
    desired = {key: params.get(key) for key in SETTINGS}
    desired["lookup"] = next(k for k in ("phone_number_id", "phone_number", "name") if params.get(k) is not None)
    desired[desired["lookup"]] = params[desired["lookup"]]
    if desired.get("pool_id"):
        desired["pool_id"] = resource_id(desired["pool_id"], "pool")
    desired["state"] = params["state"]
    return desired


def find_current(reader, params):
    """The live number the task is about, shaped, or None.

    Lookup uses the first of phone_number_id, phone_number and name that is
    set; the others, when also set, must agree with the number found.
    """
    if params.get("phone_number_id") is not None:
        number = reader.by_id(params["phone_number_id"])
        tags = None
    elif params.get("phone_number") is not None:
        number = reader.by_e164(params["phone_number"])
        tags = None
    else:
        # Releasing cannot be undone: only the full scan may say the name is unique.
        matches = reader.by_name(params["name"], exhaustive=params["state"] == "absent")
        if len(matches) > 1:
            raise SmsVoiceError(
                "{0} phone numbers are named {1!r} ({2}): name must identify one number. Use phone_number_id "
                "instead, or fix the Name tags".format(
                    len(matches), params["name"], ", ".join(n["PhoneNumberId"] for n, _tags in matches)
                )
            )
        number, tags = matches[0] if matches else (None, None)
    if number is None:
        return None
    current = reader.shaped(number, tags, with_keywords=params.get("keywords") is not None)
    if params.get("phone_number") is not None and current["phone_number"] != params["phone_number"]:
        raise SmsVoiceError(
            "conflicting lookup keys: phone_number_id {0} is {1}, not phone_number {2}".format(
                current["phone_number_id"], current["phone_number"], params["phone_number"]
            )
        )
    name = params.get("name")
    if params["state"] == "absent" and name is not None and current["tags"].get("Name") != name:
        # Releasing is for good: never release a number the task did not name.
        actual = current["tags"].get("Name")
        raise SmsVoiceError(
            "conflicting lookup keys: phone number {0} {1}, not {2!r}; nothing was released".format(
                current["phone_number_id"],
                "has no Name tag" if actual is None else "is named {0!r}".format(actual),
                name,
            )
        )
    return current


def pool_sizes(api, current, desired):
    """Number counts of the pool the number would leave (the only pool whose size matters)."""
    pool_id = (current or {}).get("pool_id")
    if not pool_id:
        return {}
    leaving = desired.get("state") == "absent" or (desired.get("pool_id") is not None and desired["pool_id"] != pool_id)
    if not leaving:
        return {}
    # Two are enough to know whether the number is the last one.
    response = api.call("ListPoolOriginationIdentities", PoolId=pool_id, MaxResults=2)
    count = len(response.get("OriginationIdentities", [])) + (2 if response.get("NextToken") else 0)
    return {pool_id: count}


def check_references(api, plan):
    """Fail, naming the option, if a pool or opt-out list the plan uses does not exist.

    Checked before the first write (and in check mode), so a typo cannot leave
    a number half-changed or make a dry run predict a change that would fail.
    """
    pools, lists = set(), set()
    for step in plan.steps:
        if step.operation in ("RequestPhoneNumber", "AssociateOriginationIdentity") and step.params.get("PoolId"):
            pools.add(step.params["PoolId"])
        if step.operation in ("RequestPhoneNumber", "UpdatePhoneNumber") and step.params.get("OptOutListName"):
            lists.add(step.params["OptOutListName"])
    lists.discard("Default")  # exists in every account and region
    for pool_id in sorted(pools):
        _must_exist(api, "DescribePools", dict(PoolIds=[pool_id]), "pool_id", pool_id, "pool")
    for name in sorted(lists):
        _must_exist(api, "DescribeOptOutLists", dict(OptOutListNames=[name]), "opt_out_list_name", name, "opt-out list")


def _must_exist(api, operation, params, option, value, what):
    try:
        api.call(operation, **params)
    except SmsVoiceError as e:
        if e.code == "ResourceNotFoundException":
            raise SmsVoiceError(
                "{0} {1!r}: no such {2} in this account and region; nothing was changed".format(option, value, what),
                operation=operation,
                code=e.code,
                reason=e.reason,
                message=e.message,
            )
        raise


def diff_label(number, params):
    """``phone number phone-... (+1206...)``, or the name of a number still to be requested."""
    if number.get("phone_number_id"):
        label = "phone number {0}".format(number["phone_number_id"])
        if number.get("phone_number"):
            label += " ({0})".format(number["phone_number"])
        return label
    for key in ("name", "phone_number_id", "phone_number"):
        if params.get(key) is not None:
            return "phone number {0}={1}".format(key, params[key])
    return "phone number"


def ensure_phone_number(module, api):
    params = module.params
    check_phone_number_params(params)
    check_options_supported(api.client.meta.service_model, params)
    reader = PhoneNumberReader(api, warn=getattr(module, "warn", None))
    current = find_current(reader, params)
    desired = desired_from_params(params)
    sizes = pool_sizes(api, current, desired)
    if params["state"] == "absent":
        plan = plan_absent(current, desired, sizes)
    else:
        plan = plan_present(current, desired, sizes, client_token=str(uuid.uuid4()))

    check_references(api, plan)
    if module.check_mode or not plan.changed:
        result_number = plan.after
    else:
        waiter = Waiter(reader, params["wait_timeout"])
        result_number = apply_plan(api, plan, waiter, wait=params["wait"])
    result = dict(changed=plan.changed, phone_number=result_number or {})
    if module._diff:
        result["diff"] = dict(before=plan.before or {}, after=(result_number or {}) if plan.action != "release" else {})
        # In a loop the diffs of several numbers follow each other: each names its number.
        label = diff_label(plan.before or result_number or {}, params)
        result["diff"].update(before_header=label, after_header=label)
    return result
