# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where an SmsVoiceError becomes ``fail_json``, through the one output filter."""

from __future__ import annotations

import json
import re
import traceback
from typing import Any
from urllib.parse import quote

from ansible.module_utils.basic import missing_required_lib

from . import connection
from .connection import HAS_BOTO3, TAGGING_SERVICE_NAME, Api, create_client, secret_values
from .errors import SmsVoiceError
from .pacing import pacer_from_params

REDACTED = "<redacted>"

# Header dumps that carry credentials whatever their value: botocore's HTTP client
# quotes a refused header value ("Invalid header value b'...'"), and a request dump
# shows Authorization (key ID, scope, signature) and X-Amz-Security-Token.
_QUOTED = (
    # 'Authorization': b'...', X-Amz-Security-Token="..."
    re.compile(r"""(?is)((?:authorization|x-amz-security-token)['"]?\s*[:=]\s*b?)(['"])(?:\\.|(?!\2).)*\2"""),
    # the value http.client refused, whichever header it was
    re.compile(r"""(?is)(invalid header value\s*b?)(['"])(?:\\.|(?!\2).)*\2"""),
)
# Authorization: AWS4-HMAC-SHA256 ... (a header line)
_HEADER_LINE = re.compile(r"(?i)((?:authorization|x-amz-security-token)\s*:\s*)(?!<redacted>)[^'\"\r\n]+")
_SIGV4 = re.compile(r"AWS4-HMAC-SHA256\s+Credential=[^'\"\r\n]*")
# presigned URL parameters
_QUERY = re.compile(r"(?i)(X-Amz-(?:Credential|Signature|Security-Token)=)[^&\s'\"]+")
# user:password@ in any URL (proxies)
_USERINFO = re.compile(r"(?i)([a-z][a-z0-9+.-]*://[^/\s:@'\"]*:)[^/\s@'\"]+(@)")


def secret_forms(secrets):
    """Every form a secret can be printed in: as is, stripped, escaped, JSON, bytes repr, URL-quoted."""
    forms = set()
    for secret in secrets:
        for value in dict.fromkeys((secret, secret.strip())):
            if not value:
                continue
            forms.add(value)
            forms.add(repr(value)[1:-1])
            forms.add(repr(repr(value)[1:-1])[1:-1])
            forms.add(value.encode("unicode_escape").decode("ascii"))
            forms.add(json.dumps(value)[1:-1])
            forms.add(repr(value.encode("utf-8", "surrogateescape"))[2:-1])
            forms.add(quote(value, safe=""))
            # A value that spans lines is printed line by line too.
            forms.update(part for part in re.split(r"\s+", value) if len(part) >= 8)
    forms.discard("")
    return sorted(forms, key=len, reverse=True)


def redact(text, secrets=()):
    """``text`` without the secrets (in any printed form) and without credential header dumps.

    Every message that reaches the user goes through here, whatever built it.
    """
    if not isinstance(text, str):
        return text
    for form in secret_forms(secrets):
        text = text.replace(form, REDACTED)
    for pattern in _QUOTED:
        text = pattern.sub(r"\1\2" + REDACTED + r"\2", text)
    text = _HEADER_LINE.sub(r"\1" + REDACTED, text)
    text = _SIGV4.sub("AWS4-HMAC-SHA256 " + REDACTED, text)
    text = _QUERY.sub(r"\1" + REDACTED, text)
    text = _USERINFO.sub(r"\1" + REDACTED + r"\2", text)
    return text


def redact_all(value, secrets=()):
    """``redact`` applied to every string in a result (dicts, lists, keys included)."""
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return {redact_all(k, secrets): redact_all(v, secrets) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_all(v, secrets) for v in value]
    return value


def _leaves(value):
    """The strings Ansible masks for a no_log option: every leaf, numbers as text, booleans and None skipped."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield str(value)


def protect(module):
    """Register every secret as a no_log value and return them.

    ``aws_config`` is no_log so that a proxy password never shows, even when Ansible
    itself rejects the task's arguments; but Ansible masks every leaf of a no_log
    dict wherever it appears, so ``connect_timeout: 5`` would turn every 5 in the
    output into asterisks. Only the proxy URLs stay masked.
    """
    secrets = secret_values(module.params)
    config = module.params.get("aws_config")
    if isinstance(config, dict):
        keep = set(_leaves(config.get("proxies")))
        others = set()
        for option, spec in module.argument_spec.items():
            if spec.get("no_log") and option != "aws_config":
                others.update(_leaves(module.params.get(option)))
        harmless = set(_leaves({k: v for k, v in config.items() if k != "proxies"})) - keep - others - secrets
        module.no_log_values.difference_update(harmless)
    module.no_log_values.update(secrets)
    return secrets


def library_versions():
    """``boto3_version`` and ``botocore_version`` for failure results, as amazon.aws reports them."""
    if not HAS_BOTO3:
        return dict(boto3_version=None, botocore_version=None)
    return dict(boto3_version=connection.boto3.__version__, botocore_version=connection.botocore.__version__)


def _redact_warnings(module, secrets):
    """Send the module's warnings through ``redact``: Ansible's no_log masking does not reach warnings."""
    warn = getattr(module, "warn", None)
    if warn is None:
        return

    def redacted_warn(warning, *args, **kwargs):
        warn(redact(warning, secrets), *args, **kwargs)

    module.warn = redacted_warn


def run_module(module, work):
    """Run ``work(module, api)`` and exit with its result dict, or fail with a clean message.

    ``work`` returns the keyword arguments for ``exit_json``. Every failure, whatever
    raised it, passes through ``redact`` before it is returned.
    """
    secrets = protect(module)
    _redact_warnings(module, secrets)
    if not HAS_BOTO3:
        module.fail_json(msg=missing_required_lib("boto3 and botocore"))
    failure: dict[str, Any] | None = None
    try:
        name = module._name.split(".")[-1]
        pacer = pacer_from_params(module.params)

        def tagging():
            return create_client(module.params, name, TAGGING_SERVICE_NAME)

        use_index = module.params.get("use_tagging_api", False)
        api = Api(create_client(module.params, name), pacer, tagging=tagging if use_index else None)
        result = work(module, api)
    except SmsVoiceError as e:
        # A failure after a write reports changed: true, with what was done and what was not.
        failure = dict(changed=False)
        failure.update(e.result())
    # A botocore error that escaped Api, or a bug: reported, filtered, never raw.
    except Exception as e:  # pylint: disable=broad-exception-caught
        failure = dict(
            changed=False,
            msg="unexpected error: {0}: {1}".format(type(e).__name__, e),
            exception=traceback.format_exc(),
        )
    if failure is not None:
        module.fail_json(**redact_all(dict(failure, **library_versions()), secrets))
    module.exit_json(**result)
