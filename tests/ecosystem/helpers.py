"""Shared helpers of the ecosystem tests: the collection as Ansible users and tools see it.

These tests run the tools an Ansible user or packager runs (ansible-test,
ansible-lint, ansible-galaxy, ansible-builder, antsibull-changelog,
ansible-doc) on this repository, from the virtualenv that runs pytest.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
FILES = Path(__file__).resolve().parent / "files"
VENV_BIN = Path(sys.executable).parent
NAMESPACE = "pinpoint"
NAME = "sms_voice"
FQCN = NAMESPACE + "." + NAME
MODULES = (
    "phone_number",
    "phone_number_info",
    "available_phone_number_info",
    "pool",
    "pool_info",
    "opt_out_list",
    "opt_out_list_info",
    "registration",
    "registration_info",
    "sender_id",
    "sender_id_info",
)


def galaxy():
    """galaxy.yml as a dict."""
    return yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text())


def module_path(module):
    return REPO_ROOT / "plugins" / "modules" / "{0}.py".format(module)


def module_block(module, name):
    """A module's DOCUMENTATION, EXAMPLES or RETURN text, read from its source without importing it."""
    tree = ast.parse(module_path(module).read_text())
    return next(
        node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets)
    )


def version_added(module):
    """The ``version_added`` of a module's DOCUMENTATION."""
    return str(yaml.safe_load(module_block(module, "DOCUMENTATION"))["version_added"])


def tool(name):
    """Path of a console script installed next to the running Python."""
    path = VENV_BIN / name
    if not path.exists():
        raise AssertionError("{0} is not installed in {1}: run scripts/bootstrap".format(name, VENV_BIN))
    return str(path)


def tool_env(extra=None, strip_aws=False):
    """The environment for a tool: the virtualenv first on PATH, no colours.

    ``strip_aws`` removes every AWS_* variable, so that only what a playbook
    sets reaches botocore.
    """
    env = {k: v for k, v in os.environ.items() if not (strip_aws and k.startswith("AWS_"))}
    env["PATH"] = str(VENV_BIN) + os.pathsep + env.get("PATH", "")
    env.update(NO_COLOR="1", ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0", PY_COLORS="0")
    env.update(extra or {})
    return env


def run(cmd, cwd=REPO_ROOT, env=None, timeout=600, check=True):
    """Run a command; on failure (with ``check``) raise with its full output."""
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=str(cwd),
        env=env if env is not None else tool_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            "{0} exited with {1}\nstdout:\n{2}\nstderr:\n{3}".format(
                " ".join(str(c) for c in cmd), proc.returncode, proc.stdout, proc.stderr
            )
        )
    return proc


def collection_files():
    """Relative paths of the collection's files: tracked by git, or new and not ignored."""
    out = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]).stdout
    paths = sorted({p for p in out.split("\0") if p})
    return [p for p in paths if (REPO_ROOT / p).is_file() and not (REPO_ROOT / p).is_symlink()]


def copy_collection(root):
    """Copy the collection to ``root/ansible_collections/pinpoint/sms_voice`` and return that path.

    Tools that need the collection layout (ansible-test) are given a real copy,
    not the symlink of tests/conftest.py.
    """
    dest = Path(root) / "ansible_collections" / NAMESPACE / NAME
    if dest.exists():
        shutil.rmtree(dest)
    for rel in collection_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / rel, target)
    return dest


def build_collection(output_dir):
    """``ansible-galaxy collection build`` of the repository; returns the tarball's path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    run([tool("ansible-galaxy"), "collection", "build", "--force", "--output-path", output_dir, REPO_ROOT])
    meta = galaxy()
    tarball = output_dir / "{0}-{1}-{2}.tar.gz".format(meta["namespace"], meta["name"], meta["version"])
    assert tarball.is_file(), "ansible-galaxy did not write {0}".format(tarball)
    return tarball


def install_collection(tarball, collections_dir):
    """``ansible-galaxy collection install`` of a built tarball; returns the installed collection's path."""
    run(
        [tool("ansible-galaxy"), "collection", "install", "--force", "-p", collections_dir, tarball],
        env=tool_env({"ANSIBLE_COLLECTIONS_PATH": str(collections_dir)}),
    )
    return Path(collections_dir) / "ansible_collections" / NAMESPACE / NAME


def playbook_env(emulator, collections_dir, home, extra=None, strip_aws=False):
    """Environment for an ansible-playbook run that sees only the collections under ``collections_dir``."""
    env = tool_env(strip_aws=strip_aws)
    if not strip_aws:
        env.update(emulator.env())
    env.update(
        ANSIBLE_COLLECTIONS_PATH=str(collections_dir),
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="False",
        ANSIBLE_HOME=str(Path(home) / "ansible-home"),
        ANSIBLE_LOCAL_TEMP=str(Path(home) / "ansible-tmp"),
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_LOCALHOST_WARNING="False",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="False",
        ANSIBLE_RETRY_FILES_ENABLED="False",
        # A home without AWS config files: nothing but the play may set region or credentials.
        HOME=str(home),
    )
    env.update(extra or {})
    return env
