"""View definitions as 15 prints them become what 16 and later print, and 16's stay as they
are: the pairs below are pg_get_viewdef's output for the same views on 15.x and on 16.2."""

from __future__ import annotations

import pytest

from faceplate_db.engine.view_text import unqualified_top_level

PRINTED_BY_15_AND_16 = [
    (" SELECT g.label\n   FROM vt.g;", " SELECT label\n   FROM vt.g;"),
    (
        " SELECT g.label,\n    ( SELECT max(h.x) AS max\n           FROM vt.h\n"
        "          WHERE (h.id = g.id)) AS m\n   FROM vt.g\n  WHERE (g.id > 1)\n"
        "  ORDER BY g.label;",
        " SELECT label,\n    ( SELECT max(h.x) AS max\n           FROM vt.h\n"
        "          WHERE (h.id = g.id)) AS m\n   FROM vt.g\n  WHERE (id > 1)\n"
        "  ORDER BY label;",
    ),
    (
        " SELECT count(*) AS n,\n    g.label\n   FROM vt.g\n  GROUP BY g.label\n"
        " HAVING (count(*) > 1);",
        " SELECT count(*) AS n,\n    label\n   FROM vt.g\n  GROUP BY label\n"
        " HAVING (count(*) > 1);",
    ),
    ("SELECT s.n FROM generate_series(1, 3) s(n);", "SELECT n FROM generate_series(1, 3) s(n);"),
]

# Printed alike by every major: more than one relation, or a set operation, at the top.
PRINTED_ALIKE = [
    " SELECT g.label,\n    h.x\n   FROM (vt.g\n     JOIN vt.h USING (id));",
    "SELECT t.a FROM app.g t, app.h",
    "SELECT g.a FROM app.g UNION SELECT h.a FROM app.h",
]


@pytest.mark.parametrize(("older", "newer"), PRINTED_BY_15_AND_16)
def test_the_15_form_becomes_the_16_form_and_the_16_form_stays(older, newer):
    assert unqualified_top_level(older) == newer
    assert unqualified_top_level(newer) == newer


@pytest.mark.parametrize("definition", PRINTED_ALIKE)
def test_queries_every_major_qualifies_are_left_alone(definition):
    assert unqualified_top_level(definition) == definition


def test_literals_quoted_names_and_the_create_prefix_are_not_touched():
    statement = (
        'create or replace view "x"."v" as SELECT x."Name", x.a FROM app.app x '
        "WHERE x.a = 'x.a' WITH DATA;"
    )
    assert unqualified_top_level(statement) == (
        'create or replace view "x"."v" as SELECT "Name", a FROM app.app x '
        "WHERE a = 'x.a' WITH DATA;"
    )
