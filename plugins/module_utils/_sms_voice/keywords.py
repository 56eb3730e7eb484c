# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keywords of an origination identity (a phone number or a pool): options, shape and plan.

Numbers and pools keep their keywords alike (PutKeyword, DeleteKeyword,
DescribeKeywords); their descriptions' rules plan them through ``keyword_steps``.
"""

from __future__ import annotations

from .engine.plan import LISTS, Step

# KeywordAction (the requestable values).
KEYWORD_ACTIONS = ("AUTOMATIC_RESPONSE", "OPT_OUT", "OPT_IN")
# Keywords every number has; the service answers them itself and they cannot be deleted.
MANDATORY_KEYWORDS = ("STOP", "HELP")


def keyword_options():
    """``keywords`` and ``purge_keywords``: the same on numbers and pools."""
    return dict(
        keywords=dict(
            type="list",
            elements="dict",
            no_log=False,
            options=dict(
                keyword=dict(type="str", required=True, no_log=False),
                reply=dict(type="str", required=True),
                action=dict(type="str", choices=list(KEYWORD_ACTIONS)),
            ),
        ),
        purge_keywords=dict(type="bool", default=False, no_log=False),
    )


def shape_keywords(api_keywords):
    """DescribeKeywords' ``Keywords`` -> ``[{"keyword", "reply", "action"}]``."""
    return [
        {"keyword": k["Keyword"], "reply": k.get("KeywordMessage"), "action": k.get("KeywordAction")}
        for k in api_keywords
    ]


def keyword_action(keyword):
    """The action of a desired keyword: as given, else OPT_OUT for STOP and AUTOMATIC_RESPONSE for the rest."""
    if keyword.get("action"):
        return keyword["action"]
    return "OPT_OUT" if keyword["keyword"].upper() == "STOP" else "AUTOMATIC_RESPONSE"


def put_keyword(identity, keyword, reply, action, before=None, **kwargs):
    """The PutKeyword step of one keyword (``before``: the identity before the run, or None for a new one)."""
    params = dict(OriginationIdentity=identity, Keyword=keyword, KeywordMessage=reply, KeywordAction=action)
    return Step(
        "PutKeyword",
        params,
        changes={"keyword": keyword, "reply": reply, "action": action},
        undo={"keywords": before.get("keywords") if before else None},
        phase=LISTS,
        **kwargs,
    )


def delete_keyword(identity, keyword, before=None):
    return Step(
        "DeleteKeyword",
        dict(OriginationIdentity=identity, Keyword=keyword),
        changes={"keyword": keyword},
        undo={"keywords": before.get("keywords") if before else None},
        phase=LISTS,
    )


def plan_keywords(identity, current_keywords, desired, before=None):
    """(steps, resulting keywords) for the keyword difference only, matched case-insensitively.

    ``identity`` is the origination identity: a number or a pool.
    ``current_keywords`` is the shaped list (None for a number still to be
    requested, which starts with STOP and HELP only). STOP and HELP are never
    deleted, even with purge_keywords.
    """
    if desired.keywords is None or desired.keywords.items is None:
        return [], current_keywords
    wanted = desired.keywords.items
    current = list(current_keywords or [])
    by_key = {k["keyword"].upper(): k for k in current}
    wanted_keys = {k["keyword"].upper() for k in wanted}
    steps = []
    if desired.keywords.purge:
        for k in current:
            key = k["keyword"].upper()
            if key not in wanted_keys and key not in MANDATORY_KEYWORDS:
                steps.append(delete_keyword(identity, k["keyword"], before))
    removed = {step.changes["keyword"].upper() for step in steps}  # only DeleteKeyword steps so far
    result = [k for k in current if k["keyword"].upper() not in removed]
    for k in wanted:
        action = keyword_action(k)
        have = by_key.get(k["keyword"].upper())
        if have is not None and have.get("reply") == k["reply"] and have.get("action") == action:
            continue
        steps.append(
            put_keyword(identity, k["keyword"], k["reply"], action, before, needs_active=current_keywords is None)
        )
        entry = {"keyword": have["keyword"] if have else k["keyword"], "reply": k["reply"], "action": action}
        if have is not None:
            result = [entry if r["keyword"].upper() == k["keyword"].upper() else r for r in result]
        else:
            result.append(entry)
    return steps, result


def keyword_steps(identity, current, desired, after):
    """The keyword steps of a number or a pool (``current``: None for a new one), applied to ``after``."""
    steps, keywords = plan_keywords(identity, (current or {}).get("keywords"), desired, current)
    if "keywords" in after:
        after["keywords"] = keywords
    return steps
