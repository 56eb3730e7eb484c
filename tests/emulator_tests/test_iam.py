"""The emulator's IAM policy (``POST /_emulator/config {"iam_policy": ...}``), enforced on every call.

The API tests run in-process (``mock_aws``) and over HTTP (the ``api``
fixture); the evaluator's matching rules are also checked on their own.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.emulator import DEFAULT_ACCOUNT_ID, EmulatorControlError
from tests.emulator.iam import action_for, decide, resources

from .helpers import SIMULATOR, raises, request, settle

ARN = "arn:aws:sms-voice:us-east-1:{0}:".format(DEFAULT_ACCOUNT_ID)
USER = "arn:aws:iam::{0}:user/emulator".format(DEFAULT_ACCOUNT_ID)


def policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def denied_message(action: str, resource: str, explicit: bool = False) -> str:
    cause = (
        "with an explicit deny in an identity-based policy"
        if explicit
        else "because no identity-based policy allows the {0} action".format(action)
    )
    return "User: {0} is not authorized to perform: {1} on resource: {2} {3}".format(USER, action, resource, cause)


def test_an_allowed_call_is_served_and_any_other_is_access_denied_in_the_aws_wording(api):
    client = api.client()
    number = request(client)
    api.config(iam_policy=policy(allow(["sms-voice:DescribePhoneNumbers", "sms-voice:UpdatePhoneNumber"])))
    assert client.describe_phone_numbers()["PhoneNumbers"][0]["PhoneNumberId"] == number["PhoneNumberId"]
    with raises("AccessDeniedException") as caught:
        client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Message"] == denied_message(
        "sms-voice:ReleasePhoneNumber", ARN + "phone-number/" + number["PhoneNumberId"]
    )
    # Nothing happened, and the denied call is logged with its error like any failed call.
    assert api.state()["us-east-1"]["phone_numbers"][0]["Status"] == "ACTIVE"
    assert [(c["operation"], c["error"]) for c in api.calls()][-2:] == [
        ("DescribePhoneNumbers", None),
        ("ReleasePhoneNumber", "AccessDeniedException"),
    ]


def test_an_explicit_deny_wins_over_any_allow(api):
    client = api.client()
    number = request(client)["PhoneNumberId"]
    api.config(iam_policy=policy(allow("sms-voice:*"), deny("sms-voice:Release*", ARN + "phone-number/" + number)))
    other = request(client)["PhoneNumberId"]  # the Allow still covers everything else
    client.release_phone_number(PhoneNumberId=other)
    with raises("AccessDeniedException") as caught:
        client.release_phone_number(PhoneNumberId=number)
    assert caught.value.response["Error"]["Message"] == denied_message(
        "sms-voice:ReleasePhoneNumber", ARN + "phone-number/" + number, explicit=True
    )


def test_a_call_on_two_resources_needs_both(api):
    client = api.client()
    founder, joiner = request(client)["PhoneNumberId"], request(client)["PhoneNumberId"]
    pool = client.create_pool(OriginationIdentity=founder, IsoCountryCode="US", MessageType="TRANSACTIONAL")["PoolId"]
    settle(api)  # the pool is CREATING for a moment
    api.config(
        iam_policy=policy(
            allow("sms-voice:AssociateOriginationIdentity", ARN + "pool/*"),
            allow("sms-voice:AssociateOriginationIdentity", ARN + "phone-number/" + founder),
        )
    )
    with raises("AccessDeniedException") as caught:
        client.associate_origination_identity(PoolId=pool, OriginationIdentity=joiner, IsoCountryCode="US")
    assert caught.value.response["Error"]["Message"] == denied_message(
        "sms-voice:AssociateOriginationIdentity", ARN + "phone-number/" + joiner
    )
    api.config(iam_policy=policy(allow("sms-voice:AssociateOriginationIdentity", [ARN + "pool/*", ARN + "phone-*"])))
    client.associate_origination_identity(PoolId=pool, OriginationIdentity=joiner, IsoCountryCode="US")


def test_list_calls_and_creates_are_authorized_on_star(api):
    client = api.client()
    number = request(client)["PhoneNumberId"]
    api.config(iam_policy=policy(allow(["sms-voice:DescribePhoneNumbers", "sms-voice:RequestPhoneNumber"], ARN + "*")))
    # By ID the call names its resource; without IDs, and a create, name none: "*", which only Resource "*" allows.
    client.describe_phone_numbers(PhoneNumberIds=[number])
    with raises("AccessDeniedException") as listing:
        client.describe_phone_numbers()
    assert listing.value.response["Error"]["Message"] == denied_message("sms-voice:DescribePhoneNumbers", "*")
    with raises("AccessDeniedException") as create:
        request(client)
    assert create.value.response["Error"]["Message"] == denied_message("sms-voice:RequestPhoneNumber", "*")


def test_the_tagging_api_needs_tag_get_resources(api):
    request(api.client(), Tags=[{"Key": "Name", "Value": "a"}])
    tagging = api.tagging_client()
    api.config(iam_policy=policy(allow("sms-voice:*")))
    with raises("AccessDeniedException") as caught:
        tagging.get_resources(ResourceTypeFilters=["sms-voice:phone-number"])
    assert caught.value.response["Error"]["Message"] == denied_message("tag:GetResources", "*")
    api.config(iam_policy=policy(allow("tag:Get*")))
    assert len(tagging.get_resources(ResourceTypeFilters=["sms-voice:phone-number"])["ResourceTagMappingList"]) == 1


def test_null_turns_enforcement_off_and_reset_clears_it(api):
    client = api.client()
    api.config(iam_policy=policy(allow("sms-voice:DescribePools")))
    with raises("AccessDeniedException"):
        request(client)
    assert api.config(iam_policy=None)["iam_policy"] is None
    request(client)
    api.config(iam_policy=policy(allow("sms-voice:DescribePools")))
    api.reset()
    assert api.config()["iam_policy"] is None
    request(client)


def test_the_configuration_returns_the_policy_as_given(api):
    document = {"Statement": {"Sid": "One", "Effect": "Allow", "Action": "sms-voice:List*", "Resource": "*"}}
    assert api.config(iam_policy=document)["iam_policy"] == document


@pytest.mark.parametrize(
    ("action", "pattern", "expected"),
    [
        ("sms-voice:DescribePools", "sms-voice:DescribePools", "allow"),
        ("sms-voice:DescribePools", "SMS-VOICE:describepools", "allow"),  # IAM matches actions case-insensitively
        ("sms-voice:DescribePools", "sms-voice:Describe*", "allow"),
        ("sms-voice:DescribePools", "sms-voice:Describe?ools", "allow"),
        ("sms-voice:DescribePools", "sms-voice:Describe?", "implicit"),
        ("sms-voice:DescribePools", "sms-voice:DescribePool", "implicit"),
        ("sms-voice:DescribePools", "sms:DescribePools", "implicit"),
        ("sms-voice:DescribePools", "*", "allow"),
        ("tag:GetResources", "sms-voice:*", "implicit"),
    ],
)
def test_action_matching(action, pattern, expected):
    assert decide(policy(allow(pattern)), action, "*") == expected


@pytest.mark.parametrize(
    ("resource", "pattern", "expected"),
    [
        (ARN + "pool/pool-1", ARN + "pool/pool-1", "allow"),
        (ARN + "pool/pool-1", ARN + "pool/*", "allow"),
        (ARN + "pool/pool-1", ARN + "pool/pool-?", "allow"),
        (ARN + "pool/pool-1", ARN + "POOL/*", "implicit"),  # ARNs match case-sensitively
        (ARN + "pool/pool-1", ARN + "phone-number/*", "implicit"),
        (ARN + "pool/pool-1", "arn:aws:sms-voice:*:*:pool/*", "allow"),
        (ARN + "pool/pool-1", "arn:aws:sms-voice:eu-*:*:pool/*", "implicit"),
        (ARN + "pool/pool-1", "arn:aws:sms-voice:us-?ast-1:*:*", "allow"),
        (ARN + "pool/pool-1", "arn:aws:sms-voice:us*", "allow"),  # a * ending a segment runs past its colons
        (ARN + "pool/pool-1", "arn:aws:sms-voice:us*pool/*", "implicit"),  # inside a segment it does not
        (ARN + "pool/pool-1", "*", "allow"),
        ("*", ARN + "*", "implicit"),  # a call naming no resource needs Resource "*"
    ],
)
def test_resource_matching(resource, pattern, expected):
    assert decide(policy(allow("sms-voice:*", pattern)), "sms-voice:DescribePools", resource) == expected


def test_not_action_and_not_resource_invert_the_match():
    everything_but_release = policy({"Effect": "Allow", "NotAction": "sms-voice:Release*", "Resource": "*"})
    assert decide(everything_but_release, "sms-voice:UpdatePhoneNumber", ARN + "phone-number/p") == "allow"
    assert decide(everything_but_release, "sms-voice:ReleasePhoneNumber", ARN + "phone-number/p") == "implicit"
    only_other_pools = policy({"Effect": "Allow", "Action": "sms-voice:*", "NotResource": [ARN + "pool/pool-1"]})
    assert decide(only_other_pools, "sms-voice:DeletePool", ARN + "pool/pool-2") == "allow"
    assert decide(only_other_pools, "sms-voice:DeletePool", ARN + "pool/pool-1") == "implicit"
    deny_all_but_reads = policy(allow("*"), {"Effect": "Deny", "NotAction": ["sms-voice:Describe*"], "Resource": "*"})
    assert decide(deny_all_but_reads, "sms-voice:DescribePools", "*") == "allow"
    assert decide(deny_all_but_reads, "sms-voice:DeletePool", "*") == "deny"


def test_a_single_statement_object_and_a_single_string_work_like_lists():
    single = {"Version": "2012-10-17", "Statement": allow("sms-voice:DeletePool", ARN + "pool/pool-1")}
    assert decide(single, "sms-voice:DeletePool", ARN + "pool/pool-1") == "allow"
    assert decide(single, "sms-voice:DeletePool", ARN + "pool/pool-2") == "implicit"
    assert decide({"Statement": []}, "sms-voice:DescribePools", "*") == "implicit"


@pytest.mark.parametrize(
    ("operation", "params", "expected"),
    [
        ("ReleasePhoneNumber", {"PhoneNumberId": "phone-1"}, [ARN + "phone-number/phone-1"]),
        ("ReleasePhoneNumber", {"PhoneNumberId": ARN + "phone-number/phone-1"}, [ARN + "phone-number/phone-1"]),
        ("UpdatePool", {"PoolId": "pool-1"}, [ARN + "pool/pool-1"]),
        ("DeleteOptOutList", {"OptOutListName": "marketing"}, [ARN + "opt-out-list/marketing"]),
        (
            "DescribePhoneNumbers",
            {"PhoneNumberIds": ["phone-1", "phone-2"]},
            [ARN + "phone-number/phone-1", ARN + "phone-number/phone-2"],
        ),
        ("DescribePhoneNumbers", {}, ["*"]),
        ("DescribeOptOutLists", {"OptOutListNames": ["a"]}, [ARN + "opt-out-list/a"]),
        ("PutKeyword", {"OriginationIdentity": "pool-1", "Keyword": "JOIN"}, [ARN + "pool/pool-1"]),
        ("PutKeyword", {"OriginationIdentity": "phone-1", "Keyword": "JOIN"}, [ARN + "phone-number/phone-1"]),
        ("CreatePool", {"OriginationIdentity": "phone-1"}, [ARN + "phone-number/phone-1"]),
        (
            "DisassociateOriginationIdentity",
            {"PoolId": "pool-1", "OriginationIdentity": "phone-1"},
            [ARN + "pool/pool-1", ARN + "phone-number/phone-1"],
        ),
        ("TagResource", {"ResourceArn": ARN + "pool/pool-1"}, [ARN + "pool/pool-1"]),
        ("RequestPhoneNumber", {**SIMULATOR, "PoolId": "pool-1"}, ["*"]),
        ("CreateOptOutList", {"OptOutListName": "new"}, ["*"]),
        ("GetResources", {}, ["*"]),
    ],
)
def test_the_resources_a_call_is_authorized_on(operation, params, expected):
    assert resources(operation, params, "us-east-1", DEFAULT_ACCOUNT_ID) == expected


def test_actions_are_named_by_their_iam_prefix():
    assert action_for("ReleasePhoneNumber") == "sms-voice:ReleasePhoneNumber"
    assert action_for("GetResources") == "tag:GetResources"


def _post_config(emulator: Any, payload: Any) -> tuple[int, Any]:
    req = urllib.request.Request(
        emulator.url + "/_emulator/config",
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ("allow everything", "iam_policy must be a policy document (a JSON object) or null"),
        ({"Version": "2012-10-17"}, "iam_policy needs a Statement"),
        ({"Version": "2020-01-01", "Statement": []}, "iam_policy.Version must be one of"),
        ({"Statement": [], "Extra": 1}, "iam_policy: unsupported key(s) ['Extra']"),
        ({"Statement": ["Allow"]}, "iam_policy.Statement[0] must be an object"),
        (
            {"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}},
            "Statement[0].Effect must be 'Allow' or 'Deny'",
        ),
        ({"Statement": {"Effect": "Allow", "Resource": "*"}}, "Statement[0] needs exactly one of Action and NotAction"),
        (
            {"Statement": {"Effect": "Allow", "Action": "*", "NotAction": "*", "Resource": "*"}},
            "Statement[0] needs exactly one of Action and NotAction",
        ),
        (
            {"Statement": {"Effect": "Allow", "Action": "*"}},
            "Statement[0] needs exactly one of Resource and NotResource",
        ),
        ({"Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}}, "Statement[0].Action must be a non-empty"),
        ({"Statement": {"Effect": "Allow", "Action": "DescribePools", "Resource": "*"}}, "is not an action"),
        ({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "pool/*"}}, "'pool/*' is not an ARN or '*'"),
        (
            {
                "Statement": {
                    "Effect": "Allow",
                    "Action": "*",
                    "Resource": "*",
                    "Condition": {"Bool": {"aws:SecureTransport": "true"}},
                }
            },
            "Condition is not supported by the emulator",
        ),
        (
            {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}},
            "Principal/NotPrincipal",
        ),
        (
            {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:sms-voice:*:*:pool/${aws:username}"}},
            "policy variables are not supported",
        ),
    ],
)
def test_a_bad_policy_document_is_a_400_that_names_the_flaw_and_changes_nothing(emulator, document, fragment):
    working = policy(allow("sms-voice:Describe*"))
    emulator.config(iam_policy=working)
    status, body = _post_config(emulator, {"iam_policy": document})
    assert status == 400
    assert fragment in body["error"]
    assert emulator.config()["iam_policy"] == working


def test_a_bad_policy_document_is_refused_in_process_too(mock_emulator):
    with pytest.raises(
        EmulatorControlError, match=re.escape("400: iam_policy.Statement[0]: Condition is not supported")
    ):
        mock_emulator.config(
            iam_policy={"Statement": [allow("*", Condition={"Bool": {"aws:SecureTransport": "true"}})]}
        )
    assert mock_emulator.config()["iam_policy"] is None


def test_sender_id_calls_are_authorized_on_the_sender_ids_arn_with_its_country(api):
    client = api.client()
    for country in ("GB", "DE"):
        client.request_sender_id(SenderId="BRAND", IsoCountryCode=country)
    gb = ARN + "sender-id/BRAND/GB"
    assert resources(
        "UpdateSenderId", {"SenderId": "BRAND", "IsoCountryCode": "GB"}, "us-east-1", DEFAULT_ACCOUNT_ID
    ) == [gb]
    assert resources(
        "AssociateOriginationIdentity",
        {"PoolId": "pool-1", "OriginationIdentity": "BRAND", "IsoCountryCode": "GB"},
        "us-east-1",
        DEFAULT_ACCOUNT_ID,
    ) == [ARN + "pool/pool-1", gb]
    api.config(iam_policy=policy(allow(["sms-voice:UpdateSenderId", "sms-voice:DescribeSenderIds"], gb)))
    client.update_sender_id(SenderId="BRAND", IsoCountryCode="GB", DeletionProtectionEnabled=True)
    client.describe_sender_ids(SenderIds=[{"SenderId": "BRAND", "IsoCountryCode": "GB"}])
    with raises("AccessDeniedException") as caught:
        client.update_sender_id(SenderId="BRAND", IsoCountryCode="DE", DeletionProtectionEnabled=True)
    assert caught.value.response["Error"]["Message"] == denied_message(
        "sms-voice:UpdateSenderId", ARN + "sender-id/BRAND/DE"
    )
    with raises("AccessDeniedException"):
        client.describe_sender_ids(
            SenderIds=[{"SenderId": "BRAND", "IsoCountryCode": "GB"}, {"SenderId": "BRAND", "IsoCountryCode": "DE"}]
        )
