#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: opt_out_list
short_description: Create and delete Amazon Pinpoint SMS and Voice v2 opt-out lists
version_added: 0.2.0
description:
  - Manages an opt-out list of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS), the list of
    destination numbers that replied STOP (or another opt-out keyword) to the numbers and pools that use it.
  - The list is identified by its name, which cannot change. Numbers and pools choose their list with
    their own C(opt_out_list_name) option (see M(pinpoint.sms_voice.phone_number)).
  - With O(state=present), a list that does not exist is created with O(tags). Runs of one task that overlap
    create one list between them (the request's idempotency token is derived from the region, the name and
    the tags); a list another run created meanwhile is taken as found. An existing list has only its tags changed.
  - With O(state=absent), the list is deleted, and with it every opted-out number it holds; this cannot be
    undone. The C(Default) list cannot be deleted, and neither can a list that numbers or pools still use;
    the task fails before any change, naming them.
  - Check mode makes no call that changes anything and returns the predicted list; diff mode
    returns the list before and after.
  - Before it creates a list, in check mode too, the task reads the account's limits once
    (C(DescribeAccountLimits)); when the C(OPT_OUT_LISTS) limit (the V(Default) list counts) has no room left,
    it fails before C(CreateOptOutList), naming the limit with its use and maximum (RV(limit)).
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  name:
    description:
      - The name of the opt-out list, 1 to 64 letters, digits, C(_) and C(-).
      - Every account has a list named V(Default) in every region; it cannot be deleted.
    type: str
    required: true
  state:
    description:
      - V(present) creates the list if needed and makes its tags match the task.
      - V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  opted_out_numbers:
    description:
      - Destination numbers in E.164 format (for example V(+12065550100)) that must be on the list, opted out, so
        that messages to them are not sent. Each one missing is put on the list (C(PutOptedOutNumber), one call per
        number, about a second each at the published quota).
      - The list's entries are read in pages (C(DescribeOptedOutNumbers), 100 entries a call), so a converged task
        with 1,000 numbers reads 10 pages, not 1,000 numbers.
      - When not set, the list's numbers are neither read nor changed.
    type: list
    elements: str
  purge_opted_out_numbers:
    description:
      - Whether numbers on the list that are not in O(opted_out_numbers) are removed (C(DeleteOptedOutNumber)), so
        that messages to them are sent again. Needs O(opted_out_numbers).
      - A number its end user opted out of (replied STOP, C(end_user_opted_out)) is never removed; the task keeps it
        and warns, naming it.
      - The service removes a number from a list at most once every 30 days; a removal it refuses for that fails the
        task, which then says what was done and what was not.
    type: bool
    default: false
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.attributes
  - pinpoint.sms_voice._options.tags
  - pinpoint.sms_voice._options.resource_policy
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: Create an opt-out list for marketing messages
  pinpoint.sms_voice.opt_out_list:
    name: marketing
    tags:
      team: messaging
  register: marketing

- name: Add a tag, keeping the others
  pinpoint.sms_voice.opt_out_list:
    name: marketing
    tags:
      cost-center: "1234"
    purge_tags: false

- name: Keep exactly these numbers opted out (end users' own opt-outs stay), shared with another account
  pinpoint.sms_voice.opt_out_list:
    name: marketing
    opted_out_numbers:
      - "+12065550100"
      - "+12065550101"
    purge_opted_out_numbers: true
    resource_policy:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal:
            AWS: arn:aws:iam::111122223333:root
          Action: sms-voice:DescribeOptedOutNumbers
          Resource: "{{ marketing.opt_out_list.opt_out_list_arn }}"

- name: Delete the list (fails, naming them, while numbers or pools use it)
  pinpoint.sms_voice.opt_out_list:
    name: marketing
    state: absent
"""

RETURN = r"""
limit:
  description:
    - When the task fails because the account has no room for what it would create (a number, a pool, an opt-out
      list), the account limit that is reached (from C(DescribeAccountLimits)), in check mode too.
  returned: on failure for an account limit
  type: dict
  sample:
    name: PHONE_NUMBERS
    used: 100
    max: 100
  contains:
    name:
      description: The limit's name, as C(DescribeAccountLimits) gives it.
      type: str
    used:
      description: How much of it the account uses in the task's region.
      type: int
    max:
      description: The limit.
      type: int
done:
  description:
    - On a task that failed after a change was made, the API operations that were carried out, in order. The task
      then also returns C(changed=true) and the resource as far as it is known (its ID, and its ARN and status where
      the service said them).
  returned: on failure after a change
  type: list
  elements: str
  sample:
    - RequestPhoneNumber
not_done:
  description:
    - On a task that failed after a change was made, the API operations that were not carried out, in order. Running
      the task again makes them.
  returned: on failure after a change
  type: list
  elements: str
  sample:
    - UpdatePhoneNumber
    - PutKeyword
opt_out_list:
  description:
    - The opt-out list, in the shape M(pinpoint.sms_voice.opt_out_list_info) returns; in check mode, as
      predicted (a list still to be created has no ARN or creation time yet).
    - An empty dict once deleted, or when O(state=absent) and there was no such list.
  returned: always
  type: dict
  contains:
    opt_out_list_arn:
      description: ARN of the list.
      type: str
      sample: arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/marketing
    opt_out_list_name:
      description: Name of the list.
      type: str
      sample: marketing
    created_timestamp:
      description: When the list was created, in ISO 8601.
      type: str
      sample: '2026-11-26T21:51:26+00:00'
    tags:
      description:
        - Tags of the list.
        - V(null) from M(pinpoint.sms_voice.opt_out_list_info) when O(pinpoint.sms_voice.opt_out_list_info#module:include_tags=false),
          unless O(pinpoint.sms_voice.opt_out_list_info#module:tags) was set (the tags read to match it are returned).
      type: dict
      sample:
        team: messaging
    resource_policy:
      description:
        - 'The resource-based policy that shares it with other accounts, as a dict (V({}): none): from M(pinpoint.sms_voice.opt_out_list)
          when the task sets O(pinpoint.sms_voice.opt_out_list#module:resource_policy), from M(pinpoint.sms_voice.opt_out_list_info)
          when O(pinpoint.sms_voice.opt_out_list_info#module:include_resource_policy=true); V(null) otherwise (it is
          not read).'
      type: dict
      sample:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: sms-voice:SendTextMessage
            Resource: '*'
    opted_out_numbers:
      description:
        - The destination numbers on the list; V(null) when they are not read.
        - M(pinpoint.sms_voice.opt_out_list) reads them when the task sets O(pinpoint.sms_voice.opt_out_list#module:opted_out_numbers)
          (in check mode, as predicted; a number this run put has no timestamp).
        - M(pinpoint.sms_voice.opt_out_list_info) reads them when O(pinpoint.sms_voice.opt_out_list_info#module:include_opted_out_numbers=true).
      type: list
      elements: dict
      sample:
        - opted_out_number: '+12065550100'
          opted_out_timestamp: '2026-12-07T03:00:00+00:00'
          end_user_opted_out: true
      contains:
        opted_out_number:
          description: The number, in E.164 format.
          type: str
        opted_out_timestamp:
          description: When it was opted out, in ISO 8601.
          type: str
        end_user_opted_out:
          description: Whether its end user opted out (replied STOP), rather than an API call putting it on the list.
          type: bool
operation:
  description: On a failed task, the API operation that failed.
  returned: on failure of an API call
  type: str
  sample: RequestPhoneNumber
error:
  description: On a failed task, what the service answered.
  returned: on failure answered by the service
  type: dict
  sample:
    code: ConflictException
    reason: DELETION_PROTECTION_ENABLED
    message: '...'
    fields: []
  contains:
    code:
      description: The service's error code.
      type: str
    reason:
      description: The service's reason, when it gives one.
      type: str
    message:
      description: The service's message.
      type: str
    fields:
      description: The fields the service named as invalid, each with C(Name) and C(Message).
      type: list
      elements: dict
"""

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.opt_out_list import ensure_opt_out_list
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.opted_out_numbers import number_options
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import policy_option
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import tag_options


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    spec.update(tag_options())
    spec.update(number_options())
    spec.update(policy_option())
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(ensure_opt_out_list)


if __name__ == "__main__":
    main()
