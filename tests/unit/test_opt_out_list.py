"""opt_out_list's plan and its create call (races, replayed tokens), and opt_out_list_info's paging."""

from __future__ import annotations

import pytest

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice import connection, reader
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.connection import Api
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine import paging
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine import plan as converge
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.resource import desired_from_params
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.opt_out_list import (
    ensure_opt_out_list,
    find_opt_out_lists,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.pacing import Pacer
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import OPT_OUT_LIST
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.validation import (
    check_opt_out_list_params as check_params,
)

from .test_module_utils import params

CURRENT = dict(
    opt_out_list_arn="arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/marketing",
    opt_out_list_name="marketing",
    created_timestamp="2026-11-27T00:00:00+00:00",
    tags={"team": "a", "aws:cloudformation:stack-name": "s"},
)


def desired(**task):
    return desired_from_params(OPT_OUT_LIST, dict(dict(name="marketing", state="present"), **task), ("name",))


def operations(plan):
    return [(step.operation, step.params) for step in plan.steps]


def test_a_new_list_is_one_create_call_with_its_tags_and_name_and_no_name_tag():
    plan = converge.plan_create(
        OPT_OUT_LIST,
        desired(tags={"team": "a"}),
        params={"OptOutListName": "marketing"},
        opt_out_list_name="marketing",
    )
    assert operations(plan) == [
        ("CreateOptOutList", {"OptOutListName": "marketing", "Tags": [{"Key": "team", "Value": "a"}]})
    ]
    assert plan.after == dict(
        opt_out_list_arn=None,
        opt_out_list_name="marketing",
        created_timestamp=None,
        tags={"team": "a"},
        resource_policy=None,
        opted_out_numbers=None,
    )


@pytest.mark.parametrize(
    "task, expected",
    [
        (dict(), []),
        (dict(tags={"team": "a"}), []),
        (dict(tags={}), [("UntagResource", {"ResourceArn": CURRENT["opt_out_list_arn"], "TagKeys": ["team"]})]),
        (
            dict(tags={"env": "x"}, purge_tags=False),
            [("TagResource", {"ResourceArn": CURRENT["opt_out_list_arn"], "Tags": [{"Key": "env", "Value": "x"}]})],
        ),
    ],
    ids=["no-tags-option", "same", "purge-keeps-aws-keys", "add-without-purge"],
)
def test_an_existing_list_changes_its_tag_difference_only(task, expected):
    plan = converge.plan_update(OPT_OUT_LIST, CURRENT, desired(**task))
    assert operations(plan) == expected
    assert plan.action == ("update" if expected else "none")


def test_delete_is_one_call_and_nothing_for_a_missing_list():
    assert operations(converge.plan_delete(OPT_OUT_LIST, CURRENT, desired(state="absent"))) == [
        ("DeleteOptOutList", {"OptOutListName": "marketing"})
    ]
    assert converge.plan_delete(OPT_OUT_LIST, None, desired(state="absent")).action == "none"


@pytest.mark.parametrize(
    "task, fragment",
    [
        (dict(name="Default", state="absent"), "name: the Default opt-out list"),
        (dict(name="a.b"), "name 'a.b' must be 1 to 64"),
        (dict(name=""), "name '' must be 1 to 64"),
    ],
)
def test_bad_names_fail_naming_the_option(task, fragment):
    with pytest.raises(SmsVoiceError, match=fragment):
        check_params(dict(dict(state="present", tags=None), **task))


class FakeModule:
    def __init__(self, **task):
        self.params = params(**dict(dict(state="present", tags=None, purge_tags=True), **task))
        self.check_mode = False
        self._diff = False


class Recording:
    """An Api that records operations and runs ``before(operation)`` ahead of each call."""

    def __init__(self, api, before=None):
        self.api = api
        self.client = api.client
        self.before = before or (lambda operation: None)
        self.operations = []

    def call(self, operation, **kwargs):
        self.before(operation)
        self.operations.append(operation)
        return self.api.call(operation, **kwargs)


@pytest.fixture
def api(mock_emulator):
    return Api(connection.create_client(params(), "opt_out_list"), Pacer(scale=1000.0))


def test_a_list_another_run_created_meanwhile_is_converged_not_failed(mock_emulator, api):
    client = mock_emulator.client()
    raced = []

    def other_run_creates_first(operation):
        if operation == "CreateOptOutList" and not raced:
            raced.append(client.create_opt_out_list(OptOutListName="marketing", Tags=[{"Key": "old", "Value": "1"}]))

    recording = Recording(api, other_run_creates_first)
    result = ensure_opt_out_list(FakeModule(name="marketing", tags={"team": "a"}), recording)
    assert result["changed"] is True
    assert result["opt_out_list"]["tags"] == {"team": "a"}
    assert result["opt_out_list"]["created_timestamp"] is not None
    assert [op for op in recording.operations if not op.startswith(("Describe", "List"))] == [
        "CreateOptOutList",
        "UntagResource",
        "TagResource",
    ]


def test_a_token_replayed_for_a_deleted_list_leads_to_the_next_token(mock_emulator, api):
    client = mock_emulator.client()
    module = FakeModule(name="marketing", tags={"team": "a"})
    first = ensure_opt_out_list(module, Recording(api))
    client.delete_opt_out_list(OptOutListName="marketing")
    recording = Recording(api)
    second = ensure_opt_out_list(module, recording)
    assert recording.operations.count("CreateOptOutList") == 2
    assert second["opt_out_list"]["created_timestamp"] != first["opt_out_list"]["created_timestamp"]
    assert client.describe_opt_out_lists(OptOutListNames=["marketing"])["OptOutLists"]


def test_info_reads_every_page(mock_emulator, api, monkeypatch):
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    client = mock_emulator.client()
    for name in ("a", "b", "c", "d"):
        client.create_opt_out_list(OptOutListName=name)
    recording = Recording(api)
    found = find_opt_out_lists(dict(include_tags=False), reader.Reader(recording))
    assert [item["opt_out_list_name"] for item in found] == ["Default", "a", "b", "c", "d"]
    assert recording.operations == ["DescribeOptOutLists"] * 3
