"""A difference the engine cannot express stops the diff, naming the object; no server of
today has a constraint kind the engine does not read, so the snapshots are stand-ins."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from faceplate_db.engine.unsupported import refuse_what_cannot_be_expressed
from faceplate_db.errors import UnsupportedFeature

KEY = '"app"."booking"."booking_z"'
UNFAMILIAR = {KEY: ("z", "SOMETHING (room)")}


def snapshot_with(unfamiliar: dict) -> SimpleNamespace:
    return SimpleNamespace(unfamiliar_constraints=unfamiliar)


@pytest.mark.parametrize(
    ("live", "target", "where"),
    [
        ({}, UNFAMILIAR, "in the schema"),
        (UNFAMILIAR, {}, "in the live database"),
        (UNFAMILIAR, {KEY: ("z", "SOMETHING (room, during)")}, "in the schema"),
    ],
)
def test_an_unfamiliar_constraint_that_differs_stops_the_diff_by_name(live, target, where):
    with pytest.raises(UnsupportedFeature) as refused:
        refuse_what_cannot_be_expressed(snapshot_with(live), snapshot_with(target))
    [(name, what)] = refused.value.objects
    assert name == "constraint app.booking.booking_z"
    assert "kind 'z'" in what and where in what
    assert "constraint app.booking.booking_z: " in str(refused.value)
    assert refused.value.exit_code == 3


def test_an_unfamiliar_constraint_both_sides_hold_alike_needs_no_statement():
    refuse_what_cannot_be_expressed(snapshot_with(UNFAMILIAR), snapshot_with(dict(UNFAMILIAR)))
