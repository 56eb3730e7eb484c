"""Registration attachments: files (an opt-in screenshot, a letter of authorization) that field values name.

CreateRegistrationAttachment's documentation: "The maximum file size is 5MB and
valid file extensions are PDF, JPEG and PNG", and "Use either AttachmentUrl or
AttachmentBody ... If both are specified then an exception is returned";
AttachmentUrl's: "Registration files have to be stored in an Amazon S3 bucket
... in the format s3://BucketName/FileName".

Choices where the model is silent (listed in the README as assumptions):

* Both members: ValidationException ``PARAMETERS_CANNOT_BE_USED_TOGETHER``;
  neither: ``MISSING_PARAMETER``. A body over 5 MiB is ``MAXIMUM_SIZE_EXCEEDED``;
  a body that is not a PDF, JPEG or PNG (by its first bytes), or a URL whose
  file name does not end in ``.pdf``, ``.jpg``, ``.jpeg`` or ``.png``, is
  ``ATTACHMENT_TYPE_NOT_SUPPORTED``; a URL that is not ``s3://bucket/key`` is
  ``INVALID_PARAMETER``. The emulator reads no S3 bucket.
* An attachment is ``UPLOAD_COMPLETE`` at once.
* DeleteRegistrationAttachment of an attachment a field value of a version
  (not DISCARDED) names is ConflictException ``RESOURCE_DELETION_NOT_ALLOWED``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from .core import FilterSpec, _enum_checker, _tag_list, compile_filters
from .errors import conflict, field_error, validation_error
from .validation import filter_output

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
#: First bytes of the file types the documentation allows.
MAGIC = {"PDF": b"%PDF", "PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}
EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
S3_URL_RE = re.compile(r"s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/\S+")


@dataclass
class RegistrationAttachment:
    seq: int
    id: str
    arn: str
    created: float
    status: str
    url: str | None
    #: sha256 of the uploaded body (or of the URL), as the emulator keeps no files
    digest: str
    tags: dict[str, str] = field(default_factory=dict)

    def view(self) -> dict[str, Any]:
        return {
            "RegistrationAttachmentArn": self.arn,
            "RegistrationAttachmentId": self.id,
            "AttachmentStatus": self.status,
            "CreatedTimestamp": self.created,
            "AttachmentUrl": self.url,
        }


def checked_body(encoded: str) -> bytes:
    """The decoded AttachmentBody, or the ValidationException its size or type earns."""
    try:
        body = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise field_error("CANNOT_PARSE", "AttachmentBody", "AttachmentBody is not base64.") from None
    if len(body) > MAX_ATTACHMENT_BYTES:
        raise field_error(
            "MAXIMUM_SIZE_EXCEEDED", "AttachmentBody", f"The file is {len(body)} bytes; the maximum is 5MB."
        )
    if not any(body.startswith(magic) for magic in MAGIC.values()):
        raise field_error("ATTACHMENT_TYPE_NOT_SUPPORTED", "AttachmentBody", "The file must be a PDF, JPEG or PNG.")
    return body


def checked_url(url: str) -> str:
    if S3_URL_RE.fullmatch(url) is None:
        raise field_error("INVALID_PARAMETER", "AttachmentUrl", "Must be s3://BucketName/FileName.")
    if not url.lower().endswith(EXTENSIONS):
        raise field_error(
            "ATTACHMENT_TYPE_NOT_SUPPORTED", "AttachmentUrl", "The file must be a PDF, JPEG or PNG (.pdf, .jpg, .png)."
        )
    return url


_ATTACHMENT_FILTERS: dict[str, FilterSpec] = {
    "attachment-status": (_enum_checker("AttachmentStatus"), False, lambda a: [a.status]),
}

#: API operation -> method of :class:`RegistrationAttachmentsMixin`
ATTACHMENT_OPERATIONS = {
    "CreateRegistrationAttachment": "create_registration_attachment",
    "DescribeRegistrationAttachments": "describe_registration_attachments",
    "DeleteRegistrationAttachment": "delete_registration_attachment",
}


class RegistrationAttachmentsMixin:
    """Registration attachments of :class:`~tests.emulator.region.RegionBackend` (which provides the helpers used)."""

    registration_attachments: dict[str, RegistrationAttachment]

    def _attachment(self, identifier: str, member: str = "RegistrationAttachmentId") -> RegistrationAttachment:
        return self._lookup("registration-attachment", self.registration_attachments, identifier, member)  # type: ignore[attr-defined]

    def create_registration_attachment(self, params: dict[str, Any]) -> dict[str, Any]:
        def execute() -> tuple[dict[str, Any], str, str, None]:
            given = [m for m in ("AttachmentBody", "AttachmentUrl") if params.get(m) is not None]
            if len(given) == 2:
                raise validation_error(
                    "PARAMETERS_CANNOT_BE_USED_TOGETHER",
                    "AttachmentBody and AttachmentUrl can't be used together.",
                    [{"Name": m, "Message": "Give AttachmentBody or AttachmentUrl"} for m in given],
                )
            if not given:
                raise validation_error(
                    "MISSING_PARAMETER",
                    "Give AttachmentBody or AttachmentUrl.",
                    [{"Name": "AttachmentBody", "Message": "Give AttachmentBody or AttachmentUrl"}],
                )
            self.check_room("REGISTRATION_ATTACHMENTS")  # type: ignore[attr-defined]
            url = params.get("AttachmentUrl")
            content = checked_body(params["AttachmentBody"]) if url is None else checked_url(url).encode()
            tags = self._merged_tags({}, self._checked_tags(params.get("Tags") or []))  # type: ignore[attr-defined]
            attachment_id = "attachment-" + secrets.token_hex(16)
            attachment = RegistrationAttachment(
                seq=next(self._seq),  # type: ignore[attr-defined]
                id=attachment_id,
                arn=self.arn("registration-attachment", attachment_id),  # type: ignore[attr-defined]
                created=self.now(),  # type: ignore[attr-defined]
                status="UPLOAD_COMPLETE",
                url=url,
                digest=hashlib.sha256(content).hexdigest(),
                tags=tags,
            )
            self.registration_attachments[attachment_id] = attachment
            response = {**attachment.view(), "Tags": _tag_list(attachment.tags)}
            return (
                filter_output("CreateRegistrationAttachment", response),
                "registration-attachment",
                attachment_id,
                None,
            )

        return self._idempotent("CreateRegistrationAttachment", params, execute)  # type: ignore[attr-defined]

    def describe_registration_attachments(self, params: dict[str, Any]) -> dict[str, Any]:
        candidates = self._selected(  # type: ignore[attr-defined]
            params.get("RegistrationAttachmentIds") or [],
            self._attachment,
            "RegistrationAttachmentIds",
            self.registration_attachments.values(),
        )
        predicates = compile_filters(params.get("Filters") or [], _ATTACHMENT_FILTERS)
        return self._listing(  # type: ignore[attr-defined]
            "DescribeRegistrationAttachments",
            params,
            candidates,
            "RegistrationAttachments",
            filter_attachment,
            predicates,
        )

    def delete_registration_attachment(self, params: dict[str, Any]) -> dict[str, Any]:
        attachment = self._attachment(params["RegistrationAttachmentId"])
        users = [
            f"{registration.id} version {version.number}"
            for registration in self.registrations.values()  # type: ignore[attr-defined]
            for version in registration.versions
            if version.status != "DISCARDED"
            and any(value.get("RegistrationAttachmentId") == attachment.id for value in version.values.values())
        ]
        if users:
            raise conflict(
                "RESOURCE_DELETION_NOT_ALLOWED",
                f"Attachment {attachment.id} is a field value of registration {users[0]}.",
                "registration-attachment",
                attachment.id,
            )
        del self.registration_attachments[attachment.id]
        return filter_output("DeleteRegistrationAttachment", {**attachment.view(), "AttachmentStatus": "DELETED"})


def filter_attachment(attachment: RegistrationAttachment) -> dict[str, Any]:
    return {key: value for key, value in attachment.view().items() if value is not None}
