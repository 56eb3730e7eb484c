"""sender_id and sender_id_info through ansible-playbook against the emulator server.

Each scenario runs check -> apply -> idempotent check -> idempotent apply and
asserts ``changed``, the returned sender ID and the exact API operations the
emulator recorded: writes in the apply only, reads only everywhere else.
"""

from __future__ import annotations

import pytest

from .harness import converge, run_task, run_tasks_at_once

RESULT_KEYS = {
    "sender_id_arn",
    "sender_id",
    "iso_country_code",
    "message_types",
    "deletion_protection_enabled",
    "registered",
    "registration_id",
    "monthly_leasing_price",
    "messaging_limits",
    "pricing_tier",
    "tags",
    "resource_policy",
}
# The reads of a task on an existing sender ID: the sender ID, then its tags.
READ = ["DescribeSenderIds", "ListTagsForResource"]
ARN = "arn:aws:sms-voice:us-east-1:123456789012:sender-id/{0}/{1}"


def test_request_update_tags_and_release(emulator):
    args = dict(
        sender_id="EXAMPLECO",
        iso_country_code="GB",
        message_types=["TRANSACTIONAL"],
        deletion_protection_enabled=True,
        tags={"team": "messaging"},
    )
    check, apply, again_check, again = converge(emulator, "sender_id", args, ["RequestSenderId"])
    # A request reads the account's limits first, in check mode too; a converged run does not.
    assert check.operations == ["DescribeSenderIds", "DescribeAccountLimits"]
    assert check.result["sender_id"] == dict(
        sender_id_arn=None,
        sender_id="EXAMPLECO",
        iso_country_code="GB",
        message_types=["TRANSACTIONAL"],
        deletion_protection_enabled=True,
        registered=False,
        registration_id=None,
        monthly_leasing_price=None,
        messaging_limits=None,
        pricing_tier=None,
        tags={"team": "messaging"},
        resource_policy=None,  # not read: the task does not set it
    )
    assert check.result["diff"]["before"] == {}
    assert check.result["diff"]["after_header"] == "sender ID EXAMPLECO in GB"

    sender = apply.result["sender_id"]
    assert set(sender) == RESULT_KEYS
    assert sender["sender_id_arn"] == ARN.format("EXAMPLECO", "GB")
    assert sender["deletion_protection_enabled"] is True and sender["message_types"] == ["TRANSACTIONAL"]
    assert sender["tags"] == {"team": "messaging"} and sender["monthly_leasing_price"] == "0.00"
    assert apply.operations == ["DescribeSenderIds", "DescribeAccountLimits", "RequestSenderId"]
    request = next(c for c in apply.calls if c["operation"] == "RequestSenderId")
    assert request["params"]["Tags"] == [{"Key": "team", "Value": "messaging"}]
    assert request["params"]["MessageTypes"] == ["TRANSACTIONAL"]
    assert again_check.operations == READ and again.operations == READ
    assert again.result["sender_id"] == sender == again_check.result["sender_id"]
    lookup = next(c for c in again.calls if c["operation"] == "DescribeSenderIds")
    assert lookup["params"]["SenderIds"] == [{"SenderId": "EXAMPLECO", "IsoCountryCode": "GB"}]

    # Deletion protection off and the tags changed: only the difference is sent.
    changed = dict(
        sender_id="EXAMPLECO", iso_country_code="GB", deletion_protection_enabled=False, tags={"env": "prod"}
    )
    check, apply, _again_check, again = converge(
        emulator, "sender_id", changed, ["UpdateSenderId", "UntagResource", "TagResource"]
    )
    assert check.result["sender_id"]["deletion_protection_enabled"] is False
    assert check.result["sender_id"]["tags"] == {"env": "prod"} == apply.result["sender_id"]["tags"]
    update = next(c for c in apply.calls if c["operation"] == "UpdateSenderId")
    assert update["params"] == {"SenderId": "EXAMPLECO", "IsoCountryCode": "GB", "DeletionProtectionEnabled": False}
    assert again.operations == READ

    # The same ID in another country is another sender ID: requesting it leaves the first alone.
    other = run_task(emulator, "sender_id", dict(sender_id="EXAMPLECO", iso_country_code="DE"))
    assert other.changed and other.mutating == ["RequestSenderId"]
    assert other.result["sender_id"]["sender_id_arn"] == ARN.format("EXAMPLECO", "DE")

    released = dict(sender_id="EXAMPLECO", iso_country_code="GB", state="absent")
    check, apply, _again_check, again = converge(emulator, "sender_id", released, ["ReleaseSenderId"])
    assert check.result["sender_id"] == {} == apply.result["sender_id"]
    assert apply.result["diff"]["before"]["sender_id_arn"] == ARN.format("EXAMPLECO", "GB")
    release = next(c for c in apply.calls if c["operation"] == "ReleaseSenderId")
    assert release["params"] == {"SenderId": "EXAMPLECO", "IsoCountryCode": "GB"}
    assert again.operations == ["DescribeSenderIds"]
    left = emulator.client().describe_sender_ids()["SenderIds"]
    assert [(s["SenderId"], s["IsoCountryCode"]) for s in left] == [("EXAMPLECO", "DE")]


def test_deletion_protection_refuses_the_release_until_the_task_turns_it_off(emulator):
    emulator.client().request_sender_id(SenderId="KEEPME", IsoCountryCode="FR", DeletionProtectionEnabled=True)
    for check in (True, False):
        refused = run_task(
            emulator, "sender_id", dict(sender_id="KEEPME", iso_country_code="FR", state="absent"), check
        )
        assert refused.failed and not refused.changed
        assert refused.mutating == []
        assert "sender ID KEEPME in FR has deletion protection enabled" in refused.result["msg"]
        assert "deletion_protection_enabled: false" in refused.result["msg"]
    args = dict(sender_id="KEEPME", iso_country_code="FR", deletion_protection_enabled=False, state="absent")
    _check, apply, _again_check, _again = converge(emulator, "sender_id", args, ["UpdateSenderId", "ReleaseSenderId"])
    assert apply.result["sender_id"] == {}


@pytest.mark.parametrize(
    "country, reason, fragments",
    [
        ("IN", "SENDER_ID_REQUIRES_REGISTRATION", ["in IN without a registration of type IN_SENDER_ID_REGISTRATION"]),
        ("US", "SENDER_ID_NOT_SUPPORTED", ["the service takes no sender ID in US"]),
    ],
    ids=["registration-required", "refused"],
)
def test_a_country_the_service_refuses_fails_naming_the_option_and_changes_nothing(
    emulator, country, reason, fragments
):
    args = dict(sender_id="BRAND", iso_country_code=country, tags={"team": "messaging"})
    # Only the service knows the country's rules: check mode predicts the request.
    check = run_task(emulator, "sender_id", args, check=True)
    assert not check.failed and check.changed and check.mutating == []
    run = run_task(emulator, "sender_id", args)
    assert run.failed and not run.changed
    assert run.operations == ["DescribeSenderIds", "DescribeAccountLimits", "RequestSenderId"]
    assert run.result["msg"].startswith("iso_country_code: ")
    for fragment in fragments:
        assert fragment in run.result["msg"]
    assert "Nothing was changed" in run.result["msg"]
    assert run.result["error"]["reason"] == reason
    assert emulator.client().describe_sender_ids()["SenderIds"] == []


def test_overlapping_runs_request_one_sender_id_and_all_succeed(emulator):
    args = dict(sender_id="TOGETHER", iso_country_code="GB", tags={"team": "ops"})
    runs = run_tasks_at_once(emulator, "sender_id", args, 3)
    assert [run.failed for run in runs] == [False] * 3, [run.result.get("msg") for run in runs]
    assert {run.result["sender_id"]["sender_id_arn"] for run in runs} == {ARN.format("TOGETHER", "GB")}
    # A run that finds the sender ID requested meanwhile converges on it (RESOURCE_ALREADY_EXISTS, then a re-read).
    requests = [c for c in emulator.calls() if c["operation"] == "RequestSenderId"]
    assert len([c for c in requests if c["error"] is None]) == 1
    assert len(emulator.client().describe_sender_ids()["SenderIds"]) == 1


def test_message_types_cannot_change(emulator):
    emulator.client().request_sender_id(SenderId="ALERTS", IsoCountryCode="GB", MessageTypes=["TRANSACTIONAL"])
    run = run_task(
        emulator, "sender_id", dict(sender_id="ALERTS", iso_country_code="GB", message_types=["PROMOTIONAL"])
    )
    assert run.failed and run.mutating == []
    assert "sender ID ALERTS in GB cannot change immutable settings: message_types" in run.result["msg"]
    assert run.result["differences"] == ["message_types: ['TRANSACTIONAL'] -> ['PROMOTIONAL']"]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (dict(sender_id="12345", iso_country_code="GB"), "sender_id '12345' is not a sender ID"),
        (dict(sender_id="WAY-TOO-LONG-ID", iso_country_code="GB"), "is not a sender ID"),
        (dict(sender_id="BRAND", iso_country_code="gb"), "iso_country_code 'gb' must be a two-letter"),
        (dict(sender_id="BRAND", iso_country_code="GB", message_types=[]), "message_types must list"),
    ],
)
@pytest.mark.parametrize("check", [True, False], ids=["check", "apply"])
def test_bad_input_names_the_option_and_makes_no_call(emulator, args, fragment, check):
    run = run_task(emulator, "sender_id", args, check=check)
    assert run.failed and fragment in run.result["msg"]
    assert run.operations == []


def test_sender_id_info_by_ids_filters_and_tags(emulator):
    client = emulator.client()
    for country in ("GB", "DE", "FR"):
        client.request_sender_id(
            SenderId="BRAND",
            IsoCountryCode=country,
            MessageTypes=["PROMOTIONAL"],
            Tags=[{"Key": "team", "Value": "marketing" if country != "FR" else "ops"}],
        )
    made = run_task(emulator, "sender_id", dict(sender_id="ALERTS", iso_country_code="GB", tags={"team": "ops"}))

    def listed(run):
        assert not run.failed, run.result.get("msg")
        assert run.changed is False and run.mutating == []
        return [(s["sender_id"], s["iso_country_code"]) for s in run.result["sender_ids"]]

    # By ID and country (one asked twice, one unknown): 5 a call, the unknown one left out.
    wanted = [
        dict(sender_id="BRAND", iso_country_code="DE"),
        dict(sender_id="ALERTS", iso_country_code="GB"),
        dict(sender_id="BRAND", iso_country_code="DE"),
        dict(sender_id="NOPE", iso_country_code="GB"),
    ]
    run = run_task(emulator, "sender_id_info", dict(sender_ids=wanted))
    assert listed(run) == [("BRAND", "DE"), ("ALERTS", "GB")]
    # One unknown entry fails the whole call: asked again one by one.
    assert run.operations == ["DescribeSenderIds"] * 4 + ["ListTagsForResource"] * 2
    # The shape sender_id returns.
    assert run.result["sender_ids"][1] == made.result["sender_id"]

    run = run_task(emulator, "sender_id_info", dict(filters={"iso-country-code": "GB"}, include_tags=False))
    assert listed(run) == [("BRAND", "GB"), ("ALERTS", "GB")]
    assert run.operations == ["DescribeSenderIds"]
    assert all(s["tags"] is None for s in run.result["sender_ids"])
    filters = run.calls[0]["params"]["Filters"]
    assert filters == [{"Name": "iso-country-code", "Values": ["GB"]}]

    run = run_task(emulator, "sender_id_info", dict(tags={"team": "ops"}))
    assert listed(run) == [("BRAND", "FR"), ("ALERTS", "GB")]
    assert run.operations == ["DescribeSenderIds"] + ["ListTagsForResource"] * 4

    run = run_task(emulator, "sender_id_info", dict(owner="SHARED"))
    assert listed(run) == [] and run.operations == ["DescribeSenderIds"]

    refused = run_task(emulator, "sender_id_info", dict(owner="SELF", sender_ids=wanted[:1]))
    assert refused.failed and "owner cannot be used together with sender_ids" in refused.result["msg"]
    assert refused.operations == []
    refused = run_task(emulator, "sender_id_info", dict(filters={"status": "ACTIVE"}))
    assert refused.failed and "unknown filter 'status'" in refused.result["msg"] and refused.operations == []
