#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: pool
short_description: Create, update and delete Amazon Pinpoint SMS and Voice v2 pools of phone numbers
version_added: 0.2.0
description:
  - Manages a pool of origination phone numbers of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS).
    A pool sends from any of its numbers, with one opt-out list, one two-way channel and one set of keywords.
  - The pool is looked up by O(pool_id) if set, else by O(name) (the value of its C(Name) tag).
  - With O(state=present), a pool looked up by O(name) that does not exist is created (C(CreatePool)) from the
    first of O(phone_numbers), which founds it; the pool takes that number's message type, opt-out list, two-way
    and self-managed opt-out settings and keywords. Settings the task sets that differ follow with
    C(UpdatePool); the other numbers then join the pool.
  - The service pools only numbers whose message type, opt-out list, two-way and self-managed opt-out settings and
    keywords match the pool's. A number that would not match fails the task before any change, naming the
    settings that differ. A number that matches the pool as it is joins before the pool's settings change (the
    change then applies to it too); one that matches the pool as the task makes it joins after.
  - An existing pool has only the settings the task sets, and that differ, changed; options left unset are never
    touched. O(message_type) cannot change, and a different value fails the task.
  - With O(state=absent), the pool is deleted; its numbers leave it and stay leased.
  - Check mode makes no call that changes anything and returns the predicted pool; diff mode returns the pool
    before and after.
  - The opt-out list the task names (O(opt_out_list_name)) must exist; a real run fails before any change when
    it does not. In check mode a list that does not exist yet is taken as given (an earlier task of the same
    play may create it); the task warns once and lists the option in RV(unverified).
  - Before it creates a pool, in check mode too, the task reads the account's limits once
    (C(DescribeAccountLimits)); when the C(POOLS) limit has no room left, it fails before C(CreatePool), naming
    the limit with its use and maximum (RV(limit)).
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  state:
    description:
      - V(present) creates the pool if needed and makes it match the task.
      - V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  pool_id:
    description:
      - The ID (C(pool-) and 32 hex digits) or ARN of an existing pool.
      - A pool given by ID that does not exist cannot be created; the task fails for O(state=present).
    type: str
  name:
    description:
      - The value of the pool's C(Name) tag. Identifies the pool when O(pool_id) is not set; more than one live pool
        with that name is an error.
      - Required to create a pool, so that running the task again finds it instead of creating another.
      - With O(pool_id) and O(state=present), sets the C(Name) tag.
      - Found through the Resource Groups Tagging API when O(use_tagging_api=true), else by reading the tags of
        every pool.
    type: str
  use_tagging_api:
    description:
      - Whether to find the pool by O(name) through the Resource Groups Tagging API (C(tag:GetResources)) first.
        Every pool it lists is read back and must still carry the name in its own tags. When it finds none, and
        always for O(state=absent), the pools are listed (DescribePools, 100 a call) with their tags from the index
        (500 tags a call); only a pool the index does not list has its own tags read, and so does the pool found.
        As for phone numbers, a pool given the name within the index's lag is not seen; V(false) reads every
        pool's own tags instead.
    type: bool
    default: true
  iso_country_code:
    description:
      - The two-letter ISO 3166-1 alpha-2 country of the pool's numbers. Required to create a pool, and must be the
        founding number's. Not read back, because the service does not return it.
    type: str
  message_type:
    description:
      - The pool's message type. Required to create a pool, and must be the founding number's; cannot change.
    type: str
    choices: [TRANSACTIONAL, PROMOTIONAL]
  phone_numbers:
    description:
      - The pool's numbers, each a phone number ID, ARN or E.164 number. The first founds a new pool.
      - Numbers not in the pool join it; with O(purge_phone_numbers=true), numbers in the pool that are not listed
        leave it (and stay leased).
      - A number in another pool fails the task, naming that pool; so does a number that is not C(ACTIVE).
      - The pool's numbers share the capabilities of the number that founds it (the service's
        C(NUMBER_CAPABILITIES_MISMATCH)). A number with other capabilities fails the task before any write when the
        task lists the founder or another number already in the pool; otherwise the service refuses it when it
        joins.
      - In check mode, an empty entry (the ID of a number the same play requests, not requested in check mode) is
        left out of the prediction with a warning.
    type: list
    elements: str
  purge_phone_numbers:
    description:
      - Whether numbers in the pool that O(phone_numbers) does not list leave it.
      - A pool cannot be left without numbers or sender IDs; taking out the last one fails the task before any
        change.
    type: bool
    default: false
  sender_ids:
    description:
      - The pool's sender IDs, each named by its ID and its country (see M(pinpoint.sms_voice.sender_id)).
      - Sender IDs not in the pool join it; with O(purge_sender_ids=true), sender IDs in the pool that are not
        listed leave it (and stay requested). A sender ID can be in several pools.
      - A sender ID has no two-way, opt-out list or keyword settings of its own; it must send the pool's message
        type (one of its C(message_types)), or the task fails before any change.
      - When O(phone_numbers) lists no number, the first sender ID founds a new pool (in its country, with the
        settings of a new pool; those the task sets follow with C(UpdatePool)).
      - A sender ID that does not exist fails the task before any change.
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
  purge_sender_ids:
    description:
      - Whether sender IDs in the pool that O(sender_ids) does not list leave it. Has no effect when O(sender_ids) is
        not set.
      - A pool cannot be left without numbers or sender IDs; taking out the last one fails the task before any
        change.
    type: bool
    default: false
  opt_out_list_name:
    description:
      - The name or ARN of the opt-out list the pool uses. It must exist (in check mode, one that does not exist
        yet is reported in RV(unverified)).
    type: str
  two_way_enabled:
    description: Whether the pool receives inbound messages (two-way messaging).
    type: bool
  two_way_channel_arn:
    description:
      - Where inbound messages go, an SNS topic ARN or C(connect.<region>.amazonaws.com).
    type: str
  two_way_channel_role:
    description: The IAM role ARN the service uses to publish to the two-way channel.
    type: str
  self_managed_opt_outs_enabled:
    description:
      - Whether you manage opt-outs yourself, instead of the service answering STOP and HELP.
      - Needs two-way messaging (O(two_way_enabled)) on the pool or in the same task; a task that would leave this on
        with two-way off fails before any write.
    type: bool
  shared_routes_enabled:
    description: Whether the pool may send through shared routes in countries where they exist.
    type: bool
  deletion_protection_enabled:
    description:
      - Whether the pool is protected from deletion. With O(state=absent), a protected pool is deleted only when
        the task sets this to V(false); otherwise the task fails and nothing is changed.
    type: bool
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.attributes
  - pinpoint.sms_voice._options.tags
  - pinpoint.sms_voice._options.keywords
  - pinpoint.sms_voice._options.wait
  - pinpoint.sms_voice._options.resource_policy
notes:
  - The IAM policy this module needs is in the collection's C(docs/iam/pool.json).
seealso:
  - module: pinpoint.sms_voice.pool_info
  - module: pinpoint.sms_voice.phone_number
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: Request two SIMULATOR numbers
  pinpoint.sms_voice.phone_number:
    name: "{{ item }}"
    iso_country_code: US
    message_type: TRANSACTIONAL
    number_capabilities: [SMS, VOICE]
    number_type: SIMULATOR
  loop: [pool-example-a, pool-example-b]
  register: numbers

- name: Pool them; the first founds the pool
  pinpoint.sms_voice.pool:
    name: pool-example
    iso_country_code: US
    message_type: TRANSACTIONAL
    phone_numbers: "{{ numbers.results | map(attribute='phone_number.phone_number_id') | list }}"
    shared_routes_enabled: true
    tags:
      team: messaging
  register: pool

- name: Keep only the second number in the pool
  pinpoint.sms_voice.pool:
    name: pool-example
    phone_numbers: ["{{ numbers.results[1].phone_number.phone_number_id }}"]
    purge_phone_numbers: true

- name: Request a sender ID for the pool's message type
  pinpoint.sms_voice.sender_id:
    sender_id: EXAMPLECO
    iso_country_code: GB
    message_types: [TRANSACTIONAL]

- name: A pool of a number and a sender ID
  pinpoint.sms_voice.pool:
    name: pool-example
    sender_ids:
      - sender_id: EXAMPLECO
        iso_country_code: GB

- name: Keep only the sender ID (the number leaves the pool)
  pinpoint.sms_voice.pool:
    name: pool-example
    phone_numbers: []
    purge_phone_numbers: true
    sender_ids:
      - sender_id: EXAMPLECO
        iso_country_code: GB

- name: Share the pool with another account (compared as JSON; resource_policy {} removes it)
  pinpoint.sms_voice.pool:
    name: pool-example
    resource_policy:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal:
            AWS: arn:aws:iam::111122223333:root
          Action: sms-voice:SendTextMessage
          Resource: "*"

- name: Delete the pool (its numbers stay leased)
  pinpoint.sms_voice.pool:
    name: pool-example
    state: absent
"""

RETURN = r"""
unverified:
  description:
    - The options naming another resource (a pool, an opt-out list or a registration) that check mode could not
      verify, because the service does not know that resource yet; the prediction takes their values as given. An
      earlier task of the same play may create it, which check mode cannot know. A real run fails for such a value
      before any change, naming the option.
    - An empty list when everything the task refers to was found, and always in a real run.
  returned: success
  type: list
  elements: str
  sample:
    - opt_out_list_name
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
pool:
  description:
    - The pool as M(pinpoint.sms_voice.pool_info) returns it; predicted in check mode. An empty dict when the pool
      is absent or was deleted.
  returned: always
  type: dict
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
pending_changes:
  description:
    - 'The changes left for a later run, in the order they will be made: because the resource is not C(ACTIVE) yet
      and the task set C(wait=false) (numbers and pools); because a 10DLC campaign takes its numbers only once it
      is C(COMPLETE) (registrations); or, on a failed task, because the task stopped before them. Running the task
      again makes them.'
    - Each has the API C(operation) and the C(options) it sets, by option name.
    - An empty list when nothing is left.
  returned: always
  type: list
  elements: dict
  sample:
    - operation: UpdatePhoneNumber
      options:
        two_way_enabled: true
    - operation: PutKeyword
      options:
        keyword: JOIN
        reply: Welcome
        action: AUTOMATIC_RESPONSE
  contains:
    operation:
      description: The API operation that will make the change.
      type: str
    options:
      description: What it sets, by option name.
      type: dict
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
settings:
  description: When the task fails for a rule of a pool (a number's settings the pool decides, or a number whose
    settings differ from the pool's), the options or settings concerned.
  returned: on failure for a pool rule
  type: list
  elements: str
  sample:
    - two_way_enabled
"""

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.resource import option_specs
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.keywords import keyword_options
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pool import ensure_pool
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import policy_option
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import (
    POOL,
    tag_options,
    wait_options,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.sender_id import sender_ids_option


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        pool_id=dict(type="str"),
        name=dict(type="str"),
        use_tagging_api=dict(type="bool", default=True),
        phone_numbers=dict(type="list", elements="str"),
        purge_phone_numbers=dict(type="bool", default=False),
        sender_ids=sender_ids_option(),
        purge_sender_ids=dict(type="bool", default=False),
    )
    spec.update(tag_options())
    spec.update(keyword_options())
    spec.update(wait_options())
    spec.update(policy_option())
    # The pool's own settings, with their types and choices, come from its description.
    spec.update(option_specs(POOL))
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(ensure_pool)


if __name__ == "__main__":
    main()
