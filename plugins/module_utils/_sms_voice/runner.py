# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where an SmsVoiceError becomes ``fail_json``."""

from __future__ import annotations

from ansible.module_utils.basic import missing_required_lib

from .connection import HAS_BOTO3, Api, create_client
from .errors import SmsVoiceError
from .pacing import pacer_from_params


def run_module(module, work):
    """Run ``work(module, api)`` and exit with its result dict, or fail with a clean message.

    ``work`` returns the keyword arguments for ``exit_json``.
    """
    if not HAS_BOTO3:
        module.fail_json(msg=missing_required_lib("boto3 and botocore"))
    try:
        pacer = pacer_from_params(module.params)
        api = Api(create_client(module.params, module._name.split(".")[-1]), pacer)
        result = work(module, api)
    except SmsVoiceError as e:
        # A failure after a write reports changed: true, with what was done and what was not.
        failure = dict(changed=False)
        failure.update(e.result())
        module.fail_json(**failure)
    module.exit_json(**result)
