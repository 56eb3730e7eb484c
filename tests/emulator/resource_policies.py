"""Resource-based policies, for sharing a phone number, pool, opt-out list or sender ID with other accounts.

PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on a resource's ARN (the resource must
exist: ResourceNotFoundException otherwise, as for tags). The model states the ARN pattern and the
policy's length (1 to 10,000 characters); where it is silent the emulator chooses (README):

* The policy must be a JSON object with a ``Statement``; anything else is ValidationException
  ``INVALID_PARAMETER`` (field ``Policy``). It is kept and answered as the text sent: the service is
  not known to reformat it, so a caller compares policies as JSON, not as text.
* ``CreatedTimestamp`` is when the resource's current policy was first put; putting another replaces
  the text and keeps the time.
* A resource without a policy: GetResourcePolicy and DeleteResourcePolicy answer
  ResourceNotFoundException with ResourceType ``policy`` (the model's ResourceType has ``policy``),
  or, with ``{"missing_resource_policy": "empty"}``, GetResourcePolicy answers the ARN alone.
* A released number, a deleted pool or opt-out list takes its policy with it.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import EmulatorError, field_error
from .validation import filter_output

#: API operation -> method of :class:`ResourcePoliciesMixin`
RESOURCE_POLICY_OPERATIONS = {
    "PutResourcePolicy": "put_resource_policy",
    "GetResourcePolicy": "get_resource_policy",
    "DeleteResourcePolicy": "delete_resource_policy",
}

MISSING_POLICY_CHOICES = ("not_found", "empty")


def check_policy_text(text: str) -> None:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise field_error("INVALID_PARAMETER", "Policy", f"The policy is not valid JSON: {error}.") from error
    if not isinstance(document, dict) or "Statement" not in document:
        raise field_error("INVALID_PARAMETER", "Policy", "The policy must be a JSON object with a Statement.")


class ResourcePoliciesMixin:
    """Each resource's ``policy`` and ``policy_created`` (None without a policy)."""

    def _policy_owner(self, arn: str) -> Any:
        return self._tagged_resource(arn, write=True)  # type: ignore[attr-defined]

    def _no_policy(self, arn: str) -> EmulatorError:
        return EmulatorError(
            "ResourceNotFoundException",
            f"The resource {arn} has no resource policy.",
            ResourceType="policy",
            ResourceId=arn,
        )

    def put_resource_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._policy_owner(params["ResourceArn"])
        check_policy_text(params["Policy"])
        if owner.policy is None:
            owner.policy_created = self.now()  # type: ignore[attr-defined]
        owner.policy = params["Policy"]
        return filter_output(
            "PutResourcePolicy",
            {"ResourceArn": params["ResourceArn"], "Policy": owner.policy, "CreatedTimestamp": owner.policy_created},
        )

    def get_resource_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._policy_owner(params["ResourceArn"])
        if owner.policy is None:
            if self.config["missing_resource_policy"] == "empty":  # type: ignore[attr-defined]
                return {"ResourceArn": params["ResourceArn"]}
            raise self._no_policy(params["ResourceArn"])
        return filter_output(
            "GetResourcePolicy",
            {"ResourceArn": params["ResourceArn"], "Policy": owner.policy, "CreatedTimestamp": owner.policy_created},
        )

    def delete_resource_policy(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = self._policy_owner(params["ResourceArn"])
        if owner.policy is None:
            raise self._no_policy(params["ResourceArn"])
        response = {
            "ResourceArn": params["ResourceArn"],
            "Policy": owner.policy,
            "CreatedTimestamp": owner.policy_created,
        }
        owner.policy, owner.policy_created = None, None
        return filter_output("DeleteResourcePolicy", response)
