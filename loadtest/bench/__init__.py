"""Benchmarks behind `nox -s bench`: each module measures one thing and compares it with a
baseline measured in the same run (targets for the schema tool, a raw asyncpg pool for the data
layer, pgbench for the whole stack).

Each module exposes `run(database_url, ...) -> dict` and `report(result) -> list[str]`.
"""
