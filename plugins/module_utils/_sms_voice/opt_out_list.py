# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``opt_out_list`` and ``opt_out_list_info``: opt-out lists through the converge engine and the shared reader.

An opt-out list is identified by its own name (no Name tag). Creating one
sends a ClientToken derived from the region and the request, so overlapping
runs of one task create one list; deleting one is refused before any write
when it is ``Default`` or when numbers or pools still use it.
"""

from __future__ import annotations

from .engine import converge
from .engine.plan import plan_create, plan_delete, plan_update
from .engine.resource import desired_from_params, iso8601, shape
from .errors import SmsVoiceError
from .info import shaped_matches
from .opted_out_numbers import kept_warning, plan_numbers, read_into, read_numbers
from .preflight import check_room
from .reader import LIVE_STATUSES, Reader, api_filters
from .resource_policy import include_policies, plan_policy, read_policy
from .resources import OPT_OUT_LIST, PHONE_NUMBER, POOL
from .tokens import ChainedCreate
from .validation import check_opt_out_list_info_params, check_opt_out_list_params


def find_current(reader, name):
    """The opt-out list with this name, shaped with its tags (as ``opt_out_list_info`` shapes it), or None."""
    item = reader.one(OPT_OUT_LIST, name)
    return None if item is None else shape(OPT_OUT_LIST, item, reader.tags(item, OPT_OUT_LIST))


def users(reader, name):
    """(phone number IDs, pool IDs) of the live numbers and the pools that use the opt-out list."""
    numbers = reader.describe_all(filters=api_filters({"opt-out-list-name": name, "status": list(LIVE_STATUSES)}))
    pools = reader.describe_all(filters=api_filters({"opt-out-list-name": name}), resource=POOL)
    return [n[PHONE_NUMBER.id_member] for n in numbers], [p[POOL.id_member] for p in pools]


def check_unused(reader, name):
    """Fail, naming them, when numbers or pools use the list: the service refuses to delete it."""
    numbers, pools = users(reader, name)
    if numbers or pools:
        named = ["phone numbers " + ", ".join(numbers)] if numbers else []
        named += ["pools " + ", ".join(pools)] if pools else []
        raise SmsVoiceError(
            "opt-out list {0} is in use by {1} and cannot be deleted. Give them another opt-out list "
            "(opt_out_list_name) or release them first; nothing was changed".format(name, " and ".join(named))
        )


class Creator(ChainedCreate):
    """Makes the CreateOptOutList of a plan through the token chain (``tokens.ChainedCreate``).

    An answer is a replay when the list of that name is gone, or is another
    list created since; the chain is keyed by the creation time of the list the
    token was replayed to.
    """

    def __init__(self, api, reader, region):
        super().__init__(api, reader, region, OPT_OUT_LIST)

    def replayed(self, response):
        created = iso8601(response.get("CreatedTimestamp"))
        current = self.reader.one(OPT_OUT_LIST, response[OPT_OUT_LIST.id_member])
        if current is not None and iso8601(current.get("CreatedTimestamp")) == created:
            return None
        if current is not None:
            # Another run created the list after the one this token made was deleted: converge on it.
            raise SmsVoiceError(
                "opt-out list {0} already exists".format(current[OPT_OUT_LIST.id_member]),
                operation=OPT_OUT_LIST.create,
                code="ConflictException",
                reason="RESOURCE_ALREADY_EXISTS",
            )
        return created


def plan_for(reader, desired, current, params, warn=None):
    """The plan of a task: create, update (tags, resource policy, opted-out numbers) or delete."""
    name = desired.lookup.value
    if desired.state == "absent":
        if current is not None:
            check_unused(reader, name)
        return plan_delete(OPT_OUT_LIST, current, desired)
    if current is not None:
        plan = plan_update(OPT_OUT_LIST, current, desired)
    else:
        # The ClientToken is added by ``Creator`` when the call is made (derived from the request).
        plan = plan_create(OPT_OUT_LIST, desired, params={OPT_OUT_LIST.id_member: name}, opt_out_list_name=name)
    kept = plan_numbers(plan, params)
    if kept and warn is not None:
        warn(kept_warning(name, kept))
    return plan_policy(plan, params)


def find_with_extras(reader, api, params):
    """The list (``find_current``) with its policy and its numbers, each read only when the task sets it."""
    current = read_into(reader, find_current(reader, params["name"]), params)
    return read_policy(api, current, params, OPT_OUT_LIST)


def ensure_opt_out_list(module, api):
    params = module.params
    check_opt_out_list_params(params)
    region = api.client.meta.region_name
    reader = Reader(api, warn=getattr(module, "warn", None))
    desired = desired_from_params(OPT_OUT_LIST, params, ("name",))
    warn = getattr(module, "warn", None)
    current = find_with_extras(reader, api, params)
    plan = plan_for(reader, desired, current, params, warn)
    try:
        return converge.finish(
            module, api, reader, plan, desired, create=Creator(api, reader, region), preflight=check_room
        )
    except SmsVoiceError as e:
        if not converge.lost_create_race(plan, e):
            raise
    # Another run created the list between this run's read and its create: converge on that list.
    current = find_with_extras(reader, api, params)
    if current is None:
        raise SmsVoiceError(
            "opt-out list {0} was created and deleted again by other runs meanwhile; nothing was changed. "
            "Run the task again".format(params["name"])
        )
    return converge.finish(
        module, api, reader, plan_for(reader, desired, current, params, warn), desired, preflight=check_room
    )


def find_opt_out_lists(params, reader):
    """The shaped opt-out lists that match every criterion given, in the service's order.

    Selected as every listing module selects (``info.shaped_matches``). An
    opt-out list's ``names`` are its own names (its IDs), not a Name tag; one
    unknown name fails a whole DescribeOptOutLists call, so the reader asks one
    by one then and leaves unknown names out.
    """
    listing = dict(params, names=None, opt_out_list_names=params.get("names"))
    results = shaped_matches(listing, reader, OPT_OUT_LIST, "opt_out_list_names")[0]
    if params.get("include_opted_out_numbers"):
        # One DescribeOptedOutNumbers per 100 entries of each list, by ARN (a shared list is named by it).
        for item in results:
            item["opted_out_numbers"] = read_numbers(reader, item["opt_out_list_arn"])
    return include_policies(reader.api, results, OPT_OUT_LIST, params)


def list_opt_out_lists(module, api):
    check_opt_out_list_info_params(module.params)
    reader = Reader(api, warn=getattr(module, "warn", None))
    return dict(changed=False, opt_out_lists=find_opt_out_lists(module.params, reader))
