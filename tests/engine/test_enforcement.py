"""ENFORCED and NOT ENFORCED (PostgreSQL 18): a foreign key's enforcement is altered in place,
keeping the key and its comment; a CHECK's, which PostgreSQL cannot alter, is dropped and added;
a key the target leaves NOT VALID is added NOT VALID."""

from __future__ import annotations

import pytest

from faceplate_db.engine import LOCK
from faceplate_db.engine.capabilities import Capabilities
from faceplate_db.engine.diff import diff_databases
from faceplate_db.engine.inspect import inspection_connection
from tests.engine.conftest import run_sql


@pytest.fixture(autouse=True)
def _enforceability(server_url):
    with inspection_connection(server_url) as conn:
        if not Capabilities.of(conn).constraint_enforceability:
            pytest.skip("NOT ENFORCED arrived in PostgreSQL 18")


TABLES = """
CREATE SCHEMA app;
CREATE TABLE app.account (id int PRIMARY KEY);
CREATE TABLE app.entry (id int PRIMARY KEY, account int, amount int,
  CONSTRAINT entry_account_fkey FOREIGN KEY (account) REFERENCES app.account (id) {fk},
  CONSTRAINT entry_amount_check CHECK (amount <> 0) {check});
COMMENT ON CONSTRAINT entry_account_fkey ON app.entry IS 'the owner';
"""


def test_a_foreign_key_is_altered_both_ways_and_a_check_dropped_and_added(empty_db, target_db):
    run_sql(empty_db, TABLES.format(fk="", check=""))
    run_sql(target_db, TABLES.format(fk="NOT ENFORCED", check="NOT ENFORCED"))
    forward = diff_databases(empty_db, target_db, ("app",))
    assert [s.sql for s in forward] == [
        'alter table "app"."entry" drop constraint "entry_amount_check";',
        'alter table "app"."entry" add constraint "entry_amount_check" CHECK ((amount <> 0)) '
        "NOT ENFORCED;",
        'alter table "app"."entry" alter constraint "entry_account_fkey" not enforced;',
    ]
    assert not any(s.hazards for s in forward)

    back = diff_databases(target_db, empty_db, ("app",))
    enforced = [s for s in back if "alter constraint" in s.sql]
    assert [s.sql for s in enforced] == [
        'alter table "app"."entry" alter constraint "entry_account_fkey" enforced;'
    ]
    assert enforced[0].hazards == {LOCK}
    # ENFORCED validates: no VALIDATE CONSTRAINT after it.
    assert not any("validate constraint" in s.sql for s in back if "account" in s.sql)


def test_a_key_the_target_leaves_not_valid_is_added_not_valid(empty_db, target_db):
    run_sql(empty_db, TABLES.format(fk="NOT ENFORCED", check=""))
    run_sql(target_db, TABLES.format(fk="", check=""))
    run_sql(
        target_db,
        "ALTER TABLE app.entry DROP CONSTRAINT entry_account_fkey;"
        "ALTER TABLE app.entry ADD CONSTRAINT entry_account_fkey FOREIGN KEY (account)"
        " REFERENCES app.account (id) NOT VALID;",
    )
    statements = [s.sql for s in diff_databases(empty_db, target_db, ("app",))]
    assert 'alter table "app"."entry" drop constraint "entry_account_fkey";' in statements
    added = [s for s in statements if "add constraint" in s and "entry_account_fkey" in s]
    assert added and added[0].lower().endswith(" not valid;")
    assert not any("alter constraint" in s or "validate constraint" in s for s in statements)
