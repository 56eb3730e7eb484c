"""What every resource of one (account, region) shares: ARNs, client tokens, pages, lookups, filters."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .errors import conflict, field_error, not_found, validation_error
from .validation import enum_values

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_MAX_RESULTS = 100
ARN_RE = re.compile(r"arn:(aws[a-z-]*):sms-voice:([a-z0-9-]+):(\d{12}):([a-z-]+)/(.+)")


@dataclass
class TokenRecord:
    fingerprint: str
    resource_type: str
    resource_id: str
    replay: Callable[[], dict[str, Any]]
    created: float = 0.0


def _enum_checker(shape_name: str) -> Callable[[str], bool]:
    return lambda value: value in enum_values(shape_name)


def _bool_checker(value: str) -> bool:
    return value.lower() in ("true", "false")


def _iso_checker(value: str) -> bool:
    return re.fullmatch(r"[A-Z]{2}", value) is not None


def _any(value: str) -> bool:
    return True


def _flag(value: bool) -> list[str]:
    return ["true" if value else "false"]


#: filter name -> (value check, how to compare, attribute getter returning candidate values)
FilterSpec = tuple[Callable[[str], bool], bool, Callable[[Any], list[str]]]


def compile_filters(filters: list[dict[str, Any]], specs: dict[str, FilterSpec]) -> list[Callable[[Any], bool]]:
    """Turn API ``Filters`` into predicates: values OR'ed within a filter, filters AND'ed.

    A value the filter cannot take (an unknown enum value, a boolean other than
    ``true``/``false``) is a ``ValidationException`` ``INVALID_FILTER_VALUES``.
    """
    predicates = []
    for index, item in enumerate(filters):
        name = item["Name"]
        spec = specs.get(name)
        if spec is None:
            raise field_error("INVALID_FILTER_VALUES", f"Filters[{index}].Name", f"Unsupported filter name {name!r}")
        check, case_insensitive, getter = spec
        bad = [value for value in item["Values"] if not check(value)]
        if bad:
            raise field_error(
                "INVALID_FILTER_VALUES", f"Filters[{index}].Values", f"Invalid value(s) {bad} for filter {name!r}"
            )
        wanted = {value.lower() if case_insensitive else value for value in item["Values"]}
        predicates.append(lambda obj, getter=getter, wanted=wanted: any(value in wanted for value in getter(obj)))
    return predicates


def _tag_list(tags: dict[str, str]) -> list[dict[str, str]]:
    return [{"Key": key, "Value": value} for key, value in tags.items()]


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


class RegionCore:
    """Plumbing shared by the resource mixins of :class:`~tests.emulator.region.RegionBackend`."""

    def now(self) -> float:
        return self.emulator.clock.now()

    @property
    def config(self) -> dict[str, Any]:
        return self.emulator.config

    def arn(self, kind: str, resource_id: str) -> str:
        return f"arn:{self.partition}:sms-voice:{self.region}:{self.account_id}:{kind}/{resource_id}"

    def _split_arn(self, value: str, member: str) -> tuple[str, str, bool]:
        """``(kind, resource id, belongs here)`` of an ``arn:...:sms-voice:...`` identifier."""
        match = ARN_RE.fullmatch(value)
        if match is None:
            raise field_error("INVALID_ARN", member, f"{value!r} is not a valid sms-voice ARN")
        partition, region, account, kind, resource_id = match.groups()
        here = (partition, region, account) == (self.partition, self.region, self.account_id)
        return kind, resource_id, here

    def _idempotent(
        self,
        operation: str,
        params: dict[str, Any],
        execute: Callable[[], tuple[dict[str, Any], str, str, Callable[[], dict[str, Any]] | None]],
    ) -> dict[str, Any]:
        """Run ``execute`` once per ``ClientToken``; replay its answer for a retry with the same parameters."""
        token = params.get("ClientToken")
        if token is None:
            return execute()[0]
        fingerprint = json.dumps(
            [operation, {key: value for key, value in params.items() if key != "ClientToken"}], sort_keys=True
        )
        record = self.client_tokens.get(token)
        if record is not None and self.now() >= record.created + float(self.config["client_token_ttl_seconds"]):
            del self.client_tokens[token]
            record = None
        if record is not None:
            if record.fingerprint != fingerprint:
                raise conflict(
                    "RESOURCE_ALREADY_EXISTS",
                    f"ClientToken {token!r} was already used with different parameters.",
                    record.resource_type,
                    record.resource_id,
                )
            return record.replay()
        response, resource_type, resource_id, replay = execute()
        stored = copy.deepcopy(response)
        self.client_tokens[token] = TokenRecord(
            fingerprint, resource_type, resource_id, replay or (lambda: copy.deepcopy(stored)), self.now()
        )
        return response

    def _paginate(
        self,
        operation: str,
        params: dict[str, Any],
        items: Iterable[Any],
        predicates: list[Callable[[Any], bool]] | None = None,
    ) -> tuple[list[Any], str | None]:
        """One page of the ``items`` (in ``seq`` order) matching all ``predicates``, and the next token.

        The token remembers the last ``seq`` returned, so pages stay stable when
        resources are added or removed between calls, and a hash of the query:
        a token from another query, or a mangled one, is ``INVALID_NEXT_TOKEN``.
        Items before the token are skipped before any predicate runs, so reading
        10,000 numbers page by page stays cheap.
        """
        query = {key: value for key, value in params.items() if key not in ("NextToken", "MaxResults")}
        digest = hashlib.sha256(json.dumps([operation, self.region, query], sort_keys=True).encode()).hexdigest()[:16]
        after = 0
        token = params.get("NextToken")
        if token is not None:
            try:
                decoded = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
                after = int(decoded["after"])
                valid = decoded["query"] == digest
            except (ValueError, KeyError, TypeError):
                valid = False
            if not valid:
                raise field_error("INVALID_NEXT_TOKEN", "NextToken", "The NextToken is not valid for this request.")
        limit = params.get("MaxResults") or DEFAULT_MAX_RESULTS
        page: list[Any] = []
        more = False
        for item in items:
            if item.seq <= after or not all(predicate(item) for predicate in predicates or ()):
                continue
            if len(page) == limit:
                more = True
                break
            page.append(item)
        if more:
            next_token = base64.urlsafe_b64encode(
                json.dumps({"after": page[-1].seq, "query": digest}).encode()
            ).decode()
            return page, next_token
        return page, None

    def _listing(
        self,
        operation: str,
        params: dict[str, Any],
        items: Iterable[Any],
        key: str,
        view: Callable[[Any], dict[str, Any]],
        predicates: list[Callable[[Any], bool]] | None = None,
        **members: Any,
    ) -> dict[str, Any]:
        """One page of ``items`` as the response ``{**members, key: [views], "NextToken"?}``."""
        page, token = self._paginate(operation, params, items, predicates)
        response: dict[str, Any] = {**members, key: [view(item) for item in page]}
        if token:
            response["NextToken"] = token
        return response

    @staticmethod
    def _selected(ids: list[str], find: Callable[[str, str], Any], member: str, everything: Iterable[Any]) -> Any:
        """The resources named by ``ids`` (IDs or ARNs, each once, in ``seq`` order), or ``everything`` without IDs."""
        if not ids:
            return everything
        found = {item.id: item for item in (find(identifier, member) for identifier in ids)}
        return sorted(found.values(), key=lambda item: item.seq)

    def _lookup(self, kind: str, store: dict[str, Any], identifier: str, member: str) -> Any:
        """The resource of ``kind`` named by ID/name or ARN (of this region), or ResourceNotFoundException."""
        key = identifier
        if identifier.startswith("arn:"):
            arn_kind, key, here = self._split_arn(identifier, member)
            if arn_kind != kind or not here:
                raise not_found(kind, identifier)
        found = store.get(key)
        if found is None:
            raise not_found(kind, identifier)
        return found

    def _describe(
        self,
        operation: str,
        params: dict[str, Any],
        ids_member: str,
        find: Callable[[str, str], Any],
        everything: Any,
        filters: Any,
        view: Callable[[Any], dict[str, Any]],
        output_key: str,
    ) -> dict[str, Any]:
        """DescribePhoneNumbers and DescribePools: IDs or Owner, filters, one page of views."""
        ids = params.get(ids_member) or []
        owner = params.get("Owner")
        if ids and owner:
            raise validation_error(
                "PARAMETERS_CANNOT_BE_USED_TOGETHER",
                f"Owner and {ids_member} can't be used together.",
                [
                    {"Name": "Owner", "Message": f"Can't be used with {ids_member}"},
                    {"Name": ids_member, "Message": "Can't be used with Owner"},
                ],
            )
        predicates = compile_filters(params.get("Filters") or [], filters)
        if ids:
            found = {item.id: item for item in (find(ident, ids_member) for ident in ids)}
            candidates = sorted(found.values(), key=lambda item: item.seq)
        elif owner == "SHARED":
            candidates = []
        else:
            candidates = everything
        page, token = self._paginate(operation, params, candidates, predicates)
        response: dict[str, Any] = {
            output_key: [{k: v for k, v in view(item).items() if v is not None} for item in page]
        }
        if token:
            response["NextToken"] = token
        return response
