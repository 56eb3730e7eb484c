"""Emulator of Amazon Pinpoint SMS and Voice v2 (``pinpoint-sms-voice-v2``) for the collection's tests.

moto has no backend for this service, so the project ships its own: a
plain-Python stateful backend split by resource (:mod:`.region`, with the
test-control layer in :mod:`.control`) checked against botocore's
service model (:mod:`.validation`), registered as a moto backend
(:mod:`.moto_glue`) so that ``moto.mock_aws`` serves it in-process and moto's
server serves it over HTTP (:mod:`.server`, ``python -m tests.emulator``).

Importing this package registers the backend with moto (idempotently).
Entry points for tests and scripts::

    from tests.emulator import EmulatorHandle, InProcessEmulatorHandle, running_server, start_subprocess

    with running_server() as server:          # python -m tests.emulator --port 0
        handle = EmulatorHandle(server.url)
        handle.seed(10_000)
        client = handle.client()
"""

from .config import DEFAULT_PENDING_SECONDS
from .control import CONNECTION_DROPPED, DEFAULT_EMULATOR, Clock, Emulator
from .core import DEFAULT_ACCOUNT_ID
from .errors import EmulatorError
from .handle import EmulatorControlError, EmulatorHandle, InProcessEmulatorHandle
from .moto_glue import register
from .quotas import QUOTAS, TEST_QUOTA_SCALE
from .region import RegionBackend
from .server import ServerProcess, running_server, start_subprocess

register()

__all__ = [
    "CONNECTION_DROPPED",
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_EMULATOR",
    "DEFAULT_PENDING_SECONDS",
    "QUOTAS",
    "TEST_QUOTA_SCALE",
    "Clock",
    "Emulator",
    "EmulatorControlError",
    "EmulatorError",
    "EmulatorHandle",
    "InProcessEmulatorHandle",
    "RegionBackend",
    "ServerProcess",
    "register",
    "running_server",
    "start_subprocess",
]
