# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``pool``: read the pool and its members, plan, then apply (or predict in check mode).

The pool is found by ``pool_id`` or by its Name tag. A new pool is founded
by the first of ``phone_numbers`` (CreatePool), or by the first of
``sender_ids`` when the task lists no number: it takes that number's message
type, opt-out list, two-way and self-managed opt-out settings and keywords.
Settings the task sets follow with UpdatePool, then the other members join.

The service refuses to associate a number whose settings or keywords differ
from the pool's. Members that match the pool as it is join before the pool's
settings and keywords change (UpdatePool and keyword changes then apply to
them too); members that match the pool as the task makes it join after. A
member that matches neither fails the task before any write, naming the
settings that differ.
"""

from __future__ import annotations

from dataclasses import replace

from . import service_rules
from .engine import resource as engine
from .engine.apply import Waiter
from .engine.converge import check_references, finish
from .engine.plan import (
    MEMBERS_AFTER,
    MEMBERS_BEFORE,
    Plan,
    Step,
    in_phases,
    plan_create,
    plan_delete,
    plan_update,
    update_changes,
    update_step,
)
from .errors import SmsVoiceError
from .keywords import plan_keywords
from .kinds.phone_number import POOL_WIDE_SETTINGS, member_differences, normalised, resource_id
from .preflight import References, check_room
from .reader import Reader, is_sender_id
from .resource_policy import plan_policy, read_policy
from .resources import PHONE_NUMBER, POOL, SENDER_ID
from .tokens import ChainedCreate
from .validation import E164, check_pool_params

LOOKUP_KEYS = ("pool_id", "name")
SETTLING = ("ASSOCIATING", "DISASSOCIATING")
# Writes the service takes only for an ACTIVE pool (DeletePool's doc: "If the pool status isn't active ... an
# error is returned"); a pool CREATING is waited for first.
POOL_WRITES = (
    "UpdatePool",
    "AssociateOriginationIdentity",
    "DisassociateOriginationIdentity",
    "PutKeyword",
    "DeleteKeyword",
    "DeletePool",
)
MEMBERSHIP = ("AssociateOriginationIdentity", "DisassociateOriginationIdentity")


def pool_desired(params):
    """The typed ``Desired`` of pool's params (``sender_ids`` and ``purge_sender_ids`` among its extras)."""
    desired = engine.desired_from_params(POOL, params, LOOKUP_KEYS, extras=("sender_ids", "purge_sender_ids"))
    if desired.members is not None and desired.members.items is not None:
        items = tuple(dict.fromkeys(resource_id(item, "phone-number") for item in desired.members.items))
        desired = replace(desired, members=replace(desired.members, items=items))
    return normalised(desired)


def find_pool(reader, params):
    """The live pool the task is about (shaped, with its members' IDs), or None."""
    if params.get("pool_id") is not None:
        pool = reader.by_id(params["pool_id"], POOL)
        tags = None
    else:
        matches = reader.by_name(params["name"], exhaustive=params["state"] == "absent", resource=POOL)
        if len(matches) > 1:
            raise SmsVoiceError(
                "{0} pools are named {1!r} ({2}): name must identify one pool. Use pool_id instead, or fix the "
                "Name tags".format(len(matches), params["name"], ", ".join(p["PoolId"] for p, _tags in matches))
            )
        pool, tags = matches[0] if matches else (None, None)
    if pool is None:
        return None
    # Keywords are read when the task sets them, or adds numbers (which must have the pool's keywords).
    with_keywords = params["state"] == "present" and (params.get("keywords") or params.get("phone_numbers"))
    return reader.shaped_pool(pool, tags, with_keywords=bool(with_keywords))


def find_members(reader, desired):
    """The numbers ``phone_numbers`` names, shaped with their keywords, in order; fails for an unknown one.

    Entries without a value (a number this check-mode run has not requested)
    are left out; the caller counts them.
    """
    members = []
    for item in desired.members.items if desired.members and desired.members.items else ():
        if item in (None, ""):
            continue
        number = reader.by_e164(item) if E164.fullmatch(item) else reader.by_id(item)
        if number is None:
            raise SmsVoiceError(
                "phone_numbers: no live phone number {0} in this account and region; nothing was changed".format(item)
            )
        members.append(reader.shaped(number, tags={}, with_keywords=True))
    unique = {m["phone_number_id"]: m for m in members}
    return list(unique.values())


def sender_key(sender):
    return (sender["sender_id"], sender["iso_country_code"])


def member_entry(sender):
    """A sender ID as a pool's ``sender_ids`` lists it."""
    return dict(sender_id=sender["sender_id"], iso_country_code=sender["iso_country_code"])


def find_senders(reader, entries):
    """The sender IDs ``sender_ids`` names, shaped, each once, in order; fails naming one the service does not know.

    Read 5 a call (``DescribeSenderIds``); an unknown one makes the reader ask one by one.
    """
    if not entries:
        return []
    wanted = list(dict.fromkeys(sender_key(e) for e in entries))
    found = {}
    for item in reader.describe_ids([dict(sender_id=i, iso_country_code=c) for i, c in wanted], resource=SENDER_ID):
        shaped = engine.shape(SENDER_ID, item, tags={})
        found[sender_key(shaped)] = shaped
    missing = ["{0} in {1}".format(*key) for key in wanted if key not in found]
    if missing:
        raise SmsVoiceError(
            "sender_ids: no sender ID {0} in this account and region; request it first (sender_id); nothing was "
            "changed".format(", ".join(missing))
        )
    return [found[key] for key in wanted]


def sender_step(operation, pool_id, sender, before, phase):
    """The step of a sender ID joining or leaving the pool, named by its ID and country."""
    return Step(
        operation,
        dict(PoolId=pool_id, OriginationIdentity=sender["sender_id"], IsoCountryCode=sender["iso_country_code"]),
        changes=dict(member_entry(sender), member=operation == MEMBERSHIP[0]),
        undo={"sender_ids": before.get("sender_ids")} if before else {},
        phase=phase,
    )


def sender_mismatch(sender, pool_id, message_type):
    """Fail for a sender ID that does not send the pool's message type (the service's MESSAGE_TYPE_MISMATCH)."""
    if message_type and message_type not in (sender.get("message_types") or []):
        raise SmsVoiceError(
            "sender_ids: sender ID {0} in {1} cannot join pool {2}: it sends {3}, and the pool is {4}; the service "
            "pools only sender IDs that send the pool's message type. Request the sender ID for {4} messages, or use "
            "another pool; nothing was changed".format(
                sender["sender_id"],
                sender["iso_country_code"],
                pool_id,
                ", ".join(sender.get("message_types") or []),
                message_type,
            ),
            settings=["message_type"],
        )


def plan_senders(pool, senders, desired, pool_id, before=None):
    """(joining steps, leaving steps, the sender IDs after) of the pool's sender IDs, as numbers are planned.

    ``senders`` are the shaped sender IDs the task names (None: it does not
    manage them). A sender ID has none of a number's two-way, opt-out or keyword
    settings: it matches a pool when it sends the pool's message type, which
    never changes, so it joins before the pool's settings change.
    """
    have = [member_entry(s) for s in pool.get("sender_ids") or []]
    if senders is None:
        return [], [], have
    have_keys = [sender_key(s) for s in have]
    wanted = [sender_key(s) for s in senders]
    adding = [s for s in senders if sender_key(s) not in have_keys]
    for sender in adding:
        sender_mismatch(sender, pool_id, pool.get("message_type"))
    purge = bool(desired.extras.get("purge_sender_ids"))
    removing = [s for s in have if sender_key(s) not in wanted] if purge else []
    joins = [sender_step(MEMBERSHIP[0], pool_id, s, before, MEMBERS_BEFORE) for s in adding]
    leaves = [sender_step(MEMBERSHIP[1], pool_id, s, before, MEMBERS_AFTER) for s in removing]
    after = [s for s in have if s not in removing] + [member_entry(s) for s in adding]
    return joins, leaves, after


def await_listed_senders(reader, waiter, pool_id, wanted):
    """Wait until ListPoolOriginationIdentities shows the pool's sender IDs as ``wanted`` (it lags behind).

    A number's own PoolId tells a later run whether it is in the pool; a
    sender ID's does not exist, so the run that moved sender IDs waits for the
    listing, and the next run plans from it without repeating the move.
    """
    wanted = sorted(sender_key(s) for s in wanted)
    pauses = None
    while True:
        _numbers, senders = reader.pool_members(pool_id)
        if sorted(sender_key(s) for s in senders) == wanted:
            return
        pauses = pauses or waiter.pauses()
        if next(pauses, "deadline") == "deadline":
            raise SmsVoiceError(
                "timed out after {0} seconds waiting for pool {1} to list its sender IDs. Raise wait_timeout, or "
                "set wait: false and check on it later".format(waiter.timeout, pool_id)
            )


def settle(reader, numbers, timeout):
    """Wait for members still joining or leaving a pool: the service changes no number in that state."""
    waiter = Waiter(reader, timeout, PHONE_NUMBER)
    settled = []
    for number in numbers:
        if number.get("status") in SETTLING:
            latest = waiter.wait(number["phone_number_id"], "ACTIVE", number["status"])
            if latest is not None:
                number = dict(number, status=latest.get("Status"), pool_id=latest.get("PoolId"))
        settled.append(number)
    return settled


def reconcile_members(reader, current, members, desired):
    """``current`` with the members the numbers themselves report: ListPoolOriginationIdentities lags behind.

    A number the task names was read by ID, so its own ``PoolId`` says whether
    it is in the pool, whatever the listing shows yet. With
    ``purge_phone_numbers``, the listed numbers the task does not name are read
    by ID (5 a call) before any is taken out: one that left a moment ago may
    still be listed.
    """
    pool_id = current["pool_id"]
    named = {m["phone_number_id"] for m in members}
    have = [n for n in current.get("phone_number_ids") or [] if n not in named]
    if have and desired.members is not None and desired.members.purge:
        still = {n["PhoneNumberId"] for n in reader.describe_ids(have) if n.get("PoolId") == pool_id}
        have = [n for n in have if n in still]
    have += [m["phone_number_id"] for m in members if m.get("pool_id") == pool_id]
    return dict(current, phone_number_ids=have)


def wait_for_active_pool(plan):
    """Mark the plan's pool writes to wait for an ACTIVE pool: one CREATING (found so, or created by this plan)."""
    status = (plan.before or {}).get("status")
    created = plan.action == "create"
    for index, step in enumerate(plan.steps):
        if step.operation in POOL_WRITES and (status != "ACTIVE" or (created and index > 0)):
            step.needs_active = True
    return plan


def moved_numbers(plan):
    """IDs of the numbers the plan takes into or out of the pool (the founder, members, a deleted pool's numbers)."""
    ids = [step.params["OriginationIdentity"] for step in plan.steps if "phone_number_id" in step.changes]
    if plan.action == "create" and not is_sender_id(plan.steps[0].params["OriginationIdentity"]):
        ids.insert(0, plan.steps[0].params["OriginationIdentity"])
    if plan.action == "delete":
        ids += (plan.before or {}).get("phone_number_ids") or []
    return ids


def founded_meanwhile(reader, members, params):
    """The pool with the task's name that another run founded from these numbers since the lookup, or None.

    Runs that overlap look the pool up before either has created it; the one
    that comes second then finds its numbers in the other's pool, and
    converges on that pool instead of failing.
    """
    if params.get("name") is None or params.get("pool_id") is not None:
        return None
    for pool_id in dict.fromkeys(m["pool_id"] for m in members if m.get("pool_id")):
        pool = reader.by_id(pool_id, POOL)
        tags = reader.tags(pool, POOL) if pool is not None else {}
        if tags.get("Name") == params["name"]:
            return reader.shaped_pool(pool, tags, with_keywords=True)
    return None


def keyword_set(keywords):
    return {(k["keyword"].upper(), k.get("reply"), k.get("action")) for k in keywords or []}


def mismatches(number, pool):
    """``["two_way_enabled: the number has True, the pool False", ...]`` for what a member must share."""
    out = [
        "{0}: the number has {1}, the pool {2}".format(key, have, want)
        for key, have, want in member_differences(number, pool)
    ]
    if keyword_set(number.get("keywords")) != keyword_set(pool.get("keywords")):
        out.append("keywords: the number's differ from the pool's")
    return out


def member_checks(members, pool_id):
    """Fail for a number in another pool or not ACTIVE (the service pools only active numbers)."""
    for number in members:
        if number.get("pool_id") and number["pool_id"] != pool_id:
            raise SmsVoiceError(
                "phone_numbers: phone number {0} is in pool {1}. Take it out of that pool first (pool with "
                "purge_phone_numbers, or phone_number with pool_id), then add it here; nothing was changed".format(
                    number["phone_number_id"], number["pool_id"]
                ),
                phone_number_id=number["phone_number_id"],
                pool_id=number["pool_id"],
            )
        if number.get("status") not in ("ACTIVE",) + SETTLING:
            raise SmsVoiceError(
                "phone_numbers: phone number {0} is {1}; only an ACTIVE number can join a pool. Run the task again "
                "once it is ACTIVE; nothing was changed".format(number["phone_number_id"], number.get("status")),
                phone_number_id=number["phone_number_id"],
            )


def _members_undo(before):
    return {"phone_number_ids": before.get("phone_number_ids")} if before else {}


def joining(pool_id, number, before, phase):
    """The step of a number joining the pool (``before``: the pool before the run, None for a new one)."""
    params = dict(PoolId=pool_id, OriginationIdentity=number["phone_number_id"])
    if number.get("iso_country_code"):
        params["IsoCountryCode"] = number["iso_country_code"]
    changes = {"phone_number_id": number["phone_number_id"], "member": True}
    return Step("AssociateOriginationIdentity", params, changes=changes, undo=_members_undo(before), phase=phase)


def leaving(pool_id, number_id, before):
    changes = {"phone_number_id": number_id, "member": False}
    return Step(
        "DisassociateOriginationIdentity",
        dict(PoolId=pool_id, OriginationIdentity=number_id),
        changes=changes,
        undo=_members_undo(before),
        phase=MEMBERS_AFTER,
    )


def plan_members(pool_before, pool_after, adding, removing, pool_id, before=None, capabilities=None):
    """(joining before the pool changes, joining after, leaving) steps; fails for a member that cannot join.

    ``before`` is the pool before the run (None for one this run creates). ``capabilities``: those of the
    pool's numbers, when the plan knows them (its founder, or a named number already in it); a member must
    have the same.
    """
    service_rules.check_capabilities(adding, capabilities, pool_id)
    early, late = [], []
    for number in adding:
        if not mismatches(number, pool_before):
            early.append(joining(pool_id, number, before, MEMBERS_BEFORE))
            continue
        differences = mismatches(number, pool_after)
        if differences:
            raise SmsVoiceError(
                "phone_numbers: phone number {0} cannot join pool {1}: its settings differ from the pool's, and "
                "the service pools only numbers that match: {2}. Change the number (phone_number) or the pool "
                "to match; nothing was changed".format(number["phone_number_id"], pool_id, "; ".join(differences)),
                phone_number_id=number["phone_number_id"],
                settings=[m.split(":", 1)[0] for m in differences],
            )
        late.append(joining(pool_id, number, before, MEMBERS_AFTER))
    return early, late, [leaving(pool_id, number_id, before) for number_id in removing]


def plan_pool_present(current, desired, members, unresolved=0, senders=None):
    """Plan ``state: present`` for a pool (``members``: the shaped numbers ``phone_numbers`` names;
    ``senders``: the shaped sender IDs ``sender_ids`` names, None when the task leaves them alone)."""
    if current is None:
        return _plan_new_pool(desired, members, unresolved, senders)
    plan = plan_update(POOL, current, desired)  # immutable check, UpdatePool, tags, keywords
    pool_id = current["pool_id"]
    have = list(current.get("phone_number_ids") or [])
    wanted = [m["phone_number_id"] for m in members]
    adding = [m for m in members if m["phone_number_id"] not in have]
    removing = [n for n in have if n not in wanted] if desired.members and desired.members.purge else []
    if desired.members is not None and desired.members.items is not None:
        member_checks(adding, pool_id)
    after_members = [n for n in have if n not in removing] + [m["phone_number_id"] for m in adding]
    sender_joins, sender_leaves, after_senders = plan_senders(current, senders, desired, pool_id, current)
    if (removing or sender_leaves) and not after_members and not after_senders and not unresolved:
        leaving_ids = removing + [s.params["OriginationIdentity"] for s in sender_leaves]
        options = " and ".join(["purge_phone_numbers"] * bool(removing) + ["purge_sender_ids"] * bool(sender_leaves))
        what = "number" if not sender_leaves else "sender ID" if not removing else "numbers and sender IDs"
        raise SmsVoiceError(
            "pool {0}: {1} would take out its last {2} ({3}), and a pool cannot be left without numbers or sender "
            "IDs. Add another number, or delete the pool with state: absent; nothing was changed".format(
                pool_id, options, what, ", ".join(leaving_ids)
            ),
            pool_id=pool_id,
        )
    # ListPoolOriginationIdentities is not read for capabilities: a named number already in the pool tells them.
    known = [m.get("number_capabilities") for m in members if m.get("pool_id") == pool_id]
    early, late, gone = plan_members(
        current, plan.after, adding, removing, pool_id, current, capabilities=next((c for c in known if c), None)
    )
    steps = in_phases(plan.steps + early + sender_joins + late + gone + sender_leaves, POOL.rules.phase_order)
    after = dict(plan.after, phone_number_ids=after_members, sender_ids=after_senders)
    return Plan("update" if steps else "none", plan.before, after, steps, resource=POOL)


def _sender_founder(desired, senders):
    """A new pool's founding sender ID (the first of ``sender_ids``, when the task lists no numbers), checked."""
    founder = senders[0]
    if desired.get("iso_country_code") and founder["iso_country_code"] != desired.get("iso_country_code"):
        raise SmsVoiceError(
            "iso_country_code: the pool would be in {0}, but sender ID {1}, which founds it, is in {2}; nothing "
            "was changed".format(desired.get("iso_country_code"), founder["sender_id"], founder["iso_country_code"]),
            settings=["iso_country_code"],
        )
    sender_mismatch(founder, POOL.placeholder(), desired.get("message_type"))
    return founder


def _plan_new_pool(desired, members, unresolved, senders=None):
    if desired.lookup is None or desired.lookup.key != "name":
        if desired.lookup is None:
            raise SmsVoiceError("name is required to create a pool: set name (the Name tag)")
        raise SmsVoiceError(
            "no pool matches pool_id={0!r}: a specific pool cannot be created. Use name to create a new pool".format(
                desired.lookup.value
            )
        )
    if not members and not unresolved and senders:
        return _plan_sender_pool(desired, senders)
    if not members and not unresolved:
        raise SmsVoiceError(
            "no pool is named {0!r}; to create one, set phone_numbers: its first number founds the pool (or "
            "sender_ids, for a pool without numbers)".format(desired.name)
        )
    if members:
        founder, others = members[0], members[1:]
        member_checks(members, None)
    else:
        # Check mode, with numbers the same play requests: the founder's settings are those of a new number.
        founder = dict(
            engine.defaults(PHONE_NUMBER),
            phone_number_id=PHONE_NUMBER.placeholder(),
            message_type=desired.get("message_type"),
            iso_country_code=desired.get("iso_country_code"),
        )
        others = []
    if desired.get("message_type") and founder.get("message_type") != desired.get("message_type"):
        raise SmsVoiceError(
            "message_type: the pool would be {0}, but phone number {1}, which founds it, is {2}; nothing was "
            "changed".format(desired.get("message_type"), founder["phone_number_id"], founder.get("message_type")),
            settings=["message_type"],
        )
    if desired.get("iso_country_code") and founder.get("iso_country_code") != desired.get("iso_country_code"):
        raise SmsVoiceError(
            "iso_country_code: the pool would be in {0}, but phone number {1}, which founds it, is in {2}; nothing "
            "was changed".format(
                desired.get("iso_country_code"), founder["phone_number_id"], founder.get("iso_country_code")
            ),
            settings=["iso_country_code"],
        )
    inherited = {key: founder.get(key) for key in POOL_WIDE_SETTINGS}
    pool_id, created, before, after, settings = _founded(
        desired,
        founder["phone_number_id"],
        founder.get("keywords"),
        phone_number_ids=[founder["phone_number_id"]],
        **inherited,
    )
    early, late, _leaving = plan_members(
        before, after, others, [], pool_id, capabilities=founder.get("number_capabilities")
    )
    sender_joins, _leaving, after["sender_ids"] = plan_senders(after, senders, desired, pool_id)
    after["pool_id"] = None
    after["phone_number_ids"] = [m["phone_number_id"] for m in members] or [founder["phone_number_id"]]
    steps = created + early + sender_joins + settings + late
    return Plan("create", None, after, in_phases(steps, POOL.rules.phase_order), resource=POOL)


def _founded(desired, origination, keywords, **known):
    """(pool ID placeholder, create steps, the pool as created, as the task makes it, its settings' steps).

    The pool takes the founder's pool-wide settings and keywords (``known``,
    ``keywords``; None: a new identity's); the settings the task sets follow with
    UpdatePool, and its keywords after.
    """
    pool_id = POOL.placeholder()
    # The ClientToken is added by ``Creator`` when the call is made (derived from the request).
    created = plan_create(
        POOL, desired, params=dict(OriginationIdentity=origination), keywords=keywords, status="ACTIVE", **known
    )
    before = dict(created.after, pool_id=pool_id)
    after = dict(before)
    changes = update_changes(POOL, before, desired)
    after.update(changes)
    pool_steps = [update_step(POOL, {POOL.id_member: pool_id}, changes)] if changes else []
    keyword_steps, after["keywords"] = plan_keywords(pool_id, keywords, desired)
    return pool_id, created.steps, before, after, pool_steps + keyword_steps


def _plan_sender_pool(desired, senders):
    """A new pool founded by a sender ID: one-way, so the pool-wide settings of a new pool; the others join."""
    founder = _sender_founder(desired, senders)
    defaults = engine.defaults(POOL)
    pool_id, created, before, after, settings = _founded(
        desired,
        founder["sender_id_arn"],
        None,
        phone_number_ids=[],
        sender_ids=[member_entry(founder)],
        **{key: defaults.get(key) for key in POOL_WIDE_SETTINGS},
    )
    sender_joins, _leaving, after["sender_ids"] = plan_senders(before, senders[1:], desired, pool_id)
    after["sender_ids"] = [member_entry(s) for s in senders]
    after["pool_id"] = None
    return Plan(
        "create", None, after, in_phases(created + sender_joins + settings, POOL.rules.phase_order), resource=POOL
    )


class Creator(ChainedCreate):
    """Makes the CreatePool of a plan through the token chain (``tokens.ChainedCreate``).

    An answer is a replay when its pool is gone; the chain is keyed by that pool's ID.
    """

    def __init__(self, api, reader, region):
        super().__init__(api, reader, region, POOL)

    def replayed(self, response):
        return None if self.reader.by_id(response["PoolId"], POOL) is not None else response["PoolId"]


def ensure_pool(module, api):
    params = module.params
    check_pool_params(params, check_mode=module.check_mode)
    reader = Reader(api, warn=getattr(module, "warn", None))
    current = find_pool(reader, params)
    desired = pool_desired(params)
    if desired.state == "absent":
        # DeletePool takes the numbers out of the pool, after deletion protection is turned off.
        plan = plan_delete(POOL, current, desired)
    else:
        # Counted before ``pool_desired`` folds repeated entries into one: every entry without a value counts.
        unresolved = sum(1 for item in params.get("phone_numbers") or () if item in (None, ""))
        if unresolved:
            module.warn(
                "phone_numbers has {0} entries without a value (numbers this check-mode run has not requested); "
                "the prediction leaves them out".format(unresolved)
            )
        members = settle(reader, find_members(reader, desired), params["wait_timeout"])
        senders = find_senders(reader, params.get("sender_ids")) if params.get("sender_ids") is not None else None
        if current is None:
            current = founded_meanwhile(reader, members, params)
        if current is not None:
            current = reconcile_members(reader, current, members, desired)
        current = read_policy(api, current, params, POOL)
        plan = plan_policy(plan_pool_present(current, desired, members, unresolved, senders), params)
    references = References(reader, module.check_mode, getattr(module, "warn", None))
    check_references(plan, references, known=[current["pool_id"]] if current else ())
    service_rules.check_self_managed(plan)
    plan = wait_for_active_pool(plan)
    if not params["wait"] and plan.operations == [POOL.create]:
        plan.after["status"] = "CREATING"  # nothing follows the create to wait for: the pool is new
    creator = Creator(api, reader, api.client.meta.region_name)
    waiter = Waiter(reader, params["wait_timeout"], POOL)
    result = finish(
        module,
        api,
        reader,
        plan,
        desired,
        wait=params["wait"],
        wait_timeout=params["wait_timeout"],
        create=creator,
        references=references,
        waiter=waiter,
        preflight=check_room,
    )
    if params["wait"] and result["changed"] and not module.check_mode:
        # The task ends once the numbers it moved are ACTIVE again: the service changes none while it
        # is ASSOCIATING or DISASSOCIATING.
        try:
            waiter.settle(moved_numbers(plan), SETTLING, PHONE_NUMBER)
            if any("sender_id" in step.changes for step in plan.steps) and plan.action != "delete":
                pool = result[POOL.result_key]
                await_listed_senders(reader, waiter, pool["pool_id"], pool["sender_ids"])
        except SmsVoiceError as e:
            # As a failure after the first write carries it (apply._stopped): changed, and the pool.
            e.extra["changed"] = True
            e.extra[POOL.result_key] = result[POOL.result_key]
            raise
    return result
