"""Fixtures for the emulator's own tests.

``api`` runs a test twice, against the in-process emulator (``mock_aws``) and
the HTTP server, because both transports must behave identically.
``no_backoff`` removes botocore's retry sleeps so fault tests stay fast while
still going through botocore's real retry decisions.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.retries import standard


@pytest.fixture(params=["in-process", "http"])
def api(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue("mock_emulator" if request.param == "in-process" else "emulator")


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(standard.ExponentialBackoff, "delay_amount", lambda self, context: 0)
