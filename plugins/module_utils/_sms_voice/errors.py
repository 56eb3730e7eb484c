# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one exception type raised inside module_utils.

Modules turn it into ``fail_json`` in exactly one place (``runner.run_module``),
so every failure carries the same keys: ``msg`` (one readable sentence, never a
traceback) and, for errors that came from AWS, ``error`` with the service's
``code``, ``reason``, ``message`` and ``fields`` plus the ``operation`` that failed.
"""

from __future__ import annotations


class SmsVoiceError(Exception):
    """A failure to report to the user; nothing after it is attempted."""

    def __init__(self, msg, operation=None, code=None, reason=None, message=None, fields=None, **extra):
        super().__init__(msg)
        self.msg = msg
        self.operation = operation
        self.code = code
        self.reason = reason
        self.message = message
        self.fields = fields
        self.extra = extra

    def result(self):
        """The keyword arguments for ``fail_json``."""
        result = dict(msg=self.msg)
        if self.operation:
            result["operation"] = self.operation
        if self.code:
            result["error"] = dict(code=self.code, reason=self.reason, message=self.message, fields=self.fields or [])
        result.update(self.extra)
        return result
