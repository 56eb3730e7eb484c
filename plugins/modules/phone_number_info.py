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
  names:
    description:
      - Values of the C(Name) tag to list.
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
  tags:
    description:
      - Only numbers that have all these tags, with these values.
    type: dict
  include_tags:
    description:
      - Whether to read each number's tags. With O(use_tagging_api=true) and several numbers listed, they come
        from the Resource Groups Tagging API, 100 numbers a call (a number it does not list is asked itself);
        otherwise one ListTagsForResource call per number, made concurrently.
      - When V(false), each number's C(tags) is V(null), unless O(names) or O(tags) needed them.
    type: bool
    default: true
  use_tagging_api:
    description:
      - Whether to use the Resource Groups Tagging API (C(tag:GetResources)) to find numbers by O(names) and
        O(tags), and to read the tags of many numbers at once.
      - With O(names) or O(tags), the index lists the candidates with their tags (500 tags a call), and the
        SMS API says which are live, read back by ID (5 a call) when there are up to 50, else from the Describe
        pages (100 a call). A listing that 1,000 numbers match takes about 15 calls. Within the index's lag a
        tag just added or removed is not seen yet; set O(confirm_tags=true) to have each candidate's own tags
        decide.
      - When the index lists no live match, every number is listed (Describe pages) with its tags from the
        index, and only the numbers the index does not list at all have their own tags read. When it is
        denied or fails, every number's own tags are read, one call each, and the task warns once with what
        that costs.
      - Tags that are only shown (O(include_tags)) are as fresh as the index; the Tagging API does not say how
        quickly it sees a change. Set V(false) to read every number's own tags, or for credentials without
        C(tag:GetResources).
      - The Tagging API client uses the same credentials, region and O(endpoint_url). Where O(endpoint_url) serves
        only the SMS API (a VPC endpoint, for example), set O(use_tagging_api=false), or every run warns and scans.
    type: bool
    default: true
  confirm_tags:
    description:
      - With O(names) or O(tags), read the own tags (ListTagsForResource) of every number the index suggests,
        and list only those whose own tags match, exact even within the index's lag, at one call per
        candidate (about 17 minutes for 1,000 at the published quota).
    type: bool
    default: false
    version_added: 0.2.0
  include_keywords:
    description:
      - Whether to read each number's keywords (one DescribeKeywords call per number, made concurrently).
      - When V(false), each number's C(keywords) is V(null).
    type: bool
    default: false
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.info_attributes
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
      sample: "+12065550100"
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
      sample: [SMS, VOICE]
    number_type:
      description: C(LONG_CODE), C(TOLL_FREE), C(TEN_DLC) or C(SIMULATOR).
      type: str
      sample: SIMULATOR
    monthly_leasing_price:
      description: Monthly price of the number, in US dollars.
      type: str
      sample: "0.00"
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
      type: dict
      sample: {rate_limits: {SMS: 1}, daily_message_caps: {T-MOBILE: 2000}}
      contains:
        rate_limits:
          description: The maximum send rate of each capability (C(SMS), C(MMS), C(VOICE), C(RCS)), in messages per second.
          type: dict
          sample: {SMS: 1}
        daily_message_caps:
          description:
            - The advisory maximum number of messages a day, by carrier (for example C(T-MOBILE)).
            - Reported for 10DLC numbers; absent when no daily cap applies.
          type: dict
          sample: {T-MOBILE: 2000}
    pricing_tier:
      description: The pricing model of the number, when the service reports it; V(null) otherwise.
      type: str
      sample: STANDARD
    created_timestamp:
      description: When the number was requested, in ISO 8601.
      type: str
      sample: "2026-11-26T21:51:26+00:00"
    tags:
      description:
        - Tags of the number.
        - V(null) when O(include_tags=false), unless O(names) or O(tags) was set (the tags read to match them are returned).
      type: dict
      sample: {Name: ci-simulator, team: messaging}
    keywords:
      description: The number's keywords when O(include_keywords=true); V(null) otherwise.
      type: list
      elements: dict
      sample: [{keyword: STOP, reply: "You are opted out.", action: OPT_OUT}]
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
"""

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.info import listing_options
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number_info import list_phone_numbers


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = listing_options()
    spec.update(
        phone_number_ids=dict(type="list", elements="str"),
        phone_numbers=dict(type="list", elements="str"),
    )
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(list_phone_numbers)


if __name__ == "__main__":
    main()
