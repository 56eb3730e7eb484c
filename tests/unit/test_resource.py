"""The converge engine's resource descriptions: one edit teaches the planner, shaper and argument spec.

A test resource (a "widget") is described here the way ``kinds/``
describes the real ones; adding one ``Field`` to it must be the only change
needed for the argument spec, the planner and the shaper to know the new
setting. The real descriptions are checked against botocore's service model,
and every module's RETURN against the keys the shaper returns.
"""

from __future__ import annotations

import dataclasses
import importlib
import pathlib
import re

import botocore.session
import pytest
import yaml

from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine import resource as engine
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.converge import finish
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.paging import Pager, api_filters
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.plan import (
    MEMBERS_AFTER,
    MEMBERS_BEFORE,
    Rules,
    Step,
    plan_create,
    plan_delete,
    plan_update,
    step_options,
    without_step,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.engine.resource import (
    Field,
    Resource,
    filters_on,
)
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.errors import SmsVoiceError
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.info import shaped_matches
from ansible_collections.pinpoint.sms_voice.plugins.module_utils._sms_voice.resources import RESOURCES

SERVICE = "pinpoint-sms-voice-v2"

WIDGET = Resource(
    kind="widget",
    result_key="widget",
    id_key="widget_id",
    id_member="WidgetId",
    arn_key="widget_arn",
    arn_member="WidgetArn",
    arn_type="widget",
    fields=(
        Field("widget_arn", "WidgetArn", option=False),
        Field("widget_id", "WidgetId", option=False),
        Field("size", "Size", create=True, immutable=True, required_to_create=True, choices=("S", "L")),
        Field("loud", "Loud", update=True, default=False, kind="bool"),
        Field("deletion_protection_enabled", "DeletionProtectionEnabled", create=True, update=True, kind="bool"),
        Field("created_timestamp", "CreatedTimestamp", option=False, kind="time"),
    ),
    describe="DescribeWidgets",
    describe_ids="WidgetIds",
    describe_list="Widgets",
    max_ids=5,
    create="CreateWidget",
    update="UpdateWidget",
    delete="DeleteWidget",
    rules=Rules(),  # a plain resource
)
COLOR = Field("color", "Color", create=True, update=True, default="blue", choices=("blue", "red"))
WIDGET_WITH_COLOR = dataclasses.replace(WIDGET, fields=WIDGET.fields + (COLOR,), _by_key={})


def widget(resource, **overrides):
    item = dict.fromkeys(resource.result_keys)
    item.update(widget_arn="arn:aws:x:us-east-1:123456789012:widget/w-1", widget_id="w-1", size="S", tags={})
    item.update(loud=False, deletion_protection_enabled=False, created_timestamp="2026-11-27T00:00:00+00:00")
    item.update(overrides)
    return item


def desired(resource, **params):
    return engine.desired_from_params(resource, dict(params), ("name",))


def test_a_new_field_reaches_the_argument_spec_the_planner_and_the_shaper_from_one_edit():
    assert "color" not in engine.option_specs(WIDGET)
    assert engine.option_specs(WIDGET_WITH_COLOR)["color"] == dict(type="str", choices=["blue", "red"])

    shaped = engine.shape(WIDGET_WITH_COLOR, {"WidgetId": "w-1", "Color": "red", "Size": "L"}, tags={})
    assert shaped["color"] == "red" and "color" in WIDGET_WITH_COLOR.result_keys
    assert "color" not in engine.shape(WIDGET, {"WidgetId": "w-1", "Color": "red"}, tags={})

    plan = plan_update(
        WIDGET_WITH_COLOR, widget(WIDGET_WITH_COLOR, color="blue"), desired(WIDGET_WITH_COLOR, color="red")
    )
    assert plan.operations == ["UpdateWidget"]
    assert plan.steps[0].params == {"WidgetId": "w-1", "Color": "red"}
    assert plan.after["color"] == "red"
    assert step_options(plan.steps[0], WIDGET_WITH_COLOR)["options"] == {"color": "red"}
    assert without_step(plan.after, plan.steps[0], plan.before, WIDGET_WITH_COLOR)["color"] == "blue"
    # The resource without the field ignores the option altogether.
    assert plan_update(WIDGET, widget(WIDGET), desired(WIDGET, color="red")).operations == []

    created = plan_create(WIDGET_WITH_COLOR, desired(WIDGET_WITH_COLOR, size="S", color="red", name="w"))
    assert created.steps[0].params["Color"] == "red"
    assert created.after["color"] == "red"
    # Its default is the prediction of a new widget that does not set it.
    assert plan_create(WIDGET_WITH_COLOR, desired(WIDGET_WITH_COLOR, size="S")).after["color"] == "blue"


def test_immutable_fields_fail_listing_the_difference_and_required_ones_name_the_option():
    with pytest.raises(SmsVoiceError) as err:
        plan_update(WIDGET, widget(WIDGET), desired(WIDGET, size="L"))
    assert "size: S -> L" in err.value.msg and "nothing was changed" in err.value.msg
    with pytest.raises(SmsVoiceError) as err:
        plan_create(WIDGET, desired(WIDGET, name="w"))
    assert err.value.msg.endswith("set size")


def test_unset_options_are_never_touched_and_equal_values_make_no_call():
    assert plan_update(WIDGET, widget(WIDGET, loud=True), desired(WIDGET)).steps == []
    assert plan_update(WIDGET, widget(WIDGET, loud=True), desired(WIDGET, loud=True)).steps == []


def test_deletion_protection_blocks_delete_unless_the_task_turns_it_off():
    protected = widget(WIDGET, deletion_protection_enabled=True)
    with pytest.raises(SmsVoiceError, match="deletion_protection_enabled: false"):
        plan_delete(WIDGET, protected, desired(WIDGET, state="absent"))
    plan = plan_delete(WIDGET, protected, desired(WIDGET, state="absent", deletion_protection_enabled=False))
    assert plan.operations == ["UpdateWidget", "DeleteWidget"]
    assert plan_delete(WIDGET, None, desired(WIDGET, state="absent")).operations == []


def test_desired_state_is_typed_and_holds_only_the_resources_settings():
    wish = desired(WIDGET, name="w", loud=True, state="present", wait=True, tags={"a": "1"}, purge_tags=False)
    assert dict(wish.settings) == {"loud": True}
    assert wish.lookup == engine.Lookup("name", "w")
    assert wish.tags.wanted() == {"a": "1", "Name": "w"} and wish.tags.purge is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        wish.state = "absent"  # type: ignore[misc]


def model():
    return botocore.session.get_session().get_service_model(SERVICE)


@pytest.mark.parametrize(
    "resource, field", [(r, f) for r in RESOURCES for f in r.fields if f.enum], ids=lambda v: getattr(v, "key", None)
)
def test_choices_are_the_values_of_the_botocore_enum(resource, field):
    assert set(field.choices) == set(model().shape_for(field.enum).enum), "{0}.{1}".format(resource.kind, field.key)


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.kind)
def test_every_read_member_is_in_the_service_models_shape(resource):
    shape = model().operation_model(resource.describe).output_shape.members[resource.describe_list].member
    read = {f.member for f in resource.fields if f.member is not None}
    assert read == set(shape.members)
    assert (
        resource.max_ids
        == model().operation_model(resource.describe).input_shape.members[resource.describe_ids].metadata["max"]
    )


# (module, path to the resource in RETURN, resource)
RETURNS = [
    ("phone_number", ("phone_number",), "phone number"),
    ("phone_number_info", ("phone_numbers",), "phone number"),
    ("pool", ("pool",), "pool"),
    ("pool_info", ("pools",), "pool"),
    ("opt_out_list", ("opt_out_list",), "opt-out list"),
    ("opt_out_list_info", ("opt_out_lists",), "opt-out list"),
    ("sender_id", ("sender_id",), "sender ID"),
    ("sender_id_info", ("sender_ids",), "sender ID"),
]


def returned_keys(module, path):
    doc = yaml.safe_load(
        importlib.import_module("ansible_collections.pinpoint.sms_voice.plugins.modules." + module).RETURN
    )
    node = {"contains": doc}
    for key in path:
        node = node["contains"][key]
    return set(node["contains"])


@pytest.mark.parametrize("module, path, kind", RETURNS)
def test_each_modules_return_lists_exactly_the_shaped_keys(module, path, kind):
    resource = next(r for r in RESOURCES if r.kind == kind)
    assert returned_keys(module, path) == set(resource.result_keys)


def test_filters_take_the_values_of_the_fields_they_select_on():
    pool = next(r for r in RESOURCES if r.kind == "pool")
    number = next(r for r in RESOURCES if r.kind == "phone number")
    pool_filters = engine.filter_values(pool)
    assert pool_filters["status"] == pool.field("status").choices == ("CREATING", "ACTIVE", "DELETING")
    assert pool_filters["shared-routes-enabled"] == ("true", "false")
    assert pool_filters["opt-out-list-name"] is None
    # A filter named otherwise than its field says which field it selects on.
    assert engine.filter_values(number)["number-capability"] == number.field("number_capabilities").choices


@pytest.mark.parametrize(
    "kind, shape_name",
    [("phone number", "PhoneNumberFilterName"), ("pool", "PoolFilterName"), ("sender ID", "SenderIdFilterName")],
)
def test_each_resource_filters_are_the_service_models(kind, shape_name):
    resource = next(r for r in RESOURCES if r.kind == kind)
    model = botocore.session.get_session().get_service_model(SERVICE)
    assert [name for name, _key in resource.filters] == model.shape_for(shape_name).enum


class GadgetRules(Rules):
    """A resource with parts: the hooks a description declares, none of them in the engine."""

    def changing(self, resource, current, desired, changes, after, context):
        steps = super().changing(resource, current, desired, changes, after, context)
        if desired.members is None or desired.members.items is None:
            return steps
        have = list(current.get("parts") or [])
        wanted = list(desired.members.items)
        removing = [p for p in have if p not in wanted] if desired.members.purge else []
        adding = [p for p in wanted if p not in have]
        key = resource.key_params(current)
        for part, joins in [(p, False) for p in removing] + [(p, True) for p in adding]:
            steps.append(
                Step(
                    "AttachPart" if joins else "DetachPart",
                    dict(key, Part=part),
                    changes={"part": part, "member": joins},
                    undo={"parts": have},
                    phase=MEMBERS_AFTER if joins else MEMBERS_BEFORE,
                )
            )
        after["parts"] = [p for p in have if p not in removing] + adding
        return steps


# Named by its ID and its country together (as a sender ID is), with a list of parts.
GADGET = Resource(
    kind="gadget",
    result_key="gadget",
    id_key="gadget_id",
    id_member="GadgetId",
    arn_key="gadget_arn",
    arn_member="GadgetArn",
    arn_type="gadget",
    fields=(
        Field("gadget_arn", "GadgetArn", option=False),
        Field("gadget_id", "GadgetId", option=False),
        Field("country", "Country", create=True, immutable=True, required_to_create=True),
        Field("loud", "Loud", update=True, default=False, kind="bool"),
    ),
    describe="DescribeGadgets",
    describe_ids="GadgetIds",
    describe_list="Gadgets",
    max_ids=5,
    create="CreateGadget",
    update="UpdateGadget",
    delete="DeleteGadget",
    extra_keys=("tags", "parts"),
    members_option="parts",
    key_members=("GadgetId", "Country"),
    filters=filters_on("country"),
    rules=GadgetRules(),
)
GADGET_ARN = "arn:aws:x:us-east-1:123456789012:gadget/g-1"


class GadgetApi:
    """Answers the gadget's calls from two gadgets of one ID in two countries, recording them."""

    def __init__(self):
        self.calls = []
        self.gadgets = [
            {"GadgetArn": GADGET_ARN, "GadgetId": "g-1", "Country": "FR", "Loud": False},
            {"GadgetArn": GADGET_ARN + "-de", "GadgetId": "g-1", "Country": "DE", "Loud": True},
        ]

    def call(self, operation, **params):
        self.calls.append((operation, params))
        if operation == "DescribeGadgets" and "GadgetIds" in params:
            named = [(n["GadgetId"], n["Country"]) for n in params["GadgetIds"]]
            return {"Gadgets": [g for g in self.gadgets if (g["GadgetId"], g["Country"]) in named]}
        if operation == "DescribeGadgets":
            wanted = {f["Name"]: f["Values"] for f in params.get("Filters", [])}
            return {"Gadgets": [g for g in self.gadgets if g["Country"] in wanted.get("country", [g["Country"]])]}
        if operation == "UpdateGadget":
            gadget = next(
                g for g in self.gadgets if (g["GadgetId"], g["Country"]) == (params["GadgetId"], params["Country"])
            )
            gadget["Loud"] = params["Loud"]
            return dict(gadget)
        return {}


class TaskModule:
    def __init__(self, check_mode):
        self.check_mode = check_mode
        self._diff = True
        self.params = {}


def converge_gadget(api, check_mode, **task):
    """read -> plan -> apply (or predict) -> shape, for the FR gadget g-1, through the engine alone."""
    reader = Pager(api)
    item = next(
        i for i in reader.describe_all(api_filters({"country": "FR"}), resource=GADGET) if i["GadgetId"] == "g-1"
    )
    current = engine.shape(GADGET, item, tags={}, parts=["p1", "p2"])
    wish = engine.desired_from_params(GADGET, dict(task, gadget_id="g-1"), ("gadget_id",))
    plan = plan_update(GADGET, current, wish)
    return plan, finish(TaskModule(check_mode), api, reader, plan, wish)


def test_a_resource_with_a_two_part_identity_and_members_converges_with_no_engine_edit():
    task = dict(loud=True, parts=["p3", "p1"], purge_parts=True, tags={"team": "ops"})
    predicted_api = GadgetApi()
    plan, predicted = converge_gadget(predicted_api, check_mode=True, **task)
    assert [op for op, _params in predicted_api.calls] == ["DescribeGadgets"]
    # Members leave before the settings change and join after; the update names the gadget by both parts.
    assert plan.operations == ["DetachPart", "UpdateGadget", "AttachPart", "TagResource"]
    assert plan.steps[1].params == {"GadgetId": "g-1", "Country": "FR", "Loud": True}
    assert plan.steps[0].params == {"GadgetId": "g-1", "Country": "FR", "Part": "p2"}
    assert [step_options(s)["options"] for s in plan.steps[:3]] == [
        {"part": "p2", "member": False},
        {"loud": True},
        {"part": "p3", "member": True},
    ]

    api = GadgetApi()
    _plan, applied = converge_gadget(api, check_mode=False, **task)
    writes = [(op, params) for op, params in api.calls if op != "DescribeGadgets"]
    assert writes == [(s.operation, s.params) for s in plan.steps]
    assert applied["changed"] is predicted["changed"] is True
    assert applied["gadget"] == predicted["gadget"]
    assert applied["gadget"]["loud"] is True and applied["gadget"]["parts"] == ["p1", "p3"]
    assert applied["gadget"]["country"] == "FR" and applied["gadget"]["tags"] == {"team": "ops"}
    assert applied["diff"]["before"]["parts"] == ["p1", "p2"]
    # The DE gadget of the same ID is untouched.
    assert api.gadgets[1]["Loud"] is True
    # What a step leaves undone goes back, by its own undo.
    assert without_step(plan.after, plan.steps[2])["parts"] == ["p1", "p2"]

    done = engine.shape(GADGET, api.gadgets[0], tags={"team": "ops"}, parts=["p1", "p3"])
    again = plan_update(GADGET, done, engine.desired_from_params(GADGET, dict(task, gadget_id="g-1"), ("gadget_id",)))
    assert again.steps == []
    deleting = plan_delete(GADGET, done, engine.desired_from_params(GADGET, dict(state="absent"), ("gadget_id",)))
    assert deleting.steps[-1].params == {"GadgetId": "g-1", "Country": "FR"}


def test_a_two_part_identity_is_looked_up_and_listed_by_both_parts():
    api = GadgetApi()
    reader = Pager(api)
    # A task's entry (option keys), an API item or the API's own members name the same gadget.
    found = [
        reader.one(GADGET, {"gadget_id": "g-1", "country": "DE"}),
        reader.one(GADGET, {"GadgetId": "g-1", "Country": "FR"}),
    ]
    assert [(g or {}).get("Loud") for g in found] == [True, False]
    assert api.calls[0] == ("DescribeGadgets", {"GadgetIds": [{"GadgetId": "g-1", "Country": "DE"}]})
    api.calls.clear()
    entries = [{"gadget_id": "g-1", "country": c} for c in ("DE", "FR", "DE")]
    listed, _items = shaped_matches(dict(gadgets=entries, include_tags=False), reader, GADGET, "gadgets")
    # Asked for twice, listed once; one call for both.
    assert [g["country"] for g in listed] == ["FR", "DE"]
    assert api.calls == [
        ("DescribeGadgets", {"GadgetIds": [{"GadgetId": "g-1", "Country": "DE"}, {"GadgetId": "g-1", "Country": "FR"}]})
    ]
    assert engine.unique_identities(GADGET, entries) == [
        {"GadgetId": "g-1", "Country": "DE"},
        {"GadgetId": "g-1", "Country": "FR"},
    ]


def test_the_engine_names_no_operation_and_no_resource():
    """``engine/`` is written once for every resource: it names no resource and no operation of one."""
    model = botocore.session.get_session().get_service_model("pinpoint-sms-voice-v2")
    folder = pathlib.Path(engine.__file__).parent
    source = {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.py"))}
    # The Tagging operations are every resource's, so the engine plans them; no other operation is named.
    shared = {"TagResource", "UntagResource", "ListTagsForResource"}
    words = set(model.operation_names) - shared | {"PhoneNumber", "Pool", "OptOutList", "SenderId", "Registration"}
    found = sorted(
        (name, word) for name, text in source.items() for word in words if re.search(r"\b{0}".format(word), text)
    )
    assert len(source) >= 5 and found == []
