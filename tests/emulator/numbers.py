"""Phone numbers: the countries that lease them, their records, and RequestPhoneNumber to ReleasePhoneNumber."""

from __future__ import annotations

import copy
import random
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import number_rules
from .core import FilterSpec, _any, _bool_checker, _enum_checker, _flag, _iso_checker, _tag_list
from .errors import conflict, field_error, not_found, validation_error
from .keywords import DEFAULT_KEYWORDS, Keyword
from .opt_out_lists import DEFAULT_OPT_OUT_LIST
from .validation import filter_output

if TYPE_CHECKING:
    from .region import RegionBackend


# What DescribePhoneNumbers reports as a number's limits and pricing model (README, "The emulator").
RATE_LIMITS = {"LONG_CODE": 1, "TOLL_FREE": 3, "TEN_DLC": 1, "SIMULATOR": 1}
DAILY_MESSAGE_CAPS = {"TEN_DLC": {"T-MOBILE": 2000}}
PRICING_TIER = {"LONG_CODE": "STANDARD", "TOLL_FREE": "STANDARD", "TEN_DLC": "STANDARD"}
MONTHLY_LEASING_PRICE = {"LONG_CODE": "1.00", "TOLL_FREE": "2.00", "TEN_DLC": "2.00", "SIMULATOR": "0.00"}

# What UpdatePhoneNumber and UpdatePool accept as a two-way channel and its role.
SNS_TOPIC_RE = re.compile(r"arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?")
CONNECT_CHANNEL_RE = re.compile(r"connect\.[a-z0-9-]+\.amazonaws\.com")
IAM_ROLE_RE = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}")

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
    joined_at: float = 0.0
    left_pool: str | None = None
    left_pool_at: float = 0.0
    busy_until: float = 0.0
    deleted_at: float | None = None
    policy: str | None = None
    policy_created: float | None = None


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


def messaging_limits(number_type: str, capabilities: list[str]) -> dict[str, Any]:
    """MessagingLimits: a send rate per capability; 10DLC numbers also have per-carrier daily caps."""
    limits: dict[str, Any] = {"RateLimits": {cap: RATE_LIMITS[number_type] for cap in capabilities}}
    if number_type in DAILY_MESSAGE_CAPS:
        limits["DailyMessageCaps"] = dict(DAILY_MESSAGE_CAPS[number_type])
    return limits


def check_international(iso: str, number_type: str, international: Any) -> None:
    """A US toll-free number sends within the US only: InternationalSendingEnabled true is refused."""
    if international and (iso, number_type) == ("US", "TOLL_FREE"):
        raise field_error(
            "INTERNATIONAL_SENDING_NOT_SUPPORTED",
            "InternationalSendingEnabled",
            "US toll-free numbers can't send internationally.",
        )


#: API operation -> method of :class:`NumbersMixin`
NUMBER_OPERATIONS = {
    "RequestPhoneNumber": "request_phone_number",
    "DescribePhoneNumbers": "describe_phone_numbers",
    "UpdatePhoneNumber": "update_phone_number",
    "ReleasePhoneNumber": "release_phone_number",
}


class NumbersMixin:
    """Phone numbers: leasing, describing, updating and releasing them, and their status over time."""

    def sweep(self) -> None:
        """Forget released numbers whose retention window is over, and pools done deleting."""
        self.sweep_pools()
        limit = self.now() - float(self.config["deleted_retention_seconds"])
        expired = [n for n in self.numbers.values() if n.deleted_at is not None and n.deleted_at <= limit]
        for number in expired:
            del self.numbers[number.id]
            self.phone_numbers_in_use.discard(number.phone_number)

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
            "MessagingLimits": messaging_limits(number.number_type, number.capabilities),
            "PricingTier": PRICING_TIER.get(number.number_type),
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
        check_international(iso, number_type, params.get("InternationalSendingEnabled"))
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
            self._require_pool_active(pool)
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
            number_rules.check_capabilities(self.config, pool, capabilities, "(requested)")
            number_rules.check_pool_room(self.config, pool, self._pool_size(pool))
            opt_out = pool.opt_out_list
            pool_id = pool.id
            inherited = {
                "two_way_enabled": pool.two_way_enabled,
                "two_way_channel_arn": pool.two_way_channel_arn,
                "two_way_channel_role": pool.two_way_channel_role,
                "self_managed": pool.self_managed,
            }
            keywords = [(k.keyword, k.message, k.action) for k in sorted(pool.keywords.values(), key=lambda k: k.seq)]
        registration = None
        if params.get("RegistrationId") is not None:
            registration = self._registration(params["RegistrationId"])
        number_rules.check_request_registration(self.config, iso, number_type, registration)
        registration_id = registration.id if registration is not None else None
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

    def _apply_preference(self, national: str, preference: dict[str, Any], rng: random.Random | None = None) -> str:
        rng = rng or self._rng
        value = rng.choice(preference["Filter"])
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
        start = rng.randint(0, len(national) - len(wanted))
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
            joined_at=now,
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
            self.check_room("PHONE_NUMBERS")
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

    @staticmethod
    def _check_channel_present(changes: dict[str, Any], owner: Any, what: str) -> None:
        """Two-way on (asked for or kept) needs a channel, given or already set on the number or pool."""
        two_way = changes.get("two_way_enabled", owner.two_way_enabled)
        channel = changes.get("two_way_channel_arn", owner.two_way_channel_arn)
        if two_way and not channel:
            raise validation_error(
                "TWO_WAY_CHANNEL_NOT_PRESENT",
                f"TwoWayEnabled needs a TwoWayChannelArn; none is given or set on the {what}.",
                [{"Name": "TwoWayChannelArn", "Message": "Required when TwoWayEnabled is true"}],
            )

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
        self._check_channel_present(changes, number, "number")
        number_rules.check_self_managed(self.config, changes, number)
        check_international(number.iso_country_code, number.number_type, changes.get("international"))
        if changes.get("two_way_enabled") and "SMS" not in number.capabilities:
            # Two-way is an SMS feature; the model's closest reason names the country (JP numbers are voice-only).
            raise field_error(
                "TWO_WAY_NOT_SUPPORTED_IN_COUNTRY",
                "TwoWayEnabled",
                f"Phone number {number.id} can't send SMS ({', '.join(number.capabilities)}): two-way SMS is not "
                f"supported for it in {number.iso_country_code}.",
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
