# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write every task result of a playbook run to the JSON file named by RECORD_RESULTS_PATH.

The playbook tests read it to assert on ``changed``, the returned number, the
diff and failure messages, without scraping ansible-playbook's screen output.
"""

from __future__ import annotations

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: record
type: aggregate
short_description: record task results as JSON for the tests
description: Writes each task's result to the file named by RECORD_RESULTS_PATH.
requirements: [RECORD_RESULTS_PATH in the environment]
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.results = []

    def _record(self, result, status):
        self.results.append(
            {"task": result.task_name, "status": status, "result": json.loads(json.dumps(result._result, default=str))}
        )

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_playbook_on_stats(self, stats):
        with open(os.environ["RECORD_RESULTS_PATH"], "w") as f:
            json.dump(self.results, f)
