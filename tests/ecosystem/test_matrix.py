"""scripts/test-matrix and the sanity sessions of noxfile.py cover every supported ansible-core; the default test command the newest.

The matrix itself (a virtualenv and a playbook-test run per version) takes
minutes per version and is run by hand; these tests keep its version list in
step with meta/runtime.yml and requirements-dev.txt.
"""

from __future__ import annotations

import ast
import re

import yaml
from ansible.release import __version__ as ansible_core_version

from .helpers import REPO_ROOT, run

SCRIPT = REPO_ROOT / "scripts" / "test-matrix"


def minor(version):
    return tuple(int(part) for part in version.split(".")[:2])


def matrix_versions():
    match = re.search(r"^ALL_VERSIONS=\(([^)]*)\)", SCRIPT.read_text(), flags=re.M)
    assert match, "scripts/test-matrix lost its ALL_VERSIONS list"
    return [minor(v) for v in match.group(1).split()]


def dev_requirement_bounds():
    line = next(
        line
        for line in (REPO_ROOT / "requirements-dev.txt").read_text().splitlines()
        if line.startswith("ansible-core")
    )
    low = re.search(r">=\s*([0-9.]+)", line).group(1)
    high = re.search(r"<\s*([0-9.]+)", line).group(1)
    return minor(low), minor(high)


def test_matrix_runs_every_supported_ansible_core():
    versions = matrix_versions()
    runtime = yaml.safe_load((REPO_ROOT / "meta" / "runtime.yml").read_text())
    oldest = minor(runtime["requires_ansible"].lstrip(">="))
    low, high = dev_requirement_bounds()
    assert versions[0] == oldest == low
    assert versions == [(2, n) for n in range(oldest[1], high[1])]


def test_default_test_command_runs_the_newest():
    assert minor(ansible_core_version) == matrix_versions()[-1]


def test_matrix_script_explains_itself_and_rejects_unknown_arguments():
    shown = run(["bash", SCRIPT, "--help"])
    assert ".tmp/venv-2.xx" in shown.stdout
    refused = run(["bash", SCRIPT, "--bogus"], check=False)
    assert refused.returncode == 2
    assert "unknown argument" in refused.stderr


def noxfile_sanity_versions():
    tree = ast.parse((REPO_ROOT / "noxfile.py").read_text())
    value = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "SANITY_VERSIONS" for t in node.targets)
    )
    return [minor(v) for v in ast.literal_eval(value)]


def test_sanity_sessions_cover_every_supported_ansible_core():
    assert noxfile_sanity_versions() == matrix_versions()
