"""A thin ASGI app over the data layer's chat operations, for Locust to drive over HTTP. It
holds no logic of its own: each route parses, calls one query function, returns JSON.

Run: `uvicorn loadtest.app:app` with DATABASE_URL (and FACEPLATE_* pool settings) set. With
FACEPLATE_MIGRATE_ON_STARTUP=true each process applies the pending reviewed migrations as it
boots, through `faceplate_db.migrate.upgrade_async` (instances starting together queue on the
migration lock; one applies, the others find nothing pending).
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from faceplate_db.config import flag
from faceplate_db.data.engine import create_engine, pool_statistics
from faceplate_db.data.queries import conversations, mcp_configs, messages
from faceplate_db.errors import DatabaseUnavailable, InvalidInput, NotFound, PoolTimeout

MAX_LIMIT = 200
MIGRATE_ON_STARTUP = "FACEPLATE_MIGRATE_ON_STARTUP"
# Where those migrations go (default DATABASE_URL): straight to PostgreSQL when the app reaches
# it through PgBouncer in transaction mode, where the session-level migration lock cannot hold.
MIGRATION_URL = "FACEPLATE_MIGRATION_URL"


def _jsonable(value: Any) -> Any:
    return (
        value if isinstance(value, (str, int, float, bool, list, dict, type(None))) else str(value)
    )


def _json(rows: list[Any]) -> list[dict[str, Any]]:
    return [{key: _jsonable(value) for key, value in row.items()} for row in rows]


def _limit(request: Request, default: int) -> int:
    raw = request.query_params.get("limit", str(default))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise InvalidInput("limit", f"expected an integer from 1 to {MAX_LIMIT}, got {raw!r}")
    return int(raw)


async def latest_messages(request: Request) -> JSONResponse:
    ids = request.path_params
    rows = await messages.latest_messages(
        request.app.state.engine, ids["user_id"], ids["conversation_id"], _limit(request, 50)
    )
    return JSONResponse(_json(rows))


async def append_message(request: Request) -> JSONResponse:
    ids = request.path_params
    try:
        body = await request.json()
    except ValueError:
        raise InvalidInput("body", "expected a JSON object") from None
    if not isinstance(body, dict):
        raise InvalidInput("body", "expected a JSON object")
    row = await messages.append_message(
        request.app.state.engine,
        ids["user_id"],
        ids["conversation_id"],
        body.get("role", "user"),
        body.get("content", ""),
        body.get("tool_calls"),
        body.get("tool_results"),
    )
    return JSONResponse(_json([row])[0], status_code=201)


async def recent_conversations(request: Request) -> JSONResponse:
    rows = await conversations.list_recent_conversations(
        request.app.state.engine, request.path_params["user_id"], _limit(request, 20)
    )
    return JSONResponse(_json(rows))


async def enabled_configs(request: Request) -> JSONResponse:
    rows = await mcp_configs.list_enabled_configs(
        request.app.state.engine, request.path_params["user_id"]
    )
    return JSONResponse(_json(rows))


async def pool(request: Request) -> JSONResponse:
    # The pid tells the harness this process, not another that took the port, is answering.
    return JSONResponse({**pool_statistics(request.app.state.engine), "pid": os.getpid()})


async def not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, status_code=404)


async def invalid(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, status_code=422)


async def unavailable(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, status_code=503)


async def server_error(request: Request, exc: Exception) -> JSONResponse:
    # The cause in the body (this app serves a load test on loopback, never users), so a failed
    # request in the harness's record says what went wrong.
    return JSONResponse({"error": f"{type(exc).__name__}: {exc}"[:300]}, status_code=500)


@asynccontextmanager
async def lifespan(app: Starlette):
    if flag(MIGRATE_ON_STARTUP, os.environ.get(MIGRATE_ON_STARTUP, "false")):
        from faceplate_db.migrate import upgrade_async

        app.state.migrated = await upgrade_async(os.environ.get(MIGRATION_URL) or None)
    app.state.engine = create_engine()
    yield
    await app.state.engine.dispose()


app = Starlette(
    routes=[
        Route("/users/{user_id:uuid}/conversations", recent_conversations),
        Route(
            "/users/{user_id:uuid}/conversations/{conversation_id:uuid}/messages",
            latest_messages,
            methods=["GET"],
        ),
        Route(
            "/users/{user_id:uuid}/conversations/{conversation_id:uuid}/messages",
            append_message,
            methods=["POST"],
        ),
        Route("/users/{user_id:uuid}/configs", enabled_configs),
        Route("/pool", pool),
    ],
    exception_handlers={
        NotFound: not_found,
        InvalidInput: invalid,
        DatabaseUnavailable: unavailable,
        PoolTimeout: unavailable,
        Exception: server_error,
    },
    lifespan=lifespan,
)
