"""The Resource Groups Tagging API's ``GetResources``, for the emulator's sms-voice resources.

AWS keeps a separate tag index per account and region that ``GetResources``
reads (up to 100 resources with their tags a page, filtered by tag and by
resource type). Here it reads the same :class:`~tests.emulator.region.RegionBackend`
state the SMS API serves, so a number tagged through ``TagResource`` is found
by its tag. The index's freshness is a setting, because nobody has measured it
for these resources on AWS (``POST /_emulator/config``):

``{"tagging_api": "exact"}`` (default)
    The index is the live state: released numbers and removed tags are gone at once.
``{"tagging_api": "lagging", "tagging_lag_seconds": N}``
    The index shows the state as it was N seconds ago on the emulator clock: a
    new number or tag shows up only after N seconds, a removed tag and a
    released number linger for N seconds.
``{"tagging_api": "denied"}``
    Every call answers ``AccessDeniedException`` (a caller without ``tag:GetResources``).

Choices where the API reference is silent: without ``TagFilters`` the resources
that are tagged or ever were are listed, the latter with ``"Tags": []`` (as the
reference says), and never-tagged ones are not; the order is by ARN; page tokens are opaque, bound to
the query that produced them (another query's token is ``InvalidParameterException``);
``ResourcesPerPage`` defaults to 100 when neither it nor ``TagsPerPage`` is given.
``TagsPerPage`` breaks pages by tags as its reference describes (a resource with no
tags counts as one, a resource is never split across pages); given alone, it caps
a page by tags only, so 500 resources with one tag each fit one page; given with
``ResourcesPerPage``, a page ends at whichever limit comes first. ``ResourceARNList``
with ``TagFilters``, ``ResourceTypeFilters`` or any pagination parameter is
``InvalidParameterException``, as the reference says. Only sms-voice resources (phone numbers,
pools, opt-out lists) live here; requests about other services' resources are
answered by moto's own backend (see :mod:`tests.emulator.moto_glue`).
Its request quota (15 calls per second, published) is in :mod:`.quotas`.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import botocore.session
from botocore.model import OperationModel, ServiceModel

from .errors import EmulatorError
from .validation import _check

if TYPE_CHECKING:
    from .region import RegionBackend

SERVICE_NAME = "resourcegroupstaggingapi"
TARGET_PREFIX = "ResourceGroupsTaggingAPI_20170126"
CONTENT_TYPE = "application/x-amz-json-1.1"
#: Operations served here; the Tagging API's other operations go to moto's backend.
OPERATIONS = ("GetResources",)
MODES = ("exact", "lagging", "denied")
DEFAULT_RESOURCES_PER_PAGE = 100
#: sms-voice resource kind (the ARN's resource type) -> the RegionBackend store holding them
KINDS = {"phone-number": "numbers", "pool": "pools", "opt-out-list": "opt_out_lists", "sender-id": "sender_ids"}
#: Resource types GetResources knows for the service (ResourceTypeFilters values)
RESOURCE_TYPES = tuple("sms-voice:" + kind for kind in KINDS)


def default_config() -> dict[str, Any]:
    return {"tagging_api": "exact", "tagging_lag_seconds": 0.0}


def check_config(key: str, value: Any) -> Any:
    """The checked value of a tagging configuration key, or ValueError naming it."""
    if key == "tagging_api":
        if value not in MODES:
            raise ValueError(f"tagging_api must be one of {list(MODES)}, not {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"tagging_lag_seconds must be a number >= 0, not {value!r}")
    return float(value)


@lru_cache(maxsize=1)
def service_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model(SERVICE_NAME)


@cache
def operation_model(name: str) -> OperationModel:
    return service_model().operation_model(name)


def invalid(message: str) -> EmulatorError:
    return EmulatorError("InvalidParameterException", message)


def access_denied(operation: str) -> EmulatorError:
    # A common error of every AWS API (not in the operation's modelled errors), HTTP 400.
    return EmulatorError(
        "AccessDeniedException",
        f"User is not authorized to perform: tag:{operation} (emulator configured with tagging_api=denied)",
    )


def validate_input(operation: str, params: Any) -> None:
    """``InvalidParameterException`` unless ``params`` fits the Tagging API's model (this API has no ValidationException)."""
    errors: list[tuple[str, str, Any]] = []
    _check(operation_model(operation).input_shape, params if params is not None else {}, "", errors)
    if errors:
        raise invalid("; ".join(f"{path}: {problem}" for path, problem, _value in errors))


# ---------------------------------------------------------------------------
# The index: what GetResources sees
# ---------------------------------------------------------------------------


class TagIndex:
    """Every sms-voice resource's tags over time, for one account and region.

    :meth:`touch` records a resource's tags (``None`` once it is gone) after
    each operation that can change them; :meth:`view` answers "which tagged
    resources, with which tags, did the index show at time t".
    """

    def __init__(self) -> None:
        #: ARN -> [(time, tags or None)], oldest first
        self.history: dict[str, list[tuple[float, dict[str, str] | None]]] = {}

    def touch(self, arn: str, tags: dict[str, str] | None, now: float) -> None:
        """Record ``tags`` (``{}``: untagged, ``None``: the resource is gone) as of ``now``."""
        versions = self.history.get(arn)
        value = None if tags is None else dict(tags)
        if versions is None:
            if not value:
                return  # never tagged: the index does not know it
            versions = self.history[arn] = []
        if versions and versions[-1][1] == value:
            return
        versions.append((now, value))

    def ever_tagged(self, arn: str) -> bool:
        return arn in self.history

    def view(self, at: float) -> dict[str, dict[str, str]]:
        """ARN -> tags of every resource the index showed at time ``at``: tagged, or tagged once and still there."""
        shown = {}
        for arn, versions in self.history.items():
            index = bisect.bisect_right([t for t, _tags in versions], at) - 1
            if index >= 0 and versions[index][1] is not None:
                shown[arn] = versions[index][1]
        return shown


def index_of(backend: RegionBackend) -> TagIndex:
    index = backend.__dict__.get("_tag_index")
    if index is None:
        index = backend.__dict__["_tag_index"] = TagIndex()
    return index


def live_resources(backend: RegionBackend) -> dict[str, dict[str, str]]:
    """ARN -> tags of every sms-voice resource that exists now and is or was tagged (released numbers excluded)."""
    found = {}
    index = index_of(backend)
    for kind, store in KINDS.items():
        for resource in getattr(backend, store).values():
            if kind == "phone-number" and resource.deleted_at is not None:
                continue
            if resource.tags or index.ever_tagged(resource.arn):
                found[resource.arn] = resource.tags
    return found


def _current_tags(backend: RegionBackend, arn: str) -> dict[str, str] | None:
    for kind, store in KINDS.items():
        if f":{kind}/" in arn:
            resource = getattr(backend, store).get(arn.split(f":{kind}/", 1)[1])
            if resource is None or getattr(resource, "deleted_at", None) is not None:
                return None
            return resource.tags
    return None


#: Members of requests and responses that name a resource whose tags an operation may have changed.
_ARN_MEMBERS = ("ResourceArn", "PhoneNumberArn", "PoolArn", "OptOutListArn", "SenderIdArn")


def observe(backend: RegionBackend, params: Any, body: dict[str, Any] | None) -> None:
    """Record, after a successful SMS API call, the tags of the resources it named."""
    arns = set()
    for document in (params, body):
        if isinstance(document, dict):
            arns.update(document[m] for m in _ARN_MEMBERS if isinstance(document.get(m), str))
    index = index_of(backend)
    now = backend.now()
    for arn in arns:
        index.touch(arn, _current_tags(backend, arn), now)


def observe_ids(backend: RegionBackend, number_ids: list[str]) -> None:
    """Record numbers created outside the API (``POST /_emulator/seed``)."""
    index = index_of(backend)
    now = backend.now()
    for number_id in number_ids:
        number = backend.numbers[number_id]
        index.touch(number.arn, number.tags, now)


def indexed(backend: RegionBackend) -> dict[str, dict[str, str]]:
    """What GetResources sees now, under the configured freshness."""
    config = backend.config
    if config.get("tagging_api", "exact") != "lagging":
        return live_resources(backend)
    return index_of(backend).view(backend.now() - float(config.get("tagging_lag_seconds", 0.0)))


# ---------------------------------------------------------------------------
# GetResources
# ---------------------------------------------------------------------------


def _type_matches(arn: str, type_filters: list[str]) -> bool:
    if not type_filters:
        return True
    parts = arn.split(":", 5)
    service, kind = parts[2], parts[5].split("/", 1)[0]
    return any(f == service or f == f"{service}:{kind}" for f in type_filters)


def _tags_match(tags: dict[str, str], tag_filters: list[dict[str, Any]]) -> bool:
    # Filters are ANDed; the values of one filter are ORed; a filter without values needs only the key.
    for tag_filter in tag_filters:
        key = tag_filter["Key"]
        if key not in tags:
            return False
        values = tag_filter.get("Values") or []
        if values and tags[key] not in values:
            return False
    return True


def get_resources(backend: RegionBackend, params: dict[str, Any]) -> dict[str, Any]:
    if backend.config.get("tagging_api", "exact") == "denied":
        raise access_denied("GetResources")
    arn_list = params.get("ResourceARNList")
    if arn_list is not None:
        if params.get("TagFilters") or params.get("ResourceTypeFilters"):
            raise invalid("ResourceARNList cannot be combined with TagFilters or ResourceTypeFilters.")
        paging = [k for k in ("ResourcesPerPage", "TagsPerPage", "PaginationToken") if k in params]
        if paging:
            raise invalid(f"ResourceARNList cannot be combined with the pagination parameters ({', '.join(paging)}).")
    tags_per_page = params.get("TagsPerPage")
    if tags_per_page is not None and not 100 <= tags_per_page <= 500:
        raise invalid("TagsPerPage must be between 100 and 500.")
    default_per_page = None if tags_per_page is not None else DEFAULT_RESOURCES_PER_PAGE
    per_page = params.get("ResourcesPerPage", default_per_page)
    if per_page is not None and not 1 <= per_page <= 100:
        raise invalid("ResourcesPerPage must be between 1 and 100.")
    query = {k: v for k, v in params.items() if k not in ("PaginationToken", "ResourcesPerPage", "TagsPerPage")}
    digest = hashlib.sha256(json.dumps([backend.region, query], sort_keys=True).encode()).hexdigest()[:16]
    after = ""
    token = params.get("PaginationToken")
    if token:
        try:
            decoded = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
            after, valid = str(decoded["after"]), decoded["query"] == digest
        except (ValueError, KeyError, TypeError):
            valid = False
        if not valid:
            raise invalid("The PaginationToken is not valid for this request.")
    shown = indexed(backend)
    wanted = set(arn_list) if arn_list is not None else None
    type_filters = params.get("ResourceTypeFilters") or []
    tag_filters = params.get("TagFilters") or []
    page: list[dict[str, Any]] = []
    more = False
    tags_on_page = 0
    for arn in sorted(shown):
        if arn <= after or (wanted is not None and arn not in wanted):
            continue
        if not _type_matches(arn, type_filters) or not _tags_match(shown[arn], tag_filters):
            continue
        weight = max(1, len(shown[arn]))  # an untagged resource counts as one tag
        full = per_page is not None and len(page) == per_page
        if full or (tags_per_page is not None and page and tags_on_page + weight > tags_per_page):
            more = True
            break
        tags_on_page += weight
        page.append({"ResourceARN": arn, "Tags": [{"Key": k, "Value": v} for k, v in shown[arn].items()]})
    result: dict[str, Any] = {"ResourceTagMappingList": page}
    # AWS ends a listing with an empty token rather than none.
    result["PaginationToken"] = (
        base64.urlsafe_b64encode(json.dumps({"after": page[-1]["ResourceARN"], "query": digest}).encode()).decode()
        if more
        else ""
    )
    return result


def call(backend: RegionBackend, operation: str, params: dict[str, Any]) -> dict[str, Any]:
    backend.sweep()
    return {"GetResources": get_resources}[operation](backend, params)


def concerns_sms_voice(params: Any) -> bool:
    """Whether a GetResources request can match sms-voice resources (else moto's own backend answers it)."""
    if not isinstance(params, dict):
        return True
    types = params.get("ResourceTypeFilters")
    if types and isinstance(types, list):
        return any(isinstance(t, str) and (t == "sms-voice" or t.startswith("sms-voice:")) for t in types)
    arns = params.get("ResourceARNList")
    if arns and isinstance(arns, list):
        return any(isinstance(a, str) and ":sms-voice:" in a for a in arns)
    return True
