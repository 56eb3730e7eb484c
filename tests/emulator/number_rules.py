"""The rules that tie a phone number to its country, registration, pool and region.

The model names each of these rules by a ``Reason`` but states none of them as
a shape, enum or limit; the user guide describes most. Every one is a setting of
``POST /_emulator/config`` (README, "The emulator"), on by default, because a
test that passes against an emulator kinder than the service is a promise the
modules cannot keep:

``regions`` (``"botocore"``; or ``"any"``)
    A call signed for a region where botocore's endpoint data does not list the
    service answers what AWS answers a request whose credential scope names no
    valid region: ``InvalidSignatureException`` ("Credential should be scoped to
    a valid region"). Without an endpoint URL botocore would not even reach a
    host; with one (the emulator, a VPC endpoint), this is the answer.
``registration_rules`` (``true``)
    The user guide's 10DLC chapter: a US ``TEN_DLC`` number is requested under a
    10DLC campaign whose registration is complete. Without a ``RegistrationId``,
    or under one that is not complete yet, ``RequestPhoneNumber`` answers
    ``ConflictException`` ``REGISTRATION_NOT_COMPLETE``. A registration of a type
    that belongs to another kind of number (a 10DLC campaign for a ``SIMULATOR``
    number, a toll-free verification for a ``TEN_DLC`` one) is
    ``ValidationException`` ``INVALID_REGISTRATION_ASSOCIATION``: the model's
    reason for a registration that cannot take the resource. A registration of a
    type the emulator does not know is taken for any number, as before.
``self_managed_opt_outs_need_two_way`` (``true``)
    The user guide's self-managed opt-outs page: two-way messaging must be on
    before self-managed opt-outs are. ``UpdatePhoneNumber`` or ``UpdatePool``
    that would leave ``SelfManagedOptOutsEnabled`` true with ``TwoWayEnabled``
    false answers ``ValidationException`` ``TWO_WAY_NOT_ENABLED``. The model's
    parameter documentation is silent, hence the setting.
``pool_capabilities_must_match`` (``true``)
    A pool takes its numbers' capabilities from the number that founds it; a
    number whose set of capabilities differs (an SMS+VOICE number joining an SMS
    pool) answers ``ConflictException`` ``NUMBER_CAPABILITIES_MISMATCH``. The
    model names the reason; that the sets must be equal is the emulator's choice.
``pool_members_quota`` (``100``; ``null``: no limit)
    ``AssociateOriginationIdentity`` (or ``RequestPhoneNumber`` into a pool) that
    would give a pool more origination identities answers
    ``ServiceQuotaExceededException`` ``ORIGINATION_IDENTITIES_PER_POOL``. The
    published quotas give no figure; 100 is the emulator's choice.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import EmulatorError, conflict, field_error, quota_exceeded, validation_error
from .registration_definitions import DEFINITIONS

if TYPE_CHECKING:
    from .pools import Pool
    from .registrations import Registration

DEFAULT_POOL_MEMBERS_QUOTA = 100

#: Registration type -> the number type it takes: the SupportedAssociations of the emulator's
#: registration definitions (the user guide's registration chapters).
REGISTRATION_NUMBER_TYPES = {
    name: association.number_type for name, definition in DEFINITIONS.items() for association in definition.associations
}
#: Registration types no number is ever requested under (a 10DLC brand holds campaigns, not numbers;
#: brand vetting, which the emulator has no definitions for, neither).
NUMBERLESS_REGISTRATION_TYPES = frozenset(
    {name for name, definition in DEFINITIONS.items() if not definition.associations} | {"US_TEN_DLC_BRAND_VETTING"}
)

_FLAGS = ("registration_rules", "self_managed_opt_outs_need_two_way", "pool_capabilities_must_match")


def default_config() -> dict[str, Any]:
    return {
        "regions": "botocore",
        **dict.fromkeys(_FLAGS, True),
        "pool_members_quota": DEFAULT_POOL_MEMBERS_QUOTA,
    }


def check_config(key: str, value: Any) -> Any:
    """Validate one of this module's settings; ``ValueError`` naming it."""
    if key == "regions":
        if value not in ("botocore", "any"):
            raise ValueError(f"regions must be 'botocore' or 'any', not {value!r}")
    elif key in _FLAGS:
        if not isinstance(value, bool):
            raise ValueError(f"{key} must be true or false, not {value!r}")
    elif value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValueError(f"{key} must be null or an integer >= 1, not {value!r}")
    return value


@cache
def served_regions() -> frozenset[str]:
    """Every region of every partition where botocore's endpoint data lists the service."""
    import boto3

    session = boto3.session.Session()
    return frozenset(
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions("pinpoint-sms-voice-v2", partition)
    )


def check_region(config: dict[str, Any], region: str) -> None:
    if config["regions"] == "botocore" and region not in served_regions():
        raise EmulatorError(
            "InvalidSignatureException",
            f"Credential should be scoped to a valid region, not '{region}'. ",
            status=403,
        )


def usable(registration: Registration) -> bool:
    """Whether numbers can be requested under a registration: complete, or with an approved version."""
    return registration.status == "COMPLETE" or (
        registration.approved() is not None and registration.status not in ("CLOSED", "DELETED")
    )


def check_request_registration(
    config: dict[str, Any], iso: str, number_type: str, registration: Registration | None
) -> None:
    """RequestPhoneNumber: the registration a number of this type needs, and one that fits it."""
    if not config["registration_rules"]:
        return
    if registration is not None:
        kind = registration.registration_type
        wanted = REGISTRATION_NUMBER_TYPES.get(kind)
        if (wanted is not None and wanted != number_type) or kind in NUMBERLESS_REGISTRATION_TYPES:
            raise field_error(
                "INVALID_REGISTRATION_ASSOCIATION",
                "RegistrationId",
                f"Registration {registration.id} is a {kind}, which can't take a {number_type} phone number.",
            )
    if (iso, number_type) != ("US", "TEN_DLC"):
        return
    if registration is None:
        raise conflict(
            "REGISTRATION_NOT_COMPLETE",
            "A US TEN_DLC phone number needs the RegistrationId of a complete 10DLC campaign registration "
            "(US_TEN_DLC_CAMPAIGN_REGISTRATION); none was given.",
            "registration",
        )
    if not usable(registration):
        raise conflict(
            "REGISTRATION_NOT_COMPLETE",
            f"Registration {registration.id} is {registration.status}; a TEN_DLC phone number can be requested "
            "under it once it is COMPLETE.",
            "registration",
            registration.id,
        )


def check_self_managed(config: dict[str, Any], changes: dict[str, Any], owner: Any) -> None:
    """UpdatePhoneNumber / UpdatePool: self-managed opt-outs on need two-way on (after the change)."""
    if not config["self_managed_opt_outs_need_two_way"]:
        return
    self_managed = changes.get("self_managed", owner.self_managed)
    two_way = changes.get("two_way_enabled", owner.two_way_enabled)
    if self_managed and not two_way:
        raise validation_error(
            "TWO_WAY_NOT_ENABLED",
            "SelfManagedOptOutsEnabled needs two-way messaging: set TwoWayEnabled (with a channel) first, "
            "or in the same request.",
            [{"Name": "SelfManagedOptOutsEnabled", "Message": "Requires TwoWayEnabled"}],
        )


def check_capabilities(config: dict[str, Any], pool: Pool, capabilities: list[str], number_id: str) -> None:
    """A number (``number_id``: its ID, or ``(requested)`` for one a request would lease) joining ``pool``."""
    if not config["pool_capabilities_must_match"] or not pool.capabilities:
        return
    if set(capabilities) != set(pool.capabilities):
        raise conflict(
            "NUMBER_CAPABILITIES_MISMATCH",
            f"Phone number {number_id} has capabilities {sorted(capabilities)}, "
            f"pool {pool.id} {sorted(pool.capabilities)}.",
            "phone-number",
            number_id,
        )


def check_pool_room(config: dict[str, Any], pool: Pool, members: int) -> None:
    """One more origination identity in a pool that has ``members``."""
    quota = config["pool_members_quota"]
    if quota is not None and members + 1 > quota:
        raise quota_exceeded(
            "ORIGINATION_IDENTITIES_PER_POOL",
            f"Pool {pool.id} has {members} origination identities, the most it can have ({quota}).",
        )
