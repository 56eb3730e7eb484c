"""Request quotas of the SMS and Voice v2 API: the published default rates and a token bucket per operation.

Source: the user guide's page "Quotas for AWS End User Messaging SMS"
(https://docs.aws.amazon.com/sms-voice/latest/userguide/quotas.html), table
"Requests Per Second (RPS) quota for each resource of the AWS End User
Messaging SMS and Voice v2 API": a default rate per operation, per account and
Region, every one eligible for an increase. The page lists 1 request per
second for every control-plane operation it names, DeleteOptedOutNumber (10)
being the exception among them; the rows below are the operations this
emulator serves, plus the tagging operations, DescribeRegistrations and
DescribeAccountLimits.

The page states a rate, not a burst. The emulator's bucket holds ``rate x
quota_burst_seconds`` tokens (default 1 s, at least one token), an
assumption listed in the README.

Each bucket refills in real (monotonic) time, not on the emulator's
adjustable clock: moving that clock forward to end a PENDING period must not
hand out request tokens, and quotas measure what a client really does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

#: operation -> default requests per second (per account and Region).
QUOTAS: dict[str, float] = {
    "AssociateOriginationIdentity": 1,
    "CreateOptOutList": 1,
    "CreatePool": 1,
    "DeleteKeyword": 1,
    "DeleteOptOutList": 1,
    "DeleteOptedOutNumber": 10,
    "DeleteResourcePolicy": 1,
    "DeletePool": 1,
    "DescribeAccountLimits": 1,
    "DescribeKeywords": 1,
    "DescribeOptOutLists": 1,
    "DescribeOptedOutNumbers": 1,
    "DescribePhoneNumbers": 1,
    "DescribePools": 1,
    "DescribeRegistrations": 1,
    "DescribeSenderIds": 1,
    "DisassociateOriginationIdentity": 1,
    "ListAvailablePhoneNumbers": 1,
    "GetResourcePolicy": 1,
    "ListPoolOriginationIdentities": 1,
    "ListTagsForResource": 1,
    "PutKeyword": 1,
    # Not in the part of the published table the sources show; 1 like the page's other writes (the
    # stricter choice: a module paced for it is never throttled if the real quota is higher).
    "PutOptedOutNumber": 1,
    "PutResourcePolicy": 1,
    "ReleasePhoneNumber": 1,
    "ReleaseSenderId": 1,
    "RequestPhoneNumber": 1,
    "RequestSenderId": 1,
    "TagResource": 1,
    "UntagResource": 1,
    "UpdatePhoneNumber": 1,
    "UpdatePool": 1,
    "UpdateSenderId": 1,
    # The Resource Groups Tagging API (tests/emulator/tagging.py): "Rate of calling the GetResources API
    # operation: Maximum of 15 calls per second" (Tag Editor user guide, "Service quotas",
    # https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html).
    "GetResources": 15,
}

#: The scale the test fixtures configure, so the suite stays fast while quotas stay on.
TEST_QUOTA_SCALE = 50
DEFAULT_QUOTA_SCALE = 1.0
DEFAULT_QUOTA_BURST_SECONDS = 1.0


class QuotaBuckets:
    """One token bucket per (account, region, operation), created full on first use.

    :meth:`take` answers whether a call may proceed; :meth:`clear` forgets
    every bucket (on reset and whenever the quota settings change).
    """

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str, str], tuple[float, float]] = {}

    def take(self, account_id: str, region: str, operation: str, scale: float, burst_seconds: float) -> bool:
        """Spend one token of the operation's bucket; ``False`` when it is empty (the call is throttled).

        Operations without a row in :data:`QUOTAS` are never throttled.
        """
        base = QUOTAS.get(operation)
        if base is None:
            return True
        rate = base * scale
        capacity = max(1.0, rate * burst_seconds)
        key = (account_id, region, operation)
        with self._lock:
            now = self._monotonic()
            tokens, last = self._buckets.get(key, (capacity, now))
            tokens = min(capacity, tokens + (now - last) * rate)
            # A caller that waits exactly 1/rate seconds must get its token despite float rounding.
            if tokens < 1.0 - 1e-9:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (max(0.0, tokens - 1.0), now)
            return True

    def clear(self) -> None:
        with self._lock:
            self._buckets.clear()
