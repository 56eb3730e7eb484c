# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The descriptions of the resources the collection manages (see ``engine/resource.py``).

Field order is result order. Choices are the values of the botocore enum named
in ``enum`` (the requestable subset where the create call's shape is narrower);
``tests/unit/test_resource.py`` fails when the service model disagrees.
"""

from __future__ import annotations

from .call_rules import ServiceRules
from .engine.plan import CREATE, DELETE, LISTS, MEMBERS_AFTER, MEMBERS_BEFORE, SETTINGS, TAGS
from .engine.resource import Field, Resource, filters_on
from .keywords import keyword_steps
from .planner import NumberRules

MESSAGE_TYPES = ("TRANSACTIONAL", "PROMOTIONAL")


class PoolRules(ServiceRules):
    """The hooks of the pool's description; its members are planned in ``pool.py``."""

    live_statuses = ("CREATING", "ACTIVE")
    # Members that match the pool as it is join before its settings and keywords change, the others after.
    phase_order = (CREATE, MEMBERS_BEFORE, SETTINGS, LISTS, MEMBERS_AFTER, TAGS, DELETE)

    def list_steps(self, identifier, current, desired, after):
        if desired.keywords is None:
            return []
        return keyword_steps(identifier, current, desired, after)

    def references(self, step):
        if step.operation == "UpdatePool" and step.params.get("OptOutListName"):
            yield "opt_out_list_name", step.params["OptOutListName"]


class OptOutListRules(ServiceRules):
    """The hooks of the opt-out list's description."""

    always_exists = ("Default",)  # every account has it in every region


OPT_OUT_LIST = Resource(
    kind="opt-out list",
    result_key="opt_out_list",
    id_key="opt_out_list_name",
    id_member="OptOutListName",
    arn_key="opt_out_list_arn",
    arn_member="OptOutListArn",
    arn_type="opt-out-list",
    fields=(
        Field("opt_out_list_arn", "OptOutListArn", option=False),
        Field("opt_out_list_name", "OptOutListName", option=False),
        Field("created_timestamp", "CreatedTimestamp", option=False, kind="time"),
    ),
    describe="DescribeOptOutLists",
    describe_ids="OptOutListNames",
    describe_list="OptOutLists",
    max_ids=5,
    create="CreateOptOutList",
    delete="DeleteOptOutList",
    name_tag=False,
    rules=OptOutListRules(),
)

# Registrations are not managed yet: described as far as a number refers to one (``registration_id``).
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
)


def _two_way_and_opt_outs(create_opt_out_list):
    """The settings numbers and pools share: two-way, opt-out list, self-managed opt-outs."""
    return (
        Field("two_way_enabled", "TwoWayEnabled", update=True, default=False, kind="bool"),
        Field("two_way_channel_arn", "TwoWayChannelArn", update=True, default=None),
        Field("two_way_channel_role", "TwoWayChannelRole", update=True, default=None),
        Field("self_managed_opt_outs_enabled", "SelfManagedOptOutsEnabled", update=True, default=False, kind="bool"),
        Field(
            "opt_out_list_name",
            "OptOutListName",
            create=create_opt_out_list,
            update=True,
            default="Default",
            refers=OPT_OUT_LIST,
        ),
    )


POOL = Resource(
    kind="pool",
    result_key="pool",
    id_key="pool_id",
    id_member="PoolId",
    arn_key="pool_arn",
    arn_member="PoolArn",
    arn_type="pool",
    fields=(
        Field("pool_arn", "PoolArn", option=False),
        Field("pool_id", "PoolId", option=False),
        Field("status", "Status", option=False, enum="PoolStatus", choices=("CREATING", "ACTIVE", "DELETING")),
        # The country of the founding number: CreatePool takes it, DescribePools never returns it.
        Field("iso_country_code", None, create=True, required_to_create=True, create_member="IsoCountryCode"),
        Field(
            "message_type",
            "MessageType",
            create=True,
            immutable=True,
            required_to_create=True,
            enum="MessageType",
            choices=MESSAGE_TYPES,
        ),
    )
    + _two_way_and_opt_outs(create_opt_out_list=False)
    + (
        Field("shared_routes_enabled", "SharedRoutesEnabled", update=True, default=False, kind="bool"),
        Field(
            "deletion_protection_enabled",
            "DeletionProtectionEnabled",
            create=True,
            update=True,
            default=False,
            kind="bool",
        ),
        Field("created_timestamp", "CreatedTimestamp", option=False, kind="time"),
    ),
    describe="DescribePools",
    describe_ids="PoolIds",
    describe_list="Pools",
    max_ids=5,
    create="CreatePool",
    update="UpdatePool",
    delete="DeletePool",
    extra_keys=("tags", "phone_number_ids", "keywords"),
    members_option="phone_numbers",
    rules=PoolRules(),
    # PoolFilterName
    filters=filters_on(
        "status",
        "message-type",
        "two-way-enabled",
        "self-managed-opt-outs-enabled",
        "opt-out-list-name",
        "shared-routes-enabled",
        "deletion-protection-enabled",
        "two-way-channel-arn",
    ),
)

PHONE_NUMBER = Resource(
    kind="phone number",
    result_key="phone_number",
    id_key="phone_number_id",
    id_member="PhoneNumberId",
    arn_key="phone_number_arn",
    arn_member="PhoneNumberArn",
    arn_type="phone-number",
    fields=(
        Field("phone_number_arn", "PhoneNumberArn", option=False),
        Field("phone_number_id", "PhoneNumberId", option=False),
        Field("phone_number", "PhoneNumber", option=False),
        Field(
            "status",
            "Status",
            option=False,
            enum="NumberStatus",
            choices=("PENDING", "ACTIVE", "ASSOCIATING", "DISASSOCIATING", "DELETED"),
        ),
        Field("iso_country_code", "IsoCountryCode", create=True, immutable=True, required_to_create=True),
        Field(
            "message_type",
            "MessageType",
            create=True,
            immutable=True,
            required_to_create=True,
            enum="MessageType",
            choices=MESSAGE_TYPES,
        ),
        Field(
            "number_capabilities",
            "NumberCapabilities",
            create=True,
            immutable=True,
            required_to_create=True,
            kind="set",
            enum="NumberCapability",
            choices=("SMS", "VOICE", "MMS", "RCS"),
        ),
        Field(
            "number_type",
            "NumberType",
            create=True,
            immutable=True,
            required_to_create=True,
            enum="RequestableNumberType",
            choices=("LONG_CODE", "TOLL_FREE", "TEN_DLC", "SIMULATOR"),
        ),
        Field("monthly_leasing_price", "MonthlyLeasingPrice", option=False),
    )
    + _two_way_and_opt_outs(create_opt_out_list=True)
    + (
        Field(
            "international_sending_enabled",
            "InternationalSendingEnabled",
            create=True,
            update=True,
            default=False,
            kind="bool",
        ),
        Field(
            "deletion_protection_enabled",
            "DeletionProtectionEnabled",
            create=True,
            update=True,
            default=False,
            kind="bool",
        ),
        # Changed by AssociateOriginationIdentity / DisassociateOriginationIdentity, not by the update call.
        Field("pool_id", "PoolId", create=True, default=None, refers=POOL),
        Field("registration_id", "RegistrationId", create=True, immutable=True, default=None, refers=REGISTRATION),
        Field(
            "messaging_limits",
            "MessagingLimits",
            option=False,
            kind="map",
            # The maps inside keep the service's keys (capabilities such as SMS, carriers such as T-MOBILE).
            parts=(("RateLimits", "rate_limits"), ("DailyMessageCaps", "daily_message_caps")),
        ),
        Field("pricing_tier", "PricingTier", option=False),
        Field("created_timestamp", "CreatedTimestamp", option=False, kind="time"),
    ),
    describe="DescribePhoneNumbers",
    describe_ids="PhoneNumberIds",
    describe_list="PhoneNumbers",
    max_ids=5,
    create="RequestPhoneNumber",
    update="UpdatePhoneNumber",
    delete="ReleasePhoneNumber",
    extra_keys=("tags", "keywords"),
    rules=NumberRules(),
    # PhoneNumberFilterName
    filters=filters_on(
        "status",
        "iso-country-code",
        "message-type",
        "number-capability",
        "number-type",
        "two-way-enabled",
        "self-managed-opt-outs-enabled",
        "opt-out-list-name",
        "deletion-protection-enabled",
        "two-way-channel-arn",
        number_capability="number_capabilities",
    ),
)

RESOURCES = (PHONE_NUMBER, POOL, OPT_OUT_LIST)


def tag_options():
    """``tags`` and ``purge_tags``: the same on every resource."""
    return dict(tags=dict(type="dict"), purge_tags=dict(type="bool", default=True))


def wait_options():
    return dict(wait=dict(type="bool", default=True), wait_timeout=dict(type="int", default=300))
