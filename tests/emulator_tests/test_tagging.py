"""GetResources of the Resource Groups Tagging API, on the emulator's sms-voice resources.

Each test runs in-process (``mock_aws``) and over HTTP (the ``api`` fixture),
since both transports must serve the same index.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from .helpers import SIMULATOR, raises, request

NUMBER_TYPE = "sms-voice:phone-number"


def named(client: Any, name: str, **tags: str) -> dict[str, Any]:
    return request(client, Tags=[{"Key": "Name", "Value": name}, *({"Key": k, "Value": v} for k, v in tags.items())])


def listed(tagging: Any, **params: Any) -> dict[str, dict[str, str]]:
    """ARN -> tags over every page."""
    found = {}
    for page in tagging.get_paginator("get_resources").paginate(**params):
        for mapping in page["ResourceTagMappingList"]:
            found[mapping["ResourceARN"]] = {t["Key"]: t["Value"] for t in mapping["Tags"]}
    return found


def test_tag_filters_select_by_any_of_several_values_and_and_across_keys(api):
    client, tagging = api.client(), api.tagging_client()
    a = named(client, "a", team="ops")
    b = named(client, "b", team="dev")
    named(client, "c", team="ops")
    found = listed(tagging, TagFilters=[{"Key": "Name", "Values": ["a", "b"]}], ResourceTypeFilters=[NUMBER_TYPE])
    assert set(found) == {a["PhoneNumberArn"], b["PhoneNumberArn"]}
    assert found[a["PhoneNumberArn"]] == {"Name": "a", "team": "ops"}
    both = listed(tagging, TagFilters=[{"Key": "Name", "Values": ["a", "b"]}, {"Key": "team", "Values": ["ops"]}])
    assert set(both) == {a["PhoneNumberArn"]}
    any_team = listed(tagging, TagFilters=[{"Key": "team"}])
    assert len(any_team) == 3


def test_resource_type_filters_separate_numbers_pools_and_opt_out_lists(api):
    client, tagging = api.client(), api.tagging_client()
    number = named(client, "n")
    pool = client.create_pool(
        OriginationIdentity=number["PhoneNumberId"],
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        Tags=[{"Key": "Name", "Value": "n"}],
    )
    client.create_opt_out_list(OptOutListName="l", Tags=[{"Key": "Name", "Value": "n"}])
    request(client)  # untagged: never listed
    assert set(listed(tagging, ResourceTypeFilters=[NUMBER_TYPE])) == {number["PhoneNumberArn"]}
    assert set(listed(tagging, ResourceTypeFilters=["sms-voice:pool"])) == {pool["PoolArn"]}
    assert len(listed(tagging, ResourceTypeFilters=["sms-voice"])) == 3


def test_pages_hold_resources_per_page_and_end_with_an_empty_token(api):
    api.seed(7, Tags=[{"Key": "Name", "Value": "s-{i}"}], **SIMULATOR)
    tagging = api.tagging_client()
    first = tagging.get_resources(ResourcesPerPage=3)
    assert len(first["ResourceTagMappingList"]) == 3 and first["PaginationToken"]
    seen = [m["ResourceARN"] for m in first["ResourceTagMappingList"]]
    token = first["PaginationToken"]
    while token:
        page = tagging.get_resources(ResourcesPerPage=3, PaginationToken=token)
        seen += [m["ResourceARN"] for m in page["ResourceTagMappingList"]]
        token = page["PaginationToken"]
    assert len(seen) == len(set(seen)) == 7
    with raises("InvalidParameterException"):
        tagging.get_resources(ResourcesPerPage=3, PaginationToken=first["PaginationToken"], TagFilters=[{"Key": "x"}])


def test_tags_per_page_breaks_pages_by_tags_and_never_splits_a_resource(api):
    client, tagging = api.client(), api.tagging_client()
    api.seed(130, Tags=[{"Key": "Name", "Value": "one-{i}"}], **SIMULATOR)
    three = [named(client, "three-{0}".format(i), team="ops", tier="gold") for i in range(40)]
    request(client)  # never tagged: not listed
    pages, token = [], None
    while True:
        page = tagging.get_resources(TagsPerPage=100, **({"PaginationToken": token} if token else {}))
        pages.append(page["ResourceTagMappingList"])
        token = page["PaginationToken"]
        if not token:
            break
    weights = [sum(max(1, len(m["Tags"])) for m in page) for page in pages]
    assert all(w <= 100 for w in weights) and sum(weights) == 130 + 3 * len(three)
    assert len({m["ResourceARN"] for page in pages for m in page}) == 170
    # Alone, TagsPerPage caps a page by tags only: 500 one-tag resources would fit one page.
    assert len(tagging.get_resources(TagsPerPage=500)["ResourceTagMappingList"]) == 170
    both = tagging.get_resources(TagsPerPage=500, ResourcesPerPage=50)
    assert len(both["ResourceTagMappingList"]) == 50 and both["PaginationToken"]


def test_a_resource_tagged_once_is_listed_with_no_tags_unless_a_tag_filter_asks(api):
    client, tagging = api.client(), api.tagging_client()
    number = named(client, "gone-tag")
    client.untag_resource(ResourceArn=number["PhoneNumberArn"], TagKeys=["Name"])
    assert listed(tagging) == {number["PhoneNumberArn"]: {}}
    assert listed(tagging, TagFilters=[{"Key": "Name"}]) == {}


@pytest.mark.parametrize("extra", [{"ResourcesPerPage": 10}, {"TagsPerPage": 100}, {"PaginationToken": "x"}])
def test_resource_arn_list_with_a_pagination_parameter_is_an_invalid_parameter(api, extra):
    number = named(api.client(), "a")
    with raises("InvalidParameterException"):
        api.tagging_client().get_resources(ResourceARNList=[number["PhoneNumberArn"]], **extra)


def test_resource_arn_list_reads_the_tags_of_the_numbers_named(api):
    client, tagging = api.client(), api.tagging_client()
    a, b, untagged = named(client, "a"), named(client, "b"), request(client)
    found = listed(tagging, ResourceARNList=[a["PhoneNumberArn"], untagged["PhoneNumberArn"]])
    assert found == {a["PhoneNumberArn"]: {"Name": "a"}}
    assert b["PhoneNumberArn"] not in found


@pytest.mark.parametrize(
    "params",
    [{"ResourcesPerPage": 0}, {"ResourcesPerPage": 101}, {"TagsPerPage": 99}],
    ids=["per-page-0", "per-page-101", "tags-per-page-99"],
)
def test_out_of_range_page_sizes_are_invalid_parameters(api, params):
    with raises("InvalidParameterException"):
        api.tagging_client().get_resources(**params)


def test_tag_changes_and_releases_show_at_once_when_the_index_is_exact(api):
    client, tagging = api.client(), api.tagging_client()
    number = named(client, "x")
    arn = number["PhoneNumberArn"]
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "ops"}])
    assert listed(tagging, TagFilters=[{"Key": "team", "Values": ["ops"]}]) == {arn: {"Name": "x", "team": "ops"}}
    client.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert listed(tagging, TagFilters=[{"Key": "team"}]) == {}
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert listed(tagging) == {}


def test_a_lagging_index_shows_the_state_of_n_seconds_ago(api):
    client, tagging = api.client(), api.tagging_client()
    api.config(tagging_api="lagging", tagging_lag_seconds=30)
    old = named(client, "old")
    api.advance_clock(31)
    new = named(client, "new")
    assert set(listed(tagging)) == {old["PhoneNumberArn"]}, "a new number shows only after the lag"
    client.untag_resource(ResourceArn=old["PhoneNumberArn"], TagKeys=["Name"])
    client.release_phone_number(PhoneNumberId=new["PhoneNumberId"])
    lingering = listed(tagging, TagFilters=[{"Key": "Name", "Values": ["old"]}])
    assert lingering == {old["PhoneNumberArn"]: {"Name": "old"}}, "a removed tag lingers"
    api.advance_clock(31)
    # The reference: without TagFilters, a resource that was tagged once is listed with no tags.
    assert listed(tagging) == {old["PhoneNumberArn"]: {}}, "after the lag, the released number is gone"
    assert listed(tagging, TagFilters=[{"Key": "Name"}]) == {}, "and the removed tag too"


def test_a_released_number_lingers_in_a_lagging_index(api):
    client, tagging = api.client(), api.tagging_client()
    api.config(tagging_api="lagging", tagging_lag_seconds=10)
    number = named(client, "r")
    api.advance_clock(11)
    client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert set(listed(tagging)) == {number["PhoneNumberArn"]}
    api.advance_clock(11)
    assert listed(tagging) == {}


def test_seeded_numbers_follow_the_lag_too(api):
    api.config(tagging_api="lagging", tagging_lag_seconds=5)
    api.seed(3, Tags=[{"Key": "Name", "Value": "s-{i}"}], **SIMULATOR)
    tagging = api.tagging_client()
    assert listed(tagging) == {}
    api.advance_clock(6)
    assert len(listed(tagging)) == 3


def test_denied_answers_access_denied_and_is_logged(api):
    named(api.client(), "d")
    api.config(tagging_api="denied")
    with raises("AccessDeniedException"):
        api.tagging_client().get_resources()
    assert [(c["operation"], c["error"]) for c in api.calls()][-1] == ("GetResources", "AccessDeniedException")


@pytest.mark.parametrize(
    "changes",
    [{"tagging_api": "sometimes"}, {"tagging_lag_seconds": -1}, {"tagging_lag_seconds": "5"}],
    ids=["unknown-mode", "negative-lag", "lag-not-a-number"],
)
def test_bad_tagging_configuration_is_refused(api, changes):
    from tests.emulator import EmulatorControlError

    with pytest.raises(EmulatorControlError, match=next(iter(changes))):
        api.config(**changes)


def test_the_index_is_per_account_and_region(api):
    named(api.client(region="eu-west-1"), "eu")
    assert listed(api.tagging_client()) == {}
    assert len(listed(api.tagging_client(region="eu-west-1"))) == 1


def test_faults_apply_to_get_resources(api, no_backoff):
    named(api.client(), "f")
    api.fault("GetResources", "server_error", count=1)
    tagging = api.tagging_client(retries={"mode": "standard", "total_max_attempts": 1})
    with pytest.raises(ClientError):
        tagging.get_resources()
    assert len(listed(tagging)) == 1


def test_other_services_resources_are_still_served_by_moto(mock_emulator):
    ec2 = boto3.client("ec2", region_name="us-east-1")
    vpc = ec2.create_vpc(
        CidrBlock="10.0.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "a", "Value": "b"}]}]
    )["Vpc"]
    named(mock_emulator.client(), "n")
    found = listed(mock_emulator.tagging_client(), ResourceTypeFilters=["ec2:vpc"])
    assert [arn.rsplit("/", 1)[-1] for arn in found] == [vpc["VpcId"]]
    assert "GetResources" not in mock_emulator.operations(), "moto's backend answered, not the emulator"


def test_unsigned_raw_http_requests_reach_get_resources(emulator):
    import json
    import urllib.request

    named(emulator.client(), "raw")
    req = urllib.request.Request(
        emulator.url + "/",
        data=json.dumps({"TagFilters": [{"Key": "Name", "Values": ["raw"]}]}).encode(),
        headers={
            "X-Amz-Target": "ResourceGroupsTaggingAPI_20170126.GetResources",
            "Content-Type": "application/x-amz-json-1.1",
        },
        method="POST",
    )
    with urllib.request.urlopen(req) as response:
        body = json.loads(response.read())
    assert [m["Tags"] for m in body["ResourceTagMappingList"]] == [[{"Key": "Name", "Value": "raw"}]]


def test_get_resources_is_not_an_operation_of_the_sms_api(emulator):
    import json
    import urllib.error
    import urllib.request

    req = urllib.request.Request(
        emulator.url + "/",
        data=b"{}",
        headers={"X-Amz-Target": "PinpointSMSVoiceV2.GetResources", "Content-Type": "application/x-amz-json-1.0"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(req)
    assert json.loads(caught.value.read())["__type"] == "UnknownOperationException"


def test_get_resources_is_throttled_at_its_published_rate_with_its_modelled_error(api):
    # 15 calls a second, scaled down so the bucket cannot refill during the test.
    api.config(quotas=True, quota_scale=1 / 15 / 100, quota_burst_seconds=100)
    tagging = api.tagging_client(retries={"mode": "standard", "total_max_attempts": 1})
    tagging.get_resources()
    with raises("ThrottledException"):
        tagging.get_resources()
