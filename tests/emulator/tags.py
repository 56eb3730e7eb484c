"""Tags of phone numbers, pools and opt-out lists (TagResource, UntagResource, ListTagsForResource)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import _tag_list
from .errors import EmulatorError, field_error, quota_exceeded
from .validation import enum_values

if TYPE_CHECKING:
    from .numbers import PhoneNumber
    from .opt_out_lists import OptOutList
    from .pools import Pool


MAX_TAGS_PER_RESOURCE = 50


#: API operation -> method of :class:`TagsMixin`
TAG_OPERATIONS = {
    "TagResource": "tag_resource",
    "UntagResource": "untag_resource",
    "ListTagsForResource": "list_tags_for_resource",
}


class TagsMixin:
    """Tags: checked, merged within the per-resource limit, and listed."""

    @staticmethod
    def _checked_tags(tags: list[dict[str, str]], member: str = "Tags") -> dict[str, str]:
        result: dict[str, str] = {}
        for index, tag in enumerate(tags):
            key = tag["Key"]
            if key.lower().startswith("aws:"):
                raise field_error(
                    "FIELD_VALIDATION_FAILED", f"{member}[{index}].Key", "Tag keys starting with 'aws:' are reserved."
                )
            if key in result:
                raise field_error("FIELD_VALIDATION_FAILED", f"{member}[{index}].Key", f"Duplicate tag key {key!r}.")
            result[key] = tag["Value"]
        return result

    @staticmethod
    def _merged_tags(existing: dict[str, str], new: dict[str, str]) -> dict[str, str]:
        merged = {**existing, **new}
        if len(merged) > MAX_TAGS_PER_RESOURCE:
            raise quota_exceeded(
                "TAGS_PER_RESOURCE",
                f"A resource can have at most {MAX_TAGS_PER_RESOURCE} tags ({len(merged)} requested).",
            )
        return merged

    def _tagged_resource(self, arn: str, write: bool) -> PhoneNumber | Pool | OptOutList:
        """The phone number, pool or opt-out list an ARN names (``write``: a released number is not found)."""
        kind, key, here = self._split_arn(arn, "ResourceArn")
        resource_types = enum_values("ResourceType")
        if kind not in resource_types:
            raise field_error("INVALID_ARN", "ResourceArn", f"Unknown resource type {kind!r} in {arn!r}")
        resource: PhoneNumber | Pool | OptOutList | None = None
        if here and kind == "phone-number":
            resource = self.numbers.get(key)
            if resource is not None and write and resource.deleted_at is not None:
                resource = None
        elif here and kind == "pool":
            resource = self.pools.get(key)
        elif here and kind == "opt-out-list":
            resource = self.opt_out_lists.get(key)
        elif here and kind == "sender-id":
            resource = self.sender_ids.get(key)
        if resource is None:
            raise EmulatorError(
                "ResourceNotFoundException", f"The resource {arn} does not exist.", ResourceType=kind, ResourceId=arn
            )
        return resource

    def tag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._tagged_resource(params["ResourceArn"], write=True)
        resource.tags = self._merged_tags(resource.tags, self._checked_tags(params["Tags"]))
        return {}

    def untag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._tagged_resource(params["ResourceArn"], write=True)
        for index, key in enumerate(params["TagKeys"]):
            if key.lower().startswith("aws:"):
                raise field_error(
                    "FIELD_VALIDATION_FAILED", f"TagKeys[{index}]", "Tag keys starting with 'aws:' are reserved."
                )
        for key in params["TagKeys"]:
            resource.tags.pop(key, None)
        return {}

    def list_tags_for_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._tagged_resource(params["ResourceArn"], write=False)
        return {"ResourceArn": params["ResourceArn"], "Tags": _tag_list(resource.tags)}
