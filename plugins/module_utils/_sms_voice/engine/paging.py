# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading a resource's describe call: by IDs (a few a call) or all of it, in pages.

``Pager`` reads what its ``Resource`` description says (the describe call, its
ID and list members, how many IDs a call takes); the collection's reader
(``reader.Reader``) builds lookups by name, E.164 and members on it.
"""

from __future__ import annotations

from typing import Any

from ..errors import SmsVoiceError

PAGE_SIZE = 100  # MaxResults limit of every Describe and List call used here


def chunks(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


def api_filters(filters):
    """``{"status": "ACTIVE", "number-type": ["A", "B"]}`` -> the API's Filters list."""
    out = []
    for name, values in (filters or {}).items():
        if not isinstance(values, (list, tuple)):
            values = [values]
        out.append({"Name": name, "Values": [_filter_value(v) for v in values]})
    return out


def _filter_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def live_statuses(resource):
    """Statuses of a resource that still exists ((None,) for one without a status)."""
    return resource.rules.live_statuses


class Pager:
    """Reads resources through an ``Api`` (``connection.Api``); ``default`` is the resource read when none is named."""

    default: Any = None

    def __init__(self, api):
        self.api = api

    def describe_ids(self, ids, filters=None, resource=None):
        """The resources with these IDs or ARNs that match the API filters, in order; unknown IDs are skipped.

        An identifier may be a mapping (``Resource.identity``): a composite identity names every key member.
        """
        resource = resource or self.default
        extra = {"Filters": filters} if filters else {}
        found = []
        for chunk in chunks([resource.identity(i) for i in ids], resource.max_ids):
            try:
                found.extend(self._describe(resource, **{resource.describe_ids: chunk}, **extra))
            except SmsVoiceError as e:
                if e.code != "ResourceNotFoundException":
                    raise
                if len(chunk) == 1:
                    continue  # the one ID asked for is unknown: asking again would say the same
                # One unknown ID fails the whole call; ask one by one to keep the others.
                for identifier in chunk:
                    try:
                        found.extend(self._describe(resource, **{resource.describe_ids: [identifier]}, **extra))
                    except SmsVoiceError as inner:
                        if inner.code != "ResourceNotFoundException":
                            raise
        return found

    def describe_all(self, filters=None, owner=None, stop=None, resource=None):
        """Every resource that matches the API filters, reading all pages (100 a page).

        ``stop(item)`` may end the scan early once it returns true.
        """
        resource = resource or self.default
        params = {"MaxResults": PAGE_SIZE}
        if filters:
            params["Filters"] = filters
        if owner:
            params["Owner"] = owner
        items = []
        for item in self.pages(resource.describe, resource.describe_list, params):
            items.append(item)
            if stop is not None and stop(item):
                break
        return items

    def pages(self, operation, key, params):
        """Yield the ``key`` items of every page of ``operation``, asking for the next page only when needed."""
        params = dict(params)
        while True:
            page = self.api.call(operation, **params)
            yield from page.get(key, [])
            if not page.get("NextToken"):
                return
            params["NextToken"] = page["NextToken"]

    def first(self, operation, key, params, limit, page_size):
        """Up to ``limit`` ``key`` items of ``operation``, asking each page for no more than are still wanted."""
        params = dict(params)
        items: list = []
        while len(items) < limit:
            page = self.api.call(operation, MaxResults=min(page_size, limit - len(items)), **params)
            items.extend(page.get(key) or [])
            if not page.get("NextToken"):
                break
            params["NextToken"] = page["NextToken"]
        return items[:limit]

    def _describe(self, resource, **params):
        return self.api.call(resource.describe, **params).get(resource.describe_list, [])

    def by_id(self, identifier, resource=None):
        """The live resource with this ID, ARN (or name, for resources named by it), or None."""
        resource = resource or self.default
        items = self.describe_ids([identifier], resource=resource)
        live = [item for item in items if item.get("Status") in live_statuses(resource)]
        return live[0] if live else None

    def one(self, resource, identifier):
        """The resource with this ID, ARN or name, or None when the service does not know it."""
        found = self.describe_ids([identifier], resource=resource)
        return found[0] if found else None

    def must_exist(self, resource, identifier, option):
        """The resource, or a failure naming ``option`` when the service does not know it."""
        try:
            named = {resource.describe_ids: [resource.identity(identifier)]}
            return self.api.call(resource.describe, **named)[resource.describe_list][0]
        except SmsVoiceError as e:
            if e.code == "ResourceNotFoundException":
                raise SmsVoiceError(
                    "{0} {1!r}: no such {2} in this account and region; nothing was changed".format(
                        option, identifier, resource.kind
                    ),
                    operation=resource.describe,
                    code=e.code,
                    reason=e.reason,
                    message=e.message,
                )
            raise
