#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sender_id
short_description: Request, update and release Amazon Pinpoint SMS and Voice v2 sender IDs
version_added: 0.2.0
description:
  - Manages an alphanumeric sender ID of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS), the name
    recipients see as the sender in countries that allow one.
  - A sender ID is identified by O(sender_id) and O(iso_country_code) together; the same ID in two countries is
    two sender IDs.
  - With O(state=present), a sender ID that does not exist is requested (C(RequestSenderId)) with O(message_types),
    O(deletion_protection_enabled) and O(tags). An existing one has only its deletion protection (C(UpdateSenderId))
    and its tags changed; O(message_types) cannot change, and a different value fails the task.
  - Whether a country takes sender IDs, and which countries need a registration first, only the service knows, and
    it says so when the sender ID is requested. The task then fails before any other change, naming
    O(iso_country_code) and the registration the service asks for. Check mode, which requests nothing, cannot tell.
  - With O(state=absent), the sender ID is released (C(ReleaseSenderId)). A protected one is released only when the
    task sets O(deletion_protection_enabled=false) (its protection is turned off first); otherwise the task fails
    and nothing is changed. The service refuses to release a sender ID that is in a pool; take it out of the pool
    first (M(pinpoint.sms_voice.pool) with O(pinpoint.sms_voice.pool#module:purge_sender_ids=true)).
  - Check mode makes no call that changes anything and returns the predicted sender ID; diff mode returns the
    sender ID before and after.
  - Before it requests a sender ID, in check mode too, the task reads the account's limits once
    (C(DescribeAccountLimits)); when the C(SENDER_IDS) limit has no room left, it fails before C(RequestSenderId),
    naming the limit with its use and maximum (RV(limit)).
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  sender_id:
    description:
      - The sender ID, 1 to 11 letters, digits, C(_) and C(-), with at least one letter.
    type: str
    required: true
  iso_country_code:
    description:
      - The two-letter ISO 3166-1 alpha-2 country of the sender ID.
    type: str
    required: true
  message_types:
    description:
      - The message types the sender ID sends. Set when the sender ID is requested (left out, the service chooses);
        cannot change.
    type: list
    elements: str
    choices: [TRANSACTIONAL, PROMOTIONAL]
  deletion_protection_enabled:
    description:
      - Whether the sender ID is protected from release. With O(state=absent), a protected sender ID is released
        only when the task sets this to V(false); otherwise the task fails and nothing is changed.
    type: bool
  state:
    description:
      - V(present) requests the sender ID if needed and makes it match the task.
      - V(absent) releases it.
    type: str
    choices: [present, absent]
    default: present
  tags:
    description:
      - Tags of the sender ID, as a dict. When not set, tags are left as they are.
      - A resource carries at most 50 tags. Keys and values cannot hold line breaks.
      - Keys starting with C(aws:) are reserved for AWS and cannot be set.
    type: dict
  purge_tags:
    description:
      - Whether tags not in O(tags) are removed. Has no effect when O(tags) is not set.
      - Tags whose keys start with C(aws:) (set by AWS) are never removed.
    type: bool
    default: true
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.attributes
  - pinpoint.sms_voice._options.resource_policy
notes:
  - The IAM policy this module needs is in the collection's C(docs/iam/sender_id.json).
seealso:
  - module: pinpoint.sms_voice.sender_id_info
  - module: pinpoint.sms_voice.pool
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: Request a sender ID for transactional messages in the United Kingdom
  pinpoint.sms_voice.sender_id:
    sender_id: EXAMPLECO
    iso_country_code: GB
    message_types: [TRANSACTIONAL]
    deletion_protection_enabled: true
    tags:
      team: messaging
  register: sender

- name: Release it (its protection is turned off first)
  pinpoint.sms_voice.sender_id:
    sender_id: EXAMPLECO
    iso_country_code: GB
    deletion_protection_enabled: false
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
differences:
  description: The immutable settings that differ from the existing resource, when the task fails for them.
  returned: on failure for immutable settings
  type: list
  elements: str
  sample:
    - 'number_type: SIMULATOR -> TOLL_FREE'
sender_id:
  description:
    - The sender ID, in the shape M(pinpoint.sms_voice.sender_id_info) returns; in check mode, as predicted (a
      sender ID still to be requested has no ARN yet).
    - An empty dict once released, or when O(state=absent) and there was no such sender ID.
  returned: always
  type: dict
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

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.resource import option_specs
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import policy_option
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import SENDER_ID, tag_options
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.sender_id import ensure_sender_id


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = option_specs(SENDER_ID)
    spec["sender_id"]["required"] = True
    spec["iso_country_code"]["required"] = True
    spec.update(
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    spec.update(tag_options())
    spec.update(policy_option())
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(ensure_sender_id)


if __name__ == "__main__":
    main()
