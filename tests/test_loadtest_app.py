"""The HTTP app over the data layer, started the way the harness starts it (uvicorn on
127.0.0.1): its routes, their errors, and the pool endpoint."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from faceplate_db.data.queries import conversations, users
from loadtest.apps import running_app
from tests.migrate.handwritten import history_rows


@pytest.fixture
def app(fresh_db, app_name):
    with running_app(fresh_db, app_name, {}) as base:
        yield base


def call(method: str, url: str, body: dict | None = None) -> tuple[int, object]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


async def test_routes_serve_the_chat_operations_scoped_by_user(app, engine):
    alice = await users.get_or_create_user(engine, "sub-a", "a@example.com")
    chat = await conversations.create_conversation(engine, alice.id, "hello")
    base = f"{app}/users/{alice.id}"
    status, created = call(
        "POST", f"{base}/conversations/{chat.id}/messages", {"role": "user", "content": "hi"}
    )
    assert status == 201 and created["content"] == "hi"
    status, history = call("GET", f"{base}/conversations/{chat.id}/messages?limit=50")
    assert status == 200 and [m["content"] for m in history] == ["hi"]
    status, recent = call("GET", f"{base}/conversations?limit=20")
    assert status == 200 and [c["title"] for c in recent] == ["hello"]
    assert call("GET", f"{base}/configs") == (200, [])
    stranger = f"{app}/users/{uuid.uuid4()}"
    assert call("GET", f"{stranger}/conversations/{chat.id}/messages") == (200, [])
    status, error = call("POST", f"{stranger}/conversations/{chat.id}/messages", {"content": "x"})
    assert status == 404 and "not found" in error["error"]


async def test_bad_input_is_a_422_naming_the_field(app):
    base = f"{app}/users/{uuid.uuid4()}"
    status, error = call("GET", f"{base}/conversations?limit=lots")
    assert status == 422 and "limit" in error["error"]
    status, error = call("POST", f"{base}/conversations/{uuid.uuid4()}/messages", {"role": "robot"})
    assert status == 422 and "role" in error["error"]


def test_pool_endpoint_reports_the_pool(app):
    status, pool = call("GET", f"{app}/pool")
    assert status == 200
    assert pool["size"] == 5 and pool["max_connections"] == 20
    assert {"checked_out", "connections_opened", "waits", "timeouts", "invalidations"} <= set(pool)


def test_two_apps_migrating_at_startup_apply_the_repository_migrations_once(empty_db, app_name):
    with (
        running_app(empty_db, app_name, {}, migrate=True) as first,
        running_app(empty_db, app_name, {}, migrate=True) as second,
    ):
        for base in (first, second):
            assert call("GET", f"{base}/users/{uuid.uuid4()}/configs") == (200, [])
    assert history_rows(empty_db) == [(1, "initial")]
