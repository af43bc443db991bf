"""What a load run prints and records: Locust's totals (written by the locustfile's quitting
listener) and the table a person reads, criteria last."""

from __future__ import annotations

import json
from pathlib import Path

from faceplate_db.errors import FaceplateError

TOTALS_FILE = "locust_totals.json"


def locust_totals(results: Path) -> dict:
    """requests, failures, rps, p50/p95/p99 as Locust's quitting listener wrote them."""
    try:
        return json.loads((results / TOTALS_FILE).read_text())
    except FileNotFoundError:
        raise FaceplateError(f"Locust left no totals in {results / TOTALS_FILE}") from None


def _row(label: str, value: object) -> str:
    return f"{label:<26}{value}"


def report(summary: dict) -> list[str]:
    lines = [
        _row("users", summary["users"]),
        _row("duration", f"{summary['duration_s']} s"),
        _row("app processes", summary["app_processes"]),
        _row("through PgBouncer", "yes" if summary["pgbouncer"] else "no"),
        _row("requests (failed)", f"{summary['requests']} ({summary['failures']})"),
        _row("throughput", f"{summary['rps']} req/s"),
        _row(
            "latency p50 / p95 / p99",
            f"{summary['p50_ms']:g} / {summary['p95_ms']:g} / {summary['p99_ms']:g} ms",
        ),
        _row("pool checked out, peak", summary["pool_checked_out_peak"]),
    ]
    fault = summary.get("fault")
    if fault:
        lines += [
            _row(
                "fault",
                f"{fault['kind']}: outage {fault['outage_s']} s, window {fault['window_s']} s",
            ),
            _row(
                "appends acked / found",
                f"{fault['acknowledged_appends']} / {fault['appends_found']}",
            ),
            _row(
                "failed in / out of window",
                f"{fault['failed_requests_in_window']} / {fault['failed_requests_outside_window']}",
            ),
        ]
    lines.append("criteria:")
    for name, c in summary["criteria"].items():
        value = "none" if c["value"] is None else f"{c['value']:g}"
        verdict = "pass" if c["passed"] else "FAIL"
        lines.append(f"  {name:<32}{value:>8}  <= {c['bound']:<8g}{verdict}")
    if summary["locust_exit_code"] != 0:
        lines.append(f"  Locust's own criteria failed (exit code {summary['locust_exit_code']})")
    lines.append("PASSED" if summary["passed"] else "FAILED")
    return lines
