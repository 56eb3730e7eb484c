#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: available_phone_number_info
short_description: List the phone numbers Amazon Pinpoint SMS and Voice v2 can lease
version_added: 0.1.0
description:
  - Lists phone numbers that are available to request (the API's C(ListAvailablePhoneNumbers)), for example
    to choose the digits of a number before M(pinpoint.sms_voice.phone_number) requests it.
  - The service lists US V(TEN_DLC) numbers only. Nothing is leased or changed.
  - No number that matches is an empty list, not an error.
  - Needs botocore 1.43.90 or newer.
author:
  - pinpoint.sms_voice contributors (@pinpoint-sms-voice)
options:
  iso_country_code:
    description:
      - Two-letter upper-case ISO 3166-1 alpha-2 country code of the numbers to list.
      - The service lists numbers of V(US) only.
    type: str
    default: US
  number_capabilities:
    description:
      - What the numbers must be able to do; only numbers that have all of them are listed.
    type: list
    elements: str
    choices: [SMS, VOICE, MMS, RCS]
    required: true
  number_type:
    description:
      - The type of number to list.
    type: str
    choices: [TEN_DLC]
    default: TEN_DLC
  registration_id:
    description:
      - ID or ARN of the registration the numbers would be requested under.
    type: str
  number_preference:
    description:
      - Only numbers with these digits. The same option of M(pinpoint.sms_voice.phone_number) takes the same
        values, so a listed number can be requested with V(ExactMatch).
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
  limit:
    description:
      - How many numbers to list at most. Pages of up to 10 numbers are read until there are this many,
        or no more are available.
    type: int
    default: 10
extends_documentation_fragment:
  - pinpoint.sms_voice.common
  - pinpoint.sms_voice.common.info_attributes
"""

EXAMPLES = r"""
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_REGION), a profile, or module_defaults for group/pinpoint.sms_voice.aws.

- name: US 10DLC numbers that can send SMS
  pinpoint.sms_voice.available_phone_number_info:
    number_capabilities: [SMS]
  register: available

- name: Seattle numbers (starting with +1206), up to 30 of them
  pinpoint.sms_voice.available_phone_number_info:
    number_capabilities: [SMS, VOICE]
    registration_id: registration-0123456789abcdef0123456789abcdef
    number_preference:
      preference_type: StartsWith
      filter: ["+1206"]
    limit: 30
  register: seattle

- name: Request the first of them
  pinpoint.sms_voice.phone_number:
    name: seattle-alerts
    iso_country_code: US
    message_type: TRANSACTIONAL
    number_capabilities: [SMS, VOICE]
    number_type: TEN_DLC
    registration_id: registration-0123456789abcdef0123456789abcdef
    number_preference:
      preference_type: ExactMatch
      filter: ["{{ seattle.available_phone_numbers[0] }}"]
  when: seattle.available_phone_numbers | length > 0
"""

RETURN = r"""
available_phone_numbers:
  description:
    - The numbers available to request, in E.164 format, in the order the service lists them;
      an empty list when none match.
    - Availability changes, so a listed number can be leased by someone else before it is requested.
  returned: always
  type: list
  elements: str
  sample: ["+12065550142", "+12065550199"]
"""

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.available_phone_number_info import (
    list_available_phone_numbers,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.module import SmsVoiceModule
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.validation import NUMBER_PREFERENCE_OPTION


def argument_spec():
    """The module's own options (the base adds the common AWS options)."""
    return dict(
        iso_country_code=dict(type="str", default="US"),
        number_capabilities=dict(type="list", elements="str", choices=["SMS", "VOICE", "MMS", "RCS"], required=True),
        number_type=dict(type="str", choices=["TEN_DLC"], default="TEN_DLC"),
        registration_id=dict(type="str"),
        number_preference=NUMBER_PREFERENCE_OPTION,
        limit=dict(type="int", default=10),
    )


def main():
    SmsVoiceModule(argument_spec()).run(list_available_phone_numbers)


if __name__ == "__main__":
    main()
