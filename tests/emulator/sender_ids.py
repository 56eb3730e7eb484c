"""Sender IDs: RequestSenderId, DescribeSenderIds, UpdateSenderId, ReleaseSenderId, and sender IDs in pools.

A sender ID is keyed by its ID and country together (``SenderIdAndCountry``); its ARN is
``arn:...:sender-id/<SenderId>/<IsoCountryCode>`` and its store key ``<SenderId>/<IsoCountryCode>``.
What the model states is enforced by validation (1 to 11 of ``[A-Za-z0-9_-]``, at most two message
types, 5 ``SenderIds`` a describe). Where the sources are silent the emulator chooses (README):

* Countries (the user guide's sender ID pages): US, CA and CN do not support sender IDs
  (ValidationException ``SENDER_ID_NOT_SUPPORTED``); AU, BY, EG, ID, IN, JO, PH, QA and SG need a
  registration first (``SENDER_ID_REQUIRES_REGISTRATION``, the message naming the registration type
  ``<ISO>_SENDER_ID_REGISTRATION``: RequestSenderId's doc, "a new sender ID that doesn't require
  registration"); any other country takes a sender ID at once, ``Registered`` false.
* A sender ID of digits only is ValidationException ``INVALID_PARAMETER``: an alphanumeric sender ID
  has a letter (the user guide's sender ID rules).
* ``MessageTypes`` left out means both TRANSACTIONAL and PROMOTIONAL; the monthly price is ``0.00``.
* The same sender ID and country twice is ConflictException ``RESOURCE_ALREADY_EXISTS``.
* ReleaseSenderId of a protected sender ID is ConflictException ``DELETION_PROTECTION_ENABLED``; of
  one in a pool, ``SENDER_ID_ASSOCIATED_TO_POOL``. A released sender ID is gone at once.
* In pools (AssociateOriginationIdentity's doc: "A sender ID can be associated with multiple
  pools"): a sender ID names its country in ``IsoCountryCode``; the pool's message type must be one
  of the sender ID's (``MESSAGE_TYPE_MISMATCH``); two-way, opt-out list and keywords, which a sender
  ID (one-way) does not have, are not compared. ListPoolOriginationIdentities lists it with
  capability SMS and no phone number, with the same lag as numbers.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .core import FilterSpec, _any, _bool_checker, _enum_checker, _flag, _iso_checker, _tag_list
from .errors import conflict, field_error, not_found
from .validation import filter_output

if TYPE_CHECKING:
    from .pools import Pool

NOT_SUPPORTED = frozenset({"US", "CA", "CN"})
REQUIRES_REGISTRATION = frozenset({"AU", "BY", "EG", "ID", "IN", "JO", "PH", "QA", "SG"})
ALL_MESSAGE_TYPES = ["TRANSACTIONAL", "PROMOTIONAL"]


@dataclass
class SenderId:
    seq: int
    sender_id: str
    iso_country_code: str
    arn: str
    message_types: list[str]
    created: float
    deletion_protection: bool = False
    registration_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    policy: str | None = None
    policy_created: float | None = None
    #: pool ID -> when it joined; pool ID -> when it left (ListPoolOriginationIdentities lags behind both)
    pools: dict[str, float] = field(default_factory=dict)
    left_pools: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return sender_key(self.sender_id, self.iso_country_code)

    @property
    def capabilities(self) -> list[str]:
        """A sender ID sends SMS only (ListPoolOriginationIdentities' NumberCapabilities)."""
        return ["SMS"]

    @property
    def id(self) -> str:
        """What errors and listings name it by (the pools' ``OriginationIdentity``)."""
        return self.sender_id


def sender_key(sender_id: str, iso: str) -> str:
    return f"{sender_id}/{iso}"


def _sender_filters() -> dict[str, FilterSpec]:
    return {
        "sender-id": (_any, False, lambda s: [s.sender_id]),
        "iso-country-code": (_iso_checker, False, lambda s: [s.iso_country_code]),
        "message-type": (_enum_checker("MessageType"), False, lambda s: list(s.message_types)),
        "deletion-protection-enabled": (_bool_checker, True, lambda s: _flag(s.deletion_protection)),
        "registered": (_bool_checker, True, lambda s: _flag(s.registration_id is not None)),
    }


#: API operation -> method of :class:`SenderIdsMixin`
SENDER_ID_OPERATIONS = {
    "RequestSenderId": "request_sender_id",
    "DescribeSenderIds": "describe_sender_ids",
    "UpdateSenderId": "update_sender_id",
    "ReleaseSenderId": "release_sender_id",
}


class SenderIdsMixin:
    """Sender IDs (``self.sender_ids``, by ``<SenderId>/<IsoCountryCode>``)."""

    sender_ids: dict[str, SenderId]

    def sender_view(self, sender: SenderId) -> dict[str, Any]:
        view: dict[str, Any] = {
            "SenderIdArn": sender.arn,
            "SenderId": sender.sender_id,
            "IsoCountryCode": sender.iso_country_code,
            "MessageTypes": list(sender.message_types),
            "MonthlyLeasingPrice": "0.00",
            "DeletionProtectionEnabled": sender.deletion_protection,
            "Registered": sender.registration_id is not None,
        }
        if sender.registration_id is not None:
            view["RegistrationId"] = sender.registration_id
        return view

    def _sender(self, identifier: str, iso: str | None, member: str = "SenderId") -> SenderId:
        """The sender ID named by ID and country, or by ARN (whose country must agree with ``iso`` when given)."""
        if identifier.startswith("arn:"):
            kind, key, here = self._split_arn(identifier, member)  # type: ignore[attr-defined]
            found = self.sender_ids.get(key) if kind == "sender-id" and here else None
            if found is None or (iso is not None and found.iso_country_code != iso):
                raise not_found("sender-id", identifier)
            return found
        found = self.sender_ids.get(sender_key(identifier, iso or ""))
        if found is None:
            raise not_found("sender-id", identifier)
        return found

    @staticmethod
    def _check_country_takes_sender_ids(sender_id: str, iso: str) -> None:
        if iso in NOT_SUPPORTED:
            raise field_error("SENDER_ID_NOT_SUPPORTED", "IsoCountryCode", f"Sender IDs are not supported in {iso}.")
        if iso in REQUIRES_REGISTRATION:
            raise field_error(
                "SENDER_ID_REQUIRES_REGISTRATION",
                "SenderId",
                f"A sender ID in {iso} needs an approved registration of type {iso}_SENDER_ID_REGISTRATION first; "
                f"{sender_id} can't be requested without one.",
            )
        if sender_id.isdigit():
            raise field_error("INVALID_PARAMETER", "SenderId", "An alphanumeric sender ID must contain a letter.")

    def request_sender_id(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, Callable[[], dict[str, Any]]]:
            sender_id, iso = params["SenderId"], params["IsoCountryCode"]
            self._check_country_takes_sender_ids(sender_id, iso)
            key = sender_key(sender_id, iso)
            if key in self.sender_ids:
                raise conflict(
                    "RESOURCE_ALREADY_EXISTS", f"Sender ID {sender_id} in {iso} already exists.", "sender-id", sender_id
                )
            self.check_room("SENDER_IDS")  # type: ignore[attr-defined]
            tags = self._merged_tags({}, self._checked_tags(params.get("Tags") or []))  # type: ignore[attr-defined]
            sender = SenderId(
                seq=next(self._seq),  # type: ignore[attr-defined]
                sender_id=sender_id,
                iso_country_code=iso,
                arn=self.arn("sender-id", key),  # type: ignore[attr-defined]
                message_types=list(dict.fromkeys(params.get("MessageTypes") or ALL_MESSAGE_TYPES)),
                created=self.now(),  # type: ignore[attr-defined]
                deletion_protection=bool(params.get("DeletionProtectionEnabled", False)),
                tags=tags,
            )
            self.sender_ids[key] = sender
            first = filter_output("RequestSenderId", {**self.sender_view(sender), "Tags": _tag_list(sender.tags)})

            def replay() -> dict[str, Any]:
                current = self.sender_ids.get(key)
                if current is None:
                    return copy.deepcopy(first)
                return filter_output("RequestSenderId", {**self.sender_view(current), "Tags": _tag_list(current.tags)})

            return first, "sender-id", sender_id, replay

        return self._idempotent("RequestSenderId", params, execute)  # type: ignore[attr-defined]

    def describe_sender_ids(self, params: dict[str, Any]) -> dict[str, Any]:
        from .core import compile_filters

        named = params.get("SenderIds") or []
        if named and params.get("Owner"):
            from .errors import validation_error

            raise validation_error(
                "PARAMETERS_CANNOT_BE_USED_TOGETHER",
                "Owner and SenderIds can't be used together.",
                [{"Name": "Owner", "Message": "Can't be used with SenderIds"}],
            )
        if named:
            found = {s.key: s for s in (self._sender(n["SenderId"], n["IsoCountryCode"], "SenderIds") for n in named)}
            candidates: Any = sorted(found.values(), key=lambda s: s.seq)
        elif params.get("Owner") == "SHARED":
            candidates = []
        else:
            candidates = sorted(self.sender_ids.values(), key=lambda s: s.seq)
        predicates = compile_filters(params.get("Filters") or [], _sender_filters())
        page, token = self._paginate("DescribeSenderIds", params, candidates, predicates)  # type: ignore[attr-defined]
        response: dict[str, Any] = {"SenderIds": [self.sender_view(s) for s in page]}
        if token:
            response["NextToken"] = token
        return filter_output("DescribeSenderIds", response)

    def update_sender_id(self, params: dict[str, Any]) -> dict[str, Any]:
        sender = self._sender(params["SenderId"], params["IsoCountryCode"])
        if params.get("DeletionProtectionEnabled") is not None:
            sender.deletion_protection = params["DeletionProtectionEnabled"]
        return filter_output("UpdateSenderId", self.sender_view(sender))

    def release_sender_id(self, params: dict[str, Any]) -> dict[str, Any]:
        sender = self._sender(params["SenderId"], params["IsoCountryCode"])
        if sender.deletion_protection:
            raise conflict(
                "DELETION_PROTECTION_ENABLED",
                f"Sender ID {sender.sender_id} in {sender.iso_country_code} has deletion protection enabled.",
                "sender-id",
                sender.sender_id,
            )
        if sender.pools:
            raise conflict(
                "SENDER_ID_ASSOCIATED_TO_POOL",
                f"Sender ID {sender.sender_id} is associated with pool(s) {', '.join(sorted(sender.pools))}; "
                "disassociate it first.",
                "sender-id",
                sender.sender_id,
            )
        del self.sender_ids[sender.key]
        return filter_output("ReleaseSenderId", self.sender_view(sender))

    # -- in pools ------------------------------------------------------------------------

    def pool_senders(self, pool: Pool) -> list[SenderId]:
        return [s for s in self.sender_ids.values() if pool.id in s.pools]

    def listed_senders(self, pool: Pool) -> list[SenderId]:
        """The sender IDs ListPoolOriginationIdentities shows, ``pool_listing_lag_seconds`` behind."""
        now, lag = self.now(), float(self.config["pool_listing_lag_seconds"])  # type: ignore[attr-defined]
        return [
            s
            for s in self.sender_ids.values()
            if (pool.id in s.pools and now >= s.pools[pool.id] + lag)
            or (pool.id not in s.pools and pool.id in s.left_pools and now < s.left_pools[pool.id] + lag)
        ]

    def sender_joins(self, sender: SenderId, pool: Pool) -> None:
        sender.pools[pool.id] = self.now()  # type: ignore[attr-defined]
        sender.left_pools.pop(pool.id, None)

    def sender_leaves(self, sender: SenderId, pool: Pool) -> None:
        del sender.pools[pool.id]
        sender.left_pools[pool.id] = self.now()  # type: ignore[attr-defined]

    @staticmethod
    def check_sender_matches_pool(pool: Pool, sender: SenderId) -> None:
        if pool.message_type not in sender.message_types:
            raise conflict(
                "MESSAGE_TYPE_MISMATCH",
                f"Sender ID {sender.sender_id} sends {', '.join(sender.message_types)}, pool {pool.id} is "
                f"{pool.message_type}.",
                "sender-id",
                sender.sender_id,
            )
