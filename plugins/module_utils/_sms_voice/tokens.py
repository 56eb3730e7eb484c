# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Idempotency tokens derived from a create call's parameters, so that overlapping runs of one task create once."""

from __future__ import annotations

import hashlib
import json

from .errors import SmsVoiceError

# ClientToken: 1 to 64 printable ASCII characters (the model's limits).
CLIENT_TOKEN_PREFIX = "ansible-sms-voice-"
CLIENT_TOKEN_DIGEST_CHARS = 40
# A token replayed to a released (deleted) resource leads to the next token of a chain; past this many
# links the request gets a random token (the re-read by name still reports any duplicate).
MAX_TOKEN_HOPS = 20


def canonical_request(params):
    """Create parameters (RequestPhoneNumber, CreateOptOutList...) in one order: one task, one request."""
    out = {k: v for k, v in params.items() if k != "ClientToken"}
    if "NumberCapabilities" in out:
        out["NumberCapabilities"] = sorted(out["NumberCapabilities"])
    if "Tags" in out:
        out["Tags"] = sorted(out["Tags"], key=lambda tag: tag["Key"])
    return out


def client_token(region, params, replaced=None):
    """The ClientToken for a request: derived from the region and every parameter sent.

    Overlapping runs of one task derive the same token, so the service's own
    idempotency turns their requests into one lease. ``replaced`` is the ID of
    a number (or the creation time of an opt-out list) an earlier token was
    replayed to after it was released or deleted: the next token of the chain,
    the same for every run that meets the same resource.
    """
    material = json.dumps([region, canonical_request(params), replaced], sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
    return CLIENT_TOKEN_PREFIX + digest[:CLIENT_TOKEN_DIGEST_CHARS]


class ChainedCreate:
    """Makes a create call with a ClientToken derived from the region and the request.

    Overlapping runs of one task send one token, so the service creates once
    for all of them. The service replays a token's first answer for as long as
    it remembers the token, even after what it created was deleted: a subclass's
    ``replayed(response)`` returns a key for such an answer (None when the
    answer stands), and the call is made again with the next token of the
    chain, the same for every run that meets the same deleted resource.
    """

    def __init__(self, api, reader, region, resource):
        self.api = api
        self.reader = reader
        self.region = region
        self.resource = resource

    def replayed(self, response):
        raise NotImplementedError

    def __call__(self, params):
        params = canonical_request(params)
        replaced = None
        for _hop in range(MAX_TOKEN_HOPS):
            token = client_token(self.region, params, replaced)
            response = self.api.call(self.resource.create, ClientToken=token, **params)
            replaced = self.replayed(response)
            if replaced is None:
                return response
        raise SmsVoiceError(
            "{0} answered {1} times with {2}s that were deleted since; nothing was created. Run the task again".format(
                self.resource.create, MAX_TOKEN_HOPS, self.resource.kind
            ),
            operation=self.resource.create,
        )
