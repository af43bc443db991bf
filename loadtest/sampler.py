"""Samples the app's server connections from pg_stat_activity while a load runs: the peak
number at once, and every distinct backend seen (a connection opened per request would show
as many distinct backends)."""

from __future__ import annotations

import json
import threading
import urllib.request

import psycopg

from faceplate_db.config import libpq_url

_QUERY = "SELECT pid, backend_start FROM pg_stat_activity WHERE application_name = %s"


class ConnectionSampler(threading.Thread):
    def __init__(
        self,
        database_url: str | None,
        application_name: str,
        pool_url: str | None = None,
        interval_s: float = 0.2,
    ) -> None:
        super().__init__(daemon=True, name="pg_stat_activity sampler")
        self._url = libpq_url(database_url) if database_url else None
        self._pool_url = pool_url
        self._application_name = application_name
        self._interval_s = interval_s
        self._halt = threading.Event()
        self.peak = 0
        self.backends: set[tuple[int, object]] = set()
        self.samples = 0
        self.pool_checked_out_peak = 0
        self.last_pool: dict = {}

    def run(self) -> None:
        conn = psycopg.connect(self._url, autocommit=True) if self._url else None
        try:
            while not self._halt.is_set():
                if conn is not None:
                    rows = conn.execute(_QUERY, [self._application_name]).fetchall()
                    self.peak = max(self.peak, len(rows))
                    self.backends.update(rows)
                if self._pool_url:
                    self.last_pool = read_pool(self._pool_url)
                    self.pool_checked_out_peak = max(
                        self.pool_checked_out_peak, self.last_pool.get("checked_out", 0)
                    )
                self.samples += 1
                self._halt.wait(self._interval_s)
        finally:
            if conn is not None:
                conn.close()

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)


def read_pool(pool_url: str) -> dict:
    """The app's pool statistics (its /pool endpoint)."""
    with urllib.request.urlopen(pool_url, timeout=5) as response:
        return json.load(response)
