# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``available_phone_number_info``: the numbers RequestPhoneNumber could lease (ListAvailablePhoneNumbers)."""

from __future__ import annotations

from .kinds.phone_number import number_preference_param
from .model_support import check_operation_supported
from .reader import Reader
from .validation import check_available_params

OPERATION = "ListAvailablePhoneNumbers"
PAGE_MAX = 10  # the model's ListAvailablePhoneNumbersMaxResults


def list_available(params, api):
    """Up to ``limit`` E.164 numbers, reading pages of at most 10 until there are enough or none are left."""
    request = dict(
        IsoCountryCode=params["iso_country_code"],
        NumberCapabilities=list(params["number_capabilities"]),
        NumberType=params["number_type"],
    )
    if params.get("registration_id") is not None:
        request["RegistrationId"] = params["registration_id"]
    if params.get("number_preference") is not None:
        request["NumberPreference"] = number_preference_param(params["number_preference"])
    return Reader(api).first(OPERATION, "AvailablePhoneNumbers", request, params["limit"], PAGE_MAX)


def list_available_phone_numbers(module, api):
    check_available_params(module.params)
    check_operation_supported(api.client.meta.service_model, OPERATION, "available_phone_number_info")
    return dict(changed=False, available_phone_numbers=list_available(module.params, api))
