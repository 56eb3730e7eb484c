# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pool: its description and the hooks only it has (its members are planned in ``pool.py`` above)."""

from __future__ import annotations

from ..call_rules import ServiceRules
from ..engine.plan import CREATE, DELETE, LISTS, MEMBERS_AFTER, MEMBERS_BEFORE, SETTINGS, TAGS
from ..engine.resource import Field, Resource, filters_on
from ..keywords import keyword_steps
from .shared import MESSAGE_TYPES, two_way_and_opt_outs


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
    + two_way_and_opt_outs(create_opt_out_list=False)
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
    extra_keys=("tags", "phone_number_ids", "sender_ids", "keywords", "resource_policy"),
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
