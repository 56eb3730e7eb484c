"""The destination numbers on an opt-out list: PutOptedOutNumber, DescribeOptedOutNumbers, DeleteOptedOutNumber.

What the model states is enforced by validation (E.164-like pattern, at most 5 ``OptedOutNumbers``,
``MaxResults`` 1..100, the filter ``end-user-opted-out``). Where it is silent, the emulator chooses
(README, "The emulator"):

* A number is stored in E.164 (``+`` added when the request leaves it out). Putting a number that
  is already on the list changes nothing and answers the entry as it is (its first timestamp, and
  ``EndUserOptedOut`` as it was): a put is idempotent.
* ``EndUserOptedOut`` is false for a number an API caller put; the seed endpoint (``POST
  /_emulator/seed`` with ``{"opted_out_numbers": {...}}``) adds numbers as if their end users had
  replied STOP, with ``EndUserOptedOut`` true.
* DeleteOptedOutNumber's doc: "Each destination phone number can only be deleted once every 30 days."
  A second deletion of the same number from the same list within ``opt_in_interval_seconds``
  (30 days) of the first answers ValidationException ``PHONE_NUMBER_CANNOT_BE_OPTED_IN`` (the
  model's reason for a number that cannot be opted in, which a deletion does). A number not on the
  list, or an ``OptedOutNumbers`` entry not on it, is ResourceNotFoundException with ResourceType
  ``opted-out-number``.
* Deleting an opt-out list deletes its entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .core import _bool_checker, _flag, compile_filters
from .errors import not_found, validation_error
from .validation import filter_output

if TYPE_CHECKING:
    from .opt_out_lists import OptOutList

#: DeleteOptedOutNumber's doc: once every 30 days.
DEFAULT_OPT_IN_INTERVAL_SECONDS = 30 * 86_400.0


@dataclass
class OptedOutNumber:
    seq: int
    number: str
    opted_out_at: float
    end_user: bool

    def view(self) -> dict[str, Any]:
        return {"OptedOutNumber": self.number, "OptedOutTimestamp": self.opted_out_at, "EndUserOptedOut": self.end_user}


def e164(value: str) -> str:
    return value if value.startswith("+") else "+" + value


_FILTERS = {"end-user-opted-out": (_bool_checker, True, lambda entry: _flag(entry.end_user))}

#: API operation -> method of :class:`OptedOutNumbersMixin`
OPTED_OUT_NUMBER_OPERATIONS = {
    "PutOptedOutNumber": "put_opted_out_number",
    "DescribeOptedOutNumbers": "describe_opted_out_numbers",
    "DeleteOptedOutNumber": "delete_opted_out_number",
}


class OptedOutNumbersMixin:
    """The entries of opt-out lists (``OptOutList.opted_out``, by E.164 number)."""

    def add_opted_out(self, opt_out_list: OptOutList, number: str, end_user: bool) -> OptedOutNumber:
        number = e164(number)
        entry = opt_out_list.opted_out.get(number)
        if entry is None:
            entry = OptedOutNumber(next(self._seq), number, self.now(), end_user)  # type: ignore[attr-defined]
            opt_out_list.opted_out[number] = entry
        return entry

    def _entry_response(self, operation: str, opt_out_list: OptOutList, entry: OptedOutNumber) -> dict[str, Any]:
        response = {"OptOutListArn": opt_out_list.arn, "OptOutListName": opt_out_list.name, **entry.view()}
        return filter_output(operation, response)

    def put_opted_out_number(self, params: dict[str, Any]) -> dict[str, Any]:
        opt_out_list = self._opt_out_list(params["OptOutListName"])  # type: ignore[attr-defined]
        entry = self.add_opted_out(opt_out_list, params["OptedOutNumber"], end_user=False)
        return self._entry_response("PutOptedOutNumber", opt_out_list, entry)

    def describe_opted_out_numbers(self, params: dict[str, Any]) -> dict[str, Any]:
        opt_out_list = self._opt_out_list(params["OptOutListName"])  # type: ignore[attr-defined]
        wanted = [e164(number) for number in params.get("OptedOutNumbers") or []]
        if wanted:
            missing = [number for number in wanted if number not in opt_out_list.opted_out]
            if missing:
                raise not_found("opted-out-number", missing[0])
            entries = [opt_out_list.opted_out[number] for number in dict.fromkeys(wanted)]
            candidates: Any = sorted(entries, key=lambda entry: entry.seq)
        else:
            candidates = sorted(opt_out_list.opted_out.values(), key=lambda entry: entry.seq)
        predicates = compile_filters(params.get("Filters") or [], _FILTERS)
        page, token = self._paginate("DescribeOptedOutNumbers", params, candidates, predicates)  # type: ignore[attr-defined]
        response: dict[str, Any] = {
            "OptOutListArn": opt_out_list.arn,
            "OptOutListName": opt_out_list.name,
            "OptedOutNumbers": [entry.view() for entry in page],
        }
        if token:
            response["NextToken"] = token
        return filter_output("DescribeOptedOutNumbers", response)

    def delete_opted_out_number(self, params: dict[str, Any]) -> dict[str, Any]:
        opt_out_list = self._opt_out_list(params["OptOutListName"])  # type: ignore[attr-defined]
        number = e164(params["OptedOutNumber"])
        entry = opt_out_list.opted_out.get(number)
        if entry is None:
            raise not_found("opted-out-number", number)
        last = opt_out_list.opted_in_at.get(number)
        interval = float(self.config["opt_in_interval_seconds"])  # type: ignore[attr-defined]
        if last is not None and self.now() < last + interval:  # type: ignore[attr-defined]
            raise validation_error(
                "PHONE_NUMBER_CANNOT_BE_OPTED_IN",
                f"{number} was deleted from opt-out list {opt_out_list.name} less than {interval / 86_400:g} days "
                "ago; each destination phone number can only be deleted once every 30 days.",
                [{"Name": "OptedOutNumber", "Message": "Deleted too recently"}],
            )
        del opt_out_list.opted_out[number]
        opt_out_list.opted_in_at[number] = self.now()  # type: ignore[attr-defined]
        return self._entry_response("DeleteOptedOutNumber", opt_out_list, entry)
