"""``module_defaults: group/pinpoint.sms_voice.aws`` sets region, endpoint and credentials for both modules.

The playbook tests/ecosystem/files/module_defaults.yml runs with no AWS_*
variable in the environment and a HOME without AWS configuration files, so
only the play's module_defaults can tell the modules where to go and who they
are. meta/runtime.yml's group extends amazon.aws.aws; amazon.aws is not
installed here, and that must not break the group.
"""

from __future__ import annotations

import pytest

from .helpers import FILES, REPO_ROOT, playbook_env, run, tool

REGION = "eu-west-2"
COLLECTIONS = REPO_ROOT / ".tmp" / "collections"


def run_playbook(emulator, tmp_path, playbook, region=REGION):
    env = playbook_env(emulator, COLLECTIONS, tmp_path, strip_aws=True)
    return run(
        [
            tool("ansible-playbook"),
            "-i",
            "localhost,",
            playbook,
            "-e",
            "emulator_url={0}".format(emulator.url),
            "-e",
            "aws_region_under_test={0}".format(region),
        ],
        cwd=tmp_path,
        env=env,
        check=False,
    )


def test_amazon_aws_is_not_installed(tmp_path):
    env = playbook_env(None, COLLECTIONS, tmp_path, strip_aws=True)
    proc = run([tool("ansible-galaxy"), "collection", "list", "amazon.aws"], env=env, check=False)
    assert "amazon.aws" not in proc.stdout


def test_module_defaults_group_configures_both_modules(emulator, tmp_path):
    proc = run_playbook(emulator, tmp_path, FILES / "module_defaults.yml")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "failed=0" in proc.stdout
    calls = emulator.calls()
    operations = [call["operation"] for call in calls]
    assert operations.count("RequestPhoneNumber") == 1
    # Both modules called, all in the region module_defaults named (us-east-1 would be a fallback).
    assert {call["region"] for call in calls} == {REGION}
    assert "ListTagsForResource" in operations or "DescribePhoneNumbers" in operations
    # Extending a group of a collection that is not installed is not an error.
    assert "ERROR" not in output


@pytest.mark.parametrize(
    ("removed", "message"),
    [(("region",), "region"), (("access_key", "secret_key"), "credentials")],
)
def test_without_module_defaults_the_modules_have_nothing_to_go_on(emulator, tmp_path, removed, message):
    # The same play minus some defaults fails: the environment really provides nothing.
    play = (FILES / "module_defaults.yml").read_text().splitlines()
    lines = [line for line in play if not line.strip().startswith(tuple(key + ":" for key in removed))]
    assert len(lines) == len(play) - len(removed)
    playbook = tmp_path / "without.yml"
    playbook.write_text("\n".join(lines) + "\n")
    proc = run_playbook(emulator, tmp_path, playbook)
    assert proc.returncode != 0
    assert message in proc.stdout.lower()
    assert "RequestPhoneNumber" not in [call["operation"] for call in emulator.calls()]
