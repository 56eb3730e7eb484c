"""Registrations, as far as phone numbers need them.

US toll-free and 10DLC numbers are tied to a registration. The emulator keeps
only what a phone number touches: registrations are created by the seed
control endpoint (``POST /_emulator/seed`` with ``{"registrations": [...]}``,
there is no CreateRegistration), listed by ``DescribeRegistrations``, named by
``RequestPhoneNumber``'s ``RegistrationId``, and consulted when a number is
released.

Choices where the model is silent (listed in the README as assumptions):

* ``RequestPhoneNumber`` accepts any existing registration (ID or ARN),
  whatever its type and status; an unknown one is ``ResourceNotFoundException``
  with ``ResourceType`` ``registration``.
* ``ReleasePhoneNumber`` of a number whose registration is in one of the
  statuses of the ``registration_statuses_blocking_release`` setting
  (default: those where AWS holds the registration, SUBMITTED, AWS_REVIEWING,
  REVIEWING, PROVISIONING, REQUIRES_AUTHENTICATION) fails with
  ``ConflictException`` ``PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION``.
  Releasing the number of a COMPLETE registration succeeds and moves the
  registration to CLOSED, as the model's RegistrationStatus documentation
  describes ("The phone number or sender ID has been deleted and you must
  also delete the registration for the number").
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import conflict
from .validation import enum_values, filter_output

if TYPE_CHECKING:
    from .numbers import PhoneNumber

DEFAULT_BLOCKING_STATUSES = ("SUBMITTED", "AWS_REVIEWING", "REVIEWING", "PROVISIONING", "REQUIRES_AUTHENTICATION")
APPROVED_STATUSES = ("PROVISIONING", "COMPLETE", "CLOSED")
REGISTRATION_TYPE_RE = re.compile(r"[A-Za-z0-9_]{1,64}")
SEED_KEYS = ("RegistrationType", "RegistrationStatus")


@dataclass
class Registration:
    seq: int
    id: str
    arn: str
    registration_type: str
    status: str
    created: float

    def view(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "RegistrationArn": self.arn,
            "RegistrationId": self.id,
            "RegistrationType": self.registration_type,
            "RegistrationStatus": self.status,
            "CurrentVersionNumber": 1,
            "CreatedTimestamp": self.created,
        }
        if self.status in APPROVED_STATUSES:
            document["ApprovedVersionNumber"] = 1
        return document


def check_seed(item: Any, index: int) -> tuple[str, str]:
    """``(type, status)`` of one ``registrations`` entry of the seed endpoint, or ``ValueError`` naming the problem."""
    where = f"registrations[{index}]"
    if not isinstance(item, dict):
        raise ValueError(f"{where} must be an object with RegistrationType and RegistrationStatus")
    unknown = sorted(set(item) - set(SEED_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}; known: {list(SEED_KEYS)}")
    registration_type = item.get("RegistrationType")
    if not isinstance(registration_type, str) or not REGISTRATION_TYPE_RE.fullmatch(registration_type):
        raise ValueError(f"{where}.RegistrationType must match [A-Za-z0-9_]{{1,64}}, not {registration_type!r}")
    status = item.get("RegistrationStatus", "CREATED")
    statuses = enum_values("RegistrationStatus")
    if status not in statuses:
        raise ValueError(f"{where}.RegistrationStatus must be one of {sorted(statuses)}, not {status!r}")
    return registration_type, status


def check_blocking_statuses(value: Any) -> list[str]:
    """Validate the ``registration_statuses_blocking_release`` setting."""
    statuses = enum_values("RegistrationStatus")
    if not isinstance(value, list) or any(item not in statuses for item in value):
        raise ValueError(f"registration_statuses_blocking_release must be a list of {sorted(statuses)}, not {value!r}")
    return list(dict.fromkeys(value))


#: API operation -> method of :class:`RegistrationsMixin`
REGISTRATION_OPERATIONS = {
    "DescribeRegistrations": "describe_registrations",
}


class RegistrationsMixin:
    """The registration side of :class:`~tests.emulator.region.RegionBackend` (which provides the helpers used)."""

    registrations: dict[str, Registration]

    def add_registration(self, registration_type: str, status: str) -> Registration:
        registration_id = "registration-" + secrets.token_hex(16)
        registration = Registration(
            seq=next(self._seq),  # type: ignore[attr-defined]
            id=registration_id,
            arn=self.arn("registration", registration_id),  # type: ignore[attr-defined]
            registration_type=registration_type,
            status=status,
            created=self.now(),  # type: ignore[attr-defined]
        )
        self.registrations[registration_id] = registration
        return registration

    def _registration(self, identifier: str, member: str = "RegistrationId") -> Registration:
        return self._lookup("registration", self.registrations, identifier, member)  # type: ignore[attr-defined]

    def describe_registrations(self, params: dict[str, Any]) -> dict[str, Any]:
        from .core import compile_filters

        ids = params.get("RegistrationIds") or []
        predicates = compile_filters(params.get("Filters") or [], _registration_filters())
        if ids:
            found = {r.id: r for r in (self._registration(ident, "RegistrationIds") for ident in ids)}
            candidates: Any = sorted(found.values(), key=lambda r: r.seq)
        else:
            candidates = self.registrations.values()
        page, token = self._paginate("DescribeRegistrations", params, candidates, predicates)  # type: ignore[attr-defined]
        response: dict[str, Any] = {"Registrations": [r.view() for r in page]}
        if token:
            response["NextToken"] = token
        return filter_output("DescribeRegistrations", response)

    def check_release_registration(self, number: PhoneNumber) -> None:
        """Refuse the release of a number whose registration is under way; close a COMPLETE one."""
        registration = self.registrations.get(number.registration_id or "")
        if registration is None:
            return
        if registration.status in self.config["registration_statuses_blocking_release"]:  # type: ignore[attr-defined]
            raise conflict(
                "PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION",
                f"Phone number {number.id} is associated with registration {registration.id}, "
                f"which is {registration.status}.",
                "phone-number",
                number.id,
            )

    def close_registration_of(self, number: PhoneNumber) -> None:
        registration = self.registrations.get(number.registration_id or "")
        if registration is not None and registration.status == "COMPLETE":
            registration.status = "CLOSED"


def _registration_filters() -> dict[str, Any]:
    statuses = enum_values("RegistrationStatus")
    return {
        "registration-type": (REGISTRATION_TYPE_RE.fullmatch, False, lambda r: [r.registration_type]),
        "registration-status": (lambda value: value in statuses, False, lambda r: [r.status]),
    }
