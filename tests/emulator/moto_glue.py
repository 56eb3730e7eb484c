"""Registration of the emulator as a moto backend named ``smsvoice``.

moto 5 has no backend for this service. It finds backends in two ways, and
both are fed here:

* ``moto.backend_index.backend_url_patterns``: ``(service, regex)`` pairs that
  ``mock_aws``'s botocore stubber and the server's ``DomainDispatcherApplication``
  match against ``https://sms-voice.<region>.amazonaws.com`` (the server builds
  that host from the SigV4 credential scope's service name ``sms-voice``).
  The Resource Groups Tagging API's host (``https://tagging.<region>.amazonaws.com``)
  is claimed the same way, ahead of moto's own ``resourcegroupstaggingapi``
  backend, so ``GetResources`` sees the emulator's sms-voice resources
  (:mod:`.tagging`); requests that cannot concern them (other operations, or
  resource type filters without an sms-voice type) are handed to moto's backend.
* ``moto.backends.get_backend("smsvoice")``, which imports ``moto.smsvoice``
  and reads ``smsvoice_backends``; a module object registered in
  ``sys.modules`` answers that import.

State lives in :class:`SmsVoiceMotoBackend` instances (one per account and
region) held by moto's ``BackendDict``, so moto's own resets (the end of
``mock_aws``, ``POST /moto-api/reset``) wipe the emulator's resources too.
The shared :data:`~tests.emulator.control.DEFAULT_EMULATOR` reaches them
through :class:`MotoRegionStore`.

``tests/emulator_tests/test_moto_canary.py`` fails loudly if a moto upgrade
changes any of these hooks.
"""

from __future__ import annotations

import json
import re
import sys
import types
from collections.abc import Iterator
from typing import Any

import moto
from botocore.exceptions import ConnectionClosedError
from moto import backend_index
from moto.core.base_backend import AccountSpecificBackend, BackendDict, BaseBackend, backend_lock
from moto.core.responses import BaseResponse

from . import tagging
from .control import DEFAULT_EMULATOR
from .protocol import account_for, handle, is_tagging_target, operation_from_target, region_and_access_key, render
from .region import RegionBackend

SERVICE = "smsvoice"
MODULE_NAME = f"moto.{SERVICE}"
URL_PATTERN = re.compile(r"https?://sms-voice\.(.+)\.amazonaws\.com")
URL_REGEX = r"https?://sms-voice\.(.+)\.amazonaws\.com(/.*)?$"
TAGGING_URL_PATTERN = re.compile(r"https?://tagging\.(.+)\.amazonaws\.com")
TAGGING_URL_REGEX = r"https?://tagging\.(.+)\.amazonaws\.com(/.*)?$"
#: Set in the WSGI environ by the emulator's server front (``server.EmulatorApp``).
WRAPPED_ENVIRON_KEY = "tests.emulator.wrapped"
#: Set by the response class when a ``drop_after`` fault fired; the front then cuts the connection.
DROP_ENVIRON_KEY = "tests.emulator.drop"


class SmsVoiceResponse(BaseResponse):
    """moto's request handler for the service: decode, :func:`protocol.handle`, render."""

    def __init__(self) -> None:
        super().__init__(service_name=SERVICE)

    def _dispatch(
        self, request: Any, full_url: str | None = None, headers: Any = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = request.headers
        url = full_url or getattr(request, "raw_url", "") or request.url
        target = headers.get("X-Amz-Target")
        if is_tagging_target(target) and not _ours(target, request.get_data()):
            from moto.resourcegroupstaggingapi.responses import ResourceGroupsTaggingAPIResponse

            return ResourceGroupsTaggingAPIResponse.dispatch(request, full_url, headers)
        region, access_key = region_and_access_key(headers, url)
        account_id = account_for(headers, access_key)
        outcome = handle(DEFAULT_EMULATOR, target, request.get_data(), region, account_id)
        response = render(outcome)
        if outcome.drop:
            environ = getattr(request, "environ", None) or {}
            if environ.get(WRAPPED_ENVIRON_KEY):
                environ[DROP_ENVIRON_KEY] = True
            else:
                # In-process there is no socket to cut: fail the way botocore does
                # when a server closes the connection without answering.
                raise ConnectionClosedError(endpoint_url=url)
        return response


def _ours(target: str, body: bytes) -> bool:
    """Whether a Tagging API request is one the emulator answers (GetResources that can match sms-voice)."""
    if operation_from_target(target) not in tagging.OPERATIONS:
        return False
    try:
        params = json.loads(body or b"{}")
    except ValueError:
        return True  # the emulator answers a malformed body with a JSON error
    return tagging.concerns_sms_voice(params)


class SmsVoiceMotoBackend(BaseBackend):
    """The resources of one account and region, as moto sees them (``self.state``)."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.state = RegionBackend(account_id, region_name, DEFAULT_EMULATOR)

    @property
    def url_bases(self) -> list[str]:
        return [URL_PATTERN.pattern, TAGGING_URL_PATTERN.pattern]

    @property
    def urls(self) -> dict[str, Any]:
        return {URL_REGEX: SmsVoiceResponse.dispatch, TAGGING_URL_REGEX: SmsVoiceResponse.dispatch}

    @property
    def url_paths(self) -> dict[str, Any]:
        return {"/.*": SmsVoiceResponse.dispatch}

    @property
    def flask_paths(self) -> dict[str, Any]:
        # Every path: the protocol always posts to "/", but a stray path must still get a JSON answer.
        return {"/": SmsVoiceResponse.dispatch, "/<path:path>": SmsVoiceResponse.dispatch}


class _AnyRegionAccountBackends(AccountSpecificBackend):
    """Per-account backends for any region name: the emulator accepts every region."""

    def __contains__(self, region: object) -> bool:
        return True

    def __getitem__(self, region_name: str) -> Any:
        if not dict.__contains__(self, region_name):
            with backend_lock:
                if not dict.__contains__(self, region_name):
                    dict.__setitem__(self, region_name, self.backend(region_name, account_id=self.account_id))
        return dict.__getitem__(self, region_name)


class _AnyRegionBackendDict(BackendDict):
    """moto's ``BackendDict`` whose accounts accept any region; joins moto's reset list on use."""

    def __getitem__(self, account_id: str) -> Any:
        with backend_lock:
            if not dict.__contains__(self, account_id):
                dict.__setitem__(
                    self,
                    account_id,
                    _AnyRegionAccountBackends(
                        service_name=SERVICE,
                        account_id=account_id,
                        backend=self.backend,
                        use_boto3_regions=False,
                        additional_regions=None,
                    ),
                )
            if self not in BackendDict._instances:
                BackendDict._instances.append(self)
        return dict.__getitem__(self, account_id)


smsvoice_backends: BackendDict = _AnyRegionBackendDict(SmsVoiceMotoBackend, SERVICE, use_boto3_regions=False)


class MotoRegionStore:
    """Lets :class:`~tests.emulator.control.Emulator` find its regions inside moto's ``BackendDict``."""

    def __init__(self, backends: BackendDict) -> None:
        self.backends = backends

    def get(self, account_id: str, region: str) -> RegionBackend:
        return self.backends[account_id][region].state

    def items(self) -> Iterator[tuple[tuple[str, str], RegionBackend]]:
        with backend_lock:
            pairs = [
                ((account_id, region), backend.state)
                for account_id, account in dict.items(self.backends)
                for region, backend in dict.items(account)
            ]
        return iter(pairs)

    def clear(self) -> None:
        with backend_lock:
            dict.clear(self.backends)


def register() -> None:
    """Make moto serve the emulator (idempotent; runs on ``import tests.emulator``)."""
    patterns = backend_index.backend_url_patterns
    for pattern in (TAGGING_URL_PATTERN, URL_PATTERN):
        if not any(name == SERVICE and known.pattern == pattern.pattern for name, known in patterns):
            # First in the list, so no broader pattern (nor moto's own tagging backend) can claim the host.
            patterns.insert(0, (SERVICE, pattern))
    module = sys.modules.get(MODULE_NAME)
    if getattr(module, "smsvoice_backends", None) is not smsvoice_backends:
        module = types.ModuleType(MODULE_NAME, "Pinpoint SMS and Voice v2, served by tests.emulator.")
        module.smsvoice_backends = smsvoice_backends  # type: ignore[attr-defined]
        sys.modules[MODULE_NAME] = module
        setattr(moto, SERVICE, module)
    if not isinstance(DEFAULT_EMULATOR.store, MotoRegionStore):
        DEFAULT_EMULATOR.store = MotoRegionStore(smsvoice_backends)
