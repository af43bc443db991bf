"""What is applied, what is pending, and whether the live database drifted from what the
applied migrations produce. Reads only: no lock, and no history table is created."""

from __future__ import annotations

from dataclasses import dataclass, field

from faceplate_db.config import Settings
from faceplate_db.migrate import history
from faceplate_db.migrate.apply import reconcile
from faceplate_db.migrate.folder import discover
from faceplate_db.migrate.guards import chain_problems
from faceplate_db.migrate.history import HistoryRow
from faceplate_db.migrate.migrations import MigrationFile
from faceplate_db.migrate.running import live_fingerprint


@dataclass(frozen=True)
class StatusResult:
    applied: tuple[HistoryRow, ...]
    pending: tuple[MigrationFile, ...]
    problems: tuple[str, ...]
    live_fingerprint: str
    # What the live fingerprint should be: the last applied migration's to-fingerprint, or,
    # with nothing applied, the first pending file's from-fingerprint. None: nothing to compare.
    expected_fingerprint: str | None
    # The latest rollback of each version rolled back since it was applied (status names them).
    rollbacks: dict = field(default_factory=dict)

    @property
    def drift(self) -> bool:
        return self.expected_fingerprint is not None and (
            self.live_fingerprint != self.expected_fingerprint
        )

    @property
    def in_sync(self) -> bool:
        return not self.pending and not self.drift and not self.problems


def status(settings: Settings) -> StatusResult:
    files = discover(settings.migrations_dir)
    with history.live_connection(settings.database_url) as conn:
        rows = history.read_history(conn)
        rollbacks = history.read_rollbacks(conn)
        live = live_fingerprint(conn, settings.schemas)
        conn.rollback()
    pending, problems = reconcile(files, rows)
    problems += chain_problems(pending, rows[-1].to_fingerprint if rows else None)
    expected = rows[-1].to_fingerprint if rows else None
    if not rows and pending:
        expected = pending[0].from_fingerprint
    return StatusResult(tuple(rows), tuple(pending), tuple(problems), live, expected, rollbacks)
