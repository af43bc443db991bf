"""The load test's pass/fail criteria, as data: each has a value, a bound and a verdict, so the
summary a reviewer reads is the same object the exit code comes from.

Which criteria apply depends on the run (`bounds`): the server connections are bounded by
PgBouncer's pool when it sits in front, else by the app processes' pools; behind PgBouncer the
app processes' client connections are bounded by their pools; a fault adds what must hold
through it, and a restart judges failures by the fault window instead of counting them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

# From the server accepting connections again to the first successful request.
RECOVERY_BOUND_S = 2.0


@dataclass(frozen=True)
class Criterion:
    name: str
    value: float | None  # None: not measured (e.g. no request succeeded after a fault)
    bound: float
    passed: bool

    def describe(self) -> str:
        value = "none" if self.value is None else f"{self.value:g}"
        return f"{self.name}: {value} (bound <= {self.bound:g}) {'pass' if self.passed else 'FAIL'}"


def bounds(
    *,
    pool_max: int,
    p99_bound_ms: float,
    app_processes: int = 1,
    pgbouncer_pool: int | None = None,
    fault: str | None = None,
) -> dict[str, float]:
    """The criteria of a run, each `name -> upper bound`."""
    server_connections = pgbouncer_pool if pgbouncer_pool is not None else app_processes * pool_max
    found = {
        "failed_requests": 0,
        "peak_server_connections": server_connections,
        # No connection per request: the whole run opens at most the pool's maximum. A fault
        # makes each anew once, and SQLAlchemy invalidates every connection older than the
        # first disconnect it sees, which can catch one made since the fault: at most twice more.
        "connections_opened": server_connections * (3 if fault else 1),
        "p99_ms": p99_bound_ms,
    }
    if pgbouncer_pool is not None:
        found["client_connections_peak"] = app_processes * pool_max
    if fault:
        found.update(
            lost_appends=0,
            duplicate_appends=0,
            failed_requests_outside_window=0,
            recovery_s=RECOVERY_BOUND_S,
            app_processes_restarted=0,
        )
    if fault == "restart":
        # While the server is down requests fail (the window judges which may), and those in
        # flight wait out the retry delay, so p99 would measure the outage, not the stack.
        del found["failed_requests"], found["p99_ms"]
    return found


def evaluate(measured: Mapping[str, float | None], limits: Mapping[str, float]) -> dict[str, dict]:
    """Every criterion of `limits`, each `{"value", "bound", "passed"}`; a value missing from
    `measured` fails."""
    criteria = []
    for name, bound in limits.items():
        value = measured.get(name)
        criteria.append(Criterion(name, value, bound, value is not None and value <= bound))
    return {c.name: {k: v for k, v in asdict(c).items() if k != "name"} for c in criteria}


def all_passed(criteria: dict[str, dict]) -> bool:
    return all(c["passed"] for c in criteria.values())
