"""The registration's plan, with plain dicts: versions, associations, submission and field checks."""

from __future__ import annotations

import importlib

import botocore.session
import pytest
import yaml

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.apply import apply_plan
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.registration import (
    Task,
    checked_fields,
    plan_registration,
    required_missing,
    shaped,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import REGISTRATION

DEFINITIONS = {
    "info.name": {
        "FieldPath": "info.name",
        "FieldType": "TEXT",
        "FieldRequirement": "REQUIRED",
        "TextValidation": {"MinLength": 1, "MaxLength": 10, "Pattern": "[A-Za-z ]+"},
    },
    "info.kind": {
        "FieldPath": "info.kind",
        "FieldType": "SELECT",
        "FieldRequirement": "REQUIRED",
        "SelectValidation": {"MinChoices": 1, "MaxChoices": 1, "Options": ["A", "B"]},
    },
    "info.ticker": {
        "FieldPath": "info.ticker",
        "FieldType": "TEXT",
        "FieldRequirement": "CONDITIONAL",
        "TextValidation": {"MinLength": 1, "MaxLength": 5, "Pattern": "[A-Z]+"},
        "ConditionalBehavior": {
            "Rules": [
                {
                    "Conditions": [{"DependsOnFieldPath": "info.kind", "Operator": "EQUALS", "Values": ["B"]}],
                    "RuleBehavior": "REQUIRED",
                }
            ],
            "DefaultBehavior": "OPTIONAL",
        },
    },
}
CAMPAIGN = {
    "SupportedAssociations": [{"ResourceType": "PHONE_NUMBER", "AssociationBehavior": "ASSOCIATE_AFTER_COMPLETE"}]
}
TOLL_FREE = {
    "SupportedAssociations": [{"ResourceType": "PHONE_NUMBER", "AssociationBehavior": "ASSOCIATE_BEFORE_SUBMIT"}]
}


def existing(status, version_status, fields=None, definition=None, numbers=(), **params):
    item = {
        "RegistrationArn": "arn:aws:sms-voice:us-east-1:123456789012:registration/registration-1",
        "RegistrationId": "registration-1",
        "RegistrationType": "T",
        "RegistrationStatus": status,
        "CurrentVersionNumber": 1,
    }
    versions = [
        {"VersionNumber": 1, "RegistrationVersionStatus": version_status, "RegistrationVersionStatusHistory": {}}
    ]
    values = {"info.name": "Acme", "info.kind": ["A"]}
    if version_status == "APPROVED":
        item["ApprovedVersionNumber"] = 1
    task_params = dict(dict(state="present", name="r", purge_fields=False, fields=fields), **params)
    task = Task(task_params, item, {"Name": "r"}, versions, values)
    task.before = shaped(item, {"Name": "r"}, versions, values, [])
    task.field_definitions = DEFINITIONS
    task.fields = checked_fields(fields or {}, DEFINITIONS, "T")
    task.definition = definition
    task.numbers = list(numbers)
    return task


def split(planned):
    """(steps, deferred, predicted registration) of what ``plan_registration`` returns."""
    plan, deferred = planned
    return plan.steps, deferred, plan.after


def test_a_converged_task_plans_nothing():
    steps, deferred, after = split(plan_registration(existing("CREATED", "DRAFT", {"info.name": "Acme"}, submit=False)))
    assert not steps and not deferred and after["fields"] == {"info.name": "Acme", "info.kind": ["A"]}


def test_a_change_after_approval_opens_a_version_and_submits_it():
    task = existing("COMPLETE", "APPROVED", {"info.name": "Acme Two"}, submit=True)
    steps, _deferred, after = split(plan_registration(task))
    assert [s.operation for s in steps] == [
        "CreateRegistrationVersion",
        "PutRegistrationFieldValue",
        "SubmitRegistrationVersion",
    ]
    assert after["current_version_number"] == 2 and after["current_version_status"] == "SUBMITTED"
    assert after["status"] == "COMPLETE" and after["approved_version_number"] == 1


def test_a_change_in_review_is_refused_naming_the_status():
    with pytest.raises(SmsVoiceError, match="REVIEWING"):
        plan_registration(existing("REVIEWING", "REVIEWING", {"info.name": "Other"}))


def test_a_campaign_takes_its_numbers_once_complete_and_defers_them_before():
    _steps, deferred, _after = split(
        plan_registration(existing("SUBMITTED", "SUBMITTED", definition=CAMPAIGN, numbers=["phone-1"]))
    )
    assert [s.operation for s in deferred] == ["CreateRegistrationAssociation"]
    steps, deferred, after = split(
        plan_registration(existing("COMPLETE", "APPROVED", definition=CAMPAIGN, numbers=["phone-1"]))
    )
    assert [s.operation for s in steps] == ["CreateRegistrationAssociation"] and not deferred
    assert after["associations"][0]["resource_id"] == "phone-1"


def test_a_toll_free_verification_takes_its_number_before_the_submission_only():
    steps, _deferred, _after = split(
        plan_registration(existing("CREATED", "DRAFT", definition=TOLL_FREE, numbers=["phone-1"], submit=True))
    )
    assert [s.operation for s in steps] == ["CreateRegistrationAssociation", "SubmitRegistrationVersion"]
    with pytest.raises(SmsVoiceError, match="SUBMITTED"):
        plan_registration(existing("SUBMITTED", "SUBMITTED", definition=TOLL_FREE, numbers=["phone-1"]))


def test_purge_fields_deletes_the_values_the_task_does_not_list():
    steps, _deferred, after = split(
        plan_registration(existing("CREATED", "DRAFT", {"info.name": "Acme"}, purge_fields=True))
    )
    assert [(s.operation, s.params["FieldPath"]) for s in steps] == [("DeleteRegistrationFieldValue", "info.kind")]
    assert after["fields"] == {"info.name": "Acme"}


def test_a_conditional_field_is_required_when_its_condition_holds():
    assert not required_missing(DEFINITIONS, {"info.name": "x", "info.kind": ["A"]})
    assert required_missing(DEFINITIONS, {"info.name": "x", "info.kind": ["B"]}) == ["info.ticker"]
    assert required_missing(DEFINITIONS, {}) == ["info.name", "info.kind"]


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"info.nope": "x"}, "info.nope is not a field"),
        ({"info.name": ["x"]}, "info.name: a TEXT field takes a string"),
        ({"info.kind": "A"}, "info.kind: a SELECT field takes a list"),
        ({"info.kind": ["C"]}, "C not among its choices"),
        ({"info.kind": ["A", "B"]}, "takes 1 to 1 choices"),
        ({"info.name": "x" * 11}, "takes 1 to 10 characters"),
        ({"info.name": "x1"}, "does not match the pattern"),
    ],
)
def test_bad_values_fail_naming_the_field(fields, message):
    with pytest.raises(SmsVoiceError, match=message):
        checked_fields(fields, DEFINITIONS, "T")


def test_the_shape_reads_every_member_of_the_service_models_registration():
    model = botocore.session.get_session().get_service_model("pinpoint-sms-voice-v2")
    shape = model.operation_model("DescribeRegistrations").output_shape.members["Registrations"].member
    assert {f.member for f in REGISTRATION.fields} == set(shape.members)


@pytest.mark.parametrize("module, key", [("registration", None), ("registration_info", "registrations")])
def test_each_modules_return_lists_exactly_the_shaped_keys(module, key):
    plugin = importlib.import_module("ansible_collections.pinpoint.sms_voice.plugins.modules." + module)
    returned = yaml.safe_load(plugin.RETURN)[key or "registration"]["contains"]
    assert set(returned) == set(REGISTRATION.result_keys)


class RecordingApi:
    """Answers each write with what the service would, and records the calls."""

    def __init__(self):
        self.calls = []

    def call(self, operation, **params):
        self.calls.append((operation, params))
        if operation == "CreateRegistration":
            return {"RegistrationId": "registration-9", "RegistrationArn": "arn:registration/registration-9"}
        if operation == "CreateRegistrationAttachment":
            return {"RegistrationAttachmentId": "attachment-7"}
        return {}


def test_a_new_registration_s_attachment_id_fills_the_field_value_that_names_it(tmp_path):
    definitions = dict(DEFINITIONS, **{"info.logo": {"FieldType": "ATTACHMENT", "FieldRequirement": "OPTIONAL"}})
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"png")
    task = Task(dict(state="present", name="r", registration_type="T", fields={"info.logo": str(logo)}))
    task.field_definitions = definitions
    task.fields = checked_fields({"info.logo": str(logo)}, definitions, "T")
    task.uploads = {"info.logo": (b"png", "digest")}
    plan, _deferred = plan_registration(task)
    assert plan.creates and plan.operations == [
        "CreateRegistration",
        "CreateRegistrationAttachment",
        "PutRegistrationFieldValue",
    ]
    api = RecordingApi()
    apply_plan(api, plan, waiter=None)
    put = api.calls[-1][1]
    assert put == dict(RegistrationId="registration-9", FieldPath="info.logo", RegistrationAttachmentId="attachment-7")
