"""The roundtrip property over folder cases tests/roundtrip/<case>/{from,to}.sql: load from.sql
(plus an unmanaged schema, other_app) into one database and to.sql into another, diff, run the
statements on the first in one transaction; then a new diff is empty, the fingerprints match,
other_app is untouched and was never mentioned. Each case runs in reverse too unless its folder
holds a `one-way` file. `schemas` lists the managed schemas (default: app); `requires` lists
what the case needs: extensions, `icu` for ICU collations, `postgresql N` for a feature major N
added; `uses-other-app` says the managed objects refer to other_app (a column of its type, a key
referencing its table), so statements may name it: other_app must still be left exactly as it
was."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from faceplate_db.engine.diff import diff_databases, diff_snapshots, snapshot_pair
from faceplate_db.engine.inspect import fingerprint
from tests.conftest import SCHEMA_FILE, create_database, drop_database
from tests.schema_dump import dump_difference, schema_dump

CASES = Path(__file__).parent / "roundtrip"
OTHER_APP = (CASES / "other_app.sql").read_text(encoding="utf-8")


def case_params():
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        yield pytest.param(folder, False, id=f"{folder.name}-forward")
        if not (folder / "one-way").exists():
            yield pytest.param(folder, True, id=f"{folder.name}-reverse")


def lines_of(path: Path) -> tuple[str, ...]:
    if not path.exists():
        return ()
    return tuple(line.strip() for line in path.read_text().splitlines() if line.strip())


@pytest.fixture
def database_pair(server_url):
    names = [f"fp_rt_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    # Side by side: CREATE DATABASE waits on fsync on a durable server.
    with ThreadPoolExecutor(max_workers=2) as pool:
        urls = tuple(pool.map(lambda name: create_database(server_url, name), names))
    yield urls
    for name in names:
        drop_database(server_url, name)


def run_sql(url: str, *scripts: str) -> None:
    with psycopg.connect(url) as conn:
        for script in scripts:
            if script.strip():
                conn.execute(script)


def server_capabilities(url: str) -> set[str]:
    """The extensions the server ships, `icu` when it was built with ICU, and `postgresql N`
    for its major and every one before it."""
    with psycopg.connect(url) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM pg_available_extensions")}
        major = conn.info.server_version // 10000
        names |= {f"postgresql {n}" for n in range(10, major + 1)}
        try:
            with conn.transaction(force_rollback=True):
                conn.execute("CREATE COLLATION pg_temp.probe (provider = icu, locale = 'und')")
            names.add("icu")
        except psycopg.errors.FeatureNotSupported:
            pass
        return names


# Everything in other_app that a diff could alter: relations, columns, constraints, functions,
# types, comments (a catalog query, cheaper than a full inspection).
OTHER_APP_STATE = """
SELECT 'rel', c.relname || ' ' || c.relkind::text, NULL FROM pg_class c WHERE c.relnamespace = 'other_app'::regnamespace
UNION ALL SELECT 'col', a.attrelid::regclass::text || '.' || a.attname, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  WHERE c.relnamespace = 'other_app'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL SELECT 'con', conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'other_app'::regnamespace
UNION ALL SELECT 'fn', p.oid::regprocedure::text, p.prosrc FROM pg_proc p WHERE p.pronamespace = 'other_app'::regnamespace
UNION ALL SELECT 'type', t.typname, t.typtype::text FROM pg_type t WHERE t.typnamespace = 'other_app'::regnamespace
UNION ALL SELECT 'enum', e.enumlabel, e.enumsortorder::text FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typnamespace = 'other_app'::regnamespace
UNION ALL SELECT 'comment', c.relname || '.' || d.objsubid, d.description FROM pg_description d JOIN pg_class c ON c.oid = d.objoid WHERE c.relnamespace = 'other_app'::regnamespace
ORDER BY 1, 2, 3
"""


def other_app_state(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(OTHER_APP_STATE).fetchall()


def assert_roundtrip(
    live: str, target: str, schemas: tuple[str, ...], uses_other_app: bool = False
) -> None:
    other_before = other_app_state(live)
    assert other_before
    statements = diff_databases(live, target, schemas)
    assert statements, "the case's two sides differ, so the diff must not be empty"
    for statement in statements:
        assert uses_other_app or "other_app" not in statement.sql
    with psycopg.connect(live) as conn:  # one transaction
        for statement in statements:
            conn.execute(statement.sql)
        invalid = conn.execute(
            "SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid"
        ).fetchall()
    assert invalid == []
    old, new = snapshot_pair(live, target, schemas)
    assert fingerprint(old) == fingerprint(new)
    assert diff_snapshots(old, new) == []
    live_dump, target_dump = schema_dump(live, schemas), schema_dump(target, schemas)
    assert live_dump == target_dump, dump_difference(live_dump, target_dump)
    assert other_app_state(live) == other_before


@pytest.mark.parametrize(("case", "reverse"), list(case_params()))
def test_roundtrip(case: Path, reverse: bool, database_pair, server_url):
    missing = set(lines_of(case / "requires")) - server_capabilities(server_url)
    if missing:
        pytest.skip(f"needs what this server lacks: {', '.join(sorted(missing))}")
    live, target = database_pair
    sources = ("to.sql", "from.sql") if reverse else ("from.sql", "to.sql")
    run_sql(live, OTHER_APP, (case / sources[0]).read_text(encoding="utf-8"))
    run_sql(target, (case / sources[1]).read_text(encoding="utf-8"))
    schemas = lines_of(case / "schemas") or ("app",)
    assert_roundtrip(live, target, schemas, uses_other_app=(case / "uses-other-app").exists())


def test_faceplate_schema_from_empty(database_pair):
    live, target = database_pair
    run_sql(live, OTHER_APP)
    run_sql(target, SCHEMA_FILE.read_text(encoding="utf-8"))
    assert_roundtrip(live, target, ("faceplate",))
