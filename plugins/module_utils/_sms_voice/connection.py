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
import time
import uuid

from ansible.module_utils.basic import env_fallback

from .errors import SmsVoiceError
from .pacing import PACING_ARGUMENT_SPEC, THROTTLING_CODES, Pacer

try:
    import boto3
    import botocore
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, NoRegionError
except ImportError:  # handled by the modules through missing_required_lib
    HAS_BOTO3 = False
else:
    HAS_BOTO3 = True

COLLECTION_NAME = "pinpoint.sms_voice"
COLLECTION_VERSION = "0.1.0"
SERVICE_NAME = "pinpoint-sms-voice-v2"
DEFAULT_RETRIES = {"mode": "standard", "max_attempts": 5}

# Same option names, aliases and environment variables as amazon.aws, so that a
# play's module_defaults for group/aws cover this collection too.
AWS_COMMON_ARGUMENT_SPEC = dict(
    access_key=dict(
        aliases=["aws_access_key_id", "aws_access_key"],
        fallback=(env_fallback, ["AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"]),
        no_log=False,
    ),
    secret_key=dict(
        aliases=["aws_secret_access_key", "aws_secret_key"],
        fallback=(env_fallback, ["AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY"]),
        no_log=True,
    ),
    session_token=dict(
        aliases=["aws_session_token"],
        fallback=(env_fallback, ["AWS_SESSION_TOKEN"]),
        no_log=True,
    ),
    profile=dict(aliases=["aws_profile"], fallback=(env_fallback, ["AWS_PROFILE"])),
    region=dict(aliases=["aws_region"], fallback=(env_fallback, ["AWS_REGION", "AWS_DEFAULT_REGION"])),
    endpoint_url=dict(aliases=["aws_endpoint_url"], fallback=(env_fallback, ["AWS_URL"])),
    validate_certs=dict(type="bool", default=True),
    aws_ca_bundle=dict(type="path", fallback=(env_fallback, ["AWS_CA_BUNDLE"])),
    aws_config=dict(type="dict"),
    **PACING_ARGUMENT_SPEC,
)


def _given(params, option, env_names):
    """Whether the option was set in the task, rather than filled from the environment by its fallback."""
    value = params.get(option)
    return bool(value) and all(os.environ.get(name) != value for name in env_names)


def build_config(module_name, aws_config=None):
    """The botocore Config: retries, user agent, then the user's aws_config on top."""
    settings = {
        "retries": dict(DEFAULT_RETRIES),
        "user_agent_extra": "{0}/{1} ansible-module/{2}".format(COLLECTION_NAME, COLLECTION_VERSION, module_name),
    }
    if aws_config:
        user = dict(aws_config)
        if "retries" in user and isinstance(user["retries"], dict):
            settings["retries"].update(user.pop("retries"))
        if "user_agent_extra" in user:
            settings["user_agent_extra"] += " " + str(user.pop("user_agent_extra"))
        settings.update(user)
    try:
        return Config(**settings)
    except TypeError as e:
        raise SmsVoiceError("aws_config holds an option that botocore's Config does not accept: {0}".format(e))


def create_client(params, module_name):
    """A boto3 ``pinpoint-sms-voice-v2`` client for the module's parameters.

    Raises SmsVoiceError for a profile given together with keys, an unknown
    profile, or a missing region, naming the option to set.
    """
    profile_set = _given(params, "profile", ("AWS_PROFILE",))
    keys_set = _given(params, "access_key", ("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"))
    if profile_set and keys_set:
        # amazon.aws refuses this too: which identity would win is not obvious.
        raise SmsVoiceError(
            "profile cannot be used together with access_key/secret_key: set either profile "
            "or access_key and secret_key (and session_token)"
        )
    if bool(params.get("access_key")) != bool(params.get("secret_key")):
        missing = "secret_key" if params.get("access_key") else "access_key"
        raise SmsVoiceError(
            "access_key and secret_key go together: {0} is not set (as an option or in the environment)".format(missing)
        )
    session_args = {}
    # An option wins over the environment; between two values from the
    # environment, keys win over AWS_PROFILE, as in boto3's own chain.
    use_profile = params.get("profile") and (profile_set or not params.get("access_key"))
    if use_profile:
        session_args["profile_name"] = params["profile"]
    else:
        for option, arg in (
            ("access_key", "aws_access_key_id"),
            ("secret_key", "aws_secret_access_key"),
            ("session_token", "aws_session_token"),
        ):
            if params.get(option):
                session_args[arg] = params[option]
    if params.get("region"):
        session_args["region_name"] = params["region"]
    if not use_profile and params.get("profile"):
        # Keys win, but botocore would still read AWS_PROFILE from the environment (and fail
        # on an unknown profile): a session that takes the profile from nowhere.
        session_args["botocore_session"] = botocore.session.Session(session_vars={"profile": (None, None, None, None)})
    try:
        session = boto3.session.Session(**session_args)
    except botocore.exceptions.ProfileNotFound as e:
        raise SmsVoiceError("profile {0!r} was not found: {1}".format(params.get("profile"), e))
    if not session.region_name:
        raise SmsVoiceError(
            "region is required: set the region option (alias aws_region) or the AWS_REGION environment variable"
        )
    client_args = {"config": build_config(module_name, params.get("aws_config"))}
    if params.get("endpoint_url"):
        client_args["endpoint_url"] = params["endpoint_url"]
    if params.get("aws_ca_bundle"):
        client_args["verify"] = params["aws_ca_bundle"]
    if params.get("validate_certs") is False:
        client_args["verify"] = False
    try:
        return session.client(SERVICE_NAME, **client_args)
    except (BotoCoreError, ValueError) as e:
        raise SmsVoiceError("could not create the {0} client: {1}".format(SERVICE_NAME, e))


# After botocore's own retries give up on throttling (other runs share the account's
# quota), the call is made again, spaced further each time, for up to this long.
THROTTLE_BUDGET_SECONDS = 300.0
THROTTLE_FIRST_BACKOFF = 1.0
THROTTLE_MAX_BACKOFF = 20.0


class Api:
    """A thin caller over the boto3 client that turns every failure into SmsVoiceError.

    Every HTTP attempt is paced to its operation's request quota
    (``pacing.Pacer``, shared by all threads, botocore's retries included). Throttling that outlasts botocore's retries is
    retried here with a growing, jittered pause; the call is made again with the
    same ClientToken, so a retried request can never create a second resource.
    """

    def __init__(self, client, pacer=None, clock=time.monotonic):
        self.client = client
        self.pacer = pacer or Pacer()
        self.pacer.attach(client)
        self.clock = clock

    def call(self, operation, **params):
        method = getattr(self.client, _snake(operation))
        if "ClientToken" not in params and _takes_client_token(self.client, operation):
            params["ClientToken"] = str(uuid.uuid4())
        deadline = None
        backoff = THROTTLE_FIRST_BACKOFF
        while True:
            try:
                return self._call(operation, method, params)
            except SmsVoiceError as e:
                if e.code not in THROTTLING_CODES:
                    raise
                deadline = deadline or self.clock() + THROTTLE_BUDGET_SECONDS
                if self.clock() + backoff > deadline:
                    raise
                pause = backoff * random.uniform(0.5, 1.0)
                self.pacer.hold_off(operation, pause)
                backoff = min(backoff * 2, THROTTLE_MAX_BACKOFF)

    def _call(self, operation, method, params):
        try:
            return method(**params)
        except ClientError as e:
            raise aws_error(operation, e)
        except NoCredentialsError:
            raise SmsVoiceError(
                "no AWS credentials were found for {0}: set access_key/secret_key, profile, "
                "or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables".format(operation),
                operation=operation,
            )
        except NoRegionError:
            raise SmsVoiceError("region is required: set the region option (alias aws_region)", operation=operation)
        except BotoCoreError as e:
            raise SmsVoiceError("{0} failed: {1}".format(operation, e), operation=operation)


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
    err = SmsVoiceError(text, operation=operation, code=code, reason=reason, message=message, fields=fields)
    # botocore retried the call: an earlier attempt may have acted before its answer was lost.
    err.retried = retried
    return err


def _snake(operation):
    out = []
    for i, ch in enumerate(operation):
        if ch.isupper() and i:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)
