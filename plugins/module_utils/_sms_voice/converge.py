# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The converge steps written once for every resource: plan (pure), then apply or predict, then the result.

A module finds its current resource through the reader, builds a typed
``Desired`` (``resource.desired_from_params``) and calls ``plan_present`` or
``plan_absent``, adding the steps only it knows (a number's pool moves, a
pool's members); ``finish`` carries the plan out (``apply.apply_plan``) or, in
check mode, returns its prediction, and builds the result with ``--diff``.
"""

from __future__ import annotations

from . import resource as engine
from . import service_rules
from .apply import Waiter, apply_plan, unsettled_status
from .errors import SmsVoiceError
from .planner import Plan, Step, deferred_steps, plan_keywords, plan_tags, step_options, without_step
from .preflight import References, check_room
from .resource import tags_to_list
from .resources import OPT_OUT_LIST, POOL, REGISTRATION


def check_immutable(resource, current, desired):
    """Fail, listing them, when the task asks an existing resource to change what cannot change."""
    diffs = engine.immutable_differences(resource, current, desired)
    if diffs:
        raise SmsVoiceError(
            "{0} {1} cannot change immutable settings: {2}. Delete it and create a new one, or change the "
            "task to match; nothing was changed".format(resource.kind, current.get(resource.id_key), "; ".join(diffs)),
            differences=diffs,
        )


def update_steps(resource, current, desired, after, identifier):
    """The update call for the updatable settings that differ (none if nothing does), applied to ``after``."""
    params, changes = engine.update_params(resource, current, desired)
    after.update(changes)
    if not params:
        return []
    return [Step(resource.update, dict({resource.id_member: identifier}, **params))]


def tag_steps(current_tags, desired, arn, after):
    """UntagResource / TagResource for the tag difference only, applied to ``after``."""
    to_set, to_remove, after["tags"] = plan_tags(current_tags, desired)
    steps = []
    if to_remove:
        steps.append(Step("UntagResource", dict(ResourceArn=arn, TagKeys=to_remove)))
    if to_set:
        steps.append(Step("TagResource", dict(ResourceArn=arn, Tags=tags_to_list(to_set))))
    return steps


def keyword_steps(identifier, current_keywords, desired, after):
    steps, keywords = plan_keywords(identifier, current_keywords, desired)
    if "keywords" in after:
        after["keywords"] = keywords
    return steps


def plan_update(resource, current, desired):
    """An existing resource: immutable check, update call, tags, keywords (``Plan`` action update or none)."""
    check_immutable(resource, current, desired)
    after = dict(current)
    identifier = current[resource.id_key]
    steps = update_steps(resource, current, desired, after, identifier) if resource.update else []
    steps += tag_steps(current.get("tags") or {}, desired, current[resource.arn_key], after)
    if desired.keywords is not None:
        steps += keyword_steps(identifier, current.get("keywords"), desired, after)
    return Plan("update" if steps else "none", dict(current), after, steps, resource=resource)


def plan_create(resource, desired, client_token=None, params=None, **known):
    """A resource to create: the create call with every setting it takes and the tags (``Plan`` action create).

    ``params`` are create parameters only the module knows (the founding
    number of a pool, an opt-out list's name); ``known`` fills the prediction.
    """
    missing = engine.missing_to_create(resource, desired)
    if missing:
        raise SmsVoiceError(
            "no {0} matches {1}; to create one, set {2}".format(
                resource.kind, _lookup_label(desired), ", ".join(missing)
            )
        )
    create = engine.create_params(resource, desired)
    create.update(params or {})
    _to_set, _to_remove, tags = plan_tags({}, desired)
    create["Tags"] = tags_to_list(tags)
    if client_token:
        create["ClientToken"] = client_token
    after = engine.new_resource(resource, desired, tags=tags, **known)
    # A resource with a status (a pool is CREATING first) is waited for; an opt-out list has none.
    wait = "ACTIVE" if "status" in resource.result_keys else None
    return Plan("create", None, after, [Step(resource.create, create, wait=wait)], resource=resource)


def check_deletion_protection(resource, current, desired):
    """Fail unless the task turns deletion protection off; the update that does so (or nothing)."""
    if not current.get("deletion_protection_enabled"):
        return []
    if desired.get("deletion_protection_enabled") is not False:
        raise SmsVoiceError(
            "{0} {1} has deletion protection enabled and was not deleted. To delete it, set "
            "deletion_protection_enabled: false in this task".format(resource.kind, current[resource.id_key])
        )
    return [Step(resource.update, {resource.id_member: current[resource.id_key], "DeletionProtectionEnabled": False})]


def plan_delete(resource, current, desired, before_delete=()):
    """``state: absent``: the delete call, after what must go first (``before_delete``, deletion protection)."""
    if current is None:
        return Plan("none", None, None, [], resource=resource)
    steps = list(before_delete) + check_deletion_protection(resource, current, desired)
    # A resource with a status (a pool is DELETING first) is waited for until it is gone.
    wait = "DELETED" if "status" in resource.result_keys else None
    steps.append(Step(resource.delete, {resource.id_member: current[resource.id_key]}, wait=wait))
    after = dict(current)
    if "status" in after:
        after["status"] = "DELETED"
    return Plan("delete", dict(current), after, steps, resource=resource)


def check_references(reader, plan, known_pools=(), references=None):
    """Fail, naming the option, if a pool, opt-out list or registration the plan uses does not exist.

    Checked before the first write, so a typo cannot leave a number
    half-changed. In check mode (``references`` of a check-mode run, see
    ``preflight.References``) one not created yet is predicted instead, and
    recorded as unverified.
    """
    if references is None:
        references = References(reader)
    pools, lists, registrations = set(), set(), set()
    requests = [step.params for step in plan.steps if step.operation == "RequestPhoneNumber"]
    for step in plan.steps:
        if step.operation in ("RequestPhoneNumber", "AssociateOriginationIdentity") and step.params.get("PoolId"):
            pools.add(step.params["PoolId"])
        if step.operation in ("RequestPhoneNumber", "UpdatePhoneNumber", "UpdatePool") and step.params.get(
            "OptOutListName"
        ):
            lists.add(step.params["OptOutListName"])
        if step.operation == "RequestPhoneNumber" and step.params.get("RegistrationId"):
            registrations.add(step.params["RegistrationId"])
    lists.discard("Default")  # exists in every account and region
    pools.difference_update(known_pools)
    pools.discard(POOL.placeholder())  # the pool this run creates
    for pool_id in sorted(pools):
        references.lookup(POOL, pool_id, "pool_id")
    for name in sorted(lists):
        references.lookup(OPT_OUT_LIST, name, "opt_out_list_name")
    found = {}
    for registration_id in sorted(registrations):
        found[registration_id] = references.lookup(REGISTRATION, registration_id, "registration_id")
    for params in requests:
        service_rules.check_request_registration(params, found.get(params.get("RegistrationId")))


def _lookup_label(desired):
    if desired.lookup is None:
        return "the task"
    return "{0}={1!r}".format(desired.lookup.key, desired.lookup.value)


def diff_label(resource, item, desired):
    """``pool pool-...``, or the lookup of a resource still to be created."""
    if item and item.get(resource.id_key):
        return "{0} {1}".format(resource.kind, item[resource.id_key])
    return "{0} {1}".format(resource.kind, _lookup_label(desired))


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
        plan.action == "create"
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
):
    """Apply the plan (or predict it in check mode) and build the module result.

    A plan that creates something first checks the account's room
    (``preflight.check_room``), in check mode too. The result holds
    ``changed``, the resource under ``resource.result_key`` (``{}`` once
    deleted or never there; a released number stays, ``DELETED``),
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
    check_room(reader, plan, warn)
    if module.check_mode or not plan.changed:
        item = plan.after
        pending = deferred_steps(plan) if not wait else []
        for step in pending:
            item = without_step(item, step, plan.before, resource)
        changed = len(pending) < len(plan.steps)
    else:
        waiter = waiter or Waiter(reader, wait_timeout, resource=resource)
        applied = apply_plan(api, plan, waiter, wait=wait, request=create)
        item = applied.number
        pending = applied.pending
        changed = len(pending) < len(plan.steps)
    unsettled = unsettled_status(plan, wait) if plan.changed and not pending else None
    if unsettled and item:
        item = dict(item, status=unsettled)  # joining or leaving a pool, not waited for
    gone = plan.action in ("release", "delete")
    vanished = plan.action == "delete" and not pending
    result = {"changed": changed, resource.result_key: {} if vanished else (item or {})}
    if "wait" in module.params:
        result["pending_changes"] = [step_options(step, resource) for step in pending]
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
