#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: opt_out_list_info
short_description: List Amazon Pinpoint SMS and Voice v2 opt-out lists
version_added: 0.2.0
description:
  - Lists opt-out lists of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS),
    each in exactly the shape M(pinpoint.sms_voice.opt_out_list) returns.
  - Every criterion given must match. Reads every page of results (100 lists a page).
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  names:
    description:
      - Names or ARNs of the lists to list (a list shared with this account must be given by ARN).
      - Names that do not exist are left out of the result.
      - When not set, every list is listed.
    type: list
    elements: str
  owner:
    description:
      - V(SELF) lists the lists of this account, V(SHARED) the lists shared with it. Cannot be used with O(names).
    type: str
    choices: [SELF, SHARED]
  tags:
    description:
      - Only lists that have all these tags, with these values.
    type: dict
  include_tags:
    description:
      - Whether to read each list's tags (one ListTagsForResource call per list).
      - When V(false), each list's C(tags) is V(null), unless O(tags) needed them.
    type: bool
    default: true
  include_opted_out_numbers:
    description:
      - Whether to read each list's opted-out numbers, each with when it was opted out and whether its end user
        opted out (C(DescribeOptedOutNumbers), 100 entries a call, so a list of 1,000 numbers costs 10 calls).
      - When V(false), each list's C(opted_out_numbers) is V(null).
    type: bool
    default: false
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.info_attributes
  - pinpoint.sms_voice._options.include_resource_policy
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: List every opt-out list of the account in this region
  pinpoint.sms_voice.opt_out_list_info:
  register: all_lists

- name: Look lists up by name (names that do not exist are left out)
  pinpoint.sms_voice.opt_out_list_info:
    names: [Default, marketing]

- name: Lists of one team
  pinpoint.sms_voice.opt_out_list_info:
    tags:
      team: messaging

- name: One list with its opted-out numbers and its resource policy
  pinpoint.sms_voice.opt_out_list_info:
    names: [Default]
    include_opted_out_numbers: true
    include_resource_policy: true

- name: Lists shared with this account, without their tags
  pinpoint.sms_voice.opt_out_list_info:
    owner: SHARED
    include_tags: false
"""

RETURN = r"""
opt_out_lists:
  description:
    - The lists that match, in the order the service lists them; an empty list when none match.
  returned: always
  type: list
  elements: dict
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
"""

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.opt_out_list import list_opt_out_lists
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import include_option


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = dict(
        names=dict(type="list", elements="str"),
        owner=dict(type="str", choices=["SELF", "SHARED"]),
        tags=dict(type="dict"),
        include_tags=dict(type="bool", default=True),
        include_opted_out_numbers=dict(type="bool", default=False),
    )
    spec.update(include_option())
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(list_opt_out_lists)


if __name__ == "__main__":
    main()
