"""SustainedQueuePool: SQLAlchemy's asyncio QueuePool, except that overflow connections live as
long as the demand that made them.

SQLAlchemy's QueuePool closes an overflow connection the moment it is checked in whenever
pool_size connections are already idle. Under sustained load above pool_size (the load test's 50
users on a 5 + 15 pool) returns and checkouts interleave so that this happens constantly: the
bench measured 50 connections opened in 10 s, a new server backend (~2-3 ms of fork and auth)
for a large share of requests, and p99 in the seconds. Here the idle queue can hold every
connection the pool may open (pool_size + max_overflow), and an overflow connection is closed
on check-in only once no checkout has needed overflow for `overflow_idle_s`; so the pool still
shrinks back to pool_size when the load goes, but never churns while it lasts.

It also spares the pre-ping of a connection returned less than `ping_after_s` ago (HikariCP's
aliveBypassWindowMs): under load nearly every checkout finds a connection used a millisecond
earlier, and pinging it cost a round trip per query (the bench: 0.64-0.74x a raw asyncpg pool
with the ping, 0.90x without). Such a connection is marked the way SQLAlchemy marks a connection
it has just opened, which it hands out unpinged, unless asyncpg already knows it closed. One that
died inside the window unnoticed fails its query, and the data layer retries that once on
another connection.
"""

from __future__ import annotations

import math
import time

from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry

_RETURNED_AT = "faceplate_returned_at"


class SustainedQueuePool(AsyncAdaptedQueuePool):
    # Class attributes, since SQLAlchemy passes only its own pool arguments to the pool class;
    # `configured` makes a subclass for other values.
    overflow_idle_s = 10.0
    ping_after_s = 0.5

    @classmethod
    def configured(cls, *, overflow_idle_s: float, ping_after_s: float) -> type[SustainedQueuePool]:
        return type(
            cls.__name__,
            (cls,),
            {"overflow_idle_s": overflow_idle_s, "ping_after_s": ping_after_s},
        )

    def __init__(
        self, creator, pool_size: int = 5, max_overflow: int = 10, *, use_lifo: bool = False, **kw
    ) -> None:
        super().__init__(
            creator, pool_size=pool_size, max_overflow=max_overflow, use_lifo=use_lifo, **kw
        )
        self._core_size = pool_size
        self._overflow_needed_at = 0.0
        # Room for every connection the pool may open, so check-in never has to close one.
        self._pool = self._queue_class(pool_size + max(max_overflow, 0), use_lifo=use_lifo)

    def size(self) -> int:
        return self._core_size

    def checkedout(self) -> int:
        return self._core_size - self._pool.qsize() + self._overflow

    def will_connect(self) -> bool:
        """Whether the next checkout opens a new connection: none idle, and room for one."""
        return self._pool.qsize() == 0 and self._overflow < self._max_overflow

    def _do_get(self) -> ConnectionPoolEntry:
        record = super()._do_get()
        now = time.monotonic()
        if self.checkedout() > self._core_size:
            self._overflow_needed_at = now
        recent = now - record.info.get(_RETURNED_AT, -math.inf) < self.ping_after_s
        # A connection whose server said goodbye (terminated, restarted) is closed on our side
        # already, which costs nothing to ask: that one is pinged, and so replaced. (None: an
        # invalidated connection, which SQLAlchemy opens anew.)
        driver = record.driver_connection
        if recent and driver is not None and not driver.is_closed():
            # SQLAlchemy's pre-ping skips a connection marked fresh (one it has just opened).
            record.fresh = True
        return record

    def _do_return_conn(self, record: ConnectionPoolEntry) -> None:
        now = time.monotonic()
        # In the connection's info, which SQLAlchemy clears when the connection is replaced.
        record.info[_RETURNED_AT] = now
        # The returning connection still counts as checked out here.
        if self.checkedout() > self._core_size:
            self._overflow_needed_at = now
        elif self._overflow > 0 and now - self._overflow_needed_at > self.overflow_idle_s:
            try:
                record.close()
            finally:
                self._dec_overflow()
            return
        super()._do_return_conn(record)

    def recreate(self) -> SustainedQueuePool:
        # QueuePool.recreate would size the new pool from the enlarged queue.
        self.logger.info("Pool recreating")
        return self.__class__(
            self._creator,
            pool_size=self._core_size,
            max_overflow=self._max_overflow,
            pre_ping=self._pre_ping,
            use_lifo=self._pool.use_lifo,
            timeout=self._timeout,
            recycle=self._recycle,
            echo=self.echo,
            logging_name=self._orig_logging_name,
            reset_on_return=self._reset_on_return,
            _dispatch=self.dispatch,
            dialect=self._dialect,
        )
