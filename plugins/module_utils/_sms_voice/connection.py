# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn the common AWS options into a boto3 client, and call it.

Retries are botocore's own (``standard`` by default, ``adaptive`` on request):
they retry ``ThrottlingException``, 5xx answers and dropped connections, and they
resend the *same* request, ClientToken included. A wrapper that re-invoked the
client method would get a fresh ClientToken from botocore on every attempt and
could lease a second phone number. So the one retry made here, of throttling
that outlasts botocore's retries, first fills ClientToken itself and resends it.
"""

from __future__ import annotations

import os
import random
import re
import time
import uuid
from urllib.parse import unquote, urlsplit

from ansible.module_utils.basic import env_fallback
from ansible.module_utils.parsing.convert_bool import boolean

from .errors import SmsVoiceError
from .pacing import PACING_ARGUMENT_SPEC, THROTTLING_CODES, Pacer
from .validation import check_credential

try:
    import boto3
    import botocore
    from botocore.config import Config
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
        EndpointConnectionError,
        NoCredentialsError,
        NoRegionError,
    )
except ImportError:  # handled by the modules through missing_required_lib
    HAS_BOTO3 = False
else:
    HAS_BOTO3 = True

COLLECTION_NAME = "pinpoint.sms_voice"
COLLECTION_VERSION = "0.1.0"
SERVICE_NAME = "pinpoint-sms-voice-v2"
TAGGING_SERVICE_NAME = "resourcegroupstaggingapi"
DEFAULT_RETRIES = {"mode": "standard", "max_attempts": 5}

# Same option names, aliases and environment variables as amazon.aws, so that a
# play's module_defaults for group/aws cover this collection too. The credential
# options have no env_fallback: create_client reads their environment variables
# itself, because which identity wins depends on whether the task set the option
# (as boto3 decides), and a fallback would make an environment value look like
# the task's own.
AWS_COMMON_ARGUMENT_SPEC = dict(
    access_key=dict(aliases=["aws_access_key_id", "aws_access_key"], no_log=True),
    secret_key=dict(aliases=["aws_secret_access_key", "aws_secret_key"], no_log=True),
    session_token=dict(aliases=["aws_session_token"], no_log=True),
    profile=dict(aliases=["aws_profile"]),
    region=dict(aliases=["aws_region"], fallback=(env_fallback, ["AWS_REGION", "AWS_DEFAULT_REGION"])),
    endpoint_url=dict(aliases=["aws_endpoint_url"], fallback=(env_fallback, ["AWS_URL"])),
    validate_certs=dict(type="bool", default=True),
    aws_ca_bundle=dict(type="path", fallback=(env_fallback, ["AWS_CA_BUNDLE"])),
    # no_log: proxies can carry a password. runner.run_module unmasks the values
    # that are not secret, so that connect_timeout: 5 does not mask every 5 in the output.
    aws_config=dict(type="dict", no_log=True),
    **PACING_ARGUMENT_SPEC,
)

# The environment variables each credential option is read from, first set wins.
CREDENTIAL_ENV = {
    "access_key": ("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"),
    "secret_key": ("AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY"),
    "session_token": ("AWS_SESSION_TOKEN",),
    "profile": ("AWS_PROFILE",),
}
KEY_OPTIONS = ("access_key", "secret_key", "session_token")

# aws_config keys that would bypass the options meant for them.
AWS_CONFIG_REFUSED = {
    "region_name": "set the region option (alias aws_region) instead",
}
CREDENTIAL_LIKE = re.compile(r"access|secret|session|token|password|credential|profile|key_id", re.I)
RETRY_MODES = ("legacy", "standard", "adaptive")
_NUMBER_SETTINGS = ("connect_timeout", "read_timeout")
_INT_SETTINGS = ("max_pool_connections", "request_min_compression_size_bytes")
_BOOL_SETTINGS = (
    "parameter_validation",
    "inject_host_prefix",
    "use_dualstack_endpoint",
    "use_fips_endpoint",
    "ignore_configured_endpoint_urls",
    "tcp_keepalive",
    "disable_request_compression",
)
_STR_SETTINGS = ("signature_version", "user_agent", "user_agent_extra", "user_agent_appid", "defaults_mode")
_DICT_SETTINGS = ("proxies", "proxies_config", "s3", "client_context_params")


def config_keys():
    """The settings botocore's Config accepts, as this botocore knows them."""
    return tuple(Config.OPTION_DEFAULTS)


def check_aws_config(aws_config):
    """A copy of ``aws_config`` with numbers and booleans given as text converted.

    Raises SmsVoiceError naming ``aws_config`` and the key for anything botocore's
    Config does not accept, for region or credentials (which have options of their
    own) and for a ``retries`` that is not a dict of max_attempts,
    total_max_attempts and mode.
    """
    if aws_config is None:
        return {}
    if not isinstance(aws_config, dict):
        raise SmsVoiceError("aws_config must be a dict of botocore Config settings")
    known = config_keys()
    checked = {}
    for key, value in aws_config.items():
        where = "aws_config.{0}".format(key)
        if key in AWS_CONFIG_REFUSED:
            raise SmsVoiceError("{0} is not accepted: {1}".format(where, AWS_CONFIG_REFUSED[key]))
        if key not in known:
            if CREDENTIAL_LIKE.search(str(key)):
                raise SmsVoiceError(
                    "{0} is not accepted: credentials go in the access_key, secret_key and session_token "
                    "options, or in profile".format(where)
                )
            raise SmsVoiceError(
                "{0} is not a botocore Config setting; known settings: {1}".format(
                    where, ", ".join(k for k in known if k not in AWS_CONFIG_REFUSED)
                )
            )
        checked[key] = _config_value(key, value, where)
    return checked


def _config_value(key, value, where):
    if key == "retries":
        return _check_retries(value, where)
    if value is None:
        return None
    if key in _NUMBER_SETTINGS or key in _INT_SETTINGS:
        number = value
        if isinstance(value, str):
            try:
                number = float(value) if key in _NUMBER_SETTINGS else int(value)
            except ValueError:
                number = None
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
            raise SmsVoiceError("{0} must be a non-negative number".format(where))
        if key in _INT_SETTINGS and number != int(number):
            raise SmsVoiceError("{0} must be a whole number".format(where))
        return int(number) if key in _INT_SETTINGS else number
    if key in _BOOL_SETTINGS:
        try:
            return boolean(value, strict=True)
        except TypeError:
            raise SmsVoiceError("{0} must be true or false".format(where))
    if key in _STR_SETTINGS and not isinstance(value, str):
        raise SmsVoiceError("{0} must be a string".format(where))
    if key in _DICT_SETTINGS and not isinstance(value, dict):
        raise SmsVoiceError("{0} must be a dict".format(where))
    if key == "proxies":
        for scheme, url in value.items():
            if not isinstance(url, str):
                raise SmsVoiceError("{0}.{1} must be a proxy URL".format(where, scheme))
    return value


def _check_retries(value, where):
    if not isinstance(value, dict):
        raise SmsVoiceError(
            "{0} must be a dict with any of max_attempts, total_max_attempts and mode, "
            "for example {{mode: adaptive, max_attempts: 10}}".format(where)
        )
    retries = {}
    for key, item in value.items():
        if key == "mode":
            if item not in RETRY_MODES:
                raise SmsVoiceError("{0}.mode must be one of {1}".format(where, ", ".join(RETRY_MODES)))
            retries[key] = item
        elif key in ("max_attempts", "total_max_attempts"):
            least = 1 if key == "total_max_attempts" else 0
            number = item
            if isinstance(item, str) and item.strip().isdigit():
                number = int(item)
            if isinstance(number, bool) or not isinstance(number, int) or number < least:
                raise SmsVoiceError("{0}.{1} must be a whole number of at least {2}".format(where, key, least))
            retries[key] = number
        else:
            raise SmsVoiceError(
                "{0}.{1} is not a retry setting; use max_attempts, total_max_attempts or mode".format(where, key)
            )
    return retries


def build_config(module_name, aws_config=None):
    """The botocore Config: retries, user agent, then the user's aws_config on top."""
    settings = {
        "retries": dict(DEFAULT_RETRIES),
        "user_agent_extra": "{0}/{1} ansible-module/{2}".format(COLLECTION_NAME, COLLECTION_VERSION, module_name),
    }
    user = check_aws_config(aws_config)
    if "retries" in user:
        retries = user.pop("retries") or {}
        if "total_max_attempts" in retries:
            # botocore prefers total_max_attempts; the default max_attempts would only confuse a reader.
            settings["retries"].pop("max_attempts")
        settings["retries"].update(retries)
    if user.get("user_agent_extra"):
        settings["user_agent_extra"] += " " + user.pop("user_agent_extra")
    settings.update((k, v) for k, v in user.items() if v is not None)
    try:
        return Config(**settings)
    except (TypeError, ValueError, BotoCoreError) as e:
        raise SmsVoiceError("aws_config holds a setting that botocore's Config does not accept: {0}".format(e))


def resolve_credentials(params, environ=None):
    """Which credentials and profile the client uses, and where each came from.

    Returns ``(values, sources)``: option name -> value, and option name -> where
    it was found (``"task"`` or the environment variable's name). The rules are
    boto3's: a profile set in the task beats keys in the environment; keys set in
    the task beat a profile in the environment; keys in the environment beat
    ``AWS_PROFILE``. Keys come from one place only: a task that sets any of
    access_key, secret_key and session_token takes none of them from the
    environment (an ``AWS_SESSION_TOKEN`` there would belong to other keys).

    Raises SmsVoiceError for a profile and keys both set in the task, for one of
    access_key/secret_key without the other, and for a value with white space or
    control characters (naming the option and its source, never the value).
    """
    environ = os.environ if environ is None else environ
    values, sources = {}, {}
    task_keys = any(params.get(option) for option in KEY_OPTIONS)
    if params.get("profile") and task_keys:
        # amazon.aws refuses this too: which identity would win is not obvious.
        raise SmsVoiceError(
            "profile cannot be used together with access_key/secret_key: set either profile "
            "or access_key and secret_key (and session_token)"
        )
    if params.get("profile"):
        values["profile"], sources["profile"] = params["profile"], "task"
    elif task_keys:
        for option in KEY_OPTIONS:
            if params.get(option):
                values[option], sources[option] = params[option], "task"
    else:
        found = {option: _from_environment(option, environ) for option in CREDENTIAL_ENV}
        # As boto3's environment provider: a token counts only with keys, and keys hide AWS_PROFILE.
        wanted = KEY_OPTIONS if found["access_key"] or found["secret_key"] else ("profile",)
        for option in wanted:
            if found[option]:
                sources[option], values[option] = found[option]
    if values.get("session_token") and not (values.get("access_key") or values.get("secret_key")):
        raise SmsVoiceError(
            "session_token needs access_key and secret_key from the same place: a task that sets "
            "session_token must set them too"
        )
    if bool(values.get("access_key")) != bool(values.get("secret_key")):
        missing = "secret_key" if values.get("access_key") else "access_key"
        raise SmsVoiceError(
            "access_key and secret_key go together: {0} is not set (as an option, or in the environment "
            "variables {1} when the task sets no keys)".format(missing, " or ".join(CREDENTIAL_ENV[missing]))
        )
    for option, value in values.items():
        check_credential(option, value, sources[option])
    return values, sources


def _from_environment(option, environ):
    """(variable name, value) of the first of the option's environment variables that is set, or None."""
    for name in CREDENTIAL_ENV[option]:
        if environ.get(name):
            return name, environ[name]
    return None


def secret_values(params, environ=None):
    """Every secret the module may hold: credentials from the task and the environment, proxy passwords.

    The raw values only; ``runner.redact`` derives the forms they can be printed in.
    """
    environ = os.environ if environ is None else environ
    secrets = set()
    for option in KEY_OPTIONS:
        if params.get(option):
            secrets.add(params[option])
        for name in CREDENTIAL_ENV[option]:
            if environ.get(name):
                secrets.add(environ[name])
    config = params.get("aws_config")
    proxies = config.get("proxies") if isinstance(config, dict) else None
    if isinstance(proxies, dict):
        for url in proxies.values():
            if isinstance(url, str) and url:
                secrets.add(url)
                password = urlsplit(url).password if "@" in url else None
                if password:
                    secrets.add(password)
                    secrets.add(unquote(password))
    secrets.discard("")
    return secrets


def create_client(params, module_name, service=SERVICE_NAME):
    """A boto3 client of ``service`` (``pinpoint-sms-voice-v2`` by default) for the module's parameters.

    The Resource Groups Tagging API client takes the same credentials, region,
    endpoint_url and settings, as amazon.aws does for every client of a module.

    Raises SmsVoiceError for a profile given together with keys, credentials with
    white space or control characters, a bad aws_config, an unknown profile, or a
    missing region, naming the option to set. Nothing is called before these checks.
    """
    values, sources = resolve_credentials(params)
    config = build_config(module_name, params.get("aws_config"))
    session_args = {}
    if sources.get("profile") == "task":
        # boto3 drops the environment's keys from the chain for a profile named in code.
        session_args["profile_name"] = values["profile"]
    for option, arg in (
        ("access_key", "aws_access_key_id"),
        ("secret_key", "aws_secret_access_key"),
        ("session_token", "aws_session_token"),
    ):
        if values.get(option):
            session_args[arg] = values[option]
    if params.get("region"):
        session_args["region_name"] = params["region"]
    if values.get("access_key"):
        # Keys win, but botocore would still read AWS_PROFILE from the environment (and fail
        # on an unknown profile): a session that takes the profile from nowhere.
        session_args["botocore_session"] = botocore.session.Session(session_vars={"profile": (None, None, None, None)})
    try:
        session = boto3.session.Session(**session_args)
        region = session.region_name
    except botocore.exceptions.ProfileNotFound:
        where = "" if sources.get("profile") == "task" else " (from the environment variable AWS_PROFILE)"
        raise SmsVoiceError(
            "profile {0!r}{1} was not found in the AWS config or credentials files".format(
                values.get("profile") or os.environ.get("AWS_PROFILE"), where
            )
        )
    if not region:
        raise SmsVoiceError(
            "region is required: set the region option (alias aws_region), the AWS_REGION environment "
            "variable, or a region in the profile"
        )
    client_args = {"config": config}
    if params.get("endpoint_url"):
        client_args["endpoint_url"] = params["endpoint_url"]
    if params.get("aws_ca_bundle"):
        client_args["verify"] = params["aws_ca_bundle"]
    if params.get("validate_certs") is False:
        client_args["verify"] = False
    try:
        return session.client(service, **client_args)
    except (BotoCoreError, ValueError) as e:
        raise SmsVoiceError("could not create the {0} client: {1}".format(service, e))


# After botocore's own retries give up on throttling (other runs share the account's
# quota), the call is made again, with a growing, jittered pause, until it has been
# throttled for the run's throttle_timeout (pacing.DEFAULT_THROTTLE_TIMEOUT by default).
THROTTLE_FIRST_BACKOFF = 1.0
THROTTLE_MAX_BACKOFF = 20.0


class Api:
    """A thin caller over the boto3 client that turns every failure into SmsVoiceError.

    Every HTTP attempt is paced to its operation's request quota
    (``pacing.Pacer``, shared by all threads, botocore's retries included), and a
    throttled attempt slows every later call of its operation. Throttling that
    outlasts botocore's retries is retried here with a growing, jittered pause
    for up to ``throttle_timeout`` seconds (the pacer's by default) since the call
    began; the call is made again with the same ClientToken, so a retried request
    can never create a second resource. Past the timeout the call fails naming
    the operation and the time it was throttled.

    ``tagging`` (optional) makes the Resource Groups Tagging API client when
    first needed; without it the reader never uses the tag index. It shares the
    pacer and the timeout: GetResources is retried like every other call, since
    the reader's fallback without the index costs one call per resource.
    """

    def __init__(self, client, pacer=None, clock=time.monotonic, *, tagging=None, throttle_timeout=None):
        self.client = client
        self.pacer = pacer or Pacer()
        self.throttle_timeout = self.pacer.throttle_timeout if throttle_timeout is None else float(throttle_timeout)
        self.pacer.attach(client)
        self.clock = clock
        self._tagging = tagging
        self._tagging_api = None

    def tagging_api(self):
        """An Api on the Resource Groups Tagging API, or None when the index is not to be used.

        Raises SmsVoiceError if its client cannot be made.
        """
        if self._tagging is None:
            return None
        if self._tagging_api is None:
            self._tagging_api = Api(self._tagging(), self.pacer, self.clock, throttle_timeout=self.throttle_timeout)
        return self._tagging_api

    def call(self, operation, **params):
        method = getattr(self.client, _snake(operation))
        if "ClientToken" not in params and _takes_client_token(self.client, operation):
            # Filled once here, so that every attempt below resends the same token.
            params["ClientToken"] = str(uuid.uuid4())
        start = self.clock()
        backoff = THROTTLE_FIRST_BACKOFF
        while True:
            try:
                return self._call(operation, method, params)
            except SmsVoiceError as e:
                if e.code not in THROTTLING_CODES:
                    raise
                spent = self.clock() - start
                if spent >= self.throttle_timeout:
                    raise throttled_too_long(operation, e, spent, self.throttle_timeout)
                # Full jitter within the upper half: runs refused together come back at different times.
                pause = min(backoff * random.uniform(0.5, 1.0), self.throttle_timeout - spent)
                self.pacer.hold_off(operation, pause)
                backoff = min(backoff * 2, THROTTLE_MAX_BACKOFF)

    def _call(self, operation, method, params):
        try:
            return method(**params)
        except ClientError as e:
            error = aws_error(operation, e)
            if error.code in REGION_ERRORS:
                error.msg += region_hint(self.client)
                error.args = (error.msg,)
            raise error
        except NoCredentialsError:
            raise SmsVoiceError(
                "no AWS credentials were found for {0}: set access_key/secret_key, profile, "
                "or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables".format(operation),
                operation=operation,
            )
        except NoRegionError:
            raise SmsVoiceError("region is required: set the region option (alias aws_region)", operation=operation)
        except BotoCoreError as e:
            hint = region_hint(self.client) if isinstance(e, EndpointConnectionError) else ""
            raise SmsVoiceError("{0} failed: {1}{2}".format(operation, e, hint), operation=operation)


# What a call signed for a region the service is not in meets: AWS refuses the credential's scope,
# and without an endpoint URL there is no host to reach.
REGION_ERRORS = ("InvalidSignatureException", "UnrecognizedClientException")


def served_regions(service=SERVICE_NAME):
    """Every region where botocore's endpoint data lists ``service``, over all partitions."""
    session = botocore.session.get_session()
    return sorted(
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions(service, partition)
    )


def region_hint(client):
    """``; region X is not one ...`` when the client's region is not one botocore lists for the service, else ``""``."""
    region = client.meta.region_name
    known = served_regions(client.meta.service_model.service_name)
    if not known or region in known:
        return ""
    return (
        "; region {0!r} is not a region where botocore lists the {1} service: check the region option "
        "(alias aws_region) or AWS_REGION. Known regions: {2}"
    ).format(region, client.meta.service_model.service_name, ", ".join(known))


def _takes_client_token(client, operation):
    shape = client.meta.service_model.operation_model(operation).input_shape
    return shape is not None and "ClientToken" in shape.members


def aws_error(operation, error):
    """SmsVoiceError for a botocore ClientError, with the service's code, reason and fields."""
    body = error.response.get("Error", {})
    code = body.get("Code") or "Unknown"
    message = body.get("Message") or str(error)
    reason = error.response.get("Reason") or body.get("Reason")
    fields = error.response.get("Fields") or body.get("Fields") or []
    retried = error.response.get("ResponseMetadata", {}).get("RetryAttempts", 0) > 0
    text = "{0} failed: {1}: {2}".format(operation, code, message)
    if reason:
        text += " (reason {0})".format(reason)
    for field in fields:
        if isinstance(field, dict) and field.get("Name"):
            text += "; {0}: {1}".format(field["Name"], field.get("Message", ""))
    if code in ("ThrottlingException", "InternalServerException", "ServiceUnavailable"):
        text += "; retries were exhausted, re-run the task to converge"
    if code == "AccessDeniedException":
        # AWS's own message names the action only for some denials; say it in every case.
        text += (
            "; the identity running the task needs the IAM action {0} (the collection's docs/iam/ "
            "holds the policy of each module, listing every action it calls)"
        ).format(iam_action(operation))
    err = SmsVoiceError(text, operation=operation, code=code, reason=reason, message=message, fields=fields)
    # botocore retried the call: an earlier attempt may have acted before its answer was lost.
    err.retried = retried
    return err


def throttled_too_long(operation, error, spent, timeout):
    """SmsVoiceError for a call throttled for ``spent`` seconds, past ``throttle_timeout``."""
    text = (
        "{0} was throttled for {1:.0f} s, longer than throttle_timeout ({2:g} s): other runs or tools share "
        "the account's request quota for {0}; raise throttle_timeout, run fewer tasks at once, or have the "
        "quota raised (and set quota_scale or request_quotas). The service said: {3}"
    ).format(operation, spent, timeout, error.message or error.code)
    err = SmsVoiceError(
        text,
        operation=operation,
        code=error.code,
        reason=error.reason,
        message=error.message,
        fields=error.fields,
    )
    err.retried = getattr(error, "retried", False)
    return err


def iam_action(operation):
    """The IAM action an API operation needs: tag:GetResources for the Tagging API, else sms-voice:<operation>."""
    return ("tag:" if operation == "GetResources" else "sms-voice:") + operation


def _snake(operation):
    out = []
    for i, ch in enumerate(operation):
        if ch.isupper() and i:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)
