"""Pools, origination identities and opt-out lists through boto3, in-process and over HTTP.

The phone_number module associates, disassociates and releases numbers in
pools and names opt-out lists, so the conflicts those calls can meet (last
number, wrong pool, mismatched settings, deletion protection, lists in use)
must come back with the reasons the service model defines.
"""

from __future__ import annotations

import datetime

import pytest

from .helpers import IAM_ROLE, SNS_TOPIC, TOLL_FREE, raises, request, settle


def _pool(api, client, **extra):
    """A pool of one SIMULATOR number, once the pool is ACTIVE and the number has joined it."""
    number = request(client)
    pool = client.create_pool(OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL", **extra)
    settle(api)
    return number, pool


def test_create_pool_inherits_from_its_number(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="pool-list")
    number = request(client, OptOutListName="pool-list")
    client.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"],
        TwoWayEnabled=True,
        TwoWayChannelArn=SNS_TOPIC,
        SelfManagedOptOutsEnabled=True,
    )
    client.put_keyword(OriginationIdentity=number["PhoneNumberId"], Keyword="INFO", KeywordMessage="Info!")
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberArn"],
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        DeletionProtectionEnabled=True,
        Tags=[{"Key": "Name", "Value": "main"}],
        ClientToken="pool-token",
    )
    assert pool["PoolId"].startswith("pool-") and len(pool["PoolId"]) == 37
    assert pool["PoolArn"] == f"arn:aws:sms-voice:us-east-1:123456789012:pool/{pool['PoolId']}"
    assert pool["Status"] == "CREATING"
    assert pool["OptOutListName"] == "pool-list"
    assert pool["TwoWayEnabled"] is True and pool["TwoWayChannelArn"] == SNS_TOPIC
    assert pool["SelfManagedOptOutsEnabled"] is True
    assert pool["SharedRoutesEnabled"] is False
    assert pool["DeletionProtectionEnabled"] is True
    assert pool["Tags"] == [{"Key": "Name", "Value": "main"}]
    assert isinstance(pool["CreatedTimestamp"], datetime.datetime)
    replay = client.create_pool(
        OriginationIdentity=number["PhoneNumberArn"],
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        DeletionProtectionEnabled=True,
        Tags=[{"Key": "Name", "Value": "main"}],
        ClientToken="pool-token",
    )
    assert replay["PoolId"] == pool["PoolId"]
    assert [p["Status"] for p in client.describe_pools()["Pools"]] == ["CREATING"]
    settle(api)
    assert [p["Status"] for p in client.describe_pools()["Pools"]] == ["ACTIVE"]
    described = client.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])["PhoneNumbers"][0]
    assert described["PoolId"] == pool["PoolId"]
    keywords = client.describe_keywords(OriginationIdentity=pool["PoolId"])["Keywords"]
    assert [k["Keyword"] for k in keywords] == ["STOP", "HELP", "INFO"]


def test_create_pool_errors(api):
    client = api.client()
    number, pool = _pool(api, client)
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL", ResourceId=number["PhoneNumberId"]):
        client.create_pool(OriginationIdentity=number["PhoneNumberId"], MessageType="TRANSACTIONAL")
    other = request(client)["PhoneNumberId"]
    with raises("ConflictException", Reason="MESSAGE_TYPE_MISMATCH", ResourceType="phone-number", ResourceId=other):
        client.create_pool(OriginationIdentity=other, MessageType="PROMOTIONAL")
    with raises("ValidationException", Reason="COUNTRY_CODE_MISMATCH"):
        client.create_pool(OriginationIdentity=other, MessageType="TRANSACTIONAL", IsoCountryCode="CA")
    with raises("ResourceNotFoundException", ResourceType="phone-number", ResourceId="phone-" + "2" * 32):
        client.create_pool(OriginationIdentity="phone-" + "2" * 32, MessageType="TRANSACTIONAL")
    with raises("ResourceNotFoundException", ResourceType="sender-id", ResourceId="MYBRAND"):
        client.create_pool(OriginationIdentity="MYBRAND", MessageType="TRANSACTIONAL")
    api.config(pending_seconds={"TOLL_FREE": 60})
    pending = client.request_phone_number(**TOLL_FREE)["PhoneNumberId"]
    with raises("ConflictException", Reason="RESOURCE_NOT_ACTIVE", ResourceId=pending):
        client.create_pool(OriginationIdentity=pending, MessageType="PROMOTIONAL")
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        api.client(parameter_validation=False).create_pool(OriginationIdentity=other)
    assert [p["PoolId"] for p in client.describe_pools()["Pools"]] == [pool["PoolId"]]


def test_describe_pools(api):
    client = api.client()
    _number, first = _pool(api, client)
    _number, second = _pool(api, client, DeletionProtectionEnabled=True)
    promotional = client.request_phone_number(**{**TOLL_FREE, "NumberType": "TOLL_FREE"})
    api.advance_clock(10 * 86_400)
    third = client.create_pool(OriginationIdentity=promotional["PhoneNumberId"], MessageType="PROMOTIONAL")
    settle(api)
    all_ids = [p["PoolId"] for p in client.describe_pools()["Pools"]]
    assert all_ids == [first["PoolId"], second["PoolId"], third["PoolId"]]
    by_ids = client.describe_pools(PoolIds=[third["PoolArn"], first["PoolId"]])["Pools"]
    assert [p["PoolId"] for p in by_ids] == [first["PoolId"], third["PoolId"]]

    def ids(name, *values):
        return [p["PoolId"] for p in client.describe_pools(Filters=[{"Name": name, "Values": list(values)}])["Pools"]]

    assert ids("message-type", "PROMOTIONAL") == [third["PoolId"]]
    assert ids("deletion-protection-enabled", "true") == [second["PoolId"]]
    assert ids("status", "ACTIVE") == all_ids
    assert ids("status", "DELETING") == []
    assert ids("opt-out-list-name", "Default") == all_ids
    assert ids("shared-routes-enabled", "false") == all_ids
    assert ids("two-way-enabled", "true") == []
    assert ids("self-managed-opt-outs-enabled", "false") == all_ids
    assert ids("two-way-channel-arn", SNS_TOPIC) == []
    with raises("ValidationException", Reason="INVALID_FILTER_VALUES"):
        ids("status", "GONE")
    assert client.describe_pools(Owner="SHARED")["Pools"] == []
    with raises("ValidationException", Reason="PARAMETERS_CANNOT_BE_USED_TOGETHER"):
        client.describe_pools(Owner="SELF", PoolIds=[first["PoolId"]])
    with raises("ResourceNotFoundException", ResourceType="pool", ResourceId="pool-nothere"):
        client.describe_pools(PoolIds=["pool-nothere"])
    page = client.describe_pools(MaxResults=2)
    assert len(page["Pools"]) == 2
    rest = client.describe_pools(MaxResults=2, NextToken=page["NextToken"])
    assert [p["PoolId"] for p in rest["Pools"]] == [third["PoolId"]]
    assert "NextToken" not in rest


def test_associate_and_list_identities(api):
    client = api.client()
    number, pool = _pool(api, client)
    second = request(client)
    response = client.associate_origination_identity(
        PoolId=pool["PoolArn"], OriginationIdentity=second["PhoneNumberArn"], IsoCountryCode="US", ClientToken="assoc"
    )
    assert response["PoolId"] == pool["PoolId"]
    assert response["PoolArn"] == pool["PoolArn"]
    assert response["OriginationIdentity"] == second["PhoneNumberId"]
    assert response["OriginationIdentityArn"] == second["PhoneNumberArn"]
    assert response["IsoCountryCode"] == "US"
    # A retry with the same token is answered again, not refused as already associated.
    again = client.associate_origination_identity(
        PoolId=pool["PoolArn"], OriginationIdentity=second["PhoneNumberArn"], IsoCountryCode="US", ClientToken="assoc"
    )
    assert again == {**response, "ResponseMetadata": again["ResponseMetadata"]}
    settle(api)
    identities = client.list_pool_origination_identities(PoolId=pool["PoolId"])
    assert identities["PoolId"] == pool["PoolId"]
    assert [i["OriginationIdentity"] for i in identities["OriginationIdentities"]] == [
        number["PhoneNumberId"],
        second["PhoneNumberId"],
    ]
    assert identities["OriginationIdentities"][1]["PhoneNumber"] == second["PhoneNumber"]
    assert identities["OriginationIdentities"][1]["NumberCapabilities"] == ["SMS"]

    def capable(capability):
        listed = client.list_pool_origination_identities(
            PoolId=pool["PoolId"], Filters=[{"Name": "number-capability", "Values": [capability]}]
        )["OriginationIdentities"]
        return [i["OriginationIdentity"] for i in listed]

    # Every member has the founder's capabilities (NUMBER_CAPABILITIES_MISMATCH otherwise).
    assert capable("SMS") == [number["PhoneNumberId"], second["PhoneNumberId"]]
    assert capable("VOICE") == []
    assert (
        client.list_pool_origination_identities(
            PoolId=pool["PoolId"], Filters=[{"Name": "iso-country-code", "Values": ["GB"]}]
        )["OriginationIdentities"]
        == []
    )
    with raises("ValidationException", Reason="INVALID_FILTER_VALUES"):
        client.list_pool_origination_identities(
            PoolId=pool["PoolId"], Filters=[{"Name": "number-capability", "Values": ["TELEX"]}]
        )
    first_page = client.list_pool_origination_identities(PoolId=pool["PoolId"], MaxResults=1)
    second_page = client.list_pool_origination_identities(
        PoolId=pool["PoolId"], MaxResults=1, NextToken=first_page["NextToken"]
    )
    assert [i["OriginationIdentity"] for i in second_page["OriginationIdentities"]] == [second["PhoneNumberId"]]
    with raises("ResourceNotFoundException", ResourceType="pool"):
        client.list_pool_origination_identities(PoolId="pool-missing")


def test_associate_conflicts(api):
    client = api.client()
    member, pool = _pool(api, client)
    _number, other_pool = _pool(api, client)
    with raises("ConflictException", Reason="RESOURCE_ALREADY_ASSOCIATED", ResourceId=member["PhoneNumberId"]):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=member["PhoneNumberId"])
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL", ResourceId=member["PhoneNumberId"]):
        client.associate_origination_identity(PoolId=other_pool["PoolId"], OriginationIdentity=member["PhoneNumberId"])
    api.config(pending_seconds={"TOLL_FREE": 0})
    promotional = client.request_phone_number(**TOLL_FREE)["PhoneNumberId"]
    with raises("ConflictException", Reason="MESSAGE_TYPE_MISMATCH", ResourceId=promotional):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=promotional)
    client.create_opt_out_list(OptOutListName="elsewhere")
    listed = request(client, OptOutListName="elsewhere")["PhoneNumberId"]
    with raises("ConflictException", Reason="OPT_OUT_LIST_MISMATCH", ResourceId=listed):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=listed)
    two_way = request(client)["PhoneNumberId"]
    client.update_phone_number(PhoneNumberId=two_way, TwoWayEnabled=True, TwoWayChannelArn=SNS_TOPIC)
    with raises("ConflictException", Reason="TWO_WAY_CONFIG_MISMATCH", ResourceId=two_way):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=two_way)
    # Self-managed opt-outs need two-way: a two-way pool, and a two-way number that manages its opt-outs.
    two_way_pool = client.create_pool(OriginationIdentity=two_way, MessageType="TRANSACTIONAL")["PoolId"]
    settle(api)
    self_managed = request(client)["PhoneNumberId"]
    client.update_phone_number(
        PhoneNumberId=self_managed, TwoWayEnabled=True, TwoWayChannelArn=SNS_TOPIC, SelfManagedOptOutsEnabled=True
    )
    with raises("ConflictException", Reason="SELF_MANAGED_OPT_OUTS_MISMATCH", ResourceId=self_managed):
        client.associate_origination_identity(PoolId=two_way_pool, OriginationIdentity=self_managed)
    plain = request(client)["PhoneNumberId"]
    with raises("ValidationException", Reason="COUNTRY_CODE_MISMATCH"):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=plain, IsoCountryCode="GB")
    with raises("ResourceNotFoundException", ResourceType="pool", ResourceId="pool-unknown"):
        client.associate_origination_identity(PoolId="pool-unknown", OriginationIdentity=plain)
    with raises("ConflictException", Reason="RESOURCE_ALREADY_EXISTS"):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=plain, ClientToken="t")
        client.associate_origination_identity(PoolId=other_pool["PoolId"], OriginationIdentity=plain, ClientToken="t")


def test_disassociate(api):
    client = api.client()
    first, pool = _pool(api, client)
    with raises("ConflictException", Reason="LAST_PHONE_NUMBER", ResourceType="pool", ResourceId=pool["PoolId"]):
        client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=first["PhoneNumberId"])
    outsider = request(client)["PhoneNumberId"]
    with raises("ConflictException", Reason="PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL", ResourceId=outsider):
        client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=outsider)
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=outsider)
    settle(api)
    response = client.disassociate_origination_identity(
        PoolId=pool["PoolArn"], OriginationIdentity=outsider, IsoCountryCode="US"
    )
    assert response["OriginationIdentity"] == outsider
    assert response["PoolId"] == pool["PoolId"]
    described = client.describe_phone_numbers(PhoneNumberIds=[outsider])["PhoneNumbers"][0]
    assert "PoolId" not in described
    assert described["Status"] == "DISASSOCIATING"
    settle(api)
    assert client.describe_phone_numbers(PhoneNumberIds=[outsider])["PhoneNumbers"][0]["Status"] == "ACTIVE"
    with raises("ResourceNotFoundException", ResourceType="phone-number"):
        client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity="phone-" + "3" * 32)


@pytest.mark.rule(
    "A number joining or leaving a pool is ASSOCIATING, then DISASSOCIATING, before it is ACTIVE again",
    source="NumberStatus; Terraform waits on both",
)
def test_association_status_transitions(api):
    api.config(association_seconds=10, pool_creating_seconds=10)
    client = api.client()
    first = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=first, MessageType="TRANSACTIONAL")
    second = request(client)["PhoneNumberId"]

    def status(number_id):
        return client.describe_phone_numbers(PhoneNumberIds=[number_id])["PhoneNumbers"][0]["Status"]

    assert status(first) == "ASSOCIATING"
    api.advance_clock(10)
    assert status(first) == "ACTIVE"
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=second)
    assert status(second) == "ASSOCIATING"
    api.advance_clock(10)
    assert status(second) == "ACTIVE"
    client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=second)
    assert status(second) == "DISASSOCIATING"
    assert client.describe_phone_numbers(Filters=[{"Name": "status", "Values": ["DISASSOCIATING"]}])["PhoneNumbers"][0][
        "PhoneNumberId"
    ] == (second)
    api.advance_clock(10)
    assert status(second) == "ACTIVE"


@pytest.mark.rule(
    "A deleted pool is DELETING, listed by DescribePools, before it is gone; DeletePool on a pool not ACTIVE is an error",
    source="PoolStatus; DeletePool doc",
)
def test_delete_pool(api):
    client = api.client()
    _number, protected = _pool(api, client, DeletionProtectionEnabled=True)
    with raises(
        "ConflictException", Reason="DELETION_PROTECTION_ENABLED", ResourceType="pool", ResourceId=protected["PoolId"]
    ):
        client.delete_pool(PoolId=protected["PoolId"])
    _number, unprotected = _pool(api, client)
    client.tag_resource(ResourceArn=unprotected["PoolArn"], Tags=[{"Key": "k", "Value": "v"}])
    deleted = client.delete_pool(PoolId=unprotected["PoolArn"])
    assert deleted["Status"] == "DELETING"
    assert deleted["PoolId"] == unprotected["PoolId"]
    # DescribePools shows the pool DELETING until it is gone; it can't be deleted twice meanwhile.
    listed = client.describe_pools()["Pools"]
    assert [(p["PoolId"], p["Status"]) for p in listed] == [
        (protected["PoolId"], "ACTIVE"),
        (unprotected["PoolId"], "DELETING"),
    ]
    assert [
        p["PoolId"] for p in client.describe_pools(Filters=[{"Name": "status", "Values": ["DELETING"]}])["Pools"]
    ] == [unprotected["PoolId"]]
    with raises("ConflictException", Reason="RESOURCE_NOT_ACTIVE", ResourceId=unprotected["PoolId"]):
        client.delete_pool(PoolId=unprotected["PoolId"])
    settle(api)
    assert [p["PoolId"] for p in client.describe_pools()["Pools"]] == [protected["PoolId"]]
    with raises("ResourceNotFoundException", ResourceType="pool", ResourceId=unprotected["PoolId"]):
        client.delete_pool(PoolId=unprotected["PoolId"])
    with raises("ResourceNotFoundException", ResourceType="pool"):
        client.list_tags_for_resource(ResourceArn=unprotected["PoolArn"])


def test_delete_pool_disassociates_its_numbers(api):
    client = api.client()
    first, pool = _pool(api, client)
    second = request(client)["PhoneNumberId"]
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=second)
    client.delete_pool(PoolId=pool["PoolId"])
    numbers = client.describe_phone_numbers(PhoneNumberIds=[first["PhoneNumberId"], second])["PhoneNumbers"]
    assert all("PoolId" not in n for n in numbers)
    assert [n["Status"] for n in numbers] == ["DISASSOCIATING", "DISASSOCIATING"]
    settle(api)
    assert client.release_phone_number(PhoneNumberId=second)["Status"] == "DELETED"


def test_opt_out_lists(api):
    client = api.client()
    default = client.describe_opt_out_lists()["OptOutLists"]
    assert [o["OptOutListName"] for o in default] == ["Default"]
    assert default[0]["OptOutListArn"] == "arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/Default"
    created = client.create_opt_out_list(OptOutListName="promo-2024", Tags=[{"Key": "team", "Value": "growth"}])
    assert created["OptOutListName"] == "promo-2024"
    assert created["OptOutListArn"].endswith(":opt-out-list/promo-2024")
    assert created["Tags"] == [{"Key": "team", "Value": "growth"}]
    assert isinstance(created["CreatedTimestamp"], datetime.datetime)
    with raises(
        "ConflictException", Reason="RESOURCE_ALREADY_EXISTS", ResourceType="opt-out-list", ResourceId="promo-2024"
    ):
        client.create_opt_out_list(OptOutListName="promo-2024")
    with raises("ValidationException", Reason="FIELD_VALIDATION_FAILED"):
        api.client(parameter_validation=False).create_opt_out_list(OptOutListName="has spaces")
    names = client.describe_opt_out_lists(OptOutListNames=[created["OptOutListArn"], "Default"])["OptOutLists"]
    assert [o["OptOutListName"] for o in names] == ["Default", "promo-2024"]
    with raises("ResourceNotFoundException", ResourceType="opt-out-list", ResourceId="nope"):
        client.describe_opt_out_lists(OptOutListNames=["nope"])
    assert client.describe_opt_out_lists(Owner="SHARED")["OptOutLists"] == []
    with raises("ValidationException", Reason="PARAMETERS_CANNOT_BE_USED_TOGETHER"):
        client.describe_opt_out_lists(Owner="SELF", OptOutListNames=["Default"])
    page = client.describe_opt_out_lists(MaxResults=1)
    assert [o["OptOutListName"] for o in page["OptOutLists"]] == ["Default"]
    assert [
        o["OptOutListName"]
        for o in client.describe_opt_out_lists(MaxResults=1, NextToken=page["NextToken"])["OptOutLists"]
    ] == ["promo-2024"]


def test_delete_opt_out_list(api):
    client = api.client()
    client.create_opt_out_list(OptOutListName="in-use")
    client.create_opt_out_list(OptOutListName="unused")
    number_id = request(client, OptOutListName="in-use")["PhoneNumberId"]
    with raises(
        "ConflictException", Reason="RESOURCE_DELETION_NOT_ALLOWED", ResourceType="opt-out-list", ResourceId="in-use"
    ):
        client.delete_opt_out_list(OptOutListName="in-use")
    with raises("ConflictException", Reason="RESOURCE_DELETION_NOT_ALLOWED", ResourceId="Default"):
        client.delete_opt_out_list(OptOutListName="Default")
    deleted = client.delete_opt_out_list(OptOutListName="arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/unused")
    assert deleted["OptOutListName"] == "unused"
    assert isinstance(deleted["CreatedTimestamp"], datetime.datetime)
    with raises("ResourceNotFoundException", ResourceType="opt-out-list", ResourceId="unused"):
        client.delete_opt_out_list(OptOutListName="unused")
    # A released number no longer holds its list.
    client.release_phone_number(PhoneNumberId=number_id)
    assert client.delete_opt_out_list(OptOutListName="in-use")["OptOutListName"] == "in-use"


def _two_way_pool(api, client):
    """A pool founded by a number with two-way, self-managed opt-outs, its own list and an extra keyword."""
    client.create_opt_out_list(OptOutListName="pool-list")
    founder = request(client, OptOutListName="pool-list")["PhoneNumberId"]
    client.update_phone_number(
        PhoneNumberId=founder,
        TwoWayEnabled=True,
        TwoWayChannelArn=SNS_TOPIC,
        TwoWayChannelRole=IAM_ROLE,
        SelfManagedOptOutsEnabled=True,
    )
    client.put_keyword(OriginationIdentity=founder, Keyword="INFO", KeywordMessage="Info!")
    pool = client.create_pool(OriginationIdentity=founder, MessageType="TRANSACTIONAL")
    settle(api)
    return founder, pool


def test_number_requested_into_a_pool_takes_the_pools_settings_and_keywords(api):
    client = api.client()
    _founder, pool = _two_way_pool(api, client)
    number = request(client, PoolId=pool["PoolId"])
    assert number["PoolId"] == pool["PoolId"]
    assert number["OptOutListName"] == "pool-list"
    assert number["TwoWayEnabled"] is True
    assert number["TwoWayChannelArn"] == SNS_TOPIC
    assert number["TwoWayChannelRole"] == IAM_ROLE
    assert number["SelfManagedOptOutsEnabled"] is True
    keywords = client.describe_keywords(OriginationIdentity=number["PhoneNumberId"])["Keywords"]
    assert sorted(k["Keyword"] for k in keywords) == ["HELP", "INFO", "STOP"]


def test_associating_a_number_whose_keywords_differ_is_a_keyword_mismatch(api):
    client = api.client()
    founder, pool = _pool(api, client)
    client.put_keyword(OriginationIdentity=pool["PoolId"], Keyword="INFO", KeywordMessage="Info!")
    plain = request(client)["PhoneNumberId"]
    with raises("ConflictException", Reason="KEYWORD_MISMATCH", ResourceType="phone-number", ResourceId=plain):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=plain)
    client.put_keyword(OriginationIdentity=plain, Keyword="INFO", KeywordMessage="Other reply")
    with raises("ConflictException", Reason="KEYWORD_MISMATCH"):
        client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=plain)
    client.put_keyword(OriginationIdentity=plain, Keyword="INFO", KeywordMessage="Info!")
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=plain)
    settle(api)
    members = client.list_pool_origination_identities(PoolId=pool["PoolId"])["OriginationIdentities"]
    assert sorted(m["OriginationIdentity"] for m in members) == sorted([founder["PhoneNumberId"], plain])


def test_release_of_a_number_in_a_pool_is_refused_until_it_leaves(api):
    client = api.client()
    _founder, pool = _pool(api, client)
    member = request(client)["PhoneNumberId"]
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=member)
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL", ResourceId=member):
        client.release_phone_number(PhoneNumberId=member)
    settle(api)
    assert client.describe_phone_numbers(PhoneNumberIds=[member])["PhoneNumbers"][0]["Status"] == "ACTIVE"
    client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=member)
    settle(api)
    assert client.release_phone_number(PhoneNumberId=member)["Status"] == "DELETED"


def test_release_still_sees_the_pool_during_the_configured_lag(api):
    api.config(pool_release_lag_seconds=60)
    client = api.client()
    _founder, pool = _pool(api, client)
    member = request(client)["PhoneNumberId"]
    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=member)
    settle(api)
    client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=member)
    described = client.describe_phone_numbers(PhoneNumberIds=[member])["PhoneNumbers"][0]
    assert "PoolId" not in described
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL", ResourceId=member) as caught:
        client.release_phone_number(PhoneNumberId=member)
    assert pool["PoolId"] in caught.value.response["Message"]
    api.advance_clock(50)
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL"):
        client.release_phone_number(PhoneNumberId=member)
    api.advance_clock(10)
    assert client.release_phone_number(PhoneNumberId=member)["Status"] == "DELETED"
    assert [c["error"] for c in api.calls() if c["operation"] == "ReleasePhoneNumber"] == [
        "ConflictException",
        "ConflictException",
        None,
    ]


def test_release_after_deleting_the_pool_also_lags(api):
    api.config(pool_release_lag_seconds=60)
    client = api.client()
    founder, pool = _pool(api, client)
    client.delete_pool(PoolId=pool["PoolId"])
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL"):
        client.release_phone_number(PhoneNumberId=founder["PhoneNumberId"])
    api.advance_clock(60)
    assert client.release_phone_number(PhoneNumberId=founder["PhoneNumberId"])["Status"] == "DELETED"


@pytest.mark.rule(
    "A release right after leaving a pool still sees it (PHONE_NUMBER_ASSOCIATED_TO_POOL)",
    source="Terraform's provider retries it",
)
def test_by_default_a_release_sees_the_pool_it_left_for_two_seconds(api):
    client = api.client()
    founder, pool = _pool(api, client)
    client.delete_pool(PoolId=pool["PoolId"])
    with raises("ConflictException", Reason="PHONE_NUMBER_ASSOCIATED_TO_POOL"):
        client.release_phone_number(PhoneNumberId=founder["PhoneNumberId"])
    api.advance_clock(2)
    assert client.release_phone_number(PhoneNumberId=founder["PhoneNumberId"])["Status"] == "DELETED"


@pytest.mark.rule(
    "A new pool is CREATING before it is ACTIVE, and refuses changes meanwhile (RESOURCE_NOT_ACTIVE)",
    source="PoolStatus; DeletePool doc",
)
def test_a_pool_is_creating_then_active_and_refuses_writes_until_then(api):
    client = api.client()
    founder = request(client)["PhoneNumberId"]
    other = request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=founder, MessageType="TRANSACTIONAL")
    assert pool["Status"] == "CREATING"
    assert client.describe_phone_numbers(PhoneNumberIds=[founder])["PhoneNumbers"][0]["Status"] == "ASSOCIATING"
    pool_id = pool["PoolId"]
    for write in (
        lambda: client.delete_pool(PoolId=pool_id),
        lambda: client.update_pool(PoolId=pool_id, DeletionProtectionEnabled=True),
        lambda: client.associate_origination_identity(PoolId=pool_id, OriginationIdentity=other),
        lambda: client.put_keyword(OriginationIdentity=pool_id, Keyword="INFO", KeywordMessage="Info"),
        lambda: request(client, PoolId=pool_id),
    ):
        with raises("ConflictException", Reason="RESOURCE_NOT_ACTIVE", ResourceType="pool", ResourceId=pool_id):
            write()
    ids = [p["PoolId"] for p in client.describe_pools(Filters=[{"Name": "status", "Values": ["CREATING"]}])["Pools"]]
    assert ids == [pool_id]
    api.advance_clock(1)
    assert client.describe_pools(PoolIds=[pool_id])["Pools"][0]["Status"] == "ACTIVE"
    assert client.describe_phone_numbers(PhoneNumberIds=[founder])["PhoneNumbers"][0]["Status"] == "ACTIVE"
    client.associate_origination_identity(PoolId=pool_id, OriginationIdentity=other)


@pytest.mark.rule("ListPoolOriginationIdentities trails the pool by seconds", source="emulator's choice (README)")
def test_listing_a_pools_numbers_lags_behind_its_membership(api):
    client = api.client()
    founder, pool = _pool(api, client)
    joining = request(client)["PhoneNumberId"]

    def listed():
        identities = client.list_pool_origination_identities(PoolId=pool["PoolId"])["OriginationIdentities"]
        return [i["OriginationIdentity"] for i in identities]

    client.associate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=joining)
    # DescribePhoneNumbers knows at once; the listing shows the new member two seconds later.
    assert client.describe_phone_numbers(PhoneNumberIds=[joining])["PhoneNumbers"][0]["PoolId"] == pool["PoolId"]
    assert listed() == [founder["PhoneNumberId"]]
    api.advance_clock(2)
    assert listed() == [founder["PhoneNumberId"], joining]
    client.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity=joining)
    assert listed() == [founder["PhoneNumberId"], joining]
    api.advance_clock(2)
    assert listed() == [founder["PhoneNumberId"]]
