"""The async data layer: SQLAlchemy 2 Core on asyncpg.

settings.py   PoolSettings: the pool defaults in one place, overridable by env and arguments
engine.py     the engine factory, fail-fast connections, retry once on a dropped connection,
              pool statistics
ids.py        client-generated UUIDv7 ids
tables.py     Core tables matching schema/schema.sql (a test compares them with the catalog)
queries/      the chat backend's queries, one module per entity, always scoped by user
"""
