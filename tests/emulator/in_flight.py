"""Writes in flight: a write to a resource while another write to it is still being carried out conflicts.

The ConflictException documentation: "This can occur if you're trying to perform more than one
operation on the same resource at the same time". Two ways make that happen in the emulator:

* A write is in flight from the moment it arrives until it is answered (``concurrent_writes_conflict``,
  on by default): the server serves calls on threads, and a write to a resource that arrives while
  another write to it is being served (waiting for the service's lock, or slowed by an injected
  ``latency`` fault) is refused at once. Overlapping runs meet this exactly when their writes to one
  resource overlap in time, as on AWS.
* A write stays in flight for ``conflict_window_seconds`` after it was answered (0 by default: the
  service answers its writes once done), for tests that need the refusal without timing threads.

Either refusal is ConflictException without a ``Reason``: none of the model's reasons names
concurrency, and each of them names a state that does not clear by itself. A refused write changes
nothing and does not extend the window.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

from .errors import EmulatorError


def _id(value: str | None) -> list[str]:
    """The resource ID of an ID, name or ARN (``arn:...:pool/pool-1`` -> ``pool-1``)."""
    if not value:
        return []
    return [value.rsplit("/", 1)[1] if value.startswith("arn:") and "/" in value else value]


def _sender(params: dict[str, Any]) -> str:
    """``SENDER/GB``: a sender ID is keyed by ID and country (an ARN ends in both)."""
    value = params.get("SenderId") or ""
    if value.startswith("arn:"):
        return value.split(":sender-id/", 1)[-1]
    return "{0}/{1}".format(value, params.get("IsoCountryCode") or "")


def _identity(params: dict[str, Any]) -> list[str]:
    """The resource an ``OriginationIdentity`` names: a number by ID, a sender ID by ID and country."""
    value = params.get("OriginationIdentity")
    if value and not value.startswith(("phone-", "pool-", "arn:")):
        return [_sender({"SenderId": value, "IsoCountryCode": params.get("IsoCountryCode")})]
    if value and value.startswith("arn:") and ":sender-id/" in value:
        return [_sender({"SenderId": value})]
    return _id(value)


def _opted_out(params: dict[str, Any]) -> str:
    """``list/number``: the opt-out list's name and the number's digits."""
    listed = _id(params.get("OptOutListName"))
    return "{0}/{1}".format(listed[0] if listed else "", (params.get("OptedOutNumber") or "").lstrip("+"))


#: Write operation -> the resources it writes (IDs, or an opt-out list's name). A registration's
#: versions, field values and associations are writes to the registration (an association also to the number).
WRITES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "RequestPhoneNumber": lambda p: _id(p.get("PoolId")),
    "UpdatePhoneNumber": lambda p: _id(p.get("PhoneNumberId")),
    "ReleasePhoneNumber": lambda p: _id(p.get("PhoneNumberId")),
    "CreatePool": _identity,
    "UpdatePool": lambda p: _id(p.get("PoolId")),
    "DeletePool": lambda p: _id(p.get("PoolId")),
    "AssociateOriginationIdentity": _identity,
    "DisassociateOriginationIdentity": _identity,
    "PutKeyword": lambda p: _id(p.get("OriginationIdentity")),
    "DeleteKeyword": lambda p: _id(p.get("OriginationIdentity")),
    "TagResource": lambda p: _id(p.get("ResourceArn")),
    "UntagResource": lambda p: _id(p.get("ResourceArn")),
    "DeleteOptOutList": lambda p: _id(p.get("OptOutListName")),
    "DeleteRegistration": lambda p: _id(p.get("RegistrationId")),
    "CreateRegistrationVersion": lambda p: _id(p.get("RegistrationId")),
    "SubmitRegistrationVersion": lambda p: _id(p.get("RegistrationId")),
    "DiscardRegistrationVersion": lambda p: _id(p.get("RegistrationId")),
    "PutRegistrationFieldValue": lambda p: _id(p.get("RegistrationId")),
    "DeleteRegistrationFieldValue": lambda p: _id(p.get("RegistrationId")),
    "CreateRegistrationAssociation": lambda p: _id(p.get("RegistrationId")) + _id(p.get("ResourceId")),
    "DeleteRegistrationAttachment": lambda p: _id(p.get("RegistrationAttachmentId")),
    # An opted-out number is its own resource (ResourceType opted-out-number): writes of different
    # numbers to one list do not conflict.
    "PutOptedOutNumber": lambda p: [_opted_out(p)],
    "DeleteOptedOutNumber": lambda p: [_opted_out(p)],
    "RequestSenderId": lambda p: [_sender(p)],
    "UpdateSenderId": lambda p: [_sender(p)],
    "ReleaseSenderId": lambda p: [_sender(p)],
    "PutResourcePolicy": lambda p: _id(p.get("ResourceArn")),
    "DeleteResourcePolicy": lambda p: _id(p.get("ResourceArn")),
}


def _kind(resource_id: str) -> str:
    if "/" in resource_id:
        # SENDER/GB (a sender ID and its country) or List/12065550100 (a number on an opt-out list)
        return "sender-id" if re.fullmatch(r"[A-Z]{2}", resource_id.rsplit("/", 1)[1]) else "opted-out-number"
    if resource_id.startswith("phone-"):
        return "phone-number"
    if resource_id.startswith("pool-"):
        return "pool"
    if resource_id.startswith("registration-"):
        return "registration"
    if resource_id.startswith("attachment-"):
        return "registration-attachment"
    return "opt-out-list"


def targets(operation: str, params: dict[str, Any]) -> list[str]:
    """The resources a call writes (none for a read)."""
    find = WRITES.get(operation)
    return find(params) if find is not None else []


def check(in_flight: dict[str, float], resources: list[str], now: float) -> None:
    """ConflictException (no Reason) for the first resource with a write still in flight."""
    for resource_id in resources:
        until = in_flight.get(resource_id)
        if until is not None and now < until:
            raise in_flight_error(resource_id)


def in_flight_error(resource_id: str) -> EmulatorError:
    return EmulatorError(
        "ConflictException",
        f"Another operation on {resource_id} is in progress; try again once it has finished.",
        ResourceType=_kind(resource_id),
        ResourceId=resource_id,
    )


def mark(in_flight: dict[str, float], resources: list[str], now: float, window: float) -> None:
    if window <= 0:
        return
    for resource_id in resources:
        in_flight[resource_id] = now + window


class Arrivals:
    """The writes being served right now, per (account, region, resource ID); thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._serving: dict[tuple[str, str, str], int] = {}

    def enter(self, account_id: str, region: str, resources: list[str]) -> list[tuple[str, str, str]]:
        """Register a write arriving for ``resources``; ConflictException if one of them has a write being served."""
        keys = [(account_id, region, resource_id) for resource_id in resources]
        with self._lock:
            for key in keys:
                if self._serving.get(key):
                    raise in_flight_error(key[2])
            for key in keys:
                self._serving[key] = self._serving.get(key, 0) + 1
        return keys

    def leave(self, keys: list[tuple[str, str, str]]) -> None:
        with self._lock:
            for key in keys:
                left = self._serving.get(key, 0) - 1
                if left > 0:
                    self._serving[key] = left
                else:
                    self._serving.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._serving.clear()
