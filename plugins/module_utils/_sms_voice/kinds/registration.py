# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The registration: what ``registration`` and ``registration_info`` return, and what a number refers to.

Its fields, versions and associations are read by calls of their own
(``registration.py``); they are the extra keys of the shape.
"""

from __future__ import annotations

from ..engine.plan import Rules
from ..engine.resource import Field, Resource

REGISTRATION = Resource(
    kind="registration",
    result_key="registration",
    id_key="registration_id",
    id_member="RegistrationId",
    arn_key="registration_arn",
    arn_member="RegistrationArn",
    arn_type="registration",
    fields=(
        Field("registration_arn", "RegistrationArn", option=False),
        Field("registration_id", "RegistrationId", option=False),
        Field("registration_type", "RegistrationType", option=False),
        Field("status", "RegistrationStatus", option=False),
        Field("current_version_number", "CurrentVersionNumber", option=False, kind="int"),
        Field("approved_version_number", "ApprovedVersionNumber", option=False, kind="int"),
        Field("latest_denied_version_number", "LatestDeniedVersionNumber", option=False, kind="int"),
        Field("additional_attributes", "AdditionalAttributes", option=False),
        Field("created_timestamp", "CreatedTimestamp", option=False, kind="time"),
    ),
    extra_keys=("current_version_status", "denied_reasons", "fields", "associations", "versions", "tags"),
    describe="DescribeRegistrations",
    describe_ids="RegistrationIds",
    describe_list="Registrations",
    max_ids=5,
    create="CreateRegistration",
    delete="DeleteRegistration",
    filters=(("registration-type", "registration_type"), ("registration-status", "status")),
    rules=Rules(),
)
