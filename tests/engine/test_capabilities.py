"""The server's capabilities: the one place that knows which major added what."""

from __future__ import annotations

import psycopg

from faceplate_db.config import libpq_url
from faceplate_db.engine.capabilities import Capabilities
from faceplate_db.engine.inspect import inspection_connection


def test_each_capability_starts_at_its_major():
    assert not Capabilities.for_major(16).maintain_privilege
    assert Capabilities.for_major(17).maintain_privilege
    assert not Capabilities.for_major(17).named_not_null
    assert Capabilities.for_major(18).named_not_null
    assert Capabilities.for_major(18).virtual_generated_columns


def test_a_baseline_server_has_none_of_them():
    caps = Capabilities.for_major(15)
    assert [name for name in Capabilities.names() if getattr(caps, name)] == []
    assert str(caps) == "PostgreSQL 15 (baseline features)"


def test_capabilities_of_the_server_under_test(server_url):
    with psycopg.connect(libpq_url(server_url)) as conn:
        major = conn.info.server_version // 10000
    with inspection_connection(server_url) as conn:
        assert Capabilities.of(conn) == Capabilities.for_major(major)
