"""Faults under load (`--fault restart|terminate`), and what a run through one must show.

- restart: the server (the harness's own, loadtest/server.py) is stopped with a fast shutdown
  and started again, once, in the middle of the run.
- terminate: every backend connected to the load's database (the app's connections, or
  PgBouncer's on its behalf) is killed with pg_terminate_backend, once, in the middle of the run.

The fault window runs from the fault's start to the moment the server accepts connections
again plus the data layer's retry delay: a request in flight when its connection went is
retried once after that delay, so only requests that ended inside the window may have failed.
Afterwards every acknowledged append is looked up by id, and every append's token (carried in
its content) is counted, to find anything lost or stored twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import psycopg

from faceplate_db.config import libpq_url
from loadtest.deployment import Deployment
from loadtest.requestlog import Append, Outcomes, append_content
from loadtest.server import OwnServer

FAULTS = ("restart", "terminate")


@dataclass(frozen=True)
class FaultWindow:
    kind: str
    began_at: float  # the fault began (wall clock)
    down_at: float  # from here nothing can succeed until up_at (server stopped; backends killed)
    up_at: float  # the server accepts connections again (terminate: it never stopped)
    retry_delay_s: float
    backends_terminated: int = 0

    @property
    def ends_at(self) -> float:
        return self.up_at + self.retry_delay_s

    def contains(self, at: float) -> bool:
        return self.began_at <= at <= self.ends_at


def classify_failures(failed_at: Iterable[float], window: FaultWindow) -> tuple[int, int]:
    """(failures inside the window, failures outside it)."""
    inside = outside = 0
    for at in failed_at:
        if window.contains(at):
            inside += 1
        else:
            outside += 1
    return inside, outside


def recovery_s(succeeded_at: Sequence[float], window: FaultWindow) -> float | None:
    """From the server accepting connections again to the first request that succeeded after
    the fault took effect (0 when one succeeded at once); None when none did."""
    after = [at for at in succeeded_at if at >= window.down_at]
    return round(max(min(after) - window.up_at, 0.0), 3) if after else None


def injection(kind: str, deployment: Deployment, retry_delay_s: float) -> Callable[[], FaultWindow]:
    """The fault of this kind for this deployment, ready to inject."""
    if kind == "restart":
        return partial(restart_server, deployment.own_server, retry_delay_s)
    return partial(terminate_backends, deployment.server_url, deployment.database, retry_delay_s)


def restart_server(server: OwnServer, retry_delay_s: float) -> FaultWindow:
    restart = server.restart()
    return FaultWindow(
        "restart", restart.began_at, restart.stopped_at, restart.up_at, retry_delay_s
    )


def terminate_backends(server_url: str, database: str, retry_delay_s: float) -> FaultWindow:
    """Kills every client backend connected to `database`, from the server's maintenance
    database (so the killer is not one of them)."""
    with psycopg.connect(libpq_url(server_url), autocommit=True) as conn:
        began_at = time.time()
        (killed,) = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
            [database],
        ).fetchone()
        done_at = time.time()
    return FaultWindow("terminate", began_at, done_at, done_at, retry_delay_s, killed)


def check_appends(database_url: str, appends: list[Append]) -> dict[str, int]:
    """Acknowledged appends found by id (with their own content), lost ones, and appends whose
    content is stored more than once; plus unacknowledged appends that were stored anyway (a
    commit whose acknowledgement was lost: allowed, and counted)."""
    acknowledged = {a.id: append_content(a.token) for a in appends if a.acknowledged}
    contents = [append_content(a.token) for a in appends]
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        found = conn.execute(
            "SELECT id::text, content FROM faceplate.messages WHERE id = ANY(%s::uuid[])",
            [list(acknowledged)],
        ).fetchall()
        stored = dict(
            conn.execute(
                "SELECT content, count(*) FROM faceplate.messages WHERE content = ANY(%s) "
                "GROUP BY content",
                [contents],
            ).fetchall()
        )
    found_ok = sum(1 for message_id, content in found if acknowledged.get(message_id) == content)
    unacknowledged = {append_content(a.token) for a in appends if not a.acknowledged}
    return {
        "acknowledged_appends": len(acknowledged),
        "appends_found": found_ok,
        "lost_appends": len(acknowledged) - found_ok,
        "duplicate_appends": sum(count - 1 for count in stored.values() if count > 1),
        "unacknowledged_appends_stored": sum(1 for c in unacknowledged if c in stored),
    }


def fault_summary(
    window: FaultWindow, outcomes: Outcomes, appends: dict[str, int], apps_restarted: int
) -> dict:
    """The `fault` section of summary.json."""
    inside, outside = classify_failures((f.at for f in outcomes.failures), window)
    return {
        "kind": window.kind,
        "outage_s": round(window.up_at - window.began_at, 3),
        "window_s": round(window.ends_at - window.began_at, 3),
        "backends_terminated": window.backends_terminated,
        **appends,
        "failed_requests_in_window": inside,
        "failed_requests_outside_window": outside,
        "recovery_s": recovery_s(outcomes.successes, window),
        "app_processes_restarted": apps_restarted,
    }


class FaultInjector(threading.Thread):
    """Injects the fault once, in the middle of the run: `half_s` after it is started (just
    before Locust is), and not before the load has begun (`load_started()` holds). Locust's run
    time counts from its own start, which comes after that, so at least `half_s` of load
    follows the fault however slowly Locust starts. Keeps the window, or the error that stopped
    it."""

    def __init__(
        self, inject: Callable[[], FaultWindow], load_started: Callable[[], bool], half_s: float
    ) -> None:
        super().__init__(daemon=True, name="fault injector")
        self._inject = inject
        self._load_started = load_started
        self._half_s = half_s
        self._halt = threading.Event()
        self.window: FaultWindow | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            if self._halt.wait(self._half_s):
                return
            while not self._load_started():
                if self._halt.wait(0.1):
                    return
            self.window = self._inject()
        except Exception as exc:  # reported by the harness
            self.error = exc

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=60)
