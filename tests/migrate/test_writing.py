"""Migration files written: names and numbering, the header and hazard marks, and a plan that
does not chain refused. No database."""

from __future__ import annotations

from pathlib import Path

import pytest

from faceplate_db.engine import DATA_LOSS, LOCK, Statement
from faceplate_db.errors import ConfigError, MigrationRefused
from faceplate_db.migrate.migrations import parse_text, validate_name
from faceplate_db.migrate.planning import DiffResult
from faceplate_db.migrate.writing import format_migration, next_path, write_migration
from tests.migrate.test_migrations import FROM, TO


def test_names_and_numbering(tmp_path):
    assert validate_name("add_user_avatar") == "add_user_avatar"
    for bad in ["Add", "add-x", "", "a b", "x" * 61, "../x"]:
        with pytest.raises(ConfigError, match=r"\[a-z0-9_\]"):
            validate_name(bad)
    assert next_path(tmp_path, "first").name == "0001_first.sql"
    (tmp_path / "0007_x.sql").write_text("")
    assert next_path(tmp_path, "next").name == "0008_next.sql"


def test_formatted_migration_parses_back_with_the_same_hazards_and_statements():
    statements = (
        Statement("create table faceplate.t (id int);"),
        Statement(
            'drop table "faceplate"."old";',
            frozenset({DATA_LOSS}),
            ("drops a table and every row in it",),
        ),
        Statement("alter table faceplate.users alter column email set not null"),
    )
    text = format_migration(statements, "sha", FROM, TO, "0003_x")
    assert "-- hazard: data-loss: drops a table and every row in it\ndrop table" in text
    assert "-- hazards: data-loss, lock" in text  # the lock is what apply will find
    migration = parse_text(Path("0003_x.sql"), text)
    assert [s.sql for s in migration.statements] == [
        "create table faceplate.t (id int);",
        'drop table "faceplate"."old";',
        "alter table faceplate.users alter column email set not null;",
    ]
    assert {item.kind for item in migration.unapproved()} == {DATA_LOSS, LOCK}
    approved = text.replace("--\n", "--\n-- approve: data-loss\n-- approve: lock\n", 1)
    assert parse_text(Path("0003_x.sql"), approved).unapproved() == []


def test_write_migration_numbers_the_file_and_refuses_a_plan_that_does_not_chain(tmp_path):
    plan = DiffResult((Statement("create table faceplate.t (id int);"),), "sha", FROM, TO)
    first = write_migration(tmp_path / "migrations", "first", plan)
    assert first.name == "0001_first.sql"
    assert parse_text(first, first.read_text()).to_fingerprint == TO
    stale = DiffResult(plan.statements, "sha", FROM, "1111111111111111")
    with pytest.raises(MigrationRefused, match=r"0001_first\.sql"):
        write_migration(tmp_path / "migrations", "second", stale)
    chained = DiffResult(plan.statements, "sha", TO, "1111111111111111")
    assert write_migration(tmp_path / "migrations", "second", chained).name == "0002_second.sql"


def test_the_down_file_goes_from_where_the_migration_ends_back_with_hazards_of_its_own(tmp_path):
    add = Statement('alter table "faceplate"."users" add column "nickname" text;')
    drop = Statement(
        'alter table "faceplate"."users" drop column "nickname";',
        frozenset({DATA_LOSS}),
        ("drops a column and every value in it",),
    )
    plan = DiffResult((add,), "sha", FROM, TO, down_statements=(drop,))
    assert (plan.hazards, plan.down_hazards) == ((), (DATA_LOSS,))
    up = write_migration(tmp_path, "nickname", plan)
    down_path = tmp_path / "0001_nickname.down.sql"
    down = parse_text(down_path, down_path.read_text())
    assert down.is_down and (down.version, down.name) == (1, "nickname")
    assert (down.from_fingerprint, down.to_fingerprint) == (TO, FROM)
    assert down.hazards == (DATA_LOSS,) and down.declared_hazards == (DATA_LOSS,)
    assert [item.kind for item in down.unapproved()] == [DATA_LOSS]
    assert "undoes 0001_nickname.sql; run by `faceplate-db rollback`" in down_path.read_text()
    assert parse_text(up, up.read_text()).hazards == ()
    # A plan without a way back (diff without --write) writes no down file.
    write_migration(tmp_path, "more", DiffResult((add,), "sha", TO, FROM))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "0001_nickname.down.sql",
        "0001_nickname.sql",
        "0002_more.sql",
    ]
