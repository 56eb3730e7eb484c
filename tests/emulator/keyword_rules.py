"""The keyword rules of US toll-free numbers (user guide, "Required keywords").

On US toll-free numbers the carriers handle opt-outs themselves: STOP is the
only opt-out keyword, and its reply cannot be changed. The model offers no
reason that names this, so the emulator answers (a choice, listed in the
README):

* another keyword with ``KeywordAction`` ``OPT_OUT``: ``ValidationException``
  ``INVALID_PARAMETER`` naming ``KeywordAction``, because the request itself is
  not valid for the number;
* a new reply for STOP: ``ConflictException``
  ``RESOURCE_MODIFICATION_NOT_ALLOWED``, the reason the emulator already uses
  for the fixed action of STOP and HELP.

A pool with a US toll-free member follows the same rules, since its keywords
answer for that number.
"""

from __future__ import annotations

from .errors import conflict, field_error

OPT_OUT_KEYWORD = "STOP"


def check_us_toll_free_keyword(key: str, keyword: str, action: str, message: str, current_message: str | None) -> None:
    """Refuse a PutKeyword that a US toll-free number does not allow; ``key`` is the upper-cased keyword."""
    if key != OPT_OUT_KEYWORD and action == "OPT_OUT":
        raise field_error(
            "INVALID_PARAMETER",
            "KeywordAction",
            f"On US toll-free numbers only {OPT_OUT_KEYWORD} is an opt-out keyword; {key} can't be OPT_OUT.",
        )
    if key == OPT_OUT_KEYWORD and current_message is not None and message != current_message:
        raise conflict(
            "RESOURCE_MODIFICATION_NOT_ALLOWED",
            f"The reply to {OPT_OUT_KEYWORD} on a US toll-free number can't be changed.",
            "keyword",
            keyword,
        )
