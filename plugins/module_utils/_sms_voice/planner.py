# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plan the API calls that take a phone number from what it is to what a task asks.

Everything here is pure: ``plan_present`` and ``plan_absent`` take the current
number (the shaped dict of ``shape.py``, or None) and the desired settings, and
return a ``Plan`` - the ordered calls and the predicted number - without any
I/O. Check mode returns the prediction; ``apply.py`` carries the calls out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import resource as engine
from .errors import SmsVoiceError
from .resource import tags_to_list
from .resources import PHONE_NUMBER, POOL, POOL_WIDE_SETTINGS

# Placeholder for the ID of a number this run is about to request.
NEW_NUMBER_ID = PHONE_NUMBER.placeholder()
# Settings a pool imposes on its numbers. A number requested into a pool takes
# them; a number associated with a pool must match them.
POOL_SETTING_KEYS = POOL_WIDE_SETTINGS
# Keywords every number has; the service answers them itself and they cannot be deleted.
MANDATORY_KEYWORDS = ("STOP", "HELP")
LOOKUP_KEYS = ("phone_number_id", "phone_number", "name")


def number_desired(params):
    """The typed ``Desired`` of phone_number's params (or of a dict shaped like them)."""
    return engine.desired_from_params(PHONE_NUMBER, params, LOOKUP_KEYS, extras=("number_preference",))


@dataclass
class Step:
    """One API call. ``wait`` is the status to wait for after it (None: no wait)."""

    operation: str
    params: dict
    wait: str | None = None
    # The number must be ACTIVE before this call (settings after a request).
    needs_active: bool = False


@dataclass
class Plan:
    """What a task will do: the calls, and the number before and after."""

    action: str  # "none", "request"/"create", "update", "release"/"delete"
    before: dict | None
    after: dict | None
    steps: list = field(default_factory=list)
    resource: engine.Resource = PHONE_NUMBER

    @property
    def changed(self):
        return bool(self.steps)

    @property
    def operations(self):
        return [step.operation for step in self.steps]


# Calls the service takes only for an ACTIVE number.
NEEDS_ACTIVE = (
    "UpdatePhoneNumber",
    "AssociateOriginationIdentity",
    "DisassociateOriginationIdentity",
    "PutKeyword",
    "DeleteKeyword",
)


def _require_active(steps, current):
    """Mark the calls that must wait until a number that is not ACTIVE (PENDING, ASSOCIATING...) is."""
    if current.get("status") != "ACTIVE":
        for step in steps:
            if step.operation in NEEDS_ACTIVE:
                step.needs_active = True
    return steps


def resource_id(value, kind):
    """The trailing ID of an ARN (``...:pool/pool-123`` -> ``pool-123``); IDs pass through."""
    if value and value.startswith("arn:") and "{0}/".format(kind) in value:
        return value.rsplit("/", 1)[1]
    return value


def pool_settings(api_pool):
    """A DescribePools entry as the planner compares it: pool ID, message type and the pool-wide settings."""
    shaped = engine.shape(POOL, api_pool, tags={})
    return {key: shaped[key] for key in ("pool_id", "message_type") + POOL_SETTING_KEYS}


def _pool_conflicts(pool, desired, message_type):
    """``["two_way_enabled: the pool has False, the task asks for True", ...]`` for settings the pool overrides."""
    conflicts = []
    if message_type and pool.get("message_type") and message_type != pool["message_type"]:
        conflicts.append("message_type: the pool has {0}, the number {1}".format(pool["message_type"], message_type))
    for key in POOL_SETTING_KEYS:
        want = desired.get(key)
        if want is not None and want != pool.get(key):
            conflicts.append("{0}: the pool has {1}, the task asks for {2}".format(key, pool.get(key), want))
    return conflicts


def _check_pool_overrides(pool, desired, message_type, number_label):
    conflicts = _pool_conflicts(pool, desired, message_type)
    if conflicts:
        raise SmsVoiceError(
            "{0} would be in pool {1}, whose two-way, opt-out list and self-managed opt-out settings apply to "
            "every number in it: {2}. Leave these settings out of the task (the number takes the pool's), "
            "change the pool's settings, or keep the number out of the pool; nothing was changed".format(
                number_label, pool["pool_id"], "; ".join(conflicts)
            ),
            pool_id=pool["pool_id"],
            settings=[c.split(":", 1)[0] for c in conflicts],
        )


def purgeable(key):
    """Whether ``purge_tags`` may remove a tag key.

    ``Name`` is the number's identity: only ``name`` (or ``tags.Name``) changes
    it, and it is never removed, or the next task by name would lease a second
    number. ``aws:`` keys belong to AWS (CloudFormation and others set them) and
    the service refuses to remove them.
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


def normalised(desired):
    """Desired settings with ARNs of pools and opt-out lists reduced to their IDs/names."""
    settings = dict(desired.settings)
    if settings.get("pool_id"):
        settings["pool_id"] = resource_id(settings["pool_id"], "pool")
    if settings.get("opt_out_list_name"):
        settings["opt_out_list_name"] = resource_id(settings["opt_out_list_name"], "opt-out-list")
    return replace(desired, settings=settings)


def _check_two_way(result):
    if result.get("two_way_enabled") and not result.get("two_way_channel_arn"):
        raise SmsVoiceError(
            "two_way_enabled is true but the number has no two-way channel: set two_way_channel_arn "
            "(an SNS topic ARN or connect.<region>.amazonaws.com)"
        )


def keyword_action(keyword):
    """The action of a desired keyword: as given, else OPT_OUT for STOP and AUTOMATIC_RESPONSE for the rest."""
    if keyword.get("action"):
        return keyword["action"]
    return "OPT_OUT" if keyword["keyword"].upper() == "STOP" else "AUTOMATIC_RESPONSE"


def plan_keywords(number_id, current_keywords, desired):
    """(steps, resulting keywords) for the keyword difference only, matched case-insensitively.

    ``number_id`` is the origination identity: a number or a pool.
    ``current_keywords`` is the shaped list (None for a number still to be
    requested, which starts with STOP and HELP only). STOP and HELP are never
    deleted, even with purge_keywords.
    """
    if desired.keywords is None or desired.keywords.items is None:
        return [], current_keywords
    wanted = desired.keywords.items
    current = list(current_keywords or [])
    by_key = {k["keyword"].upper(): k for k in current}
    wanted_keys = {k["keyword"].upper() for k in wanted}
    steps = []
    if desired.keywords.purge:
        for k in current:
            key = k["keyword"].upper()
            if key not in wanted_keys and key not in MANDATORY_KEYWORDS:
                steps.append(Step("DeleteKeyword", dict(OriginationIdentity=number_id, Keyword=k["keyword"])))
    removed = {step.params["Keyword"].upper() for step in steps}  # only DeleteKeyword steps so far
    result = [k for k in current if k["keyword"].upper() not in removed]
    for k in wanted:
        action = keyword_action(k)
        have = by_key.get(k["keyword"].upper())
        if have is not None and have.get("reply") == k["reply"] and have.get("action") == action:
            continue
        params = dict(
            OriginationIdentity=number_id, Keyword=k["keyword"], KeywordMessage=k["reply"], KeywordAction=action
        )
        steps.append(Step("PutKeyword", params, needs_active=current_keywords is None))
        entry = {"keyword": have["keyword"] if have else k["keyword"], "reply": k["reply"], "action": action}
        if have is not None:
            result = [entry if r["keyword"].upper() == k["keyword"].upper() else r for r in result]
        else:
            result.append(entry)
    return steps, result


def plan_present(current, desired, pool_sizes=None, client_token=None, pools=None):
    """Plan ``state: present``.

    ``current`` is the shaped number or None; ``desired`` holds the task's
    options (None for unset). ``pool_sizes`` maps a pool ID to its number of
    phone numbers, needed only when the number leaves a pool. ``pools`` maps
    the ID of the pool the number is requested into or moves to to its
    settings (``pool_settings``), whose pool-wide values the number takes.
    """
    desired = normalised(desired)
    if current is None:
        return _plan_request(desired, client_token, pools)

    diffs = engine.immutable_differences(PHONE_NUMBER, current, desired)
    if diffs:
        raise SmsVoiceError(
            "phone number {0} ({1}) cannot change immutable settings: {2}. Release it and request a new "
            "number, or change the task to match".format(
                current.get("phone_number_id"), current.get("phone_number"), "; ".join(diffs)
            ),
            differences=diffs,
        )
    number_id = current["phone_number_id"]
    after = dict(current)
    steps = []

    have_pool = current.get("pool_id") or ""
    want_pool = desired.get("pool_id")
    moving = want_pool is not None and want_pool != have_pool
    update, changes = engine.update_params(PHONE_NUMBER, current, desired)
    after.update(changes)
    if have_pool and not moving and update:
        _refuse_update_in_pool(current, have_pool, update)
    if moving and want_pool:
        label = "phone number {0}".format(number_id)
        pool = (pools or {}).get(want_pool)
        if pool is not None:
            _check_pool_overrides(pool, desired, current.get("message_type"), label)
            # The service refuses to associate a number whose settings differ from the pool's.
            for key in POOL_SETTING_KEYS:
                if pool.get(key) is not None and after.get(key) != pool[key]:
                    update[PHONE_NUMBER.field(key).member] = pool[key]
                    after[key] = pool[key]
    _check_two_way(after)

    if moving and have_pool:
        _check_not_last(have_pool, number_id, pool_sizes, "move it to another pool")
        steps.append(
            Step(
                "DisassociateOriginationIdentity", dict(PoolId=have_pool, OriginationIdentity=number_id), wait="ACTIVE"
            )
        )
    if update:
        # Never for a number in a pool: the service refuses UpdatePhoneNumber there.
        steps.append(
            Step("UpdatePhoneNumber", dict(PhoneNumberId=number_id, **update), wait="ACTIVE", needs_active=bool(steps))
        )
    if moving and want_pool:
        steps.append(
            Step(
                "AssociateOriginationIdentity",
                dict(PoolId=want_pool, OriginationIdentity=number_id),
                wait="ACTIVE",
                needs_active=bool(steps),
            )
        )
    if moving:
        after["pool_id"] = want_pool or None

    to_set, to_remove, after["tags"] = plan_tags(current.get("tags") or {}, desired)
    arn = current["phone_number_arn"]
    if to_remove:
        steps.append(Step("UntagResource", dict(ResourceArn=arn, TagKeys=to_remove)))
    if to_set:
        steps.append(Step("TagResource", dict(ResourceArn=arn, Tags=tags_to_list(to_set))))

    keyword_steps, after["keywords"] = plan_keywords(number_id, current.get("keywords"), desired)
    steps.extend(keyword_steps)

    return Plan("update" if steps else "none", dict(current), after, _require_active(steps, current))


def _refuse_update_in_pool(current, pool_id, update):
    """A number that stays in its pool cannot be updated: say which settings, and what to do instead."""
    options = {api_name: PHONE_NUMBER.option_by_member(api_name) for api_name in update}
    changes = [
        "{0}: {1} -> {2}".format(options[api_name], current.get(options[api_name]), value)
        for api_name, value in update.items()
    ]
    overridden = [options[api_name] for api_name in update if options[api_name] in POOL_SETTING_KEYS]
    if overridden:
        advice = (
            "pool {0}'s settings apply to every number in it: change {1} on the pool, or take the number out "
            'of the pool with pool_id: "" in this task'.format(pool_id, ", ".join(overridden))
        )
    else:
        advice = (
            'take the number out of the pool with pool_id: "" in this task (it is disassociated, then '
            "updated), or leave these settings out while it is in the pool"
        )
    raise SmsVoiceError(
        "phone number {0} is in pool {1}, and the service does not change the settings of a number in a "
        "pool: {2}. To change them, {3}; nothing was changed".format(
            current["phone_number_id"], pool_id, "; ".join(changes), advice
        ),
        pool_id=pool_id,
        settings=[options[api_name] for api_name in update],
    )


def _check_not_last(pool_id, number_id, pool_sizes, doing):
    if (pool_sizes or {}).get(pool_id, 2) <= 1:
        raise SmsVoiceError(
            "phone number {0} is the last number in pool {1}, and a pool cannot be left empty: "
            "add another number to pool {1} or delete the pool before you {2}".format(number_id, pool_id, doing),
            pool_id=pool_id,
        )


def number_preference_param(preference):
    """The option's ``{preference_type, filter}`` as the API's ``NumberPreference`` list."""
    return [{"PreferenceType": [preference["preference_type"]], "Filter": list(preference["filter"])}]


def _plan_request(desired, client_token, pools=None):
    lookup = desired.lookup.key if desired.lookup else None
    if lookup != "name":
        if lookup is None:
            raise SmsVoiceError(
                "name is required to request a phone number: without it every run would lease a new "
                "number. Set name (the Name tag), or phone_number_id/phone_number for an existing number"
            )
        raise SmsVoiceError(
            "no phone number matches {0}={1!r}: a specific number cannot be requested. Use name to "
            "request a new number".format(lookup, desired.lookup.value)
        )
    missing = engine.missing_to_create(PHONE_NUMBER, desired)
    if missing:
        raise SmsVoiceError(
            "no phone number is named {0!r}; to request one, set {1}".format(desired.name, ", ".join(missing))
        )

    pool = (pools or {}).get(desired.get("pool_id")) if desired.get("pool_id") else None
    if pool is not None:
        _check_pool_overrides(pool, desired, desired.get("message_type"), "the number named {0!r}".format(desired.name))
    params = engine.create_params(PHONE_NUMBER, desired)
    if desired.extras.get("number_preference"):
        # Only a wish for the digits of the number to lease: never compared with an existing number.
        params["NumberPreference"] = number_preference_param(desired.extras["number_preference"])
    if pool is not None:
        # The pool's opt-out list applies; the task's, if any, is the same (checked above).
        params.pop("OptOutListName", None)
    _to_set, _to_remove, tags = plan_tags({}, desired)
    params["Tags"] = tags_to_list(tags)
    if client_token:
        params["ClientToken"] = client_token

    after = engine.new_resource(
        PHONE_NUMBER, desired, status="ACTIVE" if params["NumberType"] == "SIMULATOR" else "PENDING", tags=tags
    )
    if pool is not None:
        for key in POOL_SETTING_KEYS:
            after[key] = pool.get(key)

    steps = [Step("RequestPhoneNumber", params, wait="ACTIVE")]
    update_only = [f.key for f in PHONE_NUMBER.updatable if f.update_only]
    update, changes = engine.update_params(PHONE_NUMBER, after, desired, only=update_only)
    after.update(changes)
    _check_two_way(after)
    if update:
        steps.append(
            Step("UpdatePhoneNumber", dict(PhoneNumberId=NEW_NUMBER_ID, **update), wait="ACTIVE", needs_active=True)
        )
    if desired.keywords is not None and desired.keywords.items is not None:
        # A new number starts with STOP and HELP, whose messages are the service's; put every keyword asked for.
        keyword_steps, after["keywords"] = plan_keywords(NEW_NUMBER_ID, None, desired)
        steps.extend(keyword_steps)
    return Plan("request", None, after, steps)


def plan_absent(current, desired, pool_sizes=None):
    """Plan ``state: absent``: release the number, clearing what stands in the way first."""
    if current is None:
        return Plan("none", None, None, [])
    number_id = current["phone_number_id"]
    steps = []
    if current.get("deletion_protection_enabled") and desired.get("deletion_protection_enabled") is not False:
        raise SmsVoiceError(
            "phone number {0} ({1}) has deletion protection enabled and was not released. To release "
            "it, set deletion_protection_enabled: false in this task".format(number_id, current.get("phone_number"))
        )
    # The service refuses UpdatePhoneNumber and ReleasePhoneNumber for a number in a pool: leave it first.
    if current.get("pool_id"):
        _check_not_last(current["pool_id"], number_id, pool_sizes, "release it")
        steps.append(
            Step(
                "DisassociateOriginationIdentity",
                dict(PoolId=current["pool_id"], OriginationIdentity=number_id),
                wait="ACTIVE",
            )
        )
    if current.get("deletion_protection_enabled"):
        steps.append(
            Step(
                "UpdatePhoneNumber",
                dict(PhoneNumberId=number_id, DeletionProtectionEnabled=False),
                needs_active=bool(steps),
            )
        )
    steps.append(Step("ReleasePhoneNumber", dict(PhoneNumberId=number_id), wait="DELETED"))
    after = dict(current, status="DELETED", deletion_protection_enabled=False, pool_id=None)
    return Plan("release", dict(current), after, _require_active(steps, current))


def step_options(step, resource=PHONE_NUMBER):
    """What a step changes, by option name: how ``pending_changes`` lists a call not made yet."""
    params = step.params
    if step.operation == resource.update:
        options = engine.update_changes(resource, params)
    elif step.operation in ("AssociateOriginationIdentity", "DisassociateOriginationIdentity") and resource is POOL:
        options = {"phone_number_id": params["OriginationIdentity"], "member": step.operation.startswith("Associate")}
    elif step.operation == "AssociateOriginationIdentity":
        options = {"pool_id": params["PoolId"]}
    elif step.operation == "DisassociateOriginationIdentity":
        options = {"pool_id": ""}
    elif step.operation == "PutKeyword":
        options = {"keyword": params["Keyword"], "reply": params["KeywordMessage"], "action": params["KeywordAction"]}
    elif step.operation == "DeleteKeyword":
        options = {"keyword": params["Keyword"]}
    elif step.operation == "TagResource":
        options = {"tags": {t["Key"]: t["Value"] for t in params["Tags"]}}
    elif step.operation == "UntagResource":
        options = {"removed_tags": list(params["TagKeys"])}
    else:
        options = {}
    return {"operation": step.operation, "options": options}


def deferred_steps(plan):
    """The steps a run with ``wait: false`` leaves for a later run.

    Those that need an ACTIVE number while it is PENDING (a toll-free or 10DLC
    number under review, for days): update-only settings, pool changes, keywords.
    """
    status = (plan.before or plan.after or {}).get("status")
    if status != "PENDING":
        return []
    deferred = [step for step in plan.steps if step.needs_active]
    if deferred and plan.action == "release":
        # The service releases no number still in a pool or protected: the release waits with them.
        return list(plan.steps)
    return deferred


def without_step(result, step, before, resource=PHONE_NUMBER):
    """A predicted resource without what ``step`` (left for later) would have changed.

    ``before`` is the resource before the run, or None for one being created
    (whose result then holds what the create call returned).
    """
    result = dict(result)
    if step.operation in ("PutKeyword", "DeleteKeyword"):
        result["keywords"] = before.get("keywords") if before else None
    elif step.operation == resource.update:
        result = engine.revert_update(resource, result, step.params, before)
    elif before is None:
        pass
    elif step.operation in ("AssociateOriginationIdentity", "DisassociateOriginationIdentity"):
        if resource is POOL:
            result["phone_number_ids"] = before.get("phone_number_ids")
        else:
            result["pool_id"] = before.get("pool_id")
    elif step.operation == resource.delete:
        result["status"] = before.get("status")
    return result
