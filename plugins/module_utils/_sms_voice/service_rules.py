# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules of the service a plan is checked against before its first write (and in check mode).

The service refuses these calls with a reason the model names; a task that
would meet one fails first, naming its options, so that nothing is half done
(a number leased and then refused its settings, a pool half filled):

* a US ``TEN_DLC`` number is requested under a 10DLC campaign registration
  that is complete (``REGISTRATION_NOT_COMPLETE``), and a registration takes
  only its kind of number (``INVALID_REGISTRATION_ASSOCIATION``);
* self-managed opt-outs need two-way messaging on (``TWO_WAY_NOT_ENABLED``);
* the numbers of a pool share the founding number's capabilities
  (``NUMBER_CAPABILITIES_MISMATCH``), checked where the plan knows them.
"""

from __future__ import annotations

from .errors import SmsVoiceError

#: Registration type -> the number type it takes; a brand takes no number.
REGISTRATION_NUMBER_TYPES = {
    "US_TEN_DLC_CAMPAIGN_REGISTRATION": "TEN_DLC",
    "US_TOLL_FREE_REGISTRATION": "TOLL_FREE",
}
NUMBERLESS_REGISTRATION_TYPES = ("US_TEN_DLC_BRAND_REGISTRATION", "US_TEN_DLC_BRAND_VETTING")


def registration_usable(registration):
    """Whether numbers can be requested under a registration (an API item): complete, or approved once."""
    status = registration.get("RegistrationStatus")
    if status == "COMPLETE":
        return True
    return registration.get("ApprovedVersionNumber") is not None and status not in ("CLOSED", "DELETED")


def needs_registration(params):
    """Whether RequestPhoneNumber with these parameters needs a complete 10DLC campaign (a US TEN_DLC number)."""
    return params.get("IsoCountryCode") == "US" and params.get("NumberType") == "TEN_DLC"


def check_request_registration(params, registration):
    """Fail, naming ``registration_id``, for a request the registration cannot take (``registration``: the API item,
    or None when check mode could not read it)."""
    if needs_registration(params) and not params.get("RegistrationId"):
        raise SmsVoiceError(
            "registration_id is required to request a US TEN_DLC number: set it to the ID of its 10DLC campaign "
            "registration (US_TEN_DLC_CAMPAIGN_REGISTRATION), which must be COMPLETE; the service refuses the "
            "request otherwise (REGISTRATION_NOT_COMPLETE). Nothing was changed",
            settings=["registration_id"],
        )
    if registration is None:
        return
    kind = registration.get("RegistrationType")
    number_type = params.get("NumberType")
    wanted = REGISTRATION_NUMBER_TYPES.get(kind)
    if kind in NUMBERLESS_REGISTRATION_TYPES or (wanted is not None and wanted != number_type):
        raise SmsVoiceError(
            "registration_id {0} is a {1}, which cannot take a {2} number{3}; nothing was changed".format(
                registration.get("RegistrationId"),
                kind,
                number_type,
                " (it takes {0} numbers)".format(wanted) if wanted else "",
            ),
            settings=["registration_id", "number_type"],
        )
    if needs_registration(params) and not registration_usable(registration):
        raise SmsVoiceError(
            "registration_id {0} is {1}: a US TEN_DLC number can be requested under its campaign once the "
            "registration is COMPLETE (reviews take days to weeks). Run the task again then; nothing was "
            "changed".format(registration.get("RegistrationId"), registration.get("RegistrationStatus")),
            settings=["registration_id"],
        )


def check_self_managed(plan):
    """Fail when the plan would leave self-managed opt-outs on with two-way messaging off.

    Only a plan that changes one of the two is checked: a resource that already
    has them so (made elsewhere) is not the task's doing.
    """
    after, before = plan.after or {}, plan.before or {}
    keys = ("self_managed_opt_outs_enabled", "two_way_enabled")
    if plan.action == "none" or plan.deletes or all(after.get(k) == before.get(k) for k in keys):
        return
    if after.get("self_managed_opt_outs_enabled") and not after.get("two_way_enabled"):
        raise SmsVoiceError(
            "self_managed_opt_outs_enabled: the service takes self-managed opt-outs only with two-way messaging "
            "on (TWO_WAY_NOT_ENABLED), and two_way_enabled would be false. Set two_way_enabled: true (with "
            "two_way_channel_arn), or set self_managed_opt_outs_enabled: false with it; nothing was changed",
            settings=list(keys),
        )


def check_capabilities(adding, capabilities, pool_id):
    """Fail for a number joining a pool whose numbers have other capabilities (``capabilities``: theirs, or None)."""
    if not capabilities:
        return
    for number in adding:
        have = number.get("number_capabilities")
        if have is not None and set(have) != set(capabilities):
            raise SmsVoiceError(
                "phone_numbers: phone number {0} cannot join pool {1}: its capabilities ({2}) differ from those of "
                "the pool's numbers ({3}), and the service pools only numbers with the same capabilities "
                "(NUMBER_CAPABILITIES_MISMATCH); nothing was changed".format(
                    number.get("phone_number_id"), pool_id, ", ".join(sorted(have)), ", ".join(sorted(capabilities))
                ),
                phone_number_id=number.get("phone_number_id"),
                settings=["number_capabilities"],
            )
