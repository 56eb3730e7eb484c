# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Carry out a ``Plan``: make its calls in order, wait where needed, shape the result.

No final re-read: every write returns the number (or the plan knows the
outcome, for tags and pools), so the result is the prediction overlaid with
what the service answered. That keeps a change to the fewest calls the API allows.
"""

from __future__ import annotations

import time

from .errors import SmsVoiceError
from .planner import NEW_NUMBER_ID
from .shape import merge_response, tags_to_dict

# Errors that, on a call botocore had to retry, mean an earlier attempt already did
# the work (its answer was lost): (operation, error code or reason).
ALREADY_DONE = {
    ("ReleasePhoneNumber", "ResourceNotFoundException"),
    ("ReleasePhoneNumber", "RESOURCE_NOT_ACTIVE"),
    ("DeleteKeyword", "ResourceNotFoundException"),
    ("UntagResource", "ResourceNotFoundException"),
    ("DisassociateOriginationIdentity", "PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL"),
    ("DisassociateOriginationIdentity", "ResourceNotFoundException"),
}

FIRST_POLL_SECONDS = 1.0
POLL_GROWTH = 1.5
MAX_POLL_SECONDS = 15.0


class Waiter:
    """Polls DescribePhoneNumbers with a growing interval until a status is reached.

    The service has no botocore waiters, hence this. A number already in the
    wanted status costs no sleep at all.
    """

    def __init__(self, reader, timeout, sleep=time.sleep, clock=time.monotonic):
        self.reader = reader
        self.timeout = timeout
        self.sleep = sleep
        self.clock = clock
        self.deadline = None

    def start(self):
        # One deadline for the whole task: wait_timeout bounds all its waiting.
        if self.deadline is None:
            self.deadline = self.clock() + self.timeout

    def wait(self, number_id, status, last_seen):
        """Wait until the number has ``status`` (``DELETED`` also accepts a vanished number).

        ``last_seen`` is the status the last response reported. Returns the
        latest API number (or None once a released number has gone).
        """
        self.start()
        if last_seen == status:
            return None
        interval = FIRST_POLL_SECONDS
        current = last_seen
        if last_seen is None:
            # Status unknown (pool changes answer without one): look before sleeping.
            latest = self._read(number_id, status)
            if latest is None or latest.get("Status") == status:
                return latest
            current = latest.get("Status")
        while True:
            remaining = self.deadline - self.clock()
            if remaining <= 0:
                raise SmsVoiceError(
                    "timed out after {0} seconds waiting for phone number {1} to become {2}; it is {3}. "
                    "Raise wait_timeout, or set wait: false and check on it later".format(
                        self.timeout, number_id, status, current or "in an unknown status"
                    ),
                    phone_number_id=number_id,
                    status=current,
                )
            self.sleep(min(interval, remaining))
            interval = min(interval * POLL_GROWTH, MAX_POLL_SECONDS)
            latest = self._read(number_id, status)
            if latest is None:
                return None
            current = latest.get("Status")
            if current == status:
                return latest

    def _read(self, number_id, status):
        numbers = self.reader.describe_ids([number_id])
        if numbers:
            return numbers[0]
        if status == "DELETED":
            return None
        raise SmsVoiceError("phone number {0} disappeared while waiting for it to become {1}".format(number_id, status))


def apply_plan(api, plan, waiter, wait=True, request=None):
    """Execute ``plan``; returns the resulting number in the shape of ``shape.py``.

    ``request(params)``, when given, makes the RequestPhoneNumber step and returns its answer.
    """
    result = dict(plan.after) if plan.after is not None else None
    number_id = plan.before["phone_number_id"] if plan.before else None
    status = plan.before.get("status") if plan.before else None
    for step in plan.steps:
        params = {k: (number_id if v == NEW_NUMBER_ID else v) for k, v in step.params.items()}
        if step.needs_active and status != "ACTIVE":
            # Settings only UpdatePhoneNumber takes can be applied once the number is ACTIVE,
            # whatever `wait` says: the task asked for them.
            latest = waiter.wait(number_id, "ACTIVE", status)
            if latest is not None:
                result = merge_response(result, latest)
            status = "ACTIVE"
        if step.operation == "RequestPhoneNumber" and request is not None:
            response = request(params)
        else:
            response = _call(api, step.operation, params, releasing=plan.action == "release")
        if response is RELEASED_BY_ANOTHER_RUN:
            break  # the number is gone as the task asks: the rest of the release has nothing to do
        if step.operation == "RequestPhoneNumber":
            number_id = response["PhoneNumberId"]
            result = merge_response(result, response)
            result["tags"] = tags_to_dict(response.get("Tags")) or result["tags"]
        elif "PhoneNumberArn" in response:
            result = merge_response(result, response)
        if "Status" in response:
            status = response["Status"]
        elif step.operation in ("AssociateOriginationIdentity", "DisassociateOriginationIdentity") or not response:
            status = None  # unknown until read (pool changes, or a retried call that had already acted)
        if step.wait and wait:
            latest = waiter.wait(number_id, step.wait, status)
            if latest is not None:
                result = merge_response(result, latest)
            status = step.wait
    if result is not None and plan.action == "release":
        result["status"] = "DELETED"
    return result


# What ``_call`` answers for a step of a release when the number turns out to be released already.
RELEASED_BY_ANOTHER_RUN = {}
NOT_ACTIVE = ("ResourceNotFoundException", "RESOURCE_NOT_ACTIVE")


def _call(api, operation, params, releasing=False):
    """Make one write; a retried call whose earlier attempt already acted counts as done.

    During a release, a call refused because the number is already released
    (another run released it in the meantime, retried or not) ends the
    release: the number is gone as asked.
    """
    try:
        return api.call(operation, **params)
    except SmsVoiceError as e:
        if getattr(e, "retried", False) and (
            (operation, e.code) in ALREADY_DONE or (operation, e.reason) in ALREADY_DONE
        ):
            return {}
        number_id = params.get("PhoneNumberId") or params.get("OriginationIdentity")
        if releasing and (e.code in NOT_ACTIVE or e.reason in NOT_ACTIVE) and _released(api, number_id):
            return RELEASED_BY_ANOTHER_RUN
        raise


def _released(api, number_id):
    """Whether the service shows the number as released (DELETED, or no longer known)."""
    try:
        numbers = api.call("DescribePhoneNumbers", PhoneNumberIds=[number_id]).get("PhoneNumbers", [])
    except SmsVoiceError as e:
        if e.code == "ResourceNotFoundException":
            return True
        raise
    return not numbers or numbers[0].get("Status") == "DELETED"
