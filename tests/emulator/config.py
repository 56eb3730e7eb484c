"""The emulator's settings (``POST /_emulator/config``): their defaults and their validation.

Every setting is a choice where the service's model and documentation are
silent; the README's emulator section lists them as assumptions.
"""

from __future__ import annotations

import copy
from typing import Any

from . import iam, limits, number_rules, tagging
from .opted_out_numbers import DEFAULT_OPT_IN_INTERVAL_SECONDS
from .quotas import DEFAULT_QUOTA_BURST_SECONDS, DEFAULT_QUOTA_SCALE
from .registrations import DEFAULT_BLOCKING_STATUSES, check_blocking_statuses
from .resource_policies import MISSING_POLICY_CHOICES

#: US toll-free and 10DLC numbers wait for their registration: days to weeks; 10 days here.
DEFAULT_PENDING_SECONDS = {"LONG_CODE": 0.0, "TOLL_FREE": 864_000.0, "TEN_DLC": 864_000.0, "SIMULATOR": 0.0}
#: The service's time, in seconds of the emulator's clock (which runs with real time): never instant,
#: and short enough for tests. Nobody publishes these durations; the README lists them as assumptions.
#: A number joining or leaving a pool is ASSOCIATING / DISASSOCIATING this long.
DEFAULT_ASSOCIATION_SECONDS = 1.0
#: A new pool is CREATING this long, a deleted one DELETING (still listed by DescribePools).
DEFAULT_POOL_CREATING_SECONDS = 1.0
DEFAULT_POOL_DELETING_SECONDS = 1.0
#: ListPoolOriginationIdentities shows a number this long after it joined, and still shows it this long after it left.
DEFAULT_POOL_LISTING_LAG_SECONDS = 2.0
DEFAULT_DELETED_RETENTION_SECONDS = 300.0
#: How long a write stays in flight, refusing other writes to its resource (``in_flight.py``): the
#: service answers a write once it is done, so 0; a test sets it to meet the ConflictException.
DEFAULT_CONFLICT_WINDOW_SECONDS = 0.0
#: ReleasePhoneNumber still sees the pool a number left this long (longer than DISASSOCIATING lasts).
DEFAULT_POOL_RELEASE_LAG_SECONDS = 2.0
#: How long a ClientToken is remembered; the model is silent, 8 hours is the emulator's choice.
DEFAULT_CLIENT_TOKEN_TTL_SECONDS = 8 * 3600.0

_SECONDS = (
    "association_seconds",
    "pool_creating_seconds",
    "pool_deleting_seconds",
    "pool_listing_lag_seconds",
    "deleted_retention_seconds",
    "pool_release_lag_seconds",
    "client_token_ttl_seconds",
    "conflict_window_seconds",
    "opt_in_interval_seconds",
)


def default_config() -> dict[str, Any]:
    """The configuration a fresh (or reset) emulator uses."""
    return {
        "pending_seconds": dict(DEFAULT_PENDING_SECONDS),
        "association_seconds": DEFAULT_ASSOCIATION_SECONDS,
        "pool_creating_seconds": DEFAULT_POOL_CREATING_SECONDS,
        "pool_deleting_seconds": DEFAULT_POOL_DELETING_SECONDS,
        "pool_listing_lag_seconds": DEFAULT_POOL_LISTING_LAG_SECONDS,
        "deleted_retention_seconds": DEFAULT_DELETED_RETENTION_SECONDS,
        "pool_release_lag_seconds": DEFAULT_POOL_RELEASE_LAG_SECONDS,
        "quotas": True,
        "quota_scale": DEFAULT_QUOTA_SCALE,
        "quota_burst_seconds": DEFAULT_QUOTA_BURST_SECONDS,
        "registration_statuses_blocking_release": list(DEFAULT_BLOCKING_STATUSES),
        "client_token_ttl_seconds": DEFAULT_CLIENT_TOKEN_TTL_SECONDS,
        # An IAM policy every call is authorized against (tests.emulator.iam); null: no IAM checks.
        "iam_policy": None,
        **limits.default_config(),
        "conflict_window_seconds": DEFAULT_CONFLICT_WINDOW_SECONDS,
        # A write arriving while another write to its resource is being served conflicts (in_flight.py).
        "concurrent_writes_conflict": True,
        # DeleteOptedOutNumber: "Each destination phone number can only be deleted once every 30 days."
        "opt_in_interval_seconds": DEFAULT_OPT_IN_INTERVAL_SECONDS,
        # What GetResourcePolicy answers for a resource without a policy (resource_policies.py).
        "missing_resource_policy": "not_found",
        **tagging.default_config(),
        **number_rules.default_config(),
    }


def non_negative_number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{name} must be a number >= 0, not {value!r}")
    return float(value)


def positive_number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0 or value == float("inf"):
        raise ValueError(f"{name} must be a finite number > 0, not {value!r}")
    return float(value)


def changed_config(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``current`` with ``changes`` applied; ``ValueError`` naming the first bad key or value.

    ``pending_seconds`` merges per number type; every other key replaces its value.
    """
    updated = copy.deepcopy(current)
    for key, value in changes.items():
        if key == "pending_seconds":
            if not isinstance(value, dict):
                raise ValueError("pending_seconds must be an object of number type -> seconds")
            for number_type, seconds in value.items():
                if number_type not in DEFAULT_PENDING_SECONDS:
                    raise ValueError(f"unknown number type {number_type!r} in pending_seconds")
                updated["pending_seconds"][number_type] = non_negative_number(f"pending_seconds.{number_type}", seconds)
        elif key in _SECONDS:
            updated[key] = non_negative_number(key, value)
        elif key in tagging.default_config():
            updated[key] = tagging.check_config(key, value)
        elif key == "registration_statuses_blocking_release":
            updated[key] = check_blocking_statuses(value)
        elif key in ("quotas", "concurrent_writes_conflict"):
            if not isinstance(value, bool):
                raise ValueError(f"{key} must be true or false, not {value!r}")
            updated[key] = value
        elif key in ("quota_scale", "quota_burst_seconds"):
            updated[key] = positive_number(key, value)
        elif key == "missing_resource_policy":
            if value not in MISSING_POLICY_CHOICES:
                raise ValueError(
                    f"missing_resource_policy must be one of {list(MISSING_POLICY_CHOICES)}, not {value!r}"
                )
            updated[key] = value
        elif key == "iam_policy":
            updated[key] = copy.deepcopy(iam.check_policy(value))
        elif key in number_rules.default_config():
            updated[key] = number_rules.check_config(key, value)
        elif key in limits.default_config():
            updated[key] = limits.check_config(key, value)
        else:
            raise ValueError(f"unknown configuration key {key!r}; known: {sorted(default_config())}")
    return updated
