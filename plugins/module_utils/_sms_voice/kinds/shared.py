# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the descriptions of numbers, pools and sender IDs share."""

from __future__ import annotations

from ..engine.resource import Field
from .opt_out_list import OPT_OUT_LIST

MESSAGE_TYPES = ("TRANSACTIONAL", "PROMOTIONAL")


def two_way_and_opt_outs(create_opt_out_list):
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


def limits_and_pricing():
    """What the service reports of a number's or a sender ID's sending: its limits and its pricing tier."""
    return (
        Field(
            "messaging_limits",
            "MessagingLimits",
            option=False,
            kind="map",
            # The maps inside keep the service's keys (capabilities such as SMS, carriers such as T-MOBILE).
            parts=(("RateLimits", "rate_limits"), ("DailyMessageCaps", "daily_message_caps")),
        ),
        Field("pricing_tier", "PricingTier", option=False),
    )
