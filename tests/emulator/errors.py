"""The one exception type the emulator's backend raises, and helpers that build it.

Every error the emulator returns is an :class:`EmulatorError` carrying the
service's error code (the JSON ``__type``), the HTTP status and the modelled
extra members (``Reason``, ``Fields``, ``ResourceType``, ``ResourceId``).
The helpers exist so the reason and resource-type strings the backend can emit
are all literal first arguments of a handful of functions: a test reads them
from the source with ``ast`` and checks each against botocore's enums, so a
typo or a reason the model does not know fails the suite.
"""

from __future__ import annotations

from typing import Any


class EmulatorError(Exception):
    """An API error: ``code`` is the JSON ``__type``; ``extra`` holds modelled members."""

    def __init__(self, code: str, message: str, status: int = 400, **extra: Any) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.extra = {key: value for key, value in extra.items() if value is not None}

    def body(self) -> dict[str, Any]:
        """The JSON error document: ``__type``, then the error shape's members (``Message``, ``Reason``...)."""
        return {"__type": self.code, "Message": self.message, **self.extra}


def validation_error(reason: str, message: str, fields: list[dict[str, str]] | None = None) -> EmulatorError:
    """ValidationException with ``Reason`` and ``Fields`` (``[{"Name", "Message"}]``)."""
    return EmulatorError("ValidationException", message, Reason=reason, Fields=fields)


def field_error(reason: str, name: str, message: str) -> EmulatorError:
    """ValidationException about one member; the message names it, ``Fields`` lists it."""
    return validation_error(reason, f"{name}: {message}", [{"Name": name, "Message": message}])


def not_found(resource_type: str, resource_id: str, message: str | None = None) -> EmulatorError:
    """ResourceNotFoundException naming the resource type and the identifier the caller gave."""
    return EmulatorError(
        "ResourceNotFoundException",
        message or f"The {resource_type} {resource_id} does not exist.",
        ResourceType=resource_type,
        ResourceId=resource_id,
    )


def conflict(
    reason: str, message: str, resource_type: str | None = None, resource_id: str | None = None
) -> EmulatorError:
    """ConflictException with ``Reason`` and, when known, the resource it is about."""
    return EmulatorError(
        "ConflictException", message, Reason=reason, ResourceType=resource_type, ResourceId=resource_id
    )


def quota_exceeded(reason: str, message: str) -> EmulatorError:
    """ServiceQuotaExceededException with ``Reason``."""
    return EmulatorError("ServiceQuotaExceededException", message, Reason=reason)


def throttled(operation: str, injected: bool = True) -> EmulatorError:
    """ThrottlingException (HTTP 400, as the model's error shape has no other code), which botocore retries."""
    cause = "injected fault" if injected else "request quota"
    return EmulatorError("ThrottlingException", f"Rate exceeded for {operation} ({cause}).")


def internal_error(message: str, request_id: str | None = None) -> EmulatorError:
    """InternalServerException (HTTP 500), which botocore retries as a transient error."""
    return EmulatorError("InternalServerException", message, status=500, RequestId=request_id)
