# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this doc fragment is PRIVATE to the collection: it can change at any time.
# Do not use it from other collections or standalone plugins and modules.

from __future__ import annotations


class ModuleDocFragment:
    # tags and purge_tags: the same on every resource.
    TAGS = r"""
options:
  tags:
    description:
      - Tags of the resource, as a dict. For a resource named by its C(Name) tag (a number, a pool), the C(Name) tag
        is O(name).
      - When not set, tags are left as they are (apart from C(Name) when O(name) sets it).
      - A resource carries at most 50 tags, C(Name) included. Keys and values cannot hold line breaks.
      - Keys starting with C(aws:) are reserved for AWS and cannot be set.
    type: dict
  purge_tags:
    description:
      - Whether tags not in O(tags) are removed. Has no effect when O(tags) is not set.
      - A C(Name) tag that names the resource is never removed (only O(name) changes it), nor are tags whose keys start
        with C(aws:) (set by AWS, for example by CloudFormation, and kept by the service).
    type: bool
    default: true
"""

    # keywords and purge_keywords: the same on numbers and pools.
    KEYWORDS = r"""
options:
  keywords:
    description:
      - Keywords the number or pool answers, and how. Compared case-insensitively, as the service does. A pool's keywords
        apply to every number in it.
      - Every number has the mandatory keywords C(STOP) and C(HELP); list them here to set their messages.
      - Only the difference is sent, one C(PutKeyword) per keyword that is new or changed.
      - For a new number, the keywords are set once it is C(ACTIVE).
      - When not set, keywords are neither read nor changed.
    type: list
    elements: dict
    suboptions:
      keyword:
        description:
          - The keyword, 1 to 30 characters, without white space at the start or end (the service would keep C("STOP
            ") as a keyword of its own, beside C(STOP)).
        type: str
        required: true
      reply:
        description:
          - The message sent back when a message with the keyword arrives, 1 to 1600 characters (the API's C(KeywordMessage);
            named C(reply) because Ansible reserves C(message) as an option name).
        type: str
        required: true
      action:
        description:
          - What the keyword does besides replying.
          - Defaults to V(AUTOMATIC_RESPONSE), except for C(STOP), which is always V(OPT_OUT).
        type: str
        choices:
          - AUTOMATIC_RESPONSE
          - OPT_OUT
          - OPT_IN
  purge_keywords:
    description:
      - Whether keywords not in O(keywords) are deleted. C(STOP) and C(HELP) are never deleted.
      - Has no effect when O(keywords) is not set.
    type: bool
    default: false
"""

    # wait and wait_timeout: the same on numbers and pools.
    WAIT = r"""
options:
  wait:
    description:
      - 'Whether to wait for what the task changed to settle: a number to become C(ACTIVE) after a request or change,
        and a release to finish; a new pool to become C(ACTIVE), a deleted pool to be gone, and the numbers a pool task
        added or took out to be C(ACTIVE) again. A pool that is C(CREATING) is waited for before the task changes it,
        whatever O(wait) says; a pool that is C(DELETING) counts as gone.'
      - With V(false), the task returns at once with what could be done. Changes that the service accepts only for an
        C(ACTIVE) number (settings that only an update can set, pool changes, keywords) are left out while the number
        is C(PENDING) (a toll-free or 10DLC number under review stays C(PENDING) for days), listed in RV(pending_changes),
        and made by a later run of the same task once the number is C(ACTIVE). Tags are changed in any status.
      - With V(true), such changes wait for the number, bounded by O(wait_timeout); when it runs out the task fails,
        naming the number, its status and what is left (RV(pending_changes)), and the next run picks up from there.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds the task waits in all. The status is polled with a growing interval; a resource already C(ACTIVE)
        costs no wait.
      - Also bounds the retries of errors that clear up by themselves, namely a release that still sees the pool right
        after the number left it, and an update whose two-way role is not yet usable (C(RESOURCE_NOT_ACCESSIBLE), while
        the role propagates in IAM).
    type: int
    default: 300
"""

    # What the modules that list numbers or pools take besides their IDs, filters and owner.
    LISTING = r"""
options:
  names:
    description:
      - Values of the C(Name) tag to list.
    type: list
    elements: str
  tags:
    description:
      - Only numbers or pools that have all these tags, with these values.
    type: dict
  include_tags:
    description:
      - Whether to read each number's or pool's tags. With O(use_tagging_api=true) and several listed, they come from
        the Resource Groups Tagging API, 100 a call (one it does not list is asked itself); otherwise one ListTagsForResource
        call each, made concurrently.
      - When V(false), each one's C(tags) is V(null), unless O(names) or O(tags) needed them.
    type: bool
    default: true
  include_keywords:
    description:
      - Whether to read each number's or pool's keywords (one DescribeKeywords call each, made concurrently).
      - When V(false), each one's C(keywords) is V(null).
    type: bool
    default: false
  use_tagging_api:
    description:
      - Whether to use the Resource Groups Tagging API (C(tag:GetResources)) to find numbers or pools by O(names) and
        O(tags), and to read the tags of many at once.
      - With O(names) or O(tags), the index lists the candidates with their tags (500 tags a call), and the SMS API says
        which are live, read back by ID (5 a call) when there are up to 50, else from the Describe pages (100 a call).
        A listing that 1,000 numbers or pools match takes about 15 calls. Within the index's lag a tag just added or
        removed is not seen yet; set O(confirm_tags=true) to have each candidate's own tags decide.
      - When the index lists no live match, every one is listed (Describe pages) with its tags from the index, and only
        those the index does not list at all have their own tags read. When it is denied or fails, each one's own tags
        are read, one call each, and the task warns once with what that costs.
      - Tags that are only shown (O(include_tags)) are as fresh as the index; the Tagging API does not say how quickly
        it sees a change. Set V(false) to read the own tags of each, or for credentials without C(tag:GetResources).
      - The Tagging API client uses the same credentials, region and O(endpoint_url). Where O(endpoint_url) serves only
        the SMS API (a VPC endpoint, for example), set O(use_tagging_api=false), or every run warns and scans.
    type: bool
    default: true
  confirm_tags:
    description:
      - With O(names) or O(tags), read the own tags (ListTagsForResource) of every number or pool the index suggests,
        and list only those whose own tags match, exact even within the index's lag, at one call per candidate (about
        17 minutes for 1,000 at the published quota).
    type: bool
    default: false
    version_added: 0.2.0
"""

    # resource_policy: the same on every resource that can be shared (numbers, pools, opt-out lists, sender IDs).
    RESOURCE_POLICY = r"""
options:
  resource_policy:
    description:
      - The resource-based policy that shares the resource with other accounts, as a dict or its JSON text
        (C(PutResourcePolicy)). It must be a JSON object with a C(Statement), at most 10,000 characters as JSON.
      - Compared with the resource's policy as JSON, not as text (the order of keys and white space do not matter),
        so a converged task changes nothing. It is sent as JSON with its keys sorted.
      - V({}) removes the policy (C(DeleteResourcePolicy)).
      - When not set, the policy is neither read nor changed. When set, it costs one C(GetResourcePolicy) per task.
      - A resource the task creates gets its policy once created. A deleted resource takes its policy with it.
    type: raw
"""

    # include_resource_policy: the same on every listing module.
    INCLUDE_RESOURCE_POLICY = r"""
options:
  include_resource_policy:
    description:
      - Whether to read each resource's resource-based policy (one C(GetResourcePolicy) call per resource returned,
        about a second each at the published quota).
      - When V(false), each resource's C(resource_policy) is V(null).
    type: bool
    default: false
"""
