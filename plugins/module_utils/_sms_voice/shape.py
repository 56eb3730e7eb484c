# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one result shape both modules return for a phone number.

``phone_number`` and ``phone_number_info`` both build their output here, so
they can never disagree on keys: every key is always present (``None`` when the
service did not say), tags are a plain dict and the creation time is ISO 8601.
The keys come from the resource's description (``resources.PHONE_NUMBER``).
"""

from __future__ import annotations

from .engine.resource import shape
from .resources import PHONE_NUMBER

RESULT_KEYS = PHONE_NUMBER.result_keys


def shape_number(api_number, tags=None, keywords=None):
    """Shape an API phone number (Describe/Request/Update/Release output) as the modules return it.

    ``tags`` is a dict or a list of API tags; when ``None`` the number's own
    ``Tags`` member is used (RequestPhoneNumber returns it), else an empty dict.
    """
    return shape(PHONE_NUMBER, api_number, tags, keywords=keywords)
