"""Opt-out lists; ``Default`` always exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .core import _tag_list
from .errors import conflict, validation_error
from .validation import filter_output

if TYPE_CHECKING:
    from .opted_out_numbers import OptedOutNumber

#: The default of the ``opt_out_lists_quota`` setting (:mod:`.limits`).
MAX_OPT_OUT_LISTS = 100
DEFAULT_OPT_OUT_LIST = "Default"


@dataclass
class OptOutList:
    seq: int
    name: str
    arn: str
    created: float
    tags: dict[str, str] = field(default_factory=dict)
    #: E.164 number -> its entry (:mod:`.opted_out_numbers`)
    opted_out: dict[str, OptedOutNumber] = field(default_factory=dict)
    #: E.164 number -> when it was last deleted from the list (opted in again)
    opted_in_at: dict[str, float] = field(default_factory=dict)
    policy: str | None = None
    policy_created: float | None = None


#: API operation -> method of :class:`OptOutListsMixin`
OPT_OUT_LIST_OPERATIONS = {
    "CreateOptOutList": "create_opt_out_list",
    "DescribeOptOutLists": "describe_opt_out_lists",
    "DeleteOptOutList": "delete_opt_out_list",
}


class OptOutListsMixin:
    """Opt-out lists, and who uses them."""

    def _opt_out_list(self, identifier: str, member: str = "OptOutListName") -> OptOutList:
        return self._lookup("opt-out-list", self.opt_out_lists, identifier, member)

    def _add_opt_out_list(self, name: str, tags: dict[str, str]) -> OptOutList:
        opt_out_list = OptOutList(next(self._seq), name, self.arn("opt-out-list", name), self.now(), dict(tags))
        self.opt_out_lists[name] = opt_out_list
        return opt_out_list

    @staticmethod
    def opt_out_list_view(opt_out_list: OptOutList) -> dict[str, Any]:
        return {
            "OptOutListArn": opt_out_list.arn,
            "OptOutListName": opt_out_list.name,
            "CreatedTimestamp": opt_out_list.created,
        }

    def create_opt_out_list(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, None]:
            name = params["OptOutListName"]
            if name in self.opt_out_lists:
                raise conflict("RESOURCE_ALREADY_EXISTS", f"Opt-out list {name} already exists.", "opt-out-list", name)
            self.check_room("OPT_OUT_LISTS")
            tags = self._merged_tags({}, self._checked_tags(params.get("Tags") or []))
            opt_out_list = self._add_opt_out_list(name, tags)
            response = {**self.opt_out_list_view(opt_out_list), "Tags": _tag_list(opt_out_list.tags)}
            return filter_output("CreateOptOutList", response), "opt-out-list", name, None

        return self._idempotent("CreateOptOutList", params, execute)

    def describe_opt_out_lists(self, params: dict[str, Any]) -> dict[str, Any]:
        names = params.get("OptOutListNames") or []
        owner = params.get("Owner")
        if names and owner:
            raise validation_error(
                "PARAMETERS_CANNOT_BE_USED_TOGETHER",
                "Owner and OptOutListNames can't be used together.",
                [
                    {"Name": "Owner", "Message": "Can't be used with OptOutListNames"},
                    {"Name": "OptOutListNames", "Message": "Can't be used with Owner"},
                ],
            )
        if names:
            found = {item.name: item for item in (self._opt_out_list(name, "OptOutListNames") for name in names)}
            candidates = sorted(found.values(), key=lambda item: item.seq)
        elif owner == "SHARED":
            candidates = []
        else:
            candidates = self.opt_out_lists.values()
        page, token = self._paginate("DescribeOptOutLists", params, candidates)
        response: dict[str, Any] = {"OptOutLists": [self.opt_out_list_view(item) for item in page]}
        if token:
            response["NextToken"] = token
        return response

    def delete_opt_out_list(self, params: dict[str, Any]) -> dict[str, Any]:
        opt_out_list = self._opt_out_list(params["OptOutListName"])
        if opt_out_list.name == DEFAULT_OPT_OUT_LIST:
            raise conflict(
                "RESOURCE_DELETION_NOT_ALLOWED",
                "The Default opt-out list can't be deleted.",
                "opt-out-list",
                opt_out_list.name,
            )
        users = [n.id for n in self.numbers.values() if n.deleted_at is None and n.opt_out_list == opt_out_list.name]
        users += [p.id for p in self.pools.values() if p.opt_out_list == opt_out_list.name]
        if users:
            raise conflict(
                "RESOURCE_DELETION_NOT_ALLOWED",
                f"Opt-out list {opt_out_list.name} is in use by {', '.join(users[:5])}.",
                "opt-out-list",
                opt_out_list.name,
            )
        del self.opt_out_lists[opt_out_list.name]
        return filter_output("DeleteOptOutList", self.opt_out_list_view(opt_out_list))
