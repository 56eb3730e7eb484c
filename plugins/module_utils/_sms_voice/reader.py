# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read phone numbers: by ID or ARN, by E.164, by Name tag, or by filters.

Both modules read through this class, so lookups cost the same and return the
same shape (see ``shape.py``). Numbers in status DELETED are kept out of every
lookup by a server-side ``status`` filter (or dropped when read by ID), because
a released number cannot be used again.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .errors import SmsVoiceError
from .shape import shape_keywords, shape_number, tags_to_dict

MAX_IDS_PER_CALL = 5  # DescribePhoneNumbers PhoneNumberIds limit
PAGE_SIZE = 100  # DescribePhoneNumbers MaxResults limit
TAG_WORKERS = 8  # ListTagsForResource is one call per number
LIVE_STATUSES = ("PENDING", "ACTIVE", "ASSOCIATING", "DISASSOCIATING")


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


class PhoneNumberReader:
    """Reads numbers through an ``Api`` (``connection.Api``)."""

    def __init__(self, api, tag_workers=TAG_WORKERS):
        self.api = api
        self.tag_workers = tag_workers
        self.seen_tags = {}  # ARN -> tags, as last read by this reader

    # -- DescribePhoneNumbers -------------------------------------------------

    def describe_ids(self, ids, filters=None):
        """The numbers with these IDs or ARNs that match the API filters, in order; unknown IDs are skipped."""
        extra = {"Filters": filters} if filters else {}
        found = []
        for chunk in chunks(list(ids), MAX_IDS_PER_CALL):
            try:
                found.extend(self._describe(PhoneNumberIds=chunk, **extra))
            except SmsVoiceError as e:
                if e.code != "ResourceNotFoundException":
                    raise
                # One unknown ID fails the whole call; ask one by one to keep the others.
                for number_id in chunk:
                    try:
                        found.extend(self._describe(PhoneNumberIds=[number_id], **extra))
                    except SmsVoiceError as inner:
                        if inner.code != "ResourceNotFoundException":
                            raise
        return found

    def describe_all(self, filters=None, owner=None, stop=None):
        """Every number that matches the API filters, reading all pages (100 a page).

        ``stop(number)`` may end the scan early once it returns true.
        """
        params = {"MaxResults": PAGE_SIZE}
        if filters:
            params["Filters"] = filters
        if owner:
            params["Owner"] = owner
        numbers = []
        for number in self.pages("DescribePhoneNumbers", "PhoneNumbers", params):
            numbers.append(number)
            if stop is not None and stop(number):
                break
        return numbers

    def pages(self, operation, key, params):
        """Yield the ``key`` items of every page of ``operation``, asking for the next page only when needed."""
        params = dict(params)
        while True:
            page = self.api.call(operation, **params)
            yield from page.get(key, [])
            if not page.get("NextToken"):
                return
            params["NextToken"] = page["NextToken"]

    def _describe(self, **params):
        return self.api.call("DescribePhoneNumbers", **params).get("PhoneNumbers", [])

    # -- tags -------------------------------------------------------------------

    def tags(self, number):
        arn = number["PhoneNumberArn"]
        tags = tags_to_dict(self.api.call("ListTagsForResource", ResourceArn=arn).get("Tags", []))
        self.seen_tags[arn] = tags
        return tags

    def tags_for(self, numbers):
        """Tags of every number, fetched concurrently by a bounded pool; same order as ``numbers``."""
        return self._each(self.tags, numbers)

    def _each(self, read, numbers):
        """``read(number)`` for every number (one call or more each), by a bounded pool, in order."""
        numbers = list(numbers)
        if len(numbers) <= 1 or self.tag_workers <= 1:
            return [read(n) for n in numbers]
        with ThreadPoolExecutor(max_workers=min(self.tag_workers, len(numbers))) as pool:
            return list(pool.map(read, numbers))

    # -- keywords ---------------------------------------------------------------

    def keywords(self, number):
        """The number's keywords (all pages), shaped."""
        params = dict(OriginationIdentity=number["PhoneNumberId"], MaxResults=PAGE_SIZE)
        return shape_keywords(list(self.pages("DescribeKeywords", "Keywords", params)))

    def keywords_for(self, numbers):
        """Keywords of every number, concurrently, in the order of ``numbers``."""
        return self._each(self.keywords, numbers)

    # -- lookups used by phone_number -----------------------------------------

    def by_id(self, number_id):
        """The live number with this ID or ARN, or None."""
        numbers = self.describe_ids([number_id])
        live = [n for n in numbers if n.get("Status") != "DELETED"]
        return live[0] if live else None

    def by_e164(self, e164):
        """The live number with this E.164 value, or None (filters cannot select by E.164)."""
        matches = self.describe_all(
            filters=api_filters({"status": list(LIVE_STATUSES)}),
            stop=lambda n: n.get("PhoneNumber") == e164,
        )
        matches = [n for n in matches if n.get("PhoneNumber") == e164]
        return matches[0] if matches else None

    def by_name(self, name):
        """Every live number whose ``Name`` tag is ``name``, as (number, tags) pairs."""
        candidates = self.describe_all(filters=api_filters({"status": list(LIVE_STATUSES)}))
        tags = self.tags_for(candidates)
        return [(n, t) for n, t in zip(candidates, tags) if t.get("Name") == name]

    def shaped(self, number, tags=None, with_keywords=False):
        """Shape a number, reading its tags unless given, and its keywords when asked."""
        if tags is None:
            tags = self.tags(number)
        return shape_number(number, tags, self.keywords(number) if with_keywords else None)
