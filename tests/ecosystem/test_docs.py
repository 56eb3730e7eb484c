"""docs/: the guide covers what users need, and its IAM policies are the files of docs/iam/.

docs/modules/*.rst are rendered by antsibull-docs (the ``module-docs`` session
of noxfile.py checks that they are current; ``scripts/gen-docs`` rewrites
them). scripts/gen-docs also copies docs/iam/*.json into docs/guide.md between
markers; the guide must hold exactly those files.
"""

from __future__ import annotations

import json
import re
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader

import yaml

from .helpers import MODULES, REPO_ROOT

DOCS = REPO_ROOT / "docs"
GUIDE = DOCS / "guide.md"


def load_gen_docs():
    loader = SourceFileLoader("gen_docs", str(REPO_ROOT / "scripts" / "gen-docs"))
    module = module_from_spec(spec_from_loader("gen_docs", loader))
    loader.exec_module(module)
    return module


def fenced_blocks(text, language):
    return re.findall(r"^```{0}\n(.*?)^```$".format(language), text, flags=re.S | re.M)


def test_guide_holds_exactly_the_iam_policy_files():
    text = GUIDE.read_text()
    assert load_gen_docs().guide_with_current_policies(text) == text, "docs/guide.md is stale: run scripts/gen-docs"
    for module in MODULES:
        policy = (DOCS / "iam" / "{0}.json".format(module)).read_text().rstrip("\n")
        assert "<!-- BEGIN docs/iam/{0}.json -->\n```json\n{1}\n```\n".format(module, policy) in text


def test_gen_docs_refreshes_a_stale_policy_block_of_the_guide():
    gen_docs = load_gen_docs()
    text = GUIDE.read_text()
    stale = text.replace('"sms-voice:DescribePhoneNumbers"', '"sms-voice:DescribeNothing"')
    assert stale != text
    assert gen_docs.guide_with_current_policies(stale) == text


def test_module_pages_are_generated_by_antsibull_docs():
    pages = sorted(p.name for p in (DOCS / "modules").iterdir())
    assert pages == sorted("{0}_module.rst".format(m) for m in MODULES)
    for page in pages:
        text = (DOCS / "modules" / page).read_text()
        assert text.startswith(".. Created with antsibull-docs")


def test_links_between_pages_resolve():
    pages = [GUIDE]
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


def returns():
    """{module: its RETURN, parsed}."""
    out = {}
    for module in MODULES:
        source = (REPO_ROOT / "plugins" / "modules" / "{0}.py".format(module)).read_text()
        out[module] = yaml.safe_load(re.search(r'RETURN = r"""(.*?)^"""', source, re.S | re.M).group(1))
    return out


def test_module_returns_hold_the_result_fields_described_once():
    for path, (source, current) in load_gen_docs().modules_with_shared_fields().items():
        assert current == source, "{0}: RETURN differs from docs/result_fields.yml: run scripts/gen-docs".format(
            path.name
        )


def test_a_result_field_two_modules_return_has_one_description():
    gen_docs = load_gen_docs()
    docs = returns()
    described: dict = {}  # (resource or None, key) -> {description: [modules]}
    for module, doc in docs.items():
        resource_key, resource = gen_docs.RESOURCE_KEYS.get(module, (None, None))
        for key, field in doc.items():
            if key == resource_key:
                for inner, inner_field in field["contains"].items():
                    text = yaml.safe_dump(inner_field.get("description"))
                    described.setdefault((resource, inner), {}).setdefault(text, []).append(module)
            else:
                text = yaml.safe_dump(field.get("description"))
                described.setdefault((None, key), {}).setdefault(text, []).append(module)
    shared = {where: texts for where, texts in described.items() if sum(len(m) for m in texts.values()) > 1}
    assert ("pool", "tags") in shared and (None, "done") in shared
    assert {where: texts for where, texts in shared.items() if len(texts) > 1} == {}
