"""UpdatePool through boto3, in-process and over HTTP.

The pool module changes a pool's settings with UpdatePool; the settings the
members share (opt-out list, two-way, self-managed opt-outs) must stay shared,
and deletion protection must guard DeletePool as it guards ReleasePhoneNumber.
"""

from __future__ import annotations

from .helpers import IAM_ROLE, SNS_TOPIC, raises, request, settle

CONNECT = "connect.us-east-1.amazonaws.com"


def _pool(api, client):
    founder = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=founder, MessageType="TRANSACTIONAL")
    settle(api)
    return founder, pool


def _describe_pool(client, pool_id):
    return client.describe_pools(PoolIds=[pool_id])["Pools"][0]


def test_update_pool_sets_every_setting_and_returns_the_pool(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="pool-list")
    _founder, pool = _pool(api, client)
    updated = client.update_pool(
        PoolId=pool["PoolArn"],
        TwoWayEnabled=True,
        TwoWayChannelArn=SNS_TOPIC,
        TwoWayChannelRole=IAM_ROLE,
        SelfManagedOptOutsEnabled=True,
        OptOutListName="arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/pool-list",
        SharedRoutesEnabled=True,
        DeletionProtectionEnabled=True,
    )
    expected = {
        "PoolId": pool["PoolId"],
        "PoolArn": pool["PoolArn"],
        "Status": "ACTIVE",
        "MessageType": "TRANSACTIONAL",
        "TwoWayEnabled": True,
        "TwoWayChannelArn": SNS_TOPIC,
        "TwoWayChannelRole": IAM_ROLE,
        "SelfManagedOptOutsEnabled": True,
        "OptOutListName": "pool-list",
        "SharedRoutesEnabled": True,
        "DeletionProtectionEnabled": True,
    }
    assert {key: updated[key] for key in expected} == expected
    described = _describe_pool(client, pool["PoolId"])
    assert {key: described[key] for key in expected} == expected
    for name in ("shared-routes-enabled", "deletion-protection-enabled", "two-way-enabled"):
        found = client.describe_pools(Filters=[{"Name": name, "Values": ["true"]}])["Pools"]
        assert [p["PoolId"] for p in found] == [pool["PoolId"]], name


def test_update_pool_changes_only_the_members_given(api):
    client = api.client()
    _founder, pool = _pool(api, client)
    client.update_pool(PoolId=pool["PoolId"], TwoWayEnabled=True, TwoWayChannelArn=CONNECT, SharedRoutesEnabled=True)
    client.update_pool(PoolId=pool["PoolId"], DeletionProtectionEnabled=True)
    described = _describe_pool(client, pool["PoolId"])
    assert described["TwoWayEnabled"] is True
    assert described["TwoWayChannelArn"] == CONNECT
    assert described["SharedRoutesEnabled"] is True
    assert described["DeletionProtectionEnabled"] is True
    assert described["OptOutListName"] == "Default"
    # The channel already set satisfies TwoWayEnabled on a later call.
    client.update_pool(PoolId=pool["PoolId"], TwoWayEnabled=False)
    client.update_pool(PoolId=pool["PoolId"], TwoWayEnabled=True)
    assert _describe_pool(client, pool["PoolId"])["TwoWayChannelArn"] == CONNECT


def test_update_pool_settings_reach_every_member_but_not_deletion_protection(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="members")
    founder, pool = _pool(api, client)
    second = request(client)["PhoneNumberId"]
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=second)
    settle(api)
    outsider = request(client)["PhoneNumberId"]
    client.update_pool(
        PoolId=pool["PoolId"],
        OptOutListName="members",
        TwoWayEnabled=True,
        TwoWayChannelArn=SNS_TOPIC,
        TwoWayChannelRole=IAM_ROLE,
        SelfManagedOptOutsEnabled=True,
        SharedRoutesEnabled=True,
        DeletionProtectionEnabled=True,
    )
    numbers = {
        n["PhoneNumberId"]: n
        for n in client.describe_phone_numbers(PhoneNumberIds=[founder, second, outsider])["PhoneNumbers"]
    }
    for member in (founder, second):
        assert numbers[member]["OptOutListName"] == "members"
        assert numbers[member]["TwoWayEnabled"] is True
        assert numbers[member]["TwoWayChannelArn"] == SNS_TOPIC
        assert numbers[member]["TwoWayChannelRole"] == IAM_ROLE
        assert numbers[member]["SelfManagedOptOutsEnabled"] is True
        assert numbers[member]["DeletionProtectionEnabled"] is False
    assert numbers[outsider]["OptOutListName"] == "Default"
    assert numbers[outsider]["TwoWayEnabled"] is False
    # A member that leaves keeps the pool's settings, so it can join again; an outsider no longer matches.
    client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=second)
    settle(api)
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=second)
    settle(api)
    with raises("ConflictException", Reason="OPT_OUT_LIST_MISMATCH", ResourceId=outsider):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=outsider)
    joined = request(client, PoolId=pool["PoolId"])
    assert joined["OptOutListName"] == "members"
    assert joined["TwoWayChannelArn"] == SNS_TOPIC
    assert joined["SelfManagedOptOutsEnabled"] is True


def test_update_pool_refuses_bad_input_and_changes_nothing(api):
    client = api.client()
    founder, pool = _pool(api, client)
    pool_id = pool["PoolId"]
    before = _describe_pool(client, pool_id)
    member_before = client.describe_phone_numbers(PhoneNumberIds=[founder])["PhoneNumbers"][0]
    with raises("ResourceNotFoundException", ResourceType="opt-out-list", ResourceId="missing"):
        client.update_pool(PoolId=pool_id, OptOutListName="missing", SharedRoutesEnabled=True)
    with raises("ValidationException", Reason="TWO_WAY_CHANNEL_NOT_PRESENT"):
        client.update_pool(PoolId=pool_id, TwoWayEnabled=True, DeletionProtectionEnabled=True)
    with raises("ValidationException", Reason="INVALID_PARAMETER") as caught:
        client.update_pool(PoolId=pool_id, TwoWayEnabled=True, TwoWayChannelArn="arn:aws:sqs:us-east-1:1:queue")
    assert caught.value.response["Fields"][0]["Name"] == "TwoWayChannelArn"
    with raises("ValidationException", Reason="INVALID_ARN") as caught:
        client.update_pool(PoolId=pool_id, TwoWayChannelArn=SNS_TOPIC, TwoWayChannelRole="arn:aws:iam::1:user/x")
    assert caught.value.response["Fields"][0]["Name"] == "TwoWayChannelRole"
    with raises("ResourceNotFoundException", ResourceType="pool", ResourceId="pool-" + "0" * 32):
        client.update_pool(PoolId="pool-" + "0" * 32, SharedRoutesEnabled=True)
    assert _describe_pool(client, pool_id) == before
    assert client.describe_phone_numbers(PhoneNumberIds=[founder])["PhoneNumbers"][0] == member_before


def test_deletion_protection_set_by_update_pool_guards_delete_pool(api):
    client = api.client()
    _founder, pool = _pool(api, client)
    client.update_pool(PoolId=pool["PoolId"], DeletionProtectionEnabled=True)
    with raises(
        "ConflictException", Reason="DELETION_PROTECTION_ENABLED", ResourceType="pool", ResourceId=pool["PoolId"]
    ):
        client.delete_pool(PoolId=pool["PoolId"])
        settle(api)
    assert _describe_pool(client, pool["PoolId"])["PoolId"] == pool["PoolId"]
    client.update_pool(PoolId=pool["PoolId"], DeletionProtectionEnabled=False)
    assert client.delete_pool(PoolId=pool["PoolId"])["Status"] == "DELETING"


def test_opt_out_list_a_pool_uses_cannot_be_deleted_and_the_error_names_the_pool(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="pool-only")
    founder, pool = _pool(api, client)
    client.update_pool(PoolId=pool["PoolId"], OptOutListName="pool-only")
    with raises(
        "ConflictException", Reason="RESOURCE_DELETION_NOT_ALLOWED", ResourceType="opt-out-list", ResourceId="pool-only"
    ) as caught:
        client.delete_opt_out_list(OptOutListName="pool-only")
    message = caught.value.response["Error"]["Message"]
    assert pool["PoolId"] in message
    assert founder in message
    client.update_pool(PoolId=pool["PoolId"], OptOutListName="Default")
    assert client.delete_opt_out_list(OptOutListName="pool-only")["OptOutListName"] == "pool-only"


def test_update_pool_with_a_role_still_propagating_is_refused_and_changes_nothing(api):
    client = api.client()
    founder, pool = _pool(api, client)
    api.fault("UpdatePool", "not_accessible")
    change = {"TwoWayEnabled": True, "TwoWayChannelArn": SNS_TOPIC, "TwoWayChannelRole": IAM_ROLE}
    with raises("ValidationException", Reason="RESOURCE_NOT_ACCESSIBLE") as caught:
        client.update_pool(PoolId=pool["PoolId"], **change)
    assert caught.value.response["Fields"][0]["Name"] == "TwoWayChannelRole"
    assert _describe_pool(client, pool["PoolId"])["TwoWayEnabled"] is False
    assert client.describe_phone_numbers(PhoneNumberIds=[founder])["PhoneNumbers"][0]["TwoWayEnabled"] is False
    assert client.update_pool(PoolId=pool["PoolId"], **change)["TwoWayChannelRole"] == IAM_ROLE


def test_back_to_back_update_pool_calls_are_throttled_and_the_throttled_one_changes_nothing(api):
    client = api.client(retries={"mode": "standard", "total_max_attempts": 1})
    _founder, pool = _pool(api, client)
    api.config(quota_scale=0.01)
    client.update_pool(PoolId=pool["PoolId"], SharedRoutesEnabled=True)
    with raises("ThrottlingException"):
        client.update_pool(PoolId=pool["PoolId"], DeletionProtectionEnabled=True)
    api.config(quotas=False)
    described = _describe_pool(client, pool["PoolId"])
    assert (described["SharedRoutesEnabled"], described["DeletionProtectionEnabled"]) == (True, False)
