"""An IAM identity-based policy, enforced on every call (``POST /_emulator/config {"iam_policy": ...}``).

With a policy set, each call of the SMS API (IAM prefix ``sms-voice:``) and
the Tagging API's ``GetResources`` (``tag:GetResources``) is authorized as IAM
authorizes a caller whose only policy is this one: an explicit ``Deny`` wins,
then an ``Allow`` is needed, else the call is denied by default. A denied call
answers ``AccessDeniedException`` (HTTP 400) in the AWS wording, naming the
caller ``arn:<partition>:iam::<account>:user/emulator``, the action and the
resource, and is logged like any other failed call.

What a policy may hold: ``Version`` (optional), ``Id``, and ``Statement`` (an
object or a list of them; an empty list denies every call), each with ``Sid``, ``Effect`` (``Allow``/``Deny``), ``Action``
or ``NotAction`` and ``Resource`` or ``NotResource`` (a string or a list of
strings). Actions match as IAM matches them: ``*`` and ``?`` wildcards, case
insensitive. Resources are ARNs matched case-sensitively, with ``*`` and ``?``
inside a segment (the parts between colons) and a ``*`` that ends a segment
matching past its colons, as IAM documents. Anything else is refused when the
policy is set (HTTP 400, nothing changed): ``Condition`` (the emulator has no
request context to evaluate it, and ignoring it would allow or deny more than
AWS), ``Principal`` (not part of an identity-based policy) and policy
variables (``${...}``).

The resources a call is authorized on (:func:`resources`) follow the
Service Authorization Reference's resource types for the service
(``phone-number``, ``pool``, ``opt-out-list``, ``sender-id``, ``registration``),
built from the identifiers in the request; an identifier given as an ARN is
used as it is. Where the reference names no resource, or a call names none,
the resource is ``*``, which only a statement whose ``Resource`` matches
every ARN (``*``) allows. The table below is the emulator's reading and its
choices; the README's emulator section lists them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .core import _partition
from .errors import EmulatorError

SMS_PREFIX = "sms-voice"
TAGGING_PREFIX = "tag"
#: The caller every denial names: the emulator has no identities of its own.
CALLER = "arn:{partition}:iam::{account}:user/emulator"
VERSIONS = ("2012-10-17", "2008-10-17")
_POLICY_KEYS = {"Version", "Id", "Statement"}
_STATEMENT_KEYS = {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource"}

#: Request member -> the resource type its value names.
_MEMBER_KIND = {
    "PhoneNumberId": "phone-number",
    "PoolId": "pool",
    "OptOutListName": "opt-out-list",
    "RegistrationId": "registration",
}

#: operation -> the request members naming the resources it is authorized on, in order.
#: ``OriginationIdentity`` is a phone number, a sender ID or (for keywords) a pool,
#: told apart by its form. A list member (``PhoneNumberIds``) names one resource per item.
#: Operations not listed (RequestPhoneNumber, CreateOptOutList, ListAvailablePhoneNumbers,
#: GetResources, ...) are authorized on ``*``: creates name no existing resource, and the
#: emulator does not authorize the pool, opt-out list or registration a request refers to.
TARGETS: dict[str, tuple[str, ...]] = {
    "AssociateOriginationIdentity": ("PoolId", "OriginationIdentity"),
    "CreatePool": ("OriginationIdentity",),
    "DeleteKeyword": ("OriginationIdentity",),
    "DeleteOptOutList": ("OptOutListName",),
    "DeleteOptedOutNumber": ("OptOutListName",),
    "DeleteResourcePolicy": ("ResourceArn",),
    "DeletePool": ("PoolId",),
    "DescribeKeywords": ("OriginationIdentity",),
    "DescribeOptOutLists": ("OptOutListNames",),
    "DescribeOptedOutNumbers": ("OptOutListName",),
    "DescribePhoneNumbers": ("PhoneNumberIds",),
    "DescribePools": ("PoolIds",),
    "DescribeRegistrations": ("RegistrationIds",),
    "DisassociateOriginationIdentity": ("PoolId", "OriginationIdentity"),
    "GetResourcePolicy": ("ResourceArn",),
    "ListPoolOriginationIdentities": ("PoolId",),
    "ListTagsForResource": ("ResourceArn",),
    "PutKeyword": ("OriginationIdentity",),
    "PutOptedOutNumber": ("OptOutListName",),
    "PutResourcePolicy": ("ResourceArn",),
    "ReleasePhoneNumber": ("PhoneNumberId",),
    "ReleaseSenderId": ("SenderId",),
    "UpdateSenderId": ("SenderId",),
    "DescribeSenderIds": ("SenderIds",),
    "TagResource": ("ResourceArn",),
    "UntagResource": ("ResourceArn",),
    "UpdatePhoneNumber": ("PhoneNumberId",),
    "UpdatePool": ("PoolId",),
}


def check_policy(value: Any) -> dict[str, Any] | None:
    """``value`` if it is ``None`` or a policy document the emulator can enforce; ``ValueError`` naming the flaw."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"iam_policy must be a policy document (a JSON object) or null, not {value!r}")
    unknown = set(value) - _POLICY_KEYS
    if unknown:
        raise ValueError(f"iam_policy: unsupported key(s) {sorted(unknown)}; a policy has {sorted(_POLICY_KEYS)}")
    if "Version" in value and value["Version"] not in VERSIONS:
        raise ValueError(f"iam_policy.Version must be one of {list(VERSIONS)}, not {value['Version']!r}")
    if "Statement" not in value:
        raise ValueError("iam_policy needs a Statement (an object or a list of them)")
    statements = value["Statement"]
    for index, statement in enumerate(statements if isinstance(statements, list) else [statements]):
        _check_statement(statement, f"iam_policy.Statement[{index}]")
    compiled(value)  # every pattern compiles
    return value


def _check_statement(statement: Any, where: str) -> None:
    if not isinstance(statement, dict):
        raise ValueError(f"{where} must be an object, not {statement!r}")
    if "Condition" in statement:
        raise ValueError(
            f"{where}: Condition is not supported by the emulator (it has no request context to evaluate it); remove it"
        )
    if "Principal" in statement or "NotPrincipal" in statement:
        raise ValueError(f"{where}: Principal/NotPrincipal belong in resource-based policies, not an identity's")
    unknown = set(statement) - _STATEMENT_KEYS
    if unknown:
        raise ValueError(f"{where}: unsupported key(s) {sorted(unknown)}")
    if statement.get("Effect") not in ("Allow", "Deny"):
        raise ValueError(f"{where}.Effect must be 'Allow' or 'Deny', not {statement.get('Effect')!r}")
    if "Sid" in statement and not isinstance(statement["Sid"], str):
        raise ValueError(f"{where}.Sid must be a string")
    for positive, negative in (("Action", "NotAction"), ("Resource", "NotResource")):
        present = [key for key in (positive, negative) if key in statement]
        if len(present) != 1:
            raise ValueError(f"{where} needs exactly one of {positive} and {negative}")
        key = present[0]
        patterns = _strings(statement[key], f"{where}.{key}")
        for pattern in patterns:
            if "${" in pattern:
                raise ValueError(f"{where}.{key}: policy variables are not supported ({pattern!r})")
            if positive == "Action" and pattern != "*" and not re.fullmatch(r"[A-Za-z0-9-]+:[A-Za-z0-9*?]+", pattern):
                raise ValueError(f"{where}.{key}: {pattern!r} is not an action ('service:Action' or '*')")
            if positive == "Resource" and pattern != "*" and not pattern.startswith("arn:"):
                raise ValueError(f"{where}.{key}: {pattern!r} is not an ARN or '*'")


def _strings(value: Any, where: str) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(item, str) and item for item in values):
        raise ValueError(f"{where} must be a non-empty string or a non-empty list of them")
    return values


def _action_regex(pattern: str) -> re.Pattern[str]:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(body, re.IGNORECASE | re.DOTALL)


def _resource_regex(pattern: str) -> re.Pattern[str]:
    parts = []
    for index, c in enumerate(pattern):
        if c == "*":
            ends_segment = index + 1 == len(pattern) or pattern[index + 1] == ":"
            parts.append(".*" if ends_segment else "[^:]*")
        elif c == "?":
            parts.append("[^:]")
        else:
            parts.append(re.escape(c))
    return re.compile("".join(parts), re.DOTALL)


Matcher = Callable[[str], bool]


def _matcher(patterns: list[str], regex: Callable[[str], re.Pattern[str]], negated: bool) -> Matcher:
    compiled_patterns = [regex(pattern) for pattern in patterns]

    def matches(value: str) -> bool:
        hit = any(p.fullmatch(value) for p in compiled_patterns)
        return hit != negated

    return matches


def compiled(policy: dict[str, Any]) -> list[tuple[str, Matcher, Matcher]]:
    """``[(effect, action matcher, resource matcher)]`` of a checked policy (cached by its JSON text)."""
    return _compile(json.dumps(policy, sort_keys=True))


@lru_cache(maxsize=32)
def _compile(text: str) -> list[tuple[str, Matcher, Matcher]]:
    statements = json.loads(text)["Statement"]
    result = []
    for statement in statements if isinstance(statements, list) else [statements]:
        action_key = "Action" if "Action" in statement else "NotAction"
        resource_key = "Resource" if "Resource" in statement else "NotResource"
        actions = _matcher(_strings(statement[action_key], action_key), _action_regex, action_key == "NotAction")
        resources = _matcher(
            _strings(statement[resource_key], resource_key), _resource_regex, resource_key == "NotResource"
        )
        result.append((statement["Effect"], actions, resources))
    return result


def action_for(operation: str) -> str:
    """The IAM action an operation needs: ``tag:GetResources``, else ``sms-voice:<operation>``."""
    from . import tagging

    prefix = TAGGING_PREFIX if operation in tagging.OPERATIONS else SMS_PREFIX
    return f"{prefix}:{operation}"


def resources(operation: str, params: Any, region: str, account_id: str) -> list[str]:
    """The ARNs a call is authorized on (``["*"]`` when it names none); see :data:`TARGETS`."""
    partition = _partition(region)

    def arn(kind: str, resource_id: str) -> str:
        if resource_id.startswith("arn:"):
            return resource_id
        return f"arn:{partition}:{SMS_PREFIX}:{region}:{account_id}:{kind}/{resource_id}"

    found: list[str] = []
    for member in TARGETS.get(operation, ()):
        value = params.get(member) if isinstance(params, dict) else None
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict) and member == "SenderIds":  # SenderIdAndCountry
                found.append(arn("sender-id", f"{item.get('SenderId')}/{item.get('IsoCountryCode')}"))
                continue
            if not isinstance(item, str) or not item:
                continue
            if member == "ResourceArn":
                found.append(item)
            elif member == "SenderId":
                found.append(arn("sender-id", f"{item}/{params.get('IsoCountryCode', '')}"))
            elif member == "OriginationIdentity":
                kind = _identity_kind(item)
                if kind == "sender-id" and not item.startswith("arn:"):
                    item = f"{item}/{params.get('IsoCountryCode', '')}"
                found.append(arn(kind, item))
            else:
                found.append(arn(_MEMBER_KIND[member.removesuffix("s")], item))
    return found or ["*"]


def _identity_kind(identifier: str) -> str:
    """An OriginationIdentity's resource type by its form; a sender ID is anything else (its ARN ends in the country)."""
    if identifier.startswith("phone-"):
        return "phone-number"
    if identifier.startswith("pool-"):
        return "pool"
    return "sender-id"


def decide(policy: dict[str, Any], action: str, resource: str) -> str:
    """``"allow"``, ``"deny"`` (an explicit Deny) or ``"implicit"`` (no statement allows it)."""
    verdict = "implicit"
    for effect, actions, resources_match in compiled(policy):
        if actions(action) and resources_match(resource):
            if effect == "Deny":
                return "deny"
            verdict = "allow"
    return verdict


def authorize(policy: dict[str, Any], operation: str, params: Any, region: str, account_id: str) -> None:
    """Raise ``AccessDeniedException`` unless ``policy`` allows the call on every resource it targets."""
    action = action_for(operation)
    caller = CALLER.format(partition=_partition(region), account=account_id)
    for resource in resources(operation, params, region, account_id):
        verdict = decide(policy, action, resource)
        if verdict == "allow":
            continue
        if verdict == "deny":
            cause = "with an explicit deny in an identity-based policy"
        else:
            cause = f"because no identity-based policy allows the {action} action"
        raise EmulatorError(
            "AccessDeniedException",
            f"User: {caller} is not authorized to perform: {action} on resource: {resource} {cause}",
        )
