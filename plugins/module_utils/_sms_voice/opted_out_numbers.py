# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The destination numbers on an opt-out list: read in pages, planned as one call a number changed.

DescribeOptedOutNumbers reads 100 entries a call (its MaxResults limit), so a
list of 1,000 numbers is read in 10 calls whatever the task names; asking for
the task's numbers instead (5 a call, and one unknown number fails a whole
call) would cost more for every list but a huge one that the task names few
numbers of. The cost of a read grows with the list: 100 entries a call.

There is no batch write: PutOptedOutNumber and DeleteOptedOutNumber take one
number each, so a change costs one call per number added or removed (1 a second
at the published quota). A number an end user opted out (replied STOP,
``EndUserOptedOut``) is never removed by ``purge_opted_out_numbers``: the
module warns, naming how many it kept. The service deletes a number from a list
at most once every 30 days; a deletion it refuses for that fails the task,
saying what was done and what was not.
"""

from __future__ import annotations

from .engine.paging import PAGE_SIZE
from .engine.plan import LISTS, Step
from .engine.resource import iso8601

OPTION = "opted_out_numbers"
PURGE = "purge_opted_out_numbers"


def number_options():
    """The argument spec entries of ``opted_out_numbers`` and ``purge_opted_out_numbers``."""
    return {OPTION: dict(type="list", elements="str"), PURGE: dict(type="bool", default=False)}


def shape_entry(item):
    """An OptedOutNumberInformation as the modules return it."""
    return dict(
        opted_out_number=item.get("OptedOutNumber"),
        opted_out_timestamp=iso8601(item.get("OptedOutTimestamp")),
        end_user_opted_out=bool(item.get("EndUserOptedOut")),
    )


def read_numbers(reader, list_name_or_arn):
    """Every entry of the list, shaped, in the service's order (DescribeOptedOutNumbers, 100 a call)."""
    params = dict(OptOutListName=list_name_or_arn, MaxResults=PAGE_SIZE)
    return [shape_entry(item) for item in reader.pages("DescribeOptedOutNumbers", "OptedOutNumbers", params)]


def read_into(reader, current, params):
    """``current`` (the shaped list, or None) with its entries, read only when the task sets ``opted_out_numbers``."""
    if current is None or params.get(OPTION) is None or params.get("state") == "absent":
        return current
    return dict(current, **{OPTION: read_numbers(reader, current["opt_out_list_name"])})


def plan_numbers(plan, params):
    """Add to ``plan`` a PutOptedOutNumber for each number missing, and with purge a DeleteOptedOutNumber for each
    extra one an API caller put. Returns the entries purge keeps because their end users opted out.
    """
    wanted = params.get(OPTION)
    if wanted is None or plan.deletes or plan.after is None:
        return []
    name = params["name"]
    have = list((plan.before or {}).get(OPTION) or [])
    listed = {entry["opted_out_number"] for entry in have}
    wanted = list(dict.fromkeys(wanted))
    adding = [number for number in wanted if number not in listed]
    extra = [entry for entry in have if entry["opted_out_number"] not in set(wanted)] if params.get(PURGE) else []
    removing = [entry["opted_out_number"] for entry in extra if not entry["end_user_opted_out"]]
    kept = [entry["opted_out_number"] for entry in extra if entry["end_user_opted_out"]]
    steps = [
        Step("PutOptedOutNumber", dict(OptOutListName=name, OptedOutNumber=n), changes={OPTION: [n]}, phase=LISTS)
        for n in adding
    ]
    steps += [
        Step("DeleteOptedOutNumber", dict(OptOutListName=name, OptedOutNumber=n), changes={"removed": [n]}, phase=LISTS)
        for n in removing
    ]
    gone = set(removing)
    after = [entry for entry in have if entry["opted_out_number"] not in gone]
    after += [dict(opted_out_number=n, opted_out_timestamp=None, end_user_opted_out=False) for n in adding]
    plan.after[OPTION] = after
    if plan.before is not None:
        plan.before = dict(plan.before, **{OPTION: have})
    plan.steps.extend(steps)
    if steps and plan.action == "none":
        plan.action = "update"
    return kept


def kept_warning(name, kept):
    """The warning for end-user opt-outs that purge keeps, or None."""
    if not kept:
        return None
    return (
        "purge_opted_out_numbers kept {0} number(s) on opt-out list {1} that their end users opted out of "
        "(EndUserOptedOut: {2}{3}); the module never opts a number back in that its end user opted out. Remove "
        "them yourself if you have their consent".format(
            len(kept), name, ", ".join(kept[:5]), ", ..." if len(kept) > 5 else ""
        )
    )
