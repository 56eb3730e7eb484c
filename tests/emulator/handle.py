"""Test handles: one interface to an emulator, over HTTP or in-process.

:class:`EmulatorHandle` drives a server started with ``python -m
tests.emulator`` through its ``/_emulator/*`` endpoints;
:class:`InProcessEmulatorHandle` drives the process's own emulator (the one
``moto.mock_aws`` serves) through the same control code, so a test can switch
between the two without changing a line.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from functools import cache
from typing import Any

import boto3
import botocore.session
from botocore.config import Config

from .control import DEFAULT_EMULATOR, Emulator
from .validation import SERVICE_NAME

DUMMY_ACCESS_KEY = "testing"
DUMMY_SECRET_KEY = "testing"
READ_ONLY_PREFIXES = ("Describe", "List", "Get")


@cache
def _shared_session() -> boto3.session.Session:
    """One botocore session per process: its loaded models make each new client ~10 ms instead of ~200 ms."""
    return boto3.session.Session(botocore_session=botocore.session.get_session())


class EmulatorControlError(RuntimeError):
    """A control endpoint refused the request (bad fault, unknown config key, ...)."""


class EmulatorHandle:
    """Control and client factory for an emulator server at ``url``."""

    def __init__(self, url: str | None) -> None:
        self.url = url.rstrip("/") if url else None

    # -- transport ---------------------------------------------------------------

    def _control(self, method: str, name: str, payload: Any = None) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(
            f"{self.url}/_emulator/{name}", data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")
            raise EmulatorControlError(f"{method} /_emulator/{name} -> {error.code}: {detail}") from error

    # -- call log ------------------------------------------------------------------

    def calls(self) -> list[dict[str, Any]]:
        """Every API call since the last reset, oldest first: ``operation``, ``region``, ``params``, ``error``."""
        return self._control("GET", "calls")

    def operations(self) -> list[str]:
        """The operation names of :meth:`calls`, in order."""
        return [call["operation"] for call in self.calls()]

    def mutating_operations(self) -> list[str]:
        """:meth:`operations` without the read-only ones (Describe*, List*, Get*)."""
        return [name for name in self.operations() if not name.startswith(READ_ONLY_PREFIXES)]

    # -- control ---------------------------------------------------------------------

    def reset(self) -> None:
        """Forget all resources, faults and calls; configuration and clock back to defaults."""
        self._control("POST", "reset", {})

    def fault(self, operation: str, kind: str, count: int = 1, seconds: float = 0) -> list[dict[str, Any]]:
        """Inject a fault into the next ``count`` calls of ``operation`` (``"*"``: every operation).

        ``kind``: ``throttle`` (400 ThrottlingException), ``server_error`` (500
        InternalServerException), ``latency`` (delay ``seconds``, then serve),
        ``drop_after`` (serve, then drop the connection) or ``not_accessible``
        (400 ValidationException ``RESOURCE_NOT_ACCESSIBLE``, as while a new
        two-way role propagates in IAM). Returns the pending faults.
        """
        result = self._control(
            "POST", "faults", {"operation": operation, "kind": kind, "count": count, "seconds": seconds}
        )
        return result["faults"]

    def faults(self) -> list[dict[str, Any]]:
        return self._control("GET", "faults")

    def clear_faults(self) -> None:
        """Drop the faults still pending (``DELETE /_emulator/faults``); state and call log stay."""
        self._control("DELETE", "faults")

    def config(self, **changes: Any) -> dict[str, Any]:
        """Change configuration (``pending_seconds`` merges per number type) and return all of it.

        ``iam_policy=<policy document>`` enforces an IAM policy on every call (``None`` turns it off).
        """
        return self._control("POST", "config", changes)

    def seed(
        self,
        count: int,
        region: str = "us-east-1",
        account_id: str | None = None,
        aws_tags: dict[str, str] | None = None,
        **template: Any,
    ) -> list[str]:
        """Create ``count`` numbers from RequestPhoneNumber parameters, bypassing the API and call log.

        ``account_id``: another account than the default; ``aws_tags``: ``aws:`` tags as AWS sets them.
        """
        payload: dict[str, Any] = {"count": count, "region": region, "template": template}
        if account_id is not None:
            payload["account_id"] = account_id
        if aws_tags:
            payload["aws_tags"] = aws_tags
        return self._control("POST", "seed", payload)["phone_number_ids"]

    def seed_registrations(self, *registrations: dict[str, str], region: str = "us-east-1") -> list[str]:
        """Create registrations from ``{"RegistrationType", "RegistrationStatus"}`` objects; returns their IDs."""
        return self._control("POST", "seed", {"region": region, "registrations": list(registrations)})[
            "registration_ids"
        ]

    def seed_opted_out_numbers(
        self, numbers: list[str], opt_out_list: str = "Default", region: str = "us-east-1"
    ) -> int:
        """Put E.164 numbers on an opt-out list as if their end users had replied STOP; how many it then holds."""
        payload = {"region": region, "opted_out_numbers": {"opt_out_list": opt_out_list, "numbers": list(numbers)}}
        return self._control("POST", "seed", payload)["opted_out_numbers"]

    def state(self) -> dict[str, Any]:
        """``{region: {"phone_numbers", "pools", "opt_out_lists", "registrations"}}``, with tags and keywords."""
        return self._control("GET", "state")

    def advance_clock(self, seconds: float) -> float:
        """Make ``seconds`` pass for the emulator (pending numbers, retention); returns its new time."""
        return self._control("POST", "clock", {"advance": seconds})["now"]

    # -- clients -------------------------------------------------------------------------

    def client(self, region: str = "us-east-1", **config: Any) -> Any:
        """A boto3 ``pinpoint-sms-voice-v2`` client for the emulator: dummy credentials, standard retries.

        Keyword arguments go to ``botocore.config.Config`` and win over the defaults.
        """
        settings = {"retries": {"mode": "standard"}, **config}
        return _shared_session().client(
            SERVICE_NAME,
            region_name=region,
            endpoint_url=self._endpoint(region),
            aws_access_key_id=DUMMY_ACCESS_KEY,
            aws_secret_access_key=DUMMY_SECRET_KEY,
            config=Config(**settings),
        )

    def tagging_client(self, region: str = "us-east-1", **config: Any) -> Any:
        """A boto3 ``resourcegroupstaggingapi`` client for the emulator (``GetResources`` on its sms-voice resources)."""
        settings = {"retries": {"mode": "standard"}, **config}
        return _shared_session().client(
            "resourcegroupstaggingapi",
            region_name=region,
            endpoint_url=self._endpoint(region, "tagging"),
            aws_access_key_id=DUMMY_ACCESS_KEY,
            aws_secret_access_key=DUMMY_SECRET_KEY,
            config=Config(**settings),
        )

    def _endpoint(self, region: str, prefix: str = "sms-voice") -> str:
        return self.url  # type: ignore[return-value]

    def env(self, region: str = "us-east-1") -> dict[str, str]:
        """Environment variables pointing AWS SDKs, the AWS CLI and ansible-playbook at the emulator.

        Merge into a copy of ``os.environ``. Shared config and credential files
        are replaced by ``os.devnull`` so a developer's profiles cannot leak in
        (an ``AWS_PROFILE`` in the outer environment must be removed by the caller).
        """
        env = {
            "AWS_ACCESS_KEY_ID": DUMMY_ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": DUMMY_SECRET_KEY,
            "AWS_DEFAULT_REGION": region,
            "AWS_REGION": region,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        if self.url:
            env["AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2"] = self.url
            env["AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API"] = self.url
            env["AWS_URL"] = self.url
        return env


class InProcessEmulatorHandle(EmulatorHandle):
    """The same interface on this process's emulator, as served by ``moto.mock_aws``.

    ``url`` is ``None``; :meth:`client` targets the service's real hostname,
    which ``mock_aws`` intercepts; :meth:`env` has no endpoint variables.
    """

    def __init__(self, emulator: Emulator | None = None) -> None:
        super().__init__(None)
        from .server import EmulatorApp

        self.emulator = emulator or DEFAULT_EMULATOR
        self._app = EmulatorApp(self.emulator, inner=lambda environ, start_response: [])

    def _control(self, method: str, name: str, payload: Any = None) -> Any:
        from .server import _ControlError

        try:
            # A JSON round trip keeps results identical to the HTTP handle's.
            return json.loads(
                json.dumps(self._app._control_action(method, name, payload if payload is not None else {}))
            )
        except _ControlError as error:
            raise EmulatorControlError(f"{method} /_emulator/{name} -> {error.status}: {error.message}") from error
        except (ValueError, TypeError) as error:
            raise EmulatorControlError(f"{method} /_emulator/{name} -> 400: {error}") from error

    def _endpoint(self, region: str, prefix: str = "sms-voice") -> str:
        return f"https://{prefix}.{region}.amazonaws.com"
