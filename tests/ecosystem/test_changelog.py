"""The changelog: antsibull-changelog fragments, changelogs/changelog.yaml and CHANGELOG.md.

Every user-visible change has a fragment under changelogs/fragments/;
``antsibull-changelog release`` records the fragments of a release in
changelogs/changelog.yaml (fragments are kept) and writes CHANGELOG.md.
"""

from __future__ import annotations

import shutil

import yaml

from .helpers import MODULES, REPO_ROOT, galaxy, run, tool, version_added

CHANGELOGS = REPO_ROOT / "changelogs"


def changelog():
    return yaml.safe_load((CHANGELOGS / "changelog.yaml").read_text())


def released_modules():
    """The modules of the galaxy.yml version and before (a module added since is announced at the next release)."""
    version = tuple(int(part) for part in galaxy()["version"].split("."))
    return [m for m in MODULES if tuple(int(part) for part in version_added(m).split(".")) <= version]


def test_antsibull_changelog_lint_passes():
    proc = run([tool("antsibull-changelog"), "lint"], check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == ""


def test_galaxy_version_is_released_with_both_modules():
    version = galaxy()["version"]
    release = changelog()["releases"][version]
    assert sorted(module["name"] for module in release["modules"]) == sorted(released_modules())
    assert release["changes"]["release_summary"]


def test_every_fragment_is_valid_yaml_of_known_sections():
    config = yaml.safe_load((CHANGELOGS / "config.yaml").read_text())
    sections = {name for name, _title in config["sections"]} | {"release_summary", "trivial"}
    fragments = sorted((CHANGELOGS / "fragments").glob("*.yml"))
    assert fragments
    for path in fragments:
        data = yaml.safe_load(path.read_text())
        assert isinstance(data, dict) and set(data) <= sections, path.name


def test_changelog_md_is_what_antsibull_changelog_generates(tmp_path):
    for name in ("galaxy.yml", "CHANGELOG.md"):
        shutil.copyfile(REPO_ROOT / name, tmp_path / name)
    shutil.copytree(CHANGELOGS, tmp_path / "changelogs")
    run([tool("antsibull-changelog"), "generate"], cwd=tmp_path)
    committed = (REPO_ROOT / "CHANGELOG.md").read_text()
    assert (tmp_path / "CHANGELOG.md").read_text() == committed, (
        "CHANGELOG.md is stale: run antsibull-changelog generate"
    )
    assert "v{0}".format(galaxy()["version"]).replace(".", "\\.") in committed
    for module in released_modules():
        assert "pinpoint\\.sms\\_voice\\.{0} \\-".format(module.replace("_", "\\_")) in committed
