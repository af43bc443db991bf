"""The async data layer: SQLAlchemy 2 Core on asyncpg.

settings.py   PoolSettings: the pool defaults in one place, overridable by env and arguments
engine.py     the engine factory, fail-fast connections, retry once on a dropped connection,
              pool statistics
pool.py       SustainedQueuePool: overflow kept while the load lasts; no pre-ping for a
              connection used a moment ago
turns.py      fair, bounded waiting for a connection, one timer for all the waits
connection.py the connect budget, asyncpg's arguments, the unavailable error, a bare TCP check
              (neither SQLAlchemy nor the driver imported)
ping.py       `faceplate-db ping`: each layer imported only once the one below answered
compiled.py   Core statements compiled once, run on the pooled connection's driver
ids.py        client-generated UUIDv7 ids
tables.py     Core tables matching schema/schema.sql (a test compares them with the catalog)
queries/      the chat backend's queries, one module per entity, always scoped by user
"""
