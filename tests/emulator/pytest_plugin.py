"""pytest fixtures for the emulator (registered by ``tests/conftest.py``).

``emulator_server`` (session)
    A ``python -m tests.emulator --port 0`` subprocess
    (:class:`~tests.emulator.server.ServerProcess`: ``.url``, ``.log_path``,
    ``.stop()``), stopped with SIGTERM when the session ends. Each
    pytest-xdist worker is its own session and so gets its own server.
``emulator`` (function)
    An :class:`~tests.emulator.handle.EmulatorHandle` on that server, reset
    before the test.
``mock_emulator`` (function)
    An :class:`~tests.emulator.handle.InProcessEmulatorHandle` inside
    ``moto.mock_aws``, with AWS endpoint variables removed and dummy
    credentials set, reset before and after the test.

Both keep the request quotas on, multiplied by
:data:`~tests.emulator.quotas.TEST_QUOTA_SCALE` so the suite stays fast; a
test that needs the published rates sets ``quota_scale=1`` itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.emulator import (
    DEFAULT_EMULATOR,
    TEST_QUOTA_SCALE,
    EmulatorHandle,
    InProcessEmulatorHandle,
    ServerProcess,
    start_subprocess,
)

_ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", "AWS_URL", "AWS_PROFILE")


@pytest.fixture(scope="session")
def emulator_server() -> Iterator[ServerProcess]:
    server = start_subprocess()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def emulator(emulator_server: ServerProcess) -> EmulatorHandle:
    handle = EmulatorHandle(emulator_server.url)
    handle.reset()
    handle.config(quotas=True, quota_scale=TEST_QUOTA_SCALE)
    return handle


@pytest.fixture
def mock_emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[InProcessEmulatorHandle]:
    from moto import mock_aws

    for name in _ENDPOINT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    handle = InProcessEmulatorHandle(DEFAULT_EMULATOR)
    for name, value in handle.env().items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        handle.reset()
        handle.config(quotas=True, quota_scale=TEST_QUOTA_SCALE)
        try:
            yield handle
        finally:
            handle.reset()
