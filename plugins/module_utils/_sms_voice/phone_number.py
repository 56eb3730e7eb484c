# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``phone_number``: read the current number, plan, then apply (or predict in check mode)."""

from __future__ import annotations

import uuid

from . import service_rules
from .engine import resource as engine
from .engine.apply import Waiter, call
from .engine.converge import check_references, finish
from .engine.plan import plan_create, plan_delete, plan_update
from .errors import SmsVoiceError
from .kinds.phone_number import POOL_WIDE_SETTINGS, normalised
from .model_support import check_options_supported
from .preflight import References, check_room
from .reader import LIVE_STATUSES, Reader, api_filters
from .registration import resolve_registration_id
from .resource_policy import plan_policy, read_policy
from .resources import OPT_OUT_LIST, PHONE_NUMBER, POOL, REGISTRATION
from .tokens import MAX_TOKEN_HOPS, canonical_request, client_token
from .validation import check_phone_number_params

# Placeholder for the ID of a number this run is about to request.
NEW_NUMBER_ID = PHONE_NUMBER.placeholder()
LOOKUP_KEYS = ("phone_number_id", "phone_number", "name")


def number_desired(params):
    """The typed ``Desired`` of phone_number's params (or of a dict shaped like them)."""
    return engine.desired_from_params(PHONE_NUMBER, params, LOOKUP_KEYS, extras=("number_preference",))


def pool_settings(api_pool):
    """A DescribePools entry as the planner compares it: pool ID, message type and the pool-wide settings."""
    shaped = engine.shape(POOL, api_pool, tags={})
    return {key: shaped[key] for key in ("pool_id", "message_type") + POOL_WIDE_SETTINGS}


def plan_present(current, desired, pool_sizes=None, client_token=None, pools=None):  # pylint: disable=redefined-outer-name
    """Plan ``state: present`` through the engine (``current``: the shaped number or None).

    ``pool_sizes`` maps a pool ID to its number of phone numbers, needed only
    when the number leaves a pool. ``pools`` maps the ID of the pool the number
    is requested into or moves to to its settings (``pool_settings``), whose
    pool-wide values the number takes.
    """
    desired = normalised(desired)
    context = dict(pools=pools, pool_sizes=pool_sizes)
    if current is None:
        return plan_create(PHONE_NUMBER, desired, client_token, follow=True, context=context)
    return plan_update(PHONE_NUMBER, current, desired, context)


def check_registrations(plan, found):
    """Fail for a request its registration cannot take (``found``: what ``check_references`` read)."""
    registrations = found.get("registration_id", {})
    for step in plan.steps:
        if step.operation == PHONE_NUMBER.create:
            service_rules.check_request_registration(step.params, registrations.get(step.params.get("RegistrationId")))


def number_waiter(reader, timeout, **kwargs):
    """A ``Waiter`` for phone numbers."""
    return Waiter(reader, timeout, PHONE_NUMBER, **kwargs)


def number_call(api, waiter, operation, params, releasing=False):
    """Make one write of a number's plan (see ``engine.apply.call``), as a release makes it when ``releasing``."""
    return call(api, waiter, operation, params, PHONE_NUMBER, deleting=releasing)


def plan_absent(current, desired, pool_sizes=None):  # pylint: disable=redefined-outer-name
    """Plan ``state: absent``: release the number, taking it out of its pool and its protection off first."""
    return plan_delete(PHONE_NUMBER, current, desired, dict(pool_sizes=pool_sizes))


def parse_arn(value):
    """``{"region", "account", "id"}`` of a phone number ARN, or None for a plain ID."""
    if not value or not value.startswith("arn:"):
        return None
    parts = value.split(":", 5)
    if len(parts) != 6:
        return None
    return dict(region=parts[3], account=parts[4], id=parts[5].rsplit("/", 1)[-1])


def caller_account(reader):
    """The account the task's credentials act in, from the ARN of its Default opt-out list.

    Every account has a ``Default`` opt-out list in every region, and reading it
    needs only the sms-voice endpoint and permission the module already uses
    (STS would need an endpoint of its own).
    """
    default = reader.one(OPT_OUT_LIST, "Default")
    arn = parse_arn(default["OptOutListArn"]) if default else None
    return arn["account"] if arn else None


def check_arn_region(params, region):
    """Fail, before any call, for a phone_number_id ARN of another region than the task's."""
    arn = parse_arn(params.get("phone_number_id"))
    if arn is not None and region and arn["region"] != region:
        raise SmsVoiceError(
            "phone_number_id {0} is a number of region {1}, but this task runs in region {2}: set region: {1}; "
            "nothing was changed".format(params["phone_number_id"], arn["region"], region)
        )


def check_arn_account(reader, params):
    """Fail for a phone_number_id ARN of another account (the service answers such ARNs as not found)."""
    arn = parse_arn(params.get("phone_number_id"))
    if arn is None:
        return
    account = caller_account(reader)
    if account and arn["account"] != account:
        raise SmsVoiceError(
            "phone_number_id {0} is a number of account {1}, but the credentials of this task are for account {2}: "
            "use credentials of account {1}; nothing was changed".format(
                params["phone_number_id"], arn["account"], account
            )
        )


def find_current(reader, params):
    """The live number the task is about, shaped, or None.

    Lookup uses the first of phone_number_id, phone_number and name that is
    set; the others, when also set, must agree with the number found.
    """
    if params.get("phone_number_id") is not None:
        number = reader.by_id(params["phone_number_id"])
        if number is None:
            check_arn_account(reader, params)
        tags = None
    elif params.get("phone_number") is not None:
        number = reader.by_e164(params["phone_number"])
        tags = None
    else:
        # Releasing cannot be undone: only the full scan may say the name is unique.
        matches = reader.by_name(params["name"], exhaustive=params["state"] == "absent")
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
        actual = current["tags"].get("Name")
        raise SmsVoiceError(
            "conflicting lookup keys: phone number {0} {1}, not {2!r}; nothing was released".format(
                current["phone_number_id"],
                "has no Name tag" if actual is None else "is named {0!r}".format(actual),
                name,
            )
        )
    check_name_free(reader, current, params)
    return current


def check_name_free(reader, current, params):
    """Fail, before any write, when a task names a number by a name another live number has.

    Only a task that looks the number up by ID or E.164 can rename it (with
    ``name`` or a ``Name`` in ``tags``); two numbers with one name would make
    every later task by that name fail.
    """
    if params["state"] != "present" or (params.get("phone_number_id") is None and params.get("phone_number") is None):
        return
    wanted = (number_desired(params).tags.wanted() or {}).get("Name")
    if wanted is None or wanted == current["tags"].get("Name"):
        return
    others = [
        n["PhoneNumberId"] for n, _tags in reader.by_name(wanted) if n["PhoneNumberId"] != current["phone_number_id"]
    ]
    if others:
        raise SmsVoiceError(
            "phone number {0} cannot be named {1!r}: {2} already has that name, and a name must identify one "
            "number. Rename or release {2} first; nothing was changed".format(
                current["phone_number_id"], wanted, ", ".join(others)
            ),
            phone_number_id=current["phone_number_id"],
        )


class Requester:
    """Makes the RequestPhoneNumber of a plan so that one name leases one number.

    The ClientToken is derived from the request (``client_token``), so runs
    that overlap send one token and the service leases one number for all of
    them. A token is replayed by the service for as long as it remembers it,
    even after its number was released: a replayed answer whose number is gone
    (or no longer carries the name) leads to the next token of the chain. After
    the request, the numbers with the name are read again: more than one means
    other runs with other settings leased under the same name, and the task
    fails, naming them all.
    """

    def __init__(self, api, reader, region, name):
        self.api = api
        self.reader = reader
        self.region = region
        self.name = name
        self.replayed = []  # released (or renamed) numbers earlier tokens were replayed to

    def __call__(self, params):
        params = canonical_request(params)
        replaced = None
        for hop in range(MAX_TOKEN_HOPS + 1):
            if hop < MAX_TOKEN_HOPS:
                token = client_token(self.region, params, replaced)
            else:
                token = str(uuid.uuid4())
            response = self.api.call("RequestPhoneNumber", ClientToken=token, **params)
            number_id = response["PhoneNumberId"]
            if response.get("PhoneNumberArn"):
                self.reader.created(response["PhoneNumberArn"], response.get("Tags"))
            if response.get("Status") != "DELETED":
                try:
                    named = self._named(number_id)
                except SmsVoiceError as e:
                    # The number is leased: a failed re-read must not report that nothing changed.
                    e.extra.setdefault("changed", True)
                    e.extra.setdefault("phone_number_id", number_id)
                    raise
                if named is not None:
                    self._check_duplicates(number_id, named)
                    return response
            self.replayed.append(number_id)
            replaced = number_id
        raise SmsVoiceError(
            "RequestPhoneNumber answered {0} times with numbers that are released or no longer named {1!r} ({2}); "
            "no number was leased for this name. Run the task again".format(
                len(self.replayed), self.name, ", ".join(self.replayed)
            ),
            operation="RequestPhoneNumber",
        )

    def _named(self, number_id):
        """IDs of the live numbers named ``name`` if ``number_id`` is one of them, else None.

        Only numbers that appeared since the lookup have their tags read, and not
        the one just leased (the service answered with its tags): the others were
        read moments before, from the index or themselves, and reading them all
        again would cost one ListTagsForResource call a number.
        """
        candidates = self.reader.describe_all(filters=api_filters({"status": list(LIVE_STATUSES)}))
        self.reader.tags_for([n for n in candidates if n["PhoneNumberArn"] not in self.reader.seen_tags])
        ids = [
            n["PhoneNumberId"]
            for n in candidates
            if self.reader.seen_tags.get(n["PhoneNumberArn"], {}).get("Name") == self.name
        ]
        if number_id in ids:
            return ids
        # A listing may not show a number this fresh yet: ask for it directly.
        number = self.reader.by_id(number_id)
        if number is None or self.reader.tags(number).get("Name") != self.name:
            return None
        return ids + [number_id]

    def _check_duplicates(self, number_id, ids):
        others = sorted(set(ids) - {number_id})
        if others:
            raise SmsVoiceError(
                "phone number {0} was leased as {1!r}, but {2} also has that name: runs that overlapped asked "
                "for it with other settings. Release the numbers you do not want (state: absent with "
                "phone_number_id), then re-run".format(number_id, self.name, ", ".join(others)),
                operation="RequestPhoneNumber",
                changed=True,
                phone_number_id=number_id,
                duplicates=others,
            )


def pool_sizes(reader, current, desired):
    """Number counts of the pool the number would leave (the only pool whose size matters)."""
    pool_id = (current or {}).get("pool_id")
    if not pool_id:
        return {}
    leaving = desired.state == "absent" or (desired.get("pool_id") is not None and desired.get("pool_id") != pool_id)
    if not leaving:
        return {}
    # The listing lags behind the pool (a number that joined a moment ago may not show yet), but this
    # number's own PoolId says it is a member: count it whatever the listing shows.
    listed = set(reader.pool_member_ids(pool_id, limit=2)) | {current["phone_number_id"]}
    return {pool_id: min(len(listed), 2)}


def target_pools(references, current, desired):
    """Settings of the pool the number is requested into or moves to (``pool_settings``), by pool ID.

    The same DescribePools call checks that the pool exists: the planner needs
    its two-way and opt-out settings, which the number takes. In check mode a
    pool not created yet maps to None: the prediction keeps the task's settings.
    """
    want = desired.get("pool_id")
    if desired.state == "absent" or not want or want == (current or {}).get("pool_id"):
        return {}
    pool = references.lookup(
        POOL,
        want,
        "pool_id",
        unchecked="the settings the number would take from it (two-way, opt-out list, self-managed opt-outs) "
        "are not compared with the task's",
    )
    return {want: None if pool is None else pool_settings(pool)}


def diff_label(number, params):
    """``phone number phone-... (+1206...)``, or the name of a number still to be requested."""
    if number.get("phone_number_id"):
        label = "phone number {0}".format(number["phone_number_id"])
        if number.get("phone_number"):
            label += " ({0})".format(number["phone_number"])
        return label
    for key in ("name", "phone_number_id", "phone_number"):
        if params.get(key) is not None:
            return "phone number {0}={1}".format(key, params[key])
    return "phone number"


def ensure_phone_number(module, api):
    params = module.params
    check_phone_number_params(params)
    check_options_supported(api.client.meta.service_model, params)
    region = api.client.meta.region_name
    check_arn_region(params, region)
    reader = Reader(api, warn=getattr(module, "warn", None))
    if params.get("registration_id"):
        # A campaign named by its Name tag: the ID it stands for is what the number is compared with and requested under.
        params["registration_id"] = resolve_registration_id(reader, params["registration_id"])
    references = References(reader, module.check_mode, getattr(module, "warn", None))
    current = read_policy(api, find_current(reader, params), params, PHONE_NUMBER)
    desired = normalised(number_desired(params))
    sizes = pool_sizes(reader, current, desired)
    if params["state"] == "absent":
        pools = {}
        plan = plan_absent(current, desired, sizes)
    else:
        pools = target_pools(references, current, desired)
        plan = plan_present(current, desired, sizes, pools={k: v for k, v in pools.items() if v is not None})
        plan = plan_policy(plan, params)

    found = check_references(plan, references, known=pools)
    check_registrations(plan, found)
    service_rules.check_self_managed(plan)
    result = finish(
        module,
        api,
        reader,
        plan,
        desired,
        wait=params["wait"],
        wait_timeout=params["wait_timeout"],
        create=Requester(api, reader, region, params.get("name")),
        # In a loop the diffs of several numbers follow each other: each names its number.
        label=lambda number: diff_label(number, params),
        references=references,
        preflight=check_room,
    )
    result["registration_status"] = registration_status(reader, result["phone_number"], found)
    return result


def registration_status(reader, number, found):
    """The status of the registration the number belongs to: the one read to check the request, else one read."""
    registration_id = (number or {}).get("registration_id")
    if not registration_id:
        return None
    item = found.get("registration_id", {}).get(registration_id) or reader.one(REGISTRATION, registration_id)
    return None if item is None else item.get("RegistrationStatus")
