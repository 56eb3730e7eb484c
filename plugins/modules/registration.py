#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: registration
short_description: Draft, fill, submit and resubmit Amazon Pinpoint SMS and Voice v2 registrations
version_added: 0.3.0
description:
  - Manages a registration of Amazon Pinpoint SMS and Voice v2 (AWS End User Messaging SMS), that is a US toll-free
    verification, a 10DLC brand or a 10DLC campaign, from draft to approved, and the phone numbers tied to it.
  - The registration is found by O(registration_id) or by its C(Name) tag (O(name)); a registration looked up by
    name that does not exist is created with O(registration_type).
  - The types, their fields and which numbers they take come from the service at run time
    (C(DescribeRegistrationTypeDefinitions), C(DescribeRegistrationFieldDefinitions)). Every value in O(fields) is
    checked against its field's definition before any change, in check mode too (the field exists, and the value has
    its type, length, pattern and choices). A task that fails these checks changes nothing and names the field.
  - Only the fields that differ are written (C(PutRegistrationFieldValue)). While a version is in review, its fields
    cannot change, and the task fails naming its status. Once the version is approved or denied, a change opens a new
    version (C(CreateRegistrationVersion)) holding the values of the one before, and with O(submit=true) submits it.
  - Reviews take days to weeks, and the module does not wait for them. A pipeline runs the same task again until the
    registration is C(COMPLETE); the result shows the status, the version numbers, and the reasons of the latest
    denied version. A task that meets a denied version whose fields it does not change warns, with the reasons.
  - Check mode makes no call that changes anything and returns the predicted registration; diff mode returns the
    registration, its fields included, before and after.
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  registration_id:
    description:
      - ID or ARN of an existing registration. Mutually exclusive with O(name).
    type: str
  name:
    description:
      - The value of the registration's C(Name) tag. A registration with this name that does not exist is created.
      - More than one registration with this name is an error.
    type: str
  registration_type:
    description:
      - The registration type, for example V(US_TOLL_FREE_REGISTRATION), V(US_TEN_DLC_BRAND_REGISTRATION) or
        V(US_TEN_DLC_CAMPAIGN_REGISTRATION). Required to create a registration; the service's
        C(DescribeRegistrationTypeDefinitions) lists the valid ones.
      - The type of an existing registration cannot change; a task that names another type fails.
    type: str
  fields:
    description:
      - Field values, as a dict of field path (C(<section>.<field>), for example C(companyInfo.companyName)) to value.
      - A TEXT field takes a string, a SELECT field a list of choices, and an ATTACHMENT field the path of a local file
        or an https URL (read with Ansible's C(open_url)). The file is uploaded (C(CreateRegistrationAttachment),
        at most 5 MB, PDF, JPEG or PNG) with the SHA-256 of its content in the attachment's C(pinpoint.sms_voice:sha256)
        tag, so a task run again with the same file uploads nothing.
      - Fields not listed are left as they are, unless O(purge_fields=true).
    type: dict
  purge_fields:
    description:
      - Whether field values not in O(fields) are deleted. Has no effect when O(fields) is not set.
    type: bool
    default: false
  submit:
    description:
      - Whether to submit the current version for review once it is a draft with every required field set. A required
        field without a value fails the task before any change, naming it.
      - A version in review or reviewed is not submitted again.
    type: bool
    default: false
  discard:
    description:
      - Discard the current draft version (C(DiscardRegistrationVersion)), keeping the versions before it. The first
        version of a registration cannot be discarded; delete the registration instead.
      - Cannot be used with O(fields), O(submit) or O(phone_numbers).
    type: bool
    default: false
  phone_numbers:
    description:
      - Phone numbers (IDs, ARNs or E.164 numbers) to associate with the registration (C(CreateRegistrationAssociation)),
        where its type takes them. Numbers already associated are left as they are; the service has no call that
        removes one (releasing the number does).
      - A toll-free verification takes its number while it is drafted, before it is submitted. A 10DLC campaign takes
        numbers once it is C(COMPLETE); until then they are listed in RV(pending_changes) and a later run associates
        them. A 10DLC brand takes none.
    type: list
    elements: str
  state:
    description:
      - V(present) creates and fills the registration; V(absent) deletes it (C(DeleteRegistration)). A registration
        that still has numbers is not deleted; the task fails naming them.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.attributes
  - pinpoint.sms_voice._options.tags
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: Lease a toll-free number (it stays PENDING until its verification is approved)
  pinpoint.sms_voice.phone_number:
    name: support-toll-free
    iso_country_code: US
    message_type: TRANSACTIONAL
    number_capabilities: [SMS]
    number_type: TOLL_FREE
    wait: false
  register: toll_free

- name: Draft, fill and submit its verification; run it again until the registration is COMPLETE
  pinpoint.sms_voice.registration:
    name: support-toll-free-verification
    registration_type: US_TOLL_FREE_REGISTRATION
    fields:
      companyInfo.companyName: Example Corp
      companyInfo.website: https://www.example.com
      companyInfo.address1: 1 Main Street
      companyInfo.city: Seattle
      companyInfo.state: WA
      companyInfo.zipCode: "98101"
      companyInfo.isoCountryCode: US
      companyInfo.privacyPolicyUrl: https://www.example.com/privacy
      companyInfo.termsAndConditionsUrl: https://www.example.com/terms
      contactInfo.firstName: Jane
      contactInfo.lastName: Doe
      contactInfo.supportEmail: support@example.com
      contactInfo.supportPhoneNumber: "+12065550100"
      messagingUseCase.monthlyMessageVolume: ["10,000"]
      messagingUseCase.useCaseCategory: [ACCOUNT_NOTIFICATIONS]
      messagingUseCase.useCaseDetails: Account notifications to our customers.
      messagingUseCase.optInDescription: Customers opt in on the account settings page.
      messageSamples.messageSample1: "Example Corp: your order shipped. Reply STOP to opt out."
    phone_numbers:
      - "{{ toll_free.phone_number.phone_number_id }}"
    submit: true
    tags:
      team: messaging
  register: verification

# verification.registration.status says where the review stands, and
# verification.registration.denied_reasons why the latest denied version was denied.

- name: Delete a draft that is no longer needed
  pinpoint.sms_voice.registration:
    name: old-draft
    state: absent
"""

RETURN = r"""
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
settings:
  description: When the task fails for a rule of a pool (a number's settings the pool decides, or a number whose
    settings differ from the pool's), the options or settings concerned.
  returned: on failure for a pool rule
  type: list
  elements: str
  sample:
    - two_way_enabled
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
registration:
  description:
    - The registration, in the shape M(pinpoint.sms_voice.registration_info) returns, with its field values, versions
      and associations; in check mode, as predicted (a registration still to be created has no ID yet).
    - An empty dict once deleted, or when O(state=absent) and there was no such registration.
  returned: always
  type: dict
  contains:
    registration_arn:
      description: ARN of the registration.
      type: str
      sample: arn:aws:sms-voice:us-east-1:123456789012:registration/registration-0123456789abcdef0123456789abcdef
    registration_id:
      description: ID of the registration.
      type: str
      sample: registration-0123456789abcdef0123456789abcdef
    registration_type:
      description: The registration type.
      type: str
      sample: US_TOLL_FREE_REGISTRATION
    status:
      description:
        - The registration's status, one of C(CREATED), C(SUBMITTED), C(AWS_REVIEWING), C(REVIEWING), C(REQUIRES_AUTHENTICATION),
          C(PROVISIONING), C(COMPLETE), C(REQUIRES_UPDATES), C(CLOSED), C(DELETED).
        - A registration approved once stays C(COMPLETE) while a newer version is drafted or reviewed.
      type: str
      sample: REVIEWING
    current_version_number:
      description: The number of the latest version.
      type: int
      sample: 2
    approved_version_number:
      description: The number of the approved version, V(null) when none is.
      type: int
      sample: 1
    latest_denied_version_number:
      description: The number of the latest denied version, V(null) when none was.
      type: int
      sample: 1
    additional_attributes:
      description: Further metadata the service keeps about the registration, by name; V(null) when it has none.
      type: dict
      sample:
        campaignId: C0123ABC
    created_timestamp:
      description: When the registration was created, in ISO 8601.
      type: str
      sample: '2026-11-26T21:51:26+00:00'
    current_version_status:
      description:
        - The status of the latest version, one of C(DRAFT), C(SUBMITTED), C(AWS_REVIEWING), C(REVIEWING), C(REQUIRES_AUTHENTICATION),
          C(APPROVED), C(DISCARDED), C(DENIED), C(REVOKED), C(ARCHIVED).
        - V(null) from M(pinpoint.sms_voice.registration_info) unless O(pinpoint.sms_voice.registration_info#module:include_versions=true).
      type: str
      sample: DRAFT
    denied_reasons:
      description:
        - Why the latest denied version was denied, as the reviewers said; an empty list when no version was denied.
        - V(null) from M(pinpoint.sms_voice.registration_info) unless O(pinpoint.sms_voice.registration_info#module:include_versions=true).
      type: list
      elements: dict
      sample:
        - reason: OPT_IN_INSUFFICIENT
          short_description: The opt-in workflow does not show how recipients consent to receive messages.
          long_description: null
          documentation_title: Registration support
          documentation_link: https://docs.aws.amazon.com/sms-voice/latest/userguide/registration-help.html
    fields:
      description:
        - The field values of the latest version, by field path. A TEXT field's value is a string, a SELECT field's
          a list of choices, an ATTACHMENT field's the ID of its attachment.
        - V(null) from M(pinpoint.sms_voice.registration_info) unless O(pinpoint.sms_voice.registration_info#module:include_fields=true).
      type: dict
      sample:
        companyInfo.companyName: Example Corp
        messagingUseCase.useCaseCategory:
          - ACCOUNT_NOTIFICATIONS
        messagingUseCase.optInImage: attachment-0123456789abcdef0123456789abcdef
    associations:
      description:
        - The phone numbers associated with the registration (C(ListRegistrationAssociations)).
        - V(null) from M(pinpoint.sms_voice.registration_info) unless O(pinpoint.sms_voice.registration_info#module:include_associations=true).
      type: list
      elements: dict
      sample:
        - resource_id: phone-0123456789abcdef0123456789abcdef
          resource_arn: arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123456789abcdef0123456789abcdef
          resource_type: phone-number
          phone_number: '+18005550100'
          iso_country_code: US
    versions:
      description:
        - Every version, oldest first, each with its C(version_number), C(status) and C(denied_reasons).
        - V(null) from M(pinpoint.sms_voice.registration_info) unless O(pinpoint.sms_voice.registration_info#module:include_versions=true).
      type: list
      elements: dict
      sample:
        - version_number: 1
          status: APPROVED
          denied_reasons: []
    tags:
      description:
        - Tags of the registration.
        - V(null) from M(pinpoint.sms_voice.registration_info) when O(pinpoint.sms_voice.registration_info#module:include_tags=false),
          unless O(pinpoint.sms_voice.registration_info#module:names) was set.
      type: dict
      sample:
        Name: support-toll-free-verification
"""

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.registration import ensure_registration
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import tag_options


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    spec = dict(
        registration_id=dict(type="str"),
        name=dict(type="str"),
        registration_type=dict(type="str"),
        fields=dict(type="dict"),
        purge_fields=dict(type="bool", default=False),
        submit=dict(type="bool", default=False),
        discard=dict(type="bool", default=False),
        phone_numbers=dict(type="list", elements="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    spec.update(tag_options())
    return spec


def main():
    SmsVoiceModule(
        argument_spec(),
        mutually_exclusive=[("registration_id", "name")],
        required_one_of=[("registration_id", "name")],
    ).run(ensure_registration)


if __name__ == "__main__":
    main()
