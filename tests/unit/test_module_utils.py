"""module_utils against the in-process emulator: connection, reader, applier, shaper."""

from __future__ import annotations

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import connection
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import (
    Api,
    build_config,
    create_client,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.resource import iso8601
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import Pacer
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import number_waiter as Waiter
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.reader import Reader as PhoneNumberReader
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.shape import (
    RESULT_KEYS,
    shape_number,
)
from tests.emulator import TEST_QUOTA_SCALE

# The emulator fixtures scale the published quotas; the module's pacing matches them.
TEST_PACER = Pacer(scale=TEST_QUOTA_SCALE)
REQUEST = dict(IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR")


def params(**overrides):
    base = dict.fromkeys(connection.AWS_COMMON_ARGUMENT_SPEC)
    base.update(region="us-east-1", validate_certs=True)
    base.update(overrides)
    return base


def test_default_config_uses_botocore_standard_retries_and_names_the_collection():
    config = build_config("phone_number")
    assert config.retries == {"mode": "standard", "max_attempts": 5}
    assert "pinpoint.sms_voice/" in config.user_agent_extra
    assert "ansible-module/phone_number" in config.user_agent_extra


def test_aws_config_merges_over_defaults():
    config = build_config("phone_number", {"retries": {"mode": "adaptive"}, "connect_timeout": 7})
    assert config.retries == {"mode": "adaptive", "max_attempts": 5}
    assert config.connect_timeout == 7


def test_unknown_aws_config_key_fails_naming_the_option():
    with pytest.raises(SmsVoiceError, match="aws_config"):
        build_config("phone_number", {"no_such_setting": 1})


def test_profile_with_keys_is_an_error(monkeypatch):
    for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SmsVoiceError, match="profile cannot be used together with access_key"):
        create_client(params(profile="dev", access_key="AKID", secret_key="secret"), "phone_number")


def test_missing_region_names_the_option(monkeypatch):
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    with pytest.raises(SmsVoiceError, match="region is required"):
        create_client(params(region=None, access_key="a", secret_key="b"), "phone_number")


def test_service_errors_carry_code_reason_and_message(mock_emulator):
    api = Api(mock_emulator.client(), TEST_PACER)
    number = api.call("RequestPhoneNumber", DeletionProtectionEnabled=True, **REQUEST)
    with pytest.raises(SmsVoiceError) as err:
        api.call("ReleasePhoneNumber", PhoneNumberId=number["PhoneNumberId"])
    result = err.value.result()
    assert result["operation"] == "ReleasePhoneNumber"
    assert result["error"]["code"] == "ConflictException"
    assert result["error"]["reason"] == "DELETION_PROTECTION_ENABLED"
    assert "ReleasePhoneNumber failed: ConflictException" in result["msg"]
    assert "Traceback" not in result["msg"]


@pytest.mark.parametrize("effect", ["implicit", "explicit"])
def test_access_denied_names_the_iam_action_and_where_the_policies_are(mock_emulator, effect):
    api = Api(mock_emulator.client(), TEST_PACER)
    number = api.call("RequestPhoneNumber", **REQUEST)["PhoneNumberId"]
    statements = [{"Effect": "Allow", "Action": "sms-voice:Describe*", "Resource": "*"}]
    if effect == "explicit":
        statements[0]["Action"] = "*"
        statements.append({"Effect": "Deny", "Action": "sms-voice:Release*", "Resource": "*"})
    mock_emulator.config(iam_policy={"Version": "2012-10-17", "Statement": statements})
    with pytest.raises(SmsVoiceError) as err:
        api.call("ReleasePhoneNumber", PhoneNumberId=number)
    result = err.value.result()
    assert result["error"]["code"] == "AccessDeniedException"
    assert result["msg"].startswith("ReleasePhoneNumber failed: AccessDeniedException: User: ")
    assert "needs the IAM action sms-voice:ReleasePhoneNumber (the collection's docs/iam/" in result["msg"]


def test_access_denied_on_the_tagging_api_names_its_own_prefix():
    from botocore.exceptions import ClientError

    denied = ClientError(
        {"Error": {"Code": "AccessDeniedException", "Message": "User is not authorized"}}, "GetResources"
    )
    assert "needs the IAM action tag:GetResources" in connection.aws_error("GetResources", denied).msg


def test_tags_are_read_concurrently_and_kept_in_order(mock_emulator):
    client = mock_emulator.client()
    created = [
        client.request_phone_number(
            Tags=[{"Key": "Name", "Value": "n{0}".format(i)}, {"Key": "i", "Value": str(i)}], **REQUEST
        )
        for i in range(60)
    ]
    reader = PhoneNumberReader(Api(client, TEST_PACER), tag_workers=8)
    numbers = reader.describe_all()
    tags = reader.tags_for(numbers)
    assert [n["PhoneNumberId"] for n in numbers] == [c["PhoneNumberId"] for c in created]
    assert tags == [{"Name": "n{0}".format(i), "i": str(i)} for i in range(60)]


def test_by_name_finds_every_live_match(mock_emulator):
    client = mock_emulator.client()
    first = client.request_phone_number(Tags=[{"Key": "Name", "Value": "dup"}], **REQUEST)
    client.request_phone_number(Tags=[{"Key": "Name", "Value": "other"}], **REQUEST)
    second = client.request_phone_number(Tags=[{"Key": "Name", "Value": "dup"}], **REQUEST)
    released = client.request_phone_number(Tags=[{"Key": "Name", "Value": "dup"}], **REQUEST)
    client.release_phone_number(PhoneNumberId=released["PhoneNumberId"])
    matches = PhoneNumberReader(Api(client, TEST_PACER)).by_name("dup")
    assert [n["PhoneNumberId"] for n, _tags in matches] == [first["PhoneNumberId"], second["PhoneNumberId"]]


def test_by_id_treats_deleted_and_unknown_as_absent(mock_emulator):
    client = mock_emulator.client()
    number = client.request_phone_number(**REQUEST)
    reader = PhoneNumberReader(Api(client, TEST_PACER))
    assert reader.by_id(number["PhoneNumberArn"])["PhoneNumberId"] == number["PhoneNumberId"]
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert reader.by_id(number["PhoneNumberId"]) is None
    assert reader.by_id("phone-" + "f" * 32) is None


def test_shape_has_every_key_and_iso_timestamps(mock_emulator):
    client = mock_emulator.client()
    number = client.describe_phone_numbers(PhoneNumberIds=[client.request_phone_number(**REQUEST)["PhoneNumberId"]])
    shaped = shape_number(number["PhoneNumbers"][0], [{"Key": "k", "Value": "v"}])
    assert tuple(shaped) == RESULT_KEYS
    assert shaped["tags"] == {"k": "v"}
    assert shaped["created_timestamp"].endswith("+00:00")
    assert iso8601(0) == "1970-01-01T00:00:00+00:00"


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self):
        return self.now


def test_waiter_costs_no_sleep_when_already_in_status():
    clock = FakeClock()
    waiter = Waiter(reader=None, timeout=30, sleep=clock.sleep, clock=clock)
    assert waiter.wait("phone-x", "ACTIVE", "ACTIVE") is None
    assert clock.sleeps == []


def test_waiter_polls_with_growing_interval_then_times_out_naming_id_and_status():
    clock = FakeClock()

    class Reader:
        def describe_ids(self, ids, resource=None):
            return [{"PhoneNumberId": ids[0], "Status": "PENDING"}]

    waiter = Waiter(Reader(), timeout=20, sleep=clock.sleep, clock=clock)
    with pytest.raises(SmsVoiceError) as err:
        waiter.wait("phone-x", "ACTIVE", "PENDING")
    assert "phone-x" in err.value.msg and "PENDING" in err.value.msg
    assert clock.sleeps[:3] == [1.0, 1.5, 2.25]
    assert sum(clock.sleeps) == pytest.approx(20)


def test_waiter_reads_before_sleeping_when_the_status_is_unknown():
    clock = FakeClock()

    class Reader:
        def describe_ids(self, ids, resource=None):
            return [{"PhoneNumberId": ids[0], "Status": "ACTIVE"}]

    waiter = Waiter(Reader(), timeout=30, sleep=clock.sleep, clock=clock)
    assert waiter.wait("phone-x", "ACTIVE", None)["Status"] == "ACTIVE"
    assert clock.sleeps == []


class RefusingApi:
    """An Api whose writes are refused with a ConflictException ``refusals`` times, then answered."""

    def __init__(self, reason, refusals):
        self.reason = reason
        self.refusals = refusals
        self.calls = 0

    def call(self, operation, **params):
        self.calls += 1
        if self.calls <= self.refusals:
            raise SmsVoiceError("refused", operation=operation, code="ConflictException", reason=self.reason)
        return {"PhoneNumberId": params["PhoneNumberId"], "Status": "ACTIVE"}


def test_a_write_refused_while_another_is_in_flight_is_retried_with_growing_pauses():
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import number_call as _call

    clock = FakeClock()
    api = RefusingApi(reason=None, refusals=3)
    waiter = Waiter(reader=None, timeout=30, sleep=clock.sleep, clock=clock)
    assert _call(api, waiter, "UpdatePhoneNumber", {"PhoneNumberId": "phone-x"})["Status"] == "ACTIVE"
    assert api.calls == 4 and clock.sleeps == [1.0, 1.5, 2.25]


def test_a_write_still_in_flight_at_the_deadline_raises_its_conflict():
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import number_call as _call

    clock = FakeClock()
    waiter = Waiter(reader=None, timeout=5, sleep=clock.sleep, clock=clock)
    with pytest.raises(SmsVoiceError) as err:
        _call(RefusingApi(reason=None, refusals=100), waiter, "UpdatePhoneNumber", {"PhoneNumberId": "phone-x"})
    assert err.value.code == "ConflictException" and err.value.reason is None
    assert sum(clock.sleeps) == pytest.approx(5)


@pytest.mark.parametrize("reason", ["LAST_PHONE_NUMBER", "DELETION_PROTECTION_ENABLED", "RESOURCE_NOT_ACTIVE"])
def test_a_conflict_with_a_reason_is_not_retried(reason):
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.phone_number import number_call as _call

    clock = FakeClock()
    api = RefusingApi(reason=reason, refusals=1)
    waiter = Waiter(reader=None, timeout=30, sleep=clock.sleep, clock=clock)
    with pytest.raises(SmsVoiceError) as err:
        _call(api, waiter, "UpdatePhoneNumber", {"PhoneNumberId": "phone-x"})
    assert err.value.reason == reason
    assert api.calls == 1 and clock.sleeps == []


def test_keys_in_the_task_win_over_a_profile_from_the_environment(monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "no-such-profile")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    # params hold what the task set: the profile is only in the environment.
    client = create_client(params(access_key="AKIDTASK", secret_key="secret"), "phone_number")
    assert client.meta.region_name == "us-east-1"
    assert client._request_signer._credentials.access_key == "AKIDTASK"


# -- the tag index (Resource Groups Tagging API) -------------------------------------------------


def indexed_reader(mock_emulator, warnings=None):
    tagging = mock_emulator.tagging_client()
    api = Api(mock_emulator.client(), tagging=lambda: tagging)
    return PhoneNumberReader(api, warn=None if warnings is None else warnings.append)


def test_by_name_through_the_index_confirms_each_candidate(mock_emulator):
    client = mock_emulator.client()
    wanted = client.request_phone_number(Tags=[{"Key": "Name", "Value": "dup"}], **REQUEST)
    client.request_phone_number(Tags=[{"Key": "Name", "Value": "other"}], **REQUEST)
    start = len(mock_emulator.calls())
    matches = indexed_reader(mock_emulator).by_name("dup")
    assert [(n["PhoneNumberId"], t) for n, t in matches] == [(wanted["PhoneNumberId"], {"Name": "dup"})]
    assert mock_emulator.operations()[start:] == ["GetResources", "DescribePhoneNumbers", "ListTagsForResource"]


def test_by_name_exhaustive_reads_pages_and_confirms_only_the_match(mock_emulator):
    client = mock_emulator.client()
    wanted = client.request_phone_number(Tags=[{"Key": "Name", "Value": "x"}], **REQUEST)
    for i in range(150):
        client.request_phone_number(Tags=[{"Key": "Name", "Value": "o{0}".format(i)}], **REQUEST)
    start = len(mock_emulator.calls())
    matches = indexed_reader(mock_emulator).by_name("x", exhaustive=True)
    assert [(n["PhoneNumberId"], t) for n, t in matches] == [(wanted["PhoneNumberId"], {"Name": "x"})]
    # Two Describe pages, one index page over the type (151 tags), then the match's own tags.
    assert mock_emulator.operations()[start:] == ["DescribePhoneNumbers"] * 2 + ["GetResources", "ListTagsForResource"]


def test_prove_reads_the_own_tags_only_of_numbers_the_index_does_not_list(mock_emulator):
    client = mock_emulator.client()
    mock_emulator.config(tagging_api="lagging", tagging_lag_seconds=60)
    old = [client.request_phone_number(Tags=[{"Key": "Name", "Value": "o{0}".format(i)}], **REQUEST) for i in range(3)]
    mock_emulator.advance_clock(61)
    fresh = client.request_phone_number(Tags=[{"Key": "Name", "Value": "fresh"}], **REQUEST)
    untagged = client.request_phone_number(**REQUEST)
    reader = indexed_reader(mock_emulator)
    start = len(mock_emulator.calls())
    found = reader.prove(lambda tags: True)
    calls = mock_emulator.calls()[start:]
    assert [c["operation"] for c in calls] == ["DescribePhoneNumbers", "GetResources"] + ["ListTagsForResource"] * 2
    assert {c["params"]["ResourceArn"] for c in calls[2:]} == {fresh["PhoneNumberArn"], untagged["PhoneNumberArn"]}
    by_id = {n["PhoneNumberId"]: t for n, t in found}
    assert by_id == dict(
        [(n["PhoneNumberId"], {"Name": "o{0}".format(i)}) for i, n in enumerate(old)]
        + [(fresh["PhoneNumberId"], {"Name": "fresh"}), (untagged["PhoneNumberId"], {})]
    )
    assert reader.own_tags == {fresh["PhoneNumberArn"], untagged["PhoneNumberArn"]}


def test_tags_a_create_answered_with_count_only_for_a_resource_the_lookup_did_not_list(mock_emulator):
    client = mock_emulator.client()
    old = client.request_phone_number(Tags=[{"Key": "Name", "Value": "old"}], **REQUEST)
    reader = indexed_reader(mock_emulator)
    reader.by_name("new")
    new = client.request_phone_number(Tags=[{"Key": "Name", "Value": "new"}], **REQUEST)
    # A replayed token can answer with an older number whose tags changed since: that one is read again.
    reader.created(old["PhoneNumberArn"], [{"Key": "Name", "Value": "new"}])
    reader.created(new["PhoneNumberArn"], new["Tags"])
    assert reader.seen_tags[old["PhoneNumberArn"]] == {"Name": "old"}
    assert reader.seen_tags[new["PhoneNumberArn"]] == {"Name": "new"}
    assert new["PhoneNumberArn"] in reader.own_tags


def test_by_name_finds_a_number_created_within_the_index_lag(mock_emulator):
    client = mock_emulator.client()
    mock_emulator.config(tagging_api="lagging", tagging_lag_seconds=60)
    for i in range(5):
        client.request_phone_number(Tags=[{"Key": "Name", "Value": "o{0}".format(i)}], **REQUEST)
    mock_emulator.advance_clock(61)
    fresh = client.request_phone_number(Tags=[{"Key": "Name", "Value": "fresh"}], **REQUEST)
    matches = indexed_reader(mock_emulator).by_name("fresh")
    assert [n["PhoneNumberId"] for n, _tags in matches] == [fresh["PhoneNumberId"]]


def test_a_denied_index_is_warned_about_once_and_not_asked_again(mock_emulator):
    client = mock_emulator.client()
    numbers = [client.request_phone_number(Tags=[{"Key": "Name", "Value": "d"}], **REQUEST) for _attempt in range(3)]
    mock_emulator.config(tagging_api="denied")
    warnings = []
    reader = indexed_reader(mock_emulator, warnings)
    assert len(reader.by_name("d")) == 3
    described = reader.describe_all()
    assert reader.tags_for(described, use_index=True) == [{"Name": "d"}] * len(numbers)
    assert mock_emulator.operations().count("GetResources") == 1
    assert len(warnings) == 1 and "AccessDeniedException" in warnings[0] and "use_tagging_api" in warnings[0]
    # The warning says what the fallback costs: one call per number, and how long at the quota.
    assert "3 ListTagsForResource calls, about 3 s" in warnings[0]


def test_tags_for_through_the_index_equals_each_numbers_own_tags(mock_emulator):
    client = mock_emulator.client()
    for i in range(7):
        extra = {"Tags": [{"Key": "Name", "Value": "n{0}".format(i)}]} if i % 3 else {}
        client.request_phone_number(**extra, **REQUEST)
    reader = indexed_reader(mock_emulator)
    numbers = reader.describe_all()
    start = len(mock_emulator.calls())
    fast = reader.tags_for(numbers, use_index=True)
    ops = mock_emulator.operations()[start:]
    assert fast == PhoneNumberReader(Api(client)).tags_for(numbers)
    # One GetResources for all seven; the three untagged ones (not in the index) are asked themselves.
    assert ops == ["GetResources"] + ["ListTagsForResource"] * 3


def test_index_tag_filters_and_names_with_tags():
    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.info import (
        index_tag_filters,
    )

    assert index_tag_filters({"b", "a"}, {"team": "ops"}) == [
        {"Key": "Name", "Values": ["a", "b"]},
        {"Key": "team", "Values": ["ops"]},
    ]
    assert index_tag_filters({"a", "b"}, {"Name": "b"}) == [{"Key": "Name", "Values": ["b"]}]
    assert index_tag_filters(set(), {"Name": "c"}) == [{"Key": "Name", "Values": ["c"]}]


def test_every_key_a_failure_of_phone_number_can_carry_is_documented():
    import ast
    import importlib
    from pathlib import Path

    import yaml

    from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import errors

    keys = set(SmsVoiceError("x", operation="Op", code="C").result()) - {"msg"}
    source_dir = Path(errors.__file__).parent
    for path in source_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if name in ("SmsVoiceError", "fail"):
                keys.update(k.arg for k in node.keywords if k.arg)
            elif name in ("update", "setdefault") and "extra" in ast.unparse(func):
                keys.update(k.arg for k in node.keywords if k.arg)
                keys.update(a.value for a in node.args[:1] if isinstance(a, ast.Constant))
    keys -= {"code", "reason", "message", "fields", "changed"}  # code...fields go under error
    module = importlib.import_module("ansible_collections.pinpoint.sms_voice.plugins.modules.phone_number")
    documented = set(yaml.safe_load(module.RETURN))
    assert keys <= documented, sorted(keys - documented)
    assert {"duplicates", "error", "operation", "done", "pending_changes"} <= keys
