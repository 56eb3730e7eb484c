"""The service's wire protocol (AWS JSON 1.0) on top of :meth:`Emulator.invoke`.

Shared by the moto response class (in-process ``mock_aws`` and moto's server)
and the emulator's own WSGI front for unsigned requests, so every path
parses ``X-Amz-Target`` and the body the same way and renders errors the way
botocore expects: ``__type`` in the body and ``X-Amzn-ErrorType`` header, the
modelled members (``Reason``, ``Fields``, ``ResourceType``, ``ResourceId``) at
the top level of the JSON document.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any

from . import tagging
from .control import Emulator, Outcome
from .core import DEFAULT_ACCOUNT_ID
from .validation import TARGET_PREFIX

CONTENT_TYPE = "application/x-amz-json-1.0"
_CREDENTIAL_RE = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/]+)/")
_HOST_REGION_RE = re.compile(r"(?:sms-voice|tagging)\.([a-z0-9-]+)\.amazonaws\.com")


class _Unparseable:
    """Stands in for a body that is not JSON, so the call is still logged and answered in JSON."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __deepcopy__(self, memo: dict[int, Any]) -> str:
        return self.text


def operation_from_target(target: str | None) -> str:
    """``PinpointSMSVoiceV2.RequestPhoneNumber`` -> ``RequestPhoneNumber``; anything else is returned as is.

    ``ResourceGroupsTaggingAPI_20170126.GetResources`` -> ``GetResources`` (served by
    :mod:`.tagging`). A target of another service (or none), or a Tagging API
    operation under the SMS API's prefix, is passed on unchanged, so the
    emulator answers it as an unknown operation.
    """
    if target and target.startswith(TARGET_PREFIX + "."):
        name = target[len(TARGET_PREFIX) + 1 :]
        return target if name in tagging.OPERATIONS else name
    if target and target.startswith(tagging.TARGET_PREFIX + "."):
        name = target[len(tagging.TARGET_PREFIX) + 1 :]
        return name if name in tagging.OPERATIONS else target
    return target or "<missing X-Amz-Target>"


def is_tagging_target(target: str | None) -> bool:
    """Whether the request is for the Resource Groups Tagging API."""
    return bool(target) and target.startswith(tagging.TARGET_PREFIX + ".")  # type: ignore[union-attr]


def region_and_access_key(headers: Mapping[str, str], url: str = "") -> tuple[str, str | None]:
    """The SigV4 credential scope's region (else the host's, else us-east-1) and the access key."""
    authorization = headers.get("Authorization") or headers.get("authorization") or ""
    match = _CREDENTIAL_RE.search(authorization)
    if match:
        return match.group(2), match.group(1)
    host_match = _HOST_REGION_RE.search(url)
    return (host_match.group(1) if host_match else "us-east-1"), None


def account_for(headers: Mapping[str, str], access_key: str | None) -> str:
    """The account the request is for, resolved as moto does (env, header, access key)."""
    if "MOTO_ACCOUNT_ID" in os.environ:
        return os.environ["MOTO_ACCOUNT_ID"]
    header = headers.get("x-moto-account-id") or headers.get("X-Moto-Account-Id")
    if header:
        return header
    if access_key:
        try:
            from moto.iam.models import get_account_id_from
        except ImportError:  # pragma: no cover - moto is a test dependency
            return DEFAULT_ACCOUNT_ID
        return get_account_id_from(access_key)
    return DEFAULT_ACCOUNT_ID


def handle(emulator: Emulator, target: str | None, body: bytes | str | None, region: str, account_id: str) -> Outcome:
    """Decode one JSON 1.0 request and serve it."""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else (body or "")
    params: Any
    if not text.strip():
        params = {}
    else:
        try:
            params = json.loads(text)
        except ValueError:
            params = _Unparseable(text)
    return emulator.invoke(operation_from_target(target), params, region=region, account_id=account_id)


def render(outcome: Outcome) -> tuple[int, dict[str, str], bytes]:
    """``(status, headers, body)`` of an outcome, in the shape botocore's JSON parser reads."""
    headers = {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": outcome.request_id}
    if outcome.error:
        headers["X-Amzn-ErrorType"] = outcome.error
    return outcome.status, headers, json.dumps(outcome.body).encode("utf-8")
