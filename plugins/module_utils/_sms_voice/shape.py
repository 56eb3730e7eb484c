# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one result shape both modules return for a phone number.

``phone_number`` and ``phone_number_info`` both build their output here, so
they can never disagree on keys: every key is always present (``None`` when the
service did not say), tags are a plain dict and the creation time is ISO 8601.
"""

from __future__ import annotations

import datetime

# API member name -> result key, in the order the result lists them.
NUMBER_FIELDS = (
    ("PhoneNumberArn", "phone_number_arn"),
    ("PhoneNumberId", "phone_number_id"),
    ("PhoneNumber", "phone_number"),
    ("Status", "status"),
    ("IsoCountryCode", "iso_country_code"),
    ("MessageType", "message_type"),
    ("NumberCapabilities", "number_capabilities"),
    ("NumberType", "number_type"),
    ("MonthlyLeasingPrice", "monthly_leasing_price"),
    ("TwoWayEnabled", "two_way_enabled"),
    ("TwoWayChannelArn", "two_way_channel_arn"),
    ("TwoWayChannelRole", "two_way_channel_role"),
    ("SelfManagedOptOutsEnabled", "self_managed_opt_outs_enabled"),
    ("OptOutListName", "opt_out_list_name"),
    ("InternationalSendingEnabled", "international_sending_enabled"),
    ("DeletionProtectionEnabled", "deletion_protection_enabled"),
    ("PoolId", "pool_id"),
    ("RegistrationId", "registration_id"),
    ("MessagingLimits", "messaging_limits"),
    ("PricingTier", "pricing_tier"),
    ("CreatedTimestamp", "created_timestamp"),
)
# MessagingLimits member -> result key; the maps inside keep the service's keys
# (capabilities such as SMS, carriers such as T-MOBILE).
MESSAGING_LIMITS_FIELDS = (("RateLimits", "rate_limits"), ("DailyMessageCaps", "daily_message_caps"))
RESULT_KEYS = tuple(key for _api, key in NUMBER_FIELDS) + ("tags", "keywords")


def iso8601(value):
    """A timestamp from boto3 (datetime) or the emulator (epoch seconds) as ISO 8601."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        value = datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.isoformat()


def tags_to_dict(tags):
    """``[{"Key": k, "Value": v}]`` -> ``{k: v}``."""
    return {tag["Key"]: tag.get("Value", "") for tag in tags or []}


def tags_to_list(tags):
    """``{k: v}`` -> ``[{"Key": k, "Value": v}]``, sorted for stable requests."""
    return [{"Key": key, "Value": "" if value is None else str(value)} for key, value in sorted(tags.items())]


def shape_keywords(api_keywords):
    """DescribeKeywords' ``Keywords`` -> ``[{"keyword", "reply", "action"}]``."""
    return [
        {"keyword": k["Keyword"], "reply": k.get("KeywordMessage"), "action": k.get("KeywordAction")}
        for k in api_keywords
    ]


def shape_number(api_number, tags=None, keywords=None):
    """Shape an API phone number (Describe/Request/Update/Release output) as the modules return it.

    ``tags`` is a dict or a list of API tags; when ``None`` the number's own
    ``Tags`` member is used (RequestPhoneNumber returns it), else an empty dict.
    """
    result = dict.fromkeys(key for _api, key in NUMBER_FIELDS)
    result.update(_fields(api_number))
    if tags is None:
        tags = api_number.get("Tags")
    result["tags"] = dict(tags) if isinstance(tags, dict) else tags_to_dict(tags)
    result["keywords"] = keywords
    return result


def merge_response(predicted, api_number):
    """Overlay what an API response says on a predicted result.

    Write operations return only part of a number (UpdatePhoneNumber has no
    PoolId, none of them return tags), so the prediction fills the gaps.
    """
    result = dict(predicted)
    result.update(_fields(api_number))
    return result


def _fields(api_number):
    """(result key, value) for every member the API number has, timestamps in ISO 8601."""
    for api_name, key in NUMBER_FIELDS:
        value = api_number.get(api_name)
        if value is None:
            continue
        if api_name == "CreatedTimestamp":
            value = iso8601(value)
        elif api_name == "NumberCapabilities":
            value = list(value)
        elif api_name == "MessagingLimits":
            value = {key: dict(value[member]) for member, key in MESSAGING_LIMITS_FIELDS if member in value}
        yield key, value
