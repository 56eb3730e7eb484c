"""One (account, region) of the emulated Pinpoint SMS and Voice v2 API: the resource mixins combined.

Nothing here imports moto: this is the service itself, and
:mod:`tests.emulator.moto_glue` only plugs it into moto's in-process mock and
HTTP server. As moto splits a large service, each resource has its own module,
holding its records and a mixin with its operations; :class:`RegionBackend`
combines them:

* :mod:`.numbers` (phone numbers), :mod:`.pools` (pools and their members),
  :mod:`.opt_out_lists`, :mod:`.keywords`, :mod:`.tags`, :mod:`.registrations`,
  :mod:`.available_numbers`, :mod:`.limits`, on the shared plumbing of :mod:`.core`;
* one method per API operation, taking the request dict (API member names) and
  returning the response dict, raising :class:`~.errors.EmulatorError` for API errors.

The test-control layer (the lock, clock, configuration, injected faults, call
log and seeding) is :mod:`.control`, apart from the service.

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
  requested into a pool inherits them. ``UpdatePool`` changes the opt-out
  list, two-way and self-managed opt-out settings of the pool and of every
  member alike, so members keep matching their pool; its deletion protection
  and shared routes are the pool's own. ``UpdatePhoneNumber`` and
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
  or pool; pools (``pools_quota``, default 100), opt-out lists
  (``opt_out_lists_quota``, default 100, ``Default`` included), phone numbers
  (``phone_numbers_quota``, default no limit) and registrations
  (``registrations_quota``) per account and region, which
  ``DescribeAccountLimits`` reports (:mod:`.limits`); ``MaxResults`` defaults to 100. Page tokens are opaque and bound to the query
  that produced them (``INVALID_NEXT_TOKEN`` otherwise).
"""

from __future__ import annotations

import itertools
import random
from typing import TYPE_CHECKING, Any

from . import in_flight
from .available_numbers import AVAILABLE_NUMBER_OPERATIONS, AvailableNumbersMixin
from .core import RegionCore, TokenRecord, _partition, _tag_list
from .keywords import KEYWORD_OPERATIONS, KeywordsMixin
from .limits import LIMIT_OPERATIONS, LimitsMixin
from .numbers import NUMBER_OPERATIONS, NumbersMixin, PhoneNumber
from .opt_out_lists import DEFAULT_OPT_OUT_LIST, OPT_OUT_LIST_OPERATIONS, OptOutList, OptOutListsMixin
from .opted_out_numbers import OPTED_OUT_NUMBER_OPERATIONS, OptedOutNumbersMixin
from .pools import POOL_OPERATIONS, Pool, PoolsMixin
from .registrations import REGISTRATION_OPERATIONS, Registration, RegistrationsMixin
from .resource_policies import RESOURCE_POLICY_OPERATIONS, ResourcePoliciesMixin
from .sender_ids import SENDER_ID_OPERATIONS, SenderId, SenderIdsMixin
from .tags import TAG_OPERATIONS, TagsMixin

if TYPE_CHECKING:
    from .control import Emulator

#: API operation -> RegionBackend method, from the tables of the resource modules
OPERATIONS = {
    **NUMBER_OPERATIONS,
    **TAG_OPERATIONS,
    **POOL_OPERATIONS,
    **OPT_OUT_LIST_OPERATIONS,
    **KEYWORD_OPERATIONS,
    **AVAILABLE_NUMBER_OPERATIONS,
    **REGISTRATION_OPERATIONS,
    **LIMIT_OPERATIONS,
    **OPTED_OUT_NUMBER_OPERATIONS,
    **RESOURCE_POLICY_OPERATIONS,
    **SENDER_ID_OPERATIONS,
}


class RegionBackend(
    NumbersMixin,
    PoolsMixin,
    OptOutListsMixin,
    KeywordsMixin,
    TagsMixin,
    AvailableNumbersMixin,
    RegistrationsMixin,
    LimitsMixin,
    OptedOutNumbersMixin,
    ResourcePoliciesMixin,
    SenderIdsMixin,
    RegionCore,
):
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
        self.sender_ids: dict[str, SenderId] = {}
        #: resource ID -> when its last write stops being in flight (``conflict_window_seconds``)
        self.writes_in_flight: dict[str, float] = {}
        self._seq = itertools.count(1)
        self._rng = random.Random()
        self._add_opt_out_list(DEFAULT_OPT_OUT_LIST, {})

    def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        self.sweep()
        written = in_flight.targets(operation, params)
        in_flight.check(self.writes_in_flight, written, self.now())
        response = getattr(self, OPERATIONS[operation])(params)
        in_flight.mark(self.writes_in_flight, written, self.now(), float(self.config["conflict_window_seconds"]))
        return response

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
                SenderIds=[
                    {"SenderId": s.sender_id, "IsoCountryCode": s.iso_country_code} for s in self.pool_senders(pool)
                ],
            )
            pools.append(doc)
        opt_out_lists = [
            {**self.opt_out_list_view(item), "AccountId": self.account_id, "Tags": _tag_list(item.tags)}
            for item in self.opt_out_lists.values()
        ]
        registrations = [{**r.view(), "AccountId": self.account_id} for r in self.registrations.values()]
        sender_ids = [
            {**self.sender_view(s), "AccountId": self.account_id, "Tags": _tag_list(s.tags)}
            for s in self.sender_ids.values()
        ]
        return {
            "sender_ids": sender_ids,
            "phone_numbers": numbers,
            "pools": pools,
            "opt_out_lists": opt_out_lists,
            "registrations": registrations,
        }
