# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's checks, run by nox with antsibull-nox.

antsibull-nox.toml configures its sessions (lint, docs-check, extra-checks,
build-import-check). This file adds what antsibull-nox leaves to each
collection: ``ansible-test sanity`` on every ansible-core this Python runs,
installed from the package index and run locally (antsibull-nox's own sanity
sessions want a container and ansible-core from its Git repository), and the
Python 3.9 compatibility of plugins/ (vermin). ``scripts/test`` runs them all.
"""

from __future__ import annotations

import filecmp
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nox

try:
    import antsibull_nox
except ImportError:
    print("You need to install antsibull-nox in the same Python environment as nox.")
    sys.exit(1)

ROOT = Path(__file__).resolve().parent
# Every ansible-core whose controller runs on Python 3.11 and that meta/runtime.yml supports.
SANITY_VERSIONS = ("2.17", "2.18", "2.19")
# ansible-test fetches its pip bootstrap from a host outside the package registries, after
# looking in this cache; the stand-in installs the same pip from the package index.
GET_PIP_STAND_IN = ROOT / "tests" / "config" / "get_pip.py"
ANSIBLE_TEST_CACHE = Path("~/.ansible/test/cache").expanduser()
MODULE_DOCS = ROOT / "docs" / "modules"

antsibull_nox.load_antsibull_nox_toml()


def provide_pip_bootstraps():
    """Put the stand-in where each ansible-test installed under .nox looks for its pip bootstrap."""
    ANSIBLE_TEST_CACHE.mkdir(parents=True, exist_ok=True)
    for source in (ROOT / ".nox").glob("*/lib/python*/site-packages/ansible_test/_internal/python_requirements.py"):
        match = re.search(r"default_packages = dict\(\s*pip='([0-9.]+)'", source.read_text())
        if not match:
            raise RuntimeError("cannot find the pip version ansible-test bootstraps in {0}".format(source))
        shutil.copyfile(
            GET_PIP_STAND_IN, ANSIBLE_TEST_CACHE / "get_pip_{0}.py".format(match.group(1).replace(".", "_"))
        )


def drop_ansible_test_scratch():
    """Remove ansible-test's scratch tree before antsibull-nox copies tests/output back.

    antsibull-nox copies that tree bottom-up and fails on the nested tests/output/.tmp/pylint
    that ansible-test leaves behind; nothing in it is a result.
    """
    shutil.rmtree(Path.cwd() / "tests" / "output" / ".tmp", ignore_errors=True)


for _version in SANITY_VERSIONS:
    antsibull_nox.add_ansible_test_session(
        name="sanity-{0}".format(_version),
        description="ansible-test sanity of ansible-core {0}, every default test, no ignore entries".format(_version),
        ansible_test_params=["sanity", "--local", "--python", "3.11", "--color", "no"],
        default=True,
        ansible_core_version=_version,
        ansible_core_source="pypi",
        callback_before=provide_pip_bootstraps,
        callback_after=drop_ansible_test_scratch,
    )


@nox.session(default=True)
def compat(session: nox.Session) -> None:
    """Everything under plugins/ runs on Python 3.9 and later (managed hosts), checked by vermin."""
    session.install("vermin")
    session.run("vermin", "-t=3.9-", "--no-tips", "--violations", "plugins/")


@nox.session(name="module-docs", default=True)
def module_docs(session: nox.Session) -> None:
    """docs/modules/ is what antsibull-docs renders from the modules now (``-- --write`` rewrites it)."""
    write = "--write" in session.posargs
    session.install("antsibull-docs", "ansible-core>=2.17,<2.20")
    with tempfile.TemporaryDirectory(prefix="module-docs-") as tmp:
        collections = Path(tmp) / "collections"
        link = collections / "ansible_collections" / "pinpoint" / "sms_voice"
        link.parent.mkdir(parents=True)
        link.symlink_to(ROOT, target_is_directory=True)
        rendered = Path(tmp) / "rendered"
        rendered.mkdir()
        session.run(
            "antsibull-docs",
            "collection-plugins",
            "--use-current",
            "--output-format",
            "simplified-rst",
            "--fail-on-error",
            "--no-add-antsibull-docs-version",
            "--dest-dir",
            str(rendered),
            "pinpoint.sms_voice",
            env={"ANSIBLE_COLLECTIONS_PATH": str(collections), "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "False"},
        )
        new = sorted(p.name for p in rendered.iterdir())
        old = sorted(p.name for p in MODULE_DOCS.iterdir()) if MODULE_DOCS.is_dir() else []
        if write:
            shutil.rmtree(MODULE_DOCS, ignore_errors=True)
            shutil.copytree(rendered, MODULE_DOCS)
            session.log("wrote docs/modules/: {0}".format(", ".join(new)))
            return
        stale = sorted(set(new) ^ set(old)) + [
            name for name in new if name in old and not filecmp.cmp(rendered / name, MODULE_DOCS / name, shallow=False)
        ]
        if stale:
            session.error("docs/modules/ is stale ({0}): run scripts/gen-docs".format(", ".join(stale)))


if __name__ == "__main__":
    nox.main()
