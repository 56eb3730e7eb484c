"""The least-privilege IAM policies of docs/iam/ name exactly the actions the modules call.

Each module runs through ansible-playbook against the emulator along every
path it has (request, with the account's limits read first and a
registration checked, update, tags, keywords, pool move, release with
deletion protection and from a pool; listing with tags and keywords). The
operations the emulator records must be allowed by the module's policy, and
every action of the policy must have been used. The union of both policies
must also be exactly the set of service operations the module_utils name
(every string in them that is an operation of botocore's service model), so
a new call in the code cannot go out without its permission.

Each exercise runs with the module's own policy enforced by the emulator
(``iam_policy``, :mod:`tests.emulator.iam`), so a policy that lacks an action
a path needs fails it with AccessDeniedException; so do the EXAMPLES the
integration tests run, each task under the policy of its own module. For each
module, a policy with one action taken out (the first the task needs that
changes something, or an _info module's read) fails the task with a message
naming that action, before any change: no mutating call succeeded and the
emulator's state is as before.

``tag:GetResources`` (the Resource Groups Tagging API) sits in a statement of
its own, ``OptionalFindByTag``: the modules work without it (they read every
number's tags instead, see tests/integration/test_tagging_api.py), only slower.
"""

from __future__ import annotations

import ast
import importlib
import json

import botocore.session
import pytest

from tests.integration.harness import run_playbook, run_task
from tests.integration.test_examples import RUNNABLE as RUNNABLE_EXAMPLES
from tests.integration.test_examples import examples
from tests.integration.test_registration import TOLL_FREE_FIELDS

from .helpers import MODULES, REPO_ROOT

SERVICE = "pinpoint-sms-voice-v2"
PREFIX = "sms-voice:"
#: The Resource Groups Tagging API: IAM prefix "tag", botocore service name
TAGGING_SERVICE = "resourcegroupstaggingapi"
TAGGING_PREFIX = "tag:"
OPTIONAL_SID = "OptionalFindByTag"
MODULE_UTILS = REPO_ROOT / "plugins" / "module_utils" / "_sms_voice"
SIMULATOR = dict(
    iso_country_code="US", message_type="TRANSACTIONAL", number_capabilities=["SMS", "VOICE"], number_type="SIMULATOR"
)
TOPIC = "arn:aws:sns:us-east-1:123456789012:sms-replies"
ROLE = "arn:aws:iam::123456789012:role/SmsVoiceTwoWay"
TOLL_FREE_TYPE = "US_TOLL_FREE_REGISTRATION"


def policy_actions(module):
    document = policy(module)
    assert document["Version"] == "2012-10-17"
    actions = set()
    for statement in document["Statement"]:
        assert statement["Effect"] == "Allow"
        assert "NotAction" not in statement
        listed = statement["Action"]
        assert listed == sorted(set(listed)), "keep each statement's actions sorted and unique"
        actions.update(listed)
        tagging = [a for a in listed if a.startswith(TAGGING_PREFIX)]
        assert not tagging or (statement.get("Sid") == OPTIONAL_SID and listed == tagging), (
            "tag: actions are optional and belong in their own statement " + OPTIONAL_SID
        )
    assert all(action.startswith((PREFIX, TAGGING_PREFIX)) for action in actions)
    return {action.split(":", 1)[1] for action in actions}


def callable_operations():
    """Every operation of the service that the module_utils name in their source."""
    session = botocore.session.get_session()
    operations = set(session.get_service_model(SERVICE).operation_names)
    operations |= set(session.get_service_model(TAGGING_SERVICE).operation_names)
    named = set()
    for path in MODULE_UTILS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in operations:
                named.add(node.value)
    return named


# Answers the service's time makes part of a successful path (the emulator's defaults): a release
# right after its number left a pool still sees the pool (retried), and a deleted pool's wait ends
# when DescribePools no longer knows it.
SERVICE_TIME_ERRORS = {
    ("ReleasePhoneNumber", "ConflictException"),
    ("DescribePools", "ResourceNotFoundException"),
    # Not the service's time, but a successful path too: a resource without a policy answers GetResourcePolicy so.
    ("GetResourcePolicy", "ResourceNotFoundException"),
}
POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sms-voice:*", "Resource": "*"}],
}


def task(name, module, args, **extra):
    return dict({"name": name, "pinpoint.sms_voice." + module: args}, **extra)


def play(tasks):
    return [{"name": "Exercise every path", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]


def policy(module):
    return json.loads((REPO_ROOT / "docs" / "iam" / "{0}.json".format(module)).read_text())


def enforce(emulator, module):
    """From now on the emulator authorizes every call against the module's docs/iam policy alone."""
    emulator.config(iam_policy=policy(module))


def run_tasks(emulator, tasks):
    records, operations, calls, proc = run_playbook(emulator, play(tasks), diff=False)
    failed = [r for r in records if r["status"] == "failed"]
    assert proc.returncode == 0 and not failed, "{0}\n{1}\n{2}".format(failed, proc.stdout[-3000:], proc.stderr)
    assert [r["task"] for r in records] == [t["name"] for t in tasks]
    errors = [c for c in calls if c["error"] and (c["operation"], c["error"]) not in SERVICE_TIME_ERRORS]
    assert errors == [], "the exercise should take the successful paths"
    return records, set(operations)


@pytest.fixture(scope="module")
def callable_ops():
    return callable_operations()


def test_module_utils_call_operations_through_a_recognisable_name(callable_ops):
    # Guards the static scan itself: the calls every path needs must be found.
    assert {
        "DescribePhoneNumbers",
        "RequestPhoneNumber",
        "ReleasePhoneNumber",
        "ListTagsForResource",
        "GetResources",
    } <= callable_ops


def _uses_tagging_api(module):
    # The module's options (some come from shared code and doc fragments, not its own source).
    plugin = importlib.import_module("ansible_collections.pinpoint.sms_voice.plugins.modules." + module)
    return "use_tagging_api" in plugin.argument_spec()


@pytest.mark.parametrize("module", MODULES)
def test_tag_get_resources_is_an_optional_statement_of_its_own(module):
    # Only the modules that can find numbers by tag (option use_tagging_api) ask for tag:GetResources.
    optional = [s for s in policy(module)["Statement"] if s.get("Sid") == OPTIONAL_SID]
    expected = [["tag:GetResources"]] if _uses_tagging_api(module) else []
    assert [s["Action"] for s in optional] == expected


def test_policies_cover_exactly_what_the_code_can_call(callable_ops):
    both = set()
    for module in MODULES:
        actions = policy_actions(module)
        assert actions - callable_ops == set(), "{0}: the code never calls these".format(module)
        both |= actions
    assert callable_ops - both == set(), "the code can call these, but no policy allows them"


@pytest.mark.parametrize("module", [m for m in MODULES if m.endswith("_info")])
def test_info_policies_are_read_only(module):
    writes = {a for a in policy_actions(module) if not a.startswith(("Describe", "List", "Get"))}
    assert writes == set()


def test_phone_number_uses_every_action_of_its_policy_and_no_other(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="marketing")
    # A pool is created with a number of its own, so it is never left empty.
    # The pool's numbers share its founder's capabilities (NUMBER_CAPABILITIES_MISMATCH otherwise).
    anchor = client.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"], NumberType="SIMULATOR"
    )["PhoneNumberId"]
    pool_id = client.create_pool(OriginationIdentity=anchor, IsoCountryCode="US", MessageType="TRANSACTIONAL")["PoolId"]
    (registration_id,) = emulator.seed_registrations({"RegistrationType": "US_TOLL_FREE_REGISTRATION"})
    keywords = [{"keyword": "HELP", "reply": "Reply STOP to stop."}, {"keyword": "JOIN", "reply": "Welcome!"}]
    tasks = [
        task(
            "Request with tags",
            "phone_number",
            dict(name="iam-main", tags={"team": "ops", "env": "test"}, resource_policy=POLICY, **SIMULATOR),
        ),
        # Into the pool and out while its keywords still match the pool's (KEYWORD_MISMATCH otherwise).
        task("Move into a pool", "phone_number", dict(name="iam-main", pool_id=pool_id)),
        task("Take out of the pool", "phone_number", dict(name="iam-main", pool_id="")),
        task(
            "Update settings and tags, set keywords",
            "phone_number",
            dict(
                name="iam-main",
                deletion_protection_enabled=True,
                tags={"team": "messaging"},
                keywords=keywords,
                resource_policy={},
            ),
        ),
        task(
            "Purge a keyword",
            "phone_number",
            dict(name="iam-main", keywords=keywords[:1], purge_keywords=True),
        ),
        task(
            "Release, turning deletion protection off",
            "phone_number",
            dict(name="iam-main", deletion_protection_enabled=False, state="absent"),
        ),
        task(
            "Request into a pool",
            "phone_number",
            dict(name="iam-pooled", pool_id=pool_id, **SIMULATOR),
        ),
        task("Release a number of a pool", "phone_number", dict(name="iam-pooled", state="absent")),
        task(
            "Request with its own opt-out list and two-way SMS",
            "phone_number",
            dict(
                name="iam-two-way",
                opt_out_list_name="marketing",
                two_way_enabled=True,
                two_way_channel_arn=TOPIC,
                two_way_channel_role=ROLE,
                **SIMULATOR,
            ),
        ),
        task(
            "Request under a registration (checked before the request)",
            "phone_number",
            # A toll-free number under its verification: PENDING while it is reviewed, so not waited for.
            dict(
                name="iam-registered",
                registration_id=registration_id,
                wait=False,
                **dict(SIMULATOR, number_type="TOLL_FREE"),
            ),
        ),
    ]
    enforce(emulator, "phone_number")
    records, used = run_tasks(emulator, tasks)
    assert all(r["result"].get("changed") for r in records), [r["task"] for r in records if not r["result"]["changed"]]
    allowed = policy_actions("phone_number")
    assert used - allowed == set(), "phone_number called actions its policy does not allow"
    assert allowed - used == set(), "phone_number's policy allows actions the module did not need"


def test_phone_number_info_uses_every_action_of_its_policy_and_no_other(emulator):
    client = emulator.client()
    number_id = client.request_phone_number(
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="SIMULATOR",
        Tags=[{"Key": "Name", "Value": "iam-info"}],
    )["PhoneNumberId"]
    tasks = [
        task(
            "List by name, with tags, keywords and policies",
            "phone_number_info",
            dict(names=["iam-info"], include_keywords=True, include_resource_policy=True),
        ),
        task("List by ID", "phone_number_info", dict(phone_number_ids=[number_id])),
        task(
            "List by filter without tags", "phone_number_info", dict(filters={"status": "ACTIVE"}, include_tags=False)
        ),
    ]
    enforce(emulator, "phone_number_info")
    records, used = run_tasks(emulator, tasks)
    assert [len(r["result"]["phone_numbers"]) for r in records] == [1, 1, 1]
    allowed = policy_actions("phone_number_info")
    assert used - allowed == set(), "phone_number_info called actions its policy does not allow"
    assert allowed - used == set(), "phone_number_info's policy allows actions the module did not need"


def test_pool_info_uses_every_action_of_its_policy_and_no_other(emulator):
    client = emulator.client()
    number_id = client.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR"
    )["PhoneNumberId"]
    pool_id = client.create_pool(
        OriginationIdentity=number_id,
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        Tags=[{"Key": "Name", "Value": "iam-pool"}],
    )["PoolId"]
    tasks = [
        task(
            "List by name, with tags, keywords and policies",
            "pool_info",
            dict(names=["iam-pool"], include_keywords=True, include_resource_policy=True),
        ),
        task("List by ID", "pool_info", dict(pool_ids=[pool_id])),
        task("List by filter without tags", "pool_info", dict(filters={"status": "ACTIVE"}, include_tags=False)),
    ]
    second = client.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR"
    )["PhoneNumberId"]
    client.create_pool(OriginationIdentity=second, IsoCountryCode="US", MessageType="TRANSACTIONAL")
    # Two pools: their numbers come from the DescribePhoneNumbers page, not one listing per pool, once
    # DescribeSenderIds shows the account has no sender ID.
    tasks.append(task("List every pool", "pool_info", dict(include_tags=False)))
    enforce(emulator, "pool_info")
    records, used = run_tasks(emulator, tasks)
    assert [len(r["result"]["pools"]) for r in records] == [1, 1, 2, 2]
    allowed = policy_actions("pool_info")
    assert used - allowed == set(), "pool_info called actions its policy does not allow"
    assert allowed - used == set(), "pool_info's policy allows actions the module did not need"


def test_available_phone_number_info_uses_every_action_of_its_policy_and_no_other(emulator):
    preference = dict(preference_type="StartsWith", filter=["+1206"])
    tasks = [
        task("List available numbers", "available_phone_number_info", dict(number_capabilities=["SMS"])),
        task(
            "List with a preference, over two pages",
            "available_phone_number_info",
            dict(number_capabilities=["SMS"], number_preference=preference, limit=15),
        ),
    ]
    enforce(emulator, "available_phone_number_info")
    records, used = run_tasks(emulator, tasks)
    assert [len(r["result"]["available_phone_numbers"]) for r in records] == [10, 15]
    allowed = policy_actions("available_phone_number_info")
    assert used - allowed == set(), "available_phone_number_info called actions its policy does not allow"
    assert allowed - used == set(), "available_phone_number_info's policy allows actions the module did not need"


def test_pool_uses_every_action_of_its_policy_and_no_other(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="pool-list")
    members = [
        client.request_phone_number(
            IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR"
        )["PhoneNumberId"]
        for _index in range(3)
    ]
    keywords = [{"keyword": "JOIN", "reply": "Welcome!"}, {"keyword": "INFO", "reply": "Details."}]
    base = dict(name="iam-pool")
    tasks = [
        task(
            "Create from a founding number, with tags and keywords",
            "pool",
            dict(
                base,
                iso_country_code="US",
                message_type="TRANSACTIONAL",
                phone_numbers=members[:1],
                tags={"team": "ops"},
                keywords=keywords,
                resource_policy=POLICY,
            ),
        ),
        task(
            "Settings and tags",
            "pool",
            dict(
                base,
                opt_out_list_name="pool-list",
                deletion_protection_enabled=True,
                tags={"team": "messaging"},
                resource_policy={},
            ),
        ),
        task("Purge a keyword and the tags", "pool", dict(base, keywords=keywords[:1], purge_keywords=True, tags={})),
        task(
            "Delete, turning deletion protection off",
            "pool",
            dict(base, state="absent", deletion_protection_enabled=False),
        ),
        task(
            "Create again with two members, then keep one",
            "pool",
            dict(base, iso_country_code="US", message_type="TRANSACTIONAL", phone_numbers=members[1:]),
        ),
        task("Keep one member", "pool", dict(base, phone_numbers=members[2:], purge_phone_numbers=True)),
        task("Add a sender ID", "pool", dict(base, sender_ids=[dict(sender_id="IAMPOOL", iso_country_code="GB")])),
    ]
    client.request_sender_id(SenderId="IAMPOOL", IsoCountryCode="GB", MessageTypes=["TRANSACTIONAL"])
    enforce(emulator, "pool")
    records, used = run_tasks(emulator, tasks)
    assert all(r["result"].get("changed") for r in records), [r["task"] for r in records if not r["result"]["changed"]]
    allowed = policy_actions("pool")
    assert used - allowed == set(), "pool called actions its policy does not allow"
    assert allowed - used == set(), "pool's policy allows actions the module did not need"


def test_opt_out_list_uses_every_action_of_its_policy_and_no_other(emulator):
    client = emulator.client()
    client.create_opt_out_list(OptOutListName="iam-in-use")
    client.request_phone_number(
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="SIMULATOR",
        OptOutListName="iam-in-use",
    )
    tasks = [
        task(
            "Create with tags, a policy and numbers",
            "opt_out_list",
            dict(
                name="iam-list",
                tags={"team": "ops", "env": "test"},
                resource_policy=POLICY,
                opted_out_numbers=["+12065550100", "+12065550101"],
            ),
        ),
        task(
            "Change and purge tags and numbers, remove the policy",
            "opt_out_list",
            dict(
                name="iam-list",
                tags={"team": "messaging"},
                resource_policy={},
                opted_out_numbers=["+12065550100"],
                purge_opted_out_numbers=True,
            ),
        ),
        task("Delete", "opt_out_list", dict(name="iam-list", state="absent")),
        task(
            "Delete a list in use (refused, naming its number)",
            "opt_out_list",
            dict(name="iam-in-use", state="absent"),
            ignore_errors=True,
        ),
    ]
    enforce(emulator, "opt_out_list")
    records, operations, calls, proc = run_playbook(emulator, play(tasks), diff=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert [r["status"] for r in records] == ["ok", "ok", "ok", "failed"]
    assert [c for c in calls if c["error"] and c["operation"] != "DescribeOptOutLists"] == []
    used = set(operations)
    allowed = policy_actions("opt_out_list")
    assert used - allowed == set(), "opt_out_list called actions its policy does not allow"
    assert allowed - used == set(), "opt_out_list's policy allows actions the module did not need"


def test_opt_out_list_info_uses_every_action_of_its_policy_and_no_other(emulator):
    emulator.client().create_opt_out_list(OptOutListName="iam-info", Tags=[{"Key": "team", "Value": "ops"}])
    tasks = [
        task("List every list", "opt_out_list_info", dict()),
        task(
            "List by name, with tags, numbers and policies",
            "opt_out_list_info",
            dict(
                names=["iam-info"], tags={"team": "ops"}, include_opted_out_numbers=True, include_resource_policy=True
            ),
        ),
    ]
    enforce(emulator, "opt_out_list_info")
    records, used = run_tasks(emulator, tasks)
    assert [len(r["result"]["opt_out_lists"]) for r in records] == [2, 1]
    allowed = policy_actions("opt_out_list_info")
    assert used - allowed == set(), "opt_out_list_info called actions its policy does not allow"
    assert allowed - used == set(), "opt_out_list_info's policy allows actions the module did not need"


def clock_task(emulator, seconds):
    """A task that moves the emulator's clock (a review's weeks), outside any IAM policy."""
    return {
        "name": "Move the clock",
        "ansible.builtin.uri": {
            "url": emulator.url + "/_emulator/clock",
            "method": "POST",
            "body_format": "json",
            "body": {"advance": seconds},
        },
    }


def test_registration_uses_every_action_of_its_policy_and_no_other(emulator, tmp_path):
    number = emulator.client().request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="TOLL_FREE"
    )["PhoneNumberId"]
    image = tmp_path / "opt-in.pdf"
    image.write_bytes(b"%PDF-1.4\n")
    fields = dict(TOLL_FREE_FIELDS, **{"messagingUseCase.optInImage": str(image)})
    base = dict(name="iam-verification")
    tasks = [
        task(
            "Draft, fill (with an attachment), associate a number and submit",
            "registration",
            dict(
                base,
                registration_type=TOLL_FREE_TYPE,
                fields=fields,
                phone_numbers=[number],
                submit=True,
                tags={"team": "ops", "env": "test"},
            ),
        ),
        clock_task(emulator, 15 * 86400),
        task(
            "Change a field (a new version) and the tags",
            "registration",
            dict(base, fields={"contactInfo.lastName": "Roe"}, tags={"team": "messaging"}),
        ),
        task("Discard the new version", "registration", dict(base, discard=True)),
        task(
            "Draft another",
            "registration",
            dict(name="iam-draft", registration_type=TOLL_FREE_TYPE, fields={"contactInfo.firstName": "Jane"}),
        ),
        task(
            "Purge a field",
            "registration",
            dict(name="iam-draft", fields={"contactInfo.lastName": "Doe"}, purge_fields=True),
        ),
        task("Delete the draft", "registration", dict(name="iam-draft", state="absent")),
    ]
    enforce(emulator, "registration")
    records, operations, _calls, proc = run_playbook(emulator, play(tasks), diff=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    mine = [r for r in records if r["task"] != "Move the clock"]
    assert all(r["result"].get("changed") for r in mine), [r["task"] for r in mine if not r["result"]["changed"]]
    used = set(operations)
    allowed = policy_actions("registration")
    assert used - allowed == set(), "registration called actions its policy does not allow"
    assert allowed - used == set(), "registration's policy allows actions the module did not need"


def test_registration_info_uses_every_action_of_its_policy_and_no_other(emulator):
    emulator.client().create_registration(RegistrationType=TOLL_FREE_TYPE, Tags=[{"Key": "Name", "Value": "iam-info"}])
    tasks = [
        task(
            "List by name with everything",
            "registration_info",
            dict(names=["iam-info"], include_fields=True, include_versions=True, include_associations=True),
        ),
        task(
            "List by type without tags",
            "registration_info",
            dict(registration_types=[TOLL_FREE_TYPE], include_tags=False),
        ),
    ]
    enforce(emulator, "registration_info")
    records, used = run_tasks(emulator, tasks)
    assert [len(r["result"]["registrations"]) for r in records] == [1, 1]
    allowed = policy_actions("registration_info")
    assert used - allowed == set(), "registration_info called actions its policy does not allow"
    assert allowed - used == set(), "registration_info's policy allows actions the module did not need"


def test_sender_id_uses_every_action_of_its_policy_and_no_other(emulator):
    sender = dict(sender_id="IAMBRAND", iso_country_code="GB")
    tasks = [
        task(
            "Request, protected, with tags",
            "sender_id",
            dict(sender, deletion_protection_enabled=True, tags={"a": "1"}, resource_policy=POLICY),
        ),
        task(
            "Change and purge tags, remove the policy", "sender_id", dict(sender, tags={"b": "2"}, resource_policy={})
        ),
        task(
            "Release, turning protection off",
            "sender_id",
            dict(sender, deletion_protection_enabled=False, state="absent"),
        ),
    ]
    enforce(emulator, "sender_id")
    records, operations, calls, proc = run_playbook(emulator, play(tasks), diff=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert [r["result"]["changed"] for r in records] == [True, True, True]
    # (a sender ID is looked up by ID and country: ResourceNotFoundException is how it is found absent)
    assert [c for c in calls if c["error"] and c["operation"] != "DescribeSenderIds"] == []
    used = set(operations)
    allowed = policy_actions("sender_id")
    assert used - allowed == set(), "sender_id called actions its policy does not allow"
    assert allowed - used == set(), "sender_id's policy allows actions the module did not need"


def test_sender_id_info_uses_every_action_of_its_policy_and_no_other(emulator):
    emulator.client().request_sender_id(SenderId="IAMINFO", IsoCountryCode="GB", Tags=[{"Key": "team", "Value": "ops"}])
    tasks = [
        task("List every sender ID", "sender_id_info", dict(include_tags=False)),
        task(
            "List by ID, with tags",
            "sender_id_info",
            dict(sender_ids=[dict(sender_id="IAMINFO", iso_country_code="GB")], include_resource_policy=True),
        ),
    ]
    enforce(emulator, "sender_id_info")
    records, used = run_tasks(emulator, tasks)
    assert [len(r["result"]["sender_ids"]) for r in records] == [1, 1]
    allowed = policy_actions("sender_id_info")
    assert used - allowed == set(), "sender_id_info called actions its policy does not allow"
    assert allowed - used == set(), "sender_id_info's policy allows actions the module did not need"


def _is_mutating(operation):
    return not operation.startswith(("Describe", "List", "Get"))


def _switch_policy_task(emulator, module):
    """A task that puts the module's docs/iam policy in force for the tasks that follow."""
    return {
        "name": "IAM policy of " + module,
        "ansible.builtin.uri": {
            "url": emulator.url + "/_emulator/config",
            "method": "POST",
            "body_format": "json",
            "body": {"iam_policy": policy(module)},
        },
    }


@pytest.mark.parametrize("module", RUNNABLE_EXAMPLES)
def test_examples_run_with_only_their_modules_policies(emulator, module):
    # Before each example task, the play switches the emulator to the policy of that task's module,
    # so every task runs with the permissions its own module's policy grants and no others.
    tasks = []
    for example in examples(module):
        used = next(key.split(".")[-1] for key in example if key.startswith("pinpoint.sms_voice."))
        tasks += [_switch_policy_task(emulator, used), example]
    records, operations, calls, proc = run_playbook(
        emulator, [{"hosts": "localhost", "gather_facts": False, "tasks": tasks}], diff=False
    )
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert [r for r in records if r["status"] == "failed"] == []
    assert [c for c in calls if c["error"] == "AccessDeniedException"] == []
    assert emulator.config()["iam_policy"] is not None and operations


#: module -> (the action taken out of its policy, what to create first, the task's arguments).
#: The action is the first the task needs that changes something (or, for an _info module, its read),
#: so the task must stop before any change.
ONE_ACTION_REMOVED = {
    "phone_number": ("RequestPhoneNumber", None, dict(name="iam-denied", **SIMULATOR)),
    "phone_number_info": ("DescribePhoneNumbers", None, dict(filters={"status": "ACTIVE"})),
    "available_phone_number_info": ("ListAvailablePhoneNumbers", None, dict(number_capabilities=["SMS"])),
    "pool": (
        "CreatePool",
        "number",
        dict(name="iam-denied", iso_country_code="US", message_type="TRANSACTIONAL", phone_numbers=["{number}"]),
    ),
    "pool_info": ("DescribePools", None, dict()),
    "opt_out_list": ("CreateOptOutList", None, dict(name="iam-denied", tags={"team": "ops"})),
    "opt_out_list_info": ("DescribeOptOutLists", None, dict()),
    "registration": ("CreateRegistration", None, dict(name="iam-denied", registration_type=TOLL_FREE_TYPE)),
    "registration_info": ("DescribeRegistrations", None, dict()),
    "sender_id": ("RequestSenderId", None, dict(sender_id="DENIED", iso_country_code="GB", tags={"team": "ops"})),
    "sender_id_info": ("DescribeSenderIds", None, dict()),
}


def without(document, action):
    """The policy with ``action`` taken out; a statement left with no action goes too."""
    statements = []
    for statement in document["Statement"]:
        actions = [a for a in statement["Action"] if a != action]
        if actions:
            statements.append(dict(statement, Action=actions))
    return dict(document, Statement=statements)


def test_every_module_has_a_case_with_one_action_removed():
    assert set(ONE_ACTION_REMOVED) == set(MODULES)
    for module, (operation, _setup, _args) in ONE_ACTION_REMOVED.items():
        assert operation in policy_actions(module)


@pytest.mark.parametrize("module", sorted(ONE_ACTION_REMOVED))
def test_a_policy_without_one_action_fails_naming_it_and_changes_nothing(emulator, module):
    operation, setup, args = ONE_ACTION_REMOVED[module]
    emulator.client().describe_opt_out_lists()  # the region exists (with its Default list) before the state is taken
    if setup == "number":
        number = emulator.client().request_phone_number(
            IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR"
        )["PhoneNumberId"]
        args = json.loads(json.dumps(args).replace("{number}", number))
    action = PREFIX + operation
    reduced = without(policy(module), action)
    assert reduced != policy(module)
    emulator.config(iam_policy=reduced)
    before = emulator.state()
    run = run_task(emulator, module, args, diff=False)
    assert run.failed, run.result
    message = run.result["msg"]
    assert "is not authorized to perform: " + action in message
    assert "needs the IAM action " + action in message and "docs/iam/" in message
    denied = [c["operation"] for c in run.calls if c["error"] == "AccessDeniedException"]
    assert denied == [operation]
    assert [c["operation"] for c in run.calls if _is_mutating(c["operation"]) and c["error"] is None] == []
    assert emulator.state() == before


def reads_only(module):
    """The module's policy without the statement of actions that change something."""
    document = policy(module)
    kept = [s for s in document["Statement"] if not any(_is_mutating(a.split(":", 1)[1]) for a in s["Action"])]
    assert len(kept) < len(document["Statement"])
    return dict(document, Statement=kept)


#: A task of each module that manages something, creating it; in check mode it only reads.
CHECK_MODE_CREATES = {
    "phone_number": dict(name="iam-check", tags={"team": "ops"}, **SIMULATOR),
    "pool": dict(name="iam-check", iso_country_code="US", message_type="TRANSACTIONAL", phone_numbers=["{number}"]),
    "opt_out_list": dict(name="iam-check", tags={"team": "ops"}),
    "registration": dict(name="iam-check", registration_type="US_TOLL_FREE_REGISTRATION", tags={"team": "ops"}),
    "sender_id": dict(sender_id="CHECKED", iso_country_code="GB", tags={"team": "ops"}),
}


@pytest.mark.parametrize("module", sorted(CHECK_MODE_CREATES))
def test_check_mode_needs_only_the_read_actions(emulator, module):
    number = emulator.client().request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"], NumberType="SIMULATOR"
    )["PhoneNumberId"]
    args = json.loads(json.dumps(CHECK_MODE_CREATES[module]).replace("{number}", number))
    emulator.config(iam_policy=reads_only(module))
    run = run_task(emulator, module, args, check=True)
    assert not run.failed and run.changed, run.result
    # (an opt-out list is looked up by name: ResourceNotFoundException is how it is found absent)
    assert run.mutating == [] and [c for c in run.calls if c["error"] == "AccessDeniedException"] == []


def test_without_the_optional_statement_a_lookup_by_name_reads_every_number_and_warns(emulator):
    emulator.client().request_phone_number(
        IsoCountryCode="US",
        MessageType="TRANSACTIONAL",
        NumberCapabilities=["SMS"],
        NumberType="SIMULATOR",
        Tags=[{"Key": "Name", "Value": "iam-info"}],
    )
    document = policy("phone_number_info")
    emulator.config(
        iam_policy=dict(document, Statement=[s for s in document["Statement"] if s.get("Sid") != OPTIONAL_SID])
    )
    run = run_task(emulator, "phone_number_info", dict(names=["iam-info"]))
    assert not run.failed, run.result
    assert [n["tags"]["Name"] for n in run.result["phone_numbers"]] == ["iam-info"]
    assert [(c["operation"], c["error"]) for c in run.calls if c["error"]] == [
        ("GetResources", "AccessDeniedException")
    ]
    assert len([w for w in run.result.get("warnings", []) if "tag:GetResources" in w]) == 1
