# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read phone numbers: by ID or ARN, by E.164, by Name tag, or by filters.

Both modules read through this class, so lookups cost the same and return the
same shape (see ``shape.py``). Numbers in status DELETED are kept out of every
lookup by a server-side ``status`` filter (or dropped when read by ID), because
a released number cannot be used again.

The SMS API cannot select resources by tag, and ListTagsForResource reads one
resource a call (about a second each at the published quota). The Resource
Groups Tagging API (``GetResources``) lists the resources of a type with their
tags, up to 500 tags a page (``TagsPerPage``), but nobody promises how fresh its
index is. So the index suggests, the SMS API decides, and absence is proven in
pages, not per resource:

* a lookup by name asks the index for the name first (one call); every number it
  names is read back by ID (DescribePhoneNumbers, 5 IDs a call) and its own tags
  (ListTagsForResource) must still carry the name, so a stale entry (tag removed,
  number released) never makes a task act on the wrong resource;
* when that confirms nothing, or the task releases (``by_name(exhaustive=True)``),
  the live resources come from the Describe pages (100 a call) and their tags
  from the index over the whole resource type (``prove``). Only a resource the
  index does not list at all (created a moment ago or by another tool, or never
  tagged) has its own tags read; a match the index suggests is read itself before
  anything acts on it. A request by name among 1,000 numbers costs about 25 calls
  instead of about 1,010;
* the one case this cannot see: a resource that already existed and was given
  the name (a Name tag added or changed) within the index's lag. The index still
  shows its old tags, so the task leases or creates a second resource with the
  name, and the next run after the index caught up fails on the duplicate, naming
  both. ``use_tagging_api: false`` reads every resource's own tags instead: the old
  guarantee, at one call per resource.

With the index off, denied or failing, every resource's own tags are read, and a
task whose index failed warns once with the calls that costs and how long they
take at the request quota.

A denied or failed GetResources is not asked again in the same run.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .engine.paging import PAGE_SIZE, Pager, api_filters, chunks, live_statuses
from .engine.resource import shape, tags_to_dict
from .errors import SmsVoiceError
from .keywords import shape_keywords
from .resources import PHONE_NUMBER, POOL, SENDER_ID

TAG_WORKERS = 8  # ListTagsForResource is one call per number
LIVE_STATUSES = PHONE_NUMBER.rules.live_statuses
INDEX_PAGE_SIZE = 100  # GetResources ResourceARNList limit
# GetResources counts tags, not resources, with TagsPerPage (at most 500; an untagged resource
# counts as one): a page then holds 100 to 500 resources instead of ResourcesPerPage's 100.
INDEX_TAGS_PER_PAGE = 500
INDEX_WARNING = (
    "The Resource Groups Tagging API could not be used ({0}); {1}. Allow tag:GetResources, or set "
    "use_tagging_api: false to skip it."
)


class TagIndex:
    """The Resource Groups Tagging API as this run sees it: GetResources, and whether it failed.

    A denied or failed GetResources is not asked again in the same run; the
    first fallback it causes is warned about once, with what that costs.
    """

    def __init__(self, api, warn=None):
        self.api = api
        self.warn = warn
        self.broken = None  # the error that made the index unusable in this run
        self.warned = False

    def _caller(self):
        """The Tagging API caller, or None when it is off or already failed in this run."""
        if self.broken is not None:
            return None
        try:
            return getattr(self.api, "tagging_api", lambda: None)()
        except SmsVoiceError as e:
            self.broken = e
            return None

    def read(self, **params):
        """Every (ARN, tags) GetResources lists for these parameters, all pages; None if it failed."""
        index = self._caller()
        if index is None:
            return None
        found = []
        params = dict(params)
        try:
            while True:
                page = index.call("GetResources", **params)
                for mapping in page.get("ResourceTagMappingList", []):
                    found.append((mapping["ResourceARN"], tags_to_dict(mapping.get("Tags"))))
                if not page.get("PaginationToken"):
                    return found
                params["PaginationToken"] = page["PaginationToken"]
        except SmsVoiceError as e:
            self.broken = e
            return None

    def tags(self, resource=PHONE_NUMBER, tag_filters=None):
        """ARN -> tags of every resource of this type the index lists (for these API tag filters), or None.

        Without filters the index lists every resource that is or was tagged (the
        latter with no tags), 500 tags a page. None when the index is off or failed.
        """
        params = dict(ResourceTypeFilters=["sms-voice:" + resource.arn_type], TagsPerPage=INDEX_TAGS_PER_PAGE)
        if tag_filters:
            params["TagFilters"] = tag_filters
        found = self.read(**params)
        return None if found is None else dict(found)

    def falling_back(self, count, resource):
        """Warn once, when the index failed, that ``count`` resources have their own tags read instead."""
        error = self.broken
        if error is None or self.warned or self.warn is None:
            return
        self.warned = True
        pacer = getattr(self.api, "pacer", None)
        rate = pacer.rate("ListTagsForResource") if pacer is not None else None
        cost = "the tags of {0} {1}s are read one by one instead: {0} ListTagsForResource calls".format(
            count, resource.kind
        )
        if rate:
            cost += ", about {0} at the request quota".format(duration(count / rate))
        self.warn(INDEX_WARNING.format(getattr(error, "code", None) or error, cost))


class Reader(Pager):  # pylint: disable=too-many-public-methods
    """Reads numbers, pools and opt-out lists through an ``Api`` (``connection.Api``).

    Every method reads phone numbers unless given another ``resource``
    (``resources.POOL``, ``resources.OPT_OUT_LIST``): one reader for every module,
    so every lookup costs the same wherever it is made. The describe calls and
    their pages are the engine's (``engine.paging.Pager``).
    """

    default = PHONE_NUMBER

    def __init__(self, api, tag_workers=TAG_WORKERS, warn=None):
        super().__init__(api)
        self.tag_workers = tag_workers
        self.index = TagIndex(api, warn)
        self.seen_tags = {}  # ARN -> tags, as last read by this reader (from the index or the resource)
        self.own_tags = set()  # ARNs whose tags in seen_tags were read from the resource itself
        self.proven = set()  # ARNs of the live resources ``prove`` listed

    def prove(self, accept, filters=None, resource=PHONE_NUMBER, live_only=True):
        """Every live resource whose tags satisfy ``accept(tags)``, as (item, tags) pairs, read in pages.

        The live resources come from the Describe pages (100 a call, with the API
        ``filters``); their tags from the index over the resource type (500 tags a
        call). A resource the index does not list has its own tags read. Without the
        index, every resource's own tags are read. Tags that came from the index are
        not confirmed here: see ``own``. ``live_only: false`` reads what the filters
        select, released resources included (as a listing does).
        """
        statuses = [s for s in live_statuses(resource) if s is not None]
        live = [{"Name": "status", "Values": statuses}] if statuses and live_only else []
        items = self.describe_all(filters=live + list(filters or []), resource=resource)
        self.proven.update(item[resource.arn_member] for item in items)
        indexed = self.index.tags(resource) if items else {}
        arn = resource.arn_member
        if indexed is None:
            self.index.falling_back(len(items), resource)
            indexed = {}
        for item in items:
            if item[arn] in indexed and item[arn] not in self.own_tags:
                self.seen_tags[item[arn]] = indexed[item[arn]]
        missing = [item for item in items if item[arn] not in indexed and item[arn] not in self.own_tags]
        self._each(lambda item: self.tags(item, resource), missing)
        return [(item, self.seen_tags[item[arn]]) for item in items if accept(self.seen_tags[item[arn]])]

    def created(self, arn, tags):
        """Take the tags a create call answered with as the resource's own, if it is new since ``prove``.

        A resource ``prove`` did not list was created after the lookup, with the
        tags the task sent; one it listed is an older resource a replayed
        ClientToken led to, whose tags may have changed since, so it is read.
        """
        if arn not in self.proven and tags is not None:
            self.seen_tags[arn] = tags_to_dict(tags)
            self.own_tags.add(arn)

    def own(self, pairs, accept, resource=PHONE_NUMBER):
        """The (item, tags) pairs whose own tags (read unless this reader read them itself) satisfy ``accept``."""
        arn = resource.arn_member
        self._each(lambda item: self.tags(item, resource), [i for i, _tags in pairs if i[arn] not in self.own_tags])
        return [(item, self.seen_tags[item[arn]]) for item, _tags in pairs if accept(self.seen_tags[item[arn]])]

    def _confirmed(self, arns, accept, filters=None, resource=PHONE_NUMBER):
        """The live numbers among ``arns`` whose own tags satisfy ``accept(tags)``, as (number, tags) pairs.

        Read by ID (5 a call) with the API ``filters``, then each number's own tags:
        the index only suggests, the SMS API decides.
        """
        found = self.describe_ids(list(dict.fromkeys(arns)), filters, resource)
        live = [n for n in found if n.get("Status") in live_statuses(resource)]
        pairs = zip(live, self._each(lambda item: self.tags(item, resource), live))
        return [(n, t) for n, t in pairs if accept(t)]

    # -- tags -------------------------------------------------------------------

    def tags(self, number, resource=PHONE_NUMBER):
        arn = number[resource.arn_member]
        tags = tags_to_dict(self.api.call("ListTagsForResource", ResourceArn=arn).get("Tags", []))
        self.seen_tags[arn] = tags
        self.own_tags.add(arn)
        return tags

    def tags_for(self, items, use_index=False, resource=PHONE_NUMBER):
        """Tags of every number (or ``resource``), in the order of ``items``.

        By default each item's own tags (ListTagsForResource, concurrently by a
        bounded pool): the authority. With ``use_index``, GetResources reads the
        tags of 100 items a call by ARN instead, as fresh as the index is; an
        item it does not list (untagged, or not indexed yet) is asked itself.
        """
        items = list(items)
        arn = resource.arn_member

        def read(item):
            return self.tags(item, resource)

        if use_index and len(items) > 1:
            by_arn = {}
            for chunk in chunks([n[arn] for n in items], INDEX_PAGE_SIZE):
                found = self.index.read(ResourceARNList=chunk)
                if found is None:
                    break
                by_arn.update(found)
            else:
                missing = [n for n in items if n[arn] not in by_arn]
                by_arn.update(zip((n[arn] for n in missing), self._each(read, missing)))
                return [by_arn[n[arn]] for n in items]
            self.index.falling_back(len(items), resource)
        return self._each(read, items)

    def _each(self, read, numbers):
        """``read(number)`` for every number (one call or more each), by a bounded pool, in order."""
        numbers = list(numbers)
        if len(numbers) <= 1 or self.tag_workers <= 1:
            return [read(n) for n in numbers]
        with ThreadPoolExecutor(max_workers=min(self.tag_workers, len(numbers))) as pool:
            return list(pool.map(read, numbers))

    # -- keywords ---------------------------------------------------------------

    def keywords(self, number, resource=PHONE_NUMBER):
        """The keywords of a number or pool (all pages), shaped."""
        params = dict(OriginationIdentity=number[resource.id_member], MaxResults=PAGE_SIZE)
        return shape_keywords(list(self.pages("DescribeKeywords", "Keywords", params)))

    def keywords_for(self, items, resource=PHONE_NUMBER):
        """Keywords of every number (or ``resource``), concurrently, in the order of ``items``."""
        return self._each(lambda item: self.keywords(item, resource), items)

    # -- lookups used by phone_number -----------------------------------------

    def by_e164(self, e164):
        """The live number with this E.164 value, or None (filters cannot select by E.164)."""
        matches = self.describe_all(
            filters=api_filters({"status": list(LIVE_STATUSES)}),
            stop=lambda n: n.get("PhoneNumber") == e164,
        )
        matches = [n for n in matches if n.get("PhoneNumber") == e164]
        return matches[0] if matches else None

    def by_name(self, name, exhaustive=False, resource=PHONE_NUMBER):
        """Every live resource whose ``Name`` tag is ``name``, as (item, its own tags) pairs.

        Asks the tag index for the name first and confirms what it lists; when that
        confirms nothing, proves it in pages (``prove``) and confirms the matches.
        ``exhaustive`` (a release) skips the first step, so that a resource the
        index does not list yet is seen too.
        """

        def accept(tags):
            return tags.get("Name") == name

        if not exhaustive:
            candidates = self.index.tags(resource, [{"Key": "Name", "Values": [name]}])
            if candidates:
                found = self._confirmed(list(candidates), accept, resource=resource)
                if found:
                    return found
        return self.own(self.prove(accept, resource=resource), accept, resource)

    def shaped(self, number, tags=None, with_keywords=False):
        """Shape a number, reading its tags unless given, and its keywords when asked."""
        if tags is None:
            tags = self.tags(number)
        return shape(PHONE_NUMBER, number, tags, keywords=self.keywords(number) if with_keywords else None)

    # -- pools and opt-out lists -------------------------------------------------

    def pool_member_ids(self, pool_id, limit=None):
        """IDs of the origination identities in a pool (all pages, or at least ``limit`` when given)."""
        params = dict(PoolId=pool_id, MaxResults=limit or PAGE_SIZE)
        ids = []
        for identity in self.pages("ListPoolOriginationIdentities", "OriginationIdentities", params):
            ids.append(identity["OriginationIdentity"])
            if limit is not None and len(ids) >= limit:
                break
        return ids

    def pool_members(self, pool_id):
        """(phone number IDs, sender IDs as ``{sender_id, iso_country_code}``) of a pool, all pages."""
        numbers, senders = [], []
        params = dict(PoolId=pool_id, MaxResults=PAGE_SIZE)
        for identity in self.pages("ListPoolOriginationIdentities", "OriginationIdentities", params):
            if is_sender_id(identity.get("OriginationIdentityArn")):
                senders.append(
                    dict(sender_id=identity["OriginationIdentity"], iso_country_code=identity["IsoCountryCode"])
                )
            else:
                numbers.append(identity["OriginationIdentity"])
        return numbers, senders

    def pool_members_for(self, pools, own_numbers=True):
        """(phone number IDs, sender IDs) of every pool, in the order of ``pools``.

        One ListPoolOriginationIdentities call (or more) per pool, concurrently;
        or, for several pools of the account's own numbers when the account has
        no sender ID (one DescribeSenderIds call of one item says so: the pages
        of numbers cannot show a pool's sender IDs), the PoolId of every number
        in the DescribePhoneNumbers pages, when those take fewer calls: the pages
        are read up to one fewer than the pools, and if there are more, the pools
        are listed one by one after all (at most twice the cheaper way).
        """
        pool_ids = [pool[POOL.id_member] for pool in pools]
        if own_numbers and len(pool_ids) > 1 and not self.first(SENDER_ID.describe, SENDER_ID.describe_list, {}, 1, 1):
            members = self._members_from_numbers(pool_ids, max_pages=len(pool_ids) - 1)
            if members is not None:
                return [(members[pool_id], []) for pool_id in pool_ids]
        return self._each(self.pool_members, pool_ids)

    def _members_from_numbers(self, pool_ids, max_pages):
        """Pool ID -> IDs of its numbers, from at most ``max_pages`` DescribePhoneNumbers pages, or None."""
        members: dict = {pool_id: [] for pool_id in pool_ids}
        params = {"MaxResults": PAGE_SIZE}
        for _page in range(max_pages):
            page = self.api.call(PHONE_NUMBER.describe, **params)
            for number in page.get(PHONE_NUMBER.describe_list, []):
                if number.get("PoolId") in members and number.get("Status") != "DELETED":
                    members[number["PoolId"]].append(number["PhoneNumberId"])
            if not page.get("NextToken"):
                return members
            params["NextToken"] = page["NextToken"]
        return None

    def pool_size(self, pool_id):
        """How many numbers a pool has, counted up to 2: enough to know whether one is the last."""
        return len(self.pool_member_ids(pool_id, limit=2))

    def shaped_pool(self, pool, tags=None, with_keywords=False):
        """Shape a pool with its members (numbers' IDs, sender IDs), reading its tags unless given, and its keywords when asked."""
        if tags is None:
            tags = self.tags(pool, POOL)
        keywords = self.keywords(pool, POOL) if with_keywords else None
        numbers, senders = self.pool_members(pool["PoolId"])
        return shape(POOL, pool, tags, phone_number_ids=numbers, sender_ids=senders, keywords=keywords)


def is_sender_id(arn):
    """Whether an origination identity's ARN is a sender ID's (a pool holds numbers and sender IDs)."""
    return ":{0}/".format(SENDER_ID.arn_type) in (arn or "")


def duration(seconds):
    """``40 s``, ``17 minutes``, ``3.2 hours``: how long a number of calls takes, for a warning."""
    if seconds < 120:
        return "{0:.0f} s".format(seconds)
    if seconds < 7200:
        return "{0:.0f} minutes".format(seconds / 60)
    return "{0:.1f} hours".format(seconds / 3600)
