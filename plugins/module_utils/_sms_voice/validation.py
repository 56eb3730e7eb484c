# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check the task's options before any call, with messages that name the option.

Limits and patterns are the service model's (botocore ``pinpoint-sms-voice-v2``),
so a task the service would reject fails here, before anything is read or changed.
"""

from __future__ import annotations

import json
import re

from .errors import SmsVoiceError

# Resource ARN type -> the prefix of its IDs (the service's IDs are the prefix, -, and 32 hex digits).
ID_PREFIXES = {"phone-number": "phone", "pool": "pool"}


def id_patterns(arn_type):
    """(ID pattern, ARN pattern) of a resource type of ``ID_PREFIXES``."""
    resource_id = r"{0}-[0-9a-f]{{32}}".format(ID_PREFIXES[arn_type])
    arn = r"arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{{12}}:{0}/{1}".format(arn_type, resource_id)
    return re.compile(resource_id), re.compile(arn)


PHONE_NUMBER_ID, PHONE_NUMBER_ARN = id_patterns("phone-number")
POOL_ID, POOL_ARN = id_patterns("pool")
E164 = re.compile(r"\+[1-9]\d{1,14}")
COUNTRY = re.compile(r"[A-Z]{2}")
RESOURCE_NAME = re.compile(r"[A-Za-z0-9_:/-]+")
OPT_OUT_LIST_NAME = re.compile(r"[A-Za-z0-9_-]+")  # CreateOptOutList's OptOutListName: 1 to 64 characters
OPT_OUT_LIST_NAME_MAX = 64
SENDER_ID = re.compile(r"[A-Za-z0-9_-]{1,11}")  # RequestSenderId's SenderId
IAM_ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+")
SNS_TOPIC_ARN = re.compile(r"arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}")
CONNECT_CHANNEL = re.compile(r"connect\.[a-z0-9-]+\.amazonaws\.com")
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256
TAGS_MAX = 50
# The model's TagKey (.+) and TagValue (.*) patterns are Java regular expressions:
# their "." matches any character but these line terminators.
LINE_TERMINATORS = re.compile("[\n\r\u0085\u2028\u2029]")


def fail(msg, **extra):
    raise SmsVoiceError(msg, **extra)


def check_resource_id(value, option, kind, arn_type):
    """Fail, naming ``option``, unless ``value`` is the ID or ARN of a ``kind`` (ARN type ``arn_type``)."""
    resource_id, arn = id_patterns(arn_type)
    if not (resource_id.fullmatch(value) or arn.fullmatch(value)):
        fail(
            "{0} {1!r} is neither a {2} ID ({3}- and 32 hex digits) nor a {2} "
            "ARN (arn:aws:sms-voice:<region>:<account>:{4}/<id>)".format(
                option, value, kind, ID_PREFIXES[arn_type], arn_type
            )
        )


def check_phone_number_id(value, option="phone_number_id"):
    check_resource_id(value, option, "phone number", "phone-number")


def check_pool_id(value, option="pool_id"):
    check_resource_id(value, option, "pool", "pool")


def check_e164(value, option="phone_number"):
    if not E164.fullmatch(value):
        fail("{0} {1!r} is not in E.164 format: a + then up to 15 digits, e.g. +12065550100".format(option, value))


def check_country(value, option="iso_country_code"):
    if not COUNTRY.fullmatch(value):
        fail("{0} {1!r} must be a two-letter upper-case ISO 3166-1 alpha-2 code, e.g. US".format(option, value))


def check_name(value, option, max_length=256):
    if not value or len(value) > max_length or not RESOURCE_NAME.fullmatch(value):
        fail("{0} {1!r} must be 1 to {2} characters of letters, digits, _ : / and -".format(option, value, max_length))


def check_opt_out_list_name(value, option="name"):
    """An opt-out list's own name (not an ARN), as CreateOptOutList takes it."""
    if not value or len(value) > OPT_OUT_LIST_NAME_MAX or not OPT_OUT_LIST_NAME.fullmatch(value):
        fail(
            "{0} {1!r} must be 1 to {2} characters of letters, digits, _ and -".format(
                option, value, OPT_OUT_LIST_NAME_MAX
            )
        )


def check_tags(tags, option="tags", name=None, kind="a phone number"):
    """Fail, naming the option, for tags the service would refuse.

    ``name`` (the task's name option) becomes the Name tag, so it counts toward the
    50 tags a number can carry.
    """
    count = len(tags) + (1 if name is not None and "Name" not in tags else 0)
    if count > TAGS_MAX:
        fail(
            "{0} has {1} tags{2}; {3} can have at most {4}".format(
                option, count, " (Name from name included)" if count > len(tags) else "", kind, TAGS_MAX
            )
        )
    for key, value in tags.items():
        key = str(key)
        if not key or len(key) > TAG_KEY_MAX or LINE_TERMINATORS.search(key):
            fail("{0}: tag key {1!r} must be 1 to {2} characters, without line breaks".format(option, key, TAG_KEY_MAX))
        if key.lower().startswith("aws:"):
            fail("{0}: tag key {1!r} uses the reserved prefix aws:".format(option, key))
        if value is not None and len(str(value)) > TAG_VALUE_MAX:
            fail("{0}: the value of tag {1!r} is longer than {2} characters".format(option, key, TAG_VALUE_MAX))
        if value is not None and LINE_TERMINATORS.search(str(value)):
            fail("{0}: the value of tag {1!r} contains a line break, which tag values cannot hold".format(option, key))


def check_two_way(params):
    arn = params.get("two_way_channel_arn")
    if arn is not None and not (SNS_TOPIC_ARN.fullmatch(arn) or CONNECT_CHANNEL.fullmatch(arn)):
        fail(
            "two_way_channel_arn {0!r} must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>) "
            "or connect.<region>.amazonaws.com for Amazon Connect".format(arn)
        )
    role = params.get("two_way_channel_role")
    if role is not None and not IAM_ROLE_ARN.fullmatch(role):
        fail("two_way_channel_role {0!r} must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)".format(role))
    if params.get("two_way_enabled") is False and (arn or role):
        fail("two_way_channel_arn and two_way_channel_role need two_way_enabled: true (or leave it unset)")


# NumberPreference (RequestPhoneNumber, ListAvailablePhoneNumbers): one preference of one type.
NUMBER_PREFERENCE_TYPES = ("StartsWith", "EndsWith", "Contains", "ExactMatch")
NUMBER_FILTER_VALUE = re.compile(r"\+?[0-9]{1,15}")
NUMBER_FILTER_VALUE_LENGTH = (2, 16)
NUMBER_FILTERS_MAX = 10  # ExactMatch; the pattern types take one value
NUMBER_PREFERENCE_WHERE = ("US", "TEN_DLC")
# The argument spec of the number_preference option (phone_number, available_phone_number_info).
NUMBER_PREFERENCE_OPTION = dict(
    type="dict",
    options=dict(
        preference_type=dict(type="str", required=True, choices=list(NUMBER_PREFERENCE_TYPES)),
        filter=dict(type="list", elements="str", required=True),
    ),
)


def check_number_preference(preference, iso_country_code=None, number_type=None, option="number_preference"):
    """The service's limits on a number preference; it applies only to US TEN_DLC numbers."""
    kind = preference.get("preference_type")
    if kind not in NUMBER_PREFERENCE_TYPES:
        fail("{0}.preference_type must be one of {1}".format(option, ", ".join(NUMBER_PREFERENCE_TYPES)))
    values = preference.get("filter") or []
    most = NUMBER_FILTERS_MAX if kind == "ExactMatch" else 1
    if not 1 <= len(values) <= most:
        fail(
            "{0}.filter has {1} values; {2} takes {3}".format(
                option, len(values), kind, "1 to {0}".format(most) if most > 1 else "exactly 1"
            )
        )
    low, high = NUMBER_FILTER_VALUE_LENGTH
    for value in values:
        if not (low <= len(value) <= high and NUMBER_FILTER_VALUE.fullmatch(value)):
            fail(
                "{0}.filter value {1!r} must be {2} to {3} characters: digits, optionally after a +, "
                "e.g. +1206 or 555".format(option, value, low, high)
            )
    where = dict(zip(("iso_country_code", "number_type"), NUMBER_PREFERENCE_WHERE))
    for key, given in (("iso_country_code", iso_country_code), ("number_type", number_type)):
        if given is not None and given != where[key]:
            fail(
                "{0} applies only to US TEN_DLC numbers, but {1} is {2}".format(option, key, given),
            )


KEYWORD_MAX = 30
KEYWORD_MESSAGE_MAX = 1600


def check_keywords(keywords):
    seen = set()
    for i, k in enumerate(keywords):
        word = k.get("keyword") or ""
        where = "keywords[{0}]".format(i)
        if word != word.strip() and word.strip():
            # The service would store "STOP " as a keyword of its own, beside STOP, and
            # the rules for STOP would not apply to it.
            fail("{0}.keyword {1!r} has white space at the start or end; write {2!r}".format(where, word, word.strip()))
        if not word or len(word) > KEYWORD_MAX or not re.fullmatch(r"[ \S]+", word) or not word.strip():
            fail(
                "{0}.keyword {1!r} must be 1 to {2} characters, without tabs or line breaks".format(
                    where, word, KEYWORD_MAX
                )
            )
        if word.upper() in seen:
            fail("{0}.keyword {1!r} is listed twice (keywords are compared case-insensitively)".format(where, word))
        seen.add(word.upper())
        reply = k.get("reply") or ""
        if not reply.strip() or len(reply) > KEYWORD_MESSAGE_MAX:
            fail(
                "{0}.reply for {1!r} must be 1 to {2} characters and not only white space".format(
                    where, word, KEYWORD_MESSAGE_MAX
                )
            )
        if word.upper() == "STOP" and k.get("action") not in (None, "OPT_OUT"):
            fail("{0}: the STOP keyword must keep action OPT_OUT".format(where))


def check_name_tag(params):
    """``name``: the value of the Name tag."""
    if params.get("name") is not None:
        if not params["name"] or len(params["name"]) > TAG_VALUE_MAX:
            fail("name must be 1 to {0} characters: it is the value of the Name tag".format(TAG_VALUE_MAX))
        if LINE_TERMINATORS.search(params["name"]):
            fail("name {0!r} contains a line break, which the value of the Name tag cannot hold".format(params["name"]))


def check_tags_keywords_wait(params):
    """``tags`` (with ``name``, their Name), ``keywords`` and ``wait_timeout``: the same on numbers and pools."""
    if params.get("tags") is not None:
        check_tags(params["tags"], name=params.get("name"))
        if params.get("name") is not None and "Name" in params["tags"] and params["tags"]["Name"] != params["name"]:
            fail(
                "tags sets Name to {0!r} but name is {1!r}: set one of them".format(
                    params["tags"]["Name"], params["name"]
                )
            )
    if params.get("keywords") is not None:
        check_keywords(params["keywords"])
    if params.get("wait_timeout") is not None and params["wait_timeout"] <= 0:
        fail("wait_timeout must be a positive number of seconds, got {0}".format(params["wait_timeout"]))


def check_member(value, option="phone_numbers"):
    """A pool member: a phone number ID, ARN or E.164 number."""
    if not (PHONE_NUMBER_ID.fullmatch(value) or PHONE_NUMBER_ARN.fullmatch(value) or E164.fullmatch(value)):
        fail(
            "{0}: {1!r} is neither a phone number ID (phone- and 32 hex digits), a phone number ARN nor an "
            "E.164 number such as +12065550100".format(option, value)
        )


def check_pool_params(params, check_mode=False):
    """Every check of ``pool``'s options that needs no call to AWS."""
    if params.get("pool_id") is not None:
        check_pool_id(params["pool_id"])
    check_name_tag(params)
    if params.get("pool_id") is None and params.get("name") is None:
        fail("one of name or pool_id is required: name identifies (and on first run creates) a pool by its Name tag")
    if params.get("iso_country_code") is not None:
        check_country(params["iso_country_code"])
    if params.get("opt_out_list_name") is not None:
        check_name(params["opt_out_list_name"], "opt_out_list_name")
    check_two_way(params)
    check_tags_keywords_wait(params)
    members = params.get("phone_numbers")
    for value in members or []:
        # In check mode a number the same play requests has no ID yet (its registered result holds none).
        if value in (None, "") and not check_mode:
            fail("phone_numbers has an empty entry: list phone number IDs, ARNs or E.164 numbers")
        if value not in (None, ""):
            check_member(value)
    senders = params.get("sender_ids")
    check_sender_ids_option(senders)
    present = params.get("state") == "present"
    if members is not None and params.get("purge_phone_numbers") and present and not members and not senders:
        fail(
            "phone_numbers is empty and purge_phone_numbers is true: a pool cannot be left without numbers. "
            "Delete the pool with state: absent instead, or list the sender IDs it keeps in sender_ids"
        )
    if senders is not None and params.get("purge_sender_ids") and present and not senders and not members:
        fail(
            "sender_ids is empty and purge_sender_ids is true, and phone_numbers lists no number: a pool cannot be "
            "left without numbers or sender IDs. Delete the pool with state: absent instead"
        )
    parse_resource_policy(params.get("resource_policy"))


def check_phone_number_params(params):
    """Every check of ``phone_number``'s options that needs no call to AWS."""
    if params.get("phone_number_id") is not None:
        check_phone_number_id(params["phone_number_id"])
    if params.get("phone_number") is not None:
        check_e164(params["phone_number"])
    check_name_tag(params)
    if not any(params.get(k) is not None for k in ("phone_number_id", "phone_number", "name")):
        fail(
            "one of name, phone_number_id or phone_number is required: name identifies (and on first "
            "run requests) a number by its Name tag"
        )
    if params.get("iso_country_code") is not None:
        check_country(params["iso_country_code"])
    caps = params.get("number_capabilities")
    if caps is not None:
        check_capabilities(caps, caps)
    if params.get("number_type") == "SIMULATOR":
        if params.get("message_type") == "PROMOTIONAL":
            fail("number_type SIMULATOR supports only message_type TRANSACTIONAL")
        if params.get("iso_country_code") not in (None, "US"):
            fail("number_type SIMULATOR is available only for iso_country_code US")
    for option in ("opt_out_list_name", "registration_id"):
        if params.get(option) is not None:
            check_name(params[option], option)
    if params.get("pool_id"):
        check_name(params["pool_id"], "pool_id")
    check_two_way(params)
    check_tags_keywords_wait(params)
    if params.get("number_preference") is not None:
        check_number_preference(params["number_preference"], params.get("iso_country_code"), params.get("number_type"))
    parse_resource_policy(params.get("resource_policy"))


# Access key IDs, secret keys and session tokens are printable ASCII without spaces.
CREDENTIAL_TEXT = re.compile(r"[\x21-\x7e]+")


def check_credential(option, value, source="task"):
    """Fail, naming the option and where its value came from but never the value, for a credential
    with white space, control or non-ASCII characters.

    A trailing newline (a YAML ``|`` block, a variable read from a file) is the usual cause; sent as
    it is, botocore's HTTP client refuses the header and prints it, the secret included.
    """
    if option == "profile":
        bad = value != value.strip() or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value)
    else:
        bad = not CREDENTIAL_TEXT.fullmatch(value)
    if bad:
        where = "" if source == "task" else " (from the environment variable {0})".format(source)
        fail(
            "{0}{1} contains white space, a line break or another character that cannot be part of it; "
            "a trailing newline from a YAML | block or a file is the usual cause. Remove it "
            "(the value is not shown)".format(option, where)
        )


def check_capabilities(caps, shown):
    """``number_capabilities``: at least one, none twice (``shown``: how the message lists them)."""
    if not caps:
        fail("number_capabilities must list at least one of SMS, VOICE, MMS, RCS")
    if len(set(caps)) != len(caps):
        fail("number_capabilities lists a capability more than once: {0}".format(shown))


def check_available_params(params):
    """Every check of ``available_phone_number_info``'s options that needs no call to AWS, each naming its option."""
    check_country(params["iso_country_code"])
    caps = params.get("number_capabilities") or []
    check_capabilities(caps, ", ".join(caps))
    if params.get("registration_id") is not None:
        check_name(params["registration_id"], "registration_id")
    if params.get("number_preference") is not None:
        check_number_preference(params["number_preference"], params["iso_country_code"], params["number_type"])
    if params["limit"] < 1:
        fail("limit must be at least 1, got {0}".format(params["limit"]))


DEFAULT_OPT_OUT_LIST = "Default"  # every account has it in every region; it cannot be deleted


def check_opt_out_list_params(params):
    """Every check of ``opt_out_list``'s options that needs no call to AWS."""
    check_opt_out_list_name(params["name"], "name")
    if params.get("tags"):
        check_tags(params["tags"], kind="an opt-out list")
    parse_resource_policy(params.get("resource_policy"))
    check_opted_out_numbers(params)
    if params["state"] == "absent" and params["name"] == DEFAULT_OPT_OUT_LIST:
        fail(
            "name: the Default opt-out list belongs to every account and region and cannot be deleted; "
            "nothing was changed"
        )


def check_opt_out_list_info_params(params):
    for name in params.get("names") or []:
        check_name(name, "names")
    if params.get("owner") and params.get("names"):
        fail("owner cannot be used together with names: the API does not allow it")


FILTER_VALUE_MAX = 128
FILTER_VALUES_MAX = 20


def check_filters(filters, table):
    """Fail, naming the filter, for a name not in ``table`` or a value the API would refuse.

    ``table`` is filter name -> allowed values (None: any value), see ``resource.filter_values``.
    """
    for name, values in filters.items():
        if name not in table:
            raise SmsVoiceError(
                "filters: unknown filter {0!r}; valid filters are {1}".format(name, ", ".join(sorted(table)))
            )
        if not isinstance(values, (list, tuple)):
            values = [values]
        if not values:
            raise SmsVoiceError("filters: {0} needs at least one value".format(name))
        if len(values) > FILTER_VALUES_MAX:
            raise SmsVoiceError("filters: {0} has {1} values, at most {2}".format(name, len(values), FILTER_VALUES_MAX))
        for value in values:
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            if value is None or text == "" or len(text) > FILTER_VALUE_MAX:
                raise SmsVoiceError("filters: {0} has an empty or too long value {1!r}".format(name, value))
            allowed = table[name]
            if allowed is not None and text not in allowed:
                raise SmsVoiceError(
                    "filters: {0} value {1!r} is not one of {2}".format(name, value, ", ".join(allowed))
                )


def check_listing_params(params, ids_option, check_id, filter_table):
    """The checks every listing module makes before any call: IDs, names, filters, owner with IDs."""
    for identifier in params.get(ids_option) or []:
        check_id(identifier, ids_option)
    for name in params.get("names") or []:
        if not name:
            raise SmsVoiceError("names must not contain an empty name")
    if params.get("filters"):
        check_filters(params["filters"], filter_table)
    if params.get("owner") and params.get(ids_option):
        raise SmsVoiceError("owner cannot be used together with {0}: the API does not allow it".format(ids_option))


def check_phone_number_info_params(params, filter_table):
    check_listing_params(params, "phone_number_ids", check_phone_number_id, filter_table)
    for e164 in params.get("phone_numbers") or []:
        check_e164(e164, "phone_numbers")


def check_pool_info_params(params, filter_table):
    check_listing_params(params, "pool_ids", check_pool_id, filter_table)


POLICY_MAX = 10000  # PutResourcePolicy's Policy: 1 to 10,000 characters


def parse_resource_policy(value, option="resource_policy"):
    """The policy document a task gives (a dict, or its JSON text) as a dict; ``{}`` asks for no policy.

    Fails, naming the option, for text that is not JSON, a document that is not a JSON object with a
    ``Statement``, or one longer than the service takes. None (the option unset) stays None.
    """
    if value is None:
        return None
    document = value
    if isinstance(value, str):
        try:
            document = json.loads(value) if value.strip() else {}
        except ValueError as e:
            fail("{0} is not valid JSON: {1}; nothing was changed".format(option, e))
    if not isinstance(document, dict):
        fail(
            "{0} must be a policy document (a dict, or its JSON text as a string), or {{}} to remove the policy; "
            "got {1}".format(option, type(document).__name__)
        )
    if document and "Statement" not in document:
        fail("{0} has no Statement: a resource policy is a JSON object with a Statement".format(option))
    if len(json.dumps(document, sort_keys=True)) > POLICY_MAX:
        fail("{0} is longer than {1} characters as JSON, the most the service takes".format(option, POLICY_MAX))
    return document


def check_opted_out_numbers(params, option="opted_out_numbers"):
    """``opted_out_numbers``: E.164 destination numbers (the model's PhoneNumber, with its +)."""
    numbers = params.get(option)
    for value in numbers or []:
        check_e164(value, option)
    if params.get("purge_" + option) and numbers is None:
        fail("purge_{0} needs {0}: the numbers the list keeps ([] keeps none the API put)".format(option))


REGISTRATION_ID = re.compile(r"registration-[0-9a-z]{32}")
REGISTRATION_ARN = re.compile(r"arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:registration/registration-[0-9a-z]{32}")
REGISTRATION_STATUSES = (
    "CREATED",
    "SUBMITTED",
    "AWS_REVIEWING",
    "REVIEWING",
    "REQUIRES_AUTHENTICATION",
    "PROVISIONING",
    "COMPLETE",
    "REQUIRES_UPDATES",
    "CLOSED",
    "DELETED",
)


def check_registration_id(value, option="registration_id"):
    if not (REGISTRATION_ID.fullmatch(value) or REGISTRATION_ARN.fullmatch(value)):
        fail(
            "{0} {1!r} is neither a registration ID (registration- and 32 letters or digits) nor a registration ARN "
            "(arn:aws:sms-voice:<region>:<account>:registration/<id>)".format(option, value)
        )


def check_registration_params(params):
    """Every check of ``registration``'s options that needs no call to AWS (the fields need the service's definitions)."""
    if params.get("registration_id"):
        check_registration_id(params["registration_id"])
    check_name_tag(params)
    if params.get("tags"):
        check_tags(params["tags"], name=params.get("name"), kind="a registration")
    if params.get("discard") and (params.get("fields") or params.get("submit") or params.get("phone_numbers")):
        fail("discard: a task that discards the draft version cannot also set fields, phone_numbers or submit")
    for path in params.get("fields") or {}:
        if not path or "." not in path:
            fail("fields: {0!r} is not a field path (<section>.<field>, e.g. companyInfo.companyName)".format(path))
    for number in params.get("phone_numbers") or []:
        if not (E164.fullmatch(number) or PHONE_NUMBER_ID.fullmatch(number) or PHONE_NUMBER_ARN.fullmatch(number)):
            fail("phone_numbers: {0!r} is not a phone number ID, ARN or E.164 number".format(number))


def check_registration_info_params(params):
    for identifier in params.get("registration_ids") or []:
        check_registration_id(identifier, "registration_ids")
    for name in params.get("names") or []:
        if not name:
            fail("names must not contain an empty name")
    for status in params.get("statuses") or []:
        if status not in REGISTRATION_STATUSES:
            fail("statuses: {0!r} is not one of {1}".format(status, ", ".join(REGISTRATION_STATUSES)))


def check_sender_id_entry(sender_id, iso_country_code, option):
    """A sender ID and its country: 1 to 11 letters, digits, _ and -, with a letter (the model and its doc)."""
    if not isinstance(sender_id, str) or not SENDER_ID.fullmatch(sender_id) or not re.search("[A-Za-z]", sender_id):
        fail(
            "{0} {1!r} is not a sender ID: 1 to 11 letters, digits, _ and -, with at least one letter".format(
                option, sender_id
            )
        )
    check_country(
        iso_country_code, "{0}: iso_country_code".format(option) if option != "sender_id" else "iso_country_code"
    )


def check_sender_id_params(params):
    """Every check of ``sender_id``'s options that needs no call to AWS."""
    check_sender_id_entry(params["sender_id"], params["iso_country_code"], "sender_id")
    types = params.get("message_types")
    if types is not None and (not types or len(set(types)) != len(types)):
        fail("message_types must list TRANSACTIONAL, PROMOTIONAL or both, each once")
    if params.get("tags"):
        check_tags(params["tags"], kind="a sender ID")
    parse_resource_policy(params.get("resource_policy"))


def check_sender_ids_option(entries, option="sender_ids"):
    """A list of ``{sender_id, iso_country_code}`` entries (``sender_id_info``'s and ``pool``'s)."""
    for entry in entries or []:
        check_sender_id_entry(entry.get("sender_id"), entry.get("iso_country_code"), option)


def check_sender_id_info_params(params, filter_table):
    check_sender_ids_option(params.get("sender_ids"))
    if params.get("filters"):
        check_filters(params["filters"], filter_table)
    if params.get("owner") and params.get("sender_ids"):
        fail("owner cannot be used together with sender_ids: the API does not allow it")
