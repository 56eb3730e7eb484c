#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: pool_info
short_description: List Amazon Pinpoint SMS and Voice v2 pools
version_added: 0.2.0
description:
  - Lists the pools of origination identities of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS),
    each with the IDs of the phone numbers in it and its sender IDs.
  - Selects as M(pinpoint.sms_voice.phone_number_info) does; every criterion given must match; within a list
    option, any value matches.
  - Reads every page of results (100 pools a page), and every page of each pool's members
    (one C(ListPoolOriginationIdentities) call per pool and page).
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  pool_ids:
    description:
      - IDs or ARNs of the pools to list, any number of them (the API is asked 5 at a time).
      - IDs that do not exist are left out of the result.
    type: list
    elements: str
  filters:
    description:
      - API filters, as a dict of filter name to a value or a list of values.
      - Valid names are V(status), V(message-type), V(two-way-enabled), V(self-managed-opt-outs-enabled),
        V(opt-out-list-name), V(shared-routes-enabled), V(deletion-protection-enabled) and V(two-way-channel-arn).
      - V(status) takes V(CREATING), V(ACTIVE) or V(DELETING); V(message-type) takes V(TRANSACTIONAL) or
        V(PROMOTIONAL); boolean filters take V(true) or V(false).
    type: dict
  owner:
    description:
      - V(SELF) lists pools of this account, V(SHARED) pools shared with it. Cannot be used with O(pool_ids).
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

- name: List every pool of the account in this region
  pinpoint.sms_voice.pool_info:
  register: all_pools

- name: Look pools up by ID or ARN (any count)
  pinpoint.sms_voice.pool_info:
    pool_ids:
      - pool-0123456789abcdef0123456789abcdef
      - arn:aws:sms-voice:us-east-1:123456789012:pool/pool-fedcba9876543210fedcba9876543210

- name: Look pools up by Name tag
  pinpoint.sms_voice.pool_info:
    names: [alerts, marketing]

- name: Active transactional pools with deletion protection
  pinpoint.sms_voice.pool_info:
    filters:
      status: ACTIVE
      message-type: TRANSACTIONAL
      deletion-protection-enabled: true

- name: Pools shared with this account by another account
  pinpoint.sms_voice.pool_info:
    owner: SHARED

- name: Pools of one team
  pinpoint.sms_voice.pool_info:
    tags:
      team: messaging

- name: A pool with its keywords
  pinpoint.sms_voice.pool_info:
    names: [alerts]
    include_keywords: true
"""

RETURN = r"""
pools:
  description:
    - The pools that match, in the order the service lists them; an empty list when none match.
  returned: always
  type: list
  elements: dict
  contains:
    pool_arn:
      description: The pool's ARN (V(null) for a pool check mode predicts).
      type: str
      sample: arn:aws:sms-voice:us-east-1:123456789012:pool/pool-0123456789abcdef0123456789abcdef
    pool_id:
      description: The pool's ID (V(null) for a pool check mode predicts).
      type: str
      sample: pool-0123456789abcdef0123456789abcdef
    status:
      description: One of C(CREATING), C(ACTIVE), C(DELETING).
      type: str
      sample: ACTIVE
    message_type:
      description: C(TRANSACTIONAL) or C(PROMOTIONAL).
      type: str
      sample: TRANSACTIONAL
    two_way_enabled:
      description: Whether two-way messaging is on.
      type: bool
      sample: false
    two_way_channel_arn:
      description: Where inbound messages go (an SNS topic ARN or C(connect.<region>.amazonaws.com)).
      type: str
      sample: arn:aws:sns:us-east-1:123456789012:sms-replies
    two_way_channel_role:
      description: The IAM role used to publish inbound messages.
      type: str
      sample: arn:aws:iam::123456789012:role/SmsVoiceTwoWay
    self_managed_opt_outs_enabled:
      description: Whether opt-outs are self-managed.
      type: bool
      sample: false
    opt_out_list_name:
      description: The opt-out list the pool uses.
      type: str
      sample: Default
    shared_routes_enabled:
      description: Whether the pool may send through shared routes.
      type: bool
      sample: false
    deletion_protection_enabled:
      description: Whether the pool is protected from deletion.
      type: bool
      sample: false
    created_timestamp:
      description: When the pool was created, in ISO 8601.
      type: str
      sample: '2026-11-27T09:00:00+00:00'
    tags:
      description:
        - Tags of the pool.
        - V(null) from M(pinpoint.sms_voice.pool_info) when O(pinpoint.sms_voice.pool_info#module:include_tags=false),
          unless O(pinpoint.sms_voice.pool_info#module:names) or O(pinpoint.sms_voice.pool_info#module:tags) was set
          (the tags read to match them are returned).
      type: dict
      sample:
        Name: pool-example
        team: messaging
    phone_number_ids:
      description: IDs of the origination identities (phone numbers) in the pool.
      type: list
      elements: str
      sample:
        - phone-0123456789abcdef0123456789abcdef
    sender_ids:
      description: The sender IDs in the pool, each with its country.
      type: list
      elements: dict
      sample:
        - sender_id: EXAMPLECO
          iso_country_code: GB
      contains:
        sender_id:
          description: The sender ID.
          type: str
        iso_country_code:
          description: Its two-letter country code.
          type: str
    keywords:
      description:
        - 'The pool''s keywords: from M(pinpoint.sms_voice.pool) when the task sets O(pinpoint.sms_voice.pool#module:keywords)
          or adds numbers, from M(pinpoint.sms_voice.pool_info) when O(pinpoint.sms_voice.pool_info#module:include_keywords=true);
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
        - 'The resource-based policy that shares it with other accounts, as a dict (V({}): none): from M(pinpoint.sms_voice.pool)
          when the task sets O(pinpoint.sms_voice.pool#module:resource_policy), from M(pinpoint.sms_voice.pool_info)
          when O(pinpoint.sms_voice.pool_info#module:include_resource_policy=true); V(null) otherwise (it is not read).'
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
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pool_info import list_pools
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import include_option


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = listing_options()
    spec.update(include_option())
    spec.update(
        pool_ids=dict(type="list", elements="str"),
    )
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(list_pools)


if __name__ == "__main__":
    main()
