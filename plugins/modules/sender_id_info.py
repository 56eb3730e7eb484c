#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sender_id_info
short_description: List Amazon Pinpoint SMS and Voice v2 sender IDs
version_added: 0.2.0
description:
  - Lists the sender IDs of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS), in the shape
    M(pinpoint.sms_voice.sender_id) returns.
  - Every criterion given must match; within a list option, any value matches.
  - Reads every page of results (100 sender IDs a page), or the sender IDs named in O(sender_ids) (5 a call), and
    each sender ID's tags (one C(ListTagsForResource) call each) unless O(include_tags=false) and O(tags) is not set.
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  sender_ids:
    description:
      - The sender IDs to list, each named by its ID and its country. Those that do not exist are left out of the
        result.
    type: list
    elements: dict
    suboptions:
      sender_id:
        description: The sender ID.
        type: str
        required: true
      iso_country_code:
        description: Its two-letter ISO 3166-1 alpha-2 country.
        type: str
        required: true
  filters:
    description:
      - API filters, as a dict of filter name to a value or a list of values.
      - Valid names are V(sender-id), V(iso-country-code), V(message-type), V(deletion-protection-enabled) and
        V(registered).
      - V(message-type) takes V(TRANSACTIONAL) or V(PROMOTIONAL); boolean filters take V(true) or V(false).
    type: dict
  owner:
    description:
      - V(SELF) lists sender IDs of this account, V(SHARED) sender IDs shared with it. Cannot be used with
        O(sender_ids).
    type: str
    choices: [SELF, SHARED]
  tags:
    description:
      - Only sender IDs that carry all these tags (key and value). Each sender ID's own tags are read to match them.
    type: dict
  include_tags:
    description:
      - Whether to read and return each sender ID's tags (one call each). V(false) returns V(null) tags, unless
        O(tags) is set.
    type: bool
    default: true
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.info_attributes
  - pinpoint.sms_voice._options.include_resource_policy
notes:
  - The IAM policy this module needs is in the collection's C(docs/iam/sender_id_info.json).
seealso:
  - module: pinpoint.sms_voice.sender_id
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: List every sender ID of the account in this region
  pinpoint.sms_voice.sender_id_info:
  register: all_sender_ids

- name: Look sender IDs up by ID and country
  pinpoint.sms_voice.sender_id_info:
    sender_ids:
      - sender_id: EXAMPLECO
        iso_country_code: GB
      - sender_id: EXAMPLECO
        iso_country_code: DE

- name: Transactional sender IDs in the United Kingdom
  pinpoint.sms_voice.sender_id_info:
    filters:
      iso-country-code: GB
      message-type: TRANSACTIONAL

- name: Sender IDs of one team
  pinpoint.sms_voice.sender_id_info:
    tags:
      team: messaging
"""

RETURN = r"""
sender_ids:
  description:
    - The sender IDs that match, in the order the service lists them; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    sender_id_arn:
      description: ARN of the sender ID (V(null) for a sender ID check mode predicts).
      type: str
      sample: arn:aws:sms-voice:us-east-1:123456789012:sender-id/EXAMPLECO/GB
    sender_id:
      description: The sender ID.
      type: str
      sample: EXAMPLECO
    iso_country_code:
      description: Two-letter country code of the sender ID.
      type: str
      sample: GB
    message_types:
      description: The message types it sends, C(TRANSACTIONAL), C(PROMOTIONAL) or both.
      type: list
      elements: str
      sample:
        - TRANSACTIONAL
    deletion_protection_enabled:
      description: Whether the sender ID is protected from release.
      type: bool
      sample: false
    registered:
      description: Whether the sender ID is registered.
      type: bool
      sample: false
    registration_id:
      description: ID of its registration, or V(null).
      type: str
      sample: null
    monthly_leasing_price:
      description: Monthly price of the sender ID, in US dollars.
      type: str
      sample: '0.00'
    messaging_limits:
      description:
        - The limits that apply to the sender ID, when the service reports them; V(null) otherwise (and for a sender
          ID check mode predicts or the task just requested, since the request's answer does not carry them).
      type: dict
      sample:
        rate_limits:
          SMS: 1
      contains:
        rate_limits:
          description: The maximum send rate of each capability, in messages per second.
          type: dict
          sample:
            SMS: 1
        daily_message_caps:
          description: The advisory maximum number of messages a day, by carrier; absent when no daily cap applies.
          type: dict
          sample:
            T-MOBILE: 2000
    pricing_tier:
      description: The pricing model of the sender ID, when the service reports it; V(null) otherwise.
      type: str
      sample: STANDARD
    tags:
      description:
        - Tags of the sender ID.
        - V(null) from M(pinpoint.sms_voice.sender_id_info) when O(pinpoint.sms_voice.sender_id_info#module:include_tags=false),
          unless O(pinpoint.sms_voice.sender_id_info#module:tags) was set (the tags read to match it are returned).
      type: dict
      sample:
        team: messaging
    resource_policy:
      description:
        - 'The resource-based policy that shares it with other accounts, as a dict (V({}): none): from M(pinpoint.sms_voice.sender_id)
          when the task sets O(pinpoint.sms_voice.sender_id#module:resource_policy), from M(pinpoint.sms_voice.sender_id_info)
          when O(pinpoint.sms_voice.sender_id_info#module:include_resource_policy=true); V(null) otherwise (it is not
          read).'
      type: dict
      sample:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: sms-voice:SendTextMessage
            Resource: '*'
"""

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import include_option
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.sender_id import (
    list_sender_ids,
    sender_ids_option,
)


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    return dict(
        sender_ids=sender_ids_option(),
        filters=dict(type="dict"),
        owner=dict(type="str", choices=["SELF", "SHARED"]),
        tags=dict(type="dict"),
        include_tags=dict(type="bool", default=True),
        **include_option(),
    )


def main():
    SmsVoiceModule(argument_spec()).run(list_sender_ids)


if __name__ == "__main__":
    main()
