"""schema/schema.sql: it loads, every required object exists (read from the catalog), cascades
work, and every invariant rejects a bad row naming its constraint."""

from __future__ import annotations

import psycopg
import pytest

TABLE_COLUMNS = {
    "users": {"id", "email", "subject_id", "created_at"},
    "conversations": {"id", "user_id", "title", "created_at", "updated_at"},
    "messages": {
        "id",
        "conversation_id",
        "role",
        "content",
        "tool_calls",
        "tool_results",
        "created_at",
    },
    "mcp_configs": {"id", "user_id", "name", "config", "enabled", "created_at", "updated_at"},
}


@pytest.fixture
def db(fresh_db: str):
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        yield conn


def catalog(db, sql: str, *params):
    return db.execute(sql, params).fetchall()


def test_every_table_has_its_columns_with_types(db):
    rows = catalog(
        db,
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'faceplate'",
    )
    found: dict[str, set[str]] = {}
    types = {}
    for table, column, data_type, nullable in rows:
        found.setdefault(table, set()).add(column)
        types[(table, column)] = (data_type, nullable)
    assert found == TABLE_COLUMNS
    for table in TABLE_COLUMNS:
        assert types[(table, "id")] == ("uuid", "NO")
        assert types[(table, "created_at")] == ("timestamp with time zone", "NO")
    for column in ("tool_calls", "tool_results"):
        assert types[("messages", column)] == ("jsonb", "YES")
    assert types[("mcp_configs", "config")] == ("jsonb", "NO")


def test_foreign_keys_cascade_on_delete(db):
    rows = catalog(
        db,
        "SELECT conrelid::regclass::text, confrelid::regclass::text, confdeltype "
        "FROM pg_constraint WHERE contype = 'f' AND connamespace = 'faceplate'::regnamespace",
    )
    assert sorted(rows) == [
        ("faceplate.conversations", "faceplate.users", "c"),
        ("faceplate.mcp_configs", "faceplate.users", "c"),
        ("faceplate.messages", "faceplate.conversations", "c"),
    ]


def test_access_path_indexes_exist(db):
    indexes = dict(
        catalog(db, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'faceplate'")
    )
    assert "(user_id, updated_at DESC, id DESC)" in indexes["conversations_user_recent_idx"]
    assert "(conversation_id, created_at, id)" in indexes["messages_conversation_order_idx"]
    assert "UNIQUE" in indexes["mcp_configs_user_name_key"]
    assert "(user_id, name)" in indexes["mcp_configs_user_name_key"]
    assert "UNIQUE" in indexes["users_email_key"] and "UNIQUE" in indexes["users_subject_id_key"]


def test_every_table_and_column_has_a_comment(db):
    missing = catalog(
        db,
        "SELECT c.relname, a.attname FROM pg_class c "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE c.relnamespace = 'faceplate'::regnamespace AND c.relkind = 'r' "
        "AND (obj_description(c.oid, 'pg_class') IS NULL OR col_description(c.oid, a.attnum) IS NULL)",
    )
    assert missing == []


def insert_user(db, email="ada@example.com", subject="sub-ada"):
    return db.execute(
        "INSERT INTO faceplate.users (email, subject_id) VALUES (%s, %s) RETURNING id",
        (email, subject),
    ).fetchone()[0]


def insert_conversation(db, user_id):
    return db.execute(
        "INSERT INTO faceplate.conversations (user_id) VALUES (%s) RETURNING id", (user_id,)
    ).fetchone()[0]


def insert_message(db, conversation_id, role="user"):
    db.execute(
        "INSERT INTO faceplate.messages (conversation_id, role, content) VALUES (%s, %s, 'hi')",
        (conversation_id, role),
    )


def count(db, table):
    return db.execute(f"SELECT count(*) FROM faceplate.{table}").fetchone()[0]


def test_deleting_a_user_deletes_conversations_messages_and_configs(db):
    user = insert_user(db)
    insert_message(db, insert_conversation(db, user))
    db.execute("INSERT INTO faceplate.mcp_configs (user_id, name) VALUES (%s, 'fs')", (user,))
    db.execute("DELETE FROM faceplate.users WHERE id = %s", (user,))
    assert [count(db, t) for t in ("conversations", "messages", "mcp_configs")] == [0, 0, 0]


def test_deleting_a_conversation_deletes_only_its_messages(db):
    user = insert_user(db)
    doomed, kept = insert_conversation(db, user), insert_conversation(db, user)
    insert_message(db, doomed)
    insert_message(db, kept)
    db.execute("DELETE FROM faceplate.conversations WHERE id = %s", (doomed,))
    assert count(db, "messages") == 1
    assert count(db, "users") == 1


def test_updated_at_is_kept_current_by_raw_sql(db):
    conversation = insert_conversation(db, insert_user(db))
    db.execute(
        "UPDATE faceplate.conversations SET updated_at = '2000-01-01', title = 'x' WHERE id = %s",
        (conversation,),
    )
    year = db.execute(
        "SELECT extract(year FROM updated_at) FROM faceplate.conversations WHERE id = %s",
        (conversation,),
    ).fetchone()[0]
    assert year > 2000


def test_default_ids_are_uuid_version_7(db):
    user = insert_user(db)
    assert user.version == 7


@pytest.mark.parametrize(
    ("statement", "constraint"),
    [
        (
            "INSERT INTO faceplate.users (email, subject_id) VALUES ('ada@example.com', 'other')",
            "users_email_key",
        ),
        (
            "INSERT INTO faceplate.users (email, subject_id) VALUES ('other@example.com', 'sub-ada')",
            "users_subject_id_key",
        ),
        (
            "INSERT INTO faceplate.users (email, subject_id) VALUES ('not-an-email', 's2')",
            "users_email_format",
        ),
        (
            "INSERT INTO faceplate.users (email, subject_id) VALUES ('b@example.com', '  ')",
            "users_subject_id_not_blank",
        ),
        (
            "INSERT INTO faceplate.messages (conversation_id, role) VALUES ({conversation}, 'robot')",
            "messages_role_check",
        ),
        (
            "INSERT INTO faceplate.messages (conversation_id, role, tool_calls) "
            "VALUES ({conversation}, 'assistant', '{{\"a\": 1}}')",
            "messages_tool_calls_is_array",
        ),
        (
            "INSERT INTO faceplate.messages (conversation_id, role, tool_results) "
            "VALUES ({conversation}, 'tool', '\"text\"')",
            "messages_tool_results_is_array",
        ),
        (
            "INSERT INTO faceplate.messages (conversation_id, role) VALUES (faceplate.uuid_v7(), 'user')",
            "messages_conversation_id_fkey",
        ),
        (
            "INSERT INTO faceplate.mcp_configs (user_id, name) VALUES ({user}, 'fs')",
            "mcp_configs_user_name_key",
        ),
        (
            "INSERT INTO faceplate.mcp_configs (user_id, name) VALUES ({user}, '')",
            "mcp_configs_name_not_blank",
        ),
        (
            "INSERT INTO faceplate.mcp_configs (user_id, name, config) VALUES ({user}, 'x', '[]')",
            "mcp_configs_config_is_object",
        ),
        (
            "UPDATE faceplate.conversations SET title = repeat('t', 501)",
            "conversations_title_length",
        ),
    ],
)
def test_invariant_rejects_bad_row_naming_the_constraint(db, statement, constraint):
    user = insert_user(db)
    conversation = insert_conversation(db, user)
    db.execute("INSERT INTO faceplate.mcp_configs (user_id, name) VALUES (%s, 'fs')", (user,))
    sql = statement.format(user=f"'{user}'", conversation=f"'{conversation}'")
    with pytest.raises(psycopg.errors.IntegrityError) as caught:
        db.execute(sql)
    assert caught.value.diag.constraint_name == constraint
    assert constraint in str(caught.value)
