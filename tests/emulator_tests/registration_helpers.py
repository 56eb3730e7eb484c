"""Registrations the emulator tests fill: field values that pass each type's definitions."""

from __future__ import annotations

from typing import Any

TOLL_FREE_REGISTRATION = "US_TOLL_FREE_REGISTRATION"
BRAND = "US_TEN_DLC_BRAND_REGISTRATION"
CAMPAIGN = "US_TEN_DLC_CAMPAIGN_REGISTRATION"
DAY = 86400
TWO_WEEKS = 14 * DAY
#: The smallest file the emulator takes as a PNG (its first bytes).
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

SAMPLE = "ExampleCorp: your code is 123456. Reply STOP to opt out."

#: Every required field of a toll-free verification, with a value its definition accepts.
TOLL_FREE_VALUES: dict[str, Any] = {
    "companyInfo.companyName": "ExampleCorp",
    "companyInfo.website": "https://example.com",
    "companyInfo.address1": "1 Main St",
    "companyInfo.city": "Seattle",
    "companyInfo.state": "WA",
    "companyInfo.zipCode": "98101",
    "companyInfo.isoCountryCode": "US",
    "companyInfo.privacyPolicyUrl": "https://example.com/privacy",
    "companyInfo.termsAndConditionsUrl": "https://example.com/terms",
    "contactInfo.firstName": "Ada",
    "contactInfo.lastName": "Lovelace",
    "contactInfo.supportEmail": "support@example.com",
    "contactInfo.supportPhoneNumber": "+12065550100",
    "messagingUseCase.monthlyMessageVolume": ["1,000"],
    "messagingUseCase.useCaseCategory": ["TWO_FACTOR_AUTHENTICATION"],
    "messagingUseCase.useCaseDetails": "One-time passcodes for sign-in.",
    "messagingUseCase.optInDescription": "Users enter their number on the sign-in page and tick a box.",
    "messageSamples.messageSample1": SAMPLE,
}

BRAND_VALUES: dict[str, Any] = {
    "companyInfo.companyName": "ExampleCorp Inc",
    "companyInfo.legalType": ["PRIVATE_PROFIT"],
    "companyInfo.taxId": "12-3456789",
    "companyInfo.taxIdIssuingCountry": "US",
    "companyInfo.website": "https://example.com",
    "companyInfo.address1": "1 Main St",
    "companyInfo.city": "Seattle",
    "companyInfo.state": "WA",
    "companyInfo.zipCode": "98101",
    "companyInfo.isoCountryCode": "US",
    "companyInfo.vertical": ["TECHNOLOGY"],
    "contactInfo.supportEmail": "support@example.com",
    "contactInfo.supportPhoneNumber": "+12065550100",
}


def campaign_values(brand_id: str) -> dict[str, Any]:
    return {
        "campaignInfo.brandRegistrationId": brand_id,
        "campaignInfo.campaignName": "Sign-in codes",
        "campaignInfo.campaignDescription": "One-time passcodes that ExampleCorp sends to its users at sign-in.",
        "campaignInfo.vertical": ["TECHNOLOGY"],
        "campaignInfo.optInWorkflow": "Users enter their number on the sign-in page and tick a consent box.",
        "campaignInfo.helpMessage": "ExampleCorp: help at example.com/help.",
        "campaignInfo.stopMessage": "ExampleCorp: you are unsubscribed.",
        "campaignUseCase.useCase": ["TWO_FACTOR_AUTHENTICATION"],
        **{
            f"campaignCapabilities.{name}": ["Yes"]
            for name in ("subscriberOptIn", "subscriberOptOut", "subscriberHelp", "embeddedLink")
        },
        **{
            f"campaignCapabilities.{name}": ["No"]
            for name in ("directLending", "embeddedPhone", "ageGated", "numberPooling")
        },
        "messageSamples.messageSample1": SAMPLE,
        "messageSamples.messageSample2": "ExampleCorp: your code is 654321. Reply STOP to opt out.",
    }


def put(client: Any, registration_id: str, path: str, value: Any) -> dict[str, Any]:
    """PutRegistrationFieldValue with the member a value's Python type implies (list: choices)."""
    member = "SelectChoices" if isinstance(value, list) else "TextValue"
    if isinstance(value, str) and value.startswith("attachment-"):
        member = "RegistrationAttachmentId"
    return client.put_registration_field_value(RegistrationId=registration_id, FieldPath=path, **{member: value})


def fill(client: Any, registration_id: str, values: dict[str, Any]) -> None:
    for path, value in values.items():
        put(client, registration_id, path, value)


def create(client: Any, registration_type: str = TOLL_FREE_REGISTRATION, **params: Any) -> str:
    return client.create_registration(RegistrationType=registration_type, **params)["RegistrationId"]


def approved(api: Any, client: Any, registration_type: str, values: dict[str, Any]) -> str:
    """A registration filled with ``values``, submitted, and approved after the clock moved two weeks."""
    registration_id = create(client, registration_type)
    fill(client, registration_id, values)
    client.submit_registration_version(RegistrationId=registration_id)
    api.advance_clock(TWO_WEEKS)
    return registration_id


def status(client: Any, registration_id: str) -> str:
    return client.describe_registrations(RegistrationIds=[registration_id])["Registrations"][0]["RegistrationStatus"]


def version(client: Any, registration_id: str, number: int) -> dict[str, Any]:
    versions = client.describe_registration_versions(RegistrationId=registration_id, VersionNumbers=[number])
    return versions["RegistrationVersions"][0]
