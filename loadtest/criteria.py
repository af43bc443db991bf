"""The load test's pass/fail criteria, as data: each has a value, a bound and a verdict, so the
summary a reviewer reads is the same object the exit code comes from."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Criterion:
    name: str
    value: float
    bound: float
    passed: bool

    def describe(self) -> str:
        return f"{self.name}: {self.value:g} (bound <= {self.bound:g}) {'pass' if self.passed else 'FAIL'}"


def evaluate(
    *,
    failures: int,
    peak_server_connections: int,
    connections_opened: int,
    p99_ms: float,
    max_connections: int,
    p99_bound_ms: float,
) -> dict[str, dict]:
    """Every criterion, each `{"value", "bound", "passed"}`."""
    criteria = [
        Criterion("failed_requests", failures, 0, failures == 0),
        Criterion(
            "peak_server_connections",
            peak_server_connections,
            max_connections,
            peak_server_connections <= max_connections,
        ),
        # No connection per request: the whole run opens at most the pool's maximum.
        Criterion(
            "connections_opened",
            connections_opened,
            max_connections,
            connections_opened <= max_connections,
        ),
        Criterion("p99_ms", p99_ms, p99_bound_ms, p99_ms <= p99_bound_ms),
    ]
    return {c.name: {k: v for k, v in asdict(c).items() if k != "name"} for c in criteria}


def all_passed(criteria: dict[str, dict]) -> bool:
    return all(c["passed"] for c in criteria.values())
