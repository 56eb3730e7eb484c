"""pool through ansible-playbook against the emulator server.

Each scenario runs check -> apply -> idempotent check -> idempotent apply and
asserts ``changed``, the returned pool and the exact API operations the
emulator recorded.
"""

from __future__ import annotations

from .harness import converge, run_playbook, run_task, run_tasks_at_once
from .test_phone_number import ROLE, TOPIC, request_number

POOL_TASK = dict(iso_country_code="US", message_type="TRANSACTIONAL")
NUMBER = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"], number_type="SIMULATOR"
)


def numbers(emulator, count, **extra):
    client = emulator.client()
    return [request_number(client, "member-{0}".format(i), **extra)["PhoneNumberId"] for i in range(count)]


def pool_of(emulator, pool_id):
    """The pool and its members as the emulator holds them (ListPoolOriginationIdentities lags behind)."""
    client = emulator.client()
    (held,) = [p for p in emulator.state()["us-east-1"]["pools"] if p["PoolId"] == pool_id]
    return client.describe_pools(PoolIds=[pool_id])["Pools"][0], sorted(held["PhoneNumberIds"])


def test_pool_founded_from_numbers_requested_by_name_in_the_same_play(emulator):
    tasks = [
        {
            "name": "request",
            "pinpoint.sms_voice.phone_number": dict(name="{{ item }}", **NUMBER),
            "loop": ["pooled-a", "pooled-b"],
            "register": "numbers",
        },
        {
            "name": "pool",
            "pinpoint.sms_voice.pool": dict(
                name="senders",
                phone_numbers="{{ numbers.results | map(attribute='phone_number.phone_number_id') | list }}",
                **POOL_TASK,
            ),
            "register": "pool",
        },
    ]
    play = [{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]

    def pool_result(records):
        return next(r for r in records if r["task"] == "pool")

    records, operations, _calls, proc = run_playbook(emulator, play, check=True)
    assert proc.returncode == 0, proc.stdout
    writes = [op for op in operations if not op.startswith(("Describe", "List", "Get"))]
    assert writes == []
    predicted = pool_result(records)["result"]
    assert predicted["changed"] is True
    assert predicted["pool"]["message_type"] == "TRANSACTIONAL" and predicted["pool"]["tags"] == {"Name": "senders"}
    assert any("check-mode run has not requested" in w for w in predicted.get("warnings", []))

    records, operations, _calls, proc = run_playbook(emulator, play)
    assert proc.returncode == 0, proc.stdout
    writes = [op for op in operations if not op.startswith(("Describe", "List", "Get"))]
    assert writes == ["RequestPhoneNumber", "RequestPhoneNumber", "CreatePool", "AssociateOriginationIdentity"]
    pool = pool_result(records)["result"]["pool"]
    api_pool, members = pool_of(emulator, pool["pool_id"])
    assert sorted(pool["phone_number_ids"]) == members and len(members) == 2
    assert api_pool["PoolArn"] == pool["pool_arn"]

    for check in (True, False):
        records, operations, _calls, proc = run_playbook(emulator, play, check=check)
        assert proc.returncode == 0, proc.stdout
        assert [op for op in operations if not op.startswith(("Describe", "List", "Get"))] == []
        again = pool_result(records)["result"]
        assert again["changed"] is False
        assert again["pool"]["pool_id"] == pool["pool_id"]


def test_create_with_settings_then_add_and_purge_members(emulator):
    a, b, c = numbers(emulator, 3)
    args = dict(name="fleet", phone_numbers=[a, b], shared_routes_enabled=True, tags={"team": "ops"}, **POOL_TASK)
    check, apply, _again_check, again = converge(
        emulator, "pool", args, ["CreatePool", "AssociateOriginationIdentity", "UpdatePool"]
    )
    assert check.result["pool"]["shared_routes_enabled"] is True
    assert check.result["diff"]["before"] == {}
    pool = apply.result["pool"]
    assert pool["pool_id"].startswith("pool-")
    assert pool["tags"] == {"Name": "fleet", "team": "ops"}
    assert pool["shared_routes_enabled"] is True
    assert sorted(pool["phone_number_ids"]) == sorted([a, b])
    assert again.result["pool"]["phone_number_ids"] == pool["phone_number_ids"]
    create = next(call for call in apply.calls if call["operation"] == "CreatePool")
    assert create["params"]["OriginationIdentity"] == a and create["params"]["ClientToken"]

    # b and c only, by ID and by E.164: c joins, a leaves.
    e164 = emulator.client().describe_phone_numbers(PhoneNumberIds=[c])["PhoneNumbers"][0]["PhoneNumber"]
    moved = dict(name="fleet", phone_numbers=[b, e164], purge_phone_numbers=True)
    check, apply, _again_check, _again = converge(
        emulator, "pool", moved, ["AssociateOriginationIdentity", "DisassociateOriginationIdentity"]
    )
    assert sorted(check.result["pool"]["phone_number_ids"]) == sorted([b, c])
    assert sorted(pool_of(emulator, pool["pool_id"])[1]) == sorted([b, c])
    joins = [call["params"]["OriginationIdentity"] for call in apply.calls if call["operation"].startswith("Assoc")]
    assert joins == [c]

    # Without purge_phone_numbers, members not listed stay.
    assert run_task(emulator, "pool", dict(name="fleet", phone_numbers=[b])).changed is False


def test_the_last_member_is_refused_and_nothing_changes(emulator):
    (a,) = numbers(emulator, 1)
    run = run_task(emulator, "pool", dict(name="solo", phone_numbers=[a], **POOL_TASK))
    assert run.changed
    refused = run_task(emulator, "pool", dict(name="solo", phone_numbers=[], purge_phone_numbers=True))
    assert refused.failed and refused.changed is False
    assert "phone_numbers" in refused.result["msg"] and "state: absent" in refused.result["msg"]
    assert refused.operations == []


def test_settings_and_keywords_apply_to_the_pool_and_its_members(emulator):
    a, b = numbers(emulator, 2)
    run_task(emulator, "pool", dict(name="replies", phone_numbers=[a, b], **POOL_TASK))
    args = dict(
        name="replies",
        two_way_enabled=True,
        two_way_channel_arn=TOPIC,
        two_way_channel_role=ROLE,
        self_managed_opt_outs_enabled=True,
        keywords=[{"keyword": "JOIN", "reply": "Welcome"}],
    )
    check, apply, _again_check, again = converge(emulator, "pool", args, ["UpdatePool", "PutKeyword"])
    assert check.result["pool"]["two_way_channel_arn"] == TOPIC
    assert apply.result["pool"]["two_way_enabled"] is True
    assert {"keyword": "JOIN", "reply": "Welcome", "action": "AUTOMATIC_RESPONSE"} in again.result["pool"]["keywords"]
    member = emulator.client().describe_phone_numbers(PhoneNumberIds=[a])["PhoneNumbers"][0]
    assert member["TwoWayChannelArn"] == TOPIC and member["SelfManagedOptOutsEnabled"] is True
    diff = apply.result["diff"]
    assert diff["before"]["two_way_enabled"] is False and diff["after"]["two_way_enabled"] is True
    assert diff["before_header"] == "pool " + apply.result["pool"]["pool_id"]


def test_a_member_that_does_not_match_fails_before_any_write_naming_the_setting(emulator):
    a, b = numbers(emulator, 2)
    run_task(emulator, "pool", dict(name="strict", phone_numbers=[a], **POOL_TASK))
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="other")
    client.update_phone_number(PhoneNumberId=b, OptOutListName="other")
    run = run_task(emulator, "pool", dict(name="strict", phone_numbers=[a, b]))
    assert run.failed and run.changed is False
    assert "opt_out_list_name" in run.result["msg"] and b in run.result["msg"]
    assert run.result["settings"] == ["opt_out_list_name"]
    assert run.mutating == []


def test_a_member_matching_the_pool_only_after_its_update_joins_after_it(emulator):
    a, b = numbers(emulator, 2)
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="shared")
    client.update_phone_number(PhoneNumberId=b, OptOutListName="shared")
    run_task(emulator, "pool", dict(name="later", phone_numbers=[a], **POOL_TASK))
    args = dict(name="later", phone_numbers=[a, b], opt_out_list_name="shared")
    converge(emulator, "pool", args, ["UpdatePool", "AssociateOriginationIdentity"])


def test_deletion_protection_and_delete(emulator):
    a, b = numbers(emulator, 2)
    created = run_task(
        emulator, "pool", dict(name="kept", phone_numbers=[a, b], deletion_protection_enabled=True, **POOL_TASK)
    )
    assert created.result["pool"]["deletion_protection_enabled"] is True
    pool_id = created.result["pool"]["pool_id"]

    refused = run_task(emulator, "pool", dict(name="kept", state="absent"))
    assert refused.failed and refused.changed is False
    assert "deletion_protection_enabled: false" in refused.result["msg"]
    assert refused.mutating == []

    args = dict(name="kept", state="absent", deletion_protection_enabled=False)
    check, _apply, _again_check, again = converge(emulator, "pool", args, ["UpdatePool", "DeletePool"])
    assert check.result["diff"]["after"] == {}
    assert again.result["pool"] == {}
    assert emulator.client().describe_pools()["Pools"] == []
    # The numbers stay leased, out of the pool.
    left = emulator.client().describe_phone_numbers(PhoneNumberIds=[a, b])["PhoneNumbers"]
    assert all(n.get("PoolId") is None and n["Status"] != "DELETED" for n in left)
    assert pool_id not in str(left)


def test_a_number_in_another_pool_or_unknown_fails_naming_it(emulator):
    a, b = numbers(emulator, 2)
    run_task(emulator, "pool", dict(name="first", phone_numbers=[a], **POOL_TASK))
    run = run_task(emulator, "pool", dict(name="second", phone_numbers=[a, b], **POOL_TASK))
    assert run.failed and "is in pool" in run.result["msg"] and a in run.result["msg"]
    assert run.mutating == []
    unknown = "phone-" + "0" * 32
    run = run_task(emulator, "pool", dict(name="second", phone_numbers=[unknown], **POOL_TASK))
    assert run.failed and unknown in run.result["msg"] and "phone_numbers" in run.result["msg"]
    assert run.mutating == []


def test_bad_input_names_the_option_and_makes_no_call(emulator):
    cases = [
        (dict(pool_id="pool-1"), "pool_id"),
        (dict(name="x", phone_numbers=["12065550100"], **POOL_TASK), "phone_numbers"),
        (dict(name="x", iso_country_code="usa", message_type="TRANSACTIONAL"), "iso_country_code"),
        (dict(phone_numbers=["+12065550100"]), "name"),
        (dict(name="x", two_way_channel_arn="not-an-arn"), "two_way_channel_arn"),
    ]
    for args, option in cases:
        run = run_task(emulator, "pool", args)
        assert run.failed and run.changed is False, args
        assert option in run.result["msg"], (args, run.result["msg"])
        assert run.operations == [], (args, run.operations)


def test_create_needs_its_required_options(emulator):
    (a,) = numbers(emulator, 1)
    run = run_task(emulator, "pool", dict(name="incomplete", phone_numbers=[a]))
    assert run.failed and "iso_country_code" in run.result["msg"] and "message_type" in run.result["msg"]
    assert run.mutating == []
    run = run_task(emulator, "pool", dict(name="empty", **POOL_TASK))
    assert run.failed and "phone_numbers" in run.result["msg"]
    assert run.mutating == []


def test_overlapping_runs_found_one_pool(emulator):
    a, b = numbers(emulator, 2)
    args = dict(name="together", phone_numbers=[a, b], **POOL_TASK)
    runs = run_tasks_at_once(emulator, "pool", args, 3)
    assert [run.failed for run in runs] == [False] * 3, [run.result.get("msg") for run in runs]
    pools = emulator.client().describe_pools()["Pools"]
    assert len(pools) == 1
    assert {run.result["pool"]["pool_id"] for run in runs} == {pools[0]["PoolId"]}
    assert pool_of(emulator, pools[0]["PoolId"])[1] == sorted([a, b])
    assert run_task(emulator, "pool", args).changed is False


def test_a_pool_deleted_and_founded_again_by_the_same_task_is_a_new_pool(emulator):
    # The service replays a ClientToken's first answer, even for a pool deleted since.
    (a,) = numbers(emulator, 1)
    args = dict(name="again", phone_numbers=[a], **POOL_TASK)
    first = run_task(emulator, "pool", args).result["pool"]["pool_id"]
    assert run_task(emulator, "pool", dict(name="again", state="absent")).changed
    second = run_task(emulator, "pool", args)
    assert not second.failed, second.result.get("msg")
    assert second.result["pool"]["pool_id"] != first
    assert [p["PoolId"] for p in emulator.client().describe_pools()["Pools"]] == [second.result["pool"]["pool_id"]]
    assert run_task(emulator, "pool", args).changed is False
