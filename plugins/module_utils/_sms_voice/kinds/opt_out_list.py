# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The opt-out list: its description and what only it knows."""

from __future__ import annotations

from ..call_rules import ServiceRules
from ..engine.resource import Field, Resource


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
    # Read by calls of their own, only when a task or listing asks: None otherwise.
    extra_keys=("tags", "resource_policy", "opted_out_numbers"),
    rules=OptOutListRules(),
)
