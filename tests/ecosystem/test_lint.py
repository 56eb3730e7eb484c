"""ansible-lint's production profile passes on the examples that live outside playbook files.

The playbooks under docs/ and tests/ are linted by the ``ansible-lint``
session of noxfile.py. What no session sees are the examples users copy from
the docs: the YAML blocks of the Markdown pages under docs/ (the guide) and
each module's EXAMPLES (rendered into docs/modules/ by antsibull-docs). A
block that is a list of plays is linted as it is; a list of tasks inside a
play for localhost.

The configuration is .ansible-lint at the repository root (profile
production, offline: nothing is installed or fetched). The collection is
found through the .tmp/collections symlink of tests/conftest.py.
"""

from __future__ import annotations

import re

import yaml

from .helpers import MODULES, REPO_ROOT, module_block, module_path, run, tool, tool_env


def as_playbook(name, block):
    data = yaml.safe_load(block)
    if not (isinstance(data, list) and data and all(isinstance(item, dict) for item in data)):
        return None
    if not any("hosts" in item for item in data):
        # The tasks' own text, indented into a play, so that their formatting is linted too.
        tasks = "".join("    " + line if line.strip() else line for line in block.splitlines(True))
        block = "- name: Example of {0}\n  hosts: localhost\n  gather_facts: false\n  tasks:\n{1}".format(name, tasks)
    return "---\n" + block


def markdown_examples():
    """(source, index, playbook text) of each YAML block of the Markdown pages under docs/ that is plays or tasks."""
    found = []
    for page in sorted((REPO_ROOT / "docs").rglob("*.md")):
        blocks = re.findall(r"^```yaml\n(.*?)^```$", page.read_text(), flags=re.S | re.M)
        for index, block in enumerate(blocks):
            playbook = as_playbook(page.stem, block)
            if playbook is not None:
                found.append((str(page.relative_to(REPO_ROOT)), index, playbook))
    return found


def module_examples():
    """(source, 0, playbook text) of each module's EXAMPLES."""
    found = []
    for module in MODULES:
        path = module_path(module)
        examples = module_block(module, "EXAMPLES")
        found.append((str(path.relative_to(REPO_ROOT)), 0, as_playbook(module, examples.lstrip("\n"))))
    return found


def ansible_lint(paths, cwd=REPO_ROOT):
    env = tool_env({"ANSIBLE_COLLECTIONS_PATH": str(REPO_ROOT / ".tmp" / "collections")})
    return run(
        [tool("ansible-lint"), "--nocolor", "-c", REPO_ROOT / ".ansible-lint", *paths],
        cwd=cwd,
        env=env,
        check=False,
    )


def test_ansible_lint_config_is_production_and_offline():
    config = yaml.safe_load((REPO_ROOT / ".ansible-lint").read_text())
    assert config["profile"] == "production"
    assert config["offline"] is True


def test_ansible_lint_rejects_an_example_below_production(tmp_path):
    # The same configuration must fail an example that breaks production rules
    # (short module names, no task names), or the test below proves nothing.
    bad = tmp_path / "bad.yml"
    bad.write_text(as_playbook("bad", "- ping:\n- debug:\n    msg: hi\n"))
    proc = ansible_lint([bad], cwd=tmp_path)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "fqcn" in output
    assert "name[missing]" in output


def test_examples_in_docs_and_modules_pass_ansible_lint_production_profile(tmp_path):
    examples = markdown_examples() + module_examples()
    sources = {source for source, _index, _text in examples}
    assert {"docs/guide.md", "plugins/modules/phone_number.py", "plugins/modules/phone_number_info.py"} <= sources
    paths = []
    for source, index, text in examples:
        path = tmp_path / "{0}-{1}.yml".format(source.replace("/", "_"), index)
        path.write_text(text)
        paths.append(path)
    proc = ansible_lint(paths, cwd=tmp_path)
    assert proc.returncode == 0, "ansible-lint failed on examples:\n{0}\n{1}".format(proc.stdout, proc.stderr)
    assert "{0} files processed".format(len(paths)) in proc.stdout + proc.stderr
