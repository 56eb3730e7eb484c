"""The rule-by-rule table of CONTRIBUTING.md, generated from the tests that check the rules.

A test that checks a rule of the service carries ``@pytest.mark.rule(name, source=...)``; the
table lists each such rule with its source and the test that checks it, then the rules the
emulator does not emulate yet (:data:`NOT_EMULATED`). ``scripts/rules-table`` prints it (``--write``
puts it into CONTRIBUTING.md); ``tests/ecosystem/test_rules.py`` fails when CONTRIBUTING's table is
not the one generated now.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
BEGIN = "<!-- BEGIN rule table (scripts/rules-table --write) -->"
END = "<!-- END rule table -->"

#: (rule, source) of the rules the emulator accepts today without answering what the service would.
NOT_EMULATED: tuple[tuple[str, str], ...] = ()


def _marked(path: Path):
    """(rule, source, test node ID) for each ``pytest.mark.rule`` in a test module."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
            continue
        for decorator in node.decorator_list:
            if not (isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "pytest.mark.rule"):
                continue
            rule = ast.literal_eval(decorator.args[0])
            sources = [ast.literal_eval(k.value) for k in decorator.keywords if k.arg == "source"]
            source = sources[0] if sources else None
            yield rule, source, "{0}::{1}".format(path.relative_to(ROOT).as_posix(), node.name)


def rules():
    """Every marked rule, sorted by test, then :data:`NOT_EMULATED`: (rule, source, status)."""
    found = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        found.extend(_marked(path))
    rows = [(rule, source, "emulated; `{0}`".format(test)) for rule, source, test in sorted(found, key=lambda r: r[2])]
    rows += [(rule, source, "not emulated: accepted") for rule, source in NOT_EMULATED]
    return rows


def table():
    """The markdown table, between its markers."""
    lines = [BEGIN, "", "| rule | source | emulator |", "| --- | --- | --- |"]
    lines += ["| {0} | {1} | {2} |".format(*(cell.replace("|", "\\|") for cell in row)) for row in rules()]
    return "\n".join(lines + ["", END])


def contributing_table(text=None):
    """The table CONTRIBUTING.md holds now (between the markers), or None."""
    text = CONTRIBUTING.read_text() if text is None else text
    if BEGIN not in text or END not in text:
        return None
    start = text.index(BEGIN)
    return text[start : text.index(END) + len(END)]


def write():
    text = CONTRIBUTING.read_text()
    current = contributing_table(text)
    if current is None:
        raise SystemExit("CONTRIBUTING.md has no rule table markers ({0} ... {1})".format(BEGIN, END))
    CONTRIBUTING.write_text(text.replace(current, table()))
