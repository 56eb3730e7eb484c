"""The registration types the emulator knows: their sections and fields, as data (one table per type).

DescribeRegistrationTypeDefinitions, DescribeRegistrationSectionDefinitions and
DescribeRegistrationFieldDefinitions answer from these tables, and
PutRegistrationFieldValue and SubmitRegistrationVersion check values against
them. AWS serves its own definitions at run time and changes them without
notice; these are modelled on the user guide's lists of what each registration
asks for (the ``source`` of each table names its pages), with lengths,
patterns and choices chosen by the emulator where the guide gives none (README,
"The emulator"). Field paths are ``<section>.<field>``.

A field is one of:

* ``text(...)``: ``TEXT`` with ``TextValidation`` (min and max length, a pattern);
* ``select(...)``: ``SELECT`` with ``SelectValidation`` (options, min and max choices);
* ``attachment(...)``: ``ATTACHMENT``, a ``RegistrationAttachmentId``.

``requirement`` is ``REQUIRED``, ``OPTIONAL`` or ``CONDITIONAL``; a conditional
field carries ``ConditionalBehavior`` rules of the form "REQUIRED when
``<field>`` EQUALS one of ``<values>``", the only operator the emulator
evaluates, and is otherwise optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TOLL_FREE_TYPE = "US_TOLL_FREE_REGISTRATION"
BRAND_TYPE = "US_TEN_DLC_BRAND_REGISTRATION"
CAMPAIGN_TYPE = "US_TEN_DLC_CAMPAIGN_REGISTRATION"

URL_PATTERN = r"https?://\S+"
EMAIL_PATTERN = r"[^@\s]+@[^@\s]+\.[^@\s]+"
E164_PATTERN = r"\+[1-9][0-9]{1,14}"
ANY_TEXT = r"[\s\S]*"
ISO_COUNTRY = r"[A-Z]{2}"
US_STATE = r"[A-Z]{2}"
ZIP_CODE = r"[A-Za-z0-9 -]{3,10}"
REGISTRATION_ID = r"registration-[a-z0-9]{32}"
YES_NO = ("Yes", "No")
#: SupportedAssociation's ResourceType of phone numbers (a plain string in the model; AWS's answers spell it so).
PHONE_NUMBER_ASSOCIATION = "PHONE_NUMBER"


@dataclass(frozen=True)
class FieldDefinition:
    path: str
    kind: str  # TEXT, SELECT, ATTACHMENT
    requirement: str
    title: str
    description: str
    min_length: int = 0
    max_length: int = 0
    pattern: str = ""
    options: tuple[str, ...] = ()
    min_choices: int = 0
    max_choices: int = 0
    #: CONDITIONAL fields: required when the field at ``when[0]`` holds one of ``when[1]``.
    when: tuple[str, tuple[str, ...]] | None = None
    example: str | None = None
    #: A field whose value is the RegistrationId of a registration of this type, COMPLETE at submission.
    names_registration: str | None = None

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]

    def view(self) -> dict[str, Any]:
        """The field as a ``RegistrationFieldDefinition``."""
        hints: dict[str, Any] = {"Title": self.title, "ShortDescription": self.description}
        document: dict[str, Any] = {
            "SectionPath": self.section,
            "FieldPath": self.path,
            "FieldType": self.kind,
            "FieldRequirement": self.requirement,
            "DisplayHints": hints,
        }
        if self.kind == "TEXT":
            document["TextValidation"] = {
                "MinLength": self.min_length,
                "MaxLength": self.max_length,
                "Pattern": self.pattern,
            }
            if self.example is not None:
                hints["ExampleTextValue"] = self.example
        elif self.kind == "SELECT":
            document["SelectValidation"] = {
                "MinChoices": self.min_choices,
                "MaxChoices": self.max_choices,
                "Options": list(self.options),
            }
        if self.when is not None:
            depends_on, values = self.when
            document["ConditionalBehavior"] = {
                "Rules": [
                    {
                        "Conditions": [
                            {"DependsOnFieldPath": depends_on, "Operator": "EQUALS", "Values": list(values)}
                        ],
                        "RuleBehavior": "REQUIRED",
                    }
                ],
                "DefaultBehavior": "OPTIONAL",
            }
        return document


def text(
    path: str,
    title: str,
    description: str,
    *,
    required: bool = True,
    length: tuple[int, int] = (1, 100),
    pattern: str = ANY_TEXT,
    example: str | None = None,
    when: tuple[str, tuple[str, ...]] | None = None,
    names_registration: str | None = None,
) -> FieldDefinition:
    return FieldDefinition(
        path,
        "TEXT",
        _requirement(required, when),
        title,
        description,
        min_length=length[0],
        max_length=length[1],
        pattern=pattern,
        example=example,
        when=when,
        names_registration=names_registration,
    )


def select(
    path: str,
    title: str,
    description: str,
    options: tuple[str, ...],
    *,
    required: bool = True,
    choices: tuple[int, int] = (1, 1),
    when: tuple[str, tuple[str, ...]] | None = None,
) -> FieldDefinition:
    return FieldDefinition(
        path,
        "SELECT",
        _requirement(required, when),
        title,
        description,
        options=options,
        min_choices=choices[0],
        max_choices=choices[1],
        when=when,
    )


def attachment(path: str, title: str, description: str, *, required: bool = False) -> FieldDefinition:
    return FieldDefinition(path, "ATTACHMENT", "REQUIRED" if required else "OPTIONAL", title, description)


def _requirement(required: bool, when: tuple[str, tuple[str, ...]] | None) -> str:
    if when is not None:
        return "CONDITIONAL"
    return "REQUIRED" if required else "OPTIONAL"


@dataclass(frozen=True)
class SupportedAssociation:
    """Which resources a registration type takes, when, and what leaving does (``SupportedAssociation``)."""

    resource_type: str
    iso_country_code: str
    #: The NumberType of the phone numbers the type takes (not in the model's shape: the emulator's rule).
    number_type: str
    association_behavior: str
    disassociation_behavior: str

    def view(self) -> dict[str, Any]:
        return {
            "ResourceType": self.resource_type,
            "IsoCountryCode": self.iso_country_code,
            "AssociationBehavior": self.association_behavior,
            "DisassociationBehavior": self.disassociation_behavior,
        }


@dataclass(frozen=True)
class TypeDefinition:
    registration_type: str
    title: str
    description: str
    documentation_link: str
    #: SectionPath -> (title, short description), in form order
    sections: dict[str, tuple[str, str]]
    fields: tuple[FieldDefinition, ...]
    associations: tuple[SupportedAssociation, ...] = ()
    #: Where the sections and fields come from (the user guide's pages).
    source: str = ""

    def view(self) -> dict[str, Any]:
        return {
            "RegistrationType": self.registration_type,
            "SupportedAssociations": [a.view() for a in self.associations],
            "DisplayHints": {
                "Title": self.title,
                "ShortDescription": self.description,
                "DocumentationTitle": self.title,
                "DocumentationLink": self.documentation_link,
            },
        }

    def section_view(self, path: str) -> dict[str, Any]:
        title, description = self.sections[path]
        return {"SectionPath": path, "DisplayHints": {"Title": title, "ShortDescription": description}}

    def field(self, path: str) -> FieldDefinition | None:
        return next((f for f in self.fields if f.path == path), None)


US_STATES_NOTE = "Two-letter state or province code."
MONTHLY_VOLUMES = ("10", "100", "1,000", "10,000", "100,000", "250,000", "500,000", "750,000", "1,000,000")
TOLL_FREE_USE_CASES = (
    "TWO_FACTOR_AUTHENTICATION",
    "ACCOUNT_NOTIFICATIONS",
    "CUSTOMER_CARE",
    "DELIVERY_NOTIFICATIONS",
    "FRAUD_ALERT_MESSAGING",
    "MARKETING",
    "POLLING_AND_VOTING",
    "PUBLIC_SERVICE_ANNOUNCEMENT",
    "SECURITY_ALERT",
)
VERTICALS = (
    "AGRICULTURE",
    "COMMUNICATION",
    "CONSTRUCTION",
    "EDUCATION",
    "ENERGY",
    "ENTERTAINMENT",
    "FINANCIAL",
    "GAMBLING",
    "GOVERNMENT",
    "HEALTHCARE",
    "HOSPITALITY",
    "HUMAN_RESOURCES",
    "INSURANCE",
    "LEGAL",
    "MANUFACTURING",
    "NGO",
    "POLITICAL",
    "POSTAL",
    "PROFESSIONAL",
    "REAL_ESTATE",
    "RETAIL",
    "TECHNOLOGY",
    "TRANSPORTATION",
)


def _company_address(section: str) -> tuple[FieldDefinition, ...]:
    return (
        text(f"{section}.address1", "Address 1", "Street address of the corporate headquarters.", length=(1, 100)),
        text(
            f"{section}.address2",
            "Address 2",
            "Suite or unit of the corporate headquarters.",
            required=False,
            length=(1, 100),
        ),
        text(f"{section}.city", "City", "City of the corporate headquarters.", length=(1, 100)),
        text(f"{section}.state", "State/Province", US_STATES_NOTE, length=(2, 2), pattern=US_STATE, example="WA"),
        text(f"{section}.zipCode", "Zip code/Postal code", "Postal code.", length=(3, 10), pattern=ZIP_CODE),
        text(
            f"{section}.isoCountryCode",
            "Country",
            "Two-letter ISO country code.",
            length=(2, 2),
            pattern=ISO_COUNTRY,
            example="US",
        ),
    )


TOLL_FREE = TypeDefinition(
    TOLL_FREE_TYPE,
    "US toll-free number registration",
    "Verify a US toll-free number for SMS.",
    "https://docs.aws.amazon.com/sms-voice/latest/userguide/registrations-tfn-register.html",
    {
        "companyInfo": ("Company info", "The company that sends the messages."),
        "contactInfo": ("Contact info", "Who the reviewers contact about the registration."),
        "messagingUseCase": ("Messaging use case", "What the number sends, to whom, and how recipients opt in."),
        "messageSamples": ("Message samples", "Messages as recipients will receive them."),
    },
    (
        text("companyInfo.companyName", "Company name", "Legal name of the company.", length=(1, 100)),
        text(
            "companyInfo.website",
            "Company website",
            "URL of the company's website.",
            length=(1, 500),
            pattern=URL_PATTERN,
        ),
        *_company_address("companyInfo"),
        text(
            "companyInfo.privacyPolicyUrl",
            "Privacy policy URL",
            "Public URL of the privacy policy.",
            length=(1, 500),
            pattern=URL_PATTERN,
        ),
        text(
            "companyInfo.termsAndConditionsUrl",
            "Terms and conditions URL",
            "Public URL of the terms and conditions.",
            length=(1, 500),
            pattern=URL_PATTERN,
        ),
        text("contactInfo.firstName", "First name", "First name of the point of contact.", length=(1, 50)),
        text("contactInfo.lastName", "Last name", "Last name of the point of contact.", length=(1, 50)),
        text(
            "contactInfo.supportEmail",
            "Support email",
            "Email address of the point of contact.",
            length=(5, 100),
            pattern=EMAIL_PATTERN,
        ),
        text(
            "contactInfo.supportPhoneNumber",
            "Support phone number",
            "Phone number of the point of contact, in E.164 format.",
            length=(3, 16),
            pattern=E164_PATTERN,
            example="+12065550100",
        ),
        select(
            "messagingUseCase.monthlyMessageVolume",
            "Monthly message volume",
            "Messages sent per month.",
            MONTHLY_VOLUMES,
        ),
        select(
            "messagingUseCase.useCaseCategory", "Use case category", "What the messages are for.", TOLL_FREE_USE_CASES
        ),
        text(
            "messagingUseCase.useCaseDetails",
            "Use case details",
            "How the number's messages are used.",
            length=(1, 500),
        ),
        text(
            "messagingUseCase.optInDescription",
            "Opt-in workflow description",
            "How recipients consent to receive messages.",
            length=(1, 500),
        ),
        attachment(
            "messagingUseCase.optInImage",
            "Opt-in workflow image",
            "A screenshot or image of the opt-in workflow (PDF, JPEG or PNG).",
        ),
        text("messageSamples.messageSample1", "Message sample 1", "A message as sent.", length=(1, 1024)),
        text(
            "messageSamples.messageSample2", "Message sample 2", "A message as sent.", required=False, length=(1, 1024)
        ),
        text(
            "messageSamples.messageSample3", "Message sample 3", "A message as sent.", required=False, length=(1, 1024)
        ),
    ),
    (
        SupportedAssociation(
            PHONE_NUMBER_ASSOCIATION,
            "US",
            "TOLL_FREE",
            "ASSOCIATE_BEFORE_SUBMIT",
            "DISASSOCIATE_ALL_CLOSES_REGISTRATION",
        ),
    ),
    source=(
        "Source: the user guide's 'US toll-free number registration form' "
        "(https://docs.aws.amazon.com/sms-voice/latest/userguide/registrations-tfn-register.html): Company "
        "info (company name, website, address 1, optional address 2, city, state, zip code, country), Contact "
        "info (first and last name, support email, support phone number), Messaging use case (monthly volume, "
        "use case category, use case details, opt-in description, an opt-in workflow image), Message samples "
        "(one required, two optional). The privacy policy and terms URLs follow the registration page's "
        "notice that new toll-free registrations require both from 15 September 2026 "
        "(https://docs.aws.amazon.com/end-user-messaging/latest/userguide/nx-reg-type-tollfree.html)."
    ),
)

BRAND = TypeDefinition(
    BRAND_TYPE,
    "US 10DLC brand registration",
    "Register the company that sends 10DLC messages.",
    "https://docs.aws.amazon.com/sms-voice/latest/userguide/registrations-10dlc-register-brand.html",
    {
        "companyInfo": ("Company info", "The company, as registered with the tax authority."),
        "contactInfo": ("Contact info", "Support contact of the company."),
    },
    (
        text("companyInfo.companyName", "Legal company name", "As registered with the tax authority.", length=(1, 100)),
        text("companyInfo.dbaName", "DBA or brand name", "The name recipients know.", required=False, length=(1, 100)),
        select(
            "companyInfo.legalType",
            "Legal form",
            "The company's legal form.",
            ("PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "GOVERNMENT"),
        ),
        text("companyInfo.taxId", "Tax ID", "EIN or the national tax ID.", length=(5, 21), pattern=r"[A-Za-z0-9-]+"),
        text(
            "companyInfo.taxIdIssuingCountry",
            "Tax ID issuing country",
            "Two-letter ISO country code.",
            length=(2, 2),
            pattern=ISO_COUNTRY,
        ),
        text("companyInfo.website", "Website", "URL of the company's website.", length=(1, 500), pattern=URL_PATTERN),
        *_company_address("companyInfo"),
        select("companyInfo.vertical", "Vertical", "The company's industry.", VERTICALS),
        text(
            "companyInfo.stockSymbol",
            "Stock symbol",
            "Required for publicly traded companies.",
            length=(1, 10),
            pattern=r"[A-Z0-9.]+",
            when=("companyInfo.legalType", ("PUBLIC_PROFIT",)),
        ),
        select(
            "companyInfo.stockExchange",
            "Stock exchange",
            "Required for publicly traded companies.",
            ("NASDAQ", "NYSE", "AMEX", "TSX", "LSE", "OTHER"),
            when=("companyInfo.legalType", ("PUBLIC_PROFIT",)),
        ),
        text(
            "contactInfo.supportEmail",
            "Support email",
            "Support email address of the company.",
            length=(5, 100),
            pattern=EMAIL_PATTERN,
        ),
        text(
            "contactInfo.supportPhoneNumber",
            "Support phone number",
            "Support phone number of the company, in E.164 format.",
            length=(3, 16),
            pattern=E164_PATTERN,
        ),
    ),
    source=(
        "Source: the user guide's '10DLC brand registration form' "
        "(https://docs.aws.amazon.com/sms-voice/latest/userguide/registrations-10dlc-register-brand.html) and "
        "the AWS Messaging blog '10DLC Registration Best Practices to Send SMS with AWS End User Messaging' "
        "(https://aws.amazon.com/blogs/messaging-and-targeting/10dlc-registration-best-practices-to-send-sms-with-amazon-pinpoint): "
        "company info (legal company name, DBA name, legal form, tax ID and its issuing country, website, "
        "address, vertical; stock symbol and exchange for publicly traded companies) and contact info "
        "(support email and phone number). A brand is not associated with numbers; campaigns name it."
    ),
)

CAMPAIGN = TypeDefinition(
    CAMPAIGN_TYPE,
    "US 10DLC campaign registration",
    "Register a 10DLC use case of a registered brand.",
    "https://docs.aws.amazon.com/sms-voice/latest/userguide/registrations-10dlc-register-campaign.html",
    {
        "campaignInfo": ("Campaign info", "The campaign, its brand and how recipients opt in."),
        "campaignUseCase": ("Campaign use case", "What the campaign's messages are for."),
        "campaignCapabilities": ("Campaign capabilities", "What the campaign's messages contain and support."),
        "messageSamples": ("Message samples", "Messages as recipients will receive them."),
    },
    (
        text(
            "campaignInfo.brandRegistrationId",
            "Brand registration",
            "The RegistrationId of the campaign's US_TEN_DLC_BRAND_REGISTRATION.",
            length=(45, 45),
            pattern=REGISTRATION_ID,
            names_registration=BRAND_TYPE,
        ),
        text("campaignInfo.campaignName", "Campaign name", "A name for the campaign.", length=(1, 64)),
        text(
            "campaignInfo.campaignDescription",
            "Campaign description",
            "The campaign's purpose.",
            length=(40, 2048),
        ),
        select("campaignInfo.vertical", "Vertical", "The campaign's industry.", VERTICALS),
        text(
            "campaignInfo.optInWorkflow",
            "Opt-in workflow",
            "How recipients consent to receive messages.",
            length=(40, 2048),
        ),
        attachment("campaignInfo.optInScreenshot", "Opt-in screenshot", "An image of the opt-in workflow."),
        text("campaignInfo.helpMessage", "Help message", "The reply to HELP.", length=(20, 255)),
        text("campaignInfo.stopMessage", "Stop message", "The reply to STOP.", length=(20, 255)),
        select(
            "campaignUseCase.useCase",
            "Use case",
            "What the messages are for.",
            (
                "TWO_FACTOR_AUTHENTICATION",
                "ACCOUNT_NOTIFICATION",
                "CUSTOMER_CARE",
                "DELIVERY_NOTIFICATION",
                "FRAUD_ALERT",
                "HIGHER_EDUCATION",
                "LOW_VOLUME",
                "MARKETING",
                "MIXED",
                "POLLING_VOTING",
                "PUBLIC_SERVICE_ANNOUNCEMENT",
                "SECURITY_ALERT",
            ),
        ),
        *(
            select(f"campaignCapabilities.{name}", title, description, YES_NO)
            for name, title, description in (
                ("subscriberOptIn", "Subscriber opt-in", "Recipients opt in."),
                ("subscriberOptOut", "Subscriber opt-out", "Recipients can opt out."),
                ("subscriberHelp", "Subscriber help", "Recipients can ask for help."),
                ("directLending", "Direct lending", "Messages are about direct lending."),
                ("embeddedLink", "Embedded link", "Messages contain links."),
                ("embeddedPhone", "Embedded phone number", "Messages contain phone numbers."),
                ("ageGated", "Age-gated content", "Messages are age-gated."),
                ("numberPooling", "Number pooling", "The campaign uses more than 50 numbers."),
            )
        ),
        text("messageSamples.messageSample1", "Message sample 1", "A message as sent.", length=(20, 1024)),
        text("messageSamples.messageSample2", "Message sample 2", "A message as sent.", length=(20, 1024)),
        *(
            text(
                f"messageSamples.messageSample{n}",
                f"Message sample {n}",
                "A message as sent.",
                required=False,
                length=(20, 1024),
            )
            for n in (3, 4, 5)
        ),
    ),
    (
        SupportedAssociation(
            PHONE_NUMBER_ASSOCIATION,
            "US",
            "TEN_DLC",
            "ASSOCIATE_AFTER_COMPLETE",
            "DISASSOCIATE_ALL_CLOSES_REGISTRATION",
        ),
    ),
    source=(
        "Source: the user guide's '10DLC campaign registration form' "
        "(https://docs.aws.amazon.com/sms-voice/latest/userguide/registrations-10dlc-register-campaign.html): "
        "campaign info (the approved brand it belongs to, campaign name and description, vertical, opt-in "
        "workflow with an optional screenshot, help and stop messages), the use case, campaign capabilities "
        "(subscriber opt-in, opt-out and help, direct lending, embedded links and phone numbers, age-gated "
        "content, number pooling) and message samples (two required, three optional). Campaigns are "
        "associated with US TEN_DLC numbers once the campaign is complete (the model's "
        "ASSOCIATE_AFTER_COMPLETE documentation names 10DLC campaigns)."
    ),
)

#: RegistrationType -> its definition, in the order DescribeRegistrationTypeDefinitions lists them.
DEFINITIONS: dict[str, TypeDefinition] = {d.registration_type: d for d in (TOLL_FREE, BRAND, CAMPAIGN)}
