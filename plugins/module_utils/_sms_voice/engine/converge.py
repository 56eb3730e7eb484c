# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The converge steps written once for every resource: plan (pure), then apply or predict, then the result.

A module finds its current resource through the reader, builds a typed
``Desired`` (``resource.desired_from_params``) and plans with ``plan.plan_update``,
``plan.plan_create`` or ``plan.plan_delete`` (the resource's ``Rules`` add what
only it knows: a number's pool moves, a pool's members); ``finish`` carries the
plan out (``apply.apply_plan``) or, in check mode, returns its prediction, and
builds the result with ``--diff``.

The engine as a whole (``engine/``): one description of a resource, then read -> plan -> apply or predict ->
wait -> shape. It names no resource and no operation of one: ``resource`` holds the field and
resource types and the desired state, ``plan`` the steps and the pure
planning (with the ``Rules`` hooks a description declares), ``apply`` carries
a plan out and waits, ``converge`` builds a module's result, ``paging`` reads a
resource's describe call in pages. What only one resource knows lives in its
own file, as the hooks of its ``Rules``.
"""

from __future__ import annotations

from .apply import Waiter, apply_plan, unsettled_status
from .plan import deferred_steps, lookup_label, step_options, without_step


def check_references(plan, references, known=()):
    """Fail, naming the option, if a resource the plan refers to does not exist (see ``Rules.references``).

    Checked before the first write, so a typo cannot leave a resource
    half-changed. ``references`` looks each one up once (in check mode, one not
    created yet is predicted instead, and recorded as unverified); ``known``
    are identifiers this run has read already. Returns what was found, by
    option and identifier (None: not there yet, in check mode).
    """
    resource = plan.resource
    wanted: dict = {option: set() for option in resource.rules.reference_options}
    for step in plan.steps:
        for option, identifier in resource.rules.references(step):
            wanted.setdefault(option, set()).add(identifier)
    found: dict = {}
    for option, identifiers in wanted.items():
        referenced = resource.field(option).refers
        # Ones that exist everywhere, and the one this run creates, are not looked up.
        skip = set(known) | set(referenced.rules.always_exists) | {referenced.placeholder()}
        for identifier in sorted(identifiers - skip):
            found.setdefault(option, {})[identifier] = references.lookup(referenced, identifier, option)
    return found


def diff_label(resource, item, desired):
    """``pool pool-...``, or the lookup of a resource still to be created."""
    if item and item.get(resource.id_key):
        return "{0} {1}".format(resource.kind, item[resource.id_key])
    return "{0} {1}".format(resource.kind, lookup_label(desired))


def lost_create_race(plan, error):
    """Whether the plan's create call failed, having changed nothing, because the resource exists.

    Another run created it between this run's read and its create call: re-read
    and converge (``plan_update``) instead of failing.

    The service gives the same reason to a ClientToken reused with other
    parameters (the model names no other). The modules need not tell the two
    apart: their tokens are digests of the region and every parameter sent
    (``tokens.client_token``), so a token of theirs never comes with other
    parameters; and should another tool reuse one, the re-read that follows
    finds no such resource and the task fails having changed nothing.
    """
    resource = plan.resource
    return (
        plan.creates
        and error.operation == resource.create
        and error.reason == "RESOURCE_ALREADY_EXISTS"
        and not error.extra.get("done")
    )


def finish(
    module,
    api,
    reader,
    plan,
    desired,
    wait=True,
    wait_timeout=300,
    create=None,
    label=None,
    references=None,
    waiter=None,
    preflight=None,
):
    """Apply the plan (or predict it in check mode) and build the module result.

    ``preflight(reader, plan, warn)``, when given, checks the plan before
    anything is applied, in check mode too (the account's room for a create). The result holds
    ``changed``, the resource under ``resource.result_key`` (``{}`` once
    deleted or never there; one that ``keeps_deleted`` stays, ``DELETED``),
    ``pending_changes`` for a module with a ``wait`` option, ``unverified``
    when ``references`` are given (the options check mode took on trust), and,
    with ``--diff``, ``before`` and ``after`` with headers naming the resource
    (``label(item)``, or ``diff_label``). ``create(params)``, when given, makes
    the create call (idempotency tokens, replays) and returns its answer.
    ``waiter``, when given, is the ``Waiter`` whose deadline bounds all the task's waiting.
    """
    resource = plan.resource
    warn = getattr(module, "warn", None)
    if references is not None:
        references.warn_once()
    if preflight is not None:
        preflight(reader, plan, warn)
    if module.check_mode or not plan.changed:
        item = plan.after
        pending = deferred_steps(plan) if not wait else []
        for step in pending:
            item = without_step(item, step)
        changed = len(pending) < len(plan.steps)
    else:
        waiter = waiter or Waiter(reader, wait_timeout, resource=resource)
        applied = apply_plan(api, plan, waiter, wait=wait, request=create)
        item = applied.item
        pending = applied.pending
        changed = len(pending) < len(plan.steps)
    unsettled = unsettled_status(plan, wait) if plan.changed and not pending else None
    if unsettled and item:
        item = dict(item, status=unsettled)  # joining or leaving a pool, not waited for
    gone = plan.deletes
    vanished = gone and not resource.rules.keeps_deleted and not pending
    result = {"changed": changed, resource.result_key: {} if vanished else (item or {})}
    if "wait" in module.params:
        result["pending_changes"] = [step_options(step) for step in pending]
    if references is not None:
        result["unverified"] = references.options()
    if getattr(module, "_diff", False):
        shown = plan.before or item or {}
        header = label(shown) if label is not None else diff_label(resource, shown, desired)
        result["diff"] = dict(
            before=plan.before or {},
            after={} if gone else (item or {}),
            before_header=header,
            after_header=header,
        )
    return result
