"""The test-control layer: what is shared by all regions of a process, apart from the service.

:class:`Emulator` holds the lock (the HTTP server is threaded), the clock, the
configuration, injected faults and the call log. :meth:`Emulator.invoke` is the
single entry point every transport uses: unknown operations, faults, request
quotas, model validation, the operation itself (on a
:class:`~tests.emulator.region.RegionBackend`), then the call-log entry. Its
control functions back the ``/_emulator/*`` endpoints and the in-process handle.
"""

from __future__ import annotations

import copy
import re
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import iam, in_flight, number_rules, tagging
from .config import changed_config, default_config, non_negative_number
from .core import DEFAULT_ACCOUNT_ID
from .errors import EmulatorError, field_error, internal_error, throttled, validation_error
from .quotas import QuotaBuckets
from .region import OPERATIONS, RegionBackend
from .registrations import check_seed
from .validation import service_model, validate_input

#: What the seed endpoint takes as an opted-out number: the model's OptedOutNumber pattern, with its ``+``.
E164_DIGITS = re.compile(r"\+[1-9][0-9]{1,18}")

FAULT_KINDS = ("throttle", "server_error", "latency", "drop_after", "not_accessible")
#: The ``error`` a call-log entry carries when a ``drop_after`` fault cut the connection.
CONNECTION_DROPPED = "ConnectionDropped"


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
        #: Writes being served now (arrived, not answered): (account, region, resource ID) -> how many.
        self.arrived = in_flight.Arrivals()
        self.store = store or DictRegionStore(lambda account, region: RegionBackend(account, region, self))

    def region(self, region: str, account_id: str = DEFAULT_ACCOUNT_ID) -> RegionBackend:
        with self.lock:
            return self.store.get(account_id, region)

    # -- the API --------------------------------------------------------------

    def invoke(self, operation: str, params: Any, region: str, account_id: str = DEFAULT_ACCOUNT_ID) -> Outcome:
        """Serve one API call; never raises.

        Order: unknown operation, injected fault (latency delays and then
        serves; throttle, server_error and not_accessible answer instead of
        the service), the IAM policy if one is set (:mod:`.iam`), request quota,
        model validation, the operation under the lock, the call-log entry.
        A ``drop_after`` fault lets the operation happen and sets
        ``Outcome.drop``; the transport then cuts the connection, and the call
        log records the error as :data:`CONNECTION_DROPPED`.
        """
        recorded = copy.deepcopy(params)
        fault: Fault | None = None
        arrival: list[tuple[str, str, str]] = []
        try:
            foreign = operation in tagging.OPERATIONS
            if self.config["concurrent_writes_conflict"] and isinstance(params, dict) and not foreign:
                # Before anything else, injected latency included: a write is in flight from its arrival.
                arrival = self.arrived.enter(account_id, region, in_flight.targets(operation, params))
            if operation not in service_model().operation_names and not foreign:
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
            # A request signed for a region the service is not in fails its signature check, before IAM.
            number_rules.check_region(config, region)
            if config["iam_policy"] is not None:
                # Authorized before the request quota and validation: a denied call costs no quota.
                iam.authorize(config["iam_policy"], operation, params, region, account_id)
            if config["quotas"] and not self.quotas.take(
                account_id, region, operation, config["quota_scale"], config["quota_burst_seconds"]
            ):
                raise throttled(operation, injected=False)
            if not isinstance(params, dict):
                raise EmulatorError("SerializationException", "The request body must be a JSON object.")
            if operation not in OPERATIONS and not foreign:
                raise validation_error(
                    "UNKNOWN_OPERATION",
                    f"{operation} is part of the service API but is not emulated.",
                    [{"Name": "Operation", "Message": operation}],
                )
            (tagging.validate_input if foreign else validate_input)(operation, params)
            with self.lock:
                backend = self.store.get(account_id, region)
                if foreign:
                    body = tagging.call(backend, operation, params)
                else:
                    body = backend.call(operation, params)
                    tagging.observe(backend, params, body)
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
        finally:
            self.arrived.leave(arrival)
        outcome.drop = fault is not None and fault.kind == "drop_after"
        self._record(operation, region, recorded, CONNECTION_DROPPED if outcome.drop else outcome.error)
        return outcome

    def _record(self, operation: str, region: str, params: Any, error: str | None) -> None:
        with self.lock:
            self._calls.append(
                {"operation": operation, "region": region, "params": params, "error": error, "at": time.time()}
            )

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
        if operation != "*" and operation not in (*service_model().operation_names, *tagging.OPERATIONS):
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
        aws_tags: dict[str, str] | None = None,
    ) -> list[str]:
        """Lease ``count`` numbers straight in the backend (not logged as calls); returns their IDs.

        ``template`` holds RequestPhoneNumber parameters (defaults: US,
        TRANSACTIONAL, SMS, SIMULATOR); ``{i}`` in a tag value becomes the
        number's index (0-based), so ``{"Key": "Name", "Value": "bench-{i}"}``
        gives every number its own name. ``aws_tags`` (keys starting with
        ``aws:``) are added as AWS itself adds them, e.g. for a number a
        CloudFormation stack created; the API refuses such keys from callers.
        """
        if any(not key.lower().startswith("aws:") for key in aws_tags or {}):
            raise ValueError("aws_tags keys must start with 'aws:'")
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
                number = backend.create_number(planned, tags)
                number.tags.update(aws_tags or {})
                ids.append(number.id)
            tagging.observe_ids(backend, ids)
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
            try:
                backend.check_room("REGISTRATIONS", len(checked))
            except EmulatorError as e:
                raise ValueError(f"registrations: {e.message} (registrations_quota)") from e
            return [backend.add_registration(kind, status).id for kind, status in checked]

    def seed_opted_out_numbers(
        self,
        numbers: list[Any],
        opt_out_list: str = "Default",
        region: str = "us-east-1",
        account_id: str = DEFAULT_ACCOUNT_ID,
    ) -> int:
        """Put numbers on an opt-out list as their end users' STOP replies do (``EndUserOptedOut`` true; not
        logged as calls); how many the list holds then."""
        if not isinstance(numbers, list) or not all(isinstance(n, str) and E164_DIGITS.fullmatch(n) for n in numbers):
            raise ValueError("opted_out_numbers.numbers must be a list of E.164 numbers (+ and 2 to 19 digits)")
        with self.lock:
            backend = self.store.get(account_id, region)
            try:
                listed = backend._opt_out_list(opt_out_list)
            except EmulatorError as e:
                raise ValueError(f"opted_out_numbers.opt_out_list: {e.message}") from e
            for number in numbers:
                backend.add_opted_out(listed, number, end_user=True)
            return len(listed.opted_out)

    def state(self) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """``{region: {"phone_numbers": [...], "pools": [...], "opt_out_lists": [...]}}`` over all accounts."""
        with self.lock:
            result: dict[str, dict[str, list[dict[str, Any]]]] = {}
            for (_account, region), backend in self.store.items():
                target = result.setdefault(
                    region,
                    {"phone_numbers": [], "pools": [], "opt_out_lists": [], "registrations": [], "sender_ids": []},
                )
                for key, values in backend.dump().items():
                    target[key].extend(values)
            return result

    def advance_clock(self, seconds: float) -> float:
        with self.lock:
            return self.clock.advance(seconds)


#: The process-wide emulator that moto and the HTTP server serve.
DEFAULT_EMULATOR = Emulator()
