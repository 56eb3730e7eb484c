"""docs/: the generated module pages are current, and the guide covers what users need.

docs/modules/*.md are rendered by scripts/gen-docs from ``ansible-doc --json``
(the modules' DOCUMENTATION with fragments resolved, EXAMPLES, RETURN) and
docs/iam/*.json; the same script keeps the policies embedded in docs/guide.md.
A page that differs from what the script renders now is stale.
"""

from __future__ import annotations

import json
import re
import sys
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest
import yaml

from .helpers import MODULES, REPO_ROOT, run

DOCS = REPO_ROOT / "docs"
GUIDE = DOCS / "guide.md"


def load_gen_docs():
    loader = SourceFileLoader("gen_docs", str(REPO_ROOT / "scripts" / "gen-docs"))
    module = module_from_spec(spec_from_loader("gen_docs", loader))
    loader.exec_module(module)
    return module


def fenced_blocks(text, language):
    return re.findall(r"^```{0}\n(.*?)^```$".format(language), text, flags=re.S | re.M)


@pytest.fixture(scope="module")
def rendered():
    return {path.relative_to(REPO_ROOT): text for path, text in load_gen_docs().pages().items()}


def test_generated_pages_are_committed_and_current(rendered):
    expected = {"docs/modules/{0}.md".format(m) for m in MODULES} | {"docs/guide.md"}
    assert {str(p) for p in rendered} == expected
    stale = [
        str(p) for p, text in rendered.items() if not (REPO_ROOT / p).exists() or (REPO_ROOT / p).read_text() != text
    ]
    assert stale == [], "stale pages, run scripts/gen-docs"


def test_gen_docs_check_mode_agrees():
    proc = run([sys.executable, REPO_ROOT / "scripts" / "gen-docs", "--check"], check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("module", MODULES)
def test_module_page_shows_every_option_and_return_value(module, rendered):
    page = rendered[Path("docs", "modules", module + ".md")]
    doc = load_gen_docs().ansible_doc(module)

    def anchors(kind, tree, path=()):
        for name, spec in tree.items():
            yield "{0}-{1}".format(kind, "/".join(path + (name,))).lower()
            yield from anchors(kind, spec.get("suboptions") or spec.get("contains") or {}, path + (name,))

    for anchor in list(anchors("parameter", doc["doc"]["options"])) + list(anchors("return", doc["return"])):
        assert '<a id="{0}"></a>'.format(anchor) in page
    assert "```yaml\n" + doc["examples"].strip("\n") in page
    policy = (DOCS / "iam" / "{0}.json".format(module)).read_text().strip()
    assert "```json\n" + policy + "\n```" in page


def test_links_between_pages_resolve():
    pages = [GUIDE, *sorted((DOCS / "modules").glob("*.md"))]
    broken = []
    for page in pages:
        text = page.read_text()
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _sep, anchor = target.partition("#")
            dest = (page.parent / path).resolve() if path else page
            if not dest.exists():
                broken.append("{0}: {1}".format(page.name, target))
            elif anchor and '<a id="{0}"></a>'.format(anchor) not in dest.read_text():
                broken.append("{0}: {1}".format(page.name, target))
    assert broken == []


def test_guide_covers_what_users_need():
    guide = GUIDE.read_text()
    for topic in (
        "AWS_REGION",
        "profile",
        "group/pinpoint.sms_voice.aws",
        "--check --diff",
        "number_type: SIMULATOR",
        "sms-voice.amazonaws.com",
        "sts:AssumeRole",
        "sns:Publish",
        "connect.<region>.amazonaws.com",
        "two_way_channel_role",
    ):
        assert topic in guide, topic


def test_guide_embeds_both_iam_policies():
    guide = GUIDE.read_text()
    blocks = [json.loads(block) for block in fenced_blocks(guide, "json")]
    for module in MODULES:
        policy = json.loads((DOCS / "iam" / "{0}.json".format(module)).read_text())
        assert policy in blocks, module


def test_guide_code_blocks_parse():
    guide = GUIDE.read_text()
    json_blocks = fenced_blocks(guide, "json")
    yaml_blocks = fenced_blocks(guide, "yaml")
    assert len(json_blocks) >= 5 and len(yaml_blocks) >= 4
    for block in json_blocks:
        json.loads(block)
    for block in yaml_blocks:
        assert yaml.safe_load(block) is not None


def test_guide_has_the_status_lifecycle_diagram():
    diagrams = fenced_blocks(GUIDE.read_text(), "mermaid")
    assert len(diagrams) == 1
    diagram = diagrams[0]
    assert diagram.startswith("stateDiagram")
    transitions = set(re.findall(r"^\s*(\[\*\]|[A-Z]+) --> (\[\*\]|[A-Z]+)", diagram, flags=re.M))
    for transition in [
        ("PENDING", "ACTIVE"),
        ("ACTIVE", "ASSOCIATING"),
        ("ASSOCIATING", "ACTIVE"),
        ("ACTIVE", "DISASSOCIATING"),
        ("DISASSOCIATING", "ACTIVE"),
        ("ACTIVE", "DELETED"),
    ]:
        assert transition in transitions, transition
    states = {s for pair in transitions for s in pair} - {"[*]"}
    assert states == {"PENDING", "ACTIVE", "ASSOCIATING", "DISASSOCIATING", "DELETED"}
