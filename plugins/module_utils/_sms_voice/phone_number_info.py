# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``phone_number_info``: list numbers through the shared reader and shaper."""

from __future__ import annotations

from .engine.resource import filter_values
from .info import shaped_matches
from .reader import Reader
from .resource_policy import include_policies
from .resources import PHONE_NUMBER
from .validation import check_phone_number_info_params

# Filter name -> allowed values (None: any value of the API's filter pattern).
FILTERS = filter_values(PHONE_NUMBER)


def e164_filter(phone_numbers):
    """Whether a number is one of these E.164 values (the API cannot select by E.164), or None for all."""
    if not phone_numbers:
        return None
    wanted = set(phone_numbers)
    return lambda number: number.get("PhoneNumber") in wanted


def find_phone_numbers(params, reader):
    """The shaped numbers that match every criterion given, in the service's order (see ``info.matching``)."""
    keep = e164_filter(params.get("phone_numbers"))
    results = shaped_matches(params, reader, PHONE_NUMBER, "phone_number_ids", keep)[0]
    return include_policies(reader.api, results, PHONE_NUMBER, params)


def list_phone_numbers(module, api):
    check_phone_number_info_params(module.params, FILTERS)
    reader = Reader(api, warn=getattr(module, "warn", None))
    return dict(changed=False, phone_numbers=find_phone_numbers(module.params, reader))
