"""Credentials hygiene: which identity is used, values refused before any call, and the output filter."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.config import Config

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import connection, runner
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import (
    build_config,
    create_client,
    resolve_credentials,
    secret_values,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.runner import redact, run_module
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.validation import check_phone_number_params

ENV_NAMES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_ACCESS_KEY",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SECRET_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
)


def params(**overrides):
    """Module parameters as Ansible hands them over: only what the task set (region unset)."""
    base = dict.fromkeys(connection.AWS_COMMON_ARGUMENT_SPEC)
    base.update(validate_certs=True)
    base.update(overrides)
    return base


def printed_forms(value):
    """The forms a leaked value would take in output: raw, stripped, repr-escaped, JSON-escaped."""
    forms = {value, value.strip(), repr(value)[1:-1], json.dumps(value)[1:-1]}
    return {f for f in forms if f}


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return monkeypatch


@pytest.fixture
def profiles(clean_env, tmp_path):
    """A temporary AWS config and credentials file with profile ``dev`` (eu-west-1) and ``default``."""
    config = tmp_path / "config"
    config.write_text("[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\n")
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n"
        "[dev]\naws_access_key_id = AKIDPROFILEDEV\naws_secret_access_key = dev-secret\n"
    )
    clean_env.setenv("AWS_CONFIG_FILE", str(config))
    clean_env.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    return clean_env


def identity(client):
    credentials = client._request_signer._credentials.get_frozen_credentials()
    return credentials.access_key, credentials.token, client.meta.region_name


# -- which identity wins ---------------------------------------------------------------------------


def test_profile_in_the_task_beats_keys_in_the_environment_even_when_aws_profile_names_it(profiles):
    profiles.setenv("AWS_PROFILE", "dev")
    profiles.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    profiles.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    profiles.setenv("AWS_SESSION_TOKEN", "env-token")
    client = create_client(params(profile="dev"), "phone_number")
    assert identity(client) == ("AKIDPROFILEDEV", None, "eu-west-1")


def test_profile_in_the_task_gives_its_region_when_region_is_unset(profiles):
    client = create_client(params(profile="dev"), "phone_number")
    assert identity(client) == ("AKIDPROFILEDEV", None, "eu-west-1")


def test_region_option_beats_the_profile_region(profiles):
    client = create_client(params(profile="dev", region="ap-south-1"), "phone_number")
    assert identity(client) == ("AKIDPROFILEDEV", None, "ap-south-1")


def test_keys_in_the_environment_beat_aws_profile_as_in_boto3(profiles):
    profiles.setenv("AWS_PROFILE", "dev")
    profiles.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    profiles.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    client = create_client(params(region="us-east-1"), "phone_number")
    assert identity(client) == ("AKIDFROMENV", None, "us-east-1")
    reference = boto3.session.Session(region_name="us-east-1").get_credentials().get_frozen_credentials()
    assert reference.access_key == "AKIDFROMENV"


def test_aws_profile_alone_is_used_with_its_region(profiles):
    profiles.setenv("AWS_PROFILE", "dev")
    client = create_client(params(), "phone_number")
    assert identity(client) == ("AKIDPROFILEDEV", None, "eu-west-1")


def test_keys_in_the_task_do_not_pick_up_the_environment_session_token(clean_env):
    clean_env.setenv("AWS_SESSION_TOKEN", "token-of-other-keys")
    clean_env.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    clean_env.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    client = create_client(params(region="us-east-1", access_key="AKIDTASK", secret_key="task-secret"), "x")
    assert identity(client) == ("AKIDTASK", None, "us-east-1")


def test_keys_from_the_environment_come_with_its_session_token(clean_env):
    clean_env.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    clean_env.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    clean_env.setenv("AWS_SESSION_TOKEN", "env-token")
    values, sources = resolve_credentials(params())
    assert values == dict(access_key="AKIDFROMENV", secret_key="env-secret", session_token="env-token")
    assert sources == dict(
        access_key="AWS_ACCESS_KEY_ID", secret_key="AWS_SECRET_ACCESS_KEY", session_token="AWS_SESSION_TOKEN"
    )


def test_unknown_profile_in_the_task_fails_naming_it(profiles):
    with pytest.raises(SmsVoiceError, match="profile 'nope' was not found"):
        create_client(params(profile="nope", region="us-east-1"), "phone_number")


def test_profile_without_a_region_anywhere_asks_for_the_region_option(clean_env, tmp_path):
    config = tmp_path / "config2"
    config.write_text("[profile bare]\n")
    credentials = tmp_path / "credentials2"
    credentials.write_text("[bare]\naws_access_key_id = AKIDBARE\naws_secret_access_key = s\n")
    clean_env.setenv("AWS_CONFIG_FILE", str(config))
    clean_env.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    with pytest.raises(SmsVoiceError, match="region is required"):
        create_client(params(profile="bare"), "phone_number")


# -- credentials refused before any call -----------------------------------------------------------

BAD_VALUES = ["value-with-trailing-newline\n", "value-with-crlf\r\n", " leading-space", "inner space", "tab\there"]


@pytest.mark.parametrize("value", BAD_VALUES + ["nul\x00byte", "bell\x07", "non-ascii-\u20ac"])
@pytest.mark.parametrize("option", ["access_key", "secret_key", "session_token"])
def test_key_with_white_space_or_control_characters_fails_naming_the_option_not_the_value(clean_env, option, value):
    task = dict(access_key="AKIDGOODVALUE", secret_key="good-secret-value", region="us-east-1")
    task[option] = value
    with pytest.raises(SmsVoiceError) as err:
        create_client(params(**task), "phone_number")
    assert err.value.msg.startswith(option + " contains white space")
    for form in printed_forms(value):
        assert form not in err.value.msg


@pytest.mark.parametrize(
    "option, variable",
    [
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
        ("session_token", "AWS_SESSION_TOKEN"),
        ("profile", "AWS_PROFILE"),
    ],
)
def test_credential_from_the_environment_with_a_newline_fails_naming_option_and_variable(clean_env, option, variable):
    if option != "profile":
        clean_env.setenv("AWS_ACCESS_KEY_ID", "AKIDGOODVALUE")
        clean_env.setenv("AWS_SECRET_ACCESS_KEY", "good-secret-value")
    value = "read-from-a-file-{0}\n".format(option)
    clean_env.setenv(variable, value)
    with pytest.raises(SmsVoiceError) as err:
        create_client(params(region="us-east-1"), "phone_number")
    assert err.value.msg.startswith("{0} (from the environment variable {1}) contains".format(option, variable))
    for form in printed_forms(value):
        assert form not in err.value.msg


@pytest.mark.parametrize("value", ["dev\n", " dev", "dev\t", "d\x1bev"])
def test_profile_with_surrounding_white_space_or_control_characters_fails(clean_env, value):
    with pytest.raises(SmsVoiceError, match=r"^profile contains white space"):
        create_client(params(profile=value, region="us-east-1"), "phone_number")


def test_environment_keys_are_not_checked_when_the_task_names_a_profile(profiles):
    profiles.setenv("AWS_ACCESS_KEY_ID", "broken\nkey")
    profiles.setenv("AWS_SECRET_ACCESS_KEY", "broken secret")
    assert identity(create_client(params(profile="dev"), "phone_number"))[0] == "AKIDPROFILEDEV"


def test_a_bad_credential_fails_before_any_call(mock_emulator):
    task = params(
        region="us-east-1", access_key="AKIDGOODVALUE", secret_key="good-secret", session_token="unit-session-token\n"
    )
    module = FakeModule(task)
    failed = run(module, lambda _module, api: api.call("DescribePhoneNumbers"))
    assert failed["msg"].startswith("session_token contains white space")
    assert mock_emulator.calls() == []


# -- aws_config ------------------------------------------------------------------------------------


def test_aws_config_keys_are_botocores_own():
    assert set(connection.config_keys()) == set(Config.OPTION_DEFAULTS)


@pytest.mark.parametrize(
    "aws_config, fragment",
    [
        ({"region_name": "eu-west-1"}, "aws_config.region_name is not accepted: set the region option"),
        ({"aws_access_key_id": "AKID"}, "aws_config.aws_access_key_id is not accepted: credentials go in"),
        ({"aws_secret_access_key": "s"}, "aws_config.aws_secret_access_key is not accepted: credentials"),
        ({"aws_session_token": "t"}, "aws_config.aws_session_token is not accepted: credentials"),
        ({"profile_name": "dev"}, "aws_config.profile_name is not accepted: credentials"),
        ({"no_such_setting": 1}, "aws_config.no_such_setting is not a botocore Config setting"),
        ({"retries": "x"}, "aws_config.retries must be a dict"),
        ({"retries": ["standard"]}, "aws_config.retries must be a dict"),
        ({"retries": {"mode": "fast"}}, "aws_config.retries.mode must be one of legacy, standard, adaptive"),
        ({"retries": {"max_attempts": -1}}, "aws_config.retries.max_attempts must be a whole number of at least 0"),
        ({"retries": {"max_attempts": "many"}}, "aws_config.retries.max_attempts"),
        ({"retries": {"total_max_attempts": 0}}, "aws_config.retries.total_max_attempts"),
        ({"retries": {"attempts": 3}}, "aws_config.retries.attempts is not a retry setting"),
        ({"connect_timeout": "soon"}, "aws_config.connect_timeout must be a non-negative number"),
        ({"read_timeout": True}, "aws_config.read_timeout must be a non-negative number"),
        ({"max_pool_connections": 2.5}, "aws_config.max_pool_connections must be a whole number"),
        ({"tcp_keepalive": "maybe"}, "aws_config.tcp_keepalive must be true or false"),
        ({"proxies": "http://proxy:3128"}, "aws_config.proxies must be a dict"),
        ({"proxies": {"https": 3128}}, "aws_config.proxies.https must be a proxy URL"),
        ({"user_agent_extra": ["x"]}, "aws_config.user_agent_extra must be a string"),
    ],
)
def test_bad_aws_config_fails_naming_aws_config_and_the_key(aws_config, fragment):
    with pytest.raises(SmsVoiceError) as err:
        build_config("phone_number", aws_config)
    assert fragment in err.value.msg


def test_aws_config_retries_total_max_attempts_replaces_the_default_max_attempts():
    config = build_config("phone_number", {"retries": {"total_max_attempts": 3}})
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}


def test_aws_config_numbers_and_booleans_given_as_text_are_converted():
    config = build_config(
        "phone_number", {"connect_timeout": "7", "tcp_keepalive": "yes", "retries": {"max_attempts": "2"}}
    )
    assert (config.connect_timeout, config.tcp_keepalive, config.retries["max_attempts"]) == (7.0, True, 2)


def test_aws_config_is_no_log():
    assert connection.AWS_COMMON_ARGUMENT_SPEC["aws_config"]["no_log"] is True
    for option in ("access_key", "secret_key", "session_token"):
        assert connection.AWS_COMMON_ARGUMENT_SPEC[option]["no_log"] is True


def test_proxy_passwords_are_secrets_in_raw_and_url_decoded_form():
    secrets = secret_values(
        params(aws_config={"proxies": {"https": "http://user:p%40ss@proxy:3128", "http": "http://proxy:3128"}}),
        environ={},
    )
    assert {"p%40ss", "p@ss", "http://user:p%40ss@proxy:3128"} <= secrets


# -- the output filter -----------------------------------------------------------------------------


def botocore_message(access_key, session_token=None):
    """The message botocore's HTTP client raises for a header it refuses (no request leaves the host)."""
    session = boto3.session.Session(
        aws_access_key_id=access_key,
        aws_secret_access_key="unit-secret-value",
        aws_session_token=session_token,
        region_name="us-east-1",
    )
    client = session.client(
        "pinpoint-sms-voice-v2", endpoint_url="http://127.0.0.1:9", config=Config(retries={"max_attempts": 0})
    )
    with pytest.raises(Exception) as err:
        client.describe_phone_numbers()
    return str(err.value)


def test_filter_removes_a_session_token_botocore_printed_in_an_invalid_header_message(clean_env):
    token = "UnitSessionToken0123456789abcdef\n"
    message = botocore_message("AKIDUNITTEST", token)
    assert repr(token)[1:-1] in message  # botocore prints it escaped
    clean = redact(message, {token})
    for form in printed_forms(token):
        assert form not in clean
    assert "Invalid header value" in clean


def test_filter_removes_the_authorization_header_even_without_knowing_the_key(clean_env):
    message = botocore_message("AKIDUNIT\nTESTKEY")
    assert "AWS4-HMAC-SHA256 Credential=AKIDUNIT" in message
    clean = redact(message)
    assert "AKIDUNIT" not in clean and "TESTKEY" not in clean and "Signature=" not in clean


@pytest.mark.parametrize(
    "text, leaked",
    [
        ("{'Authorization': b'AWS4-HMAC-SHA256 Credential=AKIDX/2026', 'Host': 'h'}", "AKIDX"),
        ('{"X-Amz-Security-Token": "FwoGZXIvYXdzEXAMPLE"}', "FwoGZXIvYXdzEXAMPLE"),
        ("Authorization: AWS4-HMAC-SHA256 Credential=AKIDY/x, Signature=abc", "AKIDY"),
        ("X-Amz-Security-Token: FwoGZXIvYXdzLINE\nnext", "FwoGZXIvYXdzLINE"),
        ("GET /?X-Amz-Credential=AKIDZ%2F2026&X-Amz-Signature=deadbeef", "AKIDZ"),
        ('Failed to connect to proxy URL: "http://user:Pr0xyPass@proxy:3128"', "Pr0xyPass"),
    ],
)
def test_filter_removes_header_dumps_and_url_passwords(text, leaked):
    assert leaked not in redact(text)


@pytest.mark.parametrize("secret", ["S3cr3t-value\n", "multi\nline-secret-value", "quote'and\"backslash\\"])
def test_filter_removes_every_printed_form_of_a_secret(secret):
    text = " | ".join(
        [secret, repr(secret), json.dumps(secret), repr(secret.encode()), repr(repr(secret)), secret.strip()]
    )
    clean = redact(text, {secret})
    for form in printed_forms(secret):
        assert form not in clean


class FakeModule:
    """What run_module uses of AnsibleModule."""

    def __init__(self, module_params, argument_spec=None):
        self.params = module_params
        self.argument_spec = argument_spec or connection.AWS_COMMON_ARGUMENT_SPEC
        self.no_log_values = set()
        self._name = "phone_number"
        self.failed = None
        self.exited = None

    def fail_json(self, **kwargs):
        self.failed = kwargs
        raise SystemExit(1)

    def exit_json(self, **kwargs):
        self.exited = kwargs
        raise SystemExit(0)


def run(module, work):
    with pytest.raises(SystemExit):
        run_module(module, work)
    return module.failed


def test_every_failure_passes_through_the_filter(clean_env):
    token = "RunnerToken-0123456789\n"
    module = FakeModule(params(region="us-east-1", access_key="AKIDRUNNER", secret_key="runner-secret"))
    module.params["session_token"] = "good-token-value"

    def leaks_service_error(_module, _api):
        raise SmsVoiceError("X failed: {0!r} runner-secret".format(token), operation="X", code="C", message=token)

    module.params["session_token"] = token.strip()
    failed = run(module, leaks_service_error)
    text = json.dumps(failed)
    for form in printed_forms(token) | {"runner-secret"}:
        assert form not in text
    assert failed["operation"] == "X"


def test_a_botocore_error_that_escapes_is_reported_filtered_not_raised(clean_env):
    module = FakeModule(params(region="us-east-1", access_key="AKIDESCAPE", secret_key="escape-secret"))

    def raises_http_error(_module, _api):
        from botocore.exceptions import HTTPClientError

        raise HTTPClientError(error="Invalid header value b'AWS4-HMAC-SHA256 Credential=AKIDESC\\nAPE-KEY/x'")

    failed = run(module, raises_http_error)
    assert failed["msg"].startswith("unexpected error: HTTPClientError")
    assert "AKIDESC" not in json.dumps(failed)


def test_no_log_masks_proxy_urls_but_not_harmless_aws_config_values(clean_env):
    config = {
        "connect_timeout": 5,
        "retries": {"max_attempts": 10, "mode": "adaptive"},
        "proxies": {"https": "http://u:pw-123456@p:3128"},
    }
    module = FakeModule(params(region="us-east-1", aws_config=config))
    # As Ansible registers a no_log dict: every leaf.
    module.no_log_values.update({"5", "10", "adaptive", "http://u:pw-123456@p:3128"})
    runner.protect(module)
    assert {"5", "10", "adaptive"}.isdisjoint(module.no_log_values)
    assert {"http://u:pw-123456@p:3128", "pw-123456"} <= module.no_log_values


def test_environment_secrets_are_registered_as_no_log_values(clean_env):
    clean_env.setenv("AWS_SECRET_ACCESS_KEY", "env-secret-for-masking")
    clean_env.setenv("AWS_SESSION_TOKEN", "env-token-for-masking")
    module = FakeModule(params(region="us-east-1"))
    runner.protect(module)
    assert {"env-secret-for-masking", "env-token-for-masking"} <= module.no_log_values


# -- input gaps ------------------------------------------------------------------------------------

REQUEST = dict(
    state="present",
    iso_country_code="US",
    message_type="TRANSACTIONAL",
    number_capabilities=["SMS"],
    number_type="SIMULATOR",
)


def test_fifty_tags_plus_name_is_over_the_limit_and_names_tags():
    tags = {"k{0}".format(i): "v" for i in range(50)}
    with pytest.raises(SmsVoiceError, match=r"^tags has 51 tags \(Name from name included\)"):
        check_phone_number_params(dict(REQUEST, name="n", tags=tags))
    forty_nine = dict(list(tags.items())[:49])
    check_phone_number_params(dict(REQUEST, name="n", tags=forty_nine))  # 50 with Name
    check_phone_number_params(dict(REQUEST, name="n", tags=dict(forty_nine, Name="n")))  # Name counted once


@pytest.mark.parametrize("name", ["line\nbreak", "carriage\rreturn", "next\u0085line", "line\u2028separator"])
def test_name_with_a_line_break_fails_naming_name(name):
    with pytest.raises(SmsVoiceError, match=r"^name .* contains a line break"):
        check_phone_number_params(dict(REQUEST, name=name))


def test_tag_value_and_key_with_a_line_break_fail_naming_tags():
    with pytest.raises(SmsVoiceError, match=r"^tags: the value of tag 'team' contains a line break"):
        check_phone_number_params(dict(REQUEST, name="n", tags={"team": "a\nb"}))
    with pytest.raises(SmsVoiceError, match=r"^tags: tag key"):
        check_phone_number_params(dict(REQUEST, name="n", tags={"te\nam": "a"}))


@pytest.mark.parametrize("word", ["STOP ", " STOP", "INFO\u00a0", " help "])
def test_keyword_with_white_space_around_it_fails(word):
    with pytest.raises(SmsVoiceError, match=r"keywords\[0\]\.keyword .* white space at the start or end"):
        check_phone_number_params(dict(REQUEST, name="n", keywords=[{"keyword": word, "reply": "r"}]))


@pytest.mark.parametrize("word", ["STOP", "stop", "STOP "])
def test_stop_with_opt_in_fails_however_it_is_written(word):
    with pytest.raises(SmsVoiceError, match=r"keywords\[0\]"):
        check_phone_number_params(
            dict(REQUEST, name="n", keywords=[{"keyword": word, "reply": "r", "action": "OPT_IN"}])
        )


def test_session_token_in_the_task_without_keys_in_the_task_fails_naming_them(clean_env):
    clean_env.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    clean_env.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    with pytest.raises(SmsVoiceError, match="session_token needs access_key and secret_key"):
        resolve_credentials(params(session_token="task-token-value"))


def test_a_session_token_alone_in_the_environment_is_ignored_as_boto3_does(profiles):
    profiles.setenv("AWS_SESSION_TOKEN", "leftover token\n")
    profiles.setenv("AWS_PROFILE", "dev")
    assert identity(create_client(params(), "phone_number")) == ("AKIDPROFILEDEV", None, "eu-west-1")


def test_aws_profile_is_not_checked_when_environment_keys_win(clean_env):
    clean_env.setenv("AWS_PROFILE", "stale profile\n")
    clean_env.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    clean_env.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    assert identity(create_client(params(region="us-east-1"), "phone_number"))[0] == "AKIDFROMENV"


def test_warnings_pass_through_the_filter(clean_env):
    module = FakeModule(params(region="us-east-1", access_key="AKIDWARN", secret_key="warn-secret-value"))
    warnings = []
    module.warn = warnings.append

    def warns(mod, _api):
        # As the tag index warns about a GetResources failure that quotes what botocore said.
        mod.warn("GetResources failed: 'warn-secret-value' via http://user:proxy-pass-42@proxy:3128/")
        return dict(changed=False)

    with pytest.raises(SystemExit):
        run_module(module, warns)
    assert module.exited is not None
    assert len(warnings) == 1
    assert "warn-secret-value" not in warnings[0] and "proxy-pass-42" not in warnings[0]
    assert warnings[0].startswith("GetResources failed")
