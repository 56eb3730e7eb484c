"""The registration tables of the emulator against botocore's model: a name the model adds or drops fails here."""

from __future__ import annotations

import pytest

from tests.emulator import registration_attachments, registrations
from tests.emulator.registration_definitions import DEFINITIONS
from tests.emulator.validation import enum_values, service_model


@pytest.mark.parametrize(
    ("shape", "served"),
    [
        ("RegistrationFilterName", registrations._registration_filters()),
        ("RegistrationVersionFilterName", registrations._VERSION_FILTERS),
        ("RegistrationTypeFilterName", registrations._TYPE_FILTERS),
        ("RegistrationAssociationFilterName", registrations._ASSOCIATION_FILTERS),
        ("RegistrationAttachmentFilterName", registration_attachments._ATTACHMENT_FILTERS),
    ],
)
def test_every_filter_the_model_names_is_served(shape, served):
    assert set(served) == set(enum_values(shape))


def test_the_status_tables_cover_the_models_enums():
    version_statuses = set(enum_values("RegistrationVersionStatus"))
    assert set(registrations.SEED_VERSION_STATUS) == set(enum_values("RegistrationStatus"))
    assert set(registrations.SEED_VERSION_STATUS.values()) <= version_statuses
    assert set(registrations.HISTORY_MEMBERS) <= version_statuses
    history = service_model().shape_for("RegistrationVersionStatusHistory")
    assert set(registrations.HISTORY_MEMBERS.values()) == set(history.members)
    assert set(registrations.IN_REVIEW) | set(registrations.SETTLED) | {"DRAFT"} == version_statuses


def test_the_definitions_use_the_models_field_types_and_requirements():
    request = service_model().shape_for("PutRegistrationFieldValueRequest")
    assert set(registrations.VALUE_MEMBERS) == set(enum_values("FieldType"))
    assert set(registrations.VALUE_MEMBERS.values()) <= set(request.members)
    behaviors = set(enum_values("RegistrationAssociationBehavior"))
    disassociations = set(enum_values("RegistrationDisassociationBehavior"))
    for definition in DEFINITIONS.values():
        for item in definition.fields:
            assert item.kind in enum_values("FieldType")
            assert item.requirement in enum_values("FieldRequirement")
        for association in definition.associations:
            assert association.association_behavior in behaviors
            assert association.disassociation_behavior in disassociations
