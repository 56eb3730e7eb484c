# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The base of every module, in the manner of amazon.aws's ``AnsibleAWSModule``.

A module names only its own options and the function that does its work; the
common AWS options, check mode and the one place a failure is reported
(``runner.run_module``) are added here.
"""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule

from .connection import AWS_COMMON_ARGUMENT_SPEC
from .runner import run_module


def full_argument_spec(argument_spec):
    """A module's own options with the common AWS options added."""
    spec = dict(argument_spec)
    spec.update(AWS_COMMON_ARGUMENT_SPEC)
    return spec


class SmsVoiceModule:
    """An ``AnsibleModule`` with the common AWS options and check mode; ``run(work)`` does the rest.

    ``work(module, api)`` returns the module's result (see ``runner.run_module``).
    """

    def __init__(self, argument_spec, **kwargs):
        kwargs.setdefault("supports_check_mode", True)
        self.module = AnsibleModule(argument_spec=full_argument_spec(argument_spec), **kwargs)

    def run(self, work):
        run_module(self.module, work)
