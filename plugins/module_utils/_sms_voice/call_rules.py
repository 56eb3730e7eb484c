# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the calls of every resource of the service are read when refused: the rules they share.

The engine asks each resource's ``Rules`` how to read a refused call; the
resources of this service answer alike, from these tables.
"""

from __future__ import annotations

from .engine.plan import Rules

# Errors that, on a call botocore had to retry, mean an earlier attempt already did
# the work (its answer was lost): (operation, error code or reason).
ALREADY_DONE = frozenset(
    {
        ("ReleasePhoneNumber", "ResourceNotFoundException"),
        ("ReleasePhoneNumber", "RESOURCE_NOT_ACTIVE"),
        ("DeleteKeyword", "ResourceNotFoundException"),
        ("DisassociateOriginationIdentity", "PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL"),
        ("DisassociateOriginationIdentity", "ResourceNotFoundException"),
        ("DeletePool", "ResourceNotFoundException"),
        ("DeleteOptOutList", "ResourceNotFoundException"),
        ("ReleaseSenderId", "ResourceNotFoundException"),
    }
)

# Errors that clear up by themselves, retried within wait_timeout: (operation, reason).
# A release right after a disassociation may still see the pool; a two-way role just
# created may not be usable yet (IAM propagation).
SETTLING = frozenset(
    {
        ("ReleasePhoneNumber", "PHONE_NUMBER_ASSOCIATED_TO_POOL"),
        ("UpdatePhoneNumber", "RESOURCE_NOT_ACCESSIBLE"),
        ("UpdatePool", "RESOURCE_NOT_ACCESSIBLE"),
    }
)

ASSOCIATE = "AssociateOriginationIdentity"
DISASSOCIATE = "DisassociateOriginationIdentity"
# The order a number's status goes through while it joins or leaves a pool.
MEMBERSHIP_STATUS = {ASSOCIATE: "ASSOCIATING", DISASSOCIATE: "DISASSOCIATING"}


class ServiceRules(Rules):
    """The call rules every resource of the service shares."""

    already_done = ALREADY_DONE
    settling = SETTLING

    def tolerated(self, operation, error, deleting):
        # Another run (or an earlier attempt) put the number in this pool: what the step asks is done.
        return (operation, error.reason) == (ASSOCIATE, "RESOURCE_ALREADY_ASSOCIATED")
