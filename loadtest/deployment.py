"""What a load run stands up before Locust starts, in order, and tears down in reverse whatever
happens: the server (the given or embedded one, or for a restart fault one of its own), a
database on it (migrated here, or by the app processes at startup with `--migrate-at-startup`),
PgBouncer in front (`--pgbouncer`), the app processes, and then the seed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from faceplate_db.config import Settings, mask_url
from faceplate_db.migrate import verify
from loadtest.apps import AppProcess, app_environment, running_apps
from loadtest.pgbouncer import PgBouncer, running_pgbouncer
from loadtest.seed import MIGRATIONS, load_database, seed
from loadtest.server import OwnServer, own_server


@dataclass
class Deployment:
    server_url: str
    database_url: str
    bouncer: PgBouncer | None
    apps: list[AppProcess] = field(default_factory=list)
    own_server: OwnServer | None = None
    # The app processes migrated the empty database as they booted (checked with verify()).
    migrated_at_startup: bool = False

    @property
    def database(self) -> str:
        return make_url(self.database_url).database

    @property
    def bases(self) -> list[str]:
        return [app.base for app in self.apps]

    def apps_exited(self) -> int:
        return sum(1 for app in self.apps if app.process.poll() is not None)


@contextmanager
def deployed(
    *,
    database: str | None,
    own: bool,
    pgbouncer: bool,
    app_processes: int,
    application_name: str,
    pool: dict[str, int],
    migrate: bool,
    seed_file: Path,
    describe: str,
) -> Iterator[Deployment]:
    """Stands the run up; `own` for a server of the harness's own, `database` else (default:
    DATABASE_URL, else the embedded server)."""
    with ExitStack() as stack:
        server = stack.enter_context(own_server()) if own else None
        server_url = server.url if server else Settings.resolve(database=database).database_url
        print(f"load test on {mask_url(server_url)}: {describe}", flush=True)
        # With `migrate`, the app processes find the database empty and migrate it as they
        # boot, all at once (one applies, the others wait on the lock); it is seeded after.
        database_url = stack.enter_context(load_database(server_url, migrated=not migrate))
        bouncer = stack.enter_context(running_pgbouncer(server_url)) if pgbouncer else None
        deployment = Deployment(server_url, database_url, bouncer, own_server=server)
        app_url = bouncer.url(deployment.database) if bouncer else database_url
        settings = app_environment(
            app_url,
            application_name,
            pool,
            pgbouncer=bouncer is not None,
            migrate=migrate,
            direct_url=database_url,
        )
        deployment.apps = stack.enter_context(running_apps(app_processes, settings))
        if migrate:
            # Every app answered, so each finished its upgrade(); none may have left work.
            verify(database_url, migrations=MIGRATIONS)
            deployment.migrated_at_startup = True
        info = asyncio.run(seed(database_url))
        info.save(seed_file)
        print(f"seeded {info.messages} messages in {info.seconds:.1f} s", flush=True)
        yield deployment
