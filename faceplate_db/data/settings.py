"""PoolSettings: one place for the data layer's defaults. Arguments win over environment
variables, which win over these defaults; an invalid value raises ConfigError naming the
setting (never showing a password)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from faceplate_db.config import flag, mask_url, parse_database_url
from faceplate_db.errors import ConfigError

# setting name -> environment variable
ENVIRONMENT = {
    "pool_size": "FACEPLATE_POOL_SIZE",
    "max_overflow": "FACEPLATE_MAX_OVERFLOW",
    "pool_timeout_s": "FACEPLATE_POOL_TIMEOUT",
    "pool_recycle_s": "FACEPLATE_POOL_RECYCLE",
    "pool_pre_ping": "FACEPLATE_POOL_PRE_PING",
    "pool_ping_after_s": "FACEPLATE_POOL_PING_AFTER",
    "overflow_idle_s": "FACEPLATE_POOL_OVERFLOW_IDLE",
    "connect_timeout_s": "FACEPLATE_CONNECT_TIMEOUT",
    "application_name": "FACEPLATE_APPLICATION_NAME",
    "retry_delay_s": "FACEPLATE_RETRY_DELAY",
    "pgbouncer": "FACEPLATE_PGBOUNCER",
}
# Durations where 0 means something (every time); every other duration must be positive.
_MAY_BE_ZERO = frozenset({"pool_ping_after_s"})


@dataclass(frozen=True)
class PoolSettings:
    database_url: str
    pool_size: int = 5
    max_overflow: int = 15
    pool_timeout_s: float = 30.0
    # Recycle before common proxies / firewalls drop idle connections.
    pool_recycle_s: float = 1800.0
    pool_pre_ping: bool = True
    # Pre-ping only a connection idle for longer than this (HikariCP's aliveBypassWindowMs):
    # one used a moment ago is handed out as it is, and the rare one that died in between is
    # caught by the query's retry. 0 pings on every checkout.
    pool_ping_after_s: float = 0.5
    # Overflow connections are closed once no checkout has needed them for this long.
    overflow_idle_s: float = 10.0
    connect_timeout_s: float = 5.0
    application_name: str = "faceplate-db"
    search_path: str = "faceplate"
    # A query whose connection dropped is retried once after this delay.
    retry_delay_s: float = 1.0
    # Behind a pooler in transaction mode (PgBouncer before 1.21): consecutive statements
    # may reach different server connections, so nothing may rely on state a server connection
    # keeps: no prepared statements reused, no session settings (see engine.driver_arguments).
    pgbouncer: bool = False

    @property
    def max_connections(self) -> int:
        return self.pool_size + self.max_overflow

    @property
    def masked_url(self) -> str:
        return mask_url(self.database_url)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: object
    ) -> PoolSettings:
        """Settings from DATABASE_URL (else the embedded server) and FACEPLATE_* variables;
        keyword arguments override both."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            name: env[variable] for name, variable in ENVIRONMENT.items() if variable in env
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "database_url" not in values:
            from faceplate_db.config import Settings

            values["database_url"] = Settings.resolve(environ=dict(env)).database_url
        return cls.validated(**values)

    @classmethod
    def validated(cls, **values: object) -> PoolSettings:
        known = {f.name: f for f in fields(cls)}
        for name in values:
            if name not in known:
                raise ConfigError(name, values[name], "unknown pool setting")
        settings = cls(database_url=str(values.pop("database_url")))
        parse_database_url(settings.database_url)
        converted = {name: _convert(name, known[name].type, raw) for name, raw in values.items()}
        settings = replace(settings, **converted)
        if settings.pool_size < 1:
            raise ConfigError(_setting(cls, "pool_size"), settings.pool_size, "must be at least 1")
        if settings.max_overflow < 0:
            raise ConfigError(_setting(cls, "max_overflow"), settings.max_overflow, "must be >= 0")
        return settings


def _setting(cls: type, name: str) -> str:
    return f"{name} ({ENVIRONMENT[name]})" if name in ENVIRONMENT else name


def _convert(name: str, kind: str, raw: object) -> object:
    setting = _setting(PoolSettings, name)
    try:
        if kind == "int":
            value: object = int(raw)  # type: ignore[arg-type]
        elif kind == "float":
            value = float(raw)  # type: ignore[arg-type]
            if name in _MAY_BE_ZERO and value < 0:
                raise ConfigError(setting, raw, "must be zero or more")
            if name not in _MAY_BE_ZERO and value <= 0:
                raise ConfigError(setting, raw, "must be greater than zero")
        elif kind == "bool":
            return flag(setting, raw)  # type: ignore[arg-type]
        else:
            value = str(raw)
            if not value:
                raise ConfigError(setting, raw, "must not be empty")
    except (TypeError, ValueError):
        raise ConfigError(
            setting, raw, f"expected {'an integer' if kind == 'int' else 'a number'}"
        ) from None
    return value
