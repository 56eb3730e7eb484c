"""What registrations touch: attachments, associated numbers, tags, IAM and writes in flight.

Every API test runs in-process and over HTTP (the ``api`` fixture).
"""

from __future__ import annotations

import pytest

from tests.emulator import DEFAULT_ACCOUNT_ID
from tests.emulator.iam import resources

from .helpers import TOLL_FREE, raises, request
from .registration_helpers import (
    BRAND,
    BRAND_VALUES,
    CAMPAIGN,
    PNG,
    TOLL_FREE_REGISTRATION,
    TOLL_FREE_VALUES,
    TWO_WEEKS,
    approved,
    campaign_values,
    create,
    fill,
    status,
)
from .test_iam import ARN, allow, denied_message, policy

TEN_DLC = {
    "IsoCountryCode": "US",
    "MessageType": "TRANSACTIONAL",
    "NumberCapabilities": ["SMS"],
    "NumberType": "TEN_DLC",
}

# --- attachments -------------------------------------------------------------------------------


def test_an_attachment_is_uploaded_from_a_body_or_an_s3_url(api):
    client = api.client()
    body = client.create_registration_attachment(AttachmentBody=PNG, Tags=[{"Key": "sha256", "Value": "abc"}])
    attachment_id = body["RegistrationAttachmentId"]
    assert attachment_id.startswith("attachment-") and body["AttachmentStatus"] == "UPLOAD_COMPLETE"
    assert body["RegistrationAttachmentArn"].endswith(":registration-attachment/" + attachment_id)
    assert body["Tags"] == [{"Key": "sha256", "Value": "abc"}]
    url = client.create_registration_attachment(AttachmentUrl="s3://my-bucket/forms/opt-in.PDF")
    listed = client.describe_registration_attachments()["RegistrationAttachments"]
    assert [a["RegistrationAttachmentId"] for a in listed] == [attachment_id, url["RegistrationAttachmentId"]]
    assert "AttachmentUrl" not in listed[0] and listed[1]["AttachmentUrl"] == "s3://my-bucket/forms/opt-in.PDF"
    by_arn = client.describe_registration_attachments(RegistrationAttachmentIds=[body["RegistrationAttachmentArn"]])
    assert [a["RegistrationAttachmentId"] for a in by_arn["RegistrationAttachments"]] == [attachment_id]
    complete = client.describe_registration_attachments(
        Filters=[{"Name": "attachment-status", "Values": ["UPLOAD_COMPLETE"]}], MaxResults=1
    )
    assert len(complete["RegistrationAttachments"]) == 1 and "NextToken" in complete
    tags = client.list_tags_for_resource(ResourceArn=body["RegistrationAttachmentArn"])["Tags"]
    assert tags == [{"Key": "sha256", "Value": "abc"}]
    deleted = client.delete_registration_attachment(RegistrationAttachmentId=attachment_id)
    assert deleted["AttachmentStatus"] == "DELETED"
    with raises("ResourceNotFoundException", ResourceType="registration-attachment", ResourceId=attachment_id):
        client.describe_registration_attachments(RegistrationAttachmentIds=[attachment_id])


@pytest.mark.rule(
    "CreateRegistrationAttachment takes AttachmentBody or AttachmentUrl, not both; PDF, JPEG or PNG; at most 5MB",
    source="CreateRegistrationAttachment doc; Reasons: emulator's choice (README)",
)
@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"AttachmentBody": PNG, "AttachmentUrl": "s3://bucket/a.png"}, "PARAMETERS_CANNOT_BE_USED_TOGETHER"),
        ({}, "MISSING_PARAMETER"),
        ({"AttachmentBody": b"GIF89a" + b"\x00" * 10}, "ATTACHMENT_TYPE_NOT_SUPPORTED"),
        ({"AttachmentBody": b"%PDF" + b"\x00" * (5 * 1024 * 1024)}, "MAXIMUM_SIZE_EXCEEDED"),
        ({"AttachmentUrl": "https://example.com/a.png"}, "INVALID_PARAMETER"),
        ({"AttachmentUrl": "s3://bucket/opt-in.gif"}, "ATTACHMENT_TYPE_NOT_SUPPORTED"),
    ],
)
def test_an_attachment_the_documentation_excludes_is_refused(api, params, reason):
    client = api.client()
    with raises("ValidationException", Reason=reason):
        client.create_registration_attachment(**params)
    assert client.describe_registration_attachments()["RegistrationAttachments"] == []


def test_an_attachment_a_field_value_names_cannot_be_deleted(api):
    client = api.client()
    attachment_id = client.create_registration_attachment(AttachmentBody=PNG)["RegistrationAttachmentId"]
    registration_id = create(client)
    client.put_registration_field_value(
        RegistrationId=registration_id, FieldPath="messagingUseCase.optInImage", RegistrationAttachmentId=attachment_id
    )
    with raises("ConflictException", Reason="RESOURCE_DELETION_NOT_ALLOWED", ResourceType="registration-attachment"):
        client.delete_registration_attachment(RegistrationAttachmentId=attachment_id)
    client.delete_registration_field_value(RegistrationId=registration_id, FieldPath="messagingUseCase.optInImage")
    client.delete_registration_attachment(RegistrationAttachmentId=attachment_id)


def test_attachments_count_against_their_account_limit(api):
    client = api.client()
    client.create_registration_attachment(AttachmentBody=PNG)
    api.config(registration_attachments_quota=1)
    with raises("ServiceQuotaExceededException", Reason="REGISTRATION_ATTACHMENTS_PER_ACCOUNT"):
        client.create_registration_attachment(AttachmentUrl="s3://bucket/a.png")
    limits = {row["Name"]: row for row in client.describe_account_limits()["AccountLimits"]}
    assert (limits["REGISTRATION_ATTACHMENTS"]["Used"], limits["REGISTRATION_ATTACHMENTS"]["Max"]) == (1, 1)


def test_a_create_attachment_retry_with_its_client_token_uploads_once(api):
    client = api.client()
    first = client.create_registration_attachment(AttachmentBody=PNG, ClientToken="upload-1")
    again = client.create_registration_attachment(AttachmentBody=PNG, ClientToken="upload-1")
    assert again["RegistrationAttachmentId"] == first["RegistrationAttachmentId"]
    assert len(client.describe_registration_attachments()["RegistrationAttachments"]) == 1


# --- associations ----------------------------------------------------------------------------------


@pytest.mark.rule(
    "A toll-free verification takes its US TOLL_FREE number before submission (ASSOCIATE_BEFORE_SUBMIT)",
    source="SupportedAssociation's AssociationBehavior doc; which type takes which: emulator's definitions (README)",
)
def test_a_toll_free_verification_takes_its_number_while_a_draft(api):
    api.config(pending_seconds={"TOLL_FREE": 0})
    client = api.client()
    registration_id = create(client)
    number = client.request_phone_number(**TOLL_FREE)
    associated = client.create_registration_association(
        RegistrationId=registration_id, ResourceId=number["PhoneNumberArn"]
    )
    assert associated["ResourceId"] == number["PhoneNumberId"] and associated["ResourceType"] == "phone-number"
    assert associated["RegistrationType"] == TOLL_FREE_REGISTRATION
    assert associated["PhoneNumber"] == number["PhoneNumber"] and associated["IsoCountryCode"] == "US"
    listed = client.list_registration_associations(RegistrationId=registration_id)
    assert [a["ResourceId"] for a in listed["RegistrationAssociations"]] == [number["PhoneNumberId"]]
    described = client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])["PhoneNumbers"][0]
    assert described["RegistrationId"] == registration_id
    filtered = client.list_registration_associations(
        RegistrationId=registration_id, Filters=[{"Name": "iso-country-code", "Values": ["CA"]}]
    )
    assert filtered["RegistrationAssociations"] == []
    with raises("ConflictException", Reason="RESOURCE_ALREADY_ASSOCIATED", ResourceId=number["PhoneNumberId"]):
        client.create_registration_association(RegistrationId=create(client), ResourceId=number["PhoneNumberId"])
    fill(client, registration_id, TOLL_FREE_VALUES)
    client.submit_registration_version(RegistrationId=registration_id)
    other = client.request_phone_number(**TOLL_FREE)["PhoneNumberId"]
    with raises("ConflictException", Reason="REGISTRATION_ALREADY_SUBMITTED", ResourceId=registration_id):
        client.create_registration_association(RegistrationId=registration_id, ResourceId=other)
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION"):
        client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])


@pytest.mark.rule(
    "A registration takes only the numbers its type supports (INVALID_REGISTRATION_ASSOCIATION)",
    source="ValidationExceptionReason; SupportedAssociations of DescribeRegistrationTypeDefinitions",
)
def test_a_registration_refuses_numbers_its_type_does_not_take(api):
    client = api.client()
    simulator = request(client)["PhoneNumberId"]
    for registration_type in (TOLL_FREE_REGISTRATION, BRAND, CAMPAIGN):
        with raises("ValidationException", Reason="INVALID_REGISTRATION_ASSOCIATION") as caught:
            client.create_registration_association(
                RegistrationId=create(client, registration_type), ResourceId=simulator
            )
        assert caught.value.response["Fields"][0]["Name"] == "ResourceId"
    sender = client.request_sender_id(SenderId="MYBRAND", IsoCountryCode="GB")["SenderIdArn"]
    with raises("ValidationException", Reason="INVALID_REGISTRATION_ASSOCIATION"):
        client.create_registration_association(RegistrationId=create(client, CAMPAIGN), ResourceId=sender)
    with raises("ResourceNotFoundException", ResourceType="sender-id"):  # a bare sender ID names no country
        client.create_registration_association(RegistrationId=create(client), ResourceId="MYBRAND")
    with raises("ResourceNotFoundException", ResourceType="phone-number"):
        client.create_registration_association(RegistrationId=create(client), ResourceId="phone-" + "0" * 32)


@pytest.mark.rule(
    "A 10DLC campaign takes US TEN_DLC numbers once COMPLETE (ASSOCIATE_AFTER_COMPLETE, else REGISTRATION_NOT_COMPLETE)",
    source="SupportedAssociation's AssociationBehavior doc (names 10DLC campaigns); ConflictExceptionReason",
)
def test_a_campaign_takes_ten_dlc_numbers_once_complete(api):
    api.config(pending_seconds={"TEN_DLC": 0})
    client = api.client()
    brand_id = approved(api, client, BRAND, BRAND_VALUES)
    assert status(client, brand_id) == "COMPLETE"
    first_id = approved(api, client, CAMPAIGN, campaign_values(brand_id))
    leased = client.request_phone_number(**TEN_DLC, RegistrationId=first_id)["PhoneNumberId"]
    listed = client.list_registration_associations(
        RegistrationId=first_id, Filters=[{"Name": "resource-type", "Values": ["phone-number"]}]
    )
    assert [a["ResourceId"] for a in listed["RegistrationAssociations"]] == [leased]
    second_id = create(client, CAMPAIGN)
    with raises("ConflictException", Reason="REGISTRATION_NOT_COMPLETE", ResourceId=second_id):
        client.create_registration_association(RegistrationId=second_id, ResourceId=leased)
    fill(client, second_id, campaign_values(brand_id))
    client.submit_registration_version(RegistrationId=second_id)
    api.advance_clock(TWO_WEEKS)
    with raises("ConflictException", Reason="RESOURCE_ALREADY_ASSOCIATED", ResourceId=leased):
        client.create_registration_association(RegistrationId=second_id, ResourceId=leased)
    # A TEN_DLC number that belongs to no campaign exists only with registration_rules off
    # (tests/emulator/number_rules.py): a number leased before the rule, associated afterwards.
    api.config(registration_rules=False)
    loose = client.request_phone_number(**TEN_DLC)["PhoneNumberId"]
    api.config(registration_rules=True)
    associated = client.create_registration_association(RegistrationId=second_id, ResourceId=loose)
    assert (associated["ResourceId"], associated["RegistrationType"]) == (loose, CAMPAIGN)
    listed = client.list_registration_associations(RegistrationId=second_id)["RegistrationAssociations"]
    assert [a["ResourceId"] for a in listed] == [loose]


def test_releasing_the_last_number_closes_a_complete_registration_and_only_then(api):
    api.config(pending_seconds={"TEN_DLC": 0}, registration_review={"seconds": 0})
    client = api.client()
    brand_id = approved(api, client, BRAND, BRAND_VALUES)
    campaign_id = approved(api, client, CAMPAIGN, campaign_values(brand_id))
    first, second = (
        client.request_phone_number(**TEN_DLC, RegistrationId=campaign_id)["PhoneNumberId"] for _item in "ab"
    )
    with raises("ConflictException", Reason="RESOURCE_DELETION_NOT_ALLOWED", ResourceId=campaign_id):
        client.delete_registration(RegistrationId=campaign_id)
    client.release_phone_number(PhoneNumberId=first)
    assert status(client, campaign_id) == "COMPLETE"
    client.release_phone_number(PhoneNumberId=second)
    assert status(client, campaign_id) == "CLOSED"
    assert client.list_registration_associations(RegistrationId=campaign_id)["RegistrationAssociations"] == []
    client.delete_registration(RegistrationId=campaign_id)


# --- tags, the Tagging API, IAM, writes in flight -----------------------------------------------------------


def test_registrations_and_attachments_are_tagged_and_found_by_get_resources(api):
    client = api.client()
    registration = client.create_registration(RegistrationType=BRAND, Tags=[{"Key": "Name", "Value": "brand"}])
    attachment = client.create_registration_attachment(AttachmentBody=PNG)
    client.tag_resource(ResourceArn=attachment["RegistrationAttachmentArn"], Tags=[{"Key": "sha256", "Value": "f00"}])
    client.untag_resource(ResourceArn=registration["RegistrationArn"], TagKeys=["Name"])
    client.tag_resource(ResourceArn=registration["RegistrationArn"], Tags=[{"Key": "Name", "Value": "renamed"}])
    tagging = api.tagging_client()
    found = tagging.get_resources(ResourceTypeFilters=["sms-voice:registration"])["ResourceTagMappingList"]
    assert found == [{"ResourceARN": registration["RegistrationArn"], "Tags": [{"Key": "Name", "Value": "renamed"}]}]
    found = tagging.get_resources(TagFilters=[{"Key": "sha256"}])["ResourceTagMappingList"]
    assert [r["ResourceARN"] for r in found] == [attachment["RegistrationAttachmentArn"]]
    policy = '{"Version": "2012-10-17", "Statement": []}'
    with raises("ResourceNotFoundException", ResourceType="registration"):  # policies share numbers and lists only
        client.put_resource_policy(ResourceArn=registration["RegistrationArn"], Policy=policy)
    client.delete_registration(RegistrationId=registration["RegistrationId"])
    assert tagging.get_resources(ResourceTypeFilters=["sms-voice:registration"])["ResourceTagMappingList"] == []
    with raises("ResourceNotFoundException", ResourceType="registration"):
        client.list_tags_for_resource(ResourceArn=registration["RegistrationArn"])


def test_registration_calls_are_authorized_on_the_registration_they_name(api):
    client = api.client()
    mine, other = create(client), create(client)
    api.config(
        iam_policy=policy(
            allow(
                ["sms-voice:PutRegistrationFieldValue", "sms-voice:SubmitRegistrationVersion"],
                ARN + "registration/" + mine,
            ),
            allow("sms-voice:DescribeRegistrationFieldDefinitions"),
        )
    )
    client.put_registration_field_value(RegistrationId=mine, FieldPath="companyInfo.companyName", TextValue="A")
    client.describe_registration_field_definitions(RegistrationType=TOLL_FREE_REGISTRATION)
    with raises("AccessDeniedException") as caught:
        client.put_registration_field_value(RegistrationId=other, FieldPath="companyInfo.companyName", TextValue="A")
    action = "sms-voice:PutRegistrationFieldValue"
    assert caught.value.response["Error"]["Message"] == denied_message(action, ARN + "registration/" + other)
    with raises("AccessDeniedException"):
        client.create_registration(RegistrationType=BRAND)


def test_registration_calls_name_their_resources_for_iam():
    registration, number, attachment = "registration-" + "1" * 32, "phone-" + "2" * 32, "attachment-" + "3" * 32
    assert resources(
        "CreateRegistrationAssociation",
        {"RegistrationId": registration, "ResourceId": number},
        "us-east-1",
        DEFAULT_ACCOUNT_ID,
    ) == [
        ARN + "registration/" + registration,
        ARN + "phone-number/" + number,
    ]
    assert resources(
        "DeleteRegistrationAttachment", {"RegistrationAttachmentId": attachment}, "us-east-1", DEFAULT_ACCOUNT_ID
    ) == [ARN + "registration-attachment/" + attachment]
    for operation in ("CreateRegistration", "CreateRegistrationAttachment", "DescribeRegistrationFieldDefinitions"):
        assert resources(operation, {"RegistrationType": BRAND}, "us-east-1", DEFAULT_ACCOUNT_ID) == ["*"]


def test_a_write_to_a_registration_with_a_write_in_flight_conflicts(api):
    client = api.client()
    registration_id = create(client)
    api.config(conflict_window_seconds=5)
    client.put_registration_field_value(RegistrationId=registration_id, FieldPath="companyInfo.city", TextValue="X")
    with raises("ConflictException", ResourceType="registration", ResourceId=registration_id) as caught:
        client.put_registration_field_value(RegistrationId=registration_id, FieldPath="companyInfo.city", TextValue="Y")
    assert "Reason" not in caught.value.response
    client.describe_registration_field_values(RegistrationId=registration_id)
    api.advance_clock(5)
    client.put_registration_field_value(RegistrationId=registration_id, FieldPath="companyInfo.city", TextValue="Y")


def test_registration_operations_are_throttled_at_their_quota(api):
    api.config(quota_scale=0.01)
    client = api.client(retries={"mode": "standard", "total_max_attempts": 1})
    client.describe_registration_type_definitions()
    with raises("ThrottlingException"):
        client.describe_registration_type_definitions()
