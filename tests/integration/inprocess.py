"""Run a module's real code path in this process: argument spec, module_utils, fail/exit.

Much faster than ansible-playbook (no controller, no AnsiballZ), so the soak
and the fault matrix can run hundreds of tasks. The module's own
``argument_spec()`` (with the common AWS options) validates the arguments and fills defaults, and
``runner.run_module`` does the rest exactly as in a playbook run.
"""

from __future__ import annotations

import importlib

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import full_argument_spec
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.runner import run_module
from tests.emulator import TEST_QUOTA_SCALE


class ModuleExit(Exception):
    def __init__(self, result):
        super().__init__(result.get("msg", ""))
        self.result = result


class FakeModule:
    """The part of AnsibleModule the collection's code uses."""

    def __init__(self, name, params, check_mode=False, diff=False, argument_spec=None, no_log_values=()):
        self._name = name
        self.params = params
        self.check_mode = check_mode
        self._diff = diff
        self.argument_spec = argument_spec or {}
        self.no_log_values = set(no_log_values)

    def exit_json(self, **result):
        raise ModuleExit(dict(result, failed=False))

    def fail_json(self, msg, **result):
        raise ModuleExit(dict(result, msg=msg, failed=True))


def run_module_inprocess(module, args, check_mode=False, diff=True):
    """Run ``pinpoint.sms_voice.<module>`` with ``args``; returns the result dict (``failed`` set)."""
    plugin = importlib.import_module("ansible_collections.pinpoint.sms_voice.plugins.modules." + module)
    # The emulator fixtures scale the published quotas; the module paces to the same rates.
    args = dict({"quota_scale": TEST_QUOTA_SCALE}, **args)
    spec = full_argument_spec(plugin.argument_spec())
    validated = ArgumentSpecValidator(spec).validate(args)
    if validated.error_messages:
        return {"failed": True, "msg": " ".join(validated.error_messages)}
    fake = FakeModule(
        "pinpoint.sms_voice." + module,
        validated.validated_parameters,
        check_mode,
        diff,
        argument_spec=spec,
        no_log_values=validated._no_log_values,
    )
    work = {
        "phone_number": "ensure_phone_number",
        "phone_number_info": "list_phone_numbers",
        "sender_id": "ensure_sender_id",
        "sender_id_info": "list_sender_ids",
    }[module]
    utils = importlib.import_module("ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice." + module)
    try:
        run_module(fake, getattr(utils, work))
    except ModuleExit as done:
        return done.result
    raise AssertionError("the module neither exited nor failed")
