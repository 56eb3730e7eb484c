"""The collection as users get it: ``ansible-galaxy collection build``, install, run.

The built tarball holds what users need (with the licence) and none of the
development files; its README reads right as the collection's Galaxy page; a
playbook run against the emulator with only the installed collection on the
collections path requests a number and lists it.
"""

from __future__ import annotations

import json
import re
import tarfile

import pytest

from .helpers import FILES, FQCN, MODULES, build_collection, galaxy, install_collection, playbook_env, run, tool

# Paths (or path prefixes) that are for developing the collection, not for using it.
DEVELOPMENT_FILES = (
    "tests/",
    ".ci/",
    "scripts/",
    "benchmarks/",
    ".venv/",
    ".tmp/",
    ".git/",
    ".gitignore",
    ".ansible-lint",
    ".ansible/",
    ".nox/",
    ".ruff_cache/",
    ".pytest_cache/",
    "pyproject.toml",
    "noxfile.py",
    "antsibull-nox.toml",
    "CONTRIBUTING.md",
    "requirements-dev.txt",
    "changelogs/fragments/",
    "changelogs/.plugin-cache.yaml",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("galaxy")
    tarball = build_collection(root / "dist")
    collections = root / "collections"
    installed = install_collection(tarball, collections)
    return dict(root=root, tarball=tarball, collections=collections, installed=installed)


def tar_names(tarball):
    with tarfile.open(tarball) as tar:
        return [member.name for member in tar.getmembers()]


def test_tarball_holds_what_users_need(built):
    names = set(tar_names(built["tarball"]))
    needed = {
        "MANIFEST.json",
        "FILES.json",
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "requirements.txt",
        "meta/runtime.yml",
        "meta/execution-environment.yml",
        "changelogs/changelog.yaml",
        "plugins/doc_fragments/common.py",
        "docs/guide.md",
    }
    needed |= {"plugins/modules/{0}.py".format(m) for m in MODULES}
    needed |= {"docs/modules/{0}_module.rst".format(m) for m in MODULES}
    assert needed - names == set()
    with tarfile.open(built["tarball"]) as tar:
        manifest = json.load(tar.extractfile("MANIFEST.json"))
    info = manifest["collection_info"]
    meta = galaxy()
    assert (info["namespace"], info["name"], info["version"]) == (meta["namespace"], meta["name"], meta["version"])
    assert info["dependencies"] == {}
    # The SPDX identifier, not also a license_file: galaxy-importer accepts one or the other.
    assert (info["license"], info["license_file"]) == (["GPL-3.0-or-later"], None)
    with tarfile.open(built["tarball"]) as tar:
        licence = tar.extractfile("LICENSE").read().decode()
    assert licence.startswith(
        "                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007"
    )
    assert "END OF TERMS AND CONDITIONS" in licence


def test_readme_in_the_tarball_marks_repository_commands_as_such(built):
    # The README is the collection's page on Galaxy: every command it gives that only
    # works in a clone of the repository sits in a section marked as for the source repository.
    with tarfile.open(built["tarball"]) as tar:
        readme = tar.extractfile("README.md").read().decode()
    names = set(tar_names(built["tarball"]))
    repository_section, _sep, rest = readme.partition("\n## ")
    assert "source repository" in repository_section.lower()
    sections = rest.split("\n## ")
    rest = "\n## ".join(s for s in sections if "source repository" not in s.splitlines()[0].lower())
    for command in ("scripts/", "tests.emulator", ".venv/", "nox "):
        assert command not in rest, command
    for path in re.findall(r"\]\(((?!https?:)[^)#\s]+)", rest):
        assert path.rstrip("/") in names or any(n.startswith(path) for n in names), path


def test_tarball_holds_no_development_files(built):
    names = tar_names(built["tarball"])
    found = [
        name
        for name in names
        if any(name == prefix.rstrip("/") or name.startswith(prefix) for prefix in DEVELOPMENT_FILES)
        or "__pycache__" in name.split("/")
        or name.endswith((".pyc", ".tar.gz"))
    ]
    assert found == []


def test_installed_collection_is_listed_by_ansible_galaxy(built):
    env = playbook_env(None, built["collections"], built["root"], strip_aws=True)
    out = run([tool("ansible-galaxy"), "collection", "list", FQCN, "--format", "json"], env=env).stdout
    listing = json.loads(out)
    versions = {path: colls[FQCN]["version"] for path, colls in listing.items() if FQCN in colls}
    assert versions == {str(built["collections"] / "ansible_collections"): galaxy()["version"]}


def test_playbook_runs_from_the_installed_collection(built, emulator, tmp_path):
    env = playbook_env(emulator, built["collections"], tmp_path)
    playbook = FILES / "installed_collection.yml"
    proc = run([tool("ansible-playbook"), "-i", "localhost,", playbook], cwd=tmp_path, env=env, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "failed=0" in proc.stdout
    operations = [call["operation"] for call in emulator.calls()]
    assert operations.count("RequestPhoneNumber") == 1
    assert "DescribePhoneNumbers" in operations

    # Nothing else on the collections path: with an empty one, the same run cannot find the modules.
    empty = tmp_path / "no-collections"
    empty.mkdir()
    proc = run(
        [tool("ansible-playbook"), "-i", "localhost,", playbook],
        cwd=tmp_path,
        env=playbook_env(emulator, empty, tmp_path),
        check=False,
    )
    assert proc.returncode != 0
    assert "pinpoint.sms_voice.phone_number" in proc.stdout + proc.stderr
