# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the ``*_info`` modules that list a resource share: their checks and how they select.

``phone_number_info`` and ``pool_info`` take the same options (IDs, ``names``,
``filters``, ``owner``, ``tags``, ``include_tags``, ``use_tagging_api``) and
select through the same reader, so a criterion means the same on both.
"""

from __future__ import annotations

from typing import Any

from .engine.paging import api_filters, live_statuses
from .engine.resource import shape, unique_identities


def listing_options() -> dict[str, Any]:
    """The options every listing module has besides its IDs (and the common AWS options)."""
    return dict(
        names=dict(type="list", elements="str"),
        filters=dict(type="dict"),
        owner=dict(type="str", choices=["SELF", "SHARED"]),
        tags=dict(type="dict"),
        include_tags=dict(type="bool", default=True),
        include_keywords=dict(type="bool", default=False, no_log=False),
        use_tagging_api=dict(type="bool", default=True),
        confirm_tags=dict(type="bool", default=False),
    )


def index_tag_filters(names, tag_subset):
    """GetResources TagFilters for the names and tags asked for (ANDed; a filter's values ORed)."""
    filters = [{"Key": "Name", "Values": sorted(names)}] if names else []
    for key, value in sorted(tag_subset.items()):
        if key == "Name" and names:
            filters[0]["Values"] = [v for v in filters[0]["Values"] if v == value]
        else:
            filters.append({"Key": key, "Values": [value]})
    return filters


# Up to this many candidates are read back by ID (5 a call, so at most 10 calls); more are found
# in the Describe pages (100 a call), which cost the same whatever share of the account matches.
BY_ID_MAX = 50


def find_by_index(params, reader, filters, accept, tag_filters, resource, ids_option):
    """The (item, tags) pairs the tag index suggests and the SMS API shows live, or None to prove it in pages.

    The candidates and their tags come from the index (500 tags a call). Whether
    each is live (and matches the API filters) comes from the Describe calls: by
    ID for a few, from the pages for many. With ``confirm_tags`` each candidate's
    own tags decide, one call each.
    """
    if not tag_filters or params.get(ids_option) or params.get("owner"):
        return None
    if any(not f["Values"] for f in tag_filters):
        return None  # Name both in names and in tags with another value: nothing can match; let the scan say so
    candidates = reader.index.tags(resource, tag_filters)
    if not candidates:
        return None
    if params.get("confirm_tags") or len(candidates) <= BY_ID_MAX:
        found = reader.describe_ids(list(candidates), filters, resource)
    else:
        wanted = set(candidates)
        found = [i for i in reader.describe_all(filters=filters, resource=resource) if i[resource.arn_member] in wanted]
    live = [i for i in found if i.get("Status") in live_statuses(resource)]
    pairs = [(i, candidates[i[resource.arn_member]]) for i in live]
    if params.get("confirm_tags"):
        pairs = reader.own(pairs, accept, resource)
    found = [(i, t) for i, t in pairs if accept(t)]
    # The live items only: released or deleted ones stay on the scan path.
    return found or None


def matching(params, reader, resource, ids_option, keep=None):
    """Yield (API item, tags or None) for every item that matches every criterion given, in the service's order.

    ``names`` and ``tags`` ask the tag index first (see ``reader``); the items it
    suggests are confirmed by ID and by their own tags, and when none is, every
    item is read. ``keep(item)`` drops items the API cannot select (E.164).
    Tags are None when nothing asked for them (``include_tags: false``, no
    ``names``, no ``tags``). Each raw item is let go as it is yielded, so the
    caller can shape as it goes.
    """
    filters = api_filters(params.get("filters"))
    names = set(params.get("names") or [])
    tag_subset = {k: "" if v is None else str(v) for k, v in (params.get("tags") or {}).items()}
    need_tags = params.get("include_tags", True) or names or tag_subset

    def accept(tags):
        return (not names or tags.get("Name") in names) and all(tags.get(k) == v for k, v in tag_subset.items())

    tag_filters = index_tag_filters(names, tag_subset) if names or tag_subset else None
    indexed = find_by_index(params, reader, filters, accept, tag_filters, resource, ids_option)
    if indexed is None and tag_filters and not params.get(ids_option) and not params.get("owner"):
        # Nothing the index suggests is live: the pages prove it (``reader.prove``), or find what it missed.
        indexed = reader.prove(accept, filters, resource, live_only=False)
        if params.get("confirm_tags"):
            indexed = reader.own(indexed, accept, resource)
    if indexed is not None:
        items = [n for n, _tags in indexed]
        tags = [t for _n, t in indexed]
    elif params.get(ids_option):
        ids = unique_identities(resource, params[ids_option])  # an item asked for twice is listed once
        items = reader.describe_ids(ids, filters, resource)
    else:
        items = reader.describe_all(filters=filters, owner=params.get("owner"), resource=resource)
    if keep is not None:
        kept = [i for i, n in enumerate(items) if keep(n)]
        if indexed is not None:
            tags = [tags[i] for i in kept]
        items = [items[i] for i in kept]

    if indexed is None:
        # Tags that decide what is listed come from each item itself (the scan is the authority);
        # tags that are only shown may come from the index, 100 items a call.
        use_index = not (names or tag_subset)
        tags = reader.tags_for(items, use_index=use_index, resource=resource) if need_tags else [None] * len(items)
    for i, item_tags in enumerate(tags):
        item, items[i] = items[i], None  # drop the raw page as it is shaped: half the peak memory
        if names and (item_tags or {}).get("Name") not in names:
            continue
        if any((item_tags or {}).get(k) != v for k, v in tag_subset.items()):
            continue
        yield item, item_tags


def shaped_matches(params, reader, resource, ids_option, keep=None, need_items=False):
    """(shaped items, API items) of every match (see ``matching``), with keywords when ``include_keywords``.

    ``tags`` is None where they were not read. The API items are kept only for
    keywords or when ``need_items`` (the caller reads more of each); else the
    second list is empty.
    """
    with_keywords = bool(params.get("include_keywords"))
    results, items = [], []
    for item, item_tags in matching(params, reader, resource, ids_option, keep):
        shaped = shape(resource, item, item_tags or {})
        if item_tags is None:  # not read; tags read for names or tags are returned
            shaped["tags"] = None
        results.append(shaped)
        if with_keywords or need_items:
            items.append(item)
    if with_keywords:
        for shaped, keywords in zip(results, reader.keywords_for(items, resource)):
            shaped["keywords"] = keywords
    return results, items
