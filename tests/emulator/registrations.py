"""Registrations: created, filled, submitted, reviewed on the emulator's clock, and tied to numbers.

A registration has versions; the latest is the current one. A new registration
has version 1 in DRAFT; PutRegistrationFieldValue and DeleteRegistrationFieldValue
change the DRAFT's values (checked against :mod:`.registration_definitions`),
SubmitRegistrationVersion sends it to review, and the review runs on the
emulator's clock as the ``registration_review`` setting says (default: two
weeks, approved). After approval or denial CreateRegistrationVersion opens a
new DRAFT holding the values of the one before; DiscardRegistrationVersion
throws a DRAFT away. CreateRegistrationAssociation ties a phone number to a
registration whose type takes it; RequestPhoneNumber's ``RegistrationId`` does
the same at lease time. Seeded registrations (``POST /_emulator/seed`` with
``{"registrations": [...]}``) get one version in the status their registration
status implies, and are never reviewed.

Choices where the model is silent (listed in the README as assumptions):

* Statuses. A version is SUBMITTED (AWS_REVIEWING with ``AwsReview``) for
  ``registration_review.submitted_seconds``, then REVIEWING until
  ``registration_review.seconds`` after the submission, then APPROVED (the
  version approved before it becomes ARCHIVED) or DENIED with
  ``registration_review.denied_reasons``. The review's outcome, durations and
  reasons are those configured when the version was submitted. The registration
  follows its versions: CREATED, then SUBMITTED / AWS_REVIEWING / REVIEWING,
  then COMPLETE or REQUIRES_UPDATES; a registration with an approved version
  stays COMPLETE while a newer version is drafted or reviewed, and one that was
  denied stays REQUIRES_UPDATES while its next version is drafted.
* SubmitRegistrationVersion of a version that is not a DRAFT is ConflictException
  ``REGISTRATION_ALREADY_SUBMITTED`` while it is in review, else
  ``SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED``; a DRAFT without a value for
  every required field (or a conditional field whose condition holds) is
  ValidationException ``MISSING_PARAMETER`` with one ``Fields`` entry per
  missing field path. Changing the values of a version that is not a DRAFT is
  ConflictException ``EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED``. A campaign
  whose brand field names no brand registration of the account and region is
  ValidationException ``INVALID_PARAMETER`` at submission, and one naming a brand
  that is not COMPLETE is ConflictException ``REGISTRATION_NOT_COMPLETE``.
* CreateRegistrationVersion needs the current version APPROVED, DENIED,
  DISCARDED, REVOKED or ARCHIVED (else ``CREATE_REGISTRATION_VERSION_NOT_ALLOWED``);
  DiscardRegistrationVersion needs a DRAFT that is not version 1 (else
  ``DISCARD_REGISTRATION_VERSION_NOT_ALLOWED``).
* Associations follow the type's ``SupportedAssociations``: toll-free
  verifications take US TOLL_FREE numbers while their current version is a
  DRAFT (ASSOCIATE_BEFORE_SUBMIT, else ``REGISTRATION_ALREADY_SUBMITTED``),
  10DLC campaigns take US TEN_DLC numbers once COMPLETE
  (ASSOCIATE_AFTER_COMPLETE, else ``REGISTRATION_NOT_COMPLETE``), brands take
  none. Another number, or a type without associations, is ValidationException
  ``INVALID_REGISTRATION_ASSOCIATION``; a number already tied to a registration
  is ConflictException ``RESOURCE_ALREADY_ASSOCIATED``.
* ``RequestPhoneNumber`` names an existing registration (ID or ARN; an unknown
  one is ``ResourceNotFoundException`` with ``ResourceType`` ``registration``),
  which must fit the number under the ``registration_rules`` setting
  (:mod:`.number_rules`, whose table of which type takes which number type
  comes from these definitions); the number is then associated with it.
* ``ReleasePhoneNumber`` of a number whose registration is in one of the
  statuses of the ``registration_statuses_blocking_release`` setting
  (default: those where AWS holds the registration, SUBMITTED, AWS_REVIEWING,
  REVIEWING, PROVISIONING, REQUIRES_AUTHENTICATION) fails with
  ``ConflictException`` ``PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION``.
  Releasing the last number of a COMPLETE registration succeeds and moves the
  registration to CLOSED, as the model's RegistrationStatus documentation
  describes ("The phone number or sender ID has been deleted and you must
  also delete the registration for the number") and DISASSOCIATE_ALL_CLOSES_REGISTRATION says.
* DeleteRegistration of a registration that still has numbers (not released)
  is ConflictException ``RESOURCE_DELETION_NOT_ALLOWED``; the registration is
  gone afterwards (its answer says DELETED).
"""

from __future__ import annotations

import copy
import re
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .core import FilterSpec, _any, _enum_checker, _iso_checker, _tag_list, compile_filters
from .errors import conflict, field_error, not_found, validation_error
from .registration_definitions import DEFINITIONS, FieldDefinition, TypeDefinition
from .validation import enum_values, filter_output

if TYPE_CHECKING:
    from .numbers import PhoneNumber

DEFAULT_BLOCKING_STATUSES = ("SUBMITTED", "AWS_REVIEWING", "REVIEWING", "PROVISIONING", "REQUIRES_AUTHENTICATION")
REGISTRATION_TYPE_RE = re.compile(r"[A-Za-z0-9_]{1,64}")
SEED_KEYS = ("RegistrationType", "RegistrationStatus")
#: Version statuses of a version AWS holds (in review).
IN_REVIEW = ("SUBMITTED", "AWS_REVIEWING", "REVIEWING", "REQUIRES_AUTHENTICATION", "REQUIRES_OFFLINE_REVIEW")
#: Version statuses after which CreateRegistrationVersion may open a new DRAFT.
SETTLED = ("APPROVED", "DENIED", "DISCARDED", "REVOKED", "ARCHIVED")
#: The version status a seeded registration's only version has.
SEED_VERSION_STATUS = {
    "CREATED": "DRAFT",
    "SUBMITTED": "SUBMITTED",
    "AWS_REVIEWING": "AWS_REVIEWING",
    "REVIEWING": "REVIEWING",
    "REQUIRES_AUTHENTICATION": "REQUIRES_AUTHENTICATION",
    "PROVISIONING": "APPROVED",
    "COMPLETE": "APPROVED",
    "REQUIRES_UPDATES": "DENIED",
    "CLOSED": "APPROVED",
    "DELETED": "DISCARDED",
}
#: RegistrationVersionStatus -> its RegistrationVersionStatusHistory member
HISTORY_MEMBERS = {
    "DRAFT": "DraftTimestamp",
    "SUBMITTED": "SubmittedTimestamp",
    "AWS_REVIEWING": "AwsReviewingTimestamp",
    "REVIEWING": "ReviewingTimestamp",
    "REQUIRES_AUTHENTICATION": "RequiresAuthenticationTimestamp",
    "APPROVED": "ApprovedTimestamp",
    "DISCARDED": "DiscardedTimestamp",
    "DENIED": "DeniedTimestamp",
    "REVOKED": "RevokedTimestamp",
    "ARCHIVED": "ArchivedTimestamp",
}
#: PutRegistrationFieldValue's member for each FieldType
VALUE_MEMBERS = {"TEXT": "TextValue", "SELECT": "SelectChoices", "ATTACHMENT": "RegistrationAttachmentId"}
#: ListRegistrationAssociations' ResourceType of a phone number (the model's ResourceType enum value).
PHONE_NUMBER_RESOURCE = "phone-number"

#: Two weeks, approved: the issue's default; the user guide gives "up to 15 business days" for toll-free.
DEFAULT_REVIEW_SECONDS = 14 * 86400.0
#: A day SUBMITTED (awaiting review) before REVIEWING.
DEFAULT_SUBMITTED_SECONDS = 86400.0
DEFAULT_DENIED_REASONS = (
    {
        "Reason": "OPT_IN_INSUFFICIENT",
        "ShortDescription": "The opt-in workflow does not show how recipients consent to receive messages.",
        "DocumentationTitle": "Registration support",
        "DocumentationLink": "https://docs.aws.amazon.com/sms-voice/latest/userguide/registration-help.html",
    },
)
_REASON_KEYS = ("Reason", "ShortDescription", "LongDescription", "DocumentationTitle", "DocumentationLink")
#: A configured denied reason may name the field it is about: DescribeRegistrationFieldValues then
#: shows its ShortDescription as that field's DeniedReason (the key is not part of DeniedReasons).
_FIELD_KEY = "FieldPath"


def default_review() -> dict[str, Any]:
    """The ``registration_review`` setting of a fresh emulator."""
    return {
        "outcome": "APPROVED",
        "seconds": DEFAULT_REVIEW_SECONDS,
        "submitted_seconds": DEFAULT_SUBMITTED_SECONDS,
        "denied_reasons": [dict(reason) for reason in DEFAULT_DENIED_REASONS],
    }


def check_review(current: dict[str, Any], value: Any) -> dict[str, Any]:
    """``current`` with the keys of a ``registration_review`` change applied, or ValueError naming the bad one."""
    if not isinstance(value, dict):
        raise ValueError(
            "registration_review must be an object with outcome, seconds, submitted_seconds, denied_reasons"
        )
    updated = copy.deepcopy(current)
    for key, item in value.items():
        if key == "outcome":
            if item not in ("APPROVED", "DENIED"):
                raise ValueError(f"registration_review.outcome must be APPROVED or DENIED, not {item!r}")
        elif key in ("seconds", "submitted_seconds"):
            if isinstance(item, bool) or not isinstance(item, (int, float)) or item < 0:
                raise ValueError(f"registration_review.{key} must be a number >= 0, not {item!r}")
            item = float(item)
        elif key == "denied_reasons":
            item = [_denied_reason(reason, index) for index, reason in enumerate(_list(item))]
        else:
            raise ValueError(f"registration_review: unknown key {key!r}; known: {sorted(default_review())}")
        updated[key] = item
    return updated


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("registration_review.denied_reasons must be a list")
    return value


def _denied_reason(reason: Any, index: int) -> dict[str, str]:
    """A ``RegistrationDeniedReasonInformation``; a plain string is its Reason and ShortDescription."""
    where = f"registration_review.denied_reasons[{index}]"
    if isinstance(reason, str) and reason:
        return {"Reason": reason, "ShortDescription": reason}
    if not isinstance(reason, dict) or not all(isinstance(reason.get(k), str) for k in _REASON_KEYS[:2]):
        raise ValueError(f"{where} must be a string or an object with Reason and ShortDescription")
    unknown = sorted(set(reason) - set(_REASON_KEYS) - {_FIELD_KEY})
    if unknown or not all(isinstance(v, str) for v in reason.values()):
        raise ValueError(f"{where}: members must be strings among {[*_REASON_KEYS, _FIELD_KEY]}")
    return dict(reason)


@dataclass
class RegistrationVersion:
    number: int
    status: str
    #: RegistrationVersionStatusHistory member -> time
    history: dict[str, float]
    #: FieldPath -> {"TextValue" | "SelectChoices" | "RegistrationAttachmentId": value}
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The review, fixed at submission: when REVIEWING starts, when it ends, how, and why if denied.
    reviewing_at: float | None = None
    decided_at: float | None = None
    outcome: str | None = None
    denied_reasons: list[dict[str, str]] = field(default_factory=list)

    @property
    def seq(self) -> int:
        return self.number

    def move(self, status: str, at: float) -> None:
        self.status = status
        if status in HISTORY_MEMBERS:
            self.history[HISTORY_MEMBERS[status]] = at

    def denial_of(self, path: str) -> dict[str, str]:
        """``{"DeniedReason": ...}`` for a field a denied reason of this DENIED version names, else ``{}``."""
        if self.status != "DENIED":
            return {}
        reasons = [r["ShortDescription"] for r in self.denied_reasons if r.get(_FIELD_KEY) == path]
        return {"DeniedReason": " ".join(reasons)} if reasons else {}

    def view(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "VersionNumber": self.number,
            "RegistrationVersionStatus": self.status,
            "RegistrationVersionStatusHistory": dict(self.history),
        }
        if self.status == "DENIED":
            document["DeniedReasons"] = [
                {k: v for k, v in reason.items() if k != _FIELD_KEY} for reason in self.denied_reasons
            ]
        return document


@dataclass
class Registration:
    seq: int
    id: str
    arn: str
    registration_type: str
    status: str
    created: float
    versions: list[RegistrationVersion] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def current(self) -> RegistrationVersion:
        return self.versions[-1]

    def approved(self) -> RegistrationVersion | None:
        return next((v for v in self.versions if v.status == "APPROVED"), None)

    def view(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "RegistrationArn": self.arn,
            "RegistrationId": self.id,
            "RegistrationType": self.registration_type,
            "RegistrationStatus": self.status,
            "CurrentVersionNumber": self.current.number,
            "CreatedTimestamp": self.created,
        }
        approved = self.approved()
        if approved is not None:
            document["ApprovedVersionNumber"] = approved.number
        denied = [v.number for v in self.versions if v.status == "DENIED"]
        if denied:
            document["LatestDeniedVersionNumber"] = max(denied)
        return document

    def identity(self) -> dict[str, Any]:
        return {"RegistrationArn": self.arn, "RegistrationId": self.id}


class _Row:
    """One listed item with the ``seq`` the shared paginator orders by."""

    def __init__(self, seq: int, view: dict[str, Any], item: Any = None) -> None:
        self.seq = seq
        self.view = view
        self.item = item

    def document(self) -> dict[str, Any]:
        return self.view


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


def definition_of(registration_type: str, member: str = "RegistrationType") -> TypeDefinition:
    definition = DEFINITIONS.get(registration_type)
    if definition is None:
        raise field_error(
            "UNKNOWN_REGISTRATION_TYPE",
            member,
            f"Unknown registration type {registration_type!r}; DescribeRegistrationTypeDefinitions lists "
            f"{', '.join(DEFINITIONS)}.",
        )
    return definition


def _section_paths(definition: TypeDefinition, paths: list[str], member: str) -> list[str]:
    unknown = [path for path in paths if path not in definition.sections]
    if unknown:
        raise field_error(
            "UNKNOWN_REGISTRATION_SECTION",
            member,
            f"{definition.registration_type} has no section {unknown[0]!r}; it has {', '.join(definition.sections)}.",
        )
    return paths


def _field_definitions(definition: TypeDefinition, paths: list[str], member: str) -> list[FieldDefinition]:
    found = []
    for path in paths:
        item = definition.field(path)
        if item is None:
            raise field_error(
                "UNKNOWN_REGISTRATION_FIELD",
                member,
                f"{definition.registration_type} has no field {path!r} (DescribeRegistrationFieldDefinitions lists them).",
            )
        found.append(item)
    return found


def missing_fields(definition: TypeDefinition, values: dict[str, dict[str, Any]]) -> list[str]:
    """The field paths a submission needs and ``values`` lacks: required ones, and conditional ones whose condition holds."""
    missing = []
    for item in definition.fields:
        needed = item.requirement == "REQUIRED"
        if item.when is not None:
            depends_on, wanted = item.when
            held = values.get(depends_on, {})
            chosen = held.get("SelectChoices") or ([held["TextValue"]] if "TextValue" in held else [])
            needed = any(choice in wanted for choice in chosen)
        if needed and item.path not in values:
            missing.append(item.path)
    return missing


def check_value(item: FieldDefinition, params: dict[str, Any]) -> str:
    """The value member of a PutRegistrationFieldValue request, checked against the field's definition."""
    given = [member for member in VALUE_MEMBERS.values() if params.get(member) is not None]
    expected = VALUE_MEMBERS[item.kind]
    if not given:
        raise validation_error(
            "MISSING_PARAMETER",
            f"{item.path} is a {item.kind} field: give {expected}.",
            [{"Name": expected, "Message": f"Required for the {item.kind} field {item.path}"}],
        )
    if len(given) > 1:
        raise validation_error(
            "PARAMETERS_CANNOT_BE_USED_TOGETHER",
            f"{' and '.join(given)} can't be used together.",
            [{"Name": member, "Message": "Give one value member"} for member in given],
        )
    if given[0] != expected:
        raise field_error("INVALID_PARAMETER", given[0], f"{item.path} is a {item.kind} field: give {expected}.")
    if item.kind == "TEXT":
        value = params["TextValue"]
        if not item.min_length <= len(value) <= item.max_length:
            raise field_error(
                "FIELD_VALIDATION_FAILED",
                "TextValue",
                f"{item.path} takes {item.min_length} to {item.max_length} characters, not {len(value)}.",
            )
        if item.pattern and re.fullmatch(item.pattern, value) is None:
            raise field_error(
                "FIELD_VALIDATION_FAILED", "TextValue", f"{item.path} must match the pattern {item.pattern}."
            )
    elif item.kind == "SELECT":
        choices = params["SelectChoices"]
        unknown = [choice for choice in choices if choice not in item.options]
        if unknown:
            raise field_error(
                "FIELD_VALIDATION_FAILED",
                "SelectChoices",
                f"{unknown} are not options of {item.path}; its options: {', '.join(item.options)}.",
            )
        if len(set(choices)) != len(choices) or not item.min_choices <= len(choices) <= item.max_choices:
            raise field_error(
                "FIELD_VALIDATION_FAILED",
                "SelectChoices",
                f"{item.path} takes {item.min_choices} to {item.max_choices} distinct choices.",
            )
    return expected


def _registration_filters() -> dict[str, FilterSpec]:
    return {
        "registration-type": (REGISTRATION_TYPE_RE.fullmatch, False, lambda r: [r.registration_type]),  # type: ignore[dict-item]
        "registration-status": (_enum_checker("RegistrationStatus"), False, lambda r: [r.status]),
    }


_VERSION_FILTERS: dict[str, FilterSpec] = {
    "registration-version-status": (_enum_checker("RegistrationVersionStatus"), False, lambda v: [v.status]),
}
_TYPE_FILTERS: dict[str, FilterSpec] = {
    "supported-association-resource-type": (
        _any,
        False,
        lambda row: [a.resource_type for a in row.item.associations],
    ),
    "supported-association-iso-country-code": (
        _iso_checker,
        False,
        lambda row: [a.iso_country_code for a in row.item.associations],
    ),
}
_ASSOCIATION_FILTERS: dict[str, FilterSpec] = {
    "resource-type": (_any, False, lambda n: [PHONE_NUMBER_RESOURCE]),
    "iso-country-code": (_iso_checker, False, lambda n: [n.iso_country_code]),
}


#: API operation -> method of :class:`RegistrationsMixin`
REGISTRATION_OPERATIONS = {
    "CreateRegistration": "create_registration",
    "DescribeRegistrations": "describe_registrations",
    "DeleteRegistration": "delete_registration",
    "CreateRegistrationVersion": "create_registration_version",
    "DescribeRegistrationVersions": "describe_registration_versions",
    "SubmitRegistrationVersion": "submit_registration_version",
    "DiscardRegistrationVersion": "discard_registration_version",
    "DescribeRegistrationTypeDefinitions": "describe_registration_type_definitions",
    "DescribeRegistrationSectionDefinitions": "describe_registration_section_definitions",
    "DescribeRegistrationFieldDefinitions": "describe_registration_field_definitions",
    "PutRegistrationFieldValue": "put_registration_field_value",
    "DeleteRegistrationFieldValue": "delete_registration_field_value",
    "DescribeRegistrationFieldValues": "describe_registration_field_values",
    "CreateRegistrationAssociation": "create_registration_association",
    "ListRegistrationAssociations": "list_registration_associations",
}


class RegistrationsMixin:
    """The registration side of :class:`~tests.emulator.region.RegionBackend` (which provides the helpers used)."""

    registrations: dict[str, Registration]

    # -- records and the review ------------------------------------------------------

    def add_registration(self, registration_type: str, status: str, tags: dict[str, str] | None = None) -> Registration:
        """A registration with one version; a seeded one's version is in the status its ``status`` implies."""
        now = self.now()  # type: ignore[attr-defined]
        registration_id = "registration-" + secrets.token_hex(16)
        version = RegistrationVersion(1, "DRAFT", {"DraftTimestamp": now})
        if SEED_VERSION_STATUS[status] != "DRAFT":
            version.move(SEED_VERSION_STATUS[status], now)
        registration = Registration(
            seq=next(self._seq),  # type: ignore[attr-defined]
            id=registration_id,
            arn=self.arn("registration", registration_id),  # type: ignore[attr-defined]
            registration_type=registration_type,
            status=status,
            created=now,
            versions=[version],
            tags=dict(tags or {}),
        )
        self.registrations[registration_id] = registration
        return registration

    def review_registrations(self) -> None:
        """Move every version under review along the emulator's clock."""
        now = self.now()  # type: ignore[attr-defined]
        for registration in self.registrations.values():
            for version in registration.versions:
                self._review(registration, version, now)

    @staticmethod
    def _review(registration: Registration, version: RegistrationVersion, now: float) -> None:
        if version.decided_at is None or version.reviewing_at is None:
            return
        if version.status in ("SUBMITTED", "AWS_REVIEWING") and now >= version.reviewing_at:
            version.move("REVIEWING", version.reviewing_at)
            if registration.approved() is None:
                registration.status = "REVIEWING"
        if version.status != "REVIEWING" or now < version.decided_at:
            return
        if version.outcome == "APPROVED":
            previous = registration.approved()
            if previous is not None:
                previous.move("ARCHIVED", version.decided_at)
            version.move("APPROVED", version.decided_at)
            registration.status = "COMPLETE"
        else:
            version.move("DENIED", version.decided_at)
            if registration.approved() is None:
                registration.status = "REQUIRES_UPDATES"

    def _registration(self, identifier: str, member: str = "RegistrationId") -> Registration:
        return self._lookup("registration", self.registrations, identifier, member)  # type: ignore[attr-defined]

    def _version_response(
        self, operation: str, registration: Registration, version: RegistrationVersion
    ) -> dict[str, Any]:
        document = {**registration.identity(), **version.view()}
        return filter_output(operation, document)

    @staticmethod
    def _draft(registration: Registration) -> RegistrationVersion:
        """The current version, which must be a DRAFT for its values to change."""
        version = registration.current
        if version.status != "DRAFT":
            raise conflict(
                "EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED",
                f"Version {version.number} of registration {registration.id} is {version.status}; only a DRAFT "
                "version's field values can change (CreateRegistrationVersion opens one after a review).",
                "registration",
                registration.id,
            )
        return version

    def _live_numbers(self, registration: Registration) -> list[PhoneNumber]:
        return [
            n
            for n in self.numbers.values()  # type: ignore[attr-defined]
            if n.registration_id == registration.id and n.deleted_at is None
        ]

    # -- registrations ---------------------------------------------------------------

    def create_registration(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, None]:
            definition_of(params["RegistrationType"])
            self.check_room("REGISTRATIONS")  # type: ignore[attr-defined]
            tags = self._merged_tags({}, self._checked_tags(params.get("Tags") or []))  # type: ignore[attr-defined]
            registration = self.add_registration(params["RegistrationType"], "CREATED", tags)
            response = filter_output(
                "CreateRegistration", {**registration.view(), "Tags": _tag_list(registration.tags)}
            )
            return response, "registration", registration.id, None

        return self._idempotent("CreateRegistration", params, execute)  # type: ignore[attr-defined]

    def describe_registrations(self, params: dict[str, Any]) -> dict[str, Any]:
        candidates = self._selected(  # type: ignore[attr-defined]
            params.get("RegistrationIds") or [], self._registration, "RegistrationIds", self.registrations.values()
        )
        predicates = compile_filters(params.get("Filters") or [], _registration_filters())
        response = self._listing(  # type: ignore[attr-defined]
            "DescribeRegistrations", params, candidates, "Registrations", Registration.view, predicates
        )
        return filter_output("DescribeRegistrations", response)

    def delete_registration(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        numbers = self._live_numbers(registration)
        if numbers:
            raise conflict(
                "RESOURCE_DELETION_NOT_ALLOWED",
                f"Registration {registration.id} still has phone numbers ({', '.join(n.id for n in numbers[:5])}); "
                "release them first.",
                "registration",
                registration.id,
            )
        del self.registrations[registration.id]
        return filter_output("DeleteRegistration", {**registration.view(), "RegistrationStatus": "DELETED"})

    # -- versions --------------------------------------------------------------------

    def create_registration_version(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        current = registration.current
        if current.status not in SETTLED:
            raise conflict(
                "CREATE_REGISTRATION_VERSION_NOT_ALLOWED",
                f"Version {current.number} of registration {registration.id} is {current.status}; a new version "
                "follows an approved, denied or discarded one.",
                "registration",
                registration.id,
            )
        source = next((v for v in reversed(registration.versions) if v.status != "DISCARDED"), current)
        version = RegistrationVersion(
            current.number + 1,
            "DRAFT",
            {"DraftTimestamp": self.now()},  # type: ignore[attr-defined]
            values=copy.deepcopy(source.values),
        )
        registration.versions.append(version)
        return self._version_response("CreateRegistrationVersion", registration, version)

    def describe_registration_versions(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        numbers = params.get("VersionNumbers") or []
        by_number = {v.number: v for v in registration.versions}
        unknown = [n for n in numbers if n not in by_number]
        if unknown:
            raise field_error(
                "UNKNOWN_REGISTRATION_VERSION",
                "VersionNumbers",
                f"Registration {registration.id} has no version {unknown[0]}.",
            )
        candidates = [by_number[n] for n in sorted(set(numbers))] if numbers else registration.versions
        predicates = compile_filters(params.get("Filters") or [], _VERSION_FILTERS)
        response = self._listing(  # type: ignore[attr-defined]
            "DescribeRegistrationVersions",
            params,
            candidates,
            "RegistrationVersions",
            RegistrationVersion.view,
            predicates,
            **registration.identity(),
        )
        return filter_output("DescribeRegistrationVersions", response)

    def submit_registration_version(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        version = registration.current
        if version.status != "DRAFT":
            message = (
                f"Version {version.number} of registration {registration.id} is {version.status}; only a DRAFT "
                "version can be submitted."
            )
            if version.status in IN_REVIEW:
                raise conflict("REGISTRATION_ALREADY_SUBMITTED", message, "registration", registration.id)
            raise conflict("SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED", message, "registration", registration.id)
        definition = DEFINITIONS.get(registration.registration_type)
        missing = missing_fields(definition, version.values) if definition is not None else []
        if missing:
            raise validation_error(
                "MISSING_PARAMETER",
                f"Registration {registration.id} can't be submitted: required fields have no value: "
                f"{', '.join(missing)}.",
                [{"Name": path, "Message": "Required field has no value"} for path in missing],
            )
        if definition is not None:
            self._check_named_registrations(definition, version)
        review = self.config["registration_review"]  # type: ignore[attr-defined]
        now = self.now()  # type: ignore[attr-defined]
        aws_review = bool(params.get("AwsReview", False))
        version.move("AWS_REVIEWING" if aws_review else "SUBMITTED", now)
        version.reviewing_at = now + min(review["submitted_seconds"], review["seconds"])
        version.decided_at = now + review["seconds"]
        version.outcome = review["outcome"]
        version.denied_reasons = copy.deepcopy(review["denied_reasons"])
        if registration.approved() is None:
            registration.status = version.status
        self._review(registration, version, now)
        response = {
            **self._version_response("SubmitRegistrationVersion", registration, version),
            "AwsReview": aws_review,
        }
        return response

    def _check_named_registrations(self, definition: TypeDefinition, version: RegistrationVersion) -> None:
        """A field naming another registration (a campaign's brand) must name a COMPLETE one of its type."""
        for item in definition.fields:
            value = version.values.get(item.path, {}).get("TextValue")
            if item.names_registration is None or value is None:
                continue
            named = self.registrations.get(value)
            if named is None or named.registration_type != item.names_registration:
                raise field_error(
                    "INVALID_PARAMETER",
                    item.path,
                    f"{value} is not a {item.names_registration} of this account and region.",
                )
            if named.status != "COMPLETE":
                raise conflict(
                    "REGISTRATION_NOT_COMPLETE",
                    f"{item.path} names registration {named.id}, which is {named.status}; it must be COMPLETE.",
                    "registration",
                    named.id,
                )

    def discard_registration_version(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        version = registration.current
        if version.status != "DRAFT" or version.number == 1:
            why = "it is the registration's first" if version.status == "DRAFT" else f"it is {version.status}"
            raise conflict(
                "DISCARD_REGISTRATION_VERSION_NOT_ALLOWED",
                f"Version {version.number} of registration {registration.id} can't be discarded: {why}.",
                "registration",
                registration.id,
            )
        version.move("DISCARDED", self.now())  # type: ignore[attr-defined]
        return self._version_response("DiscardRegistrationVersion", registration, version)

    # -- definitions -----------------------------------------------------------------

    def describe_registration_type_definitions(self, params: dict[str, Any]) -> dict[str, Any]:
        wanted = params.get("RegistrationTypes") or []
        definitions = [definition_of(name, "RegistrationTypes") for name in wanted] or list(DEFINITIONS.values())
        rows = [_Row(index, d.view(), d) for index, d in enumerate(DEFINITIONS.values(), start=1) if d in definitions]
        predicates = compile_filters(params.get("Filters") or [], _TYPE_FILTERS)
        return self._listing(  # type: ignore[attr-defined]
            "DescribeRegistrationTypeDefinitions",
            params,
            rows,
            "RegistrationTypeDefinitions",
            _Row.document,
            predicates,
        )

    def describe_registration_section_definitions(self, params: dict[str, Any]) -> dict[str, Any]:
        definition = definition_of(params["RegistrationType"])
        wanted = _section_paths(definition, params.get("SectionPaths") or [], "SectionPaths")
        rows = [
            _Row(index, definition.section_view(path))
            for index, path in enumerate(definition.sections, start=1)
            if not wanted or path in wanted
        ]
        return self._listing(  # type: ignore[attr-defined]
            "DescribeRegistrationSectionDefinitions",
            params,
            rows,
            "RegistrationSectionDefinitions",
            _Row.document,
            RegistrationType=definition.registration_type,
        )

    def describe_registration_field_definitions(self, params: dict[str, Any]) -> dict[str, Any]:
        definition = definition_of(params["RegistrationType"])
        section = params.get("SectionPath")
        if section is not None:
            _section_paths(definition, [section], "SectionPath")
        wanted = {f.path for f in _field_definitions(definition, params.get("FieldPaths") or [], "FieldPaths")}
        rows = [
            _Row(index, item.view())
            for index, item in enumerate(definition.fields, start=1)
            if (section is None or item.section == section) and (not wanted or item.path in wanted)
        ]
        return self._listing(  # type: ignore[attr-defined]
            "DescribeRegistrationFieldDefinitions",
            params,
            rows,
            "RegistrationFieldDefinitions",
            _Row.document,
            RegistrationType=definition.registration_type,
        )

    # -- field values ----------------------------------------------------------------

    def _field(self, registration: Registration, path: str) -> FieldDefinition:
        definition = DEFINITIONS.get(registration.registration_type)
        if definition is None:
            raise field_error(
                "UNKNOWN_REGISTRATION_FIELD",
                "FieldPath",
                f"Registration type {registration.registration_type} has no field definitions in the emulator.",
            )
        return _field_definitions(definition, [path], "FieldPath")[0]

    def put_registration_field_value(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        item = self._field(registration, params["FieldPath"])
        member = check_value(item, params)
        version = self._draft(registration)
        value = params[member]
        if member == "RegistrationAttachmentId":
            value = self._attachment(value, "RegistrationAttachmentId").id  # type: ignore[attr-defined]
        elif member == "SelectChoices":
            value = list(value)
        version.values[item.path] = {member: value}
        response = {**registration.identity(), "VersionNumber": version.number, "FieldPath": item.path, member: value}
        return filter_output("PutRegistrationFieldValue", response)

    def delete_registration_field_value(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        item = self._field(registration, params["FieldPath"])
        version = self._draft(registration)
        old = version.values.pop(item.path, {})
        response = {**registration.identity(), "VersionNumber": version.number, "FieldPath": item.path, **old}
        return filter_output("DeleteRegistrationFieldValue", response)

    def describe_registration_field_values(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        number = params.get("VersionNumber")
        version = registration.current
        if number is not None:
            version = next((v for v in registration.versions if v.number == number), None)  # type: ignore[assignment]
            if version is None:
                raise field_error(
                    "UNKNOWN_REGISTRATION_VERSION",
                    "VersionNumber",
                    f"Registration {registration.id} has no version {number}.",
                )
        definition = DEFINITIONS.get(registration.registration_type)
        section = params.get("SectionPath")
        paths = params.get("FieldPaths") or []
        if definition is not None:
            if section is not None:
                _section_paths(definition, [section], "SectionPath")
            _field_definitions(definition, paths, "FieldPaths")
        order = [f.path for f in definition.fields] if definition is not None else list(version.values)
        rows = [
            _Row(index, {"FieldPath": path, **copy.deepcopy(version.values[path]), **version.denial_of(path)})
            for index, path in enumerate(order, start=1)
            if path in version.values
            and (section is None or path.split(".", 1)[0] == section)
            and (not paths or path in paths)
        ]
        return self._listing(  # type: ignore[attr-defined]
            "DescribeRegistrationFieldValues",
            params,
            rows,
            "RegistrationFieldValues",
            _Row.document,
            VersionNumber=version.number,
            **registration.identity(),
        )

    # -- associations ----------------------------------------------------------------

    def create_registration_association(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        identifier = params["ResourceId"]
        kind = self._split_arn(identifier, "ResourceId")[0] if identifier.startswith("arn:") else None  # type: ignore[attr-defined]
        if kind == "sender-id" or (kind is None and not identifier.startswith("phone-")):
            # A sender ID by ARN (a bare one names no country); none of the emulator's types takes one.
            sender = self._sender(identifier, None, "ResourceId")  # type: ignore[attr-defined]
            raise field_error(
                "INVALID_REGISTRATION_ASSOCIATION",
                "ResourceId",
                f"{registration.registration_type} takes no sender IDs ({sender.sender_id}).",
            )
        if kind not in (None, "phone-number"):
            raise not_found(kind, identifier)
        number = self._number(identifier, "ResourceId")  # type: ignore[attr-defined]
        self._require_not_deleted(number)  # type: ignore[attr-defined]
        definition = DEFINITIONS.get(registration.registration_type)
        supported = next(
            (
                a
                for a in (definition.associations if definition is not None else ())
                if (a.iso_country_code, a.number_type) == (number.iso_country_code, number.number_type)
            ),
            None,
        )
        if supported is None:
            takes = (
                ", ".join(f"{a.iso_country_code} {a.number_type}" for a in definition.associations)
                if definition is not None and definition.associations
                else "no origination identities"
            )
            raise field_error(
                "INVALID_REGISTRATION_ASSOCIATION",
                "ResourceId",
                f"Phone number {number.id} is a {number.iso_country_code} {number.number_type} number; "
                f"{registration.registration_type} takes {takes}.",
            )
        if supported.association_behavior == "ASSOCIATE_BEFORE_SUBMIT" and registration.current.status != "DRAFT":
            raise conflict(
                "REGISTRATION_ALREADY_SUBMITTED",
                f"{registration.registration_type} takes its phone number before it is submitted; version "
                f"{registration.current.number} of registration {registration.id} is {registration.current.status}.",
                "registration",
                registration.id,
            )
        if supported.association_behavior == "ASSOCIATE_AFTER_COMPLETE" and registration.status != "COMPLETE":
            raise conflict(
                "REGISTRATION_NOT_COMPLETE",
                f"{registration.registration_type} takes phone numbers once COMPLETE; registration "
                f"{registration.id} is {registration.status}.",
                "registration",
                registration.id,
            )
        if number.registration_id is not None and number.registration_id in self.registrations:
            raise conflict(
                "RESOURCE_ALREADY_ASSOCIATED",
                f"Phone number {number.id} is already associated with registration {number.registration_id}.",
                "phone-number",
                number.id,
            )
        number.registration_id = registration.id
        response = {
            **registration.identity(),
            "RegistrationType": registration.registration_type,
            **self._association_view(number),
        }
        return filter_output("CreateRegistrationAssociation", response)

    @staticmethod
    def _association_view(number: PhoneNumber) -> dict[str, Any]:
        return {
            "ResourceArn": number.arn,
            "ResourceId": number.id,
            "ResourceType": PHONE_NUMBER_RESOURCE,
            "IsoCountryCode": number.iso_country_code,
            "PhoneNumber": number.phone_number,
        }

    def list_registration_associations(self, params: dict[str, Any]) -> dict[str, Any]:
        registration = self._registration(params["RegistrationId"])
        predicates = compile_filters(params.get("Filters") or [], _ASSOCIATION_FILTERS)
        response = self._listing(  # type: ignore[attr-defined]
            "ListRegistrationAssociations",
            params,
            self._live_numbers(registration),
            "RegistrationAssociations",
            self._association_view,
            predicates,
            RegistrationType=registration.registration_type,
            **registration.identity(),
        )
        return filter_output("ListRegistrationAssociations", response)

    # -- what numbers need ------------------------------------------------------------

    def check_release_registration(self, number: PhoneNumber) -> None:
        """Refuse the release of a number whose registration is under way."""
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
        """A COMPLETE registration whose last number was released is CLOSED."""
        registration = self.registrations.get(number.registration_id or "")
        if registration is not None and registration.status == "COMPLETE" and not self._live_numbers(registration):
            registration.status = "CLOSED"
