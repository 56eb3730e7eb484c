"""``ansible-test sanity`` passes on the collection, with no ignore entries.

ansible-test wants the collection at a path ending in
``ansible_collections/pinpoint/sms_voice`` and does not follow the symlink of
tests/conftest.py, so it runs on a fresh copy of the collection's files (git's
tracked and new, not ignored, files) in a temporary directory.

All of its default tests run, on Python 3.11 (``--python 3.11 --local``: no
containers). Each sanity test that has requirements gets its own virtualenv,
installed from the package index and cached under .tmp/ansible-test-home, so
only the first run pays for the installs. The only thing ansible-test fetches
from outside the package index is its pip bootstrap script; the stand-in
tests/ecosystem/files/get_pip.py is put where ansible-test caches it.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from .helpers import FILES, REPO_ROOT, copy_collection, run, tool, tool_env

ANSIBLE_TEST_HOME = REPO_ROOT / ".tmp" / "ansible-test-home"


def pip_bootstrap_version():
    """The pip version ansible-test bootstraps its sanity virtualenvs with."""
    package = Path(importlib.util.find_spec("ansible_test").origin).parent
    source = (package / "_internal" / "python_requirements.py").read_text()
    match = re.search(r"default_packages = dict\(\s*pip='([0-9.]+)'", source)
    assert match, "cannot find the pip version ansible-test bootstraps: its source changed"
    return match.group(1)


def provide_pip_bootstrap(home):
    cache = home / ".ansible" / "test" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / "get_pip_{0}.py".format(pip_bootstrap_version().replace(".", "_"))
    shutil.copyfile(FILES / "get_pip.py", target)


def test_no_sanity_ignore_entries():
    entries = []
    for path in sorted((REPO_ROOT / "tests" / "sanity").glob("ignore-*.txt")):
        lines = [line for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]
        entries += ["{0}: {1}".format(path.name, line) for line in lines]
    assert entries == [], "sanity must pass without ignore entries"


@pytest.mark.slow
def test_ansible_test_sanity_passes():
    (REPO_ROOT / ".tmp").mkdir(exist_ok=True)
    provide_pip_bootstrap(ANSIBLE_TEST_HOME)
    # Outside the repository: inside it, ansible-test would ask git for the files, and .tmp/ is ignored.
    workdir = Path(tempfile.mkdtemp(prefix="pinpoint-sanity-"))
    try:
        collection = copy_collection(workdir)
        proc = run(
            [tool("ansible-test"), "sanity", "--python", "3.11", "--local", "--color", "no"],
            cwd=collection,
            env=tool_env({"HOME": str(ANSIBLE_TEST_HOME), "LC_ALL": "C.UTF-8"}),
            timeout=1800,
            check=False,
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    output = proc.stdout + proc.stderr
    problems = [line for line in output.splitlines() if line.startswith(("ERROR:", "FATAL:"))]
    assert proc.returncode == 0, "ansible-test sanity failed:\n" + "\n".join(problems or output.splitlines()[-40:])
    ran = re.findall(r'Running sanity test "([\w-]+)"', output)
    # Guard against a run that silently tested nothing.
    for name in ("validate-modules", "pylint", "import", "ansible-doc", "pep8", "yamllint", "compile"):
        assert name in ran, "sanity test {0} did not run; ran: {1}".format(name, ran)
