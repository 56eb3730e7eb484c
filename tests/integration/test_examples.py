"""The EXAMPLES of the modules that manage pools and opt-out lists run, as written, against the emulator.

A user copies them into a playbook; each module's examples form one play here,
and every task of it must succeed.
"""

from __future__ import annotations

import ast

import pytest
import yaml

from .harness import REPO_ROOT, run_playbook

RUNNABLE = (
    "pool",
    "opt_out_list",
    "opt_out_list_info",
    "registration",
    "registration_info",
    "sender_id",
    "sender_id_info",
)


def examples(module):
    tree = ast.parse((REPO_ROOT / "plugins" / "modules" / "{0}.py".format(module)).read_text())
    text = next(
        node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets)
    )
    return yaml.safe_load(text)


@pytest.mark.parametrize("module", RUNNABLE)
def test_examples_run_against_the_emulator(emulator, module):
    tasks = examples(module)
    assert any("pinpoint.sms_voice." + module in task for task in tasks)
    play = [{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    records, _operations, _calls, proc = run_playbook(emulator, play)
    assert proc.returncode == 0, proc.stdout[-4000:]
    failed = [r for r in records if r["status"] == "failed"]
    assert failed == []
    if not module.endswith("_info"):  # an _info module only reads
        assert any(r["result"].get("changed") for r in records)
