# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where an SmsVoiceError becomes ``fail_json``."""

from __future__ import annotations

from ansible.module_utils.basic import missing_required_lib

from .connection import HAS_BOTO3, TAGGING_SERVICE_NAME, Api, create_client
from .errors import SmsVoiceError


def run_module(module, work):
    """Run ``work(module, api)`` and exit with its result dict, or fail with a clean message.

    ``work`` returns the keyword arguments for ``exit_json``.
    """
    if not HAS_BOTO3:
        module.fail_json(msg=missing_required_lib("boto3 and botocore"))
    try:
        name = module._name.split(".")[-1]
        tagging = None
        if module.params.get("use_tagging_api", False):
            tagging = lambda: create_client(module.params, name, TAGGING_SERVICE_NAME)  # noqa: E731
        api = Api(create_client(module.params, name), tagging=tagging)
        result = work(module, api)
    except SmsVoiceError as e:
        module.fail_json(**e.result())
    module.exit_json(**result)
