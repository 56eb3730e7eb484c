"""Every raw response body the emulator sends must conform to botocore's service model.

botocore's parser is lenient: it drops unknown members and never checks
required ones, so a client test can pass on a response AWS would never send.
This test reads the raw JSON off the wire (botocore's ``after-call`` event) for
every operation the collection relies on, errors included, and checks it
member by member against the operation's output or error shape.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .helpers import SETTLED_SECONDS, SIMULATOR, TOLL_FREE


def conform(shape: Any, value: Any, path: str, problems: list[str]) -> None:
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object, got {value!r}")
            return
        for name in value:
            if name not in shape.members and name != "__type":
                problems.append(f"{path}.{name}: not a member of {shape.name}")
        for name in shape.required_members:
            if name not in value:
                problems.append(f"{path}.{name}: required by {shape.name} but missing")
        for name, member in shape.members.items():
            if name in value:
                conform(member, value[name], f"{path}.{name}", problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list")
            return
        for i, item in enumerate(value):
            conform(shape.member, item, f"{path}[{i}]", problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a map")
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string, got {value!r}")
        elif shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.name}'s values")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean, got {value!r}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected an integer, got {value!r}")
    elif kind == "timestamp":
        # JSON 1.0 sends timestamps as epoch seconds.
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected epoch seconds, got {value!r}")


class Recorder:
    """Keeps (operation, status, raw body) of every response a client receives."""

    def __init__(self, client: Any) -> None:
        self.seen: list[tuple[str, int, dict[str, Any]]] = []
        client.meta.events.register("after-call.pinpoint-sms-voice-v2", self.after_call)

    def after_call(self, http_response: Any, model: Any, **_kwargs: Any) -> None:
        body = json.loads(http_response.content or b"{}")
        self.seen.append((model.name, http_response.status_code, body))


def exercise(client: Any, emulator: Any) -> None:
    """One call of every operation the collection and its tests use, and some errors."""
    number = client.request_phone_number(Tags=[{"Key": "Name", "Value": "c"}], ClientToken="conformance-1", **SIMULATOR)
    client.request_phone_number(Tags=[{"Key": "Name", "Value": "c"}], ClientToken="conformance-1", **SIMULATOR)
    number_id, arn = number["PhoneNumberId"], number["PhoneNumberArn"]
    other = client.request_phone_number(**SIMULATOR)["PhoneNumberId"]
    client.describe_phone_numbers(PhoneNumberIds=[number_id])
    client.list_available_phone_numbers(IsoCountryCode="US", NumberCapabilities=["SMS"], NumberType="TEN_DLC")
    client.list_available_phone_numbers(
        IsoCountryCode="US",
        NumberCapabilities=["SMS"],
        NumberType="TEN_DLC",
        NumberPreference=[{"PreferenceType": ["ExactMatch"], "Filter": ["+12065550142"]}],
    )
    client.describe_phone_numbers(Filters=[{"Name": "status", "Values": ["ACTIVE"]}], MaxResults=1)
    client.create_opt_out_list(OptOutListName="conformance", Tags=[{"Key": "k", "Value": "v"}])
    client.describe_opt_out_lists()
    client.update_phone_number(PhoneNumberId=number_id, OptOutListName="conformance", DeletionProtectionEnabled=True)
    client.update_phone_number(PhoneNumberId=number_id, OptOutListName="Default", DeletionProtectionEnabled=False)
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "ops"}])
    client.untag_resource(ResourceArn=arn, TagKeys=["team"])
    client.list_tags_for_resource(ResourceArn=arn)
    pool = client.create_pool(OriginationIdentity=other, IsoCountryCode="US", MessageType="TRANSACTIONAL")["PoolId"]
    emulator.advance_clock(SETTLED_SECONDS)  # pools CREATING, numbers joining or leaving
    client.describe_pools(PoolIds=[pool])
    client.update_pool(PoolId=pool, SharedRoutesEnabled=True, DeletionProtectionEnabled=False)
    client.associate_origination_identity(PoolId=pool, OriginationIdentity=number_id)
    client.list_pool_origination_identities(PoolId=pool)
    client.disassociate_origination_identity(PoolId=pool, OriginationIdentity=number_id)
    emulator.advance_clock(SETTLED_SECONDS)  # pools CREATING, numbers joining or leaving
    client.put_keyword(OriginationIdentity=number_id, Keyword="JOIN", KeywordMessage="hi", KeywordAction="OPT_IN")
    client.describe_keywords(OriginationIdentity=number_id)
    client.delete_keyword(OriginationIdentity=number_id, Keyword="JOIN")
    client.delete_opt_out_list(OptOutListName="conformance")
    for call in (
        lambda: client.describe_phone_numbers(PhoneNumberIds=["phone-" + "0" * 32]),
        lambda: client.describe_phone_numbers(Filters=[{"Name": "status", "Values": ["NOPE"]}]),
        lambda: client.update_phone_number(PhoneNumberId=number_id, TwoWayEnabled=True),
        lambda: client.disassociate_origination_identity(PoolId=pool, OriginationIdentity=other),
        lambda: client.delete_keyword(OriginationIdentity=number_id, Keyword="STOP"),
    ):
        with pytest.raises(ClientError):
            call()
    client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=True)
    with pytest.raises(ClientError):
        client.release_phone_number(PhoneNumberId=number_id)
    client.update_phone_number(PhoneNumberId=number_id, DeletionProtectionEnabled=False)
    client.release_phone_number(PhoneNumberId=number_id)
    client.delete_pool(PoolId=pool)
    emulator.advance_clock(SETTLED_SECONDS)  # pools CREATING, numbers joining or leaving
    registration = emulator.seed_registrations(
        {"RegistrationType": "US_TOLL_FREE_REGISTRATION", "RegistrationStatus": "REVIEWING"},
        {"RegistrationType": "US_TOLL_FREE_REGISTRATION", "RegistrationStatus": "COMPLETE"},
    )[0]
    client.describe_registrations()
    client.describe_registrations(RegistrationIds=[registration], MaxResults=1)
    registered = client.request_phone_number(RegistrationId=registration, **TOLL_FREE)["PhoneNumberId"]
    member = client.request_phone_number(**SIMULATOR)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=other, MessageType="TRANSACTIONAL")["PoolId"]
    emulator.advance_clock(SETTLED_SECONDS)  # pools CREATING, numbers joining or leaving
    client.associate_origination_identity(PoolId=pool, OriginationIdentity=member)
    emulator.fault("UpdatePhoneNumber", "not_accessible")
    emulator.config(pending_seconds={"TOLL_FREE": 0})
    toll_free = client.request_phone_number(
        IsoCountryCode="US", MessageType="PROMOTIONAL", NumberCapabilities=["SMS"], NumberType="TOLL_FREE"
    )["PhoneNumberId"]
    emulator.seed_opted_out_numbers(["+447700900001"])
    client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
    client.describe_opted_out_numbers(OptOutListName="Default", MaxResults=1)
    client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
    policy = '{"Version": "2012-10-17", "Statement": []}'
    member_arn = f"arn:aws:sms-voice:us-east-1:123456789012:phone-number/{member}"
    client.put_resource_policy(ResourceArn=member_arn, Policy=policy)
    client.get_resource_policy(ResourceArn=member_arn)
    client.delete_resource_policy(ResourceArn=member_arn)
    sender = client.request_sender_id(SenderId="CONFORM", IsoCountryCode="GB", Tags=[{"Key": "k", "Value": "v"}])
    client.describe_sender_ids(SenderIds=[{"SenderId": "CONFORM", "IsoCountryCode": "GB"}])
    client.update_sender_id(SenderId=sender["SenderIdArn"], IsoCountryCode="GB", DeletionProtectionEnabled=False)
    client.associate_origination_identity(PoolId=pool, OriginationIdentity="CONFORM", IsoCountryCode="GB")
    emulator.advance_clock(SETTLED_SECONDS)
    client.list_pool_origination_identities(PoolId=pool)
    client.disassociate_origination_identity(PoolId=pool, OriginationIdentity="CONFORM", IsoCountryCode="GB")
    client.release_sender_id(SenderId="CONFORM", IsoCountryCode="GB")
    for call in (
        lambda: client.request_sender_id(SenderId="CONFORM", IsoCountryCode="US"),
        lambda: client.get_resource_policy(ResourceArn=member_arn),
        lambda: client.put_resource_policy(ResourceArn=member_arn, Policy="[]"),
        lambda: client.describe_opted_out_numbers(OptOutListName="Default", OptedOutNumbers=["+12065559999"]),
        lambda: (
            client.put_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
            and client.delete_opted_out_number(OptOutListName="Default", OptedOutNumber="+12065550100")
        ),
        lambda: client.release_phone_number(PhoneNumberId=registered),
        lambda: client.describe_registrations(RegistrationIds=["registration-" + "0" * 32]),
        lambda: client.update_phone_number(PhoneNumberId=other, TwoWayChannelRole="arn:aws:iam::123456789012:role/r"),
        lambda: client.update_phone_number(PhoneNumberId=member, DeletionProtectionEnabled=True),
        lambda: client.release_phone_number(PhoneNumberId=member),
        lambda: client.put_keyword(
            OriginationIdentity=toll_free, Keyword="QUIT", KeywordMessage="bye", KeywordAction="OPT_OUT"
        ),
    ):
        with pytest.raises(ClientError):
            call()
    emulator.config(quota_scale=0.01)
    client.describe_keywords(OriginationIdentity=other)
    with pytest.raises(ClientError):
        client.describe_keywords(OriginationIdentity=other)


def test_every_response_conforms_to_the_service_model(emulator):
    client = emulator.client(retries={"mode": "standard", "max_attempts": 1})
    recorder = Recorder(client)
    exercise(client, emulator)
    service = client.meta.service_model
    problems: list[str] = []
    errors = 0
    for operation, status, body in recorder.seen:
        op = service.operation_model(operation)
        if status < 300:
            conform(op.output_shape, body, operation, problems)
            continue
        errors += 1
        code = body.get("__type", "").rsplit("#", 1)[-1]
        shapes = {shape.name: shape for shape in op.error_shapes}
        if code not in shapes:
            problems.append(f"{operation}: error {code!r} is not one the model lists for it")
            continue
        conform(shapes[code], {k: v for k, v in body.items() if k != "__type"}, f"{operation}!{code}", problems)
    assert errors == 18
    assert len({op for op, _status, _body in recorder.seen}) == 32
    codes = {body.get("__type") for _op, status, body in recorder.seen if status >= 300}
    assert {"ThrottlingException", "ValidationException", "ConflictException"} <= codes
    assert problems == []


def test_conformance_check_catches_a_bad_response():
    """The checker itself: a missing required member, a wrong type and an unknown member are found."""
    import botocore.session

    shape = (
        botocore.session.get_session().get_service_model("pinpoint-sms-voice-v2").shape_for("PhoneNumberInformation")
    )
    problems: list[str] = []
    conform(shape, {"PhoneNumberArn": "arn", "Status": "LIVE", "TwoWayEnabled": "no", "Colour": "red"}, "n", problems)
    assert any("Status" in p and "not one of" in p for p in problems)
    assert any("TwoWayEnabled" in p for p in problems)
    assert any("Colour" in p for p in problems)
    assert any("PhoneNumber: required" in p for p in problems)


#: Errors every AWS API may answer, which the models do not list per operation.
COMMON_ERRORS = {"AccessDeniedException"}


def test_every_get_resources_response_conforms_to_the_tagging_api_model(emulator):
    """GetResources answers, errors included, against botocore's ``resourcegroupstaggingapi`` model."""
    client = emulator.client()
    tagging = emulator.tagging_client(retries={"mode": "standard", "max_attempts": 1})
    seen: list[tuple[str, int, dict[str, Any]]] = []

    def after_call(http_response: Any, model: Any, **_kwargs: Any) -> None:
        seen.append((model.name, http_response.status_code, json.loads(http_response.content or b"{}")))

    tagging.meta.events.register("after-call.resource-groups-tagging-api", after_call)
    arns = [
        client.request_phone_number(Tags=[{"Key": "Name", "Value": f"t{i}"}], **SIMULATOR)["PhoneNumberArn"]
        for i in range(3)
    ]
    page = tagging.get_resources(ResourcesPerPage=2, ResourceTypeFilters=["sms-voice:phone-number"])
    tagging.get_resources(
        ResourcesPerPage=2,
        ResourceTypeFilters=["sms-voice:phone-number"],
        **{"PaginationToken": page["PaginationToken"]},
    )
    tagging.get_resources(TagFilters=[{"Key": "Name", "Values": ["t0", "t2"]}])
    tagging.get_resources(ResourceARNList=arns[:1])
    with pytest.raises(ClientError):
        tagging.get_resources(ResourcesPerPage=101)
    with pytest.raises(ClientError):
        tagging.get_resources(PaginationToken="not-a-token")
    emulator.config(tagging_api="denied")
    with pytest.raises(ClientError):
        tagging.get_resources()
    service = tagging.meta.service_model
    problems: list[str] = []
    for operation, status, body in seen:
        op = service.operation_model(operation)
        if status < 300:
            conform(op.output_shape, body, operation, problems)
            continue
        code = body.get("__type", "").rsplit("#", 1)[-1]
        shapes = {shape.name: shape for shape in op.error_shapes}
        if code in COMMON_ERRORS:
            shape_members = {"Message"}
            extra = set(body) - shape_members - {"__type"}
            if extra:
                problems.append(f"{operation}!{code}: unexpected members {sorted(extra)}")
            continue
        if code not in shapes:
            problems.append(f"{operation}: error {code!r} is not one the model lists for it")
            continue
        conform(shapes[code], {k: v for k, v in body.items() if k != "__type"}, f"{operation}!{code}", problems)
    assert [status for _op, status, _body in seen] == [200, 200, 200, 200, 400, 400, 400]
    assert problems == []
