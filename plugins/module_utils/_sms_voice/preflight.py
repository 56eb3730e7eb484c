# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is checked before the first write, and in check mode: the references of a task, and the account's room.

References. A task names resources it does not manage itself: the pool a
number is requested into or moves to (``pool_id``), the opt-out list of a
number or a pool (``opt_out_list_name``), the registration of a new number
(``registration_id``). A real run fails before any write when the service
does not know one, naming the option. A dry run of a whole play cannot tell a
typo from a resource an earlier task of the same play creates, since check
mode created nothing: there, a reference the service does not know yet is
predicted with the value the task gives. The task warns once, naming what it
could not check (and what that leaves unchecked), and its result lists the
options in ``unverified``.

Limits. A create call that uses up one of the account's resource limits
(RequestPhoneNumber: ``PHONE_NUMBERS``, CreatePool: ``POOLS``,
CreateOptOutList: ``OPT_OUT_LISTS``) is preceded by one DescribeAccountLimits
per task. With no room left, the task fails before any write, in check mode
too, naming the limit with its Used and Max: a dry run that says ``changed``
for a lease the service will refuse would be a false green. Without the
permission (AccessDeniedException) the task warns and goes on: the service
itself still refuses the create call.
"""

from __future__ import annotations

from .errors import SmsVoiceError

# The create calls the modules make, and the AccountLimitName each one uses up.
CREATE_LIMITS = {
    "RequestPhoneNumber": "PHONE_NUMBERS",
    "CreatePool": "POOLS",
    "CreateOptOutList": "OPT_OUT_LISTS",
    "RequestSenderId": "SENDER_IDS",
}
LIMIT_ADVICE = {
    "PHONE_NUMBERS": "release a number you no longer use (phone_number with state: absent)",
    "POOLS": "delete a pool you no longer use (pool with state: absent)",
    "OPT_OUT_LISTS": "delete an opt-out list you no longer use (opt_out_list with state: absent)",
    "SENDER_IDS": "release a sender ID you no longer use (sender_id with state: absent)",
}
LIMITS_DENIED_WARNING = (
    "DescribeAccountLimits was denied ({0}): the account's {1} limit was not checked before {2}. "
    "Allow sms-voice:DescribeAccountLimits to have the task fail before it, and check mode tell."
)


class References:
    """Looks up the resources a task refers to, once each; in check mode, tolerates those not created yet.

    ``lookup`` returns the API item, or None in check mode for a resource the
    service does not know (recorded in ``unverified``); otherwise it fails
    naming the option, as ``Reader.must_exist`` does.
    """

    def __init__(self, reader, check_mode=False, warn=None):
        self.reader = reader
        self.check_mode = check_mode
        self.warn = warn
        self.unverified: dict = {}  # option -> what could not be checked, for the warning
        self._found: dict = {}  # (kind, identifier) -> API item or None

    def lookup(self, resource, identifier, option, unchecked=None):
        key = (resource.kind, identifier)
        if key in self._found:
            return self._found[key]
        try:
            item = self.reader.must_exist(resource, identifier, option)
        except SmsVoiceError as e:
            if not self.check_mode or e.code != "ResourceNotFoundException":
                raise
            item = None
            note = "{0} {1!r} (no such {2} yet{3})".format(
                option, identifier, resource.kind, "; " + unchecked if unchecked else ""
            )
            self.unverified.setdefault(option, note)
        self._found[key] = item
        return item

    def options(self):
        """The options whose values the prediction took on trust, sorted."""
        return sorted(self.unverified)

    def warn_once(self):
        """One warning naming every reference this check-mode run could not check."""
        if self.unverified and self.warn is not None:
            self.warn(
                "check mode could not verify {0}; the prediction uses the values the task gives, and the "
                "result lists them in unverified. A real run fails before any change unless an earlier task "
                "of the play creates what is missing".format(
                    ", ".join(self.unverified[option] for option in self.options())
                )
            )


def read_limits(reader):
    """``{name: {"Used": n, "Max": m}}`` of the account in the task's region (DescribeAccountLimits, every page)."""
    limits: dict = {}
    for limit in reader.pages("DescribeAccountLimits", "AccountLimits", {}):
        limits[limit["Name"]] = dict(Used=limit.get("Used", 0), Max=limit.get("Max"))
    return limits


def check_room(reader, plan, warn=None):
    """Fail, naming the limit with Used/Max, when a create call of the plan has no room left in the account.

    Reads DescribeAccountLimits once, and only for a plan that creates
    something; a converged or updating task makes no extra call.
    """
    needed: dict = {}  # limit name -> how many the plan's create calls use
    operations: dict = {}  # limit name -> the create call
    for step in plan.steps:
        name = CREATE_LIMITS.get(step.operation)
        if name is not None:
            needed[name] = needed.get(name, 0) + 1
            operations[name] = step.operation
    if not needed:
        return
    try:
        limits = read_limits(reader)
    except SmsVoiceError as e:
        if e.code != "AccessDeniedException":
            raise
        if warn is not None:
            warn(
                LIMITS_DENIED_WARNING.format(e.code, ", ".join(sorted(needed)), ", ".join(sorted(operations.values())))
            )
        return
    for name in sorted(needed):
        operation, count = operations[name], needed[name]
        limit = limits.get(name)
        if limit is None or limit["Max"] is None:
            continue
        if limit["Used"] + count > limit["Max"]:
            raise SmsVoiceError(
                "the account has no room for {0}: its {1} limit in this region is reached (Used {2}, Max {3}), "
                "and the service would refuse it (ServiceQuotaExceededException). To make room, {4}, or ask AWS "
                "for a higher quota; nothing was changed".format(
                    operation, name, limit["Used"], limit["Max"], LIMIT_ADVICE[name]
                ),
                limit=dict(name=name, used=limit["Used"], max=limit["Max"]),
            )
