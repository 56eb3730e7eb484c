# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``pool_info``: list pools through the shared reader, selecting as ``phone_number_info`` does."""

from __future__ import annotations

from .info import check_listing_params, matching
from .reader import Reader
from .resource import filter_values, shape
from .resources import POOL
from .validation import check_pool_id

# Filter name -> allowed values (None: any value of the API's filter pattern).
FILTERS = filter_values(POOL)


def check_info_params(params):
    check_listing_params(params, "pool_ids", check_pool_id, FILTERS)


def find_pools(params, reader):
    """The shaped pools that match every criterion given, in the service's order.

    Each pool's members are read (ListPoolOriginationIdentities, all pages); its
    keywords only with ``include_keywords``.
    """
    pools = []
    results = []
    for pool, pool_tags in matching(params, reader, POOL, "pool_ids"):
        shaped = shape(POOL, pool, pool_tags or {})
        if pool_tags is None:  # not read; tags read for names or tags are returned
            shaped["tags"] = None
        results.append(shaped)
        pools.append(pool)
    for shaped, member_ids in zip(results, reader.pool_member_ids_for(pools)):
        shaped["phone_number_ids"] = member_ids
    if params.get("include_keywords"):
        for shaped, keywords in zip(results, reader.keywords_for(pools, POOL)):
            shaped["keywords"] = keywords
    return results


def list_pools(module, api):
    check_info_params(module.params)
    reader = Reader(api, warn=getattr(module, "warn", None))
    return dict(changed=False, pools=find_pools(module.params, reader))
