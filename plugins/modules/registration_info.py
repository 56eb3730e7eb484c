#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: registration_info
short_description: List Amazon Pinpoint SMS and Voice v2 registrations
version_added: 0.3.0
description:
  - Lists the registrations (toll-free verifications, 10DLC brands and campaigns) of Amazon Pinpoint SMS and Voice v2
    (AWS End User Messaging SMS), each in the shape M(pinpoint.sms_voice.registration) returns.
  - Every criterion given must match; within a list option, any value matches.
  - Reads every page of C(DescribeRegistrations) (100 a page), then, per registration, its tags and what the
    C(include_*) options ask for, one call each.
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  registration_ids:
    description:
      - IDs or ARNs of the registrations to list (the API is asked 5 at a time). IDs that do not exist are left out.
    type: list
    elements: str
  names:
    description:
      - Values of the C(Name) tag to list.
    type: list
    elements: str
  registration_types:
    description:
      - Registration types to list, for example V(US_TOLL_FREE_REGISTRATION).
    type: list
    elements: str
  statuses:
    description:
      - Registration statuses to list, for example V(CREATED), V(REVIEWING), V(COMPLETE) or V(REQUIRES_UPDATES).
    type: list
    elements: str
  include_tags:
    description:
      - Whether to read each registration's tags. Tags are read anyway when O(names) is set.
    type: bool
    default: true
  include_fields:
    description:
      - Whether to read the field values of each registration's current version.
    type: bool
    default: false
  include_versions:
    description:
      - Whether to read each registration's versions (and so the reasons of its latest denied version).
    type: bool
    default: false
  include_associations:
    description:
      - Whether to read the phone numbers associated with each registration.
    type: bool
    default: false
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.info_attributes
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: Every registration of the account in this region
  pinpoint.sms_voice.registration_info:
  register: all_registrations

- name: Toll-free verifications still in review, with their versions
  pinpoint.sms_voice.registration_info:
    registration_types: [US_TOLL_FREE_REGISTRATION]
    statuses: [SUBMITTED, REVIEWING]
    include_versions: true

- name: One registration by name, with its fields and numbers
  pinpoint.sms_voice.registration_info:
    names: [support-toll-free-verification]
    include_fields: true
    include_associations: true
"""

RETURN = r"""
registrations:
  description:
    - The registrations that match, in the service's order; V(null) for what was not asked for (O(include_fields),
      O(include_versions), O(include_associations), O(include_tags)).
  returned: always
  type: list
  elements: dict
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
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.registration import list_registrations


def argument_spec():
    return dict(
        registration_ids=dict(type="list", elements="str"),
        names=dict(type="list", elements="str"),
        registration_types=dict(type="list", elements="str"),
        statuses=dict(type="list", elements="str"),
        include_tags=dict(type="bool", default=True),
        include_fields=dict(type="bool", default=False),
        include_versions=dict(type="bool", default=False),
        include_associations=dict(type="bool", default=False),
    )


def main():
    SmsVoiceModule(argument_spec()).run(list_registrations)


if __name__ == "__main__":
    main()
