# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``registration`` and ``registration_info``: registrations (toll-free verifications, 10DLC brands and campaigns).

A registration is found by ID (or ARN) or by its ``Name`` tag. Its type, the
fields the type asks for and which numbers it takes come from the service at
run time (DescribeRegistrationTypeDefinitions, DescribeRegistrationFieldDefinitions),
and every value a task sets is checked against them before the first write,
in check mode too. The plan is pure (``plan_registration``): the task's fields
compared with the current version's values, the version opened when the
current one was reviewed, the attachments to upload, the tags, the numbers to
associate and the submission, in the order the service takes them.

Cost: a lookup by name reads the account's registrations (100 a page) and the
tags of each (ListTagsForResource, one call each): an account holds a handful
of registrations (the REGISTRATIONS account limit), so this does not grow with
its numbers. Then the registration's versions (one call), field values and
associations (one call each), and the field definitions when the task sets
fields or submits. An attachment field's upload is skipped when the
attachment the field names carries the SHA-256 of the task's file in its
``ATTACHMENT_HASH_TAG`` tag (one ListTagsForResource per attachment field).
A create is read back once (``Creator``: a replayed ClientToken's answer for a
registration deleted since), and a run that wrote reads the registration back
(its versions, field values and associations: the writes answer only in part).

The plan is an engine ``Plan`` carried out by ``converge.finish`` (check mode,
``--diff``, what a failed run did and did not do); the IDs of what a run
creates (the registration, attachments) fill the later steps that name them.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from types import SimpleNamespace

from .engine import converge
from .engine.paging import PAGE_SIZE, api_filters
from .engine.plan import CREATE, Plan, Step, plan_tags
from .engine.resource import TagsWish, shape, tags_to_dict, tags_to_list
from .errors import SmsVoiceError
from .reader import Reader
from .resources import PHONE_NUMBER, REGISTRATION
from .tokens import ChainedCreate
from .validation import (
    E164,
    REGISTRATION_ARN,
    REGISTRATION_ID,
    check_registration_info_params,
    check_registration_params,
)

#: The tag of an attachment this collection uploaded: the SHA-256 of its content.
ATTACHMENT_HASH_TAG = "pinpoint.sms_voice:sha256"
#: The service's limit on an attachment (CreateRegistrationAttachment's documentation).
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
#: Version statuses of a version the service holds for review: its values cannot change.
IN_REVIEW = ("SUBMITTED", "AWS_REVIEWING", "REVIEWING", "REQUIRES_AUTHENTICATION", "REQUIRES_OFFLINE_REVIEW")
#: Version statuses after which a change opens a new version (CreateRegistrationVersion).
SETTLED = ("APPROVED", "DENIED", "DISCARDED", "REVOKED", "ARCHIVED")
VALUE_MEMBERS = ("TextValue", "SelectChoices", "RegistrationAttachmentId")


# -- reading -------------------------------------------------------------------------


def pages(reader, operation, key, **params):
    return list(reader.pages(operation, key, dict(params, MaxResults=PAGE_SIZE)))


def field_values(reader, registration_id):
    """FieldPath -> the value as the task writes it (text, list of choices, or attachment ID)."""
    values = {}
    for item in pages(
        reader, "DescribeRegistrationFieldValues", "RegistrationFieldValues", RegistrationId=registration_id
    ):
        for member in VALUE_MEMBERS:
            if item.get(member) is not None:
                values[item["FieldPath"]] = list(item[member]) if member == "SelectChoices" else item[member]
    return values


def shape_versions(items):
    return [
        dict(
            version_number=v["VersionNumber"],
            status=v["RegistrationVersionStatus"],
            denied_reasons=shape_reasons(v.get("DeniedReasons")),
        )
        for v in items
    ]


def shape_reasons(reasons):
    keys = ("Reason", "ShortDescription", "LongDescription", "DocumentationTitle", "DocumentationLink")
    snake = ("reason", "short_description", "long_description", "documentation_title", "documentation_link")
    return [{s: r.get(k) for k, s in zip(keys, snake)} for r in reasons or []]


def shape_associations(items):
    return [
        dict(
            resource_id=a.get("ResourceId"),
            resource_arn=a.get("ResourceArn"),
            resource_type=a.get("ResourceType"),
            phone_number=a.get("PhoneNumber"),
            iso_country_code=a.get("IsoCountryCode"),
        )
        for a in items
    ]


def read_versions(reader, registration_id):
    return pages(reader, "DescribeRegistrationVersions", "RegistrationVersions", RegistrationId=registration_id)


def read_associations(reader, registration_id):
    return pages(reader, "ListRegistrationAssociations", "RegistrationAssociations", RegistrationId=registration_id)


def shaped(item, tags, versions=None, values=None, associations=None):
    """A registration as both modules return it; what was not read is None."""
    result = shape(REGISTRATION, item, tags)
    if versions is not None:
        result["versions"] = shape_versions(versions)
        current = next((v for v in versions if v["VersionNumber"] == item.get("CurrentVersionNumber")), None)
        result["current_version_status"] = current["RegistrationVersionStatus"] if current else None
        denied = next((v for v in versions if v["VersionNumber"] == item.get("LatestDeniedVersionNumber")), None)
        result["denied_reasons"] = shape_reasons(denied.get("DeniedReasons")) if denied else []
    if values is not None:
        result["fields"] = values
    if associations is not None:
        result["associations"] = shape_associations(associations)
    return result


def find(reader, params):
    """The registration the task names (API item, its tags), or (None, None)."""
    if params.get("registration_id"):
        item = reader.one(REGISTRATION, params["registration_id"])
        if item is None and params["state"] == "absent":
            return None, None
        if item is None:
            raise SmsVoiceError(
                "registration_id {0}: no such registration in this account and region; nothing was changed".format(
                    params["registration_id"]
                )
            )
        return item, reader.tags(item, REGISTRATION)
    found = by_name(reader, params["name"])
    if not found:
        return None, None
    return found[0]


def by_name(reader, name):
    """Every registration whose Name tag is ``name``, as (item, tags); more than one is an error."""
    found = reader.prove(lambda tags: tags.get("Name") == name, resource=REGISTRATION)
    if len(found) > 1:
        raise SmsVoiceError(
            "name {0}: {1} registrations carry this Name tag ({2}); name one by registration_id. Nothing was "
            "changed".format(name, len(found), ", ".join(i["RegistrationId"] for i, _t in found))
        )
    return found


def resolve_registration_id(reader, value, option="registration_id"):
    """The RegistrationId ``value`` names: itself when it is an ID or ARN, else the registration with that Name tag."""
    if REGISTRATION_ID.fullmatch(value) or REGISTRATION_ARN.fullmatch(value):
        return value
    found = by_name(reader, value)
    if not found:
        raise SmsVoiceError(
            "{0} {1!r}: no registration has this ID or Name tag in this account and region; nothing was changed".format(
                option, value
            ),
            settings=[option],
        )
    return found[0][0]["RegistrationId"]


# -- definitions and the task's values -------------------------------------------------


def type_definition(reader, registration_type):
    """The registration type's definition, or a failure listing the types the service knows."""
    known = pages(reader, "DescribeRegistrationTypeDefinitions", "RegistrationTypeDefinitions")
    for item in known:
        if item["RegistrationType"] == registration_type:
            return item
    raise SmsVoiceError(
        "registration_type {0!r} is not a registration type of the service; DescribeRegistrationTypeDefinitions "
        "lists {1}. Nothing was changed".format(registration_type, ", ".join(i["RegistrationType"] for i in known)),
        settings=["registration_type"],
    )


def field_definitions(reader, registration_type):
    """FieldPath -> RegistrationFieldDefinition, in the service's order."""
    items = pages(
        reader,
        "DescribeRegistrationFieldDefinitions",
        "RegistrationFieldDefinitions",
        RegistrationType=registration_type,
    )
    return {item["FieldPath"]: item for item in items}


def _bad(path, why):
    return SmsVoiceError("fields: {0}: {1}; nothing was changed".format(path, why), settings=["fields." + path])


def checked_value(path, value, definition):
    """The task's value of one field in the form the service takes, checked against its definition."""
    kind = definition["FieldType"]
    if kind == "SELECT":
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise _bad(path, "a SELECT field takes a list of choices, not {0}".format(type(value).__name__))
        rule = definition.get("SelectValidation") or {}
        choices = [str(v) for v in value]
        unknown = [c for c in choices if c not in rule.get("Options", choices)]
        if unknown:
            raise _bad(path, "{0} not among its choices ({1})".format(", ".join(unknown), ", ".join(rule["Options"])))
        low, high = rule.get("MinChoices", 0), rule.get("MaxChoices", len(choices))
        if not low <= len(choices) <= high:
            raise _bad(path, "takes {0} to {1} choices, not {2}".format(low, high, len(choices)))
        return choices
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _bad(path, "a {0} field takes a string, not {1}".format(kind, type(value).__name__))
    value = str(value)
    if kind == "TEXT":
        rule = definition.get("TextValidation") or {}
        low, high = rule.get("MinLength", 0), rule.get("MaxLength", len(value))
        if not low <= len(value) <= high:
            raise _bad(path, "takes {0} to {1} characters, not {2}".format(low, high, len(value)))
        pattern = rule.get("Pattern")
        if pattern and re.fullmatch(pattern, value) is None:
            raise _bad(path, "does not match the pattern {0}".format(pattern))
    elif kind == "ATTACHMENT" and not (value.startswith("https://") or os.path.isfile(value)):
        raise _bad(path, "an attachment is a local file or an https:// URL; {0} is neither".format(value))
    return value


def checked_fields(fields, definitions, registration_type):
    """The task's ``fields``, each checked: the field exists, and its value fits its type, length, pattern, choices."""
    checked = {}
    for path, value in (fields or {}).items():
        definition = definitions.get(path)
        if definition is None:
            raise SmsVoiceError(
                "fields: {0} is not a field of {1}; its fields: {2}. Nothing was changed".format(
                    path, registration_type, ", ".join(definitions)
                ),
                settings=["fields." + path],
            )
        checked[path] = checked_value(path, value, definition)
    return checked


def required_missing(definitions, values):
    """The field paths a submission needs and ``values`` lacks: required ones, and conditional ones that apply."""
    missing = []
    for path, definition in definitions.items():
        needed = definition["FieldRequirement"] == "REQUIRED"
        if definition["FieldRequirement"] == "CONDITIONAL":
            needed = any(
                _rule_holds(rule, values) for rule in (definition.get("ConditionalBehavior") or {}).get("Rules", [])
            )
        if needed and path not in values:
            missing.append(path)
    return missing


def _rule_holds(rule, values):
    if rule.get("RuleBehavior") != "REQUIRED":
        return False
    for condition in rule.get("Conditions", []):
        held = values.get(condition.get("DependsOnFieldPath"))
        held = held if isinstance(held, list) else [] if held is None else [held]
        if condition.get("Operator") == "EQUALS" and not set(held) & set(condition.get("Values", [])):
            return False
    return True


# -- attachments -----------------------------------------------------------------------


def attachment_content(path, source, fetch):
    """The bytes of an attachment field's file or https URL (``fetch(url)`` reads a URL)."""
    try:
        if source.startswith("https://"):
            content = fetch(source)
        else:
            with open(source, "rb") as handle:
                content = handle.read(MAX_ATTACHMENT_BYTES + 1)
    except (OSError, ValueError) as e:
        raise _bad(path, "cannot read {0}: {1}".format(source, e))
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise _bad(path, "{0} is larger than the service's 5 MB".format(source))
    return content


def attachment_arn(registration_arn, attachment_id):
    return registration_arn.rsplit(":", 1)[0] + ":registration-attachment/" + attachment_id


def uploaded_hash(reader, registration_arn, attachment_id):
    """The content hash the attachment carries in its tags (None: not uploaded by this collection, or gone)."""
    try:
        tags = reader.api.call("ListTagsForResource", ResourceArn=attachment_arn(registration_arn, attachment_id))
    except SmsVoiceError as e:
        if e.code == "ResourceNotFoundException":
            return None
        raise
    return tags_to_dict(tags.get("Tags")).get(ATTACHMENT_HASH_TAG)


# -- the plan --------------------------------------------------------------------------

NEW_ID = REGISTRATION.placeholder()
NEW_ATTACHMENT = "<new attachment of {0}>"


class Task:  # pylint: disable=too-many-instance-attributes
    """What the plan needs to know, read before it: the registration as it is, and the task's wishes."""

    def __init__(self, params, current=None, tags=None, versions=(), values=None, associations=()):
        self.params = params
        self.current = current
        self.tags = tags or {}
        self.versions = list(versions)
        self.values = dict(values or {})
        self.associations = list(associations)
        self.definition: dict | None = None  # the RegistrationTypeDefinition, when read
        self.fields: dict = {}  # path -> checked value; attachment fields: the file or URL
        self.field_definitions: dict = {}
        self.uploads: dict = {}  # attachment path -> (content, sha256) of files that need uploading
        self.numbers: list = []  # phone number IDs to associate
        self.before: dict | None = None  # the registration as both modules shape it, when it exists


def version_status(task):
    if task.current is None:
        return None
    number = task.current.get("CurrentVersionNumber")
    found = next((v for v in task.versions if v["VersionNumber"] == number), None)
    return found["RegistrationVersionStatus"] if found else None


def field_changes(task):
    """(path -> value to put, paths to delete) of the current values against the task's fields."""
    puts = {}
    for path, value in task.fields.items():
        kind = task.field_definitions[path]["FieldType"]
        have = task.values.get(path)
        if kind == "ATTACHMENT":
            if path in task.uploads:
                puts[path] = NEW_ATTACHMENT.format(path)
        elif kind == "SELECT":
            if have is None or sorted(have) != sorted(value):
                puts[path] = value
        elif have != value:
            puts[path] = value
    deletes = []
    if task.params.get("purge_fields") and task.params.get("fields") is not None:
        deletes = [path for path in task.values if path not in task.fields]
    return puts, deletes


def association_behavior(task):
    """The AssociationBehavior of the type's phone numbers, or None when it takes none."""
    for item in (task.definition or {}).get("SupportedAssociations", []):
        if item.get("ResourceType") in ("PHONE_NUMBER", "phone-number"):
            return item.get("AssociationBehavior")
    return None


def plan_registration(task):
    """(engine ``Plan``, deferred): every call the task needs, in order, what they make, and what waits.

    ``deferred`` are the calls a later run makes (numbers a campaign takes once
    it is complete). Pure: the reads are done, the steps are only listed.
    """
    if task.params["state"] == "absent":
        if task.current is None:
            return Plan("none", None, None, [], resource=REGISTRATION), []
        before = shaped(task.current, task.tags, associations=task.associations)
        delete = Step(REGISTRATION.delete, dict(RegistrationId=task.current["RegistrationId"]))
        return Plan(REGISTRATION.rules.delete_action, before, {}, [delete], resource=REGISTRATION), []
    steps, deferred, after = planned_steps(task)
    if task.current is None:
        action = REGISTRATION.rules.create_action
    else:
        action = "update" if steps else "none"
    return Plan(action, task.before, after, steps, resource=REGISTRATION), deferred


def planned_steps(task):  # pylint: disable=too-many-locals,too-many-branches,too-many-statements
    """(steps, deferred, predicted registration) of a task on a registration that is to exist."""
    params = task.params
    current = task.current
    before = task.before
    after: dict = copy.deepcopy(before) if before else {}
    steps: list = []
    deferred: list = []
    registration_id = current["RegistrationId"] if current else NEW_ID
    if current is None:
        wish = SimpleNamespace(tags=TagsWish(params.get("tags"), params.get("name"), params.get("purge_tags", True)))
        _to_set, _to_remove, tags = plan_tags({}, wish)
        # The ClientToken is added by ``Creator`` when the call is made (derived from the request).
        steps.append(
            Step(
                REGISTRATION.create,
                dict(RegistrationType=params["registration_type"], Tags=tags_to_list(tags)),
                changes=dict(registration_type=params["registration_type"]),
                phase=CREATE,
            )
        )
        after = dict.fromkeys(REGISTRATION.result_keys)
        after.update(
            registration_type=params["registration_type"],
            status="CREATED",
            current_version_number=1,
            current_version_status="DRAFT",
            denied_reasons=[],
            fields={},
            associations=[],
            versions=[dict(version_number=1, status="DRAFT", denied_reasons=[])],
            tags=tags,
        )
    status = after["current_version_status"]
    if params.get("discard"):
        if status == "DRAFT" and after["current_version_number"] > 1:
            steps.append(Step("DiscardRegistrationVersion", dict(RegistrationId=registration_id)))
            after["current_version_status"] = "DISCARDED"
            after["versions"][-1]["status"] = "DISCARDED"
        elif status == "DRAFT":
            raise SmsVoiceError(
                "discard: version 1 of registration {0} is its first draft and cannot be discarded; delete the "
                "registration (state: absent) instead. Nothing was changed".format(registration_id),
                settings=["discard"],
            )
        return steps, deferred, after
    puts, deletes = field_changes(task)
    if puts or deletes:
        if status in IN_REVIEW:
            raise SmsVoiceError(
                "fields: version {0} of registration {1} is {2} (in review): its fields cannot change until the review "
                "ends; run the task again after it is approved or denied. Fields that differ: {3}. Nothing was "
                "changed".format(
                    after["current_version_number"], registration_id, status, ", ".join(sorted(puts) + deletes)
                ),
                settings=["fields"],
            )
        if status in SETTLED:
            steps.append(
                Step(
                    "CreateRegistrationVersion",
                    dict(RegistrationId=registration_id),
                    changes=dict(version_number=after["current_version_number"] + 1),
                )
            )
            after["current_version_number"] += 1
            after["current_version_status"] = status = "DRAFT"
            after["versions"].append(
                dict(version_number=after["current_version_number"], status="DRAFT", denied_reasons=[])
            )
        for path in puts:
            if path in task.uploads:
                content, digest = task.uploads[path]
                steps.append(
                    Step(
                        "CreateRegistrationAttachment",
                        dict(AttachmentBody=content, Tags=[dict(Key=ATTACHMENT_HASH_TAG, Value=digest)]),
                        changes={"fields." + path: task.fields[path]},
                        fills={"RegistrationAttachmentId": NEW_ATTACHMENT.format(path)},
                    )
                )
        for path, value in puts.items():
            member = {"ATTACHMENT": "RegistrationAttachmentId", "SELECT": "SelectChoices"}.get(
                task.field_definitions[path]["FieldType"], "TextValue"
            )
            steps.append(
                Step(
                    "PutRegistrationFieldValue",
                    dict(RegistrationId=registration_id, FieldPath=path, **{member: value}),
                    changes={"fields." + path: task.fields[path]},
                )
            )
            after["fields"][path] = value
        for path in deletes:
            steps.append(
                Step(
                    "DeleteRegistrationFieldValue",
                    dict(RegistrationId=registration_id, FieldPath=path),
                    changes={"fields." + path: None},
                )
            )
            after["fields"].pop(path, None)
    if current is not None:
        wish = SimpleNamespace(tags=TagsWish(params.get("tags"), params.get("name"), params.get("purge_tags", True)))
        to_set, to_remove, after["tags"] = plan_tags(task.tags, wish)
        arn = current["RegistrationArn"]
        if to_remove:
            steps.append(
                Step("UntagResource", dict(ResourceArn=arn, TagKeys=to_remove), changes={"removed_tags": to_remove})
            )
        if to_set:
            steps.append(
                Step("TagResource", dict(ResourceArn=arn, Tags=tags_to_list(to_set)), changes={"tags": to_set})
            )
    behavior = association_behavior(task)
    for number in task.numbers:
        step = Step("CreateRegistrationAssociation", dict(RegistrationId=registration_id, ResourceId=number))
        step.changes = {"phone_numbers": [number]}
        now = behavior == "ASSOCIATE_BEFORE_SUBMIT" or after["status"] == "COMPLETE"
        if behavior == "ASSOCIATE_BEFORE_SUBMIT" and status != "DRAFT":
            raise SmsVoiceError(
                "phone_numbers: {0} takes its numbers while a version is a draft, before it is submitted; version "
                "{1} of registration {2} is {3}, so {4} cannot be associated now. Change a field to open a new "
                "version, or associate the number while drafting. Nothing was changed".format(
                    after["registration_type"], after["current_version_number"], registration_id, status, number
                ),
                settings=["phone_numbers"],
            )
        if not now:
            deferred.append(step)  # a campaign takes its numbers once it is complete: a later run
            continue
        steps.append(step)
        predicted = dict.fromkeys(("resource_id", "resource_arn", "resource_type", "phone_number", "iso_country_code"))
        predicted["resource_id"] = number
        after["associations"].append(predicted)
    if params.get("submit") and status == "DRAFT":
        missing = required_missing(task.field_definitions, after["fields"])
        if missing:
            raise SmsVoiceError(
                "submit: required fields have no value: {0}. Set them in fields; nothing was changed".format(
                    ", ".join(missing)
                ),
                settings=["fields." + path for path in missing],
            )
        submit = Step("SubmitRegistrationVersion", dict(RegistrationId=registration_id), changes=dict(submit=True))
        # Numbers a toll-free verification takes go with the draft: before the submission.
        steps.append(submit)
        after["current_version_status"] = "SUBMITTED"
        after["versions"][-1]["status"] = "SUBMITTED"
        if after.get("approved_version_number") is None:
            after["status"] = "SUBMITTED"
    return steps, deferred, after


# -- the module ------------------------------------------------------------------------


def read_task(reader, params, fetch):
    """A ``Task`` with everything the plan needs read and every option checked against the service's definitions."""
    current, tags = find(reader, params)
    task = Task(params, current, tags)
    if current is None:
        if params["state"] == "absent":
            return task
        if not params.get("registration_type"):
            raise SmsVoiceError(
                "registration_type is required to create registration {0}; nothing was changed".format(params["name"]),
                settings=["registration_type"],
            )
        task.definition = type_definition(reader, params["registration_type"])
        registration_type = params["registration_type"]
    else:
        registration_type = current["RegistrationType"]
        if params.get("registration_type") and params["registration_type"] != registration_type:
            raise SmsVoiceError(
                "registration_type: registration {0} is a {1}, not a {2}; the type cannot change. Create another "
                "registration; nothing was changed".format(
                    current["RegistrationId"], registration_type, params["registration_type"]
                ),
                differences=["registration_type: {0} -> {1}".format(registration_type, params["registration_type"])],
            )
        registration_id = current["RegistrationId"]
        task.associations = read_associations(reader, registration_id)
        if params["state"] == "absent":
            return task
        task.versions = read_versions(reader, registration_id)
        task.values = field_values(reader, registration_id)
        task.before = shaped(current, tags, task.versions, task.values, task.associations)
    if params.get("fields") is not None or params.get("submit"):
        task.field_definitions = field_definitions(reader, registration_type)
        task.fields = checked_fields(params.get("fields"), task.field_definitions, registration_type)
        for path, source in task.fields.items():
            if task.field_definitions[path]["FieldType"] != "ATTACHMENT":
                continue
            content = attachment_content(path, source, fetch)
            digest = hashlib.sha256(content).hexdigest()
            have = task.values.get(path)
            if have is None or uploaded_hash(reader, current["RegistrationArn"], have) != digest:
                task.uploads[path] = (content, digest)
    if params.get("phone_numbers"):
        task.numbers = numbers_to_associate(reader, task, registration_type)
    return task


def type_definition_of(reader, registration_type):
    items = pages(
        reader,
        "DescribeRegistrationTypeDefinitions",
        "RegistrationTypeDefinitions",
        RegistrationTypes=[registration_type],
    )
    return items[0] if items else {}


def numbers_to_associate(reader, task, registration_type):
    """The phone number IDs of ``phone_numbers`` not yet associated; a type that takes no numbers fails.

    Numbers already associated (by ID, ARN or E.164) cost nothing more; for
    others the type's definition says whether and when it takes numbers.
    """
    have = {a.get("ResourceId") for a in task.associations} | {a.get("ResourceArn") for a in task.associations}
    have |= {a.get("PhoneNumber") for a in task.associations if a.get("PhoneNumber")}
    asked = [value for value in task.params["phone_numbers"] if value not in have]
    if not asked:
        return []
    if task.definition is None:
        task.definition = type_definition_of(reader, registration_type)
    if association_behavior(task) is None:
        raise SmsVoiceError(
            "phone_numbers: a {0} is associated with no phone numbers (its type definition supports none); "
            "nothing was changed".format(registration_type),
            settings=["phone_numbers"],
        )
    wanted = []
    for value in asked:
        if E164.fullmatch(value):
            number = reader.by_e164(value)
        else:  # an ID or ARN (validation.check_registration_params)
            number = reader.by_id(value, resource=PHONE_NUMBER)
        if number is None:
            raise SmsVoiceError(
                "phone_numbers: no live phone number {0} in this account and region; nothing was changed".format(value),
                settings=["phone_numbers"],
            )
        if number["PhoneNumberId"] not in have and number["PhoneNumberId"] not in wanted:
            wanted.append(number["PhoneNumberId"])
    return wanted


class Creator(ChainedCreate):
    """Makes the CreateRegistration of a plan through the token chain (``tokens.ChainedCreate``).

    Overlapping runs of one task send one token and the service creates one
    registration for all of them. An answer is a replay when its registration
    was deleted since (the service remembers the token longer): the chain is
    keyed by the deleted registration's ID. One DescribeRegistrations a create.
    """

    def __init__(self, api, reader, region):
        super().__init__(api, reader, region, REGISTRATION)

    def replayed(self, response):
        registration_id = response[REGISTRATION.id_member]
        current = self.reader.one(REGISTRATION, registration_id)
        if current is None or current.get("RegistrationStatus") == "DELETED":
            return registration_id
        return None


def deferred_options(steps):
    return [dict(operation=s.operation, options=dict(s.changes)) for s in steps]


def read_back(reader, registration_id, tags):
    item = reader.one(REGISTRATION, registration_id)
    return shaped(
        item,
        tags,
        read_versions(reader, registration_id),
        field_values(reader, registration_id),
        read_associations(reader, registration_id),
    )


def fetcher(module):
    """Read an https URL with Ansible's ``open_url`` (proxies and certificate checks as the controller has them)."""

    def fetch(url):
        from ansible.module_utils.urls import open_url  # pylint: disable=import-outside-toplevel

        response = open_url(url, validate_certs=module.params.get("validate_certs", True), timeout=30)
        return response.read(MAX_ATTACHMENT_BYTES + 1)

    return fetch


def ensure_registration(module, api):
    params = module.params
    check_registration_params(params)
    reader = Reader(api, warn=getattr(module, "warn", None))
    task = read_task(reader, params, fetcher(module))
    if params["state"] == "absent" and task.current is not None and task.associations:
        raise SmsVoiceError(
            "registration {0} still has phone numbers ({1}); the service deletes a registration only once they are "
            "released. Nothing was changed".format(
                task.current["RegistrationId"], ", ".join(a["ResourceId"] for a in task.associations)
            )
        )
    plan, deferred = plan_registration(task)
    header = "registration {0}".format(params.get("name") or params.get("registration_id"))
    region = api.client.meta.region_name
    result = converge.finish(
        module, api, reader, plan, None, create=Creator(api, reader, region), label=lambda _shown: header
    )
    if plan.changed and not module.check_mode and not plan.deletes:
        # What the writes answer is partial (no versions, values or associations): read the registration back.
        item = read_back(reader, result["registration"]["registration_id"], plan.after["tags"])
        result["registration"] = item
        if "diff" in result:
            result["diff"]["after"] = item
    item = result["registration"]
    warn = getattr(module, "warn", None)
    if item and item.get("current_version_status") == "DENIED" and warn is not None and not plan.changed:
        warn(
            "version {0} of registration {1} was denied: {2}. Change its fields to open a new version".format(
                item["current_version_number"],
                item["registration_id"],
                "; ".join(r["short_description"] for r in item.get("denied_reasons") or []),
            )
        )
    result["pending_changes"] = deferred_options(deferred)
    return result


# -- registration_info -------------------------------------------------------------------


def list_registrations(module, api):
    """``registration_info``: the registrations that match every criterion given, each in ``registration``'s shape."""
    params = module.params
    check_registration_info_params(params)
    reader = Reader(api, warn=getattr(module, "warn", None))
    filters = {}
    if params.get("registration_types"):
        filters["registration-type"] = params["registration_types"]
    if params.get("statuses"):
        filters["registration-status"] = params["statuses"]
    api_filter = api_filters(filters)
    names = set(params.get("names") or [])
    if params.get("registration_ids"):
        items = reader.describe_ids(list(dict.fromkeys(params["registration_ids"])), api_filter, REGISTRATION)
    else:
        items = reader.describe_all(filters=api_filter, resource=REGISTRATION)
    need_tags = params.get("include_tags") or names
    registrations = []
    for item in items:
        tags = reader.tags(item, REGISTRATION) if need_tags else None
        if names and (tags or {}).get("Name") not in names:
            continue
        registration_id = item["RegistrationId"]
        result = shaped(
            item,
            tags or {},
            read_versions(reader, registration_id) if params.get("include_versions") else None,
            field_values(reader, registration_id) if params.get("include_fields") else None,
            read_associations(reader, registration_id) if params.get("include_associations") else None,
        )
        if tags is None:
            result["tags"] = None
        registrations.append(result)
    return dict(changed=False, registrations=registrations)
