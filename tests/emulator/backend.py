"""Plain-Python, stateful emulator of the Pinpoint SMS and Voice v2 phone-number API.

Nothing here imports moto: this module is the service itself, and
:mod:`tests.emulator.moto_glue` only plugs it into moto's in-process mock and
HTTP server. Two layers:

:class:`RegionBackend`
    The resources of one (account, region): phone numbers, pools, opt-out
    lists, their tags and keywords, and the client tokens already seen. One
    method per API operation, taking the request dict (API member names) and
    returning the response dict, raising :class:`EmulatorError` for API errors.

:class:`Emulator`
    Everything shared by all regions of a process: the lock (the HTTP server is
    threaded), the clock, the configuration, injected faults and the call log.
    :meth:`Emulator.invoke` is the single entry point every transport uses:
    unknown operations, faults, model validation, the operation itself, then
    the call-log entry.

Choices where the service's documentation is silent (all deliberate, and
covered by tests):

* Status: a new number is ``PENDING`` for ``pending_seconds[NumberType]``
  (defaults :data:`.config.DEFAULT_PENDING_SECONDS`: LONG_CODE 0, TOLL_FREE and TEN_DLC 10 days,
  SIMULATOR 0), then ``ACTIVE``. Associating or disassociating shows
  ``ASSOCIATING``/``DISASSOCIATING`` for ``association_seconds`` (default 0). A
  released number is ``DELETED`` and stays visible for
  ``deleted_retention_seconds`` (default 300), then disappears.
* Numbers that are not ``ACTIVE`` cannot be updated, put in a pool or used to
  create a pool (``ConflictException`` ``RESOURCE_NOT_ACTIVE``); a ``DELETED``
  number cannot be changed at all (tag operations, which have no
  ``ConflictException``, answer ``ResourceNotFoundException``).
* Countries: US (TOLL_FREE, TEN_DLC, SIMULATOR; no LONG_CODE, as for A2P
  messaging in the US), CA (LONG_CODE, TOLL_FREE), GB, AU, DE, FR (LONG_CODE),
  JP (LONG_CODE, VOICE only). Anything else is a ``ValidationException``
  ``INVALID_PARAMETER`` naming the member.
* Registrations exist only as far as numbers need them (seeded, described,
  named by ``RequestPhoneNumber``, consulted on release): see
  :mod:`tests.emulator.registrations`.
* ``ClientToken`` (per account and region): the same token with the same
  parameters replays the first answer and creates nothing; with other
  parameters (or another operation) it is a ``ConflictException``
  ``RESOURCE_ALREADY_EXISTS`` naming the resource the token created. A token
  is remembered for ``client_token_ttl_seconds`` (default 8 hours) of the
  emulator's clock, then treated as new.
* A pool takes its message type, opt-out list, two-way and self-managed
  opt-out settings and keywords from its first number. Associating a number
  whose settings differ fails with the model's matching reason
  (``MESSAGE_TYPE_MISMATCH``, ``OPT_OUT_LIST_MISMATCH``,
  ``TWO_WAY_CONFIG_MISMATCH``, ``SELF_MANAGED_OPT_OUTS_MISMATCH``,
  ``KEYWORD_MISMATCH``: keyword, reply and action all compared); a number
  requested into a pool inherits them. ``UpdatePhoneNumber`` and
  ``ReleasePhoneNumber`` of a number in a pool fail with
  ``PHONE_NUMBER_ASSOCIATED_TO_POOL`` whatever they change (the model's
  documentation of both). After the number leaves the pool, a release still
  sees the pool for ``pool_release_lag_seconds`` (default 0).
* Deleting a pool disassociates its numbers. The ``Default`` opt-out list
  always exists and cannot be deleted; nor can a list a number or pool uses
  (both ``RESOURCE_DELETION_NOT_ALLOWED``).
* Keywords (on numbers and on pools) are stored upper-cased and match
  case-insensitively. Every number starts with STOP (``OPT_OUT``) and HELP
  (``AUTOMATIC_RESPONSE``): their messages can change, their actions cannot
  (``RESOURCE_MODIFICATION_NOT_ALLOWED``), and they cannot be deleted
  (``RESOURCE_DELETION_NOT_ALLOWED``). US toll-free numbers add their own
  rules (:mod:`tests.emulator.keyword_rules`).
* ``Owner=SHARED`` lists nothing: no other account shares resources here.
* Limits: 50 tags per resource (``TAGS_PER_RESOURCE``), 30 keywords per number
  or pool, 100 pools and 100 opt-out lists per region, phone numbers unlimited
  unless ``phone_numbers_quota`` is configured (``PHONE_NUMBERS_PER_ACCOUNT``);
  ``MaxResults`` defaults to 100. Page tokens are opaque and bound to the query
  that produced them (``INVALID_NEXT_TOKEN`` otherwise).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import itertools
import json
import random
import re
import secrets
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .config import changed_config, default_config, non_negative_number
from .errors import (
    EmulatorError,
    conflict,
    field_error,
    internal_error,
    not_found,
    quota_exceeded,
    throttled,
    validation_error,
)
from .keyword_rules import check_us_toll_free_keyword
from .quotas import QuotaBuckets
from .registrations import Registration, RegistrationsMixin, check_seed
from .validation import enum_values, filter_output, service_model, validate_input

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_MAX_RESULTS = 100
MAX_TAGS_PER_RESOURCE = 50
MAX_KEYWORDS = 30
MAX_POOLS = 100
MAX_OPT_OUT_LISTS = 100
DEFAULT_OPT_OUT_LIST = "Default"
FAULT_KINDS = ("throttle", "server_error", "latency", "drop_after", "not_accessible")
#: The ``error`` a call-log entry carries when a ``drop_after`` fault cut the connection.
CONNECTION_DROPPED = "ConnectionDropped"

MONTHLY_LEASING_PRICE = {"LONG_CODE": "1.00", "TOLL_FREE": "2.00", "TEN_DLC": "2.00", "SIMULATOR": "0.00"}
PROTECTED_KEYWORDS = {"STOP": "OPT_OUT", "HELP": "AUTOMATIC_RESPONSE"}
DEFAULT_KEYWORDS = (
    ("STOP", "You have been unsubscribed and will no longer receive messages from this number.", "OPT_OUT"),
    ("HELP", "This is an automated message. Reply STOP to unsubscribe.", "AUTOMATIC_RESPONSE"),
)

ARN_RE = re.compile(r"arn:(aws[a-z-]*):sms-voice:([a-z0-9-]+):(\d{12}):([a-z-]+)/(.+)")
SNS_TOPIC_RE = re.compile(r"arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?")
CONNECT_CHANNEL_RE = re.compile(r"connect\.[a-z0-9-]+\.amazonaws\.com")
IAM_ROLE_RE = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}")


# ---------------------------------------------------------------------------
# Clock and configuration
# ---------------------------------------------------------------------------


class Clock:
    """Wall-clock time plus an adjustable offset, or a frozen time when ``frozen_at`` is given.

    Tests make time pass with :meth:`advance` instead of sleeping; the HTTP
    server exposes the same through ``POST /_emulator/clock``.
    """

    def __init__(self, frozen_at: float | None = None) -> None:
        self._frozen_at = frozen_at
        self._offset = 0.0

    def now(self) -> float:
        base = self._frozen_at if self._frozen_at is not None else time.time()
        return base + self._offset

    def advance(self, seconds: float) -> float:
        self._offset += float(seconds)
        return self.now()

    def reset(self) -> None:
        self._offset = 0.0

    @property
    def offset(self) -> float:
        return self._offset


# ---------------------------------------------------------------------------
# Countries and number generation
# ---------------------------------------------------------------------------

_US_AREA_CODES = ("206", "212", "303", "312", "415", "503", "512", "617", "702", "713", "808", "917")
_CA_AREA_CODES = ("416", "514", "604", "613", "647", "778", "902")
_TOLL_FREE_PREFIXES = ("800", "833", "844", "855", "866", "877", "888")


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _index in range(count))


def _nanp_local(areas: tuple[str, ...]) -> Callable[[random.Random], str]:
    return lambda rng: rng.choice(areas) + rng.choice("23456789") + _digits(rng, 6)


def _nanp_toll_free(rng: random.Random) -> str:
    return rng.choice(_TOLL_FREE_PREFIXES) + rng.choice("23456789") + _digits(rng, 6)


def _us_simulator(rng: random.Random) -> str:
    return rng.choice(_US_AREA_CODES) + "555" + _digits(rng, 4)


@dataclass(frozen=True)
class CountryPlan:
    """What can be leased in a country: number types (each with a national-number generator) and capabilities."""

    dialing_code: str
    generators: dict[str, Callable[[random.Random], str]]
    capabilities: frozenset[str]


COUNTRIES: dict[str, CountryPlan] = {
    "US": CountryPlan(
        "1",
        {"TOLL_FREE": _nanp_toll_free, "TEN_DLC": _nanp_local(_US_AREA_CODES), "SIMULATOR": _us_simulator},
        frozenset({"SMS", "VOICE", "MMS"}),
    ),
    "CA": CountryPlan(
        "1",
        {"LONG_CODE": _nanp_local(_CA_AREA_CODES), "TOLL_FREE": _nanp_toll_free},
        frozenset({"SMS", "VOICE", "MMS"}),
    ),
    "GB": CountryPlan(
        "44", {"LONG_CODE": lambda rng: "7" + rng.choice("456789") + _digits(rng, 8)}, frozenset({"SMS", "VOICE"})
    ),
    "AU": CountryPlan("61", {"LONG_CODE": lambda rng: "4" + _digits(rng, 8)}, frozenset({"SMS", "VOICE"})),
    "DE": CountryPlan(
        "49", {"LONG_CODE": lambda rng: "15" + rng.choice("1279") + _digits(rng, 8)}, frozenset({"SMS", "VOICE"})
    ),
    "FR": CountryPlan("33", {"LONG_CODE": lambda rng: rng.choice("67") + _digits(rng, 8)}, frozenset({"SMS", "VOICE"})),
    "JP": CountryPlan("81", {"LONG_CODE": lambda rng: "50" + _digits(rng, 8)}, frozenset({"VOICE"})),
}


# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------


@dataclass
class Keyword:
    seq: int
    keyword: str
    message: str
    action: str

    def view(self) -> dict[str, str]:
        return {"Keyword": self.keyword, "KeywordMessage": self.message, "KeywordAction": self.action}


@dataclass
class PhoneNumber:
    seq: int
    id: str
    arn: str
    phone_number: str
    iso_country_code: str
    message_type: str
    capabilities: list[str]
    number_type: str
    price: str
    opt_out_list: str
    created: float
    active_at: float
    two_way_enabled: bool = False
    two_way_channel_arn: str | None = None
    two_way_channel_role: str | None = None
    self_managed: bool = False
    international: bool = False
    deletion_protection: bool = False
    pool_id: str | None = None
    registration_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, Keyword] = field(default_factory=dict)
    busy_status: str | None = None
    left_pool: str | None = None
    left_pool_at: float = 0.0
    busy_until: float = 0.0
    deleted_at: float | None = None


@dataclass
class Pool:
    seq: int
    id: str
    arn: str
    message_type: str
    opt_out_list: str
    created: float
    two_way_enabled: bool = False
    two_way_channel_arn: str | None = None
    two_way_channel_role: str | None = None
    self_managed: bool = False
    deletion_protection: bool = False
    shared_routes: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, Keyword] = field(default_factory=dict)


@dataclass
class OptOutList:
    seq: int
    name: str
    arn: str
    created: float
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class TokenRecord:
    fingerprint: str
    resource_type: str
    resource_id: str
    replay: Callable[[], dict[str, Any]]
    created: float = 0.0


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------


def _enum_checker(shape_name: str) -> Callable[[str], bool]:
    return lambda value: value in enum_values(shape_name)


def _bool_checker(value: str) -> bool:
    return value.lower() in ("true", "false")


def _iso_checker(value: str) -> bool:
    return re.fullmatch(r"[A-Z]{2}", value) is not None


def _any(value: str) -> bool:
    return True


def _flag(value: bool) -> list[str]:
    return ["true" if value else "false"]


#: filter name -> (value check, how to compare, attribute getter returning candidate values)
FilterSpec = tuple[Callable[[str], bool], bool, Callable[[Any], list[str]]]


def _phone_filters(backend: RegionBackend) -> dict[str, FilterSpec]:
    return {
        "status": (_enum_checker("NumberStatus"), False, lambda n: [backend.status(n)]),
        "iso-country-code": (_iso_checker, False, lambda n: [n.iso_country_code]),
        "message-type": (_enum_checker("MessageType"), False, lambda n: [n.message_type]),
        "number-capability": (_enum_checker("NumberCapability"), False, lambda n: list(n.capabilities)),
        "number-type": (_enum_checker("NumberType"), False, lambda n: [n.number_type]),
        "two-way-enabled": (_bool_checker, True, lambda n: _flag(n.two_way_enabled)),
        "self-managed-opt-outs-enabled": (_bool_checker, True, lambda n: _flag(n.self_managed)),
        "opt-out-list-name": (_any, False, lambda n: [n.opt_out_list]),
        "deletion-protection-enabled": (_bool_checker, True, lambda n: _flag(n.deletion_protection)),
        "two-way-channel-arn": (_any, False, lambda n: [n.two_way_channel_arn or ""]),
    }


def _pool_filters() -> dict[str, FilterSpec]:
    return {
        "status": (_enum_checker("PoolStatus"), False, lambda p: ["ACTIVE"]),
        "message-type": (_enum_checker("MessageType"), False, lambda p: [p.message_type]),
        "two-way-enabled": (_bool_checker, True, lambda p: _flag(p.two_way_enabled)),
        "self-managed-opt-outs-enabled": (_bool_checker, True, lambda p: _flag(p.self_managed)),
        "opt-out-list-name": (_any, False, lambda p: [p.opt_out_list]),
        "shared-routes-enabled": (_bool_checker, True, lambda p: _flag(p.shared_routes)),
        "deletion-protection-enabled": (_bool_checker, True, lambda p: _flag(p.deletion_protection)),
        "two-way-channel-arn": (_any, False, lambda p: [p.two_way_channel_arn or ""]),
    }


_IDENTITY_FILTERS: dict[str, FilterSpec] = {
    "iso-country-code": (_iso_checker, False, lambda n: [n.iso_country_code]),
    "number-capability": (_enum_checker("NumberCapability"), False, lambda n: list(n.capabilities)),
}

_KEYWORD_FILTERS: dict[str, FilterSpec] = {
    "keyword-action": (_enum_checker("KeywordAction"), False, lambda k: [k.action]),
}


def compile_filters(filters: list[dict[str, Any]], specs: dict[str, FilterSpec]) -> list[Callable[[Any], bool]]:
    """Turn API ``Filters`` into predicates: values OR'ed within a filter, filters AND'ed.

    A value the filter cannot take (an unknown enum value, a boolean other than
    ``true``/``false``) is a ``ValidationException`` ``INVALID_FILTER_VALUES``.
    """
    predicates = []
    for index, item in enumerate(filters):
        name = item["Name"]
        spec = specs.get(name)
        if spec is None:
            raise field_error("INVALID_FILTER_VALUES", f"Filters[{index}].Name", f"Unsupported filter name {name!r}")
        check, case_insensitive, getter = spec
        bad = [value for value in item["Values"] if not check(value)]
        if bad:
            raise field_error(
                "INVALID_FILTER_VALUES", f"Filters[{index}].Values", f"Invalid value(s) {bad} for filter {name!r}"
            )
        wanted = {value.lower() if case_insensitive else value for value in item["Values"]}
        predicates.append(lambda obj, getter=getter, wanted=wanted: any(value in wanted for value in getter(obj)))
    return predicates


def _keyword_set(keywords: dict[str, Keyword]) -> set[tuple[str, str, str]]:
    return {(key, record.message, record.action) for key, record in keywords.items()}


def _tag_list(tags: dict[str, str]) -> list[dict[str, str]]:
    return [{"Key": key, "Value": value} for key, value in tags.items()]


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


# ---------------------------------------------------------------------------
# One account and region
# ---------------------------------------------------------------------------

#: API operation -> RegionBackend method
OPERATIONS = {
    "RequestPhoneNumber": "request_phone_number",
    "DescribePhoneNumbers": "describe_phone_numbers",
    "UpdatePhoneNumber": "update_phone_number",
    "ReleasePhoneNumber": "release_phone_number",
    "TagResource": "tag_resource",
    "UntagResource": "untag_resource",
    "ListTagsForResource": "list_tags_for_resource",
    "CreatePool": "create_pool",
    "DescribePools": "describe_pools",
    "DeletePool": "delete_pool",
    "AssociateOriginationIdentity": "associate_origination_identity",
    "DisassociateOriginationIdentity": "disassociate_origination_identity",
    "ListPoolOriginationIdentities": "list_pool_origination_identities",
    "CreateOptOutList": "create_opt_out_list",
    "DescribeOptOutLists": "describe_opt_out_lists",
    "DeleteOptOutList": "delete_opt_out_list",
    "PutKeyword": "put_keyword",
    "DescribeKeywords": "describe_keywords",
    "DeleteKeyword": "delete_keyword",
    "DescribeRegistrations": "describe_registrations",
}


class RegionBackend(RegistrationsMixin):
    """Every resource of one account in one region, and the operations on them.

    Methods assume the caller holds the emulator's lock and has validated the
    request against the model (``Emulator.invoke`` does both).
    """

    def __init__(self, account_id: str, region: str, emulator: Emulator) -> None:
        self.account_id = account_id
        self.region = region
        self.emulator = emulator
        self.partition = _partition(region)
        self.numbers: dict[str, PhoneNumber] = {}
        self.phone_numbers_in_use: set[str] = set()
        self.pools: dict[str, Pool] = {}
        self.opt_out_lists: dict[str, OptOutList] = {}
        self.client_tokens: dict[str, TokenRecord] = {}
        self.registrations: dict[str, Registration] = {}
        self._seq = itertools.count(1)
        self._rng = random.Random()
        self._add_opt_out_list(DEFAULT_OPT_OUT_LIST, {})

    # -- plumbing -----------------------------------------------------------

    def now(self) -> float:
        return self.emulator.clock.now()

    @property
    def config(self) -> dict[str, Any]:
        return self.emulator.config

    def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        self.sweep()
        return getattr(self, OPERATIONS[operation])(params)

    def sweep(self) -> None:
        """Forget released numbers whose retention window is over."""
        limit = self.now() - float(self.config["deleted_retention_seconds"])
        expired = [n for n in self.numbers.values() if n.deleted_at is not None and n.deleted_at <= limit]
        for number in expired:
            del self.numbers[number.id]
            self.phone_numbers_in_use.discard(number.phone_number)

    def arn(self, kind: str, resource_id: str) -> str:
        return f"arn:{self.partition}:sms-voice:{self.region}:{self.account_id}:{kind}/{resource_id}"

    def _split_arn(self, value: str, member: str) -> tuple[str, str, bool]:
        """``(kind, resource id, belongs here)`` of an ``arn:...:sms-voice:...`` identifier."""
        match = ARN_RE.fullmatch(value)
        if match is None:
            raise field_error("INVALID_ARN", member, f"{value!r} is not a valid sms-voice ARN")
        partition, region, account, kind, resource_id = match.groups()
        here = (partition, region, account) == (self.partition, self.region, self.account_id)
        return kind, resource_id, here

    def status(self, number: PhoneNumber) -> str:
        now = self.now()
        if number.deleted_at is not None:
            return "DELETED"
        if now < number.active_at:
            return "PENDING"
        if number.busy_status and now < number.busy_until:
            return number.busy_status
        return "ACTIVE"

    def _set_busy(self, number: PhoneNumber, status: str) -> None:
        seconds = float(self.config["association_seconds"])
        if seconds > 0:
            number.busy_status = status
            number.busy_until = self.now() + seconds
        else:
            number.busy_status = None

    def _idempotent(
        self,
        operation: str,
        params: dict[str, Any],
        execute: Callable[[], tuple[dict[str, Any], str, str, Callable[[], dict[str, Any]] | None]],
    ) -> dict[str, Any]:
        """Run ``execute`` once per ``ClientToken``; replay its answer for a retry with the same parameters."""
        token = params.get("ClientToken")
        if token is None:
            return execute()[0]
        fingerprint = json.dumps(
            [operation, {key: value for key, value in params.items() if key != "ClientToken"}], sort_keys=True
        )
        record = self.client_tokens.get(token)
        if record is not None and self.now() >= record.created + float(self.config["client_token_ttl_seconds"]):
            del self.client_tokens[token]
            record = None
        if record is not None:
            if record.fingerprint != fingerprint:
                raise conflict(
                    "RESOURCE_ALREADY_EXISTS",
                    f"ClientToken {token!r} was already used with different parameters.",
                    record.resource_type,
                    record.resource_id,
                )
            return record.replay()
        response, resource_type, resource_id, replay = execute()
        stored = copy.deepcopy(response)
        self.client_tokens[token] = TokenRecord(
            fingerprint, resource_type, resource_id, replay or (lambda: copy.deepcopy(stored)), self.now()
        )
        return response

    def _paginate(
        self,
        operation: str,
        params: dict[str, Any],
        items: Iterable[Any],
        predicates: list[Callable[[Any], bool]] | None = None,
    ) -> tuple[list[Any], str | None]:
        """One page of the ``items`` (in ``seq`` order) matching all ``predicates``, and the next token.

        The token remembers the last ``seq`` returned, so pages stay stable when
        resources are added or removed between calls, and a hash of the query:
        a token from another query, or a mangled one, is ``INVALID_NEXT_TOKEN``.
        Items before the token are skipped before any predicate runs, so reading
        10,000 numbers page by page stays cheap.
        """
        query = {key: value for key, value in params.items() if key not in ("NextToken", "MaxResults")}
        digest = hashlib.sha256(json.dumps([operation, self.region, query], sort_keys=True).encode()).hexdigest()[:16]
        after = 0
        token = params.get("NextToken")
        if token is not None:
            try:
                decoded = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
                after = int(decoded["after"])
                valid = decoded["query"] == digest
            except (ValueError, KeyError, TypeError):
                valid = False
            if not valid:
                raise field_error("INVALID_NEXT_TOKEN", "NextToken", "The NextToken is not valid for this request.")
        limit = params.get("MaxResults") or DEFAULT_MAX_RESULTS
        page: list[Any] = []
        more = False
        for item in items:
            if item.seq <= after or not all(predicate(item) for predicate in predicates or ()):
                continue
            if len(page) == limit:
                more = True
                break
            page.append(item)
        if more:
            next_token = base64.urlsafe_b64encode(
                json.dumps({"after": page[-1].seq, "query": digest}).encode()
            ).decode()
            return page, next_token
        return page, None

    # -- lookups ------------------------------------------------------------

    def _lookup(self, kind: str, store: dict[str, Any], identifier: str, member: str) -> Any:
        """The resource of ``kind`` named by ID/name or ARN (of this region), or ResourceNotFoundException."""
        key = identifier
        if identifier.startswith("arn:"):
            arn_kind, key, here = self._split_arn(identifier, member)
            if arn_kind != kind or not here:
                raise not_found(kind, identifier)
        found = store.get(key)
        if found is None:
            raise not_found(kind, identifier)
        return found

    def _number(self, identifier: str, member: str = "PhoneNumberId") -> PhoneNumber:
        return self._lookup("phone-number", self.numbers, identifier, member)

    def _origination_number(self, identifier: str) -> PhoneNumber:
        """A phone number given as OriginationIdentity; sender IDs are not emulated."""
        if identifier.startswith("arn:"):
            kind = self._split_arn(identifier, "OriginationIdentity")[0]
            if kind == "sender-id":
                raise not_found("sender-id", identifier)
        elif not identifier.startswith("phone-"):
            raise not_found("sender-id", identifier)
        return self._number(identifier, "OriginationIdentity")

    def _pool(self, identifier: str, member: str = "PoolId") -> Pool:
        return self._lookup("pool", self.pools, identifier, member)

    def _opt_out_list(self, identifier: str, member: str = "OptOutListName") -> OptOutList:
        return self._lookup("opt-out-list", self.opt_out_lists, identifier, member)

    def _require_active(self, number: PhoneNumber) -> None:
        status = self.status(number)
        if status != "ACTIVE":
            raise conflict(
                "RESOURCE_NOT_ACTIVE",
                f"Phone number {number.id} is {status}; this operation needs an ACTIVE number.",
                "phone-number",
                number.id,
            )

    def _require_not_deleted(self, number: PhoneNumber) -> None:
        if number.deleted_at is not None:
            raise conflict(
                "RESOURCE_NOT_ACTIVE", f"Phone number {number.id} has been released.", "phone-number", number.id
            )

    # -- tags ---------------------------------------------------------------

    @staticmethod
    def _checked_tags(tags: list[dict[str, str]], member: str = "Tags") -> dict[str, str]:
        result: dict[str, str] = {}
        for index, tag in enumerate(tags):
            key = tag["Key"]
            if key.lower().startswith("aws:"):
                raise field_error(
                    "FIELD_VALIDATION_FAILED", f"{member}[{index}].Key", "Tag keys starting with 'aws:' are reserved."
                )
            if key in result:
                raise field_error("FIELD_VALIDATION_FAILED", f"{member}[{index}].Key", f"Duplicate tag key {key!r}.")
            result[key] = tag["Value"]
        return result

    @staticmethod
    def _merged_tags(existing: dict[str, str], new: dict[str, str]) -> dict[str, str]:
        merged = {**existing, **new}
        if len(merged) > MAX_TAGS_PER_RESOURCE:
            raise quota_exceeded(
                "TAGS_PER_RESOURCE",
                f"A resource can have at most {MAX_TAGS_PER_RESOURCE} tags ({len(merged)} requested).",
            )
        return merged

    def _tagged_resource(self, arn: str, write: bool) -> PhoneNumber | Pool | OptOutList:
        kind, key, here = self._split_arn(arn, "ResourceArn")
        resource_types = enum_values("ResourceType")
        if kind not in resource_types:
            raise field_error("INVALID_ARN", "ResourceArn", f"Unknown resource type {kind!r} in {arn!r}")
        resource: PhoneNumber | Pool | OptOutList | None = None
        if here and kind == "phone-number":
            resource = self.numbers.get(key)
            if resource is not None and write and resource.deleted_at is not None:
                resource = None
        elif here and kind == "pool":
            resource = self.pools.get(key)
        elif here and kind == "opt-out-list":
            resource = self.opt_out_lists.get(key)
        if resource is None:
            raise EmulatorError(
                "ResourceNotFoundException", f"The resource {arn} does not exist.", ResourceType=kind, ResourceId=arn
            )
        return resource

    def tag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._tagged_resource(params["ResourceArn"], write=True)
        resource.tags = self._merged_tags(resource.tags, self._checked_tags(params["Tags"]))
        return {}

    def untag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._tagged_resource(params["ResourceArn"], write=True)
        for index, key in enumerate(params["TagKeys"]):
            if key.lower().startswith("aws:"):
                raise field_error(
                    "FIELD_VALIDATION_FAILED", f"TagKeys[{index}]", "Tag keys starting with 'aws:' are reserved."
                )
        for key in params["TagKeys"]:
            resource.tags.pop(key, None)
        return {}

    def list_tags_for_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._tagged_resource(params["ResourceArn"], write=False)
        return {"ResourceArn": params["ResourceArn"], "Tags": _tag_list(resource.tags)}

    # -- phone numbers ------------------------------------------------------

    def number_view(self, number: PhoneNumber) -> dict[str, Any]:
        """Every attribute of a number under its API member name (``None`` for unset ones)."""
        return {
            "PhoneNumberArn": number.arn,
            "PhoneNumberId": number.id,
            "PhoneNumber": number.phone_number,
            "Status": self.status(number),
            "IsoCountryCode": number.iso_country_code,
            "MessageType": number.message_type,
            "NumberCapabilities": list(number.capabilities),
            "NumberType": number.number_type,
            "MonthlyLeasingPrice": number.price,
            "TwoWayEnabled": number.two_way_enabled,
            "TwoWayChannelArn": number.two_way_channel_arn,
            "TwoWayChannelRole": number.two_way_channel_role,
            "SelfManagedOptOutsEnabled": number.self_managed,
            "OptOutListName": number.opt_out_list,
            "InternationalSendingEnabled": number.international,
            "DeletionProtectionEnabled": number.deletion_protection,
            "PoolId": number.pool_id,
            "RegistrationId": number.registration_id,
            "CreatedTimestamp": number.created,
        }

    def plan_request(self, params: dict[str, Any]) -> dict[str, Any]:
        """Check a RequestPhoneNumber request against the state; the attributes of the number to lease."""
        iso = params["IsoCountryCode"]
        message_type = params["MessageType"]
        number_type = params["NumberType"]
        plan = COUNTRIES.get(iso)
        if plan is None:
            raise field_error(
                "INVALID_PARAMETER",
                "IsoCountryCode",
                f"Phone numbers are not available in {iso}; try one of {sorted(COUNTRIES)}.",
            )
        if number_type not in plan.generators:
            raise field_error(
                "INVALID_PARAMETER",
                "NumberType",
                f"{number_type} numbers are not available in {iso}; available: {sorted(plan.generators)}.",
            )
        if number_type == "SIMULATOR" and message_type != "TRANSACTIONAL":
            raise field_error(
                "INVALID_PARAMETER", "MessageType", "SIMULATOR numbers support only TRANSACTIONAL messages."
            )
        capabilities = list(dict.fromkeys(params["NumberCapabilities"]))
        if "VOICE" in capabilities and "VOICE" not in plan.capabilities:
            raise field_error(
                "VOICE_CAPABILITY_NOT_AVAILABLE", "NumberCapabilities", f"VOICE is not available in {iso}."
            )
        unsupported = [cap for cap in capabilities if cap not in plan.capabilities]
        if unsupported:
            raise field_error(
                "INVALID_PARAMETER",
                "NumberCapabilities",
                f"{unsupported} not available for {number_type} numbers in {iso}.",
            )
        preference = params.get("NumberPreference")
        if preference and (iso, number_type) != ("US", "TEN_DLC"):
            raise field_error(
                "INVALID_PARAMETER", "NumberPreference", "Number preferences apply only to TEN_DLC numbers in the US."
            )
        opt_out_given = params.get("OptOutListName")
        opt_out = self._opt_out_list(opt_out_given).name if opt_out_given is not None else DEFAULT_OPT_OUT_LIST
        inherited: dict[str, Any] = {}
        keywords = list(DEFAULT_KEYWORDS)
        pool_id = None
        if params.get("PoolId") is not None:
            pool = self._pool(params["PoolId"])
            if pool.message_type != message_type:
                raise conflict(
                    "MESSAGE_TYPE_MISMATCH",
                    f"Pool {pool.id} is {pool.message_type}, the request is {message_type}.",
                    "pool",
                    pool.id,
                )
            if opt_out_given is not None and opt_out != pool.opt_out_list:
                raise conflict(
                    "OPT_OUT_LIST_MISMATCH",
                    f"Pool {pool.id} uses opt-out list {pool.opt_out_list}, not {opt_out}.",
                    "pool",
                    pool.id,
                )
            opt_out = pool.opt_out_list
            pool_id = pool.id
            inherited = {
                "two_way_enabled": pool.two_way_enabled,
                "two_way_channel_arn": pool.two_way_channel_arn,
                "two_way_channel_role": pool.two_way_channel_role,
                "self_managed": pool.self_managed,
            }
            keywords = [(k.keyword, k.message, k.action) for k in sorted(pool.keywords.values(), key=lambda k: k.seq)]
        registration_id = None
        if params.get("RegistrationId") is not None:
            registration_id = self._registration(params["RegistrationId"]).id
        tags = self._merged_tags({}, self._checked_tags(params.get("Tags") or []))
        return {
            "plan": plan,
            "iso": iso,
            "message_type": message_type,
            "number_type": number_type,
            "capabilities": capabilities,
            "opt_out_list": opt_out,
            "pool_id": pool_id,
            "registration_id": registration_id,
            "inherited": inherited,
            "keywords": keywords,
            "preference": preference,
            "international": bool(params.get("InternationalSendingEnabled", False)),
            "deletion_protection": bool(params.get("DeletionProtectionEnabled", False)),
            "tags": tags,
        }

    def _new_phone_number(self, plan: CountryPlan, number_type: str, preference: list[dict[str, Any]] | None) -> str:
        generate = plan.generators[number_type]
        for _index in range(200):
            national = generate(self._rng)
            if preference:
                national = self._apply_preference(national, preference[0])
            candidate = f"+{plan.dialing_code}{national}"
            if candidate not in self.phone_numbers_in_use:
                return candidate
        raise field_error("INVALID_PARAMETER", "NumberPreference", "No available phone number matches the request.")

    def _apply_preference(self, national: str, preference: dict[str, Any]) -> str:
        value = self._rng.choice(preference["Filter"])
        wanted = value.lstrip("+")
        # "+1206..." (E.164) and "1206..." with 11 digits include the country code; "206..." does not.
        if wanted.startswith("1") and (value.startswith("+") or len(wanted) == 11):
            wanted = wanted[1:]
        if len(wanted) > len(national):
            raise field_error("INVALID_PARAMETER", "NumberPreference", f"{wanted!r} is longer than a national number.")
        kind = preference["PreferenceType"][0]
        if kind == "ExactMatch":
            if len(wanted) != len(national):
                raise field_error("INVALID_PARAMETER", "NumberPreference", "ExactMatch needs a complete number.")
            return wanted
        if kind == "StartsWith":
            return wanted + national[len(wanted) :]
        if kind == "EndsWith":
            return national[: len(national) - len(wanted)] + wanted
        start = self._rng.randint(0, len(national) - len(wanted))
        return national[:start] + wanted + national[start + len(wanted) :]

    def create_number(self, planned: dict[str, Any], tags: dict[str, str] | None = None) -> PhoneNumber:
        """Lease a number from a :meth:`plan_request` result (also used by the seed endpoint)."""
        now = self.now()
        number_type = planned["number_type"]
        pending = float(self.config["pending_seconds"].get(number_type, 0))
        number_id = "phone-" + secrets.token_hex(16)
        phone = self._new_phone_number(planned["plan"], number_type, planned["preference"])
        number = PhoneNumber(
            seq=next(self._seq),
            id=number_id,
            arn=self.arn("phone-number", number_id),
            phone_number=phone,
            iso_country_code=planned["iso"],
            message_type=planned["message_type"],
            capabilities=list(planned["capabilities"]),
            number_type=number_type,
            price=MONTHLY_LEASING_PRICE[number_type],
            opt_out_list=planned["opt_out_list"],
            created=now,
            active_at=now + pending,
            international=planned["international"],
            deletion_protection=planned["deletion_protection"],
            pool_id=planned["pool_id"],
            registration_id=planned["registration_id"],
            tags=dict(planned["tags"] if tags is None else tags),
            **planned["inherited"],
        )
        for keyword, message, action in planned["keywords"]:
            number.keywords[keyword.upper()] = Keyword(next(self._seq), keyword.upper(), message, action)
        self.numbers[number_id] = number
        self.phone_numbers_in_use.add(phone)
        return number

    def _request_response(self, number: PhoneNumber) -> dict[str, Any]:
        return filter_output("RequestPhoneNumber", {**self.number_view(number), "Tags": _tag_list(number.tags)})

    def request_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, Callable[[], dict[str, Any]]]:
            planned = self.plan_request(params)
            quota = self.config.get("phone_numbers_quota")
            if quota is not None and sum(1 for n in self.numbers.values() if n.deleted_at is None) >= quota:
                raise quota_exceeded("PHONE_NUMBERS_PER_ACCOUNT", f"The account already has {quota} phone numbers.")
            number = self.create_number(planned)
            first = self._request_response(number)

            def replay() -> dict[str, Any]:
                current = self.numbers.get(number.id)
                return self._request_response(current) if current is not None else copy.deepcopy(first)

            return first, "phone-number", number.id, replay

        return self._idempotent("RequestPhoneNumber", params, execute)

    def describe_phone_numbers(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._describe(
            "DescribePhoneNumbers",
            params,
            "PhoneNumberIds",
            self._number,
            self.numbers.values(),
            _phone_filters(self),
            self.number_view,
            "PhoneNumbers",
        )

    def _describe(
        self,
        operation: str,
        params: dict[str, Any],
        ids_member: str,
        find: Callable[[str, str], Any],
        everything: Any,
        filters: Any,
        view: Callable[[Any], dict[str, Any]],
        output_key: str,
    ) -> dict[str, Any]:
        """DescribePhoneNumbers and DescribePools: IDs or Owner, filters, one page of views."""
        ids = params.get(ids_member) or []
        owner = params.get("Owner")
        if ids and owner:
            raise validation_error(
                "PARAMETERS_CANNOT_BE_USED_TOGETHER",
                f"Owner and {ids_member} can't be used together.",
                [
                    {"Name": "Owner", "Message": f"Can't be used with {ids_member}"},
                    {"Name": ids_member, "Message": "Can't be used with Owner"},
                ],
            )
        predicates = compile_filters(params.get("Filters") or [], filters)
        if ids:
            found = {item.id: item for item in (find(ident, ids_member) for ident in ids)}
            candidates = sorted(found.values(), key=lambda item: item.seq)
        elif owner == "SHARED":
            candidates = []
        else:
            candidates = everything
        page, token = self._paginate(operation, params, candidates, predicates)
        response: dict[str, Any] = {
            output_key: [{k: v for k, v in view(item).items() if v is not None} for item in page]
        }
        if token:
            response["NextToken"] = token
        return response

    @staticmethod
    def _check_channel(params: dict[str, Any]) -> None:
        arn = params.get("TwoWayChannelArn")
        if arn is not None and not (SNS_TOPIC_RE.fullmatch(arn) or CONNECT_CHANNEL_RE.fullmatch(arn)):
            raise field_error(
                "INVALID_PARAMETER",
                "TwoWayChannelArn",
                "Must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>) or connect.<region>.amazonaws.com.",
            )
        role = params.get("TwoWayChannelRole")
        if role is not None and not IAM_ROLE_RE.fullmatch(role):
            raise field_error(
                "INVALID_ARN", "TwoWayChannelRole", "Must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)."
            )

    def update_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        number = self._number(params["PhoneNumberId"])
        self._require_not_deleted(number)
        if number.pool_id:
            # The model: "If the origination phone number is associated with a pool, an error is returned."
            raise conflict(
                "PHONE_NUMBER_ASSOCIATED_TO_POOL",
                f"Phone number {number.id} is associated with pool {number.pool_id}; "
                "disassociate it before updating it.",
                "phone-number",
                number.id,
            )
        self._require_active(number)
        self._check_channel(params)
        changes: dict[str, Any] = {}
        if params.get("OptOutListName") is not None:
            changes["opt_out_list"] = self._opt_out_list(params["OptOutListName"]).name
        for member, attribute in (
            ("TwoWayEnabled", "two_way_enabled"),
            ("TwoWayChannelArn", "two_way_channel_arn"),
            ("TwoWayChannelRole", "two_way_channel_role"),
            ("SelfManagedOptOutsEnabled", "self_managed"),
            ("InternationalSendingEnabled", "international"),
            ("DeletionProtectionEnabled", "deletion_protection"),
        ):
            if params.get(member) is not None:
                changes[attribute] = params[member]
        two_way = changes.get("two_way_enabled", number.two_way_enabled)
        channel = changes.get("two_way_channel_arn", number.two_way_channel_arn)
        if two_way and not channel:
            raise validation_error(
                "TWO_WAY_CHANNEL_NOT_PRESENT",
                "TwoWayEnabled needs a TwoWayChannelArn; none is given or set on the number.",
                [{"Name": "TwoWayChannelArn", "Message": "Required when TwoWayEnabled is true"}],
            )
        for attribute, value in changes.items():
            setattr(number, attribute, value)
        return filter_output("UpdatePhoneNumber", self.number_view(number))

    def release_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        number = self._number(params["PhoneNumberId"])
        self._require_not_deleted(number)
        if number.deletion_protection:
            raise conflict(
                "DELETION_PROTECTION_ENABLED",
                f"Phone number {number.id} has deletion protection enabled.",
                "phone-number",
                number.id,
            )
        pool_id = number.pool_id or self._lagging_pool(number)
        if pool_id:
            raise conflict(
                "PHONE_NUMBER_ASSOCIATED_TO_POOL",
                f"Phone number {number.id} is associated with pool {pool_id}; disassociate it first.",
                "phone-number",
                number.id,
            )
        self.check_release_registration(number)
        number.deleted_at = self.now()
        self.close_registration_of(number)
        number.busy_status = None
        return filter_output("ReleasePhoneNumber", self.number_view(number))

    def _lagging_pool(self, number: PhoneNumber) -> str | None:
        """The pool a release still sees for ``pool_release_lag_seconds`` after the number left it."""
        lag = float(self.config["pool_release_lag_seconds"])
        if number.left_pool and self.now() < number.left_pool_at + lag:
            return number.left_pool
        return None

    def _leave_pool(self, number: PhoneNumber) -> None:
        number.left_pool, number.left_pool_at = number.pool_id, self.now()
        number.pool_id = None

    # -- pools --------------------------------------------------------------

    def pool_view(self, pool: Pool, status: str = "ACTIVE") -> dict[str, Any]:
        return {
            "PoolArn": pool.arn,
            "PoolId": pool.id,
            "Status": status,
            "MessageType": pool.message_type,
            "TwoWayEnabled": pool.two_way_enabled,
            "TwoWayChannelArn": pool.two_way_channel_arn,
            "TwoWayChannelRole": pool.two_way_channel_role,
            "SelfManagedOptOutsEnabled": pool.self_managed,
            "OptOutListName": pool.opt_out_list,
            "SharedRoutesEnabled": pool.shared_routes,
            "DeletionProtectionEnabled": pool.deletion_protection,
            "CreatedTimestamp": pool.created,
        }

    def _pool_members(self, pool: Pool) -> list[PhoneNumber]:
        return [n for n in self.numbers.values() if n.pool_id == pool.id]

    @staticmethod
    def _check_country(params: dict[str, Any], number: PhoneNumber) -> None:
        iso = params.get("IsoCountryCode")
        if iso is not None and iso != number.iso_country_code:
            raise field_error(
                "COUNTRY_CODE_MISMATCH",
                "IsoCountryCode",
                f"Phone number {number.id} is in {number.iso_country_code}, not {iso}.",
            )

    def create_pool(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, None]:
            number = self._origination_number(params["OriginationIdentity"])
            self._require_not_deleted(number)
            self._require_active(number)
            self._check_country(params, number)
            if number.pool_id:
                raise conflict(
                    "PHONE_NUMBER_ASSOCIATED_TO_POOL",
                    f"Phone number {number.id} is already associated with pool {number.pool_id}.",
                    "phone-number",
                    number.id,
                )
            if number.message_type != params["MessageType"]:
                raise conflict(
                    "MESSAGE_TYPE_MISMATCH",
                    f"Phone number {number.id} is {number.message_type}, the pool would be {params['MessageType']}.",
                    "phone-number",
                    number.id,
                )
            if len(self.pools) >= MAX_POOLS:
                raise quota_exceeded("POOLS_PER_ACCOUNT", f"At most {MAX_POOLS} pools per account and region.")
            tags = self._merged_tags({}, self._checked_tags(params.get("Tags") or []))
            pool_id = "pool-" + secrets.token_hex(16)
            pool = Pool(
                seq=next(self._seq),
                id=pool_id,
                arn=self.arn("pool", pool_id),
                message_type=number.message_type,
                opt_out_list=number.opt_out_list,
                created=self.now(),
                two_way_enabled=number.two_way_enabled,
                two_way_channel_arn=number.two_way_channel_arn,
                two_way_channel_role=number.two_way_channel_role,
                self_managed=number.self_managed,
                deletion_protection=bool(params.get("DeletionProtectionEnabled", False)),
                tags=tags,
                keywords={key: copy.copy(keyword) for key, keyword in number.keywords.items()},
            )
            self.pools[pool_id] = pool
            number.pool_id = pool_id
            self._set_busy(number, "ASSOCIATING")
            response = filter_output("CreatePool", {**self.pool_view(pool), "Tags": _tag_list(pool.tags)})
            return response, "pool", pool_id, None

        return self._idempotent("CreatePool", params, execute)

    def describe_pools(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._describe(
            "DescribePools",
            params,
            "PoolIds",
            self._pool,
            self.pools.values(),
            _pool_filters(),
            self.pool_view,
            "Pools",
        )

    def delete_pool(self, params: dict[str, Any]) -> dict[str, Any]:
        pool = self._pool(params["PoolId"])
        if pool.deletion_protection:
            raise conflict(
                "DELETION_PROTECTION_ENABLED", f"Pool {pool.id} has deletion protection enabled.", "pool", pool.id
            )
        for number in self._pool_members(pool):
            self._leave_pool(number)
            if number.deleted_at is None:
                self._set_busy(number, "DISASSOCIATING")
        del self.pools[pool.id]
        return filter_output("DeletePool", self.pool_view(pool, status="DELETING"))

    def _identity_response(self, pool: Pool, number: PhoneNumber) -> dict[str, Any]:
        return {
            "PoolArn": pool.arn,
            "PoolId": pool.id,
            "OriginationIdentityArn": number.arn,
            "OriginationIdentity": number.id,
            "IsoCountryCode": number.iso_country_code,
        }

    def associate_origination_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, None]:
            pool = self._pool(params["PoolId"])
            number = self._origination_number(params["OriginationIdentity"])
            self._require_not_deleted(number)
            self._check_country(params, number)
            if number.pool_id == pool.id:
                raise conflict(
                    "RESOURCE_ALREADY_ASSOCIATED",
                    f"Phone number {number.id} is already in pool {pool.id}.",
                    "phone-number",
                    number.id,
                )
            if number.pool_id:
                raise conflict(
                    "PHONE_NUMBER_ASSOCIATED_TO_POOL",
                    f"Phone number {number.id} is already associated with pool {number.pool_id}.",
                    "phone-number",
                    number.id,
                )
            self._require_active(number)
            self._check_matches_pool(pool, number)
            number.pool_id = pool.id
            self._set_busy(number, "ASSOCIATING")
            return self._identity_response(pool, number), "phone-number", number.id, None

        return self._idempotent("AssociateOriginationIdentity", params, execute)

    @staticmethod
    def _check_matches_pool(pool: Pool, number: PhoneNumber) -> None:
        if number.message_type != pool.message_type:
            raise conflict(
                "MESSAGE_TYPE_MISMATCH",
                f"Phone number {number.id} is {number.message_type}, pool {pool.id} is {pool.message_type}.",
                "phone-number",
                number.id,
            )
        if number.opt_out_list != pool.opt_out_list:
            raise conflict(
                "OPT_OUT_LIST_MISMATCH",
                f"Phone number {number.id} uses opt-out list {number.opt_out_list}, pool {pool.id} uses {pool.opt_out_list}.",
                "phone-number",
                number.id,
            )
        if number.two_way_enabled != pool.two_way_enabled or (
            pool.two_way_enabled and number.two_way_channel_arn != pool.two_way_channel_arn
        ):
            raise conflict(
                "TWO_WAY_CONFIG_MISMATCH",
                f"The two-way settings of phone number {number.id} differ from pool {pool.id}.",
                "phone-number",
                number.id,
            )
        if number.self_managed != pool.self_managed:
            raise conflict(
                "SELF_MANAGED_OPT_OUTS_MISMATCH",
                f"SelfManagedOptOutsEnabled of phone number {number.id} differs from pool {pool.id}.",
                "phone-number",
                number.id,
            )
        if _keyword_set(number.keywords) != _keyword_set(pool.keywords):
            raise conflict(
                "KEYWORD_MISMATCH",
                f"The keywords of phone number {number.id} differ from those of pool {pool.id}.",
                "phone-number",
                number.id,
            )

    def disassociate_origination_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, None]:
            pool = self._pool(params["PoolId"])
            number = self._origination_number(params["OriginationIdentity"])
            self._require_not_deleted(number)
            self._check_country(params, number)
            if number.pool_id != pool.id:
                raise conflict(
                    "PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL",
                    f"Phone number {number.id} is not associated with pool {pool.id}.",
                    "phone-number",
                    number.id,
                )
            if len(self._pool_members(pool)) == 1:
                raise conflict(
                    "LAST_PHONE_NUMBER",
                    f"Phone number {number.id} is the last origination identity of pool {pool.id}; delete the pool instead.",
                    "pool",
                    pool.id,
                )
            self._leave_pool(number)
            self._set_busy(number, "DISASSOCIATING")
            return self._identity_response(pool, number), "phone-number", number.id, None

        return self._idempotent("DisassociateOriginationIdentity", params, execute)

    def list_pool_origination_identities(self, params: dict[str, Any]) -> dict[str, Any]:
        pool = self._pool(params["PoolId"])
        predicates = compile_filters(params.get("Filters") or [], _IDENTITY_FILTERS)
        page, token = self._paginate("ListPoolOriginationIdentities", params, self._pool_members(pool), predicates)
        response: dict[str, Any] = {
            "PoolArn": pool.arn,
            "PoolId": pool.id,
            "OriginationIdentities": [
                {
                    "OriginationIdentityArn": n.arn,
                    "OriginationIdentity": n.id,
                    "IsoCountryCode": n.iso_country_code,
                    "NumberCapabilities": list(n.capabilities),
                    "PhoneNumber": n.phone_number,
                }
                for n in page
            ],
        }
        if token:
            response["NextToken"] = token
        return response

    # -- opt-out lists ------------------------------------------------------

    def _add_opt_out_list(self, name: str, tags: dict[str, str]) -> OptOutList:
        opt_out_list = OptOutList(next(self._seq), name, self.arn("opt-out-list", name), self.now(), dict(tags))
        self.opt_out_lists[name] = opt_out_list
        return opt_out_list

    @staticmethod
    def opt_out_list_view(opt_out_list: OptOutList) -> dict[str, Any]:
        return {
            "OptOutListArn": opt_out_list.arn,
            "OptOutListName": opt_out_list.name,
            "CreatedTimestamp": opt_out_list.created,
        }

    def create_opt_out_list(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, None]:
            name = params["OptOutListName"]
            if name in self.opt_out_lists:
                raise conflict("RESOURCE_ALREADY_EXISTS", f"Opt-out list {name} already exists.", "opt-out-list", name)
            if len(self.opt_out_lists) >= MAX_OPT_OUT_LISTS:
                raise quota_exceeded(
                    "OPT_OUT_LISTS_PER_ACCOUNT", f"At most {MAX_OPT_OUT_LISTS} opt-out lists per account and region."
                )
            tags = self._merged_tags({}, self._checked_tags(params.get("Tags") or []))
            opt_out_list = self._add_opt_out_list(name, tags)
            response = {**self.opt_out_list_view(opt_out_list), "Tags": _tag_list(opt_out_list.tags)}
            return filter_output("CreateOptOutList", response), "opt-out-list", name, None

        return self._idempotent("CreateOptOutList", params, execute)

    def describe_opt_out_lists(self, params: dict[str, Any]) -> dict[str, Any]:
        names = params.get("OptOutListNames") or []
        owner = params.get("Owner")
        if names and owner:
            raise validation_error(
                "PARAMETERS_CANNOT_BE_USED_TOGETHER",
                "Owner and OptOutListNames can't be used together.",
                [
                    {"Name": "Owner", "Message": "Can't be used with OptOutListNames"},
                    {"Name": "OptOutListNames", "Message": "Can't be used with Owner"},
                ],
            )
        if names:
            found = {item.name: item for item in (self._opt_out_list(name, "OptOutListNames") for name in names)}
            candidates = sorted(found.values(), key=lambda item: item.seq)
        elif owner == "SHARED":
            candidates = []
        else:
            candidates = self.opt_out_lists.values()
        page, token = self._paginate("DescribeOptOutLists", params, candidates)
        response: dict[str, Any] = {"OptOutLists": [self.opt_out_list_view(item) for item in page]}
        if token:
            response["NextToken"] = token
        return response

    def delete_opt_out_list(self, params: dict[str, Any]) -> dict[str, Any]:
        opt_out_list = self._opt_out_list(params["OptOutListName"])
        if opt_out_list.name == DEFAULT_OPT_OUT_LIST:
            raise conflict(
                "RESOURCE_DELETION_NOT_ALLOWED",
                "The Default opt-out list can't be deleted.",
                "opt-out-list",
                opt_out_list.name,
            )
        users = [n.id for n in self.numbers.values() if n.deleted_at is None and n.opt_out_list == opt_out_list.name]
        users += [p.id for p in self.pools.values() if p.opt_out_list == opt_out_list.name]
        if users:
            raise conflict(
                "RESOURCE_DELETION_NOT_ALLOWED",
                f"Opt-out list {opt_out_list.name} is in use by {', '.join(users[:5])}.",
                "opt-out-list",
                opt_out_list.name,
            )
        del self.opt_out_lists[opt_out_list.name]
        return filter_output("DeleteOptOutList", self.opt_out_list_view(opt_out_list))

    # -- keywords -----------------------------------------------------------

    def _keyword_owner(self, identifier: str, write: bool) -> PhoneNumber | Pool:
        is_pool = identifier.startswith("pool-")
        if identifier.startswith("arn:"):
            kind = self._split_arn(identifier, "OriginationIdentity")[0]
            is_pool = kind == "pool"
        if is_pool:
            return self._pool(identifier, "OriginationIdentity")
        number = self._number(identifier, "OriginationIdentity")
        if write:
            self._require_not_deleted(number)
        return number

    def put_keyword(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._keyword_owner(params["OriginationIdentity"], write=True)
        keyword = params["Keyword"]
        key = keyword.upper()
        action = params.get("KeywordAction") or "AUTOMATIC_RESPONSE"
        if key in PROTECTED_KEYWORDS and action != PROTECTED_KEYWORDS[key]:
            raise conflict(
                "RESOURCE_MODIFICATION_NOT_ALLOWED",
                f"The action of keyword {key} can't be changed (it is always {PROTECTED_KEYWORDS[key]}).",
                "keyword",
                keyword,
            )
        if key not in owner.keywords and len(owner.keywords) >= MAX_KEYWORDS:
            if isinstance(owner, Pool):
                raise quota_exceeded("KEYWORDS_PER_POOL", f"A pool can have at most {MAX_KEYWORDS} keywords.")
            raise quota_exceeded(
                "KEYWORDS_PER_PHONE_NUMBER", f"A phone number can have at most {MAX_KEYWORDS} keywords."
            )
        existing = owner.keywords.get(key)
        if self._is_us_toll_free(owner):
            check_us_toll_free_keyword(
                key, keyword, action, params["KeywordMessage"], existing.message if existing else None
            )
        seq = existing.seq if existing else next(self._seq)
        record = Keyword(seq, key, params["KeywordMessage"], action)
        owner.keywords[key] = record
        return {**self._owner_ids(owner), **record.view()}

    def _is_us_toll_free(self, owner: PhoneNumber | Pool) -> bool:
        numbers = self._pool_members(owner) if isinstance(owner, Pool) else [owner]
        return any((n.iso_country_code, n.number_type) == ("US", "TOLL_FREE") for n in numbers)

    @staticmethod
    def _owner_ids(owner: PhoneNumber | Pool) -> dict[str, str]:
        return {"OriginationIdentityArn": owner.arn, "OriginationIdentity": owner.id}

    def describe_keywords(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._keyword_owner(params["OriginationIdentity"], write=False)
        wanted = params.get("Keywords") or []
        for keyword in wanted:
            if keyword.upper() not in owner.keywords:
                raise not_found("keyword", keyword)
        predicates = compile_filters(params.get("Filters") or [], _KEYWORD_FILTERS)
        keys = {keyword.upper() for keyword in wanted}
        candidates = [
            record
            for key, record in owner.keywords.items()
            if (not keys or key in keys) and all(predicate(record) for predicate in predicates)
        ]
        candidates.sort(key=lambda record: record.seq)
        page, token = self._paginate("DescribeKeywords", params, candidates)
        response: dict[str, Any] = {**self._owner_ids(owner), "Keywords": [record.view() for record in page]}
        if token:
            response["NextToken"] = token
        return response

    def delete_keyword(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._keyword_owner(params["OriginationIdentity"], write=True)
        keyword = params["Keyword"]
        key = keyword.upper()
        if key in PROTECTED_KEYWORDS:
            raise conflict("RESOURCE_DELETION_NOT_ALLOWED", f"Keyword {key} can't be deleted.", "keyword", keyword)
        record = owner.keywords.pop(key, None)
        if record is None:
            raise not_found("keyword", keyword)
        return {**self._owner_ids(owner), **record.view()}

    # -- state dump -----------------------------------------------------------

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Everything in this region, for ``GET /_emulator/state``; API member names, tags as lists."""
        self.sweep()
        numbers = []
        for number in self.numbers.values():
            doc = {k: v for k, v in self.number_view(number).items() if v is not None}
            doc.update(
                AccountId=self.account_id,
                Tags=_tag_list(number.tags),
                Keywords=[k.view() for k in sorted(number.keywords.values(), key=lambda k: k.seq)],
            )
            numbers.append(doc)
        pools = []
        for pool in self.pools.values():
            doc = {k: v for k, v in self.pool_view(pool).items() if v is not None}
            doc.update(
                AccountId=self.account_id,
                Tags=_tag_list(pool.tags),
                Keywords=[k.view() for k in sorted(pool.keywords.values(), key=lambda k: k.seq)],
                PhoneNumberIds=[n.id for n in self._pool_members(pool)],
            )
            pools.append(doc)
        opt_out_lists = [
            {**self.opt_out_list_view(item), "AccountId": self.account_id, "Tags": _tag_list(item.tags)}
            for item in self.opt_out_lists.values()
        ]
        registrations = [{**r.view(), "AccountId": self.account_id} for r in self.registrations.values()]
        return {
            "phone_numbers": numbers,
            "pools": pools,
            "opt_out_lists": opt_out_lists,
            "registrations": registrations,
        }


# ---------------------------------------------------------------------------
# The whole emulator
# ---------------------------------------------------------------------------


class DictRegionStore:
    """Region backends in a plain dict: used when the emulator runs without moto."""

    def __init__(self, factory: Callable[[str, str], RegionBackend]) -> None:
        self._factory = factory
        self._regions: dict[tuple[str, str], RegionBackend] = {}

    def get(self, account_id: str, region: str) -> RegionBackend:
        key = (account_id, region)
        if key not in self._regions:
            self._regions[key] = self._factory(account_id, region)
        return self._regions[key]

    def items(self) -> Iterator[tuple[tuple[str, str], RegionBackend]]:
        return iter(list(self._regions.items()))

    def clear(self) -> None:
        self._regions.clear()


def _not_accessible(operation: str, params: Any) -> EmulatorError:
    """ValidationException RESOURCE_NOT_ACCESSIBLE, as while a new two-way role is still propagating in IAM."""
    role = params.get("TwoWayChannelRole") if isinstance(params, dict) else None
    if role:
        return field_error(
            "RESOURCE_NOT_ACCESSIBLE", "TwoWayChannelRole", f"The role {role} can't be assumed (injected fault)."
        )
    return validation_error(
        "RESOURCE_NOT_ACCESSIBLE", f"A resource {operation} needs is not accessible (injected fault)."
    )


@dataclass
class Fault:
    operation: str
    kind: str
    count: int = 1
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"operation": self.operation, "kind": self.kind, "count": self.count, "seconds": self.seconds}


@dataclass
class Outcome:
    """What :meth:`Emulator.invoke` produced: status, JSON body, error code, and whether to drop the connection."""

    status: int
    body: dict[str, Any]
    error: str | None = None
    drop: bool = False
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))


class Emulator:
    """The service for a whole process: regions, clock, configuration, faults and call log.

    Every transport calls :meth:`invoke`; control functions (:meth:`reset`,
    :meth:`add_fault`, :meth:`configure`, :meth:`seed`, :meth:`state`,
    :meth:`calls`) back the ``/_emulator/*`` endpoints and the in-process test
    handle alike.
    """

    def __init__(self, clock: Clock | None = None, store: Any = None) -> None:
        self.lock = threading.RLock()
        self.clock = clock or Clock()
        self.config = default_config()
        self._faults: list[Fault] = []
        self._calls: list[dict[str, Any]] = []
        self.quotas = QuotaBuckets()
        self.store = store or DictRegionStore(lambda account, region: RegionBackend(account, region, self))

    def region(self, region: str, account_id: str = DEFAULT_ACCOUNT_ID) -> RegionBackend:
        with self.lock:
            return self.store.get(account_id, region)

    # -- the API --------------------------------------------------------------

    def invoke(self, operation: str, params: Any, region: str, account_id: str = DEFAULT_ACCOUNT_ID) -> Outcome:
        """Serve one API call; never raises.

        Order: unknown operation, injected fault (latency delays and then
        serves; throttle, server_error and not_accessible answer instead of
        the service), request quota,
        model validation, the operation under the lock, the call-log entry.
        A ``drop_after`` fault lets the operation happen and sets
        ``Outcome.drop``; the transport then cuts the connection, and the call
        log records the error as :data:`CONNECTION_DROPPED`.
        """
        recorded = copy.deepcopy(params)
        fault: Fault | None = None
        try:
            if operation not in service_model().operation_names:
                raise EmulatorError(
                    "UnknownOperationException",
                    f"Operation {operation!r} is not part of the {service_model().service_name} API.",
                )
            fault = self._take_fault(operation)
            if fault is not None and fault.kind == "latency":
                time.sleep(fault.seconds)
            if fault is not None and fault.kind == "throttle":
                raise throttled(operation)
            if fault is not None and fault.kind == "server_error":
                raise internal_error(f"Internal failure serving {operation} (injected fault).")
            if fault is not None and fault.kind == "not_accessible":
                raise _not_accessible(operation, params)
            config = self.config
            if config["quotas"] and not self.quotas.take(
                account_id, region, operation, config["quota_scale"], config["quota_burst_seconds"]
            ):
                raise throttled(operation, injected=False)
            if not isinstance(params, dict):
                raise EmulatorError("SerializationException", "The request body must be a JSON object.")
            if operation not in OPERATIONS:
                raise validation_error(
                    "UNKNOWN_OPERATION",
                    f"{operation} is part of the service API but is not emulated.",
                    [{"Name": "Operation", "Message": operation}],
                )
            validate_input(operation, params)
            with self.lock:
                body = self.store.get(account_id, region).call(operation, params)
            outcome = Outcome(200, body)
        except EmulatorError as error:
            outcome = Outcome(error.status, error.body(), error.code)
        except Exception as error:
            traceback.print_exc(file=sys.stderr)
            request_id = str(uuid.uuid4())
            failure = internal_error(
                f"Emulator bug while serving {operation}: {type(error).__name__}: {error}", request_id
            )
            outcome = Outcome(failure.status, failure.body(), failure.code, request_id=request_id)
        outcome.drop = fault is not None and fault.kind == "drop_after"
        self._record(operation, region, recorded, CONNECTION_DROPPED if outcome.drop else outcome.error)
        return outcome

    def _record(self, operation: str, region: str, params: Any, error: str | None) -> None:
        with self.lock:
            self._calls.append({"operation": operation, "region": region, "params": params, "error": error})

    def _take_fault(self, operation: str) -> Fault | None:
        with self.lock:
            fault = next((f for f in self._faults if f.operation in (operation, "*")), None)
            if fault is not None:
                fault.count -= 1
                if fault.count <= 0:
                    self._faults.remove(fault)
            return fault

    # -- control --------------------------------------------------------------

    def calls(self) -> list[dict[str, Any]]:
        """Every API call since the last reset, oldest first (copies)."""
        with self.lock:
            return copy.deepcopy(self._calls)

    def add_fault(self, operation: str, kind: str, count: int = 1, seconds: float = 0.0) -> list[dict[str, Any]]:
        """Queue a fault for the next ``count`` calls of ``operation`` (``"*"``: any operation)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {FAULT_KINDS}, not {kind!r}")
        if operation != "*" and operation not in service_model().operation_names:
            raise ValueError(f"unknown operation {operation!r}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"count must be an integer >= 1, not {count!r}")
        seconds = non_negative_number("seconds", seconds)
        with self.lock:
            self._faults.append(Fault(operation, kind, count, seconds))
            return self.faults()

    def faults(self) -> list[dict[str, Any]]:
        with self.lock:
            return [fault.as_dict() for fault in self._faults]

    def clear_faults(self) -> list[dict[str, Any]]:
        """Drop every pending fault, keeping resources and the call log."""
        with self.lock:
            self._faults.clear()
            return []

    def configure(self, **changes: Any) -> dict[str, Any]:
        """Change configuration; ``pending_seconds`` is merged per number type. Returns the whole configuration."""
        with self.lock:
            updated = changed_config(self.config, changes)
            if any(updated[key] != self.config[key] for key in ("quotas", "quota_scale", "quota_burst_seconds")):
                self.quotas.clear()
            self.config = updated
            return copy.deepcopy(self.config)

    def reset(self) -> None:
        """Forget every resource, fault and logged call; configuration and clock back to defaults."""
        with self.lock:
            self.store.clear()
            self._faults.clear()
            self._calls.clear()
            self.config = default_config()
            self.quotas.clear()
            self.clock.reset()

    def seed(
        self,
        count: int,
        region: str = "us-east-1",
        template: dict[str, Any] | None = None,
        account_id: str = DEFAULT_ACCOUNT_ID,
    ) -> list[str]:
        """Lease ``count`` numbers straight in the backend (not logged as calls); returns their IDs.

        ``template`` holds RequestPhoneNumber parameters (defaults: US,
        TRANSACTIONAL, SMS, SIMULATOR); ``{i}`` in a tag value becomes the
        number's index (0-based), so ``{"Key": "Name", "Value": "bench-{i}"}``
        gives every number its own name.
        """
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"count must be an integer >= 0, not {count!r}")
        params = {
            "IsoCountryCode": "US",
            "MessageType": "TRANSACTIONAL",
            "NumberCapabilities": ["SMS"],
            "NumberType": "SIMULATOR",
            **(template or {}),
        }
        params.pop("ClientToken", None)
        validate_input("RequestPhoneNumber", params)
        with self.lock:
            backend = self.store.get(account_id, region)
            backend.sweep()
            planned = backend.plan_request(params)
            templated = any("{i}" in value for value in planned["tags"].values())
            ids = []
            for index in range(count):
                tags = {k: v.replace("{i}", str(index)) for k, v in planned["tags"].items()} if templated else None
                ids.append(backend.create_number(planned, tags).id)
            return ids

    def seed_registrations(
        self, registrations: list[Any], region: str = "us-east-1", account_id: str = DEFAULT_ACCOUNT_ID
    ) -> list[str]:
        """Create registrations (``RegistrationType``, ``RegistrationStatus``; not logged as calls); their IDs."""
        if not isinstance(registrations, list):
            raise ValueError("registrations must be a list of {RegistrationType, RegistrationStatus} objects")
        checked = [check_seed(item, index) for index, item in enumerate(registrations)]
        with self.lock:
            backend = self.store.get(account_id, region)
            return [backend.add_registration(kind, status).id for kind, status in checked]

    def state(self) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """``{region: {"phone_numbers": [...], "pools": [...], "opt_out_lists": [...]}}`` over all accounts."""
        with self.lock:
            result: dict[str, dict[str, list[dict[str, Any]]]] = {}
            for (_account, region), backend in self.store.items():
                target = result.setdefault(
                    region, {"phone_numbers": [], "pools": [], "opt_out_lists": [], "registrations": []}
                )
                for key, values in backend.dump().items():
                    target[key].extend(values)
            return result

    def advance_clock(self, seconds: float) -> float:
        with self.lock:
            return self.clock.advance(seconds)


#: The process-wide emulator that moto and the HTTP server serve.
DEFAULT_EMULATOR = Emulator()
