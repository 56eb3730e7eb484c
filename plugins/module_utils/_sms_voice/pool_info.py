# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``pool_info``: list pools through the shared reader, selecting as ``phone_number_info`` does."""

from __future__ import annotations

from .engine.resource import filter_values
from .info import shaped_matches
from .reader import Reader
from .resource_policy import include_policies
from .resources import POOL
from .validation import check_pool_info_params

# Filter name -> allowed values (None: any value of the API's filter pattern).
FILTERS = filter_values(POOL)


def find_pools(params, reader):
    """The shaped pools that match every criterion given, in the service's order (see ``info.matching``).

    Each pool's numbers and sender IDs are read (ListPoolOriginationIdentities per pool, or the
    DescribePhoneNumbers pages when they take fewer calls: ``reader.pool_members_for``);
    its keywords only with ``include_keywords``.
    """
    results, pools = shaped_matches(params, reader, POOL, "pool_ids", need_items=True)
    # Pools shared with this account hold another account's numbers, which its own pages do not list.
    own_numbers = params.get("owner") != "SHARED"
    for shaped, (number_ids, sender_ids) in zip(results, reader.pool_members_for(pools, own_numbers)):
        shaped["phone_number_ids"] = number_ids
        shaped["sender_ids"] = sender_ids
    return include_policies(reader.api, results, POOL, params)


def list_pools(module, api):
    check_pool_info_params(module.params, FILTERS)
    reader = Reader(api, warn=getattr(module, "warn", None))
    return dict(changed=False, pools=find_pools(module.params, reader))
