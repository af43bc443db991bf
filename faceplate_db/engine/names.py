"""SQL names and literals, written and read back the way PostgreSQL spells them."""

from __future__ import annotations

import re


def quote_identifier(identifier: str) -> str:
    """Always quoted (as schemainspect quotes): safe for any name, keyword or case."""
    return '"' + identifier.replace('"', '""') + '"'


def qualified_name(schema: str, name: str) -> str:
    return f"{quote_identifier(schema)}.{quote_identifier(name)}"


def string_literal(value: str) -> str:
    """A string constant that reads the same whatever standard_conforming_strings says."""
    if "\\" in value:
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'"
    return "'" + value.replace("'", "''") + "'"


def unquote_name(name: str) -> str:
    """'"Schema"."t"' -> 'Schema.t'; unquoted parts are folded to lower case."""
    parts = re.findall(r'"((?:[^"]|"")+)"|([^."\s]+)', name)
    return ".".join(quoted.replace('""', '"') if quoted else bare.lower() for quoted, bare in parts)
