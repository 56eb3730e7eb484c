"""Keywords on phone_number (and include_keywords on phone_number_info), through ansible-playbook."""

from __future__ import annotations

from .harness import converge, run_task
from .test_phone_number import SIMULATOR, request_number


def keywords(client, number_id):
    found = client.describe_keywords(OriginationIdentity=number_id)["Keywords"]
    return {k["Keyword"].upper(): (k["KeywordMessage"], k["KeywordAction"]) for k in found}


def test_keywords_put_for_the_difference_only(emulator):
    client = emulator.client()
    number_id = request_number(client, "kw")["PhoneNumberId"]
    stop_message = keywords(client, number_id)["STOP"][0]
    args = dict(
        name="kw",
        keywords=[
            {"keyword": "help", "reply": "Example Corp: reply STOP to opt out."},
            {"keyword": "STOP", "reply": stop_message},  # unchanged: no call
            {"keyword": "JOIN", "reply": "Welcome back.", "action": "OPT_IN"},
        ],
    )
    check, apply, _again_check, again = converge(emulator, "phone_number", args, ["PutKeyword", "PutKeyword"])
    puts = [c["params"] for c in apply.calls if c["operation"] == "PutKeyword"]
    assert [(p["Keyword"], p["KeywordAction"]) for p in puts] == [("help", "AUTOMATIC_RESPONSE"), ("JOIN", "OPT_IN")]
    assert keywords(client, number_id) == {
        "STOP": (stop_message, "OPT_OUT"),
        "HELP": ("Example Corp: reply STOP to opt out.", "AUTOMATIC_RESPONSE"),
        "JOIN": ("Welcome back.", "OPT_IN"),
    }
    # check mode and diff show the keyword change
    before = {k["keyword"].upper(): k["reply"] for k in check.result["diff"]["before"]["keywords"]}
    after = {k["keyword"].upper(): k["reply"] for k in check.result["diff"]["after"]["keywords"]}
    assert "JOIN" not in before and after["JOIN"] == "Welcome back."
    assert {k["keyword"].upper() for k in again.number["keywords"]} == {"STOP", "HELP", "JOIN"}
    assert "DescribeKeywords" in again.operations


def test_purge_keywords_deletes_extras_but_keeps_stop_and_help(emulator):
    client = emulator.client()
    number_id = request_number(client, "kw")["PhoneNumberId"]
    client.put_keyword(OriginationIdentity=number_id, Keyword="OLD", KeywordMessage="old")
    client.put_keyword(OriginationIdentity=number_id, Keyword="KEEP", KeywordMessage="keep")
    args = dict(name="kw", keywords=[{"keyword": "keep", "reply": "keep"}], purge_keywords=True)
    converge(emulator, "phone_number", args, ["DeleteKeyword"])
    assert set(keywords(client, number_id)) == {"STOP", "HELP", "KEEP"}


def test_without_purge_other_keywords_stay(emulator):
    client = emulator.client()
    number_id = request_number(client, "kw")["PhoneNumberId"]
    client.put_keyword(OriginationIdentity=number_id, Keyword="OLD", KeywordMessage="old")
    converge(emulator, "phone_number", dict(name="kw", keywords=[{"keyword": "NEW", "reply": "n"}]), ["PutKeyword"])
    assert set(keywords(client, number_id)) == {"STOP", "HELP", "OLD", "NEW"}


def test_new_number_gets_its_keywords_once_active(emulator):
    emulator.config(pending_seconds={"TOLL_FREE": 2})
    args = dict(
        name="fresh",
        iso_country_code="US",
        message_type="TRANSACTIONAL",
        number_capabilities=["SMS"],
        number_type="TOLL_FREE",
        keywords=[{"keyword": "INFO", "reply": "Info line."}],
    )
    run = run_task(emulator, "phone_number", args)
    assert not run.failed, run.result.get("msg")
    assert run.mutating == ["RequestPhoneNumber", "PutKeyword"]
    describes = [c for c in run.calls if c["operation"] == "DescribePhoneNumbers"]
    assert len(describes) >= 2  # polled until ACTIVE before PutKeyword
    number_id = run.number["phone_number_id"]
    assert keywords(emulator.client(), number_id)["INFO"] == ("Info line.", "AUTOMATIC_RESPONSE")
    again = run_task(emulator, "phone_number", args)
    assert not again.changed and again.mutating == []


def test_keywords_not_set_are_not_read(emulator):
    request_number(emulator.client(), "kw")
    run = run_task(emulator, "phone_number", dict(name="kw"))
    assert "DescribeKeywords" not in run.operations
    assert run.number["keywords"] is None


def test_info_include_keywords(emulator):
    client = emulator.client()
    number_id = request_number(client, "kw")["PhoneNumberId"]
    client.put_keyword(OriginationIdentity=number_id, Keyword="JOIN", KeywordMessage="hi", KeywordAction="OPT_IN")
    run = run_task(emulator, "phone_number_info", dict(names=["kw"], include_keywords=True))
    [number] = run.result["phone_numbers"]
    assert {k["keyword"]: k["action"] for k in number["keywords"]} == {
        "STOP": "OPT_OUT",
        "HELP": "AUTOMATIC_RESPONSE",
        "JOIN": "OPT_IN",
    }
    plain = run_task(emulator, "phone_number_info", dict(names=["kw"]))
    assert plain.result["phone_numbers"][0]["keywords"] is None
    assert "DescribeKeywords" not in plain.operations


def test_simulator_request_with_keywords_converges(emulator):
    args = dict(name="sim-kw", keywords=[{"keyword": "INFO", "reply": "Info."}], **SIMULATOR)
    converge(emulator, "phone_number", args, ["RequestPhoneNumber", "PutKeyword"])
