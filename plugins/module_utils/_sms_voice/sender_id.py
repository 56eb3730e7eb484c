# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``sender_id`` and ``sender_id_info``: sender IDs through the converge engine and the shared reader.

A sender ID is named by its ID and its country together (``kinds/sender_id.py``):
the task's ``sender_id`` and ``iso_country_code`` are its lookup, and a task
that finds none requests it with both. Whether a country takes sender IDs, and
which need a registration first, only the service says (no call tells it
before the request): its refusal is turned into a message naming the option
and the registration it asks for, before any other write.
"""

from __future__ import annotations

import re

from .engine import converge
from .engine.plan import plan_create, plan_delete, plan_update
from .engine.resource import desired_from_params, filter_values, shape
from .errors import SmsVoiceError
from .info import shaped_matches
from .preflight import check_room
from .reader import Reader
from .resource_policy import include_policies, plan_policy, read_policy
from .resources import SENDER_ID
from .validation import check_sender_id_info_params, check_sender_id_params

REGISTRATION_TYPE = re.compile(r"\b[A-Z]{2}_[A-Z_]*SENDER_ID[A-Z_]*\b")
NEEDS_REGISTRATION = "SENDER_ID_REQUIRES_REGISTRATION"
NOT_SUPPORTED = "SENDER_ID_NOT_SUPPORTED"
# Filter name -> allowed values (None: any value of the API's filter pattern).
FILTERS = filter_values(SENDER_ID)


def sender_ids_option():
    """The argument spec of a list of sender IDs, each named by its ID and country (``sender_id_info``, ``pool``)."""
    entry = dict(sender_id=dict(type="str", required=True), iso_country_code=dict(type="str", required=True))
    return dict(type="list", elements="dict", options=entry)


def find_current(reader, entry):
    """The sender ID of an entry with ``sender_id`` and ``iso_country_code``, shaped with its tags, or None."""
    item = reader.one(SENDER_ID, entry)
    return None if item is None else shape(SENDER_ID, item, reader.tags(item, SENDER_ID))


def plan_for(desired, current):
    if desired.state == "absent":
        return plan_delete(SENDER_ID, current, desired)
    if current is not None:
        return plan_update(SENDER_ID, current, desired)
    return plan_create(SENDER_ID, desired)


def explain_refusal(error, params):
    """The service's refusal of a request in a country, as a message naming the option and what is needed."""
    iso = params["iso_country_code"]
    named = None
    if error.reason == NEEDS_REGISTRATION:
        named = REGISTRATION_TYPE.search(error.message or "")
        registration = "a registration of type {0}".format(named.group(0)) if named else "a sender ID registration"
        why = (
            "iso_country_code: sender ID {0} cannot be requested in {1} without {2} (the service answered {3}). "
            "Register the sender ID for {1} first, then run the task again".format(
                params["sender_id"], iso, registration, NEEDS_REGISTRATION
            )
        )
    elif error.reason == NOT_SUPPORTED:
        why = "iso_country_code: the service takes no sender ID in {0} ({1}); send there from a phone number".format(
            iso, NOT_SUPPORTED
        )
    else:
        return error
    error.msg = "{0}. {1}".format(why, error.msg)
    error.args = (error.msg,)
    return error


def ensure_sender_id(module, api):
    params = module.params
    check_sender_id_params(params)
    reader = Reader(api, warn=getattr(module, "warn", None))
    desired = desired_from_params(SENDER_ID, params, ("sender_id",))
    current = read_policy(api, find_current(reader, params), params, SENDER_ID)
    plan = plan_policy(plan_for(desired, current), params)

    def label(item):
        return SENDER_ID.rules.label(SENDER_ID, item or params)

    try:
        return converge.finish(module, api, reader, plan, desired, label=label, preflight=check_room)
    except SmsVoiceError as e:
        if not converge.lost_create_race(plan, e):
            raise explain_refusal(e, params)
    # Another run requested it between this run's read and its request: converge on that one.
    current = read_policy(api, find_current(reader, params), params, SENDER_ID)
    if current is None:
        raise SmsVoiceError(
            "sender ID {0} in {1} was requested and released again by other runs meanwhile; nothing was "
            "changed. Run the task again".format(params["sender_id"], params["iso_country_code"])
        )
    return converge.finish(
        module,
        api,
        reader,
        plan_policy(plan_update(SENDER_ID, current, desired), params),
        desired,
        label=label,
        preflight=check_room,
    )


def find_sender_ids(params, reader):
    """The shaped sender IDs that match every criterion given, in the service's order (``info.matching``)."""
    return shaped_matches(params, reader, SENDER_ID, "sender_ids")[0]


def list_sender_ids(module, api):
    check_sender_id_info_params(module.params, FILTERS)
    reader = Reader(api, warn=getattr(module, "warn", None))
    found = find_sender_ids(module.params, reader)
    return dict(changed=False, sender_ids=include_policies(api, found, SENDER_ID, module.params))
