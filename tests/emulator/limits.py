"""The account's resource limits: ``DescribeAccountLimits``, and the settings the create calls enforce.

The model's ``AccountLimitName`` enum names eight limits. The emulator lists
the five whose resources it keeps or refuses (phone numbers, pools, opt-out
lists, registrations, sender IDs), each from a setting of
``POST /_emulator/config`` (README, "The emulator"):

* ``Used`` counts what the create call's quota check counts: live numbers (a
  released one, DELETED, no longer counts), pools, opt-out lists (``Default``
  included), seeded registrations; sender IDs are not emulated, so 0.
* ``Max`` is the setting; ``null`` means no limit, which the API cannot say
  (``Max`` is a required long), so it is reported as the largest long.

Configuration sets, registration attachments and verified destination numbers
are not emulated and not listed.
"""

from __future__ import annotations

from typing import Any

from .errors import quota_exceeded
from .opt_out_lists import MAX_OPT_OUT_LISTS
from .pools import MAX_POOLS
from .validation import filter_output

#: ``Max`` of a limit whose setting is ``null`` (no limit): the largest value of the model's ``long``.
UNLIMITED = 2**63 - 1

#: AccountLimitName -> (setting, default, ServiceQuotaExceededException reason, what it counts)
LIMITS = {
    "PHONE_NUMBERS": ("phone_numbers_quota", None, "PHONE_NUMBERS_PER_ACCOUNT", "phone numbers"),
    "POOLS": ("pools_quota", MAX_POOLS, "POOLS_PER_ACCOUNT", "pools"),
    "OPT_OUT_LISTS": ("opt_out_lists_quota", MAX_OPT_OUT_LISTS, "OPT_OUT_LISTS_PER_ACCOUNT", "opt-out lists"),
    "SENDER_IDS": ("sender_ids_quota", None, "SENDER_IDS_PER_ACCOUNT", "sender IDs"),
    "REGISTRATIONS": ("registrations_quota", None, "REGISTRATIONS_PER_ACCOUNT", "registrations"),
}


def default_config() -> dict[str, Any]:
    return {setting: default for setting, default, _reason, _what in LIMITS.values()}


def check_config(key: str, value: Any) -> Any:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(f"{key} must be null or an integer >= 0")
    return value


#: API operation -> method of :class:`LimitsMixin`
LIMIT_OPERATIONS = {
    "DescribeAccountLimits": "describe_account_limits",
}


class _Limit:
    """One row of the listing, with the ``seq`` the shared paginator orders by."""

    def __init__(self, seq: int, name: str, used: int, maximum: int) -> None:
        self.seq = seq
        self.view = {"Name": name, "Used": used, "Max": maximum}


class LimitsMixin:
    """The limits side of :class:`~tests.emulator.region.RegionBackend` (which provides the helpers used)."""

    def used(self, name: str) -> int:
        """How much of the limit ``name`` this account and region use, as the create calls count it."""
        if name == "PHONE_NUMBERS":
            return sum(1 for n in self.numbers.values() if n.deleted_at is None)  # type: ignore[attr-defined]
        if name == "POOLS":
            return len(self.pools)  # type: ignore[attr-defined]
        if name == "OPT_OUT_LISTS":
            return len(self.opt_out_lists)  # type: ignore[attr-defined]
        if name == "REGISTRATIONS":
            return len(self.registrations)  # type: ignore[attr-defined]
        return len(self.sender_ids)  # type: ignore[attr-defined]

    def check_room(self, name: str, adding: int = 1) -> None:
        """ServiceQuotaExceededException with the limit's reason when ``adding`` more would exceed it."""
        setting, _default, reason, what = LIMITS[name]
        maximum = self.config.get(setting)  # type: ignore[attr-defined]
        if maximum is not None and self.used(name) + adding > maximum:
            raise quota_exceeded(reason, f"The account already has {self.used(name)} {what}; the limit is {maximum}.")

    def describe_account_limits(self, params: dict[str, Any]) -> dict[str, Any]:
        rows = []
        for seq, (name, (setting, _default, _reason, _what)) in enumerate(LIMITS.items(), start=1):
            maximum = self.config.get(setting)  # type: ignore[attr-defined]
            rows.append(_Limit(seq, name, self.used(name), UNLIMITED if maximum is None else maximum))
        page, token = self._paginate("DescribeAccountLimits", params, rows)  # type: ignore[attr-defined]
        response: dict[str, Any] = {"AccountLimits": [row.view for row in page]}
        if token:
            response["NextToken"] = token
        return filter_output("DescribeAccountLimits", response)
