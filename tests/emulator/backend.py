"""The emulator's service and control layer under the names they had in one module.

The service is split by resource (:mod:`.region` combines :mod:`.numbers`,
:mod:`.pools`, :mod:`.opt_out_lists`, :mod:`.keywords`, :mod:`.tags`,
:mod:`.registrations`, :mod:`.available_numbers` on :mod:`.core`); the
test-control layer is :mod:`.control`. Importers may use either these names or
the modules that define them.
"""

from __future__ import annotations

from .control import CONNECTION_DROPPED, DEFAULT_EMULATOR, FAULT_KINDS, Clock, DictRegionStore, Emulator, Fault, Outcome
from .core import DEFAULT_ACCOUNT_ID, DEFAULT_MAX_RESULTS, FilterSpec, TokenRecord, compile_filters
from .keywords import DEFAULT_KEYWORDS, MAX_KEYWORDS, PROTECTED_KEYWORDS, Keyword
from .numbers import COUNTRIES, CountryPlan, PhoneNumber, messaging_limits
from .opt_out_lists import DEFAULT_OPT_OUT_LIST, MAX_OPT_OUT_LISTS, OptOutList
from .pools import MAX_POOLS, Pool
from .region import OPERATIONS, RegionBackend
from .tags import MAX_TAGS_PER_RESOURCE

__all__ = [
    "CONNECTION_DROPPED",
    "COUNTRIES",
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_EMULATOR",
    "DEFAULT_KEYWORDS",
    "DEFAULT_MAX_RESULTS",
    "DEFAULT_OPT_OUT_LIST",
    "FAULT_KINDS",
    "MAX_KEYWORDS",
    "MAX_OPT_OUT_LISTS",
    "MAX_POOLS",
    "MAX_TAGS_PER_RESOURCE",
    "OPERATIONS",
    "PROTECTED_KEYWORDS",
    "Clock",
    "CountryPlan",
    "DictRegionStore",
    "Emulator",
    "Fault",
    "FilterSpec",
    "Keyword",
    "OptOutList",
    "Outcome",
    "PhoneNumber",
    "Pool",
    "RegionBackend",
    "TokenRecord",
    "compile_filters",
    "messaging_limits",
]
