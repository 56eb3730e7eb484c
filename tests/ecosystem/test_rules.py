"""CONTRIBUTING's rule-by-rule table is the one the tests' ``pytest.mark.rule`` markers generate now."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.rule_table import ROOT, contributing_table, rules, table


def test_contributing_holds_the_rule_table_the_tests_generate():
    assert contributing_table() == table(), "run scripts/rules-table --write"


def test_every_emulated_rule_names_a_test_that_exists():
    emulated = [status for _rule, _source, status in rules() if status.startswith("emulated")]
    assert len(emulated) >= 9
    for status in emulated:
        path, name = status.split("`")[1].split("::")
        tree = ast.parse((Path(ROOT) / path).read_text())
        assert name in {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}, status
