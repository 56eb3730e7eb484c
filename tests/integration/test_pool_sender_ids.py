"""pool and pool_info with sender IDs beside numbers, through ansible-playbook against the emulator server.

Each scenario runs check -> apply -> idempotent check -> idempotent apply and
asserts ``changed``, the returned pool and the exact API operations the
emulator recorded.
"""

from __future__ import annotations

import pytest

from .harness import converge, run_task
from .test_pool import POOL_TASK, numbers

BRAND = dict(sender_id="BRAND", iso_country_code="GB")
ALERTS = dict(sender_id="ALERTS", iso_country_code="DE")


def request_senders(emulator, *entries, message_types=("TRANSACTIONAL",)):
    client = emulator.client()
    return [
        client.request_sender_id(
            SenderId=e["sender_id"], IsoCountryCode=e["iso_country_code"], MessageTypes=list(message_types)
        )["SenderIdArn"]
        for e in entries
    ]


def held(emulator, pool_id):
    """(numbers, sender IDs) of the pool as the emulator holds them (the listing lags behind)."""
    (pool,) = [p for p in emulator.state()["us-east-1"]["pools"] if p["PoolId"] == pool_id]
    return sorted(pool["PhoneNumberIds"]), sorted((s["SenderId"], s["IsoCountryCode"]) for s in pool["SenderIds"])


def joins(run):
    return [
        (c["params"]["OriginationIdentity"], c["params"].get("IsoCountryCode"))
        for c in run.calls
        if c["operation"] == "AssociateOriginationIdentity"
    ]


def test_a_pool_holding_a_number_and_a_sender_id_purged_to_one(emulator):
    (a,) = numbers(emulator, 1)
    request_senders(emulator, BRAND)
    args = dict(name="mixed", phone_numbers=[a], sender_ids=[BRAND], tags={"team": "ops"}, **POOL_TASK)
    check, apply, again_check, again = converge(emulator, "pool", args, ["CreatePool", "AssociateOriginationIdentity"])
    # The sender ID is read by its ID and country, 5 a call, before anything is planned.
    lookup = next(c for c in check.calls if c["operation"] == "DescribeSenderIds")
    assert lookup["params"]["SenderIds"] == [{"SenderId": "BRAND", "IsoCountryCode": "GB"}]
    assert check.result["pool"]["sender_ids"] == [BRAND] == apply.result["pool"]["sender_ids"]
    assert check.result["pool"]["phone_number_ids"] == [a] == apply.result["pool"]["phone_number_ids"]
    assert joins(apply) == [("BRAND", "GB")]
    pool_id = apply.result["pool"]["pool_id"]
    assert held(emulator, pool_id) == ([a], [("BRAND", "GB")])
    assert again.result["pool"]["sender_ids"] == [BRAND] and again.result["pool"]["phone_number_ids"] == [a]
    assert again.operations == again_check.operations
    assert (
        again.operations.count("DescribeSenderIds") == 1
        and again.operations.count("ListPoolOriginationIdentities") == 1
    )

    # Purged to the sender ID: the number leaves, the sender ID stays.
    only_sender = dict(name="mixed", phone_numbers=[], purge_phone_numbers=True, sender_ids=[BRAND])
    check, apply, _again_check, again = converge(emulator, "pool", only_sender, ["DisassociateOriginationIdentity"])
    assert check.result["pool"]["phone_number_ids"] == [] == apply.result["pool"]["phone_number_ids"]
    assert apply.result["pool"]["sender_ids"] == [BRAND]
    leave = next(c for c in apply.calls if c["operation"] == "DisassociateOriginationIdentity")
    assert leave["params"]["OriginationIdentity"] == a
    assert held(emulator, pool_id) == ([], [("BRAND", "GB")])

    # And back, purged to the number: the sender ID leaves, named by its ID and country.
    only_number = dict(name="mixed", phone_numbers=[a], sender_ids=[], purge_sender_ids=True)
    check, apply, _again_check, _again = converge(
        emulator, "pool", only_number, ["AssociateOriginationIdentity", "DisassociateOriginationIdentity"]
    )
    assert check.result["pool"]["sender_ids"] == [] == apply.result["pool"]["sender_ids"]
    leave = next(c for c in apply.calls if c["operation"] == "DisassociateOriginationIdentity")
    named = {k: v for k, v in leave["params"].items() if k != "ClientToken"}
    assert named == {"PoolId": pool_id, "OriginationIdentity": "BRAND", "IsoCountryCode": "GB"}
    assert held(emulator, pool_id) == ([a], [])

    # Its last identity is never taken out.
    refused = run_task(emulator, "pool", dict(name="mixed", phone_numbers=[], purge_phone_numbers=True, sender_ids=[]))
    assert refused.failed and refused.operations == []
    assert "a pool cannot be left without numbers" in refused.result["msg"]


def test_a_pool_founded_by_a_sender_id_takes_the_other_sender_ids(emulator):
    request_senders(emulator, BRAND, ALERTS)
    args = dict(name="senders-only", sender_ids=[BRAND, ALERTS], iso_country_code="GB", message_type="TRANSACTIONAL")
    check, apply, _again_check, _again = converge(
        emulator, "pool", args, ["CreatePool", "AssociateOriginationIdentity"]
    )
    create = next(c for c in apply.calls if c["operation"] == "CreatePool")
    assert create["params"]["OriginationIdentity"].endswith(":sender-id/BRAND/GB")
    assert create["params"]["IsoCountryCode"] == "GB"
    assert joins(apply) == [("ALERTS", "DE")]
    pool = apply.result["pool"]
    assert pool["phone_number_ids"] == [] == check.result["pool"]["phone_number_ids"]
    assert pool["sender_ids"] == [BRAND, ALERTS] == check.result["pool"]["sender_ids"]
    assert pool["opt_out_list_name"] == "Default" and pool["two_way_enabled"] is False
    assert held(emulator, pool["pool_id"]) == ([], [("ALERTS", "DE"), ("BRAND", "GB")])

    listed = run_task(emulator, "pool_info", dict(names=["senders-only"]))
    assert listed.result["pools"][0]["sender_ids"] == [BRAND, ALERTS]
    assert listed.result["pools"][0]["phone_number_ids"] == []


@pytest.mark.parametrize("check", [True, False], ids=["check", "apply"])
def test_a_sender_id_that_cannot_join_fails_before_any_change(emulator, check):
    (a,) = numbers(emulator, 1)
    request_senders(emulator, BRAND, message_types=("PROMOTIONAL",))
    created = run_task(emulator, "pool", dict(name="strict", phone_numbers=[a], **POOL_TASK))
    assert created.changed
    run = run_task(emulator, "pool", dict(name="strict", sender_ids=[BRAND]), check=check)
    assert run.failed and run.mutating == []
    assert "sender_ids: sender ID BRAND in GB cannot join pool" in run.result["msg"]
    assert "it sends PROMOTIONAL, and the pool is TRANSACTIONAL" in run.result["msg"]
    unknown = run_task(emulator, "pool", dict(name="strict", sender_ids=[ALERTS]), check=check)
    assert unknown.failed and unknown.mutating == []
    assert "sender_ids: no sender ID ALERTS in DE" in unknown.result["msg"]


def test_pool_info_returns_each_pools_sender_ids(emulator):
    a, b = numbers(emulator, 2)
    request_senders(emulator, BRAND)
    for name, number in (("info-a", a), ("info-b", b)):
        assert run_task(emulator, "pool", dict(name=name, phone_numbers=[number], **POOL_TASK)).changed
    assert run_task(emulator, "pool", dict(name="info-b", sender_ids=[BRAND])).changed
    run = run_task(emulator, "pool_info", dict(include_tags=False))
    assert not run.failed
    by_number = {tuple(p["phone_number_ids"]): p["sender_ids"] for p in run.result["pools"]}
    assert by_number == {(a,): [], (b,): [BRAND]}
    # The account has a sender ID, so each pool is listed (the number pages cannot show sender IDs).
    assert run.operations == ["DescribePools", "DescribeSenderIds"] + ["ListPoolOriginationIdentities"] * 2
