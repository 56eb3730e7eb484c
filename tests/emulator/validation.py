"""Generic request validation against botocore's service model.

The real service checks every request against its Smithy model before any
business logic runs; the emulator does the same from botocore's copy of that
model, so the emulator can never be more lenient than the shapes, enums,
lengths, ranges and patterns AWS publishes. Clients such as boto3 and the AWS
CLI validate most of this themselves, but raw HTTP callers and clients built
with ``parameter_validation=False`` do not, and the emulator must answer them
the way the service would: a ``ValidationException`` with reason
``FIELD_VALIDATION_FAILED`` and one ``Fields`` entry per problem.

Members the model does not know are ignored, as AWS JSON services do.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import botocore.session
from botocore.model import OperationModel, ServiceModel, Shape

from .errors import EmulatorError, validation_error

SERVICE_NAME = "pinpoint-sms-voice-v2"
TARGET_PREFIX = "PinpointSMSVoiceV2"


@lru_cache(maxsize=1)
def service_model() -> ServiceModel:
    """botocore's model of the service (loaded once per process)."""
    return botocore.session.get_session().get_service_model(SERVICE_NAME)


@cache
def operation_model(name: str) -> OperationModel:
    return service_model().operation_model(name)


@cache
def _pattern(pattern: str) -> re.Pattern[str] | None:
    """Compile a model pattern; the few Java-only constructs Python rejects are skipped."""
    try:
        return re.compile(pattern)
    except re.error:
        return None


def enum_values(shape_name: str) -> list[str]:
    """The enum of a named string shape, e.g. ``enum_values("ConflictExceptionReason")``."""
    return list(service_model().shape_for(shape_name).enum)


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _check(shape: Shape, value: Any, path: str, errors: list[tuple[str, str, Any]]) -> None:
    """Append ``(path, problem, value)`` for everything wrong with ``value`` as ``shape``."""
    kind = shape.type_name
    meta = shape.metadata
    if kind == "structure":
        if not isinstance(value, dict):
            errors.append((path, "Member must be a structure", value))
            return
        for name in shape.required_members:
            if value.get(name) is None:
                errors.append((_join(path, name), "Member must not be null", None))
        for name, member in shape.members.items():
            if name in value and value[name] is not None:
                _check(member, value[name], _join(path, name), errors)
    elif kind == "list":
        if not isinstance(value, list):
            errors.append((path, "Member must be a list", value))
            return
        _length(meta, len(value), path, value, errors)
        for index, item in enumerate(value):
            if item is None:
                errors.append((f"{path}[{index}]", "Member must not be null", None))
            else:
                _check(shape.member, item, f"{path}[{index}]", errors)
    elif kind == "map":
        if not isinstance(value, dict):
            errors.append((path, "Member must be a map", value))
            return
        _length(meta, len(value), path, value, errors)
        for key, item in value.items():
            _check(shape.key, key, f"{path}.key", errors)
            _check(shape.value, item, f"{path}[{key}]", errors)
    elif kind == "string":
        if not isinstance(value, str):
            errors.append((path, "Member must be a string", value))
            return
        _length(meta, len(value), path, value, errors)
        if shape.enum and value not in shape.enum:
            errors.append((path, f"Member must satisfy enum value set: [{', '.join(shape.enum)}]", value))
        pattern = meta.get("pattern")
        compiled = _pattern(pattern) if pattern else None
        if compiled is not None and not compiled.fullmatch(value):
            errors.append((path, f"Member must satisfy regular expression pattern: {pattern}", value))
    elif kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append((path, "Member must be an integer", value))
            return
        if "min" in meta and value < meta["min"]:
            errors.append((path, f"Member must have value greater than or equal to {meta['min']}", value))
        if "max" in meta and value > meta["max"]:
            errors.append((path, f"Member must have value less than or equal to {meta['max']}", value))
    elif kind == "boolean":
        if not isinstance(value, bool):
            errors.append((path, "Member must be a boolean", value))
    elif kind in ("float", "double"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append((path, "Member must be a number", value))
    elif kind == "timestamp":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            errors.append((path, "Member must be a timestamp", value))
    elif kind == "blob":
        if not isinstance(value, str):
            errors.append((path, "Member must be base64 text", value))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _length(meta: dict[str, Any], length: int, path: str, value: Any, errors: list[tuple[str, str, Any]]) -> None:
    if "min" in meta and length < meta["min"]:
        errors.append((path, f"Member must have length greater than or equal to {meta['min']}", value))
    if "max" in meta and length > meta["max"]:
        errors.append((path, f"Member must have length less than or equal to {meta['max']}", value))


def validate_input(operation: str, params: Any) -> None:
    """Raise ``ValidationException`` (``FIELD_VALIDATION_FAILED``) unless ``params`` fits the model.

    The message follows AWS's wording and names every offending member, e.g.
    ``1 validation error detected: Value 'usa' at 'IsoCountryCode' failed to
    satisfy constraint: Member must have length less than or equal to 2``;
    ``Fields`` carries ``{"Name": "IsoCountryCode", "Message": ...}`` per problem.
    """
    shape = operation_model(operation).input_shape
    errors: list[tuple[str, str, Any]] = []
    if shape is not None:
        _check(shape, params if params is not None else {}, "", errors)
    if not errors:
        return
    parts = [
        f"Value {_describe(value)} at '{path}' failed to satisfy constraint: {problem}"
        for path, problem, value in errors
    ]
    count = len(errors)
    message = f"{count} validation error{'s' if count > 1 else ''} detected: " + "; ".join(parts)
    raise validation_error(
        "FIELD_VALIDATION_FAILED", message, [{"Name": path, "Message": problem} for path, problem, _value in errors]
    )


def filter_output(operation: str, document: dict[str, Any]) -> dict[str, Any]:
    """Keep only the members the operation's output shape declares (dropping ``None``)."""
    shape = operation_model(operation).output_shape
    if shape is None:
        return {}
    return {key: value for key, value in document.items() if key in shape.members and value is not None}


__all__ = [
    "SERVICE_NAME",
    "TARGET_PREFIX",
    "EmulatorError",
    "enum_values",
    "filter_output",
    "operation_model",
    "service_model",
    "validate_input",
]
