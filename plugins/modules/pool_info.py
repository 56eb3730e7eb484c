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
    each with the IDs of the phone numbers in it.
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
  names:
    description:
      - Values of the C(Name) tag to list.
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
  tags:
    description:
      - Only pools that have all these tags, with these values.
    type: dict
  include_tags:
    description:
      - Whether to read each pool's tags. With O(use_tagging_api=true) and several pools listed, they come
        from the Resource Groups Tagging API, 100 pools a call (a pool it does not list is asked itself);
        otherwise one ListTagsForResource call per pool, made concurrently.
      - When V(false), each pool's C(tags) is V(null), unless O(names) or O(tags) needed them.
    type: bool
    default: true
  use_tagging_api:
    description:
      - Whether to use the Resource Groups Tagging API (C(tag:GetResources)) to find pools by O(names) and
        O(tags), and to read the tags of many pools at once.
      - With O(names) or O(tags), the index lists the candidates with their tags (500 tags a call), and the
        SMS API says which are live, read back by ID (5 a call) when there are up to 50, else from the Describe
        pages (100 a call). A listing that 1,000 pools match takes about 15 calls. Within the index's lag a
        tag just added or removed is not seen yet; set O(confirm_tags=true) to have each candidate's own tags
        decide.
      - When the index lists no live match, every pool is listed (Describe pages) with its tags from the
        index, and only the pools the index does not list at all have their own tags read. When it is
        denied or fails, every pool's own tags are read, one call each, and the task warns once with what
        that costs.
      - Tags that are only shown (O(include_tags)) are as fresh as the index. Set V(false) to read every pool's
        own tags, or for credentials without C(tag:GetResources).
      - The Tagging API client uses the same credentials, region and O(endpoint_url). Where O(endpoint_url) serves
        only the SMS API (a VPC endpoint, for example), set O(use_tagging_api=false), or every run warns and scans.
    type: bool
    default: true
  confirm_tags:
    description:
      - With O(names) or O(tags), read the own tags (ListTagsForResource) of every pool the index suggests,
        and list only those whose own tags match, exact even within the index's lag, at one call per
        candidate (about 17 minutes for 1,000 at the published quota).
    type: bool
    default: false
    version_added: 0.2.0
  include_keywords:
    description:
      - Whether to read each pool's keywords (one DescribeKeywords call per pool, made concurrently).
      - When V(false), each pool's C(keywords) is V(null).
    type: bool
    default: false
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.info_attributes
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
      description: ARN of the pool.
      type: str
      sample: arn:aws:sms-voice:us-east-1:123456789012:pool/pool-0123456789abcdef0123456789abcdef
    pool_id:
      description: ID of the pool.
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
      sample: "2026-11-26T21:51:26+00:00"
    tags:
      description:
        - Tags of the pool.
        - V(null) when O(include_tags=false), unless O(names) or O(tags) was set (the tags read to match them are returned).
      type: dict
      sample: {Name: alerts, team: messaging}
    phone_number_ids:
      description: IDs of the origination identities (phone numbers) in the pool.
      type: list
      elements: str
      sample: [phone-0123456789abcdef0123456789abcdef]
    keywords:
      description: The pool's keywords when O(include_keywords=true); V(null) otherwise.
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
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pool_info import list_pools


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = listing_options()
    spec.update(
        pool_ids=dict(type="list", elements="str"),
    )
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(list_pools)


if __name__ == "__main__":
    main()
