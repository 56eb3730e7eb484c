# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``phone_number``: read the current number, plan, then apply (or predict in check mode)."""

from __future__ import annotations

import uuid

from .apply import Waiter, apply_plan
from .errors import SmsVoiceError
from .planner import deferred_steps, plan_absent, plan_present, pool_settings, resource_id, step_options, without_step
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
        matches = reader.by_name(params["name"])
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
        raise SmsVoiceError(
            "conflicting lookup keys: phone number {0} is named {1!r}, not {2!r}; nothing was released".format(
                current["phone_number_id"], current["tags"].get("Name"), name
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


def target_pools(api, current, desired):
    """Settings of the pool the number is requested into or moves to (``pool_settings``), by pool ID.

    The same DescribePools call checks that the pool exists: the planner needs
    its two-way and opt-out settings, which the number takes.
    """
    want = desired.get("pool_id")
    if desired.get("state") == "absent" or not want or want == (current or {}).get("pool_id"):
        return {}
    response = _must_exist(api, "DescribePools", dict(PoolIds=[want]), "pool_id", want, "pool")
    return {want: pool_settings(response["Pools"][0])}


def check_references(api, plan, known_pools=()):
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
    pools.difference_update(known_pools)
    for pool_id in sorted(pools):
        _must_exist(api, "DescribePools", dict(PoolIds=[pool_id]), "pool_id", pool_id, "pool")
    for name in sorted(lists):
        _must_exist(api, "DescribeOptOutLists", dict(OptOutListNames=[name]), "opt_out_list_name", name, "opt-out list")


def _must_exist(api, operation, params, option, value, what):
    try:
        return api.call(operation, **params)
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


def ensure_phone_number(module, api):
    params = module.params
    check_phone_number_params(params)
    reader = PhoneNumberReader(api)
    current = find_current(reader, params)
    desired = desired_from_params(params)
    sizes = pool_sizes(api, current, desired)
    if params["state"] == "absent":
        pools = {}
        plan = plan_absent(current, desired, sizes)
    else:
        pools = target_pools(api, current, desired)
        plan = plan_present(current, desired, sizes, client_token=str(uuid.uuid4()), pools=pools)

    check_references(api, plan, known_pools=pools)
    if module.check_mode or not plan.changed:
        result_number = plan.after
        pending = deferred_steps(plan) if not params["wait"] else []
        for step in pending:
            result_number = without_step(result_number, step, plan.before)
        changed = len(pending) < len(plan.steps)
        pending_changes = [step_options(step) for step in pending]
    else:
        waiter = Waiter(reader, params["wait_timeout"])
        applied = apply_plan(api, plan, waiter, wait=params["wait"])
        result_number = applied.number
        changed = len(applied.pending) < len(plan.steps)
        pending_changes = applied.pending_changes
    result = dict(changed=changed, phone_number=result_number or {}, pending_changes=pending_changes)
    if module._diff:
        result["diff"] = dict(before=plan.before or {}, after=(result_number or {}) if plan.action != "release" else {})
    return result
