# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where an SmsVoiceError becomes ``fail_json``."""

from __future__ import annotations

from ansible.module_utils.basic import missing_required_lib

from . import connection
from .connection import HAS_BOTO3, Api, create_client
from .errors import SmsVoiceError


def library_versions():
    """``boto3_version`` and ``botocore_version`` for failure results, as amazon.aws reports them."""
    if not HAS_BOTO3:
        return dict(boto3_version=None, botocore_version=None)
    return dict(boto3_version=connection.boto3.__version__, botocore_version=connection.botocore.__version__)


def run_module(module, work):
    """Run ``work(module, api)`` and exit with its result dict, or fail with a clean message.

    ``work`` returns the keyword arguments for ``exit_json``.
    """
    if not HAS_BOTO3:
        module.fail_json(msg=missing_required_lib("boto3 and botocore"))
    try:
        api = Api(create_client(module.params, module._name.split(".")[-1]))
        result = work(module, api)
    except SmsVoiceError as e:
        module.fail_json(**dict(e.result(), **library_versions()))
    module.exit_json(**result)
