"""Credentials through ansible-playbook: secrets never printed, the identity a task asks for is the one used.

Secrets are searched for in everything a run prints (stdout, stderr) and in the
recorded result, at default verbosity, -v and -vvv, in raw, stripped and escaped
(repr and JSON) form.
"""

from __future__ import annotations

import json
import sys

import pytest

from .harness import run_playbook, run_task

REQUEST = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS"], number_type="SIMULATOR"
)
TOKEN_IN_TASK = "IntegTokenInTask0123456789abcdefXYZ\n"
TOKEN_IN_ENV = "IntegTokenFromEnvFile9876543210QRS\n"
ACCESS_KEY_SPLIT = "AKIAINTEGFIRSTHALF\nSECONDHALFOFKEY"
SECRET_KEY = "IntegSecretKeyValue-0123456789abcdef"
PROXY_PASSWORD = "Pr0xyPassw0rdValue"
# A port nothing listens on: a proxy there fails at once.
DEAD_PROXY = "http://proxyuser:{0}@127.0.0.1:9".format(PROXY_PASSWORD)


def forms(value):
    """How a leaked value would be printed: raw, stripped, each line, repr- and JSON-escaped."""
    out = {value, value.strip(), repr(value)[1:-1], json.dumps(value)[1:-1]}
    out.update(part for part in value.split() if len(part) >= 8)
    return {f for f in out if f}


LEAKS = set().union(
    forms(TOKEN_IN_TASK), forms(TOKEN_IN_ENV), forms(ACCESS_KEY_SPLIT), forms(SECRET_KEY), forms(PROXY_PASSWORD)
) | {"AWS4-HMAC-SHA256", "Signature=", "Invalid header value b'"}


def tasks():
    """(name, module args, whether it must fail); the playbook runs with TOKEN_IN_ENV in AWS_SESSION_TOKEN."""
    keys = dict(access_key="AKIAINTEGGOODKEY", secret_key=SECRET_KEY)
    retries = {"retries": {"max_attempts": 0}}
    return [
        ("token in the task", dict(name="cred-a", session_token=TOKEN_IN_TASK, **keys, **REQUEST), True),
        # keys and token from the environment (the others set keys: they never take the environment's token)
        ("token from a file", dict(name="cred-b", **REQUEST), True),
        ("split access key", dict(name="cred-c", access_key=ACCESS_KEY_SPLIT, secret_key=SECRET_KEY), True),
        (
            "unused proxy",
            dict(name="cred-d", aws_config=dict(retries, proxies={"https": DEAD_PROXY}), **keys, **REQUEST),
            False,
        ),
        (
            "dead proxy",
            dict(name="cred-e", aws_config=dict(retries, proxies={"http": DEAD_PROXY}), **keys, **REQUEST),
            True,
        ),
        (
            "proxy and bad arguments",
            dict(name="cred-f", state="gone", aws_config=dict(proxies={"http": DEAD_PROXY}), **keys),
            True,
        ),
    ]


@pytest.mark.parametrize("verbosity", [0, 1, 3])
def test_secrets_never_appear_in_any_output_at_any_verbosity(emulator, verbosity):
    cases = tasks()
    play_tasks = []
    for name, args, _fails in cases:
        # Not the task's environment keyword: Ansible itself prints that at -vvv.
        play_tasks.append({"name": name, "pinpoint.sms_voice.phone_number": args, "ignore_errors": True})
    records, _operations, calls, proc = run_playbook(
        emulator,
        [{"hosts": "localhost", "gather_facts": False, "tasks": play_tasks}],
        verbosity=verbosity,
        extra_env={"AWS_SESSION_TOKEN": TOKEN_IN_ENV},
    )
    outputs = {"stdout": proc.stdout, "stderr": proc.stderr, "results": json.dumps(records)}
    found = sorted((where, leak) for where, text in outputs.items() for leak in LEAKS if leak in text)
    assert found == [], found
    by_name = {r["task"]: r for r in records}
    for name, _args, fails in cases:
        assert name in by_name, proc.stdout[-2000:]
        assert (by_name[name]["status"] == "failed") is fails, (name, by_name[name]["result"].get("msg"))
    if verbosity >= 3:
        assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in proc.stdout  # -vvv printed the arguments, masked
    # Bad credentials fail before any call: the only calls are the proxy tasks' (the dead one never lands).
    assert {c["params"].get("Tags", [{}])[0].get("Value") for c in calls if c["operation"] == "RequestPhoneNumber"} <= {
        "cred-d"
    }


def test_bad_credentials_fail_naming_the_option_before_any_call(emulator):
    token = run_task(
        emulator,
        "phone_number",
        dict(name="t", access_key="AKIAGOOD", secret_key=SECRET_KEY, session_token=TOKEN_IN_TASK, **REQUEST),
    )
    assert token.failed and token.result["msg"].startswith("session_token contains white space")
    assert token.operations == []
    env = run_task(emulator, "phone_number", dict(name="t", **REQUEST), extra_env={"AWS_SESSION_TOKEN": TOKEN_IN_ENV})
    assert env.failed
    assert env.result["msg"].startswith("session_token (from the environment variable AWS_SESSION_TOKEN) contains")
    assert env.operations == []
    key = run_task(emulator, "phone_number", dict(name="t", access_key=ACCESS_KEY_SPLIT, secret_key=SECRET_KEY))
    assert key.failed and key.result["msg"].startswith("access_key contains white space")
    assert key.operations == []


def test_harmless_aws_config_values_do_not_mask_the_result(emulator):
    config = {"connect_timeout": 5, "read_timeout": 10, "retries": {"max_attempts": 1, "mode": "standard"}}
    run = run_task(emulator, "phone_number", dict(name="unmasked", aws_config=config, **REQUEST), verbosity=3)
    assert not run.failed, run.result.get("msg")
    number = run.number
    assert number["phone_number_id"].startswith("phone-") and "*" not in json.dumps(number)
    described = emulator.client().describe_phone_numbers(PhoneNumberIds=[number["phone_number_id"]])
    assert described["PhoneNumbers"][0]["PhoneNumber"] == number["phone_number"]


@pytest.fixture
def profile_dev(tmp_path):
    """AWS config whose profile ``dev`` (region eu-west-1) gets its keys from a credential_process.

    The process leaves a marker, which shows that the profile's credentials were the ones used.
    """
    marker = tmp_path / "profile-used"
    script = tmp_path / "creds.py"
    script.write_text(
        "import json, pathlib\n"
        "pathlib.Path({0!r}).write_text('used')\n"
        "print(json.dumps({{'Version': 1, 'AccessKeyId': 'AKIAPROFILEDEV', 'SecretAccessKey': 'dev-secret'}}))\n".format(
            str(marker)
        )
    )
    config = tmp_path / "config"
    config.write_text(
        "[profile dev]\nregion = eu-west-1\ncredential_process = {0} {1}\n".format(sys.executable, script)
    )
    env = {
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"),
        "AWS_PROFILE": "dev",
        "AWS_ACCESS_KEY_ID": "AKIAFROMTHEENVIRONMENT",
        "AWS_SECRET_ACCESS_KEY": "environment-secret",
        "AWS_REGION": None,
        "AWS_DEFAULT_REGION": None,
    }
    return env, marker


def test_profile_option_beats_environment_keys_and_gives_its_region(emulator, profile_dev):
    env, marker = profile_dev
    run = run_task(emulator, "phone_number", dict(name="from-profile", profile="dev", **REQUEST), extra_env=env)
    assert not run.failed, run.result.get("msg")
    assert marker.exists(), "the environment's keys were used instead of the profile's"
    assert {c["region"] for c in run.calls} == {"eu-west-1"}
    assert ":eu-west-1:" in run.number["phone_number_arn"]


def test_environment_keys_beat_aws_profile_without_the_option(emulator, profile_dev):
    env, marker = profile_dev
    run = run_task(emulator, "phone_number_info", dict(region="us-east-1"), extra_env=env)
    assert not run.failed, run.result.get("msg")
    assert not marker.exists()
    assert {c["region"] for c in run.calls} == {"us-east-1"}
