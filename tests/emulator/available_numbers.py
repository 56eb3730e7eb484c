"""ListAvailablePhoneNumbers: the numbers a RequestPhoneNumber could lease, as the model describes them.

The service lists only US ``TEN_DLC`` numbers (the model's ``SearchableNumberType``
and the operation's documentation). The emulator's choices, listed in the README:

* A query (country, capabilities, type, registration, preference) has a fixed
  inventory of :data:`INVENTORY_SIZE` numbers, generated from a seed derived
  from the query, so the same query lists the same numbers and pages are stable.
  Numbers leased since (by anyone in the region) drop out of the list.
* ``NumberPreference`` shapes the inventory as it shapes a request: ``StartsWith``,
  ``EndsWith`` and ``Contains`` place the digits, ``ExactMatch`` lists the given
  numbers that are free. No match is an empty list, not an error.
* ``MaxResults`` defaults to 10, the model's maximum.
* ``RegistrationId``: any registration the region has (seeded: ``POST /_emulator/seed``), whatever
  its type and status, as RequestPhoneNumber takes it; an unknown one is ResourceNotFoundException.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from typing import Any

from .errors import field_error

INVENTORY_SIZE = 25
PAGE_SIZE = 10
COUNTRY = "US"


@dataclass(frozen=True)
class Candidate:
    seq: int
    phone_number: str


#: API operation -> method of :class:`AvailableNumbersMixin`
AVAILABLE_NUMBER_OPERATIONS = {
    "ListAvailablePhoneNumbers": "list_available_phone_numbers",
}


class AvailableNumbersMixin:
    """The operation, mixed into :class:`tests.emulator.region.RegionBackend`."""

    def list_available_phone_numbers(self, params: dict[str, Any]) -> dict[str, Any]:
        from .numbers import COUNTRIES

        if params["IsoCountryCode"] != COUNTRY:
            raise field_error(
                "INVALID_PARAMETER", "IsoCountryCode", f"Available numbers can be listed only for {COUNTRY}."
            )
        plan = COUNTRIES[COUNTRY]
        unsupported = [cap for cap in params["NumberCapabilities"] if cap not in plan.capabilities]
        if unsupported:
            raise field_error(
                "INVALID_PARAMETER",
                "NumberCapabilities",
                f"{unsupported} not available for {params['NumberType']} numbers in {COUNTRY}.",
            )
        if params.get("RegistrationId") is not None:
            self._registration(params["RegistrationId"])  # ResourceNotFoundException for an unknown one
        inventory = self._available_inventory(plan, params)
        in_use = self.phone_numbers_in_use
        page, token = self._paginate(
            "ListAvailablePhoneNumbers",
            dict(params, MaxResults=params.get("MaxResults") or PAGE_SIZE),
            inventory,
            [lambda candidate: candidate.phone_number not in in_use],
        )
        response: dict[str, Any] = {"AvailablePhoneNumbers": [c.phone_number for c in page]}
        if token:
            response["NextToken"] = token
        return response

    def _available_inventory(self, plan: Any, params: dict[str, Any]) -> list[Candidate]:
        query = {k: v for k, v in params.items() if k not in ("NextToken", "MaxResults")}
        seed = hashlib.sha256(json.dumps([self.region, query], sort_keys=True).encode()).hexdigest()
        rng = random.Random(seed)
        preference = (params.get("NumberPreference") or [None])[0]
        generate = plan.generators[params["NumberType"]]
        numbers: list[str] = []
        if preference is not None and preference["PreferenceType"][0] == "ExactMatch":
            for value in preference["Filter"]:
                national = self._apply_preference(generate(rng), preference | {"Filter": [value]}, rng)
                numbers.append(f"+{plan.dialing_code}{national}")
        else:
            for _attempt in range(INVENTORY_SIZE * 4):
                national = generate(rng)
                if preference is not None:
                    national = self._apply_preference(national, preference, rng)
                numbers.append(f"+{plan.dialing_code}{national}")
                if len(dict.fromkeys(numbers)) == INVENTORY_SIZE:
                    break
        return [Candidate(seq, number) for seq, number in enumerate(dict.fromkeys(numbers), start=1)]
