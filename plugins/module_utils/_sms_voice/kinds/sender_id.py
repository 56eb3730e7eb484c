# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sender ID: its description and what only it knows.

A sender ID is named by its ID and its country together (``key_members``):
every call takes both, and ``DescribeSenderIds`` takes them as pairs. It is
requested and released like a number, has no status, and changes only its
deletion protection after the request.
"""

from __future__ import annotations

from ..call_rules import ServiceRules
from ..engine.resource import Field, Resource, filters_on
from .shared import MESSAGE_TYPES, limits_and_pricing


class SenderIdRules(ServiceRules):
    """The hooks of the sender ID's description."""

    create_action = "request"
    delete_action = "release"
    delete_verbs = ("release", "released")
    replace_advice = "Release it and request the sender ID again, or change the task to match; nothing was changed"

    def label(self, resource, item):
        return "sender ID {0} in {1}".format(item.get("sender_id"), item.get("iso_country_code"))


SENDER_ID = Resource(
    kind="sender ID",
    result_key="sender_id",
    id_key="sender_id",
    id_member="SenderId",
    arn_key="sender_id_arn",
    arn_member="SenderIdArn",
    arn_type="sender-id",
    fields=(
        Field("sender_id_arn", "SenderIdArn", option=False),
        Field("sender_id", "SenderId", create=True, required_to_create=True),
        Field("iso_country_code", "IsoCountryCode", create=True, required_to_create=True),
        # Left out of the request: the service chooses (the emulator gives both).
        Field(
            "message_types",
            "MessageTypes",
            create=True,
            immutable=True,
            kind="set",
            enum="MessageType",
            choices=MESSAGE_TYPES,
        ),
        Field(
            "deletion_protection_enabled",
            "DeletionProtectionEnabled",
            create=True,
            update=True,
            default=False,
            kind="bool",
        ),
        Field("registered", "Registered", option=False, default=False, kind="bool"),
        Field("registration_id", "RegistrationId", option=False, default=None),
        Field("monthly_leasing_price", "MonthlyLeasingPrice", option=False),
    )
    + limits_and_pricing(),
    describe="DescribeSenderIds",
    describe_ids="SenderIds",
    describe_list="SenderIds",
    max_ids=5,
    create="RequestSenderId",
    update="UpdateSenderId",
    delete="ReleaseSenderId",
    name_tag=False,
    key_members=("SenderId", "IsoCountryCode"),
    extra_keys=("tags", "resource_policy"),
    rules=SenderIdRules(),
    # SenderIdFilterName
    filters=filters_on(
        "sender-id",
        "iso-country-code",
        "message-type",
        "deletion-protection-enabled",
        "registered",
        message_type="message_types",
    ),
)
