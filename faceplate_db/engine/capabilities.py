"""What the server under inspection can do: the one place that knows which PostgreSQL major
added what.

The rest of the engine asks a `Capabilities` by name (`caps.named_not_null`), never compares
version numbers itself, so supporting a new major is an edit here plus the repair that uses
the new name. To add a capability, add one line to the class:

    my_feature = since(19, "what 19 changed and why the engine cares")

`Capabilities.of(conn)` reads the server's version once; `Capabilities.for_major(18)` builds
one without a server (tests, and the baseline the fingerprint is written in).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

# The major whose catalogue the fingerprint's canonical text is written in: fingerprints
# recorded in migration files were computed on it, and newer majors' bookkeeping is
# translated back to it (inspect.py).
BASELINE_MAJOR = 16


class since:  # lower case: it reads as a declaration, `named_not_null = since(18, ...)`
    """A capability that a server has from a given major on."""

    def __init__(self, major: int, what: str) -> None:
        self.major = major
        self.__doc__ = f"PostgreSQL {major}+: {what}"

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, caps: Capabilities | None, owner: type | None = None):
        if caps is None:
            return self
        return caps.major >= self.major


@dataclass(frozen=True)
class Capabilities:
    """The features of one server, by name."""

    major: int

    # PostgreSQL 17
    domain_not_null_names = since(
        17, "a domain's NOT NULL is a named constraint (pg_constraint, contype 'n')"
    )
    maintain_privilege = since(
        17, "the MAINTAIN privilege ('m'), which a table's owner has by default"
    )
    identity_on_partitioned_tables = since(
        17, "a partitioned table's identity column is shared by its partitions (and shown on them)"
    )

    # PostgreSQL 18
    named_not_null = since(
        18, "a column's NOT NULL is a named constraint (pg_constraint, contype 'n')"
    )
    not_null_not_valid = since(18, "NOT NULL constraints can be NOT VALID, then VALIDATEd")
    virtual_generated_columns = since(
        18, "generated columns can be VIRTUAL (attgenerated 'v'), the default without STORED"
    )
    # PostgreSQL 18: keys and constraints (constraints.py in catalog/, enforcement.py)
    constraint_enforceability = since(
        18,
        "CHECK and FOREIGN KEY constraints can be NOT ENFORCED (conenforced); a foreign key's "
        "can be altered with ALTER CONSTRAINT, a CHECK's cannot",
    )
    temporal_keys = since(
        18,
        "PRIMARY KEY / UNIQUE ... WITHOUT OVERLAPS and FOREIGN KEY ... PERIOD (conperiod), "
        "whose index cannot be made first and attached",
    )

    @property
    def privileges_beyond_baseline(self) -> frozenset[str]:
        """Privilege types this server has and the baseline major has not (a new object's
        owner gets them by default)."""
        return frozenset({"MAINTAIN"} if self.maintain_privilege else ())

    @classmethod
    def for_major(cls, major: int) -> Capabilities:
        return cls(major)

    @classmethod
    def of(cls, conn: Connection) -> Capabilities:
        """The capabilities of the server behind a SQLAlchemy connection."""
        number = conn.execute(text("SELECT current_setting('server_version_num')::int"))
        return cls(number.scalar_one() // 10000)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every capability's name, oldest first."""
        found = [(v.major, k) for k, v in vars(cls).items() if isinstance(v, since)]
        return tuple(name for _, name in sorted(found))

    def __str__(self) -> str:
        present = [name for name in self.names() if getattr(self, name)]
        return f"PostgreSQL {self.major} ({', '.join(present) or 'baseline features'})"
