"""Samples a running load: the server connections to the load's database (pg_stat_activity:
the peak at once, and every distinct backend seen, since a connection opened per request would
show as many), PgBouncer's client connections for it, and each app process's pool statistics.

It reads pg_stat_activity from the server's maintenance database, so its own connection is not
counted and survives a terminate; a sample that fails (the server restarting) is skipped and
the connection made again."""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import TYPE_CHECKING

import psycopg

from faceplate_db.config import libpq_url

if TYPE_CHECKING:
    from loadtest.pgbouncer import PgBouncer

_QUERY = (
    "SELECT pid, backend_start FROM pg_stat_activity "
    "WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
)


class ConnectionSampler(threading.Thread):
    def __init__(
        self,
        server_url: str | None,
        database: str | None,
        pool_urls: list[str],
        bouncer: PgBouncer | None = None,
        interval_s: float = 0.2,
    ) -> None:
        super().__init__(daemon=True, name="load sampler")
        self._url = libpq_url(server_url) if server_url else None
        self._database = database
        self._pool_urls = pool_urls
        self._bouncer = bouncer
        self._interval_s = interval_s
        self._halt = threading.Event()
        self._conn: psycopg.Connection | None = None
        self.peak = 0
        self.backends: set[tuple[int, object]] = set()
        self.client_peak = 0
        self.pool_checked_out_peak = 0
        self.checkouts = 0
        self.samples = 0

    def _server_sample(self) -> None:
        try:
            if self._conn is None:
                self._conn = psycopg.connect(self._url, autocommit=True, connect_timeout=2)
            rows = self._conn.execute(_QUERY, [self._database]).fetchall()
        except psycopg.Error:
            if self._conn is not None:
                self._conn.close()
            self._conn = None
            return
        self.peak = max(self.peak, len(rows))
        self.backends.update(rows)

    def _pool_sample(self) -> None:
        checked_out = checkouts = 0
        for url in self._pool_urls:
            try:
                pool = read_pool(url)
            except OSError:
                continue
            checked_out += pool.get("checked_out", 0)
            checkouts += pool.get("checkouts", 0)
        self.pool_checked_out_peak = max(self.pool_checked_out_peak, checked_out)
        self.checkouts = max(self.checkouts, checkouts)

    def run(self) -> None:
        try:
            while not self._halt.is_set():
                if self._url:
                    self._server_sample()
                if self._bouncer is not None:
                    try:
                        clients = self._bouncer.client_connections(self._database)
                        self.client_peak = max(self.client_peak, clients)
                    except psycopg.Error:
                        pass
                self._pool_sample()
                self.samples += 1
                self._halt.wait(self._interval_s)
        finally:
            if self._conn is not None:
                self._conn.close()

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)


def read_pool(pool_url: str) -> dict:
    """The app's pool statistics (its /pool endpoint)."""
    with urllib.request.urlopen(pool_url, timeout=5) as response:
        return json.load(response)
