# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``phone_number_info``: list numbers through the shared reader and shaper."""

from __future__ import annotations

from .errors import SmsVoiceError
from .reader import PhoneNumberReader, api_filters
from .shape import shape_number
from .validation import check_e164, check_phone_number_id

# Filter name -> allowed values (None: any value of the API's filter pattern).
FILTERS = {
    "status": ("PENDING", "ACTIVE", "ASSOCIATING", "DISASSOCIATING", "DELETED"),
    "iso-country-code": None,
    "message-type": ("TRANSACTIONAL", "PROMOTIONAL"),
    "number-capability": ("SMS", "VOICE", "MMS", "RCS"),
    "number-type": ("LONG_CODE", "TOLL_FREE", "TEN_DLC", "SIMULATOR"),
    "two-way-enabled": ("true", "false"),
    "self-managed-opt-outs-enabled": ("true", "false"),
    "opt-out-list-name": None,
    "deletion-protection-enabled": ("true", "false"),
    "two-way-channel-arn": None,
}
FILTER_VALUE_MAX = 128
FILTER_VALUES_MAX = 20


def check_filters(filters):
    """Fail, naming the filter, for an unknown name or a value the API would refuse."""
    for name, values in filters.items():
        if name not in FILTERS:
            raise SmsVoiceError(
                "filters: unknown filter {0!r}; valid filters are {1}".format(name, ", ".join(sorted(FILTERS)))
            )
        if not isinstance(values, (list, tuple)):
            values = [values]
        if not values:
            raise SmsVoiceError("filters: {0} needs at least one value".format(name))
        if len(values) > FILTER_VALUES_MAX:
            raise SmsVoiceError("filters: {0} has {1} values, at most {2}".format(name, len(values), FILTER_VALUES_MAX))
        for value in values:
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            if value is None or text == "" or len(text) > FILTER_VALUE_MAX:
                raise SmsVoiceError("filters: {0} has an empty or too long value {1!r}".format(name, value))
            allowed = FILTERS[name]
            if allowed is not None and text not in allowed:
                raise SmsVoiceError(
                    "filters: {0} value {1!r} is not one of {2}".format(name, value, ", ".join(allowed))
                )


def check_info_params(params):
    for number_id in params.get("phone_number_ids") or []:
        check_phone_number_id(number_id, "phone_number_ids")
    for e164 in params.get("phone_numbers") or []:
        check_e164(e164, "phone_numbers")
    for name in params.get("names") or []:
        if not name:
            raise SmsVoiceError("names must not contain an empty name")
    if params.get("filters"):
        check_filters(params["filters"])
    if params.get("owner") and params.get("phone_number_ids"):
        raise SmsVoiceError("owner cannot be used together with phone_number_ids: the API does not allow it")


def index_tag_filters(names, tag_subset):
    """GetResources TagFilters for the names and tags asked for (ANDed; a filter's values ORed)."""
    filters = [{"Key": "Name", "Values": sorted(names)}] if names else []
    for key, value in sorted(tag_subset.items()):
        if key == "Name" and names:
            filters[0]["Values"] = [v for v in filters[0]["Values"] if v == value]
        else:
            filters.append({"Key": key, "Values": [value]})
    return filters


def find_by_index(params, reader, filters, names, tag_subset):
    """The (number, tags) pairs the tag index suggests and the SMS API confirms, or None to scan instead."""
    if not (names or tag_subset) or params.get("phone_number_ids") or params.get("owner"):
        return None
    tag_filters = index_tag_filters(names, tag_subset)
    if any(not f["Values"] for f in tag_filters):
        return None  # Name both in names and in tags with another value: nothing can match; let the scan say so
    arns = reader.index_candidates(tag_filters)
    if not arns:
        return None

    def accept(tags):
        return (not names or tags.get("Name") in names) and all(tags.get(k) == v for k, v in tag_subset.items())

    found = reader.confirmed(arns, accept, filters)
    # The live numbers only: released ones stay on the scan path.
    return found or None


def find_phone_numbers(params, reader):
    """The shaped numbers that match every criterion given, in the service's order.

    ``names`` and ``tags`` ask the tag index first (see ``reader``); the numbers it
    suggests are confirmed by ID and by their own tags, and when none is, every
    number is read as before.
    """
    filters = api_filters(params.get("filters"))
    names = set(params.get("names") or [])
    tag_subset = {k: "" if v is None else str(v) for k, v in (params.get("tags") or {}).items()}
    include_tags = params.get("include_tags", True)
    need_tags = include_tags or names or tag_subset
    indexed = find_by_index(params, reader, filters, names, tag_subset)
    if indexed is not None:
        numbers = [n for n, _tags in indexed]
        tags = [t for _n, t in indexed]
    elif params.get("phone_number_ids"):
        ids = list(dict.fromkeys(params["phone_number_ids"]))  # a number asked for twice is listed once
        numbers = reader.describe_ids(ids, filters)
    else:
        numbers = reader.describe_all(filters=filters, owner=params.get("owner"))
    if params.get("phone_numbers"):
        wanted = set(params["phone_numbers"])
        keep = [i for i, n in enumerate(numbers) if n.get("PhoneNumber") in wanted]
        if indexed is not None:
            tags = [tags[i] for i in keep]
        numbers = [numbers[i] for i in keep]

    if indexed is None:
        # Tags that decide what is listed come from each number itself (the scan is the authority);
        # tags that are only shown may come from the index, 100 numbers a call.
        use_index = not (names or tag_subset)
        tags = reader.tags_for(numbers, use_index=use_index) if need_tags else [None] * len(numbers)
    results = []
    kept = []
    for i, number_tags in enumerate(tags):
        number, numbers[i] = numbers[i], None  # drop the raw page as it is shaped: half the peak memory
        if names and (number_tags or {}).get("Name") not in names:
            continue
        if any((number_tags or {}).get(k) != v for k, v in tag_subset.items()):
            continue
        shaped = shape_number(number, number_tags or {})
        if number_tags is None:  # not read; tags read for names or tags are returned
            shaped["tags"] = None
        results.append(shaped)
        if params.get("include_keywords"):
            kept.append(number)
    if kept:
        for shaped, keywords in zip(results, reader.keywords_for(kept)):
            shaped["keywords"] = keywords
    return results


def list_phone_numbers(module, api):
    check_info_params(module.params)
    reader = PhoneNumberReader(api, warn=getattr(module, "warn", None))
    return dict(changed=False, phone_numbers=find_phone_numbers(module.params, reader))
