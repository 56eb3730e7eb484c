# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each resource the collection manages, described once.

A ``Resource`` lists its fields - the option name, the API member, whether the
create call takes it, whether the update call changes it, whether it can never
change, its value on a new resource and its choices (the values of a botocore
enum; ``tests/unit/test_resource.py`` checks them against the service model) -
its lookup keys and its calls. Everything else is derived from that one
description: the modules' argument spec entries (``option_specs``), the
planner's lists (``immutable_differences``, ``update_params``,
``create_params``, ``new_resource``), the result shaper (``shape``,
``merge_response``) and the keys each module's RETURN must list.

Adding a setting to a resource is one ``Field`` here; nothing else needs to know.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class _Unset:
    """No default: a new resource's value is unknown until the service says."""

    def __repr__(self):
        return "UNSET"


UNSET: Any = _Unset()


# A description holds one attribute per fact about the service.
@dataclass(frozen=True)
class Field:  # pylint: disable=too-many-instance-attributes
    """One setting or attribute of a resource.

    ``member`` is the API member the read call returns (None: the service never
    returns it, e.g. the country a pool was created with). ``create`` and
    ``update`` say which calls take it; ``immutable`` that a difference from an
    existing resource is an error rather than a change. ``kind`` is ``str``,
    ``bool``, ``set`` (a list compared as a set), ``list``, ``map`` or ``time``.
    ``option`` is False for attributes that are only returned, never set.
    """

    key: str
    member: str | None
    create: bool = False
    update: bool = False
    immutable: bool = False
    required_to_create: bool = False
    default: Any = UNSET
    kind: str = "str"
    choices: tuple | None = None
    enum: str | None = None
    option: bool = True
    create_member: str | None = None
    # For a ``map`` of structures: (API member, result key) of each part, in order.
    parts: tuple = ()
    # The resource whose identifier the field holds (a reference, checked before the first write).
    refers: Any = None

    @property
    def settable(self):
        return self.option and (self.create or self.update or self.immutable)

    @property
    def update_only(self):
        """Set by the update call only: a new resource gets it after it is created."""
        return self.update and not self.create

    def api_value(self, value):
        if self.kind == "set":
            return list(value)
        return value

    def result_value(self, value):
        if value is None:
            return None
        if self.kind == "time":
            return iso8601(value)
        if self.kind in ("set", "list"):
            return list(value)
        if self.kind == "map":
            return {key: dict(value[member]) for member, key in self.parts if member in value}
        return value

    def same(self, have, want):
        if self.kind == "set":
            return set(have or []) == set(want or [])
        return have == want


@dataclass(frozen=True)
class Resource:  # pylint: disable=too-many-instance-attributes
    """A resource: its fields, how it is found, and its calls.

    ``kind`` names it in messages ("phone number"); ``result_key`` is the key of
    the module's result that holds it; ``arn_type`` is the resource type in its
    ARN and in the Resource Groups Tagging API (``sms-voice:<arn_type>``).
    ``extra_keys`` are result keys read by calls of their own (tags, keywords,
    members), always present in the shape.
    """

    kind: str
    result_key: str
    id_key: str
    id_member: str
    arn_key: str
    arn_member: str
    arn_type: str
    fields: tuple
    describe: str
    describe_ids: str
    describe_list: str
    max_ids: int
    create: str = ""
    update: str = ""
    delete: str = ""
    extra_keys: tuple = ("tags",)
    name_tag: bool = True
    # The describe call's filters, as (filter name, key of the field it selects on) pairs.
    filters: tuple = ()
    # The option that lists the resource's members (and ``purge_<option>``), if it has members.
    members_option: str = ""
    # A composite identity: the API members (of fields) that together name the resource in its calls.
    # Empty: ``id_member`` alone does.
    key_members: tuple = ()
    # What only this resource knows, as hooks: a ``plan.Rules`` (a plain resource: ``plan.Rules()`` itself).
    rules: Any = None
    _by_key: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._by_key.update((f.key, f) for f in self.fields)
        if self.rules is None:
            # Not defaulted here: plan.Rules builds steps, and plan imports this module.
            raise TypeError(
                "Resource {0!r} needs rules: a plan.Rules instance (plan.Rules() for a plain one)".format(self.kind)
            )

    def field(self, key):
        return self._by_key[key]

    @property
    def result_keys(self):
        """Every key of the shaped resource, in order."""
        return tuple(f.key for f in self.fields if f.member is not None) + self.extra_keys

    @property
    def settable(self):
        return tuple(f for f in self.fields if f.settable)

    @property
    def immutable(self):
        return tuple(f for f in self.fields if f.option and f.immutable)

    @property
    def updatable(self):
        return tuple(f for f in self.fields if f.option and f.update)

    @property
    def required_to_create(self):
        return tuple(f.key for f in self.fields if f.required_to_create)

    def key_params(self, item):
        """The parameters that name ``item`` in the resource's calls (its ID, or every key member)."""
        if not self.key_members:
            return {self.id_member: item[self.id_key]}
        by_member = {f.member or f.create_member: f.key for f in self.fields}
        return {member: item[by_member[member]] for member in self.key_members}

    def identity(self, value):
        """What the describe call takes to name one resource, from an ID or ARN, or from a mapping.

        The mapping is a shaped item or a task's entry (option keys), or the
        API's own members; for a composite identity (``key_members``) the
        result is the mapping of every key member, one entry of the describe
        call's list of identities.
        """
        if not isinstance(value, Mapping):
            return value
        if not self.key_members:
            return value.get(self.id_key) or value.get(self.id_member)
        by_member = {f.member or f.create_member: f.key for f in self.fields}
        return {m: value[m] if m in value else value[by_member[m]] for m in self.key_members}

    def placeholder(self):
        """Stands for the ID of a resource this run is about to create, in the steps after the create call."""
        return "<new {0}>".format(self.kind)

    def arn_placeholder(self):
        """Stands for the ARN of a resource this run is about to create (calls keyed on ARNs: policies)."""
        return "<new {0} ARN>".format(self.kind)


def identity_key(identifier):
    """A hashable form of an identifier of ``Resource.identity`` (a composite one is a mapping)."""
    return tuple(sorted(identifier.items())) if isinstance(identifier, Mapping) else identifier


def unique_identities(resource, values):
    """The identities of ``values`` (IDs, ARNs or mappings), each once, in order."""
    found: dict = {}
    for value in values:
        identifier = resource.identity(value)
        found.setdefault(identity_key(identifier), identifier)
    return list(found.values())


def option_specs(resource, keys=None):
    """Argument spec entries (type, elements, choices) for the resource's settable fields.

    The module adds what is not the resource's own (lookup, state, wait...).
    ``keys`` limits the entries to these options, in this order.
    """
    wanted = [resource.field(k) for k in keys] if keys is not None else list(resource.settable)
    specs = {}
    for f in wanted:
        spec: dict[str, Any]
        if f.kind in ("set", "list"):
            spec = dict(type="list", elements="str")
        else:
            spec = dict(type=f.kind if f.kind == "bool" else "str")
        if f.choices:
            spec["choices"] = list(f.choices)
        specs[f.key] = spec
    return specs


def filter_values(resource):
    """The describe call's filter names -> the values each takes (None: any value of the API's pattern).

    Derived from the fields the filters select on: a boolean field's filter takes
    ``true`` or ``false``, a field with choices takes its choices.
    """
    table = {}
    for name, key in resource.filters:
        f = resource.field(key)
        table[name] = ("true", "false") if f.kind == "bool" else f.choices
    return table


def filters_on(*names, **renamed):
    """(filter name, field key) pairs: a filter selects on the field of its name with _ for -, unless renamed."""
    return tuple((name, renamed.get(name.replace("-", "_"), name.replace("-", "_"))) for name in names)


def iso8601(value):
    """A timestamp from boto3 (datetime) or the emulator (epoch seconds) as ISO 8601."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        value = datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.isoformat()


def tags_to_dict(tags):
    """``[{"Key": k, "Value": v}]`` -> ``{k: v}``."""
    return {tag["Key"]: tag.get("Value", "") for tag in tags or []}


def tags_to_list(tags):
    """``{k: v}`` -> ``[{"Key": k, "Value": v}]``, sorted for stable requests."""
    return [{"Key": key, "Value": "" if value is None else str(value)} for key, value in sorted(tags.items())]


def fields_of(resource, api_item):
    """(result key, value) for every member the API item has."""
    for f in resource.fields:
        if f.member is None:
            continue
        value = api_item.get(f.member)
        if value is not None:
            yield f.key, f.result_value(value)


def shape(resource, api_item, tags=None, **extra):
    """An API item (read, create or update output) as the modules return it.

    Every key of ``resource.result_keys`` is present (None when the service did
    not say); ``tags`` is a dict or API tag list (None: the item's own ``Tags``).
    ``extra`` fills the other extra keys (keywords, members).
    """
    result = dict.fromkeys(resource.result_keys)
    result.update(fields_of(resource, api_item))
    if "tags" in resource.extra_keys:
        if tags is None:
            tags = api_item.get("Tags")
        result["tags"] = dict(tags) if isinstance(tags, dict) else tags_to_dict(tags)
    for key, value in extra.items():
        if key not in resource.extra_keys:
            raise KeyError(key)
        result[key] = value
    return result


def merge_response(resource, predicted, api_item):
    """Overlay what an API response says on a predicted result (write outputs are partial)."""
    result = dict(predicted)
    result.update(fields_of(resource, api_item))
    return result


@dataclass(frozen=True)
class Lookup:
    """How a task finds its resource: the option it used and its value."""

    key: str
    value: Any


@dataclass(frozen=True)
class TagsWish:
    """The tags a task asks for (``Name`` included when it names the resource), and whether others go."""

    tags: Mapping[str, str] | None
    name: str | None
    purge: bool

    def wanted(self):
        """The tags to have, or None when the task leaves tags alone."""
        if self.tags is None and self.name is None:
            return None
        wanted = {k: "" if v is None else str(v) for k, v in (self.tags or {}).items()}
        if self.name is not None:
            wanted["Name"] = self.name
        return wanted


@dataclass(frozen=True)
class ListWish:
    """Members of a list setting (keywords, pool members): the ones asked for, and whether others go."""

    items: tuple | None
    purge: bool


@dataclass(frozen=True)
class Desired:  # pylint: disable=too-many-instance-attributes
    """What a task asks of one resource: typed, only the resource's own settings in ``settings``.

    ``settings`` holds every settable field the task set (unset options are
    absent: an option left out is never touched). ``keywords`` and ``members``
    are None when the resource has no such list or the task does not manage it.
    """

    resource: Resource
    state: str
    lookup: Lookup | None
    settings: Mapping[str, Any]
    tags: TagsWish
    keywords: ListWish | None = None
    members: ListWish | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key, default=None):
        """A setting the task set, or ``default``."""
        return self.settings.get(key, default)

    @property
    def name(self):
        return self.tags.name


def desired_from_params(resource, params, lookup_keys, extras=()):
    """The typed ``Desired`` of a module's params.

    ``lookup_keys`` are the lookup options in order of precedence (the first
    set one is the lookup). Keywords come from ``keywords``/``purge_keywords``
    and members from the resource's ``members_option`` (and ``purge_`` it) when
    the module has those options. ``extras`` names options passed through as they are.
    """
    settings = {}
    for f in resource.settable:
        value = params.get(f.key)
        if value is not None:
            settings[f.key] = value
    lookup = None
    for key in lookup_keys:
        if params.get(key) is not None:
            lookup = Lookup(key, params[key])
            break
    keywords = None
    if "keywords" in params:
        items = params.get("keywords")
        keywords = ListWish(None if items is None else tuple(items), bool(params.get("purge_keywords")))
    members = None
    option = resource.members_option
    if option and option in params:
        items = params.get(option)
        members = ListWish(None if items is None else tuple(items), bool(params.get("purge_" + option)))
    name = params.get("name") if resource.name_tag else None
    tags = TagsWish(params.get("tags"), name, params.get("purge_tags", True))
    return Desired(
        resource=resource,
        state=params.get("state") or "present",
        lookup=lookup,
        settings=settings,
        tags=tags,
        keywords=keywords,
        members=members,
        extras={key: params.get(key) for key in extras},
    )


def immutable_differences(resource, current, desired):
    """``["number_type: LONG_CODE -> TOLL_FREE", ...]`` for every immutable setting that differs."""
    diffs = []
    for f in resource.immutable:
        want = desired.get(f.key)
        if want is None:
            continue
        have = current.get(f.key)
        if not f.same(have, want):
            if f.kind == "set":
                diffs.append("{0}: {1} -> {2}".format(f.key, sorted(have or []), sorted(want)))
            else:
                diffs.append("{0}: {1} -> {2}".format(f.key, "not set" if have is None else have, want))
    return diffs


def update_params(resource, current, desired, only=None):
    """(update call parameters, result changes) for the updatable settings that differ.

    ``only`` limits the fields considered (e.g. the update-only ones after a create).
    """
    params, changes = {}, {}
    for f in resource.updatable:
        if only is not None and f.key not in only:
            continue
        want = desired.get(f.key)
        if want is not None and not f.same(current.get(f.key), want):
            params[f.member] = f.api_value(want)
            changes[f.key] = want
    return params, changes


def create_params(resource, desired, skip=()):
    """The create call's parameters for the settings it takes (unset and empty ones left out)."""
    params = {}
    for f in resource.fields:
        if not (f.option and f.create) or f.key in skip:
            continue
        value = desired.get(f.key)
        if value not in (None, ""):
            params[f.create_member or f.member] = f.api_value(value)
    return params


def defaults(resource):
    """Every result key, with the value a new resource starts with where the description knows it."""
    out = dict.fromkeys(resource.result_keys)
    out.update((f.key, f.default) for f in resource.fields if f.member is not None and f.default is not UNSET)
    return out


def new_resource(resource, desired, **known):
    """The predicted shape of a resource about to be created: defaults, then what the task sets."""
    after = defaults(resource)
    for f in resource.fields:
        if f.member is None:
            continue
        value = desired.get(f.key)
        if f.option and f.create and value not in (None, ""):
            after[f.key] = f.result_value(value)
    after.update(known)
    return after


def missing_to_create(resource, desired):
    """The options the create call needs that the task does not set."""
    return [key for key in resource.required_to_create if not desired.get(key)]
