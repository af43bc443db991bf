"""Settings shared by the schema tool and the data layer: where the database is, which schemas
are managed, and how URLs are shown (always with the password masked).

Only this module (and the CLI) reads the environment or pyproject.toml; everything below
receives a frozen settings object.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, parse_qs, urlsplit

from faceplate_db.errors import ConfigError

DEFAULT_SCHEMA = "faceplate"
DEFAULT_SCHEMA_FILE = Path("schema/schema.sql")
DEFAULT_MIGRATIONS_DIR = Path("schema/migrations")
# The history table lives in a schema of its own, never managed and never diffed.
HISTORY_SCHEMA = "faceplate_migrations"


def _split(url: str) -> SplitResult | None:
    """The URL's parts, or None when it is no URL (no scheme://, a port that is no number)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        return None
    return parts if parts.scheme and url.startswith(f"{parts.scheme}://") else None


def _with(url: str, parts: SplitResult, *, scheme: str, netloc: str) -> str:
    """url with its scheme and netloc replaced and the rest kept as written (urlunsplit would
    turn postgresql:///db into postgresql:/db)."""
    return f"{scheme}://{netloc}{url[len(parts.scheme) + 3 + len(parts.netloc) :]}"


# libpq also takes the password as a query parameter (?password=...).
_QUERY_PASSWORD = re.compile(r"(?i)([?&]password=)[^&#]*")


def mask_url(url: str) -> str:
    """The URL as a person may see it: password replaced by ***, in the user part and in the
    query alike."""
    parts = _split(url)
    if parts is None:
        return "<unparseable database URL>"
    masked = url
    if parts.password is not None:
        userinfo, _, hostport = parts.netloc.rpartition("@")
        user = userinfo.partition(":")[0]
        masked = _with(url, parts, scheme=parts.scheme, netloc=f"{user}:***@{hostport}")
    return _QUERY_PASSWORD.sub(r"\1***", masked)


def parse_database_url(url: str, setting: str = "DATABASE_URL") -> SplitResult:
    """Validates a postgresql:// URL (a +driver suffix allowed); the error names the setting,
    never the password. Parsed by the standard library, so the command line can check a URL
    without importing SQLAlchemy."""
    parts = _split(url)
    if parts is None:
        raise ConfigError(setting, "<unparseable>", "expected postgresql://user@host:port/dbname")
    if parts.scheme.partition("+")[0] not in ("postgresql", "postgres"):
        raise ConfigError(setting, mask_url(url), "only postgresql:// URLs are supported")
    return parts


def libpq_url(url: str) -> str:
    """A plain postgresql:// URL (no +driver suffix), as libpq, psycopg and asyncpg accept it."""
    parts = parse_database_url(url)
    return _with(url, parts, scheme="postgresql", netloc=parts.netloc)


def driver_url(url: str, driver: str) -> str:
    """The URL as SQLAlchemy takes it for a driver: postgresql+driver://..."""
    parts = parse_database_url(url)
    return _with(url, parts, scheme=f"postgresql+{driver}", netloc=parts.netloc)


def server_address(url: str) -> str:
    """host:port of the server a URL names (a unix socket directory given as ?host= too), for
    messages; never the password."""
    parts = parse_database_url(url)
    host = parts.hostname or parse_qs(parts.query).get("host", ["localhost"])[0]
    return f"{f'[{host}]' if ':' in host else host}:{parts.port or 5432}"


def find_project_root(start: Path | None = None) -> Path:
    """The nearest directory at or above start holding a pyproject.toml, else start itself."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "pyproject.toml").is_file():
            return candidate
    return here


def managed_schemas_from_pyproject(root: Path) -> tuple[str, ...]:
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return (DEFAULT_SCHEMA,)
    import tomllib  # here: its import compiles a dozen regular expressions, ping needs none

    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{pyproject}", "<toml>", str(exc)) from exc
    schemas = data.get("tool", {}).get("faceplate-db", {}).get("schemas", [DEFAULT_SCHEMA])
    return validate_schemas(schemas, setting="[tool.faceplate-db] schemas")


def validate_schemas(schemas: object, setting: str = "--schema") -> tuple[str, ...]:
    if not isinstance(schemas, (list, tuple)) or not schemas:
        raise ConfigError(setting, schemas, "expected a non-empty list of schema names")
    for name in schemas:
        # Any name PostgreSQL accepts (it is quoted wherever it is written), as it is spelled
        # in the catalog: "Tenant1" is Tenant1, public is public.
        if not isinstance(name, str) or not name or "\0" in name or len(name.encode()) > 63:
            raise ConfigError(setting, name, "a schema name is 1 to 63 bytes")
        if name.startswith("pg_") or name in ("information_schema", HISTORY_SCHEMA):
            raise ConfigError(
                setting, name, "system schemas and the history schema cannot be managed"
            )
    return tuple(dict.fromkeys(schemas))


def positive_float(setting: str, raw: str | float) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise ConfigError(setting, raw, "expected a number of seconds") from None
    if value <= 0:
        raise ConfigError(setting, raw, "must be greater than zero")
    return value


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def flag(setting: str, raw: str | bool) -> bool:
    """A yes/no setting: true/false, yes/no, on/off or 1/0, in any case."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text not in _TRUE | _FALSE:
        raise ConfigError(setting, raw, "expected true or false")
    return text in _TRUE


@dataclass(frozen=True)
class Settings:
    """What every schema-tool verb needs. Build it with `Settings.resolve`."""

    database_url: str
    schema_file: Path = DEFAULT_SCHEMA_FILE
    migrations_dir: Path = DEFAULT_MIGRATIONS_DIR
    schemas: tuple[str, ...] = (DEFAULT_SCHEMA,)
    scratch_url: str | None = None
    lock_timeout_s: float = 5.0
    statement_timeout_s: float = 600.0
    applied_by: str = field(default_factory=getpass.getuser)

    @property
    def masked_url(self) -> str:
        return mask_url(self.database_url)

    @classmethod
    def resolve(
        cls,
        database: str | None = None,
        schema_file: str | Path | None = None,
        migrations_dir: str | Path | None = None,
        schemas: list[str] | tuple[str, ...] | None = None,
        scratch_url: str | None = None,
        environ: dict[str, str] | None = None,
        project_root: Path | None = None,
    ) -> Settings:
        """Arguments win over the environment, which wins over pyproject.toml and defaults."""
        env = os.environ if environ is None else environ
        root = project_root or find_project_root()
        url = database or env.get("DATABASE_URL") or None
        if url:
            parse_database_url(url, "--database" if database else "DATABASE_URL")
        else:
            from faceplate_db.embedded import embedded_database_url

            url = embedded_database_url(root, env)
        if scratch_url:
            parse_database_url(scratch_url, "--scratch-url")
        return cls(
            database_url=url,
            schema_file=Path(schema_file) if schema_file else root / DEFAULT_SCHEMA_FILE,
            migrations_dir=Path(migrations_dir)
            if migrations_dir
            else root / DEFAULT_MIGRATIONS_DIR,
            schemas=validate_schemas(list(schemas))
            if schemas
            else managed_schemas_from_pyproject(root),
            scratch_url=scratch_url,
            lock_timeout_s=positive_float(
                "FACEPLATE_LOCK_TIMEOUT", env.get("FACEPLATE_LOCK_TIMEOUT", cls.lock_timeout_s)
            ),
            statement_timeout_s=positive_float(
                "FACEPLATE_STATEMENT_TIMEOUT",
                env.get("FACEPLATE_STATEMENT_TIMEOUT", cls.statement_timeout_s),
            ),
        )
