"""Seed data for load tests and benchmarks: users x conversations x messages (default 1,000 x 10
x 20 = 200,000 messages) plus three MCP configs per user (two enabled), written with COPY.

`python -m loadtest.seed [--database URL]` seeds an existing database that holds schema.sql.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

from faceplate_db.config import Settings, find_project_root, libpq_url
from faceplate_db.data.ids import new_id

ROLES = ("user", "assistant")
# The repository's reviewed migrations, which every load database is brought to.
MIGRATIONS = find_project_root(Path(__file__).parent) / "schema" / "migrations"


@dataclass(frozen=True)
class SeededUser:
    id: uuid.UUID
    conversation_ids: tuple[uuid.UUID, ...]


@dataclass(frozen=True)
class SeedInfo:
    users: tuple[SeededUser, ...]
    messages: int
    seconds: float

    def pick(self, rng: random.Random) -> tuple[uuid.UUID, uuid.UUID]:
        """A random user and one of their conversations."""
        user = rng.choice(self.users)
        return user.id, rng.choice(user.conversation_ids)

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps(
                {
                    "messages": self.messages,
                    "seconds": self.seconds,
                    "users": [
                        [str(u.id), [str(c) for c in u.conversation_ids]] for u in self.users
                    ],
                }
            )
        )

    @classmethod
    def load(cls, path: Path) -> SeedInfo:
        data = json.loads(path.read_text())
        users = tuple(
            SeededUser(uuid.UUID(u), tuple(uuid.UUID(c) for c in cs)) for u, cs in data["users"]
        )
        return cls(users, data["messages"], data["seconds"])


async def seed(
    database_url: str,
    users: int = 1000,
    conversations_per_user: int = 10,
    messages_per_conversation: int = 20,
) -> SeedInfo:
    started = time.perf_counter()
    base = datetime.now(UTC) - timedelta(days=30)
    user_rows, conversation_rows, message_rows, config_rows = [], [], [], []
    seeded = []
    for u in range(users):
        user_id = new_id()
        user_rows.append((user_id, f"user{u}@example.com", f"subject-{u}", base))
        conversation_ids = []
        for c in range(conversations_per_user):
            conversation_id = new_id()
            conversation_ids.append(conversation_id)
            start = base + timedelta(minutes=u * conversations_per_user + c)
            last = start + timedelta(seconds=messages_per_conversation)
            conversation_rows.append((conversation_id, user_id, f"Conversation {c}", start, last))
            for m in range(messages_per_conversation):
                message_rows.append(
                    (
                        new_id(),
                        conversation_id,
                        ROLES[m % 2],
                        f"message {m} " + "lorem ipsum " * 8,
                        start + timedelta(seconds=m),
                    )
                )
        for n, enabled in (("filesystem", True), ("search", True), ("git", False)):
            config_rows.append(
                (new_id(), user_id, n, json.dumps({"command": f"{n}-server"}), enabled, base, base)
            )
        seeded.append(SeededUser(user_id, tuple(conversation_ids)))
    conn = await asyncpg.connect(libpq_url(database_url))
    try:
        async with conn.transaction():
            await conn.copy_records_to_table(
                "users",
                schema_name="faceplate",
                records=user_rows,
                columns=["id", "email", "subject_id", "created_at"],
            )
            await conn.copy_records_to_table(
                "conversations",
                schema_name="faceplate",
                records=conversation_rows,
                columns=["id", "user_id", "title", "created_at", "updated_at"],
            )
            await conn.copy_records_to_table(
                "messages",
                schema_name="faceplate",
                records=message_rows,
                columns=["id", "conversation_id", "role", "content", "created_at"],
            )
            # Few rows, and asyncpg has no binary COPY encoder for jsonb.
            await conn.executemany(
                "INSERT INTO faceplate.mcp_configs "
                "(id, user_id, name, config, enabled, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)",
                config_rows,
            )
        await conn.execute(
            "ANALYZE faceplate.users, faceplate.conversations, faceplate.messages, faceplate.mcp_configs"
        )
    finally:
        await conn.close()
    return SeedInfo(tuple(seeded), len(message_rows), time.perf_counter() - started)


@contextmanager
def load_database(server_url: str, prefix: str = "fp_load", migrated: bool = True) -> Iterator[str]:
    """A new database on the server, with this repository's migrations applied through the
    startup API an application uses (unless `migrated` is False: the app processes will apply
    them as they boot); dropped afterwards, whatever happens."""
    from faceplate_db.migrate import upgrade
    from faceplate_db.migrate.scratch import scratch_database_on

    with scratch_database_on(server_url, prefix=f"{prefix}_") as url:
        if migrated:
            upgrade(url, migrations=MIGRATIONS)
        yield url


@contextmanager
def seeded_database(server_url: str, prefix: str = "fp_load") -> Iterator[tuple[str, SeedInfo]]:
    """A migrated database (load_database) holding the standard seed."""
    with load_database(server_url, prefix) as url:
        yield url, asyncio.run(seed(url))


def main(argv: list[str] | None = None) -> int:
    from faceplate_db.config import mask_url

    parser = argparse.ArgumentParser(prog="python -m loadtest.seed", description=__doc__)
    parser.add_argument("--database", metavar="URL", help="default: DATABASE_URL, else embedded")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--conversations", type=int, default=10)
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args(argv)
    url = Settings.resolve(database=args.database).database_url
    info = asyncio.run(seed(url, args.users, args.conversations, args.messages))
    print(
        f"seeded {len(info.users)} users, {info.messages} messages into {mask_url(url)} "
        f"in {info.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
