#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: phone_number
short_description: Request, update and release Amazon Pinpoint SMS and Voice v2 phone numbers
version_added: 0.1.0
description:
  - Manages an origination phone number of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS).
  - The number is looked up by the first of O(phone_number_id), O(phone_number) and O(name) that is set.
    Numbers in status C(DELETED) count as absent.
  - With O(state=present), a number looked up by O(name) that does not exist is requested
    (it is leased and billed monthly), with one idempotency token for the whole run, so a retried
    request never leases a second number. An existing number has only the settings the task sets,
    and that differ, changed; options left unset are never touched.
  - Immutable settings (O(iso_country_code), O(message_type), O(number_capabilities), O(number_type),
    O(registration_id)) that differ from the existing number make the task fail, listing every difference,
    and nothing is changed.
  - With O(state=absent), the number is released. A released number cannot be recovered. A number another
    run released in the meantime counts as released, and the task does not fail.
  - Check mode makes no call that changes anything and returns the predicted number; diff mode
    returns the number before and after, under a header naming the number (in a loop, each item's diff names
    its own).
  - A pool (O(pool_id)), opt-out list (O(opt_out_list_name)) or registration (O(registration_id)) the task
    names must exist; a real run fails before any change when one does not, naming the option. In check mode
    one that does not exist yet is taken as given, because an earlier task of the same play may create it; the
    task warns once, naming what it could not check, and lists those options in RV(unverified).
  - Before it requests a number, in check mode too, the task reads the account's limits once
    (C(DescribeAccountLimits)); when the C(PHONE_NUMBERS) limit has no room left, it fails before the request,
    naming the limit with its use and maximum (RV(limit)).
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  state:
    description:
      - V(present) requests the number if needed and makes its settings match the task.
      - V(absent) releases it.
    type: str
    choices: [present, absent]
    default: present
  phone_number_id:
    description:
      - The ID (C(phone-) and 32 hex digits) or ARN of an existing number.
      - A number given by ID that does not exist cannot be requested; the task fails for O(state=present).
      - An ARN of another region than the task's, or of another account than its credentials', fails the task
        (for O(state=present) and O(state=absent)), naming both, and nothing is changed.
    type: str
  phone_number:
    description:
      - The E.164 phone number of an existing number, for example V(+12065550100).
      - Used to look the number up when O(phone_number_id) is not set; when both are set they must agree.
    type: str
  name:
    description:
      - The value of the number's C(Name) tag. Identifies the number when neither O(phone_number_id) nor
        O(phone_number) is set; more than one live number with that name is an error.
      - Required to request a new number, so that running the task again finds it instead of leasing another.
      - With O(phone_number_id) or O(phone_number) and O(state=present), sets the C(Name) tag;
        with O(state=absent), the number is released only if its C(Name) tag is this value.
        A name another live number already has fails the task before any change.
      - 1 to 256 characters without line breaks, as for any tag value.
      - Found and proven unique through the Resource Groups Tagging API when O(use_tagging_api=true), else by
        reading the tags of every live number; see O(use_tagging_api).
      - Runs of one task that overlap (pipelines started together, a cancelled run retried at once) lease one
        number between them, because the request's idempotency token is derived from the region, the name and the
        settings sent. After the request the numbers with this name are read again; if another run with other
        settings leased one too, the task fails with C(changed=true), naming both numbers.
    type: str
  use_tagging_api:
    description:
      - Whether to find a number by O(name) through the Resource Groups Tagging API (C(tag:GetResources)).
        The SMS API cannot select numbers by tag, and reads one number's tags a call (ListTagsForResource).
      - A converged task asks the index for the name (one call); every number it names is read back by ID
        and must still carry the name in its own tags, so a stale entry never makes the task act on
        another number (3 calls among 1,000 numbers).
      - When that finds nothing, and always for O(state=absent), the name is proven free in pages, the live
        numbers from DescribePhoneNumbers (100 a call), their tags from the index (500 tags a call). Only a
        number the index does not list at all (created moments ago, or by another tool) has its own tags read,
        and so does the number found before the task changes it. A request by name among 1,000 numbers takes
        about 25 calls, where reading every number's own tags takes about 1,010 (17 minutes at the published
        quota).
      - What this cannot see is a number that already existed and was given the name within the index's lag
        (the index still shows its old tags), so the task leases a second number, and the next run fails
        on the duplicate, naming both. V(false) reads every number's own tags instead, which sees it, at one
        call per number. When the index is denied or fails, the task does the same and warns once with the
        calls and time that costs.
      - Set V(false) for credentials without C(tag:GetResources), to skip the attempt and its warning.
      - The Tagging API client uses the same credentials, region and O(endpoint_url). Where O(endpoint_url) serves
        only the SMS API (a VPC endpoint, for example), set O(use_tagging_api=false), or every run warns and scans.
    type: bool
    default: true
  iso_country_code:
    description:
      - Two-letter upper-case ISO 3166-1 alpha-2 country code of the number, for example V(US). Immutable.
      - Required to request a number.
    type: str
  message_type:
    description:
      - The kind of messages the number sends. Immutable. Required to request a number.
    type: str
    choices: [TRANSACTIONAL, PROMOTIONAL]
  number_capabilities:
    description:
      - What the number can do, compared as a set. Immutable. Required to request a number.
    type: list
    elements: str
    choices: [SMS, VOICE, MMS, RCS]
  number_type:
    description:
      - The type of number. Immutable. Required to request a number.
      - V(SIMULATOR) numbers (US, TRANSACTIONAL) are free, active at once, and deliver to
        simulated destinations only; use them for testing.
      - V(TOLL_FREE) and V(TEN_DLC) numbers can stay C(PENDING) for days while their registration is reviewed.
    type: str
    choices: [LONG_CODE, TOLL_FREE, TEN_DLC, SIMULATOR]
  registration_id:
    description:
      - The registration the number is requested under, by ID, ARN or C(Name) tag (as
        M(pinpoint.sms_voice.registration) names it with its O(pinpoint.sms_voice.registration#module:name) option).
        A name is looked up first (the account's registrations and their tags); the ID it stands for is what is
        requested under and compared with the number's. Immutable.
      - A registration that does not exist fails the request before it is made, naming this option (in check
        mode, a warning and RV(unverified)).
      - A US V(TEN_DLC) number needs one, the ID of its 10DLC campaign registration
        (V(US_TEN_DLC_CAMPAIGN_REGISTRATION)), and the campaign must be C(COMPLETE) (or have an approved version),
        or the task fails before any write, naming its status. Reviews take days to weeks; run the task
        again once the campaign is approved.
      - A registration takes only its kind of number (a campaign V(TEN_DLC) numbers, a toll-free verification
        V(TOLL_FREE) numbers, a 10DLC brand none); another fails before any write.
      - The status of the registration a number belongs to is returned as RV(registration_status).
    type: str
  opt_out_list_name:
    description:
      - Name or ARN of the opt-out list the number uses. New numbers use V(Default) unless set.
    type: str
  pool_id:
    description:
      - ID or ARN of the pool the number belongs to. The number is moved from its current pool if needed.
      - An empty string V("") takes the number out of its pool.
      - A pool cannot be left empty; moving or releasing its last number fails, naming the pool.
      - A pool's two-way, opt-out list and self-managed opt-out settings apply to every number in it. A number
        requested into a pool takes them; a number moved into a pool is first updated to match them. A task
        that asks for other values of these settings for a number in (or going into) a pool fails before any
        change, naming the pool and the setting, in check mode too.
      - The service does not update a number while it is in a pool. A task that changes any setting of a
        number that stays in its pool fails before any change, naming the pool; set O(pool_id="") to take
        the number out first (it is disassociated, then updated), or change the pool's settings.
        A pool move runs disassociate, update, associate; a release runs disassociate, update, release.
    type: str
  deletion_protection_enabled:
    description:
      - Whether the number is protected from release.
      - With O(state=absent), V(false) turns protection off and then releases the number;
        when protection is on and this is not V(false), the task fails and nothing is released.
    type: bool
  self_managed_opt_outs_enabled:
    description:
      - Whether you manage opt-outs yourself (the service then does not answer STOP for you).
      - Set with UpdatePhoneNumber; for a new number, once it is C(ACTIVE).
      - Needs two-way messaging (O(two_way_enabled)), on the number or in the same task; turning two-way off
        needs this off too. A task that would leave this on with two-way off fails before any write.
    type: bool
  two_way_enabled:
    description:
      - Whether two-way SMS is enabled. Needs O(two_way_channel_arn), in the task or already on the number.
      - Set with UpdatePhoneNumber; for a new number, once it is C(ACTIVE).
    type: bool
  two_way_channel_arn:
    description:
      - Where inbound messages go, an SNS topic ARN or V(connect.<region>.amazonaws.com) for Amazon Connect.
    type: str
  two_way_channel_role:
    description:
      - ARN of the IAM role the service assumes to publish inbound messages to O(two_way_channel_arn).
    type: str
  international_sending_enabled:
    description:
      - Whether the number may send to destinations outside its country.
    type: bool
  number_preference:
    description:
      - The digits the number to request should have. The service takes a preference for US V(TEN_DLC)
        numbers only (O(iso_country_code=US), O(number_type=TEN_DLC)).
      - Sent only when the number is requested. It is a wish for the lease, not a setting of the number;
        an existing number is never compared with it, so it never reports a change or fails the task.
      - When no available number matches, the request fails and nothing is leased.
        M(pinpoint.sms_voice.available_phone_number_info) lists the numbers that match a preference.
      - Needs botocore 1.43.90 or newer.
    type: dict
    suboptions:
      preference_type:
        description:
          - How O(number_preference.filter) is matched against the number.
        type: str
        required: true
        choices: [StartsWith, EndsWith, Contains, ExactMatch]
      filter:
        description:
          - Digit patterns, each 2 to 16 characters of digits, optionally after a C(+), for example V(+1206) or V(555).
          - One pattern for V(StartsWith), V(EndsWith) and V(Contains); 1 to 10 complete numbers for V(ExactMatch).
        type: list
        elements: str
        required: true
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.attributes
  - pinpoint.sms_voice._options.tags
  - pinpoint.sms_voice._options.keywords
  - pinpoint.sms_voice._options.wait
  - pinpoint.sms_voice._options.resource_policy
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: Request a SIMULATOR number for testing (free, ACTIVE at once)
  pinpoint.sms_voice.phone_number:
    name: ci-simulator
    iso_country_code: US
    message_type: TRANSACTIONAL
    number_capabilities: [SMS, VOICE]
    number_type: SIMULATOR
    tags:
      team: messaging
      env: test
  register: simulator

- name: Request a promotional toll-free number in an existing pool, without waiting for review
  pinpoint.sms_voice.phone_number:
    name: marketing-tfn
    iso_country_code: US
    message_type: PROMOTIONAL
    number_capabilities: [SMS]
    number_type: TOLL_FREE
    pool_id: pool-0123456789abcdef0123456789abcdef
    opt_out_list_name: marketing
    wait: false

- name: Receive replies on an SNS topic (two-way SMS)
  pinpoint.sms_voice.phone_number:
    name: support-line
    two_way_enabled: true
    two_way_channel_arn: arn:aws:sns:us-east-1:123456789012:sms-replies
    two_way_channel_role: arn:aws:iam::123456789012:role/SmsVoiceTwoWay

- name: Set the replies to HELP and STOP, and add an opt-in keyword
  pinpoint.sms_voice.phone_number:
    name: support-line
    keywords:
      - keyword: HELP
        reply: "Example Corp alerts. Reply STOP to opt out. Help: support@example.com"
      - keyword: STOP
        reply: "You are opted out of Example Corp alerts."
      - keyword: JOIN
        reply: "You are opted in to Example Corp alerts."
        action: OPT_IN
    purge_keywords: true

- name: Request a US 10DLC number whose digits start with +1206, under an approved registration
  pinpoint.sms_voice.phone_number:
    name: seattle-alerts
    iso_country_code: US
    message_type: TRANSACTIONAL
    number_capabilities: [SMS]
    number_type: TEN_DLC
    registration_id: registration-0123456789abcdef0123456789abcdef
    number_preference:
      preference_type: StartsWith
      filter: ["+1206"]

- name: Protect a production number from release
  pinpoint.sms_voice.phone_number:
    phone_number: "+12065550100"
    deletion_protection_enabled: true

- name: Share a number with another account through a resource-based policy (a JSON string works too)
  pinpoint.sms_voice.phone_number:
    phone_number: "+12065550100"
    resource_policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sms-voice:SendTextMessage", "Resource": "*"}]}'

- name: Release a number (fails if deletion protection is on)
  pinpoint.sms_voice.phone_number:
    name: ci-simulator
    state: absent

- name: Turn deletion protection off, then release
  pinpoint.sms_voice.phone_number:
    phone_number_id: phone-0123456789abcdef0123456789abcdef
    deletion_protection_enabled: false
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
duplicates:
  description:
    - When the task requested a number and other live numbers turned out to carry the same name (runs that
      overlapped asked with other settings), their IDs. The task fails with C(changed=true).
  returned: on failure after a request, when other numbers have the name
  type: list
  elements: str
  sample: [phone-fedcba9876543210fedcba9876543210]
differences:
  description: The immutable settings that differ from the existing resource, when the task fails for them.
  returned: on failure for immutable settings
  type: list
  elements: str
  sample:
    - 'number_type: SIMULATOR -> TOLL_FREE'
phone_number_id:
  description:
    - On a failed task, the ID of the number it failed on, when it is known (a number requested but not
      read back, a timed-out wait, a name another number already has).
  returned: on some failures
  type: str
  sample: phone-0123456789abcdef0123456789abcdef
status:
  description: When a wait timed out, the status the number had.
  returned: on failure of a wait
  type: str
  sample: PENDING
pool_id:
  description: When the task fails for a rule of a pool, the pool's ID.
  returned: on failure for a pool rule
  type: str
  sample: pool-0123456789abcdef0123456789abcdef
settings:
  description: When the task fails for a rule of a pool (a number's settings the pool decides, or a number whose
    settings differ from the pool's), the options or settings concerned.
  returned: on failure for a pool rule
  type: list
  elements: str
  sample:
    - two_way_enabled
registration_status:
  description:
    - The status of the registration the number belongs to (its toll-free verification or 10DLC campaign), as M(pinpoint.sms_voice.registration)
      returns it; V(null) when the number has no registration. A US toll-free or 10DLC number sends once it is C(COMPLETE).
    - Costs one C(DescribeRegistrations) call, and only for a number with a registration.
  returned: success
  type: str
  sample: REVIEWING
phone_number:
  description:
    - The number after the task, in the shape M(pinpoint.sms_voice.phone_number_info) returns.
    - In check mode, the prediction; fields only known once the number exists (its ID, ARN,
      E.164 value, price, creation time) are V(null) for a number that would be requested.
    - After a release, the released number with status C(DELETED); an empty dict when there was nothing to release.
  returned: always
  type: dict
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

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.resource import option_specs
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.keywords import keyword_options
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import ensure_phone_number
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resource_policy import policy_option
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import (
    PHONE_NUMBER,
    tag_options,
    wait_options,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.validation import NUMBER_PREFERENCE_OPTION


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        phone_number_id=dict(type="str"),
        phone_number=dict(type="str"),
        name=dict(type="str"),
        use_tagging_api=dict(type="bool", default=True),
        number_preference=NUMBER_PREFERENCE_OPTION,
    )
    spec.update(tag_options())
    spec.update(keyword_options())
    spec.update(wait_options())
    spec.update(policy_option())
    # The number's own settings, with their types and choices, come from its description.
    spec.update(option_specs(PHONE_NUMBER))
    return spec


def main():
    SmsVoiceModule(argument_spec()).run(ensure_phone_number)


if __name__ == "__main__":
    main()
