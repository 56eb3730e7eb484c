# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The registration, described as far as a number refers to one (``registration_id``)."""

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
        Field("registration_status", "RegistrationStatus", option=False),
    ),
    describe="DescribeRegistrations",
    describe_ids="RegistrationIds",
    describe_list="Registrations",
    max_ids=5,
    name_tag=False,
    rules=Rules(),
)
