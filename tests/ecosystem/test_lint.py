"""ansible-lint's production profile passes on every playbook under docs/ and tests/.

That includes the examples in the Markdown pages of docs/ (the guide, and the
module pages with each module's EXAMPLES): a YAML block that is a list of
plays is linted as it is, a list of tasks inside a play for localhost.

The configuration is .ansible-lint at the repository root (profile
production, offline: nothing is installed or fetched). The collection is
found through the .tmp/collections symlink of tests/conftest.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .helpers import REPO_ROOT, run, tool, tool_env

SEARCHED = ("docs", "tests")
SKIPPED_DIRS = {"output", "__pycache__", ".tmp"}


def is_playbook(path):
    try:
        data = yaml.safe_load(path.read_text())
    except yaml.YAMLError:
        return False
    return (
        isinstance(data, list)
        and bool(data)
        and all(
            isinstance(play, dict)
            and any(key in play for key in ("hosts", "import_playbook", "ansible.builtin.import_playbook"))
            for play in data
        )
    )


def playbooks():
    found = []
    for top in SEARCHED:
        for path in sorted((REPO_ROOT / top).rglob("*")):
            if path.suffix not in (".yml", ".yaml") or SKIPPED_DIRS & set(path.relative_to(REPO_ROOT).parts):
                continue
            if is_playbook(path):
                found.append(path.relative_to(REPO_ROOT))
    return found


def markdown_examples():
    """(page, index, YAML text) of each YAML block of the Markdown pages under docs/ that is plays or tasks."""
    found = []
    for page in sorted((REPO_ROOT / "docs").rglob("*.md")):
        blocks = re.findall(r"^```yaml\n(.*?)^```$", page.read_text(), flags=re.S | re.M)
        for index, block in enumerate(blocks):
            data = yaml.safe_load(block)
            if not (isinstance(data, list) and data and all(isinstance(item, dict) for item in data)):
                continue
            if not any("hosts" in item for item in data):
                # The tasks' own text, indented into a play, so that their formatting is linted too.
                tasks = "".join("    " + line if line.strip() else line for line in block.splitlines(True))
                block = "- name: Example of {0}\n  hosts: localhost\n  gather_facts: false\n  tasks:\n{1}".format(
                    page.stem, tasks
                )
            found.append((page.relative_to(REPO_ROOT), index, "---\n" + block))
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


def test_playbooks_pass_ansible_lint_production_profile():
    found = playbooks()
    # The demo's playbooks and this directory's own are always there.
    assert Path("docs/examples/request.yml") in found
    assert Path("tests/ecosystem/files/installed_collection.yml") in found
    proc = ansible_lint(found)
    assert proc.returncode == 0, "ansible-lint failed:\n{0}\n{1}".format(proc.stdout, proc.stderr)
    assert "Profile 'production' was required, and it passed" in proc.stdout + proc.stderr
    assert "{0} files processed".format(len(found)) in proc.stdout + proc.stderr


def test_ansible_lint_rejects_a_playbook_below_production(tmp_path):
    # The same configuration must fail a playbook that breaks production rules
    # (short module names, no task names), or the test above proves nothing.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "---\n- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ping:\n    - debug:\n        msg: hi\n"
    )
    proc = ansible_lint([bad], cwd=tmp_path)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "fqcn" in output
    assert "name[missing]" in output or "name[play]" in output


def test_examples_in_docs_pass_ansible_lint_production_profile(tmp_path):
    examples = markdown_examples()
    pages = {str(page) for page, _index, _text in examples}
    assert {"docs/guide.md", "docs/modules/phone_number.md", "docs/modules/phone_number_info.md"} <= pages
    paths = []
    for page, index, text in examples:
        path = tmp_path / "{0}-{1}.yml".format(page.stem, index)
        path.write_text(text)
        paths.append(path)
    proc = ansible_lint(paths, cwd=tmp_path)
    assert proc.returncode == 0, "ansible-lint failed on examples of docs/:\n{0}\n{1}".format(proc.stdout, proc.stderr)
    assert "{0} files processed".format(len(paths)) in proc.stdout + proc.stderr
