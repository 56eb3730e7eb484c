"""Run the collection's modules through real ``ansible-playbook`` against the emulator server.

``run_task`` writes a one-play playbook for localhost, runs it in a subprocess
with the emulator's endpoint and dummy credentials in the environment, and
returns what the module returned plus the API operations the emulator recorded
during that run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.emulator import TEST_QUOTA_SCALE

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTIONS_ROOT = REPO_ROOT / ".tmp" / "collections"
CALLBACKS = Path(__file__).resolve().parent / "callback_plugins"
ANSIBLE_PLAYBOOK = str(Path(sys.executable).with_name("ansible-playbook"))


READS = ("Describe", "List", "Get")


@dataclass
class TaskRun:
    """The outcome of one ansible-playbook run of one task."""

    result: dict
    status: str
    operations: list
    calls: list
    stdout: str
    stderr: str
    returncode: int

    @property
    def changed(self):
        return bool(self.result.get("changed"))

    @property
    def failed(self):
        return self.status == "failed" or bool(self.result.get("failed"))

    @property
    def number(self):
        return self.result.get("phone_number")

    @property
    def mutating(self):
        return [op for op in self.operations if not op.startswith(READS)]


def ansible_env(emulator, extra=None):
    env = dict(os.environ)
    env.update(emulator.env())
    env.update(
        ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS_ROOT),
        ANSIBLE_CALLBACK_PLUGINS=str(CALLBACKS),
        ANSIBLE_CALLBACKS_ENABLED="record",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        ANSIBLE_LOCALHOST_WARNING="0",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_HOME=str(REPO_ROOT / ".tmp" / "ansible-home"),
        # The emulator fixtures scale the published quotas by this; the modules pace to the same rates.
        SMS_VOICE_QUOTA_SCALE=str(TEST_QUOTA_SCALE),
    )
    for name, value in (extra or {}).items():
        if value is None:  # None removes a variable, e.g. the emulator's AWS_REGION
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_playbook(emulator, plays, check=False, diff=True, verbosity=0, extra_env=None, extra_args=(), timeout=600):
    """Run a playbook (a list of plays) and return (task records, operations, calls, completed process)."""
    with tempfile.TemporaryDirectory(prefix="pb-") as tmp:
        playbook = Path(tmp) / "playbook.yml"
        playbook.write_text(yaml.safe_dump(plays, sort_keys=False))
        record = Path(tmp) / "results.json"
        before = len(emulator.calls())
        cmd = [ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", str(playbook), *extra_args]
        if check:
            cmd.append("--check")
        if diff:
            cmd.append("--diff")
        if verbosity:
            cmd.append("-" + "v" * verbosity)
        proc = subprocess.run(
            cmd,
            env=ansible_env(emulator, dict(extra_env or {}, RECORD_RESULTS_PATH=str(record))),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        records = json.loads(record.read_text()) if record.exists() else []
        calls = emulator.calls()[before:]
    return records, [c["operation"] for c in calls], calls, proc


def run_task(emulator, module, args, check=False, diff=True, verbosity=0, extra_env=None, timeout=600):
    """Run one task of ``pinpoint.sms_voice.<module>`` and return a TaskRun (``timeout``: seconds it may take)."""
    task = {"name": "task under test", "pinpoint.sms_voice." + module: args, "register": "out"}
    play = {"hosts": "localhost", "gather_facts": False, "tasks": [task]}
    records, operations, calls, proc = run_playbook(
        emulator, [play], check, diff, verbosity, extra_env, timeout=timeout
    )
    mine = [r for r in records if r["task"] == "task under test"]
    if not mine:
        raise AssertionError(
            "ansible-playbook produced no result (rc {0})\nstdout:\n{1}\nstderr:\n{2}".format(
                proc.returncode, proc.stdout, proc.stderr
            )
        )
    return TaskRun(mine[0]["result"], mine[0]["status"], operations, calls, proc.stdout, proc.stderr, proc.returncode)


def converge(emulator, module, args, first_ops, first_changed=True, settling=()):
    """check -> apply -> idempotent check -> idempotent apply, asserting each phase.

    ``first_ops`` are the mutating operations the apply must make (in order).
    ``settling`` names operations the service must refuse at first, with a
    ConflictException, while a change before them settles (a release that still
    sees the pool its number just left): the apply retries them, and their
    refused attempts are asserted apart from ``first_ops``.
    Returns the four TaskRuns.
    """
    check = run_task(emulator, module, args, check=True)
    assert not check.failed, check.result.get("msg")
    assert check.changed is first_changed
    assert check.mutating == [], "check mode made mutating calls: {0}".format(check.mutating)

    apply = run_task(emulator, module, args)
    assert not apply.failed, apply.result.get("msg")
    assert apply.changed is first_changed
    if settling:
        refused = [c for c in apply.calls if c["operation"] in settling and c["error"]]
        assert refused and all(c["error"] == "ConflictException" for c in refused), apply.calls
        made = [c["operation"] for c in apply.calls if c not in refused and not c["operation"].startswith(READS)]
        assert made == first_ops
    else:
        assert apply.mutating == first_ops

    again_check = run_task(emulator, module, args, check=True)
    assert not again_check.failed, again_check.result.get("msg")
    assert again_check.changed is False
    assert again_check.mutating == []

    again = run_task(emulator, module, args)
    assert not again.failed, again.result.get("msg")
    assert again.changed is False
    assert again.mutating == [], "a converged task must only read, made {0}".format(again.mutating)
    return check, apply, again_check, again


class StartedTask:
    """One ansible-playbook run of one task, started in the background (its own process group)."""

    def __init__(self, emulator, module, args, extra_env=None):
        self._tmp = tempfile.TemporaryDirectory(prefix="pb-")
        task = {"name": "task under test", "pinpoint.sms_voice." + module: args, "register": "out"}
        playbook = Path(self._tmp.name) / "playbook.yml"
        playbook.write_text(yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "tasks": [task]}]))
        self._record = Path(self._tmp.name) / "results.json"
        self.proc = subprocess.Popen(
            [ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", str(playbook)],
            env=ansible_env(emulator, dict(extra_env or {}, RECORD_RESULTS_PATH=str(self._record))),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def kill(self):
        """Kill the run and the module process it started, as a cancelled pipeline job is."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.communicate(timeout=60)
        self._tmp.cleanup()

    def wait(self, timeout=600):
        """The TaskRun once the run ends (operations and calls are not told apart between runs: empty)."""
        stdout, stderr = self.proc.communicate(timeout=timeout)
        try:
            records = json.loads(self._record.read_text()) if self._record.exists() else []
        finally:
            self._tmp.cleanup()
        mine = [r for r in records if r["task"] == "task under test"]
        if not mine:
            raise AssertionError(
                "ansible-playbook produced no result (rc {0})\nstdout:\n{1}\nstderr:\n{2}".format(
                    self.proc.returncode, stdout, stderr
                )
            )
        return TaskRun(mine[0]["result"], mine[0]["status"], [], [], stdout, stderr, self.proc.returncode)


def run_tasks_at_once(emulator, module, args, count, extra_env=None):
    """Start ``count`` ansible-playbook runs of one task together; returns their TaskRuns, in start order."""
    started = [StartedTask(emulator, module, args, extra_env) for _attempt in range(count)]
    return [run.wait() for run in started]
