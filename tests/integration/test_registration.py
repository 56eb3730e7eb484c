"""registration and registration_info through ansible-playbook against the emulator server.

Each scenario runs check -> apply -> idempotent check -> idempotent apply and
asserts ``changed``, the returned registration and the exact API operations the
emulator recorded: writes in the apply only, reads only everywhere else. The
review runs on the emulator's clock (``registration_review``, two weeks by
default): a test moves the clock and runs the task again, as a pipeline would.
"""

from __future__ import annotations

import pytest

from .harness import converge, run_task, run_tasks_at_once

TWO_WEEKS = 14 * 86400 + 60
PDF = b"%PDF-1.4\n% opt-in workflow\n"
TOLL_FREE_FIELDS = {
    "companyInfo.companyName": "Example Corp",
    "companyInfo.website": "https://www.example.com",
    "companyInfo.address1": "1 Main Street",
    "companyInfo.city": "Seattle",
    "companyInfo.state": "WA",
    "companyInfo.zipCode": "98101",
    "companyInfo.isoCountryCode": "US",
    "companyInfo.privacyPolicyUrl": "https://www.example.com/privacy",
    "companyInfo.termsAndConditionsUrl": "https://www.example.com/terms",
    "contactInfo.firstName": "Jane",
    "contactInfo.lastName": "Doe",
    "contactInfo.supportEmail": "support@example.com",
    "contactInfo.supportPhoneNumber": "+12065550100",
    "messagingUseCase.monthlyMessageVolume": ["10,000"],
    "messagingUseCase.useCaseCategory": ["ACCOUNT_NOTIFICATIONS"],
    "messagingUseCase.useCaseDetails": "Account notifications to our customers.",
    "messagingUseCase.optInDescription": "Customers opt in on the account settings page.",
    "messageSamples.messageSample1": "Example Corp: your order shipped. Reply STOP to opt out.",
}
TOLL_FREE = "US_TOLL_FREE_REGISTRATION"
# What a task on an existing registration by name reads: the registrations and their tags, its
# associations, versions and field values; the field definitions when it sets fields or submits.
LOOKUP = ["DescribeRegistrations", "ListTagsForResource"]
STATE = ["ListRegistrationAssociations", "DescribeRegistrationVersions", "DescribeRegistrationFieldValues"]
DEFINITIONS = ["DescribeRegistrationFieldDefinitions"]
READ_BACK = [
    "DescribeRegistrations",
    "DescribeRegistrationVersions",
    "DescribeRegistrationFieldValues",
    "ListRegistrationAssociations",
]
TOLL_FREE_NUMBER = dict(
    iso_country_code="US",
    message_type="TRANSACTIONAL",
    number_capabilities=["SMS"],
    number_type="TOLL_FREE",
    wait=False,
)


def writes(run):
    return [c for c in run.calls if c["operation"] in run.mutating]


def toll_free_number(emulator, name="support-toll-free"):
    run = run_task(emulator, "phone_number", dict(name=name, **TOLL_FREE_NUMBER))
    assert not run.failed, run.result.get("msg")
    return run.result["phone_number"]


def test_toll_free_verification_drafted_filled_submitted_and_approved(emulator, tmp_path):
    number = toll_free_number(emulator)
    image = tmp_path / "opt-in.pdf"
    image.write_bytes(PDF)
    fields = dict(TOLL_FREE_FIELDS, **{"messagingUseCase.optInImage": str(image)})
    args = dict(
        name="support-verification",
        registration_type=TOLL_FREE,
        fields=fields,
        phone_numbers=[number["phone_number"]],
        submit=True,
        tags={"team": "messaging"},
    )
    puts = ["PutRegistrationFieldValue"] * len(fields)
    first = ["CreateRegistration", "CreateRegistrationAttachment", *puts, "CreateRegistrationAssociation"]
    check, apply, again_check, again = converge(emulator, "registration", args, [*first, "SubmitRegistrationVersion"])

    # A new registration: no registration by that name, the type checked, its fields read, the
    # number looked up by E.164 (the numbers' pages).
    new = ["DescribeRegistrations", "DescribeRegistrationTypeDefinitions", *DEFINITIONS, "DescribePhoneNumbers"]
    assert check.operations == new
    predicted = check.result["registration"]
    assert predicted["status"] == "SUBMITTED" and predicted["current_version_status"] == "SUBMITTED"
    assert predicted["fields"]["companyInfo.companyName"] == "Example Corp"
    assert predicted["tags"] == {"Name": "support-verification", "team": "messaging"}
    assert check.result["diff"]["before"] == {}
    assert check.result["diff"]["after"]["fields"]["contactInfo.lastName"] == "Doe"

    # The create is read back once (a replayed token's answer for a registration deleted since would not be there).
    created = ["CreateRegistration", "DescribeRegistrations", *first[1:]]
    assert apply.operations == [*new, *created, "SubmitRegistrationVersion", *READ_BACK]
    create = next(c for c in apply.calls if c["operation"] == "CreateRegistration")
    assert create["params"]["ClientToken"].startswith("ansible-sms-voice-")
    made = apply.result["registration"]
    assert made["status"] == "SUBMITTED" and made["current_version_number"] == 1
    assert made["approved_version_number"] is None and made["denied_reasons"] == []
    assert made["fields"]["messagingUseCase.optInImage"].startswith("attachment-")
    assert made["fields"]["messagingUseCase.useCaseCategory"] == ["ACCOUNT_NOTIFICATIONS"]
    assert [a["resource_id"] for a in made["associations"]] == [number["phone_number_id"]]
    assert made["tags"] == {"Name": "support-verification", "team": "messaging"}
    assert apply.result["pending_changes"] == []
    attachment = next(c for c in apply.calls if c["operation"] == "CreateRegistrationAttachment")
    assert attachment["params"]["Tags"][0]["Key"] == "pinpoint.sms_voice:sha256"

    # In review: the same task only reads (the attachment's hash tag says the file is the one uploaded).
    existing = [*LOOKUP, *STATE, *DEFINITIONS, "ListTagsForResource"]
    assert again_check.operations == existing and again.operations == existing
    assert again.result["registration"]["status"] == "SUBMITTED"

    # A field change while in review is refused, naming the status, before any write.
    changed = dict(args, fields=dict(fields, **{"contactInfo.lastName": "Roe"}))
    refused = run_task(emulator, "registration", changed)
    assert refused.failed and refused.mutating == []
    assert "SUBMITTED" in refused.result["msg"] and "contactInfo.lastName" in refused.result["msg"]

    # Two weeks later the review approves it: the same task reads, and shows it COMPLETE.
    emulator.advance_clock(TWO_WEEKS)
    approved = run_task(emulator, "registration", args)
    assert not approved.failed and not approved.changed and approved.mutating == []
    assert approved.result["registration"]["status"] == "COMPLETE"
    assert approved.result["registration"]["approved_version_number"] == 1
    assert approved.result["registration"]["current_version_status"] == "APPROVED"

    # The number shows its registration's status (one read, only for a number with a registration).
    shown = run_task(emulator, "phone_number", dict(name="support-toll-free", **TOLL_FREE_NUMBER))
    assert not shown.failed and not shown.changed, shown.result.get("msg")
    assert shown.result["registration_status"] == "COMPLETE"
    assert shown.result["phone_number"]["registration_id"] == approved.result["registration"]["registration_id"]
    assert shown.operations.count("DescribeRegistrations") == 1


def test_a_denied_verification_is_fixed_through_a_new_version(emulator):
    number = toll_free_number(emulator, "denied-line")
    emulator.config(registration_review={"outcome": "DENIED", "denied_reasons": ["OPT_IN_INSUFFICIENT"]})
    args = dict(
        name="denied-verification",
        registration_type=TOLL_FREE,
        fields=TOLL_FREE_FIELDS,
        phone_numbers=[number["phone_number_id"]],
        submit=True,
    )
    first = run_task(emulator, "registration", args)
    assert not first.failed, first.result.get("msg")
    emulator.advance_clock(TWO_WEEKS)
    denied = run_task(emulator, "registration", args)
    assert not denied.changed and denied.mutating == []
    shown = denied.result["registration"]
    assert shown["status"] == "REQUIRES_UPDATES" and shown["latest_denied_version_number"] == 1
    assert shown["denied_reasons"][0]["reason"] == "OPT_IN_INSUFFICIENT"
    assert any("OPT_IN_INSUFFICIENT" in w for w in denied.result.get("warnings", []))

    emulator.config(registration_review={"outcome": "APPROVED"})
    fixed = dict(
        args,
        fields=dict(
            TOLL_FREE_FIELDS, **{"messagingUseCase.optInDescription": "Customers tick an opt-in box at signup."}
        ),
    )
    ops = ["CreateRegistrationVersion", "PutRegistrationFieldValue", "SubmitRegistrationVersion"]
    check, apply, _again_check, _again = converge(emulator, "registration", fixed, ops)
    assert check.result["registration"]["current_version_number"] == 2
    assert check.result["diff"]["before"]["fields"]["messagingUseCase.optInDescription"].startswith("Customers opt in")
    put = next(c for c in apply.calls if c["operation"] == "PutRegistrationFieldValue")
    assert put["params"]["FieldPath"] == "messagingUseCase.optInDescription"
    assert apply.result["registration"]["current_version_number"] == 2
    assert apply.result["registration"]["current_version_status"] == "SUBMITTED"

    emulator.advance_clock(TWO_WEEKS)
    done = run_task(emulator, "registration", fixed)
    assert not done.changed and done.result["registration"]["status"] == "COMPLETE"
    assert done.result["registration"]["approved_version_number"] == 2
    versions = done.result["registration"]["versions"]
    assert [(v["version_number"], v["status"]) for v in versions] == [(1, "DENIED"), (2, "APPROVED")]


BRAND_FIELDS = {
    "companyInfo.companyName": "Example Corp",
    "companyInfo.legalType": ["PRIVATE_PROFIT"],
    "companyInfo.taxId": "12-3456789",
    "companyInfo.taxIdIssuingCountry": "US",
    "companyInfo.website": "https://www.example.com",
    "companyInfo.address1": "1 Main Street",
    "companyInfo.city": "Seattle",
    "companyInfo.state": "WA",
    "companyInfo.zipCode": "98101",
    "companyInfo.isoCountryCode": "US",
    "companyInfo.vertical": ["RETAIL"],
    "contactInfo.supportEmail": "support@example.com",
    "contactInfo.supportPhoneNumber": "+12065550100",
}
YES = ["Yes"]


def campaign_fields(brand_id):
    return {
        "campaignInfo.brandRegistrationId": brand_id,
        "campaignInfo.campaignName": "Order updates",
        "campaignInfo.campaignDescription": "Order status updates sent to customers who opted in at checkout.",
        "campaignInfo.vertical": ["RETAIL"],
        "campaignInfo.optInWorkflow": "Customers tick a box at checkout to receive order status messages.",
        "campaignInfo.helpMessage": "Example Corp: reply STOP to opt out.",
        "campaignInfo.stopMessage": "Example Corp: you are opted out.",
        "campaignUseCase.useCase": ["DELIVERY_NOTIFICATION"],
        **{
            "campaignCapabilities." + name: YES
            for name in (
                "subscriberOptIn",
                "subscriberOptOut",
                "subscriberHelp",
                "directLending",
                "embeddedLink",
                "embeddedPhone",
                "ageGated",
                "numberPooling",
            )
        },
        "messageSamples.messageSample1": "Example Corp: your order 123 shipped today.",
        "messageSamples.messageSample2": "Example Corp: your order 123 was delivered.",
    }


def test_ten_dlc_brand_then_campaign_then_a_number_under_the_campaign_by_name(emulator):
    brand_args = dict(name="brand", registration_type="US_TEN_DLC_BRAND_REGISTRATION", fields=BRAND_FIELDS, submit=True)
    puts = ["PutRegistrationFieldValue"] * len(BRAND_FIELDS)
    _c, brand, _ac, _a = converge(
        emulator, "registration", brand_args, ["CreateRegistration", *puts, "SubmitRegistrationVersion"]
    )
    brand_id = brand.result["registration"]["registration_id"]

    # A brand takes no numbers: named, it fails before any write.
    numberless = run_task(emulator, "registration", dict(brand_args, phone_numbers=["+12065550100"]))
    assert numberless.failed and numberless.mutating == [] and "phone_numbers" in numberless.result["msg"]

    # A campaign naming a brand still in review: the service refuses the submission.
    emulator.advance_clock(TWO_WEEKS)
    campaign = dict(
        name="campaign",
        registration_type="US_TEN_DLC_CAMPAIGN_REGISTRATION",
        fields=campaign_fields(brand_id),
        submit=True,
    )
    puts = ["PutRegistrationFieldValue"] * len(campaign["fields"])
    converge(emulator, "registration", campaign, ["CreateRegistration", *puts, "SubmitRegistrationVersion"])

    # A TEN_DLC number under a campaign not yet complete fails before any write, naming its status.
    ten_dlc = dict(
        name="ten-dlc-line",
        iso_country_code="US",
        message_type="TRANSACTIONAL",
        number_capabilities=["SMS"],
        number_type="TEN_DLC",
        registration_id="campaign",
        wait=False,
    )
    early = run_task(emulator, "phone_number", ten_dlc)
    assert early.failed and early.mutating == []
    assert "SUBMITTED" in early.result["msg"]

    emulator.advance_clock(TWO_WEEKS)
    campaign_id = run_task(emulator, "registration_info", dict(names=["campaign"])).result["registrations"][0][
        "registration_id"
    ]
    available = run_task(
        emulator,
        "available_phone_number_info",
        dict(iso_country_code="US", number_capabilities=["SMS"], number_type="TEN_DLC", registration_id=campaign_id),
    )
    assert not available.failed, available.result.get("msg")
    assert available.result["available_phone_numbers"]
    assert [c["params"].get("RegistrationId") for c in available.calls] == [campaign_id]

    leased = run_task(emulator, "phone_number", ten_dlc)
    assert not leased.failed, leased.result.get("msg")
    request = next(c for c in leased.calls if c["operation"] == "RequestPhoneNumber")
    assert request["params"]["RegistrationId"] == campaign_id != brand_id
    assert leased.result["registration_status"] == "COMPLETE"
    assert leased.result["phone_number"]["registration_id"] == campaign_id
    again = run_task(emulator, "phone_number", ten_dlc)
    assert not again.failed and not again.changed and again.mutating == []


@pytest.mark.parametrize(
    "fields, named",
    [
        ({"companyInfo.nickname": "x"}, "companyInfo.nickname"),
        ({"companyInfo.companyName": ["Example"]}, "companyInfo.companyName"),
        ({"messagingUseCase.useCaseCategory": "MARKETING"}, "messagingUseCase.useCaseCategory"),
        ({"messagingUseCase.useCaseCategory": ["GOSSIP"]}, "GOSSIP"),
        ({"companyInfo.website": "not a url"}, "companyInfo.website"),
        ({"companyInfo.state": "Washington"}, "companyInfo.state"),
        ({"messagingUseCase.optInImage": "/nonexistent/opt-in.png"}, "messagingUseCase.optInImage"),
    ],
    ids=["unknown-field", "list-for-text", "text-for-select", "bad-choice", "pattern", "length", "missing-file"],
)
def test_bad_fields_fail_before_any_write_naming_the_field(emulator, fields, named):
    args = dict(name="bad", registration_type=TOLL_FREE, fields=fields)
    for check in (True, False):
        run = run_task(emulator, "registration", args, check=check)
        assert run.failed and not run.changed
        assert named in run.result["msg"]
        assert run.mutating == []


def test_a_missing_required_field_fails_the_submission_before_any_write(emulator):
    fields = {k: v for k, v in TOLL_FREE_FIELDS.items() if k != "contactInfo.supportEmail"}
    args = dict(name="incomplete", registration_type=TOLL_FREE, fields=fields, submit=True)
    for check in (True, False):
        run = run_task(emulator, "registration", args, check=check)
        assert run.failed and run.mutating == []
        assert "contactInfo.supportEmail" in run.result["msg"]


def test_a_bad_registration_type_names_the_types_the_service_lists(emulator):
    run = run_task(emulator, "registration", dict(name="x", registration_type="US_TOLL_FREE"))
    assert run.failed and run.mutating == []
    assert "US_TOLL_FREE_REGISTRATION" in run.result["msg"] and "registration_type" in run.result["msg"]


def test_a_draft_is_deleted_by_name(emulator):
    run_task(emulator, "registration", dict(name="scratch", registration_type=TOLL_FREE))
    check, apply, _again_check, again = converge(
        emulator, "registration", dict(name="scratch", state="absent"), ["DeleteRegistration"]
    )
    assert check.result["registration"] == {} and apply.result["registration"] == {}
    assert apply.result["diff"]["before"]["registration_type"] == TOLL_FREE
    assert again.operations == ["DescribeRegistrations"]
    assert emulator.client().describe_registrations()["Registrations"] == []


def test_a_new_file_is_uploaded_once_and_the_same_file_never_again(emulator, tmp_path):
    image = tmp_path / "opt-in.pdf"
    image.write_bytes(PDF)
    args = dict(name="attached", registration_type=TOLL_FREE, fields={"messagingUseCase.optInImage": str(image)})
    converge(
        emulator,
        "registration",
        args,
        ["CreateRegistration", "CreateRegistrationAttachment", "PutRegistrationFieldValue"],
    )
    image.write_bytes(PDF + b"% changed\n")
    converge(emulator, "registration", args, ["CreateRegistrationAttachment", "PutRegistrationFieldValue"])


def test_overlapping_runs_of_one_task_create_one_registration(emulator):
    # The create calls are held until both runs have looked the name up and found nothing.
    emulator.fault("CreateRegistration", "latency", count=2, seconds=6.0)
    args = dict(name="together", registration_type=TOLL_FREE, tags={"team": "ops"})
    runs = run_tasks_at_once(emulator, "registration", args, 2)
    assert [run.failed for run in runs] == [False, False], [run.result.get("msg") for run in runs]
    made = emulator.client().describe_registrations()["Registrations"]
    assert len(made) == 1
    assert {run.result["registration"]["registration_id"] for run in runs} == {made[0]["RegistrationId"]}
    creates = [c for c in emulator.calls() if c["operation"] == "CreateRegistration"]
    assert len(creates) == 2 and len({c["params"]["ClientToken"] for c in creates}) == 1


def test_a_registration_deleted_since_its_token_was_used_is_created_again_with_the_next_token(emulator):
    args = dict(name="again", registration_type=TOLL_FREE)
    first = run_task(emulator, "registration", args)
    assert not first.failed, first.result.get("msg")
    token = next(c for c in first.calls if c["operation"] == "CreateRegistration")["params"]["ClientToken"]
    client = emulator.client()
    client.delete_registration(RegistrationId=first.result["registration"]["registration_id"])
    # The same task again: the token's answer is replayed for the deleted registration, so the next token of the
    # chain creates a new one.
    again = run_task(emulator, "registration", args)
    assert not again.failed, again.result.get("msg")
    tokens = [c["params"]["ClientToken"] for c in again.calls if c["operation"] == "CreateRegistration"]
    assert tokens[0] == token and len(tokens) == 2 and tokens[1] != token
    made = client.describe_registrations()["Registrations"]
    assert [r["RegistrationId"] for r in made] == [again.result["registration"]["registration_id"]]


def test_a_draft_version_is_discarded(emulator):
    args = dict(name="discarded", registration_type=TOLL_FREE, fields=TOLL_FREE_FIELDS, submit=True)
    assert not run_task(emulator, "registration", args).failed
    emulator.advance_clock(TWO_WEEKS)
    opened = run_task(emulator, "registration", dict(args, submit=False, fields={"contactInfo.lastName": "Roe"}))
    assert opened.mutating == ["CreateRegistrationVersion", "PutRegistrationFieldValue"]
    _c, apply, _ac, _again = converge(
        emulator, "registration", dict(name="discarded", discard=True), ["DiscardRegistrationVersion"]
    )
    assert apply.result["registration"]["current_version_status"] == "DISCARDED"
    assert apply.result["registration"]["status"] == "COMPLETE"


def test_registration_info_lists_by_name_type_and_status_with_what_is_asked(emulator):
    run_task(
        emulator, "registration", dict(name="one", registration_type=TOLL_FREE, fields={"contactInfo.lastName": "Doe"})
    )
    run_task(emulator, "registration", dict(name="two", registration_type="US_TEN_DLC_BRAND_REGISTRATION"))
    listed = run_task(emulator, "registration_info", dict(names=["one"], include_fields=True, include_versions=True))
    assert not listed.failed, listed.result.get("msg")
    (one,) = listed.result["registrations"]
    assert one["fields"] == {"contactInfo.lastName": "Doe"} and one["versions"][0]["status"] == "DRAFT"
    assert one["associations"] is None and one["tags"] == {"Name": "one"}
    # Names are Name tags: every registration's tags are read; versions and fields of the match only.
    assert listed.operations == [
        "DescribeRegistrations",
        "ListTagsForResource",
        "DescribeRegistrationVersions",
        "DescribeRegistrationFieldValues",
        "ListTagsForResource",
    ]
    by_type = run_task(
        emulator, "registration_info", dict(registration_types=["US_TEN_DLC_BRAND_REGISTRATION"], include_tags=False)
    )
    assert [r["tags"] for r in by_type.result["registrations"]] == [None]
    assert by_type.operations == ["DescribeRegistrations"]
    by_status = run_task(emulator, "registration_info", dict(statuses=["COMPLETE"]))
    assert by_status.result["registrations"] == []
