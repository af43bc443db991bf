"""Client-generated ids: UUIDv7 (time-ordered, so inserts land at the right end of the
primary-key index, and known before the insert, so a retried insert is recognisably the same row)."""

from __future__ import annotations

import uuid

import uuid6


def new_id() -> uuid.UUID:
    return uuid.UUID(bytes=uuid6.uuid7().bytes)
