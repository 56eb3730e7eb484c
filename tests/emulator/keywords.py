"""Keywords of phone numbers and pools."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .core import FilterSpec, _enum_checker, compile_filters
from .errors import conflict, not_found, quota_exceeded
from .keyword_rules import check_us_toll_free_keyword
from .pools import Pool

if TYPE_CHECKING:
    from .numbers import PhoneNumber


MAX_KEYWORDS = 30
PROTECTED_KEYWORDS = {"STOP": "OPT_OUT", "HELP": "AUTOMATIC_RESPONSE"}


DEFAULT_KEYWORDS = (
    ("STOP", "You have been unsubscribed and will no longer receive messages from this number.", "OPT_OUT"),
    ("HELP", "This is an automated message. Reply STOP to unsubscribe.", "AUTOMATIC_RESPONSE"),
)


@dataclass
class Keyword:
    seq: int
    keyword: str
    message: str
    action: str

    def view(self) -> dict[str, str]:
        return {"Keyword": self.keyword, "KeywordMessage": self.message, "KeywordAction": self.action}


_KEYWORD_FILTERS: dict[str, FilterSpec] = {
    "keyword-action": (_enum_checker("KeywordAction"), False, lambda k: [k.action]),
}


#: API operation -> method of :class:`KeywordsMixin`
KEYWORD_OPERATIONS = {
    "PutKeyword": "put_keyword",
    "DescribeKeywords": "describe_keywords",
    "DeleteKeyword": "delete_keyword",
}


class KeywordsMixin:
    """Keywords: PutKeyword, DescribeKeywords, DeleteKeyword on a number or a pool."""

    def _keyword_owner(self, identifier: str, write: bool) -> PhoneNumber | Pool:
        is_pool = identifier.startswith("pool-")
        if identifier.startswith("arn:"):
            kind = self._split_arn(identifier, "OriginationIdentity")[0]
            is_pool = kind == "pool"
        if is_pool:
            pool = self._pool(identifier, "OriginationIdentity")
            if write:
                self._require_pool_active(pool)
            return pool
        number = self._number(identifier, "OriginationIdentity")
        if write:
            self._require_not_deleted(number)
        return number

    def put_keyword(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._keyword_owner(params["OriginationIdentity"], write=True)
        keyword = params["Keyword"]
        key = keyword.upper()
        action = params.get("KeywordAction") or "AUTOMATIC_RESPONSE"
        if key in PROTECTED_KEYWORDS and action != PROTECTED_KEYWORDS[key]:
            raise conflict(
                "RESOURCE_MODIFICATION_NOT_ALLOWED",
                f"The action of keyword {key} can't be changed (it is always {PROTECTED_KEYWORDS[key]}).",
                "keyword",
                keyword,
            )
        if key not in owner.keywords and len(owner.keywords) >= MAX_KEYWORDS:
            if isinstance(owner, Pool):
                raise quota_exceeded("KEYWORDS_PER_POOL", f"A pool can have at most {MAX_KEYWORDS} keywords.")
            raise quota_exceeded(
                "KEYWORDS_PER_PHONE_NUMBER", f"A phone number can have at most {MAX_KEYWORDS} keywords."
            )
        existing = owner.keywords.get(key)
        if self._is_us_toll_free(owner):
            check_us_toll_free_keyword(
                key, keyword, action, params["KeywordMessage"], existing.message if existing else None
            )
        seq = existing.seq if existing else next(self._seq)
        record = Keyword(seq, key, params["KeywordMessage"], action)
        owner.keywords[key] = record
        return {**self._owner_ids(owner), **record.view()}

    def _is_us_toll_free(self, owner: PhoneNumber | Pool) -> bool:
        numbers = self._pool_members(owner) if isinstance(owner, Pool) else [owner]
        return any((n.iso_country_code, n.number_type) == ("US", "TOLL_FREE") for n in numbers)

    @staticmethod
    def _owner_ids(owner: PhoneNumber | Pool) -> dict[str, str]:
        return {"OriginationIdentityArn": owner.arn, "OriginationIdentity": owner.id}

    def describe_keywords(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._keyword_owner(params["OriginationIdentity"], write=False)
        wanted = params.get("Keywords") or []
        for keyword in wanted:
            if keyword.upper() not in owner.keywords:
                raise not_found("keyword", keyword)
        predicates = compile_filters(params.get("Filters") or [], _KEYWORD_FILTERS)
        keys = {keyword.upper() for keyword in wanted}
        candidates = [
            record
            for key, record in owner.keywords.items()
            if (not keys or key in keys) and all(predicate(record) for predicate in predicates)
        ]
        candidates.sort(key=lambda record: record.seq)
        page, token = self._paginate("DescribeKeywords", params, candidates)
        response: dict[str, Any] = {**self._owner_ids(owner), "Keywords": [record.view() for record in page]}
        if token:
            response["NextToken"] = token
        return response

    def delete_keyword(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._keyword_owner(params["OriginationIdentity"], write=True)
        keyword = params["Keyword"]
        key = keyword.upper()
        if key in PROTECTED_KEYWORDS:
            raise conflict("RESOURCE_DELETION_NOT_ALLOWED", f"Keyword {key} can't be deleted.", "keyword", keyword)
        record = owner.keywords.pop(key, None)
        if record is None:
            raise not_found("keyword", keyword)
        return {**self._owner_ids(owner), **record.view()}
