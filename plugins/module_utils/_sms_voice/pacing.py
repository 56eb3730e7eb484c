# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keep every call inside the service's request quotas.

The service enforces a rate per operation, per account and region, and answers
ThrottlingException above it. A token bucket per operation, shared by every
thread of the run (the reader fetches tags concurrently), spaces the calls to
the published rate, so a run at the default quotas is not throttled by itself.
Accounts with raised quotas set ``quota_scale`` (every rate multiplied) or
``request_quotas`` (operation -> requests per second).

Other runs and tools may share the account's quota, and this pacer knows only
the calls of its own run. So a throttled answer to any attempt (botocore's own
retries included, from any thread) slows every later call of that operation in
the run: its pace halves, and while it is below the quota each slot is spaced
by a random extra part of a period, so that runs which were refused together do
not come back in step. ``throttle_timeout`` is how long one call may stay
throttled before the task gives up (``connection.Api.call``).
"""

from __future__ import annotations

import math
import random
import threading
import time

from ansible.module_utils.basic import env_fallback

from .errors import SmsVoiceError

# Default request quotas, in requests per second per account and region, of the
# operations the modules call. Source: the user guide's "Quotas for AWS End User
# Messaging SMS" page (https://docs.aws.amazon.com/sms-voice/latest/userguide/quotas.html),
# table "Requests Per Second (RPS) quota for each resource of the AWS End User
# Messaging SMS and Voice v2 API". Every control-plane operation there is 1.
PUBLISHED_RATES = {
    "AssociateOriginationIdentity": 1.0,
    "CreateOptOutList": 1.0,
    "CreatePool": 1.0,
    "DeleteKeyword": 1.0,
    "DeleteOptOutList": 1.0,
    "DeletePool": 1.0,
    "DescribeAccountLimits": 1.0,
    "DescribeKeywords": 1.0,
    "DescribeOptOutLists": 1.0,
    "DescribePhoneNumbers": 1.0,
    "DescribePools": 1.0,
    "DescribeRegistrations": 1.0,
    "DescribeSenderIds": 1.0,
    "DisassociateOriginationIdentity": 1.0,
    "ListAvailablePhoneNumbers": 1.0,
    "ListPoolOriginationIdentities": 1.0,
    "ListTagsForResource": 1.0,
    "PutKeyword": 1.0,
    "ReleasePhoneNumber": 1.0,
    "ReleaseSenderId": 1.0,
    "RequestPhoneNumber": 1.0,
    "RequestSenderId": 1.0,
    "TagResource": 1.0,
    "UntagResource": 1.0,
    "UpdatePhoneNumber": 1.0,
    "UpdatePool": 1.0,
    # Registrations (issue 21).
    "CreateRegistration": 1.0,
    "CreateRegistrationAssociation": 1.0,
    "CreateRegistrationAttachment": 1.0,
    "CreateRegistrationVersion": 1.0,
    "DeleteRegistration": 1.0,
    "DeleteRegistrationFieldValue": 1.0,
    "DescribeRegistrationFieldDefinitions": 1.0,
    "DescribeRegistrationFieldValues": 1.0,
    "DescribeRegistrationTypeDefinitions": 1.0,
    "DescribeRegistrationVersions": 1.0,
    "DiscardRegistrationVersion": 1.0,
    "ListRegistrationAssociations": 1.0,
    "PutRegistrationFieldValue": 1.0,
    "SubmitRegistrationVersion": 1.0,
    "UpdateSenderId": 1.0,
    # Resource policies and the numbers on opt-out lists (the page's only exception: DeleteOptedOutNumber, 10).
    "PutResourcePolicy": 1.0,
    "GetResourcePolicy": 1.0,
    "DeleteResourcePolicy": 1.0,
    "PutOptedOutNumber": 1.0,
    "DescribeOptedOutNumbers": 1.0,
    "DeleteOptedOutNumber": 10.0,
    # The Resource Groups Tagging API's own quota (Tag Editor user guide, "Service quotas").
    "GetResources": 15.0,
}
# An operation missing from the table gets the rate the page gives most operations.
DEFAULT_RATE = 1.0
# Calls are spaced for 90% of a quota: the service counts arrivals, and network jitter
# would otherwise land two calls spaced exactly one period apart inside one period.
HEADROOM = 0.9
# When the service throttles an operation anyway (other runs share the account's quota),
# its pace halves, down to this fraction of the quota, and each answered call wins back
# RECOVERY of the quota: the run settles on its share of what is left.
MIN_FRACTION = 0.1
RECOVERY = 0.1
# ... and every RECOVERY_SECONDS without a throttled answer double it back, so a run whose
# overlapping runs have finished is not left crawling at the pace it needed while they ran.
# (benchmarks/retry_modes.py, 16 overlapping runs: 122 s with 10, 95 s with 3, adaptive 88-101 s.)
RECOVERY_SECONDS = 3.0
# While an operation runs below its quota (it was throttled), each slot is spaced by up to
# this fraction of a period more, at random: never less than a period, so a run does not
# throttle itself, and runs refused together spread out instead of retrying in step.
JITTER = 0.5
SCALE_ENV = "SMS_VOICE_QUOTA_SCALE"
THROTTLE_TIMEOUT_ENV = "SMS_VOICE_THROTTLE_TIMEOUT"
# Seconds one call may stay throttled (other runs share the quota) before the task fails.
DEFAULT_THROTTLE_TIMEOUT = 900.0
THROTTLING_CODES = ("ThrottlingException", "ThrottledException", "TooManyRequestsException", "Throttling")

PACING_ARGUMENT_SPEC = dict(
    quota_scale=dict(type="float", default=1.0, fallback=(env_fallback, [SCALE_ENV])),
    request_quotas=dict(type="dict"),
    throttle_timeout=dict(
        type="float", default=DEFAULT_THROTTLE_TIMEOUT, fallback=(env_fallback, [THROTTLE_TIMEOUT_ENV])
    ),
)


class TokenBucket:  # pylint: disable=too-many-instance-attributes  # rate, recovery and jitter state
    """``rate`` tokens a second, at most one in hand: calls are spaced, never bunched.

    ``take`` reserves the next free slot under the lock and sleeps outside it,
    so concurrent callers queue up in order without holding each other up.
    ``jitter`` returns a number in [0, 1): the random part of a slot's extra spacing.
    """

    def __init__(
        self, rate, clock=time.monotonic, sleep=time.sleep, jitter=random.random, recovery_seconds=RECOVERY_SECONDS
    ):
        self.base = self.rate = float(rate)
        self.clock = clock
        self.sleep = sleep
        self.jitter = jitter
        self.recovery_seconds = recovery_seconds
        self.lock = threading.Lock()
        self.next_free = None
        self.last_cut = None
        self.recovered_at = None

    def _recover(self, now):
        """Double the pace back for every RECOVERY_SECONDS since the last cut, up to the quota."""
        if self.recovered_at is not None and now <= self.recovered_at:
            return
        if self.rate < self.base and self.recovered_at is not None:
            self.rate = min(self.base, self.rate * 2.0 ** ((now - self.recovered_at) / self.recovery_seconds))
        self.recovered_at = now

    def _period(self):
        """Seconds from one slot to the next: one period at the quota, a jittered longer one below it."""
        period = 1.0 / self.rate
        if self.rate < self.base:
            period *= 1.0 + JITTER * self.jitter()
        return period

    def take(self):
        """Wait for this caller's slot; returns the seconds waited."""
        with self.lock:
            now = self.clock()
            slot = now if self.next_free is None or self.next_free <= now else self.next_free
            self._recover(slot)
            self.next_free = slot + self._period()
        delay = slot - now
        if delay > 0:
            self.sleep(delay)
        return delay

    def hold_off(self, seconds):
        """Push the next slot ``seconds`` from now (after the service throttled this operation)."""
        with self.lock:
            self.next_free = max(self.next_free or 0.0, self.clock() + seconds)

    def throttled(self):
        """The service refused a call: halve the pace, and leave one (jittered) period of the new pace.

        Calls in flight together are refused together: one cut per period, not one per call.
        """
        with self.lock:
            now = self.clock()
            self._recover(now)
            if self.last_cut is None or now - self.last_cut >= 1.0 / self.rate:
                self.rate = max(self.rate / 2.0, self.base * MIN_FRACTION)
                self.last_cut = now
            self.next_free = max(self.next_free or 0.0, now + self._period())

    def answered(self):
        """A call went through: win back part of the pace, up to the quota."""
        with self.lock:
            if self.rate < self.base:
                self.rate = min(self.base, self.rate + self.base * RECOVERY)


class Pacer:  # pylint: disable=too-many-instance-attributes  # the quotas, the clock and the timeout
    """One token bucket per operation, created on first use, shared by all threads.

    ``throttle_timeout`` is how long one call may stay throttled before it fails
    (``connection.Api`` reads it from here).
    """

    def __init__(
        self,
        rates=None,
        scale=1.0,
        clock=time.monotonic,
        sleep=time.sleep,
        throttle_timeout=DEFAULT_THROTTLE_TIMEOUT,
        jitter=random.random,
        recovery_seconds=RECOVERY_SECONDS,
    ):
        self.rates = dict(PUBLISHED_RATES)
        self.rates.update(rates or {})
        self.scale = float(scale)
        self.clock = clock
        self.sleep = sleep
        self.throttle_timeout = float(throttle_timeout)
        self.jitter = jitter
        self.recovery_seconds = recovery_seconds
        self.buckets = {}
        self.lock = threading.Lock()

    def rate(self, operation):
        """Requests per second this run makes of ``operation``: its quota, scaled, less the headroom."""
        return self.rates.get(operation, DEFAULT_RATE) * self.scale * HEADROOM

    def bucket(self, operation):
        with self.lock:
            if operation not in self.buckets:
                self.buckets[operation] = TokenBucket(
                    self.rate(operation), self.clock, self.sleep, self.jitter, self.recovery_seconds
                )
            return self.buckets[operation]

    def take(self, operation):
        return self.bucket(operation).take()

    def hold_off(self, operation, seconds):
        self.bucket(operation).hold_off(seconds)

    def attach(self, client):
        """Pace every HTTP attempt of ``client``, botocore's own retries included, and learn from its answers."""
        events = client.meta.events
        events.register("before-send", self._before_send, unique_id="pinpoint.sms_voice.pacing.send")
        events.register("needs-retry", self._after_attempt, unique_id="pinpoint.sms_voice.pacing.answer")

    def _before_send(self, event_name=None, **_kwargs):
        self.take(event_name.rsplit(".", 1)[-1])

    def _after_attempt(self, operation=None, response=None, **_kwargs):
        if operation is None or response is None:
            return
        code = (response[1] or {}).get("Error", {}).get("Code")
        bucket = self.bucket(operation.name)
        if code in THROTTLING_CODES:
            bucket.throttled()
        elif not code:
            bucket.answered()


def pacer_from_params(params):
    """A Pacer for the module's ``quota_scale``, ``request_quotas`` and ``throttle_timeout``.

    Raises SmsVoiceError naming the option for a bad value.
    """
    scale = params.get("quota_scale")
    if scale is None:
        scale = 1.0
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
        raise SmsVoiceError(
            "quota_scale must be a positive number (1.0 is the published default quotas), got {0!r}".format(scale)
        )
    rates = {}
    for operation, value in (params.get("request_quotas") or {}).items():
        if operation not in PUBLISHED_RATES:
            raise SmsVoiceError(
                "request_quotas: unknown operation {0!r}; the modules call {1}".format(
                    operation, ", ".join(sorted(PUBLISHED_RATES))
                )
            )
        try:
            rate = float(value)
        except (TypeError, ValueError):
            rate = None
        if isinstance(value, bool) or rate is None or not math.isfinite(rate) or rate <= 0:
            raise SmsVoiceError(
                "request_quotas: {0} must be a positive number of requests per second, got {1!r}".format(
                    operation, value
                )
            )
        # A quota given per operation is the account's own figure: quota_scale does not apply to it.
        rates[operation] = rate / float(scale)
    return Pacer(rates, scale, throttle_timeout=check_throttle_timeout(params.get("throttle_timeout")))


def check_throttle_timeout(value):
    """``throttle_timeout`` as seconds (the default when unset); SmsVoiceError naming it for a bad value."""
    if value is None:
        return DEFAULT_THROTTLE_TIMEOUT
    seconds = value
    if isinstance(value, str):
        try:
            seconds = float(value)
        except ValueError:
            seconds = None
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or seconds < 0:
        raise SmsVoiceError(
            "throttle_timeout must be a number of seconds, 0 or more (default {0:g}), got {1!r}".format(
                DEFAULT_THROTTLE_TIMEOUT, value
            )
        )
    return float(seconds)
