# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``resource_policy`` option and result key of every resource that can be shared, keyed on its ARN.

A resource-based policy (Put/Get/DeleteResourcePolicy) shares a phone number,
pool, opt-out list or sender ID with other accounts. The service keeps the
text it was sent, so policies are compared as JSON (parsed: the order of an
object's keys and the white space do not matter), never as text. The task's
``resource_policy`` is read only when it is set: one GetResourcePolicy per
task. ``{}`` asks for no policy (DeleteResourcePolicy).

A module adds it in three places (see ``ensure_*`` of ``pool.py``):
``policy_option()`` in its argument spec, ``read_policy(api, current, params)``
after it found its resource, and ``plan_policy(plan, resource, params)`` once
the plan is made. Its resource lists ``resource_policy`` in ``extra_keys``.
The ``*_info`` modules call ``include_policies(api, results, resource)``.
"""

from __future__ import annotations

import json

from .engine.plan import TAGS, Step
from .errors import SmsVoiceError
from .validation import parse_resource_policy

OPTION = "resource_policy"


def policy_option():
    """The argument spec entry (a dict or its JSON text; ``type: raw``)."""
    return {OPTION: dict(type="raw")}


def include_option():
    """The argument spec entry of the ``*_info`` modules' ``include_resource_policy``."""
    return dict(include_resource_policy=dict(type="bool", default=False))


def policy_text(document):
    """The text sent to PutResourcePolicy: the document as JSON, keys sorted (the same on every run)."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"))


def get_policy(api, arn):
    """The resource's policy as a dict, ``{}`` when it has none (one GetResourcePolicy)."""
    try:
        text = api.call("GetResourcePolicy", ResourceArn=arn).get("Policy")
    except SmsVoiceError as e:
        # A resource without a policy: ResourceNotFoundException for the policy (the resource was just read).
        if e.code == "ResourceNotFoundException":
            return {}
        raise
    if not text:
        return {}
    try:
        return json.loads(text)
    except ValueError as e:
        raise SmsVoiceError("the resource policy of {0} is not JSON the module can compare: {1}".format(arn, e))


def read_policy(api, current, params, resource):
    """``current`` (the shaped resource, or None) with its ``resource_policy``, read only when the task sets one."""
    if current is None or params.get(OPTION) is None or params.get("state") == "absent":
        return current
    return dict(current, **{OPTION: get_policy(api, current[resource.arn_key])})


def plan_policy(plan, params):
    """Add to ``plan`` the call that makes the resource's policy the task's (none when equal as JSON).

    A resource the plan creates has none yet: its policy is put after the create
    call, on the ARN the create call answers with. A deleted resource takes its
    policy with it. Returns the plan.
    """
    wanted = parse_resource_policy(params.get(OPTION))
    if wanted is None or plan.deletes or plan.after is None:
        return plan
    resource = plan.resource
    have = (plan.before or {}).get(OPTION) or {}
    plan.after[OPTION] = wanted
    if plan.before is not None and plan.before.get(OPTION) is None:
        plan.before = dict(plan.before, **{OPTION: have})
    if have == wanted:
        return plan
    arn = plan.before[resource.arn_key] if plan.before else resource.arn_placeholder()
    undo = {OPTION: have}
    if wanted:
        step = Step("PutResourcePolicy", dict(ResourceArn=arn, Policy=policy_text(wanted)), undo=undo)
        step.changes = {OPTION: wanted}
    else:
        step = Step("DeleteResourcePolicy", dict(ResourceArn=arn), undo=undo, changes={OPTION: {}})
    step.phase = TAGS
    plan.steps.append(step)
    if plan.action == "none":
        plan.action = "update"
    return plan


def include_policies(api, results, resource, params, option="include_resource_policy"):
    """Each shaped item of an ``*_info`` module with its policy, when ``option`` is set (one call each)."""
    if params.get(option):
        for item in results:
            item[OPTION] = get_policy(api, item[resource.arn_key])
    return results
