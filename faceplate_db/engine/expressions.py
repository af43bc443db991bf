"""Expressions PostgreSQL prints in a form that does not parse back to what it printed.

`status IN ('a', 'b')` on a varchar column is stored as `status::text = ANY (ARRAY['a'::varchar,
'b'::varchar]::text[])`: the array of varchar cast as a whole. PostgreSQL prints it as
`(ARRAY['a'::character varying, ...])::text[]`, and parsing that casts each element instead
(the cast of an ARRAY[...] constructor goes into its elements), so a migration that copies the
printed text stores another expression, prints it differently, and the next diff finds a
difference again, forever. Writing the array's own type in between,
`((ARRAY[...])::character varying[])::text[]`, parses back to exactly the target's expression.
"""

from __future__ import annotations

import re

_ARRAY_CAST = re.compile(r"\(ARRAY\[")
_CAST_SUFFIX = re.compile(r"\)::([a-z][a-z0-9_ ]*(?:\([0-9, ]+\))?)\[\]")
_ELEMENT_TYPE = re.compile(r"::([a-z][a-z0-9_ ]*(?:\([0-9, ]+\))?)$")
_BODIES = re.compile(r"^\s*create\s+(?:or\s+replace\s+)?(?:function|procedure|aggregate)\b", re.I)


def _closing_bracket(text: str, start: int) -> int | None:
    """The index of the ] that closes the [ before start, outside quotes."""
    depth, i = 1, start
    while i < len(text):
        char = text[i]
        if char == "'":
            i = text.find("'", i + 1)
            while i != -1 and text.startswith("''", i):
                i = text.find("'", i + 2)
            if i == -1:
                return None
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _elements(body: str) -> list[str]:
    """Top-level comma-separated elements of an ARRAY[...] body."""
    parts, depth, current, quoted = [], 0, [], False
    for char in body:
        if char == "'":
            quoted = not quoted
        elif not quoted and char in "([":
            depth += 1
        elif not quoted and char in ")]":
            depth -= 1
        elif not quoted and depth == 0 and char == ",":
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return parts


def _element_type(body: str) -> str | None:
    types = {m.group(1) if (m := _ELEMENT_TYPE.search(e)) else None for e in _elements(body)}
    return types.pop() if len(types) == 1 else None


def stable_expressions(sql: str) -> str:
    """sql with each `(ARRAY[x::T, ...])::U[]` written `((ARRAY[x::T, ...])::T[])::U[]`
    (function bodies are left as they are: they are stored as written)."""
    if "ARRAY[" not in sql or _BODIES.match(sql):
        return sql
    out, position = [], 0
    for match in _ARRAY_CAST.finditer(sql):
        if match.start() < position:
            continue
        end = _closing_bracket(sql, match.end())
        if end is None:
            continue
        cast = _CAST_SUFFIX.match(sql, end + 1)
        element_type = _element_type(sql[match.end() : end])
        if cast is None or element_type is None or element_type == cast.group(1):
            continue
        out.append(sql[position : match.start()])
        out.append(
            f"({sql[match.start() : end + 1]})::{element_type}[]){sql[cast.start() + 1 : cast.end()]}"
        )
        position = cast.end()
    out.append(sql[position:])
    return "".join(out)
