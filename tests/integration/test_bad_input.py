"""Bad input, secrets and release safety, through ansible-playbook.

Every bad-input case is one task of a single playbook (``ignore_errors``), so
the ~50 cases cost one ansible-playbook run. Each must fail with a message that
names the option (or the service's reason), without a traceback, and the whole
run must leave no successful write in the emulator's call log.
"""

from __future__ import annotations

import pytest

from .harness import run_playbook, run_task

SIM = dict(IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR")
REQUEST = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS"], number_type="SIMULATOR"
)
GOOD_ID = "phone-" + "a" * 32
TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-replies"


def cases(existing):
    """(module, args, fragment of the failure message). ``existing`` holds numbers made in setup."""
    a, b = existing["a"], existing["b"]
    pn = "phone_number"
    info = "phone_number_info"
    return [
        (pn, dict(name="n", **dict(REQUEST, iso_country_code="us")), "iso_country_code"),
        (pn, dict(name="n", **dict(REQUEST, iso_country_code="USA")), "iso_country_code"),
        (pn, dict(name="n", **dict(REQUEST, iso_country_code="U1")), "iso_country_code"),
        (pn, dict(name="n", **dict(REQUEST, number_capabilities=["FAX"])), "number_capabilities"),
        (pn, dict(name="n", **dict(REQUEST, number_capabilities=[])), "number_capabilities"),
        (pn, dict(name="n", **dict(REQUEST, number_capabilities=["SMS", "SMS"])), "number_capabilities"),
        (pn, dict(name="n", **dict(REQUEST, message_type="PROMOTIONAL")), "SIMULATOR"),
        (pn, dict(name="n", **dict(REQUEST, iso_country_code="CA")), "SIMULATOR"),
        (pn, dict(name="n", **dict(REQUEST, message_type="transactional")), "message_type"),
        (pn, dict(name="n", **dict(REQUEST, number_type="SHORT_CODE")), "number_type"),
        (pn, dict(name="n", iso_country_code="US", number_capabilities=["SMS"]), "message_type, number_type"),
        (pn, dict(phone_number_id=a["PhoneNumberId"], two_way_enabled=True), "two_way_channel_arn"),
        (pn, dict(name="n", two_way_channel_role="not-an-arn"), "two_way_channel_role"),
        (pn, dict(name="n", two_way_channel_arn="arn:aws:s3:::bucket", two_way_enabled=True), "two_way_channel_arn"),
        (pn, dict(name="n", two_way_channel_arn=TOPIC, two_way_enabled=False), "two_way_enabled"),
        (pn, dict(phone_number_id="phone-123"), "phone_number_id"),
        (pn, dict(phone_number_id="arn:aws:sms-voice:us-east-1:1:phone-number/phone-xyz"), "phone_number_id"),
        (pn, dict(phone_number_id=GOOD_ID.upper()), "phone_number_id"),
        (pn, dict(phone_number="12065550100"), "phone_number"),
        (pn, dict(phone_number="+0123"), "phone_number"),
        (pn, dict(phone_number="+1 206 555 0100"), "phone_number"),
        (pn, dict(name="n", wait_timeout=0, **REQUEST), "wait_timeout"),
        (pn, dict(name="n", wait_timeout=-5, **REQUEST), "wait_timeout"),
        (pn, dict(name="n", profile="dev", access_key="AKIAEXAMPLE", secret_key="example", **REQUEST), "profile"),
        (pn, dict(name="n", pool_id="pool-doesnotexist", **REQUEST), "pool_id"),
        (pn, dict(phone_number_id=a["PhoneNumberId"], opt_out_list_name="nosuchlist"), "opt_out_list_name"),
        (pn, dict(name="n", opt_out_list_name="bad list!", **REQUEST), "opt_out_list_name"),
        (pn, dict(name="n", pool_id="pool id with spaces", **REQUEST), "pool_id"),
        (pn, dict(name="n", registration_id="reg-doesnotexist", **REQUEST), "registration"),
        (pn, dict(name="n", tags={"k" * 129: "v"}, **REQUEST), "tags"),
        (pn, dict(name="n", tags={"aws:owner": "me"}, **REQUEST), "aws:"),
        (pn, dict(name="n", tags={"k": "v" * 257}, **REQUEST), "tags"),
        (pn, dict(name="n", tags={"Name": "other"}, **REQUEST), "Name"),
        (pn, dict(name="", **REQUEST), "name"),
        (pn, dict(state="absent"), "name"),
        (pn, dict(**REQUEST), "name"),
        (pn, dict(phone_number_id=a["PhoneNumberId"], phone_number=b["PhoneNumber"]), "conflicting lookup keys"),
        (pn, dict(phone_number_id=a["PhoneNumberId"], name="not-a", state="absent"), "conflicting lookup keys"),
        (pn, dict(name="twin", state="absent"), "2 phone numbers are named 'twin'"),
        (pn, dict(name="twin", deletion_protection_enabled=True), "2 phone numbers are named 'twin'"),
        (pn, dict(phone_number_id=GOOD_ID), "cannot be requested"),
        (pn, dict(phone_number="+12065550199"), "cannot be requested"),
        (pn, dict(name="a", **dict(REQUEST, number_type="TOLL_FREE")), "number_type: SIMULATOR -> TOLL_FREE"),
        (pn, dict(name="a", keywords=[{"keyword": "K" * 31, "reply": "m"}]), "keyword"),
        (pn, dict(name="a", keywords=[{"keyword": "INFO", "reply": "   "}]), "reply"),
        (pn, dict(name="a", keywords=[{"keyword": "INFO", "reply": "x" * 1601}]), "reply"),
        (
            pn,
            dict(name="a", keywords=[{"keyword": "info", "reply": "m"}, {"keyword": "INFO", "reply": "m"}]),
            "listed twice",
        ),
        (pn, dict(name="a", keywords=[{"keyword": "STOP", "reply": "m", "action": "OPT_IN"}]), "STOP"),
        (pn, dict(name="a", keywords=[{"keyword": "INFO", "reply": "m", "action": "REPLY"}]), "action"),
        (pn, dict(name="a", keywords=[{"reply": "m"}]), "keyword"),
        (pn, dict(name="a", deletion_protection="yes"), "deletion_protection"),
        (pn, dict(name="a", aws_config={"no_such_setting": 1}), "aws_config"),
        (pn, dict(name="a", aws_config={"region_name": "eu-west-1"}), "aws_config.region_name"),
        (pn, dict(name="a", aws_config={"retries": "x"}), "aws_config.retries must be a dict"),
        (pn, dict(name="a", aws_config={"aws_secret_access_key": "x"}), "aws_config.aws_secret_access_key"),
        (pn, dict(name="n", tags={"k{0}".format(i): "v" for i in range(50)}, **REQUEST), "tags has 51 tags"),
        (pn, dict(name="two\nlines", **REQUEST), "name 'two\\nlines' contains a line break"),
        (pn, dict(name="n", tags={"team": "a\rb"}, **REQUEST), "tags: the value of tag 'team'"),
        (pn, dict(name="a", keywords=[{"keyword": "STOP ", "reply": "m"}]), "keywords[0].keyword 'STOP '"),
        (pn, dict(name="a", keywords=[{"keyword": "STOP ", "reply": "m", "action": "OPT_IN"}]), "keywords[0]"),
        (
            pn,
            dict(name="a", session_token="token-with-newline\n", access_key="AKIAGOOD", secret_key="s3cr3t-value"),
            "session_token contains",
        ),
        (pn, dict(name="a", access_key="AKIA\nSPLIT", secret_key="s3cr3t-value"), "access_key contains"),
        (pn, dict(name="a", profile="dev\n"), "profile contains white space"),
        (pn, dict(name="a", session_token="token-without-its-keys"), "session_token needs access_key and secret_key"),
        (pn, dict(name="a", state="gone"), "state"),
        (pn, dict(name="a", secret_key="only-a-secret", access_key=""), "access_key"),
        (info, dict(filters={"colour": "blue"}), "unknown filter 'colour'"),
        (info, dict(filters={"status": []}), "status needs at least one value"),
        (info, dict(filters={"iso-country-code": ""}), "iso-country-code"),
        (info, dict(filters={"status": "active"}), "status value 'active'"),
        (info, dict(filters={"two-way-enabled": "yes"}), "two-way-enabled"),
        (info, dict(phone_numbers=["2065550100"]), "phone_numbers"),
        (info, dict(phone_number_ids=["phone-1"]), "phone_number_ids"),
        (info, dict(owner="SELF", phone_number_ids=[GOOD_ID]), "owner"),
        (info, dict(owner="ME"), "owner"),
        (info, dict(names=[""]), "names"),
    ]


@pytest.fixture
def existing(emulator):
    client = emulator.client()
    made = {
        "a": client.request_phone_number(Tags=[{"Key": "Name", "Value": "a"}], **SIM),
        "b": client.request_phone_number(Tags=[{"Key": "Name", "Value": "b"}], **SIM),
    }
    for _attempt in range(2):
        client.request_phone_number(Tags=[{"Key": "Name", "Value": "twin"}], **SIM)
    return made


def test_bad_input_fails_clearly_and_writes_nothing(emulator, existing):
    table = cases(existing)
    assert len(table) >= 40
    tasks = [
        {"name": "case {0}".format(i), "pinpoint.sms_voice." + module: args, "ignore_errors": True}
        for i, (module, args, _expected) in enumerate(table)
    ]
    before = emulator.state()
    records, _operations, calls, proc = run_playbook(
        emulator, [{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    )
    by_name = {r["task"]: r for r in records}
    problems = []
    for i, (module, args, fragment) in enumerate(table):
        record = by_name.get("case {0}".format(i))
        if record is None:
            problems.append("case {0} ({1} {2}) has no result".format(i, module, args))
            continue
        msg = str(record["result"].get("msg", ""))
        if record["status"] != "failed":
            problems.append("case {0} ({1} {2}) did not fail".format(i, module, args))
        elif fragment not in msg:
            problems.append("case {0}: {1!r} not in {2!r}".format(i, fragment, msg))
        elif "Traceback" in msg or "Traceback" in str(record["result"].get("exception", "")):
            problems.append("case {0}: traceback in the result".format(i))
    assert problems == [], "\n".join(problems) + "\n" + proc.stdout[-3000:]
    writes = [c for c in calls if not c["operation"].startswith(("Describe", "List", "Get")) and c["error"] is None]
    assert writes == [], "bad input made writes: {0}".format(writes)
    assert emulator.state() == before


def test_secrets_never_appear_in_output_even_with_vvv(emulator):
    secret = "SeCrEt-Key-Value-0123456789abcdefXYZ"
    token = "SeSsIoN-Token-Value-9876543210fedcbaQRS"
    args = dict(name="secret-test", secret_key=secret, session_token=token, access_key="AKIAEXAMPLEEXAMPLE", **REQUEST)
    ok = run_task(emulator, "phone_number", args, verbosity=3)
    assert not ok.failed, ok.result.get("msg")
    # A failing task prints its arguments and error too.
    bad = run_task(emulator, "phone_number", dict(args, wait_timeout=0), verbosity=3)
    assert bad.failed
    for run in (ok, bad):
        for text in (run.stdout, run.stderr, str(run.result)):
            assert secret not in text
            assert token not in text
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in ok.stdout  # -vvv did print the arguments, masked


def test_absent_by_id_never_releases_a_number_named_otherwise(emulator, existing):
    number = existing["a"]
    run = run_task(emulator, "phone_number", dict(phone_number_id=number["PhoneNumberId"], name="b", state="absent"))
    assert run.failed
    assert "nothing was released" in run.result["msg"]
    assert run.mutating == []
    status = emulator.client().describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])["PhoneNumbers"][0][
        "Status"
    ]
    assert status == "ACTIVE"


def test_ambiguous_name_fails_before_any_write_in_check_mode_too(emulator, existing):
    for check in (True, False):
        run = run_task(emulator, "phone_number", dict(name="twin", state="absent"), check=check)
        assert run.failed
        assert "name must identify one number" in run.result["msg"]
        assert run.mutating == []
