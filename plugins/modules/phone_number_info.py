#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: phone_number_info
short_description: List Amazon Pinpoint SMS and Voice v2 phone numbers
version_added: 0.1.0
description:
  - Lists origination phone numbers of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS),
    each in exactly the shape M(pinpoint.sms_voice.phone_number) returns.
  - Every criterion given must match; within a list option, any value matches.
  - Reads every page of results (100 numbers a page). Released numbers stay visible with
    status C(DELETED) for a while; filter on O(filters) C(status) to leave them out.
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  phone_number_ids:
    description:
      - IDs or ARNs of the numbers to list, any number of them (the API is asked 5 at a time).
      - IDs that do not exist are left out of the result.
    type: list
    elements: str
  phone_numbers:
    description:
      - E.164 phone numbers to list, for example V(+12065550100).
    type: list
    elements: str
  filters:
    description:
      - API filters, as a dict of filter name to a value or a list of values.
      - Valid names are V(status), V(iso-country-code), V(message-type), V(number-capability), V(number-type),
        V(two-way-enabled), V(self-managed-opt-outs-enabled), V(opt-out-list-name),
        V(deletion-protection-enabled) and V(two-way-channel-arn).
      - Boolean filters take V(true) or V(false).
    type: dict
  owner:
    description:
      - V(SELF) lists numbers of this account, V(SHARED) numbers shared with it. Cannot be used with O(phone_number_ids).
    type: str
    choices: [SELF, SHARED]
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.info_attributes
  - pinpoint.sms_voice._options.listing
  - pinpoint.sms_voice._options.include_resource_policy
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: List every phone number of the account in this region
  pinpoint.sms_voice.phone_number_info:
  register: all_numbers

- name: Look numbers up by ID or ARN (any count)
  pinpoint.sms_voice.phone_number_info:
    phone_number_ids:
      - phone-0123456789abcdef0123456789abcdef
      - arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-fedcba9876543210fedcba9876543210

- name: Look a number up by its E.164 value
  pinpoint.sms_voice.phone_number_info:
    phone_numbers: ["+12065550100"]

- name: Look numbers up by Name tag
  pinpoint.sms_voice.phone_number_info:
    names: [ci-simulator, support-line]

- name: Active US toll-free numbers that can send SMS
  pinpoint.sms_voice.phone_number_info:
    filters:
      status: ACTIVE
      iso-country-code: US
      number-type: TOLL_FREE
      number-capability: SMS

- name: Numbers with two-way SMS enabled
  pinpoint.sms_voice.phone_number_info:
    filters:
      two-way-enabled: true

- name: Numbers shared with this account by another account
  pinpoint.sms_voice.phone_number_info:
    owner: SHARED

- name: Numbers of one team
  pinpoint.sms_voice.phone_number_info:
    tags:
      team: messaging

- name: A quick list of many numbers without reading their tags
  pinpoint.sms_voice.phone_number_info:
    filters:
      status: [ACTIVE, PENDING]
    include_tags: false

- name: Numbers with their keywords
  pinpoint.sms_voice.phone_number_info:
    names: [support-line]
    include_keywords: true
"""

RETURN = r"""
phone_numbers:
  description:
    - The numbers that match, in the order the service lists them; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    phone_number_arn:
      description: ARN of the number.
      type: str
      sample: arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123456789abcdef0123456789abcdef
    phone_number_id:
      description: ID of the number.
      type: str
      sample: phone-0123456789abcdef0123456789abcdef
    phone_number:
      description: The number in E.164 format.
      type: str
      sample: '+12065550100'
    status:
      description: One of C(PENDING), C(ACTIVE), C(ASSOCIATING), C(DISASSOCIATING), C(DELETED).
      type: str
      sample: ACTIVE
    iso_country_code:
      description: Two-letter country code.
      type: str
      sample: US
    message_type:
      description: C(TRANSACTIONAL) or C(PROMOTIONAL).
      type: str
      sample: TRANSACTIONAL
    number_capabilities:
      description: What the number can do.
      type: list
      elements: str
      sample:
        - SMS
        - VOICE
    number_type:
      description: C(LONG_CODE), C(TOLL_FREE), C(TEN_DLC) or C(SIMULATOR).
      type: str
      sample: SIMULATOR
    monthly_leasing_price:
      description: Monthly price of the number, in US dollars.
      type: str
      sample: '0.00'
    two_way_enabled:
      description: Whether two-way SMS is enabled.
      type: bool
      sample: false
    two_way_channel_arn:
      description: Where inbound messages go.
      type: str
      sample: arn:aws:sns:us-east-1:123456789012:sms-replies
    two_way_channel_role:
      description: IAM role used to publish inbound messages.
      type: str
      sample: arn:aws:iam::123456789012:role/SmsVoiceTwoWay
    self_managed_opt_outs_enabled:
      description: Whether opt-outs are self-managed.
      type: bool
      sample: false
    opt_out_list_name:
      description: The opt-out list the number uses.
      type: str
      sample: Default
    international_sending_enabled:
      description: Whether international sending is enabled.
      type: bool
      sample: false
    deletion_protection_enabled:
      description: Whether the number is protected from release.
      type: bool
      sample: false
    pool_id:
      description: ID of the pool the number belongs to, or V(null).
      type: str
      sample: pool-0123456789abcdef0123456789abcdef
    registration_id:
      description: ID of the registration the number belongs to, or V(null).
      type: str
      sample: null
    messaging_limits:
      description:
        - The limits that apply to the number, when the service reports them; V(null) otherwise.
        - V(null) for a number that would be requested (check mode), and for a number the task requested that was C(ACTIVE)
          at once (such as a V(SIMULATOR) number), since the request's answer does not carry them; the next run or M(pinpoint.sms_voice.phone_number_info)
          shows them.
      type: dict
      sample:
        rate_limits:
          SMS: 1
        daily_message_caps:
          T-MOBILE: 2000
      contains:
        rate_limits:
          description: The maximum send rate of each capability (C(SMS), C(MMS), C(VOICE), C(RCS)), in messages per
            second.
          type: dict
          sample:
            SMS: 1
        daily_message_caps:
          description:
            - The advisory maximum number of messages a day, by carrier (for example C(T-MOBILE)).
            - Reported for 10DLC numbers; absent when no daily cap applies.
          type: dict
          sample:
            T-MOBILE: 2000
    pricing_tier:
      description:
        - The pricing model of the number, when the service reports it; V(null) otherwise.
        - Like C(messaging_limits), not known yet for a number M(pinpoint.sms_voice.phone_number) just requested.
      type: str
      sample: STANDARD
    created_timestamp:
      description: When the number was requested, in ISO 8601.
      type: str
      sample: '2026-11-26T21:51:26+00:00'
    tags:
      description:
        - Tags of the number.
        - V(null) from M(pinpoint.sms_voice.phone_number_info) when O(pinpoint.sms_voice.phone_number_info#module:include_tags=false),
          unless O(pinpoint.sms_voice.phone_number_info#module:names) or O(pinpoint.sms_voice.phone_number_info#module:tags)
          was set (the tags read to match them are returned).
      type: dict
      sample:
        Name: ci-simulator
        team: messaging
    keywords:
      description:
        - 'The number''s keywords: from M(pinpoint.sms_voice.phone_number) when the task sets O(pinpoint.sms_voice.phone_number#module:keywords),
          from M(pinpoint.sms_voice.phone_number_info) when O(pinpoint.sms_voice.phone_number_info#module:include_keywords=true);
          V(null) otherwise (they are not read).'
      type: list
      elements: dict
      sample:
        - keyword: STOP
          reply: You are opted out.
          action: OPT_OUT
      contains:
        keyword:
          description: The keyword.
          type: str
        reply:
          description: The message sent back (the API's C(KeywordMessage)).
          type: str
        action:
          description: C(AUTOMATIC_RESPONSE), C(OPT_OUT) or C(OPT_IN).
          type: str
    resource_policy:
      description:
        - 'The resource-based policy that shares it with other accounts, as a dict (V({}): none): from M(pinpoint.sms_voice.phone_number)
          when the task sets O(pinpoint.sms_voice.phone_number#module:resource_policy), from M(pinpoint.sms_voice.phone_number_info)
          when O(pinpoint.sms_voice.phone_number_info#module:include_resource_policy=true); V(null) otherwise (it is
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
"""

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.info import listing_options
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number_info import list_phone_numbers
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import include_option


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = listing_options()
    spec.update(include_option())
    spec.update(
        phone_number_ids=dict(type="list", elements="str"),
        phone_numbers=dict(type="list", elements="str"),
    )
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(list_phone_numbers)


if __name__ == "__main__":
    main()
