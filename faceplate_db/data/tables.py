"""SQLAlchemy Core tables for the faceplate schema. schema/schema.sql is the source of truth;
tests/data/test_tables.py compares these with the catalog of a database built from it."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = MetaData(schema="faceplate")


def _id() -> Column:
    return Column("id", UUID(as_uuid=True), primary_key=True)


def _owned_by(name: str, parent: str, constraint: str) -> Column:
    """A NOT NULL reference whose rows go when the parent goes (ON DELETE CASCADE)."""
    return Column(
        name,
        UUID(as_uuid=True),
        ForeignKey(f"faceplate.{parent}.id", ondelete="CASCADE", name=constraint),
        nullable=False,
    )


def _timestamp(name: str) -> Column:
    return Column(name, DateTime(timezone=True), nullable=False, server_default=text("now()"))


users = Table(
    "users",
    metadata,
    _id(),
    Column("email", Text, nullable=False),
    Column("subject_id", Text, nullable=False),
    _timestamp("created_at"),
    UniqueConstraint("email", name="users_email_key"),
    UniqueConstraint("subject_id", name="users_subject_id_key"),
)

conversations = Table(
    "conversations",
    metadata,
    _id(),
    _owned_by("user_id", "users", "conversations_user_id_fkey"),
    Column("title", Text, nullable=False, server_default=text("''")),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    Index("conversations_user_recent_idx", "user_id", text("updated_at DESC"), text("id DESC")),
)

messages = Table(
    "messages",
    metadata,
    _id(),
    _owned_by("conversation_id", "conversations", "messages_conversation_id_fkey"),
    Column("role", Text, nullable=False),
    Column("content", Text, nullable=False, server_default=text("''")),
    Column("tool_calls", JSONB(none_as_null=True), nullable=True),
    Column("tool_results", JSONB(none_as_null=True), nullable=True),
    _timestamp("created_at"),
    Index("messages_conversation_order_idx", "conversation_id", "created_at", "id"),
)

mcp_configs = Table(
    "mcp_configs",
    metadata,
    _id(),
    _owned_by("user_id", "users", "mcp_configs_user_id_fkey"),
    Column("name", Text, nullable=False),
    Column("config", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("enabled", Boolean, nullable=False, server_default=text("true")),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    UniqueConstraint("user_id", "name", name="mcp_configs_user_name_key"),
)
