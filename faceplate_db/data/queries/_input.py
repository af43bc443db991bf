"""Checks on values before they are bound as parameters: what PostgreSQL would reject with an
obscure encoding error is rejected here with the field's name."""

from __future__ import annotations

import json
from typing import Any

from faceplate_db.errors import InvalidInput


def text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field, f"expected a string, got {type(value).__name__}")
    if "\x00" in value:
        raise InvalidInput(
            field, "contains a NUL character (\\x00), which PostgreSQL text cannot store"
        )
    return value


def json_value(field: str, value: Any, kind: type) -> Any:
    """A JSON-serialisable list or dict; strings are not parsed, so no caller-supplied JSON text
    is ever interpreted."""
    if not isinstance(value, kind):
        raise InvalidInput(
            field,
            f"expected a JSON {'array' if kind is list else 'object'}, got {type(value).__name__}",
        )
    try:
        encoded = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(field, f"not representable as JSON: {exc}") from None
    if "\\u0000" in encoded:
        raise InvalidInput(field, "contains a NUL character (\\u0000), which jsonb cannot store")
    return value
