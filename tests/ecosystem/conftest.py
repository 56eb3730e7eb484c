"""The ``slow`` marker of the ecosystem tests.

Tests marked ``slow`` run whole external tools (ansible-test sanity creates
its own virtualenvs on a first run); they still run in the default test
command. ``pytest -m "not slow"`` leaves them out for a quick local run.
"""

from __future__ import annotations


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: runs a whole external tool (ansible-test sanity); takes minutes")
