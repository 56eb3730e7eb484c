# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plan the API calls that take a resource from what it is to what a task asks, written once.

Everything here is pure: ``plan_update``, ``plan_create`` and ``plan_delete``
take the current resource (the shaped dict of ``resource.shape``, or None) and
the ``Desired`` settings, and return a ``Plan`` - the ordered steps and the
predicted resource - without any I/O. What only one resource knows comes from
the hooks of its description (``resource.Rules``). Check mode returns the
prediction; ``apply.py`` carries the steps out.

A ``Step`` carries the option-level change it makes (``changes``, what
``pending_changes`` lists), the values the prediction goes back to when it is
not made (``undo``), and its ``phase``, which orders it among the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import SmsVoiceError
from . import resource as engine
from .resource import UNSET, tags_to_list

# Phases order a plan's steps: membership changes before the settings change (leaving, or joining a
# resource as it is), the update call, list settings (keywords), membership after the settings, tags.
MEMBERS_BEFORE = "members before settings"
SETTINGS = "settings"
LISTS = "lists"
MEMBERS_AFTER = "members after settings"
TAGS = "tags"
CREATE = "create"
DELETE = "delete"
# The order of a plan's phases unless the resource says otherwise (``Rules.phase_order``).
PHASE_ORDER = (CREATE, MEMBERS_BEFORE, SETTINGS, MEMBERS_AFTER, TAGS, LISTS, DELETE)


@dataclass
class Step:  # pylint: disable=too-many-instance-attributes
    """One API call.

    ``wait`` is the status to wait for after it (None: no wait);
    ``needs_active`` that the resource must be ACTIVE before it (set after a
    create or a membership change). ``changes`` is what the call changes, by
    option name (how ``pending_changes`` lists a call not made yet); ``undo``
    the result keys and values the prediction has when the call is not made.
    ``leaves_status`` is the status the call leaves the resource in until it
    settles (joining or leaving a pool), which its answer does not say.
    ``fills`` names what the call's answer gives to later steps: answer member
    -> the placeholder that stands for its value in their parameters (the ID of
    something the run creates before a step that names it).
    """

    operation: str
    params: dict
    wait: str | None = None
    needs_active: bool = False
    changes: dict = field(default_factory=dict)
    undo: dict = field(default_factory=dict)
    phase: str = SETTINGS
    leaves_status: str | None = None
    fills: dict = field(default_factory=dict)


@dataclass
class Plan:
    """What a task will do: the steps, and the resource before and after."""

    action: str  # "none", "update", or the resource's create or delete action
    before: dict | None
    after: dict | None
    steps: list = field(default_factory=list)
    resource: Any = None

    @property
    def changed(self):
        return bool(self.steps)

    @property
    def operations(self):
        return [step.operation for step in self.steps]

    @property
    def deletes(self):
        return self.resource is not None and self.action == self.resource.rules.delete_action

    @property
    def creates(self):
        return self.resource is not None and self.action == self.resource.rules.create_action


class Rules:  # pylint: disable=too-many-public-methods
    """What only one resource knows, as hooks its description declares (``Resource.rules``).

    The engine calls these and names no resource itself; the defaults are what
    a plain resource (created, updated, deleted, nothing else) needs. A
    resource's own file subclasses this for its lookups, membership rules,
    release settling and references to other resources.
    """

    # The plan's action for the create and the delete call (a number is "requested" and released).
    create_action = "create"
    delete_action = "delete"
    # The verbs of messages about the delete call, and what to do about an immutable difference.
    delete_verbs = ("delete", "deleted")
    replace_advice = "Delete it and create a new one, or change the task to match; nothing was changed"
    # A deleted resource that stays readable, in status DELETED (its result is kept, not emptied).
    keeps_deleted = False
    # Statuses of a resource that still exists; (None,) for one without a status.
    live_statuses: tuple = (None,)
    # The status to wait for after the update call (None: no wait).
    update_wait: str | None = None
    # The order of a plan's phases.
    phase_order = PHASE_ORDER
    # Errors that, on a call botocore had to retry, mean an earlier attempt already did the work:
    # (operation, error code or reason). Errors that clear up by themselves, retried within the wait.
    already_done: frozenset = frozenset()
    settling: frozenset = frozenset()

    def label(self, resource, item):
        """How messages name an existing resource."""
        return "{0} {1}".format(resource.kind, item.get(resource.id_key))

    # -- planning --------------------------------------------------------------

    def changing(self, resource, current, desired, changes, after, context):  # pylint: disable=unused-argument
        """The steps that make ``changes`` (option -> value) to ``current``, applied to ``after``.

        By default the update call; a resource with members or a parent adds
        the membership changes around it (``context`` holds what they need).
        """
        after.update(changes)
        if not changes or not resource.update:
            return []
        return [update_step(resource, resource.key_params(current), changes, current, wait=self.update_wait)]

    def list_steps(self, identifier, current, desired, after):  # pylint: disable=unused-argument
        """Steps for the resource's list settings (keywords...), applied to ``after``."""
        return []

    def arrange(self, steps, current):  # pylint: disable=unused-argument
        """The planned steps, marked as the resource needs (which must wait for it to be ACTIVE)."""
        return steps

    def check_create(self, resource, desired):
        """Fail when the task cannot create the resource (it names one that does not exist)."""

    def missing_message(self, resource, desired, missing):
        return "no {0} matches {1}; to create one, set {2}".format(
            resource.kind, lookup_label(desired), ", ".join(missing)
        )

    def creating(self, resource, desired, context):  # pylint: disable=unused-argument
        """(create parameters, predicted values, option keys the create call leaves out) beyond the fields'."""
        return {}, {}, ()

    def follow_create(self, resource):
        """The options that follow the create call with the update call (``plan_create(follow=True)``)."""
        return tuple(f.key for f in resource.updatable if f.update_only)

    def check_result(self, after):
        """Fail when the predicted resource is one the service would refuse."""

    def before_delete(self, resource, current, desired, context):  # pylint: disable=unused-argument
        """Steps that must come before the delete call (leaving a pool)."""
        return []

    def deleted(self, current):  # pylint: disable=unused-argument
        """What the prediction of a deleted resource says besides its status."""
        return {}

    # Identifiers of this resource that exist in every account and region (never looked up).
    always_exists: tuple = ()
    # The options ``references`` yields, in the order they are checked (the others after, as met).
    reference_options: tuple = ()

    def references(self, step):  # pylint: disable=unused-argument
        """(option, identifier) of every other resource a step names (the option's field ``refers`` to it)."""
        return ()

    # -- applying --------------------------------------------------------------

    def tolerated(self, operation, error, deleting):  # pylint: disable=unused-argument
        """Whether a refused call means what the step asks is already so (another run did it)."""
        return False

    def gone_meanwhile(self, reader, params, error):  # pylint: disable=unused-argument
        """Whether, during a delete, a refused call means another run deleted the resource."""
        return False


def in_phases(steps, order=PHASE_ORDER):
    """The steps ordered by phase; steps of one phase keep their order."""
    return sorted(steps, key=lambda step: order.index(step.phase))


# -- tags ---------------------------------------------------------------------


def purgeable(key):
    """Whether ``purge_tags`` may remove a tag key.

    ``Name`` is the resource's identity: only ``name`` (or ``tags.Name``)
    changes it, and it is never removed, or the next task by name would create a
    second resource. ``aws:`` keys belong to AWS (CloudFormation and others set
    them) and the service refuses to remove them.
    """
    return key != "Name" and not key.lower().startswith("aws:")


def plan_tags(current_tags, desired):
    """(tags to set, keys to remove, resulting tags) for the difference only."""
    wanted = desired.tags.wanted()
    if wanted is None:
        return {}, [], dict(current_tags)
    to_set = {k: v for k, v in wanted.items() if current_tags.get(k) != v}
    to_remove = []
    # Without a tags option the task only asks for the Name tag: nothing is purged.
    if desired.tags.purge and desired.tags.tags is not None:
        to_remove = sorted(k for k in current_tags if k not in wanted and purgeable(k))
    result = {k: v for k, v in current_tags.items() if k not in to_remove}
    result.update(to_set)
    return to_set, to_remove, result


def tag_steps(current_tags, desired, arn, after):
    """UntagResource / TagResource for the tag difference only, applied to ``after``."""
    to_set, to_remove, after["tags"] = plan_tags(current_tags, desired)
    steps = []
    if to_remove:
        steps.append(
            Step("UntagResource", dict(ResourceArn=arn, TagKeys=to_remove), changes={"removed_tags": list(to_remove)})
        )
    if to_set:
        steps.append(
            Step("TagResource", dict(ResourceArn=arn, Tags=tags_to_list(to_set)), changes={"tags": dict(to_set)})
        )
    for step in steps:
        step.phase = TAGS
    return steps


# -- settings -------------------------------------------------------------------


def check_immutable(resource, current, desired):
    """Fail, listing them, when the task asks an existing resource to change what cannot change."""
    diffs = engine.immutable_differences(resource, current, desired)
    if diffs:
        raise SmsVoiceError(
            "{0} cannot change immutable settings: {1}. {2}".format(
                resource.rules.label(resource, current), "; ".join(diffs), resource.rules.replace_advice
            ),
            differences=diffs,
        )


def update_changes(resource, current, desired, only=None):
    """The updatable settings the task sets that differ from ``current``, by option name."""
    changes = {}
    for f in resource.updatable:
        if only is not None and f.key not in only:
            continue
        want = desired.get(f.key)
        if want is not None and not f.same(current.get(f.key), want):
            changes[f.key] = want
    return changes


def update_step(resource, key_params, changes, before=None, **kwargs):
    """The update call that makes ``changes`` (option -> value), naming the resource by ``key_params``.

    ``before`` is the resource before the run (None: one this run creates,
    whose prediction then falls back to each field's default).
    """
    params = dict(key_params)
    undo = {}
    for key, value in changes.items():
        f = resource.field(key)
        params[f.member] = f.api_value(value)
        if before is not None:
            undo[key] = before.get(key)
        elif f.default is not UNSET:
            undo[key] = f.default
    return Step(resource.update, params, changes=dict(changes), undo=undo, **kwargs)


def plan_update(resource, current, desired, context=None):
    """An existing resource: immutable check, update call, tags, list settings (``Plan`` update or none).

    The resource's ``Rules.changing`` hook makes the update call and any
    membership change around it (``context`` is what it needs to know beyond
    the two states); the steps are ordered by phase.
    """
    rules = resource.rules
    check_immutable(resource, current, desired)
    after = dict(current)
    changes = update_changes(resource, current, desired)
    steps = rules.changing(resource, current, desired, changes, after, context)
    steps += tag_steps(current.get("tags") or {}, desired, current[resource.arn_key], after)
    steps += rules.list_steps(current[resource.id_key], current, desired, after)
    steps = rules.arrange(in_phases(steps, rules.phase_order), current)
    return Plan("update" if steps else "none", dict(current), after, steps, resource=resource)


def lookup_label(desired):
    if desired.lookup is None:
        return "the task"
    return "{0}={1!r}".format(desired.lookup.key, desired.lookup.value)


def plan_create(resource, desired, client_token=None, params=None, follow=False, context=None, **known):
    """A resource to create: the create call with every setting it takes and the tags.

    ``params`` are create parameters only the caller knows (the founding
    number of a pool, an opt-out list's name); ``known`` fills the prediction.
    With ``follow``, the settings the create call does not take (or that differ
    from what it makes) follow with the update call once the resource is
    ACTIVE, and list settings after it. ``Plan`` action: the resource's create action.
    """
    rules = resource.rules
    rules.check_create(resource, desired)
    missing = engine.missing_to_create(resource, desired)
    if missing:
        raise SmsVoiceError(rules.missing_message(resource, desired, missing))
    extra, predicted, skip = rules.creating(resource, desired, context)
    create = engine.create_params(resource, desired, skip=skip)
    create.update(params or {})
    create.update(extra)
    _to_set, _to_remove, tags = plan_tags({}, desired)
    create["Tags"] = tags_to_list(tags)
    if client_token:
        create["ClientToken"] = client_token
    after = engine.new_resource(resource, desired, tags=tags, **dict(known, **predicted))
    # A resource with a status (a pool is CREATING first) is waited for; an opt-out list has none.
    has_status = "status" in resource.result_keys
    steps = [Step(resource.create, create, wait="ACTIVE" if has_status else None, phase=CREATE)]
    if follow:
        placeholder = {resource.id_member: resource.placeholder()}
        changes = update_changes(resource, after, desired, rules.follow_create(resource))
        after.update(changes)
        if changes:
            steps.append(update_step(resource, placeholder, changes, wait=rules.update_wait, needs_active=has_status))
        steps += rules.list_steps(resource.placeholder(), None, desired, after)
    rules.check_result(after)
    return Plan(rules.create_action, None, after, steps, resource=resource)


def check_deletion_protection(resource, current, desired):
    """Fail unless the task turns deletion protection off; the update that does so (or nothing)."""
    if not current.get("deletion_protection_enabled"):
        return []
    verb, done = resource.rules.delete_verbs
    if desired.get("deletion_protection_enabled") is not False:
        raise SmsVoiceError(
            "{0} has deletion protection enabled and was not {1}. To {2} it, set "
            "deletion_protection_enabled: false in this task".format(
                resource.rules.label(resource, current), done, verb
            )
        )
    return [update_step(resource, resource.key_params(current), {"deletion_protection_enabled": False}, current)]


def plan_delete(resource, current, desired, context=None):
    """``state: absent``: the delete call, after what must go first (the ``before_delete`` hook, deletion protection)."""
    if current is None:
        return Plan("none", None, None, [], resource=resource)
    rules = resource.rules
    protection = check_deletion_protection(resource, current, desired)
    steps = rules.before_delete(resource, current, desired, context) + protection
    # A resource with a status (a pool is DELETING first) is waited for until it is gone.
    wait = "DELETED" if "status" in resource.result_keys else None
    steps.append(
        Step(resource.delete, resource.key_params(current), wait=wait, phase=DELETE, undo=_status_undo(current))
    )
    after = dict(current)
    if "status" in after:
        after["status"] = "DELETED"
    after.update(rules.deleted(current))
    for step in protection:
        step.needs_active = bool(steps[: steps.index(step)])
    steps = rules.arrange(steps, current)
    return Plan(rules.delete_action, dict(current), after, steps, resource=resource)


def _status_undo(current):
    return {"status": current.get("status")}


# -- what a run leaves for later ---------------------------------------------------


def step_options(step, resource=None):  # pylint: disable=unused-argument
    """What a step changes, by option name: how ``pending_changes`` lists a call not made yet."""
    return {"operation": step.operation, "options": dict(step.changes)}


def deferred_steps(plan):
    """The steps a run with ``wait: false`` leaves for a later run.

    Those that need an ACTIVE resource while it is PENDING (a toll-free or 10DLC
    number under review, for days): update-only settings, pool changes, keywords.
    """
    status = (plan.before or plan.after or {}).get("status")
    if status != "PENDING":
        return []
    deferred = [step for step in plan.steps if step.needs_active]
    if deferred and plan.deletes:
        # The service deletes nothing still in a pool or protected: the delete waits with them.
        return list(plan.steps)
    return deferred


def without_step(result, step, before=None, resource=None):  # pylint: disable=unused-argument
    """A predicted resource without what ``step`` (left for later) would have changed.

    The step says what that is (``undo``), computed when it was planned from
    the resource before the run (or, for one being created, its defaults).
    """
    result = dict(result)
    result.update(step.undo)
    return result
