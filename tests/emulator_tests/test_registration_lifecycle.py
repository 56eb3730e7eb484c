"""Registrations from draft to approval: definitions, field values, submission, the review on the clock, versions.

Every test runs in-process and over HTTP (the ``api`` fixture).
"""

from __future__ import annotations

import re

import pytest

from tests.emulator import EmulatorControlError
from tests.emulator.registration_definitions import DEFINITIONS

from .helpers import raises
from .registration_helpers import (
    BRAND,
    BRAND_VALUES,
    CAMPAIGN,
    DAY,
    SAMPLE,
    TOLL_FREE_REGISTRATION,
    TOLL_FREE_VALUES,
    TWO_WEEKS,
    approved,
    campaign_values,
    create,
    fill,
    put,
    status,
    version,
)

# --- definitions -------------------------------------------------------------------------------


def test_type_definitions_list_the_three_us_types_and_what_each_takes(api):
    client = api.client()
    definitions = client.describe_registration_type_definitions()["RegistrationTypeDefinitions"]
    by_type = {d["RegistrationType"]: d for d in definitions}
    assert list(by_type) == [TOLL_FREE_REGISTRATION, BRAND, CAMPAIGN]
    assert by_type[TOLL_FREE_REGISTRATION]["SupportedAssociations"] == [
        {
            "ResourceType": "PHONE_NUMBER",
            "IsoCountryCode": "US",
            "AssociationBehavior": "ASSOCIATE_BEFORE_SUBMIT",
            "DisassociationBehavior": "DISASSOCIATE_ALL_CLOSES_REGISTRATION",
        }
    ]
    assert by_type[CAMPAIGN]["SupportedAssociations"][0]["AssociationBehavior"] == "ASSOCIATE_AFTER_COMPLETE"
    assert by_type[BRAND]["SupportedAssociations"] == []
    assert all(d["DisplayHints"]["Title"] and d["DisplayHints"]["DocumentationLink"] for d in definitions)
    only = client.describe_registration_type_definitions(RegistrationTypes=[BRAND])["RegistrationTypeDefinitions"]
    assert [d["RegistrationType"] for d in only] == [BRAND]
    filtered = client.describe_registration_type_definitions(
        Filters=[{"Name": "supported-association-resource-type", "Values": ["PHONE_NUMBER"]}]
    )["RegistrationTypeDefinitions"]
    assert [d["RegistrationType"] for d in filtered] == [TOLL_FREE_REGISTRATION, CAMPAIGN]
    page = client.describe_registration_type_definitions(MaxResults=2)
    rest = client.describe_registration_type_definitions(MaxResults=2, NextToken=page["NextToken"])
    assert [d["RegistrationType"] for d in rest["RegistrationTypeDefinitions"]] == [CAMPAIGN]


def test_every_definition_table_names_the_user_guide_page_it_follows():
    for definition in DEFINITIONS.values():
        assert "https://docs.aws.amazon.com/sms-voice/latest/userguide/" in definition.source
        assert definition.documentation_link in definition.source


def test_every_field_a_definition_refers_to_exists():
    for definition in DEFINITIONS.values():
        paths = [f.path for f in definition.fields]
        assert len(paths) == len(set(paths)), definition.registration_type
        for item in definition.fields:
            assert item.section in definition.sections
            if item.when is not None:
                depends_on = definition.field(item.when[0])
                assert depends_on is not None and depends_on.kind == "SELECT"
                assert set(item.when[1]) <= set(depends_on.options)
            if item.names_registration is not None:
                assert item.names_registration in DEFINITIONS


@pytest.mark.parametrize("registration_type", [TOLL_FREE_REGISTRATION, BRAND, CAMPAIGN])
def test_sections_and_fields_have_the_models_shape(api, registration_type):
    client = api.client()
    sections = client.describe_registration_section_definitions(RegistrationType=registration_type)
    paths = [s["SectionPath"] for s in sections["RegistrationSectionDefinitions"]]
    assert sections["RegistrationType"] == registration_type and len(paths) >= 2
    fields = client.describe_registration_field_definitions(RegistrationType=registration_type)
    definitions = fields["RegistrationFieldDefinitions"]
    assert {f["SectionPath"] for f in definitions} == set(paths)
    for item in definitions:
        assert item["FieldPath"].startswith(item["SectionPath"] + ".")
        assert item["DisplayHints"]["Title"] and item["DisplayHints"]["ShortDescription"]
        if item["FieldType"] == "TEXT":
            validation = item["TextValidation"]
            assert 0 <= validation["MinLength"] <= validation["MaxLength"] <= 2048
            re.compile(validation["Pattern"])
        if item["FieldType"] == "SELECT":
            validation = item["SelectValidation"]
            assert 1 <= validation["MinChoices"] <= validation["MaxChoices"] <= len(validation["Options"])
        assert ("ConditionalBehavior" in item) == (item["FieldRequirement"] == "CONDITIONAL")
    kinds = {f["FieldType"] for f in definitions}
    assert kinds == ({"TEXT", "SELECT"} if registration_type == BRAND else {"TEXT", "SELECT", "ATTACHMENT"})
    assert {f["FieldRequirement"] for f in definitions} >= {"REQUIRED", "OPTIONAL"}


def test_the_toll_free_form_asks_for_the_user_guides_fields(api):
    definitions = api.client().describe_registration_field_definitions(RegistrationType=TOLL_FREE_REGISTRATION)
    by_path = {f["FieldPath"]: f for f in definitions["RegistrationFieldDefinitions"]}
    required = {path for path, f in by_path.items() if f["FieldRequirement"] == "REQUIRED"}
    assert required == set(TOLL_FREE_VALUES)
    assert by_path["messagingUseCase.optInImage"]["FieldType"] == "ATTACHMENT"
    assert by_path["companyInfo.address2"]["FieldRequirement"] == "OPTIONAL"
    assert "MARKETING" in by_path["messagingUseCase.useCaseCategory"]["SelectValidation"]["Options"]


def test_definitions_filter_by_section_and_field(api):
    client = api.client()
    contact = client.describe_registration_field_definitions(
        RegistrationType=TOLL_FREE_REGISTRATION, SectionPath="contactInfo"
    )["RegistrationFieldDefinitions"]
    assert [f["FieldPath"] for f in contact] == [
        "contactInfo.firstName",
        "contactInfo.lastName",
        "contactInfo.supportEmail",
        "contactInfo.supportPhoneNumber",
    ]
    one = client.describe_registration_field_definitions(
        RegistrationType=BRAND, FieldPaths=["companyInfo.stockSymbol"]
    )["RegistrationFieldDefinitions"]
    assert one[0]["ConditionalBehavior"]["Rules"][0]["Conditions"][0] == {
        "DependsOnFieldPath": "companyInfo.legalType",
        "Operator": "EQUALS",
        "Values": ["PUBLIC_PROFIT"],
    }
    sections = client.describe_registration_section_definitions(
        RegistrationType=CAMPAIGN, SectionPaths=["messageSamples"]
    )
    assert [s["SectionPath"] for s in sections["RegistrationSectionDefinitions"]] == ["messageSamples"]


@pytest.mark.parametrize(
    ("call", "reason", "field"),
    [
        (
            lambda c: c.describe_registration_type_definitions(RegistrationTypes=["NOPE"]),
            "UNKNOWN_REGISTRATION_TYPE",
            "RegistrationTypes",
        ),
        (
            lambda c: c.describe_registration_section_definitions(RegistrationType="NOPE"),
            "UNKNOWN_REGISTRATION_TYPE",
            "RegistrationType",
        ),
        (
            lambda c: c.describe_registration_section_definitions(RegistrationType=BRAND, SectionPaths=["nope"]),
            "UNKNOWN_REGISTRATION_SECTION",
            "SectionPaths",
        ),
        (
            lambda c: c.describe_registration_field_definitions(RegistrationType=BRAND, SectionPath="nope"),
            "UNKNOWN_REGISTRATION_SECTION",
            "SectionPath",
        ),
        (
            lambda c: c.describe_registration_field_definitions(
                RegistrationType=BRAND, FieldPaths=["companyInfo.nope"]
            ),
            "UNKNOWN_REGISTRATION_FIELD",
            "FieldPaths",
        ),
        (lambda c: c.create_registration(RegistrationType="US_NOPE"), "UNKNOWN_REGISTRATION_TYPE", "RegistrationType"),
    ],
)
def test_unknown_types_sections_and_fields_are_refused(api, call, reason, field):
    with raises("ValidationException", Reason=reason) as caught:
        call(api.client())
    assert [f["Name"] for f in caught.value.response["Fields"]] == [field]


# --- create, describe, delete --------------------------------------------------------------------


def test_a_new_registration_is_created_with_a_draft_version(api):
    client = api.client()
    created = client.create_registration(
        RegistrationType=TOLL_FREE_REGISTRATION, Tags=[{"Key": "Name", "Value": "alerts"}]
    )
    registration_id = created["RegistrationId"]
    assert registration_id.startswith("registration-") and len(registration_id) == 45
    assert created["RegistrationStatus"] == "CREATED" and created["CurrentVersionNumber"] == 1
    assert created["Tags"] == [{"Key": "Name", "Value": "alerts"}]
    assert created["RegistrationArn"].endswith(":registration/" + registration_id)
    described = client.describe_registrations(RegistrationIds=[registration_id])["Registrations"][0]
    assert "ApprovedVersionNumber" not in described and "LatestDeniedVersionNumber" not in described
    versions = client.describe_registration_versions(RegistrationId=registration_id)
    assert [(v["VersionNumber"], v["RegistrationVersionStatus"]) for v in versions["RegistrationVersions"]] == [
        (1, "DRAFT")
    ]
    assert list(versions["RegistrationVersions"][0]["RegistrationVersionStatusHistory"]) == ["DraftTimestamp"]
    assert client.list_tags_for_resource(ResourceArn=created["RegistrationArn"])["Tags"] == created["Tags"]


def test_create_registration_replays_its_client_token_and_counts_against_the_quota(api):
    client = api.client()
    first = client.create_registration(RegistrationType=BRAND, ClientToken="t-1")
    again = client.create_registration(RegistrationType=BRAND, ClientToken="t-1")
    assert again["RegistrationId"] == first["RegistrationId"]
    api.config(registrations_quota=1)
    with raises("ServiceQuotaExceededException", Reason="REGISTRATIONS_PER_ACCOUNT"):
        client.create_registration(RegistrationType=BRAND)
    limits = {row["Name"]: row for row in client.describe_account_limits()["AccountLimits"]}
    assert limits["REGISTRATIONS"]["Used"] == 1


def test_a_deleted_registration_is_gone(api):
    client = api.client()
    registration_id = create(client)
    deleted = client.delete_registration(RegistrationId=registration_id)
    assert deleted["RegistrationStatus"] == "DELETED" and deleted["RegistrationId"] == registration_id
    with raises("ResourceNotFoundException", ResourceType="registration", ResourceId=registration_id):
        client.describe_registrations(RegistrationIds=[registration_id])
    with raises("ResourceNotFoundException", ResourceType="registration"):
        client.delete_registration(RegistrationId=registration_id)


# --- field values --------------------------------------------------------------------------------


def test_field_values_are_put_described_and_deleted_on_the_draft(api):
    client = api.client()
    registration_id = create(client)
    answer = put(client, registration_id, "companyInfo.companyName", "ExampleCorp")
    assert answer["VersionNumber"] == 1 and answer["TextValue"] == "ExampleCorp"
    put(client, registration_id, "messagingUseCase.useCaseCategory", ["MARKETING"])
    put(client, registration_id, "contactInfo.firstName", "Ada")
    values = client.describe_registration_field_values(RegistrationId=registration_id)
    assert values["VersionNumber"] == 1
    assert values["RegistrationFieldValues"] == [
        {"FieldPath": "companyInfo.companyName", "TextValue": "ExampleCorp"},
        {"FieldPath": "contactInfo.firstName", "TextValue": "Ada"},
        {"FieldPath": "messagingUseCase.useCaseCategory", "SelectChoices": ["MARKETING"]},
    ]
    section = client.describe_registration_field_values(RegistrationId=registration_id, SectionPath="contactInfo")
    assert [v["FieldPath"] for v in section["RegistrationFieldValues"]] == ["contactInfo.firstName"]
    page = client.describe_registration_field_values(RegistrationId=registration_id, MaxResults=2)
    assert len(page["RegistrationFieldValues"]) == 2 and "NextToken" in page
    removed = client.delete_registration_field_value(RegistrationId=registration_id, FieldPath="contactInfo.firstName")
    assert removed["TextValue"] == "Ada"
    values = client.describe_registration_field_values(RegistrationId=registration_id)["RegistrationFieldValues"]
    assert "contactInfo.firstName" not in [v["FieldPath"] for v in values]
    put(client, registration_id, "companyInfo.companyName", "Renamed")
    values = client.describe_registration_field_values(
        RegistrationId=registration_id, FieldPaths=["companyInfo.companyName"]
    )
    assert values["RegistrationFieldValues"] == [{"FieldPath": "companyInfo.companyName", "TextValue": "Renamed"}]


@pytest.mark.parametrize(
    ("path", "value", "reason", "field"),
    [
        ("companyInfo.colour", {"TextValue": "red"}, "UNKNOWN_REGISTRATION_FIELD", "FieldPath"),
        ("companyInfo.companyName", {}, "MISSING_PARAMETER", "TextValue"),
        ("companyInfo.companyName", {"SelectChoices": ["x"]}, "INVALID_PARAMETER", "SelectChoices"),
        ("companyInfo.companyName", {"TextValue": "x" * 101}, "FIELD_VALIDATION_FAILED", "TextValue"),
        ("companyInfo.website", {"TextValue": "example.com"}, "FIELD_VALIDATION_FAILED", "TextValue"),
        ("contactInfo.supportPhoneNumber", {"TextValue": "206-555-0100"}, "FIELD_VALIDATION_FAILED", "TextValue"),
        ("messagingUseCase.useCaseCategory", {"SelectChoices": ["SPAM"]}, "FIELD_VALIDATION_FAILED", "SelectChoices"),
        (
            "messagingUseCase.useCaseCategory",
            {"SelectChoices": ["MARKETING", "CUSTOMER_CARE"]},
            "FIELD_VALIDATION_FAILED",
            "SelectChoices",
        ),
        ("messagingUseCase.useCaseCategory", {"TextValue": "MARKETING"}, "INVALID_PARAMETER", "TextValue"),
        ("messagingUseCase.optInImage", {"TextValue": "a screenshot"}, "INVALID_PARAMETER", "TextValue"),
    ],
)
def test_a_value_its_definition_refuses_is_a_validation_exception(api, path, value, reason, field):
    client = api.client()
    registration_id = create(client)
    with raises("ValidationException", Reason=reason) as caught:
        client.put_registration_field_value(RegistrationId=registration_id, FieldPath=path, **value)
    assert field in [f["Name"] for f in caught.value.response["Fields"]]
    assert client.describe_registration_field_values(RegistrationId=registration_id)["RegistrationFieldValues"] == []


def test_two_value_members_cannot_be_used_together(api):
    client = api.client()
    registration_id = create(client)
    with raises("ValidationException", Reason="PARAMETERS_CANNOT_BE_USED_TOGETHER"):
        client.put_registration_field_value(
            RegistrationId=registration_id, FieldPath="companyInfo.companyName", TextValue="a", SelectChoices=["b"]
        )


def test_an_attachment_field_takes_an_existing_attachment(api):
    client = api.client()
    registration_id = create(client)
    with raises("ResourceNotFoundException", ResourceType="registration-attachment"):
        client.put_registration_field_value(
            RegistrationId=registration_id,
            FieldPath="messagingUseCase.optInImage",
            RegistrationAttachmentId="attachment-" + "0" * 32,
        )
    attachment = client.create_registration_attachment(AttachmentUrl="s3://bucket/opt-in.png")
    answer = client.put_registration_field_value(
        RegistrationId=registration_id,
        FieldPath="messagingUseCase.optInImage",
        RegistrationAttachmentId=attachment["RegistrationAttachmentArn"],
    )
    assert answer["RegistrationAttachmentId"] == attachment["RegistrationAttachmentId"]


# --- submission and review -------------------------------------------------------------------------


@pytest.mark.rule(
    "A registration version with a required field unset cannot be submitted (MISSING_PARAMETER, naming the fields)",
    source="DescribeRegistrationFieldDefinitions' FieldRequirement; emulator's choice of Reason (README)",
)
def test_a_draft_missing_required_fields_is_not_submitted(api):
    client = api.client()
    registration_id = create(client)
    fill(client, registration_id, {k: v for k, v in TOLL_FREE_VALUES.items() if k != "contactInfo.supportEmail"})
    with raises("ValidationException", Reason="MISSING_PARAMETER") as caught:
        client.submit_registration_version(RegistrationId=registration_id)
    assert caught.value.response["Fields"] == [
        {"Name": "contactInfo.supportEmail", "Message": "Required field has no value"}
    ]
    assert "contactInfo.supportEmail" in caught.value.response["Message"]
    assert status(client, registration_id) == "CREATED"
    assert version(client, registration_id, 1)["RegistrationVersionStatus"] == "DRAFT"


def test_a_conditional_field_is_required_when_its_condition_holds(api):
    client = api.client()
    registration_id = create(client, BRAND)
    fill(client, registration_id, {**BRAND_VALUES, "companyInfo.legalType": ["PUBLIC_PROFIT"]})
    with raises("ValidationException", Reason="MISSING_PARAMETER") as caught:
        client.submit_registration_version(RegistrationId=registration_id)
    assert [f["Name"] for f in caught.value.response["Fields"]] == [
        "companyInfo.stockSymbol",
        "companyInfo.stockExchange",
    ]
    put(client, registration_id, "companyInfo.legalType", ["PRIVATE_PROFIT"])
    assert (
        client.submit_registration_version(RegistrationId=registration_id)["RegistrationVersionStatus"] == "SUBMITTED"
    )


@pytest.mark.rule(
    "A 10DLC campaign is submitted under a COMPLETE brand registration (REGISTRATION_NOT_COMPLETE)",
    source="user guide, 10DLC campaign registration form: register the brand first; ConflictExceptionReason",
)
def test_a_campaign_needs_a_complete_brand_to_be_submitted(api):
    api.config(registration_review={"seconds": 100})
    client = api.client()
    brand_id = create(client, BRAND)
    campaign_id = create(client, CAMPAIGN)
    fill(client, campaign_id, campaign_values("registration-" + "0" * 32))
    with raises("ValidationException", Reason="INVALID_PARAMETER") as caught:
        client.submit_registration_version(RegistrationId=campaign_id)
    assert caught.value.response["Fields"][0]["Name"] == "campaignInfo.brandRegistrationId"
    put(client, campaign_id, "campaignInfo.brandRegistrationId", campaign_id)
    with raises("ValidationException", Reason="INVALID_PARAMETER"):
        client.submit_registration_version(RegistrationId=campaign_id)
    put(client, campaign_id, "campaignInfo.brandRegistrationId", brand_id)
    with raises("ConflictException", Reason="REGISTRATION_NOT_COMPLETE", ResourceId=brand_id):
        client.submit_registration_version(RegistrationId=campaign_id)
    fill(client, brand_id, BRAND_VALUES)
    client.submit_registration_version(RegistrationId=brand_id)
    api.advance_clock(100)
    assert client.submit_registration_version(RegistrationId=campaign_id)["RegistrationVersionStatus"] == "SUBMITTED"


@pytest.mark.rule(
    "A submitted registration is SUBMITTED, then REVIEWING, then APPROVED (registration COMPLETE) on the clock",
    source="RegistrationStatus and RegistrationVersionStatus docs; durations: registration_review setting (README)",
)
def test_the_review_runs_on_the_clock_and_approves_by_default(api):
    client = api.client()
    registration_id = create(client)
    fill(client, registration_id, TOLL_FREE_VALUES)
    submitted = client.submit_registration_version(RegistrationId=registration_id)
    assert submitted["RegistrationVersionStatus"] == "SUBMITTED" and submitted["AwsReview"] is False
    assert status(client, registration_id) == "SUBMITTED"
    api.advance_clock(DAY + 1)
    assert version(client, registration_id, 1)["RegistrationVersionStatus"] == "REVIEWING"
    assert status(client, registration_id) == "REVIEWING"
    api.advance_clock(TWO_WEEKS - DAY - 2)
    assert status(client, registration_id) == "REVIEWING"
    api.advance_clock(1)
    described = client.describe_registrations(RegistrationIds=[registration_id])["Registrations"][0]
    assert described["RegistrationStatus"] == "COMPLETE" and described["ApprovedVersionNumber"] == 1
    history = version(client, registration_id, 1)["RegistrationVersionStatusHistory"]
    assert list(history) == ["DraftTimestamp", "SubmittedTimestamp", "ReviewingTimestamp", "ApprovedTimestamp"]
    assert (history["ApprovedTimestamp"] - history["SubmittedTimestamp"]).total_seconds() == TWO_WEEKS
    assert (history["ReviewingTimestamp"] - history["SubmittedTimestamp"]).total_seconds() == DAY


@pytest.mark.rule(
    "A denied version is DENIED with its DeniedReasons, the registration REQUIRES_UPDATES; a new version fixes it",
    source="RegistrationVersionStatus and RegistrationStatus docs; outcome: registration_review setting (README)",
)
def test_a_denied_registration_is_fixed_through_a_new_version(api):
    reasons = [{"Reason": "SAMPLE_MESSAGES", "ShortDescription": "Samples lack the brand name."}]
    api.config(registration_review={"outcome": "DENIED", "seconds": 3600, "denied_reasons": reasons})
    client = api.client()
    registration_id = create(client)
    fill(client, registration_id, TOLL_FREE_VALUES)
    client.submit_registration_version(RegistrationId=registration_id)
    api.advance_clock(3600)
    described = client.describe_registrations(RegistrationIds=[registration_id])["Registrations"][0]
    assert described["RegistrationStatus"] == "REQUIRES_UPDATES"
    assert described["LatestDeniedVersionNumber"] == 1 and "ApprovedVersionNumber" not in described
    denied = version(client, registration_id, 1)
    assert denied["RegistrationVersionStatus"] == "DENIED" and denied["DeniedReasons"] == reasons
    created = client.create_registration_version(RegistrationId=registration_id)
    assert (created["VersionNumber"], created["RegistrationVersionStatus"]) == (2, "DRAFT")
    copied = client.describe_registration_field_values(RegistrationId=registration_id)
    assert copied["VersionNumber"] == 2 and len(copied["RegistrationFieldValues"]) == len(TOLL_FREE_VALUES)
    put(client, registration_id, "messageSamples.messageSample1", "ExampleCorp: " + SAMPLE)
    old = client.describe_registration_field_values(
        RegistrationId=registration_id, VersionNumber=1, FieldPaths=["messageSamples.messageSample1"]
    )
    assert old["RegistrationFieldValues"][0]["TextValue"] == SAMPLE
    api.config(registration_review={"outcome": "APPROVED"})
    client.submit_registration_version(RegistrationId=registration_id)
    api.advance_clock(3600)
    described = client.describe_registrations(RegistrationIds=[registration_id])["Registrations"][0]
    assert (described["RegistrationStatus"], described["CurrentVersionNumber"]) == ("COMPLETE", 2)
    assert (described["ApprovedVersionNumber"], described["LatestDeniedVersionNumber"]) == (2, 1)
    statuses = client.describe_registration_versions(
        RegistrationId=registration_id, Filters=[{"Name": "registration-version-status", "Values": ["DENIED"]}]
    )
    assert [v["VersionNumber"] for v in statuses["RegistrationVersions"]] == [1]


def test_a_denied_reason_that_names_a_field_shows_on_its_value(api):
    reason = {
        "Reason": "SAMPLE",
        "ShortDescription": "Add the brand name.",
        "FieldPath": "messageSamples.messageSample1",
    }
    api.config(registration_review={"outcome": "DENIED", "seconds": 0, "denied_reasons": [reason, "OTHER"]})
    client = api.client()
    registration_id = create(client)
    fill(client, registration_id, TOLL_FREE_VALUES)
    client.submit_registration_version(RegistrationId=registration_id)
    reasons = version(client, registration_id, 1)["DeniedReasons"]
    assert reasons == [
        {"Reason": "SAMPLE", "ShortDescription": "Add the brand name."},
        {"Reason": "OTHER", "ShortDescription": "OTHER"},
    ]
    values = client.describe_registration_field_values(RegistrationId=registration_id)["RegistrationFieldValues"]
    denied = {v["FieldPath"]: v["DeniedReason"] for v in values if "DeniedReason" in v}
    assert denied == {"messageSamples.messageSample1": "Add the brand name."}
    client.create_registration_version(RegistrationId=registration_id)
    values = client.describe_registration_field_values(RegistrationId=registration_id)["RegistrationFieldValues"]
    assert not any("DeniedReason" in v for v in values)


def test_a_seeded_registration_takes_part_in_versions(api):
    complete, other = api.seed_registrations(
        {"RegistrationType": TOLL_FREE_REGISTRATION, "RegistrationStatus": "COMPLETE"},
        {"RegistrationType": "US_SHORT_CODE_REGISTRATION", "RegistrationStatus": "CREATED"},
    )
    client = api.client()
    assert version(client, complete, 1)["RegistrationVersionStatus"] == "APPROVED"
    assert client.create_registration_version(RegistrationId=complete)["VersionNumber"] == 2
    put(client, complete, "companyInfo.companyName", "ExampleCorp")
    with raises("ValidationException", Reason="UNKNOWN_REGISTRATION_FIELD"):
        put(client, other, "companyInfo.companyName", "ExampleCorp")
    # A type the emulator has no definitions for has no required fields to check.
    assert client.submit_registration_version(RegistrationId=other)["RegistrationVersionStatus"] == "SUBMITTED"


def test_a_newer_approved_version_archives_the_one_before(api):
    api.config(registration_review={"seconds": 10, "submitted_seconds": 5})
    client = api.client()
    registration_id = approved(api, client, TOLL_FREE_REGISTRATION, TOLL_FREE_VALUES)
    client.create_registration_version(RegistrationId=registration_id)
    assert status(client, registration_id) == "COMPLETE"  # the approved version still holds
    client.submit_registration_version(RegistrationId=registration_id)
    assert status(client, registration_id) == "COMPLETE"
    api.advance_clock(10)
    assert version(client, registration_id, 1)["RegistrationVersionStatus"] == "ARCHIVED"
    assert version(client, registration_id, 2)["RegistrationVersionStatus"] == "APPROVED"


def test_aws_review_shows_aws_reviewing_before_reviewing(api):
    client = api.client()
    registration_id = create(client, BRAND)
    fill(client, registration_id, BRAND_VALUES)
    submitted = client.submit_registration_version(RegistrationId=registration_id, AwsReview=True)
    assert submitted["RegistrationVersionStatus"] == "AWS_REVIEWING" and submitted["AwsReview"] is True
    assert status(client, registration_id) == "AWS_REVIEWING"
    api.advance_clock(DAY)
    assert status(client, registration_id) == "REVIEWING"


def test_an_instant_review_approves_at_submission(api):
    api.config(registration_review={"seconds": 0})
    client = api.client()
    registration_id = create(client, BRAND)
    fill(client, registration_id, BRAND_VALUES)
    assert client.submit_registration_version(RegistrationId=registration_id)["RegistrationVersionStatus"] == "APPROVED"
    assert status(client, registration_id) == "COMPLETE"


@pytest.mark.rule(
    "Field values of a version in review or decided cannot change (EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED)",
    source="ConflictExceptionReason; CreateRegistrationVersion doc: the previous version becomes read-only",
)
def test_values_cannot_change_once_submitted(api):
    client = api.client()
    registration_id = create(client)
    fill(client, registration_id, TOLL_FREE_VALUES)
    client.submit_registration_version(RegistrationId=registration_id)
    for change in (
        lambda: put(client, registration_id, "companyInfo.companyName", "Other"),
        lambda: client.delete_registration_field_value(RegistrationId=registration_id, FieldPath="companyInfo.city"),
    ):
        with raises(
            "ConflictException",
            Reason="EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED",
            ResourceType="registration",
            ResourceId=registration_id,
        ) as caught:
            change()
        assert "SUBMITTED" in caught.value.response["Message"]


@pytest.mark.rule(
    "Submitting, versioning and discarding follow the version's status (REGISTRATION_ALREADY_SUBMITTED, "
    "SUBMIT_/CREATE_/DISCARD_REGISTRATION_VERSION_NOT_ALLOWED)",
    source="ConflictExceptionReason; emulator's reading of when each applies (README)",
)
def test_versions_move_only_from_the_statuses_that_allow_it(api):
    api.config(registration_review={"seconds": 100})
    client = api.client()
    registration_id = create(client)
    with raises("ConflictException", Reason="CREATE_REGISTRATION_VERSION_NOT_ALLOWED"):
        client.create_registration_version(RegistrationId=registration_id)
    with raises("ConflictException", Reason="DISCARD_REGISTRATION_VERSION_NOT_ALLOWED"):
        client.discard_registration_version(RegistrationId=registration_id)
    fill(client, registration_id, TOLL_FREE_VALUES)
    client.submit_registration_version(RegistrationId=registration_id)
    with raises("ConflictException", Reason="REGISTRATION_ALREADY_SUBMITTED"):
        client.submit_registration_version(RegistrationId=registration_id)
    with raises("ConflictException", Reason="CREATE_REGISTRATION_VERSION_NOT_ALLOWED"):
        client.create_registration_version(RegistrationId=registration_id)
    with raises("ConflictException", Reason="DISCARD_REGISTRATION_VERSION_NOT_ALLOWED"):
        client.discard_registration_version(RegistrationId=registration_id)
    api.advance_clock(100)
    with raises("ConflictException", Reason="SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED"):
        client.submit_registration_version(RegistrationId=registration_id)
    client.create_registration_version(RegistrationId=registration_id)
    discarded = client.discard_registration_version(RegistrationId=registration_id)
    assert (discarded["VersionNumber"], discarded["RegistrationVersionStatus"]) == (2, "DISCARDED")
    assert "DiscardedTimestamp" in discarded["RegistrationVersionStatusHistory"]
    assert status(client, registration_id) == "COMPLETE"
    third = client.create_registration_version(RegistrationId=registration_id)
    assert third["VersionNumber"] == 3


def test_describe_registration_versions_refuses_an_unknown_version(api):
    client = api.client()
    registration_id = create(client)
    with raises("ValidationException", Reason="UNKNOWN_REGISTRATION_VERSION"):
        client.describe_registration_versions(RegistrationId=registration_id, VersionNumbers=[2])
    with raises("ValidationException", Reason="UNKNOWN_REGISTRATION_VERSION"):
        client.describe_registration_field_values(RegistrationId=registration_id, VersionNumber=2)


def test_the_review_setting_defaults_to_two_weeks_approved_and_merges_per_key(api):
    review = api.config()["registration_review"]
    assert (review["outcome"], review["seconds"], review["submitted_seconds"]) == ("APPROVED", TWO_WEEKS, DAY)
    assert review["denied_reasons"][0]["Reason"]
    changed = api.config(registration_review={"outcome": "DENIED", "denied_reasons": ["BRAND_MISMATCH"]})
    assert changed["registration_review"]["seconds"] == TWO_WEEKS
    assert changed["registration_review"]["denied_reasons"] == [
        {"Reason": "BRAND_MISMATCH", "ShortDescription": "BRAND_MISMATCH"}
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("APPROVED", "registration_review must be an object"),
        ({"outcome": "MAYBE"}, "registration_review.outcome must be APPROVED or DENIED"),
        ({"seconds": -1}, "registration_review.seconds must be a number >= 0"),
        ({"denied_reasons": [{"Reason": "X"}]}, "denied_reasons[0] must be a string or an object"),
        ({"colour": "red"}, "registration_review: unknown key 'colour'"),
    ],
)
def test_bad_review_settings_are_refused(api, value, message):
    with pytest.raises(EmulatorControlError, match=re.escape(message)):
        api.config(registration_review=value)
    assert api.config()["registration_review"]["outcome"] == "APPROVED"
