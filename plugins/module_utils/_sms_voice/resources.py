# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resources the collection manages, each described in its own file under ``kinds/`` (see ``engine/resource.py``).

Field order is result order. Choices are the values of the botocore enum named
in ``enum`` (the requestable subset where the create call's shape is narrower);
``tests/unit/test_resource.py`` fails when the service model disagrees. What only
one resource knows is a hook of its description, in the same file.
"""

from __future__ import annotations

from .kinds.opt_out_list import OPT_OUT_LIST
from .kinds.phone_number import PHONE_NUMBER
from .kinds.pool import POOL
from .kinds.registration import REGISTRATION
from .kinds.sender_id import SENDER_ID
from .kinds.shared import MESSAGE_TYPES

__all__ = [
    "MESSAGE_TYPES",
    "OPT_OUT_LIST",
    "PHONE_NUMBER",
    "POOL",
    "REGISTRATION",
    "RESOURCES",
    "SENDER_ID",
    "tag_options",
    "wait_options",
]

RESOURCES = (PHONE_NUMBER, POOL, OPT_OUT_LIST, SENDER_ID)


def tag_options():
    """``tags`` and ``purge_tags``: the same on every resource."""
    return dict(tags=dict(type="dict"), purge_tags=dict(type="bool", default=True))


def wait_options():
    return dict(wait=dict(type="bool", default=True), wait_timeout=dict(type="int", default=300))
