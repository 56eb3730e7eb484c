"""Pools and their origination identities (phone numbers)."""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import number_rules
from .core import FilterSpec, _any, _bool_checker, _enum_checker, _flag, _iso_checker, _tag_list, compile_filters
from .errors import conflict, field_error
from .opt_out_lists import DEFAULT_OPT_OUT_LIST
from .sender_ids import SenderId
from .validation import filter_output

if TYPE_CHECKING:
    from .keywords import Keyword
    from .numbers import PhoneNumber


#: The default of the ``pools_quota`` setting (:mod:`.limits`).
MAX_POOLS = 100

#: UpdatePool member -> Pool attribute (OptOutListName, a name or ARN, is resolved apart).
POOL_SETTINGS = (
    ("TwoWayEnabled", "two_way_enabled"),
    ("TwoWayChannelArn", "two_way_channel_arn"),
    ("TwoWayChannelRole", "two_way_channel_role"),
    ("SelfManagedOptOutsEnabled", "self_managed"),
    ("SharedRoutesEnabled", "shared_routes"),
    ("DeletionProtectionEnabled", "deletion_protection"),
)
#: The pool's settings its members share (deletion protection and shared routes are the pool's own).
MEMBER_SETTINGS = frozenset(
    {"opt_out_list", "two_way_enabled", "two_way_channel_arn", "two_way_channel_role", "self_managed"}
)


@dataclass
class Pool:
    seq: int
    id: str
    arn: str
    message_type: str
    opt_out_list: str
    created: float
    #: CREATING until then (``pool_creating_seconds`` after CreatePool).
    active_at: float = 0.0
    #: Set by DeletePool: DELETING (and still listed) until then, gone after.
    deleting_until: float | None = None
    two_way_enabled: bool = False
    two_way_channel_arn: str | None = None
    two_way_channel_role: str | None = None
    self_managed: bool = False
    deletion_protection: bool = False
    shared_routes: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, Keyword] = field(default_factory=dict)
    #: The founding number's capabilities, which every member shares (:mod:`.number_rules`).
    capabilities: list[str] = field(default_factory=list)
    policy: str | None = None
    policy_created: float | None = None


def _pool_filters(backend: PoolsMixin) -> dict[str, FilterSpec]:
    return {
        "status": (_enum_checker("PoolStatus"), False, lambda p: [backend.pool_status(p)]),
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


def _keyword_set(keywords: dict[str, Keyword]) -> set[tuple[str, str, str]]:
    return {(key, record.message, record.action) for key, record in keywords.items()}


#: API operation -> method of :class:`PoolsMixin`
POOL_OPERATIONS = {
    "CreatePool": "create_pool",
    "DescribePools": "describe_pools",
    "UpdatePool": "update_pool",
    "DeletePool": "delete_pool",
    "AssociateOriginationIdentity": "associate_origination_identity",
    "DisassociateOriginationIdentity": "disassociate_origination_identity",
    "ListPoolOriginationIdentities": "list_pool_origination_identities",
}


class PoolsMixin:
    """Pools: created from a first number, which sets the settings every member must share."""

    def _pool(self, identifier: str, member: str = "PoolId") -> Pool:
        return self._lookup("pool", self.pools, identifier, member)

    def pool_status(self, pool: Pool) -> str:
        if pool.deleting_until is not None:
            return "DELETING"
        return "CREATING" if self.now() < pool.active_at else "ACTIVE"

    def sweep_pools(self) -> None:
        """Forget deleted pools whose DELETING time is over."""
        now = self.now()
        for pool in [p for p in self.pools.values() if p.deleting_until is not None and p.deleting_until <= now]:
            del self.pools[pool.id]

    def _require_pool_active(self, pool: Pool) -> None:
        """DeletePool's doc: "If the pool status isn't active ... an error is returned"; the emulator
        refuses every other write to a pool (and a number joining or requested into it) the same way."""
        status = self.pool_status(pool)
        if status != "ACTIVE":
            raise conflict(
                "RESOURCE_NOT_ACTIVE",
                f"Pool {pool.id} is {status}; this operation needs an ACTIVE pool.",
                "pool",
                pool.id,
            )

    def _join_pool(self, number: PhoneNumber, pool: Pool) -> None:
        number.pool_id = pool.id
        number.joined_at = self.now()
        self._set_busy(number, "ASSOCIATING")

    def pool_view(self, pool: Pool) -> dict[str, Any]:
        return {
            "PoolArn": pool.arn,
            "PoolId": pool.id,
            "Status": self.pool_status(pool),
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

    def _pool_size(self, pool: Pool) -> int:
        """How many origination identities a pool has: its numbers and its sender IDs."""
        return len(self._pool_members(pool)) + len(self.pool_senders(pool))

    def _origination(self, identifier: str, iso: str | None) -> PhoneNumber | SenderId:
        """The phone number (ID or ARN) or sender ID (ID with ``iso``, or ARN) an ``OriginationIdentity`` names."""
        if identifier.startswith("phone-") or (identifier.startswith("arn:") and ":phone-number/" in identifier):
            return self._origination_number(identifier)
        if identifier.startswith("pool-") or (identifier.startswith("arn:") and ":sender-id/" not in identifier):
            return self._origination_number(identifier)  # ResourceNotFoundException, as for any unknown identity
        return self._sender(identifier, iso, "OriginationIdentity")

    def _listed_members(self, pool: Pool) -> list[PhoneNumber]:
        """The members ListPoolOriginationIdentities shows: it lags ``pool_listing_lag_seconds`` behind
        the pool's membership, so a number shows late after joining and lingers after leaving."""
        now, lag = self.now(), float(self.config["pool_listing_lag_seconds"])
        return [
            n
            for n in self.numbers.values()
            if (n.pool_id == pool.id and now >= n.joined_at + lag)
            or (n.pool_id != pool.id and n.left_pool == pool.id and now < n.left_pool_at + lag)
        ]

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
            identity = self._origination(params["OriginationIdentity"], params.get("IsoCountryCode"))
            if isinstance(identity, SenderId):
                return self._create_sender_pool(params, identity)
            number = identity
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
            pool = self._new_pool(
                params,
                opt_out_list=number.opt_out_list,
                two_way_enabled=number.two_way_enabled,
                two_way_channel_arn=number.two_way_channel_arn,
                two_way_channel_role=number.two_way_channel_role,
                self_managed=number.self_managed,
                keywords={key: copy.copy(keyword) for key, keyword in number.keywords.items()},
                capabilities=list(number.capabilities),
            )
            self._join_pool(number, pool)
            response = filter_output("CreatePool", {**self.pool_view(pool), "Tags": _tag_list(pool.tags)})
            return response, "pool", pool.id, None

        return self._idempotent("CreatePool", params, execute)

    def _create_sender_pool(self, params: dict[str, Any], sender: SenderId) -> tuple[dict[str, Any], str, str, None]:
        """CreatePool founded by a sender ID: one-way, so the Default opt-out list, no two-way, the default keywords."""
        from .keywords import DEFAULT_KEYWORDS, Keyword  # keywords imports this module

        if params["MessageType"] not in sender.message_types:
            raise conflict(
                "MESSAGE_TYPE_MISMATCH",
                f"Sender ID {sender.sender_id} sends {', '.join(sender.message_types)}, the pool would be "
                f"{params['MessageType']}.",
                "sender-id",
                sender.sender_id,
            )
        pool = self._new_pool(
            params,
            opt_out_list=DEFAULT_OPT_OUT_LIST,
            # The keywords every number starts with, so that numbers can join the pool too.
            keywords={k: Keyword(next(self._seq), k, message, action) for k, message, action in DEFAULT_KEYWORDS},
        )
        self.sender_joins(sender, pool)
        response = filter_output("CreatePool", {**self.pool_view(pool), "Tags": _tag_list(pool.tags)})
        return response, "pool", pool.id, None

    def _new_pool(self, params: dict[str, Any], **settings: Any) -> Pool:
        """A CREATING pool of CreatePool's message type, tags and deletion protection, with its founder's ``settings``."""
        self.check_room("POOLS")
        tags = self._merged_tags({}, self._checked_tags(params.get("Tags") or []))
        pool_id = "pool-" + secrets.token_hex(16)
        pool = Pool(
            seq=next(self._seq),
            id=pool_id,
            arn=self.arn("pool", pool_id),
            message_type=params["MessageType"],
            created=self.now(),
            active_at=self.now() + float(self.config["pool_creating_seconds"]),
            deletion_protection=bool(params.get("DeletionProtectionEnabled", False)),
            tags=tags,
            **settings,
        )
        self.pools[pool_id] = pool
        return pool

    def describe_pools(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._describe(
            "DescribePools",
            params,
            "PoolIds",
            self._pool,
            self.pools.values(),
            _pool_filters(self),
            self.pool_view,
            "Pools",
        )

    def update_pool(self, params: dict[str, Any]) -> dict[str, Any]:
        pool = self._pool(params["PoolId"])
        self._require_pool_active(pool)
        self._check_channel(params)
        changes: dict[str, Any] = {}
        if params.get("OptOutListName") is not None:
            changes["opt_out_list"] = self._opt_out_list(params["OptOutListName"]).name
        for member, attribute in POOL_SETTINGS:
            if params.get(member) is not None:
                changes[attribute] = params[member]
        self._check_channel_present(changes, pool, "pool")
        number_rules.check_self_managed(self.config, changes, pool)
        for attribute, value in changes.items():
            setattr(pool, attribute, value)
        # Members can't be updated on their own (PHONE_NUMBER_ASSOCIATED_TO_POOL), and must match their
        # pool to join it: the pool's settings are theirs, so a member reads as the pool now sends.
        governed = {attribute: value for attribute, value in changes.items() if attribute in MEMBER_SETTINGS}
        for number in self._pool_members(pool):
            for attribute, value in governed.items():
                setattr(number, attribute, value)
        return filter_output("UpdatePool", self.pool_view(pool))

    def delete_pool(self, params: dict[str, Any]) -> dict[str, Any]:
        pool = self._pool(params["PoolId"])
        self._require_pool_active(pool)
        if pool.deletion_protection:
            raise conflict(
                "DELETION_PROTECTION_ENABLED", f"Pool {pool.id} has deletion protection enabled.", "pool", pool.id
            )
        for number in self._pool_members(pool):
            self._leave_pool(number)
            if number.deleted_at is None:
                self._set_busy(number, "DISASSOCIATING")
        for sender in self.pool_senders(pool):
            self.sender_leaves(sender, pool)
        pool.deleting_until = self.now() + float(self.config["pool_deleting_seconds"])
        response = filter_output("DeletePool", self.pool_view(pool))
        self.sweep_pools()
        return response

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
            identity = self._origination(params["OriginationIdentity"], params.get("IsoCountryCode"))
            if isinstance(identity, SenderId):
                return self._associate_sender(pool, identity)
            number = identity
            self._require_not_deleted(number)
            self._check_country(params, number)
            self._require_pool_active(pool)
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
            number_rules.check_capabilities(self.config, pool, number.capabilities, number.id)
            number_rules.check_pool_room(self.config, pool, self._pool_size(pool))
            self._join_pool(number, pool)
            return self._identity_response(pool, number), "phone-number", number.id, None

        return self._idempotent("AssociateOriginationIdentity", params, execute)

    def _associate_sender(self, pool: Pool, sender: SenderId) -> tuple[dict[str, Any], str, str, None]:
        self._require_pool_active(pool)
        if pool.id in sender.pools:
            raise conflict(
                "RESOURCE_ALREADY_ASSOCIATED",
                f"Sender ID {sender.sender_id} is already in pool {pool.id}.",
                "sender-id",
                sender.sender_id,
            )
        self.check_sender_matches_pool(pool, sender)
        number_rules.check_pool_room(self.config, pool, self._pool_size(pool))
        self.sender_joins(sender, pool)
        return self._identity_response(pool, sender), "sender-id", sender.key, None

    def _disassociate_sender(self, pool: Pool, sender: SenderId) -> tuple[dict[str, Any], str, str, None]:
        self._require_pool_active(pool)
        if pool.id not in sender.pools:
            raise conflict(
                "PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL",
                f"Sender ID {sender.sender_id} is not associated with pool {pool.id}.",
                "sender-id",
                sender.sender_id,
            )
        self._check_not_last(pool, sender.sender_id)
        self.sender_leaves(sender, pool)
        return self._identity_response(pool, sender), "sender-id", sender.key, None

    def _check_not_last(self, pool: Pool, identity: str) -> None:
        if self._pool_size(pool) == 1:
            raise conflict(
                "LAST_PHONE_NUMBER",
                f"{identity} is the last origination identity of pool {pool.id}; delete the pool instead.",
                "pool",
                pool.id,
            )

    @staticmethod
    def _check_matches_pool(pool: Pool, number: PhoneNumber) -> None:
        n, p = number, pool
        # (reason, whether the number differs from the pool, message), checked in this order.
        checks = (
            (
                "MESSAGE_TYPE_MISMATCH",
                n.message_type != p.message_type,
                f"Phone number {n.id} is {n.message_type}, pool {p.id} is {p.message_type}.",
            ),
            (
                "OPT_OUT_LIST_MISMATCH",
                n.opt_out_list != p.opt_out_list,
                f"Phone number {n.id} uses opt-out list {n.opt_out_list}, pool {p.id} uses {p.opt_out_list}.",
            ),
            (
                "TWO_WAY_CONFIG_MISMATCH",
                n.two_way_enabled != p.two_way_enabled
                or (p.two_way_enabled and n.two_way_channel_arn != p.two_way_channel_arn),
                f"The two-way settings of phone number {n.id} differ from pool {p.id}.",
            ),
            (
                "SELF_MANAGED_OPT_OUTS_MISMATCH",
                n.self_managed != p.self_managed,
                f"SelfManagedOptOutsEnabled of phone number {n.id} differs from pool {p.id}.",
            ),
            (
                "KEYWORD_MISMATCH",
                _keyword_set(n.keywords) != _keyword_set(p.keywords),
                f"The keywords of phone number {n.id} differ from those of pool {p.id}.",
            ),
        )
        for reason, differs, message in checks:
            if differs:
                raise conflict(reason, message, "phone-number", n.id)

    def disassociate_origination_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, None]:
            pool = self._pool(params["PoolId"])
            identity = self._origination(params["OriginationIdentity"], params.get("IsoCountryCode"))
            if isinstance(identity, SenderId):
                return self._disassociate_sender(pool, identity)
            number = identity
            self._require_not_deleted(number)
            self._check_country(params, number)
            self._require_pool_active(pool)
            if number.pool_id != pool.id:
                raise conflict(
                    "PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL",
                    f"Phone number {number.id} is not associated with pool {pool.id}.",
                    "phone-number",
                    number.id,
                )
            self._check_not_last(pool, f"Phone number {number.id}")
            self._leave_pool(number)
            self._set_busy(number, "DISASSOCIATING")
            return self._identity_response(pool, number), "phone-number", number.id, None

        return self._idempotent("DisassociateOriginationIdentity", params, execute)

    def list_pool_origination_identities(self, params: dict[str, Any]) -> dict[str, Any]:
        pool = self._pool(params["PoolId"])
        predicates = compile_filters(params.get("Filters") or [], _IDENTITY_FILTERS)
        listed = sorted([*self._listed_members(pool), *self.listed_senders(pool)], key=lambda identity: identity.seq)
        page, token = self._paginate("ListPoolOriginationIdentities", params, listed, predicates)
        response: dict[str, Any] = {
            "PoolArn": pool.arn,
            "PoolId": pool.id,
            "OriginationIdentities": [
                {
                    "OriginationIdentityArn": n.arn,
                    "OriginationIdentity": n.id,
                    "IsoCountryCode": n.iso_country_code,
                    "NumberCapabilities": list(n.capabilities),
                    **({"PhoneNumber": n.phone_number} if not isinstance(n, SenderId) else {}),
                }
                for n in page
            ],
        }
        if token:
            response["NextToken"] = token
        return response
