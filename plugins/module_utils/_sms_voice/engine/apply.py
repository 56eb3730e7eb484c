# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Carry out a ``Plan``: make its calls in order, wait where needed, shape the result.

No final re-read: every write returns the resource (or the plan knows the
outcome, for tags and pools), so the result is the prediction overlaid with
what the service answered. That keeps a change to the fewest calls the API allows.
"""

from __future__ import annotations

import time

from ..errors import SmsVoiceError
from .plan import step_options, without_step
from .resource import merge_response, tags_to_dict

# Errors that, on a call botocore had to retry, mean an earlier attempt already did the work
# (its answer was lost): (operation, error code). The resource's own are in ``Rules.already_done``.
ALREADY_DONE = {
    ("UntagResource", "ResourceNotFoundException"),
}


def in_flight(error):
    """Whether the service refused a write because another write to the resource is in progress.

    ConflictException without a Reason ("more than one operation on the same resource at the same
    time", its doc); every reasoned conflict names a state that does not clear by itself.
    """
    return error.code == "ConflictException" and not error.reason


FIRST_POLL_SECONDS = 1.0
POLL_GROWTH = 1.5
MAX_POLL_SECONDS = 15.0


class Waiter:
    """Polls the resource's describe call with a growing interval until a status is reached.

    The service has no botocore waiters, hence this. A resource already in the
    wanted status costs no sleep at all.
    """

    def __init__(self, reader, timeout, resource, sleep=time.sleep, clock=time.monotonic):
        self.reader = reader
        self.resource = resource
        self.timeout = timeout
        self.sleep = sleep
        self.clock = clock
        self.deadline = None

    def start(self):
        # One deadline for the whole task: wait_timeout bounds all its waiting.
        if self.deadline is None:
            self.deadline = self.clock() + self.timeout

    def wait(self, identifier, status, last_seen):
        """Wait until the resource has ``status`` (``DELETED`` also accepts a vanished one).

        ``last_seen`` is the status the last response reported. Returns the
        latest API item (or None once a deleted resource has gone).
        """
        self.start()
        if last_seen == status:
            return None
        interval = FIRST_POLL_SECONDS
        current = last_seen
        if last_seen is None:
            # Status unknown (pool changes answer without one): look before sleeping.
            latest = self._read(identifier, status)
            if latest is None or latest.get("Status") == status:
                return latest
            current = latest.get("Status")
        while True:
            remaining = self.deadline - self.clock()
            if remaining <= 0:
                raise SmsVoiceError(
                    "timed out after {0} seconds waiting for {1} {2} to become {3}; it is {4}. "
                    "Raise wait_timeout, or set wait: false and check on it later".format(
                        self.timeout, self.resource.kind, identifier, status, current or "in an unknown status"
                    ),
                    **{self.resource.id_key: identifier},
                    status=current,
                )
            self.sleep(min(interval, remaining))
            interval = min(interval * POLL_GROWTH, MAX_POLL_SECONDS)
            latest = self._read(identifier, status)
            if latest is None:
                return None
            current = latest.get("Status")
            if current == status:
                return latest

    def settle(self, ids, settling, resource):
        """Wait until none of the resources ``ids`` is in a ``settling`` status (ASSOCIATING...).

        Reads them together (the describe call takes several IDs a call), looking
        before the first sleep; a resource that is gone counts as settled.
        Returns the latest API resources read, by ID.
        """
        self.start()
        waiting = list(dict.fromkeys(ids))
        latest = {}
        pauses = None
        while waiting:
            for item in self.reader.describe_ids(waiting, resource=resource):
                latest[item[resource.id_member]] = item
            waiting = [i for i in waiting if i in latest and latest[i].get("Status") in settling]
            if not waiting:
                break
            pauses = pauses or self.pauses()
            if next(pauses, "deadline") == "deadline":
                raise SmsVoiceError(
                    "timed out after {0} seconds waiting for {1} {2} to finish: {3}. Raise wait_timeout, or set "
                    "wait: false and check on it later".format(
                        self.timeout,
                        resource.kind,
                        ", ".join(waiting),
                        ", ".join(sorted({latest[i]["Status"] for i in waiting})),
                    )
                )
        return latest

    def peek(self, identifier):
        """The resource as the service has it now (no wait)."""
        self.start()
        return self._read(identifier, "ACTIVE")

    def pauses(self):
        """Sleep with the growing interval before each retry; stops once the deadline has passed."""
        self.start()
        interval = FIRST_POLL_SECONDS
        while True:
            remaining = self.deadline - self.clock()
            if remaining <= 0:
                return
            self.sleep(min(interval, remaining))
            interval = min(interval * POLL_GROWTH, MAX_POLL_SECONDS)
            yield

    def _read(self, identifier, status):
        items = self.reader.describe_ids([identifier], resource=self.resource)
        if items:
            return items[0]
        if status == "DELETED":
            return None
        raise SmsVoiceError(
            "{0} {1} disappeared while waiting for it to become {2}".format(self.resource.kind, identifier, status)
        )


class Applied:
    """What ``apply_plan`` did: the resulting resource, and the steps left for a later run."""

    def __init__(self, item, pending):
        self.item = item
        self.pending = pending


def apply_plan(api, plan, waiter, wait=True, request=None):  # pylint: disable=too-many-statements
    """Execute ``plan``; returns an ``Applied`` (the shaped resource, steps left).

    With ``wait`` false, steps that need an ACTIVE resource while it is still
    PENDING (for days, for a number under review) are left for a later run
    instead of waited for. A failure after the first write is raised with
    ``changed``, the resource and the ``done``/``not_done`` operations.
    ``request(params)``, when given, makes the create step (idempotency tokens, replays)
    and returns its answer.
    """
    resource = plan.resource
    result = dict(plan.after) if plan.after is not None else None
    identifier = plan.before[resource.id_key] if plan.before else None
    status = plan.before.get("status") if plan.before else None
    done: list = []
    pending: list = []
    filled: dict = {}  # placeholder -> the value an earlier step's answer gave it (``Step.fills``)
    for index, step in enumerate(plan.steps):
        try:
            params = {k: _resolved(resource, v, identifier, result, filled) for k, v in step.params.items()}
            if step.needs_active and status != "ACTIVE":
                if not wait and status is None:
                    latest = waiter.peek(identifier)
                    status = latest.get("Status")
                    result = merge_response(resource, result, latest)
                if not wait and status == "PENDING":
                    # A delete cannot skip a step: the service refuses it for a pooled or protected number.
                    deferred = plan.steps[index:] if plan.deletes else [step]
                    pending.extend(deferred)
                    for later in deferred:
                        result = without_step(result, later)
                    if plan.deletes:
                        break
                    continue
                # Seconds for ASSOCIATING/DISASSOCIATING; bounded by wait_timeout for a PENDING number.
                latest = waiter.wait(identifier, "ACTIVE", status)
                if latest is not None:
                    result = merge_response(resource, result, latest)
                status = "ACTIVE"
            response = _send(api, waiter, plan, step, params, request, done)
            if response is DELETED_BY_ANOTHER_RUN:
                break  # the resource is gone as the task asks: the rest of the delete has nothing to do
            done.append(step)
            filled.update((p, response[m]) for m, p in step.fills.items() if m in response)
            result, identifier, status = _answered(resource, step, response, result, identifier, status)
            if step.wait and wait:
                latest = waiter.wait(identifier, step.wait, status)
                if latest is not None:
                    result = merge_response(resource, result, latest)
                status = step.wait
        except SmsVoiceError as e:
            # A step whose call succeeded and whose wait timed out is done.
            left = plan.steps[index + 1 :] if done and done[-1] is step else plan.steps[index:]
            if step.operation == resource.create and done and done[-1] is step:
                identifier = e.extra.get(resource.id_key) or identifier
            raise _stopped(e, done, pending + left, result, plan, identifier, status)
    if result is not None and plan.deletes and resource.rules.keeps_deleted and not pending:
        result["status"] = "DELETED"
    return Applied(result, pending)


def _resolved(resource, value, identifier, result, filled):
    """A step's parameter, the ID or ARN of a resource this run created (a placeholder when planned) filled in.

    ``filled`` holds the values earlier steps' answers gave to other placeholders (``Step.fills``).
    """
    if isinstance(value, str) and value in filled:
        return filled[value]
    if value == resource.placeholder():
        return identifier
    if value == resource.arn_placeholder():
        return (result or {}).get(resource.arn_key)
    return value


def unsettled_status(plan, wait):
    """The status a resource is left in by a run that does not wait (``wait: false``), or None.

    A number that joined or left a pool last is ASSOCIATING or DISASSOCIATING
    for a while (its step's ``leaves_status``); a later step that needs it
    ACTIVE waits for that anyway. Check mode predicts it and the run reports
    it, so both say the same.
    """
    if wait or plan.deletes:
        return None
    moves = [index for index, step in enumerate(plan.steps) if step.leaves_status]
    if not moves or any(step.needs_active for step in plan.steps[moves[-1] + 1 :]):
        return None
    return plan.steps[moves[-1]].leaves_status


def _answered(resource, step, response, result, identifier, status):
    """(result, ID, status) once a call answered: a create gives the new ID, every answer what it shows."""
    if step.operation == resource.create:
        identifier = response[resource.id_member]
        result = merge_response(resource, result, response)
        result["tags"] = tags_to_dict(response.get("Tags")) or result["tags"]
    elif resource.arn_member in response:
        result = merge_response(resource, result, response)
    if "Status" in response:
        status = response["Status"]
    elif step.leaves_status or not response:
        status = None  # unknown until read (a number's pool changes, or a retried call that had already acted)
    return result, identifier, status


def _send(api, waiter, plan, step, params, request, done):
    """Make the call of one step: the resource's create call through ``request`` when given."""
    if step.operation == plan.resource.create and request is not None:
        pauses = None
        while True:
            try:
                return request(params)
            except SmsVoiceError as e:
                if e.extra.get("changed"):
                    done.append(step)  # leased, then found wanting (a duplicate name) or not read back
                    raise
                if not in_flight(e):
                    raise
                pauses = pauses or waiter.pauses()
                if next(pauses, "deadline") == "deadline":
                    raise
    return call(api, waiter, step.operation, params, plan.resource, deleting=plan.deletes)


# What ``call`` answers for a step of a delete when the resource turns out to be deleted already.
DELETED_BY_ANOTHER_RUN: dict = {}


def _stopped(error, done, not_done, result, plan, identifier, status):
    """The error, with what the run did and did not do, and the resource as far as it is known."""
    resource = plan.resource
    item = dict(result or {})
    for step in not_done:
        item = without_step(item, step)
    item[resource.id_key] = item.get(resource.id_key) or identifier
    if status:
        item["status"] = status
    if done:
        error.msg = "{0}. Done: {1}; not done: {2}. Run the task again to finish".format(
            error.msg.rstrip("."),
            ", ".join(step.operation for step in done),
            ", ".join(step.operation for step in not_done) or "nothing",
        )
    else:
        error.msg = "{0}. Nothing was changed; left to do: {1}".format(
            error.msg.rstrip("."), ", ".join(step.operation for step in not_done)
        )
    error.args = (error.msg,)
    error.extra.update(
        changed=bool(done) or bool(error.extra.get("changed")),
        done=[step.operation for step in done],
        not_done=[step.operation for step in not_done],
        pending_changes=[step_options(step) for step in not_done],
    )
    if item.get(resource.id_key):
        error.extra[resource.result_key] = item
    return error


def call(api, waiter, operation, params, resource, deleting=False):
    """Make one write; a retried call whose earlier attempt already acted counts as done.

    Errors that clear up by themselves (the resource's ``Rules.settling``, and a
    write refused while another write to the resource is in progress,
    ``in_flight``) are retried with the waiter's growing interval until
    wait_timeout. A refusal the resource's rules tolerate (another run did what
    the step asks) counts as done; during a delete, a call refused because the
    resource is already deleted (another run deleted it in the meantime) ends
    the delete: the resource is gone as asked.
    """
    rules = resource.rules
    done = ALREADY_DONE | rules.already_done
    pauses = None
    while True:
        try:
            return api.call(operation, **params)
        except SmsVoiceError as e:
            if getattr(e, "retried", False) and ((operation, e.code) in done or (operation, e.reason) in done):
                return {}
            if rules.tolerated(operation, e, deleting):
                return {}
            if deleting and rules.gone_meanwhile(waiter.reader, params, e):
                return DELETED_BY_ANOTHER_RUN
            if (operation, e.reason) not in rules.settling and not in_flight(e):
                raise
            pauses = pauses or waiter.pauses()
            if next(pauses, "deadline") == "deadline":
                raise
