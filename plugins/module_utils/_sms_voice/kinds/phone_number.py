# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What only a phone number knows, its description (``PHONE_NUMBER``) and the hooks it declares.

The engine plans a number as every resource (``engine.plan``); these rules add
what is the number's own: it joins and leaves pools (and takes a pool's
settings, and is never updated while it stays in one), it is requested only
by name, it is released rather than deleted (and stays readable, DELETED),
most of its calls need it ACTIVE, and a release meets the races of other runs.
"""

from __future__ import annotations

from dataclasses import replace

from ..call_rules import ASSOCIATE, DISASSOCIATE, MEMBERSHIP_STATUS, ServiceRules
from ..engine.plan import MEMBERS_AFTER, MEMBERS_BEFORE, Step, update_step
from ..engine.resource import Field, Resource, filters_on
from ..errors import SmsVoiceError
from ..keywords import keyword_steps
from .pool import POOL
from .registration import REGISTRATION
from .shared import MESSAGE_TYPES, limits_and_pricing, two_way_and_opt_outs

# Settings a pool imposes on its numbers, by option name (the same on both resources). A number
# requested into a pool takes them; a number associated with a pool must match them.
POOL_WIDE_SETTINGS = (
    "two_way_enabled",
    "two_way_channel_arn",
    "two_way_channel_role",
    "opt_out_list_name",
    "self_managed_opt_outs_enabled",
)
# Calls the service takes only for an ACTIVE number.
NEEDS_ACTIVE = ("UpdatePhoneNumber", ASSOCIATE, DISASSOCIATE, "PutKeyword", "DeleteKeyword")
NOT_ACTIVE = ("ResourceNotFoundException", "RESOURCE_NOT_ACTIVE")
NOT_IN_POOL = "PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL"


def resource_id(value, kind):
    """The trailing ID of an ARN (``...:pool/pool-123`` -> ``pool-123``); IDs pass through."""
    if value and value.startswith("arn:") and "{0}/".format(kind) in value:
        return value.rsplit("/", 1)[1]
    return value


def normalised(desired):
    """Desired settings with ARNs of pools and opt-out lists reduced to their IDs/names."""
    settings = dict(desired.settings)
    if settings.get("pool_id"):
        settings["pool_id"] = resource_id(settings["pool_id"], "pool")
    if settings.get("opt_out_list_name"):
        settings["opt_out_list_name"] = resource_id(settings["opt_out_list_name"], "opt-out-list")
    return replace(desired, settings=settings)


# Settings a member must share with its pool: message type, then the pool-wide ones.
MEMBER_SETTINGS = ("message_type",) + POOL_WIDE_SETTINGS


def member_differences(number, pool, only_set=False):
    """(setting, the number's value, the pool's) for each setting a number must share with a pool to be in it.

    The one rule of "a number matches a pool" (the service refuses to associate
    one that does not, ``*_MISMATCH``). With ``only_set``, what the number
    leaves unset is not compared (a task's settings), nor a message type
    either side does not say.
    """
    out = []
    for key in MEMBER_SETTINGS:
        have, want = number.get(key), pool.get(key)
        if only_set and (have is None or (key == "message_type" and not (have and want))):
            continue
        if have != want:
            out.append((key, have, want))
    return out


def pool_conflicts(pool, desired, message_type):
    """``["two_way_enabled: the pool has False, the task asks for True", ...]`` for settings the pool overrides."""
    wish = dict({key: desired.get(key) for key in POOL_WIDE_SETTINGS}, message_type=message_type)
    conflicts = []
    for key, have, want in member_differences(wish, pool, only_set=True):
        if key == "message_type":
            conflicts.append("message_type: the pool has {0}, the number {1}".format(want, have))
        else:
            conflicts.append("{0}: the pool has {1}, the task asks for {2}".format(key, want, have))
    return conflicts


def check_pool_overrides(pool, desired, message_type, number_label):
    conflicts = pool_conflicts(pool, desired, message_type)
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


def check_two_way(result):
    if result.get("two_way_enabled") and not result.get("two_way_channel_arn"):
        raise SmsVoiceError(
            "two_way_enabled is true but the number has no two-way channel: set two_way_channel_arn "
            "(an SNS topic ARN or connect.<region>.amazonaws.com)"
        )


def refuse_update_in_pool(current, pool_id, changes):
    """A number that stays in its pool cannot be updated: say which settings, and what to do instead."""
    described = ["{0}: {1} -> {2}".format(key, current.get(key), value) for key, value in changes.items()]
    overridden = [key for key in changes if key in POOL_WIDE_SETTINGS]
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
            current["phone_number_id"], pool_id, "; ".join(described), advice
        ),
        pool_id=pool_id,
        settings=list(changes),
    )


def check_not_last(pool_id, number_id, pool_sizes, doing):
    if (pool_sizes or {}).get(pool_id, 2) <= 1:
        raise SmsVoiceError(
            "phone number {0} is the last number in pool {1}, and a pool cannot be left empty: "
            "add another number to pool {1} or delete the pool before you {2}".format(number_id, pool_id, doing),
            pool_id=pool_id,
        )


def leave_pool(pool_id, number_id, before, **kwargs):
    """The DisassociateOriginationIdentity step of a number leaving its pool."""
    return Step(
        DISASSOCIATE,
        dict(PoolId=pool_id, OriginationIdentity=number_id),
        wait="ACTIVE",
        changes={"pool_id": ""},
        undo={"pool_id": before.get("pool_id")} if before else {},
        phase=MEMBERS_BEFORE,
        leaves_status=MEMBERSHIP_STATUS[DISASSOCIATE],
        **kwargs,
    )


def join_pool(pool_id, number_id, before=None, **kwargs):
    """The AssociateOriginationIdentity step of a number joining a pool."""
    return Step(
        ASSOCIATE,
        dict(PoolId=pool_id, OriginationIdentity=number_id),
        wait="ACTIVE",
        changes={"pool_id": pool_id},
        undo={"pool_id": before.get("pool_id")} if before else {},
        phase=MEMBERS_AFTER,
        leaves_status=MEMBERSHIP_STATUS[ASSOCIATE],
        **kwargs,
    )


def number_preference_param(preference):
    """The option's ``{preference_type, filter}`` as the API's ``NumberPreference`` list."""
    return [{"PreferenceType": [preference["preference_type"]], "Filter": list(preference["filter"])}]


class NumberRules(ServiceRules):
    """The hooks of the phone number's description. ``context`` of a plan: ``pools`` and ``pool_sizes``.

    ``pools`` maps the ID of the pool the number is requested into or moves to
    to its settings (``phone_number.pool_settings``), whose pool-wide values the
    number takes; ``pool_sizes`` maps a pool ID to its number of phone numbers,
    needed only when the number leaves a pool.
    """

    create_action = "request"
    delete_action = "release"
    delete_verbs = ("release", "released")
    replace_advice = "Release it and request a new number, or change the task to match"
    keeps_deleted = True
    live_statuses = ("PENDING", "ACTIVE", "ASSOCIATING", "DISASSOCIATING")
    update_wait = "ACTIVE"

    def label(self, resource, item):
        return "phone number {0} ({1})".format(item.get("phone_number_id"), item.get("phone_number"))

    def changing(self, resource, current, desired, changes, after, context):
        """The update call, and the pool moves around it: leave, update, join."""
        context = context or {}
        number_id = current["phone_number_id"]
        have_pool = current.get("pool_id") or ""
        want_pool = desired.get("pool_id")
        moving = want_pool is not None and want_pool != have_pool
        changes = dict(changes)
        after.update(changes)
        if have_pool and not moving and changes:
            refuse_update_in_pool(current, have_pool, changes)
        if moving and want_pool:
            pool = (context.get("pools") or {}).get(want_pool)
            if pool is not None:
                check_pool_overrides(pool, desired, current.get("message_type"), "phone number {0}".format(number_id))
                # The service refuses to associate a number whose settings differ from the pool's.
                for key in POOL_WIDE_SETTINGS:
                    if pool.get(key) is not None and after.get(key) != pool[key]:
                        changes[key] = pool[key]
                        after[key] = pool[key]
        check_two_way(after)
        steps = []
        if moving and have_pool:
            check_not_last(have_pool, number_id, context.get("pool_sizes"), "move it to another pool")
            steps.append(leave_pool(have_pool, number_id, current))
        if changes:
            # Never for a number in a pool: the service refuses UpdatePhoneNumber there.
            steps.append(
                update_step(
                    resource, resource.key_params(current), changes, current, wait="ACTIVE", needs_active=bool(steps)
                )
            )
        if moving and want_pool:
            steps.append(join_pool(want_pool, number_id, current, needs_active=bool(steps)))
        if moving:
            after["pool_id"] = want_pool or None
        return steps

    def list_steps(self, identifier, current, desired, after):
        if current is None and (desired.keywords is None or desired.keywords.items is None):
            return []
        # A new number starts with STOP and HELP, whose messages are the service's; put every keyword asked for.
        return keyword_steps(identifier, current, desired, after)

    def arrange(self, steps, current):
        """Mark the calls that must wait until a number that is not ACTIVE (PENDING, ASSOCIATING...) is."""
        if current.get("status") != "ACTIVE":
            for step in steps:
                if step.operation in NEEDS_ACTIVE:
                    step.needs_active = True
        return steps

    def check_create(self, resource, desired):
        lookup = desired.lookup.key if desired.lookup else None
        if lookup == "name":
            return
        if lookup is None:
            raise SmsVoiceError(
                "name is required to request a phone number: without it every run would lease a new "
                "number. Set name (the Name tag), or phone_number_id/phone_number for an existing number"
            )
        raise SmsVoiceError(
            "no phone number matches {0}={1!r}: a specific number cannot be requested. Use name to "
            "request a new number".format(lookup, desired.lookup.value)
        )

    def missing_message(self, resource, desired, missing):
        return "no phone number is named {0!r}; to request one, set {1}".format(desired.name, ", ".join(missing))

    def creating(self, resource, desired, context):
        """A request into a pool takes the pool's settings; the task may wish for the number's digits."""
        want = desired.get("pool_id")
        pool = ((context or {}).get("pools") or {}).get(want) if want else None
        params: dict = {}
        known: dict = {}
        skip: tuple = ()
        if pool is not None:
            check_pool_overrides(
                pool, desired, desired.get("message_type"), "the number named {0!r}".format(desired.name)
            )
        if desired.extras.get("number_preference"):
            # Only a wish for the digits of the number to lease: never compared with an existing number.
            params["NumberPreference"] = number_preference_param(desired.extras["number_preference"])
        known["status"] = "ACTIVE" if desired.get("number_type") == "SIMULATOR" else "PENDING"
        if pool is not None:
            # The pool's opt-out list applies; the task's, if any, is the same (checked above).
            skip = ("opt_out_list_name",)
            known.update((key, pool.get(key)) for key in POOL_WIDE_SETTINGS)
        return params, known, skip

    def check_result(self, after):
        check_two_way(after)

    def before_delete(self, resource, current, desired, context):
        # The service refuses UpdatePhoneNumber and ReleasePhoneNumber for a number in a pool: leave it first.
        if not current.get("pool_id"):
            return []
        number_id = current["phone_number_id"]
        check_not_last(current["pool_id"], number_id, (context or {}).get("pool_sizes"), "release it")
        return [leave_pool(current["pool_id"], number_id, current)]

    def deleted(self, current):
        return dict(deletion_protection_enabled=False, pool_id=None)

    def references(self, step):
        if step.operation in ("RequestPhoneNumber", ASSOCIATE) and step.params.get("PoolId"):
            yield "pool_id", step.params["PoolId"]
        if step.operation in ("RequestPhoneNumber", "UpdatePhoneNumber") and step.params.get("OptOutListName"):
            yield "opt_out_list_name", step.params["OptOutListName"]
        if step.operation == "RequestPhoneNumber" and step.params.get("RegistrationId"):
            yield "registration_id", step.params["RegistrationId"]

    def tolerated(self, operation, error, deleting):
        if super().tolerated(operation, error, deleting):
            return True
        # Another run releasing the same number took it out of the pool first: what this step asks
        # is done; the release that follows meets the number as that run left it.
        return deleting and (operation, error.reason) == (DISASSOCIATE, NOT_IN_POOL)

    def gone_meanwhile(self, reader, params, error):
        """Whether the service shows the number as released (DELETED, or no longer known)."""
        if error.code not in NOT_ACTIVE and error.reason not in NOT_ACTIVE:
            return False
        number_id = params.get("PhoneNumberId") or params.get("OriginationIdentity")
        numbers = reader.describe_ids([number_id])
        return not numbers or numbers[0].get("Status") == "DELETED"


PHONE_NUMBER = Resource(
    kind="phone number",
    result_key="phone_number",
    id_key="phone_number_id",
    id_member="PhoneNumberId",
    arn_key="phone_number_arn",
    arn_member="PhoneNumberArn",
    arn_type="phone-number",
    fields=(
        Field("phone_number_arn", "PhoneNumberArn", option=False),
        Field("phone_number_id", "PhoneNumberId", option=False),
        Field("phone_number", "PhoneNumber", option=False),
        Field(
            "status",
            "Status",
            option=False,
            enum="NumberStatus",
            choices=("PENDING", "ACTIVE", "ASSOCIATING", "DISASSOCIATING", "DELETED"),
        ),
        Field("iso_country_code", "IsoCountryCode", create=True, immutable=True, required_to_create=True),
        Field(
            "message_type",
            "MessageType",
            create=True,
            immutable=True,
            required_to_create=True,
            enum="MessageType",
            choices=MESSAGE_TYPES,
        ),
        Field(
            "number_capabilities",
            "NumberCapabilities",
            create=True,
            immutable=True,
            required_to_create=True,
            kind="set",
            enum="NumberCapability",
            choices=("SMS", "VOICE", "MMS", "RCS"),
        ),
        Field(
            "number_type",
            "NumberType",
            create=True,
            immutable=True,
            required_to_create=True,
            enum="RequestableNumberType",
            choices=("LONG_CODE", "TOLL_FREE", "TEN_DLC", "SIMULATOR"),
        ),
        Field("monthly_leasing_price", "MonthlyLeasingPrice", option=False),
    )
    + two_way_and_opt_outs(create_opt_out_list=True)
    + (
        Field(
            "international_sending_enabled",
            "InternationalSendingEnabled",
            create=True,
            update=True,
            default=False,
            kind="bool",
        ),
        Field(
            "deletion_protection_enabled",
            "DeletionProtectionEnabled",
            create=True,
            update=True,
            default=False,
            kind="bool",
        ),
        # Changed by AssociateOriginationIdentity / DisassociateOriginationIdentity, not by the update call.
        Field("pool_id", "PoolId", create=True, default=None, refers=POOL),
        Field("registration_id", "RegistrationId", create=True, immutable=True, default=None, refers=REGISTRATION),
    )
    + limits_and_pricing()
    + (Field("created_timestamp", "CreatedTimestamp", option=False, kind="time"),),
    describe="DescribePhoneNumbers",
    describe_ids="PhoneNumberIds",
    describe_list="PhoneNumbers",
    max_ids=5,
    create="RequestPhoneNumber",
    update="UpdatePhoneNumber",
    delete="ReleasePhoneNumber",
    extra_keys=("tags", "keywords", "resource_policy"),
    rules=NumberRules(),
    # PhoneNumberFilterName
    filters=filters_on(
        "status",
        "iso-country-code",
        "message-type",
        "number-capability",
        "number-type",
        "two-way-enabled",
        "self-managed-opt-outs-enabled",
        "opt-out-list-name",
        "deletion-protection-enabled",
        "two-way-channel-arn",
        number_capability="number_capabilities",
    ),
)
