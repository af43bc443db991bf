"""SQL text split into statements and comments: a lexer just good enough to find the
semicolons and `--` comments outside quotes, dollar quotes, comments and the BEGIN ATOMIC ...
END body of a function or procedure (with psql's own heuristic), shared by schema files and
migration files; and the bookkeeping SQL shipped beside the code (sql/)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources


def bookkeeping_sql(name: str) -> str:
    """The text of faceplate_db/migrate/sql/NAME."""
    return resources.files("faceplate_db.migrate").joinpath("sql", name).read_text("utf-8")


_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_ROUTINE_HEADS = (("create", "function"), ("create", "procedure"))


class _Body:
    """psql's heuristic for a SQL-standard body: in a statement that opens CREATE [OR REPLACE]
    FUNCTION or PROCEDURE, BEGIN ... END (and CASE ... END inside it) nest, and a semicolon
    within them does not end the statement (parentheses are counted only to leave out a
    BEGIN or END inside them)."""

    def __init__(self) -> None:
        self.head: list[str] = []
        self.depth = 0
        self.parens = 0

    def word(self, word: str) -> None:
        word = word.lower()
        if len(self.head) < 4:
            self.head.append(word)
        head = [w for w in self.head if w not in ("or", "replace")]
        if tuple(head[:2]) not in _ROUTINE_HEADS or self.parens:
            return
        if word == "begin" or (word == "case" and self.depth):
            self.depth += 1
        elif word == "end" and self.depth:
            self.depth -= 1

    @property
    def open(self) -> bool:
        return bool(self.depth)


def _scan(text: str) -> Iterator[tuple[str, int, int]]:
    """("comment", start, end) for each -- comment and ("end", start, end) for each statement, in
    order: a lexer just good enough to tell code from quotes, dollar quotes and comments."""
    start = i = 0
    n = len(text)
    body = _Body()
    while i < n:
        char = text[i]
        if (word := _WORD.match(text, i)) and not _is_identifier_char(text, i - 1):
            body.word(word.group())
            i = word.end()
        elif char in "()":
            body.parens = max(0, body.parens + (1 if char == "(" else -1))
            i += 1
        elif char == "-" and text.startswith("--", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
            yield "comment", i, end
            i = end
        elif char == "/" and text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif char in "'\"":
            escapes = char == "'" and i > 0 and text[i - 1] in "eE"
            i += 1
            while i < n:
                if escapes and text[i] == "\\":
                    i += 2
                elif text[i] == char:
                    if text.startswith(char * 2, i):
                        i += 2
                    else:
                        break
                else:
                    i += 1
            i += 1
        elif (
            char == "$"
            and (tag := _DOLLAR_TAG.match(text, i))
            and not _is_identifier_char(text, i - 1)
        ):
            end = text.find(tag.group(), tag.end())
            i = n if end == -1 else end + len(tag.group())
        elif char == ";" and not body.open:
            yield "end", start, i + 1
            start = i = i + 1
            body = _Body()
        else:
            i += 1
    if text[start:].strip():
        yield "end", start, n


def statement_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each statement in text: split on semicolons outside
    quotes, dollar quotes, comments and SQL-standard bodies."""
    return [(start, end) for kind, start, end in _scan(text) if kind == "end"]


def line_comments(text: str) -> list[tuple[int, str]]:
    """(offset, text after the --) of every -- comment in text that is SQL's, not a string's."""
    return [(start, text[start + 2 : end]) for kind, start, end in _scan(text) if kind == "comment"]


def _is_identifier_char(text: str, index: int) -> bool:
    return index >= 0 and (text[index].isalnum() or text[index] == "_")


def first_token(chunk: str) -> int | None:
    """Offset of the first character in chunk that is neither whitespace nor a comment."""
    i, n = 0, len(chunk)
    while i < n:
        if chunk[i].isspace():
            i += 1
        elif chunk.startswith("--", i):
            end = chunk.find("\n", i)
            i = n if end == -1 else end + 1
        elif chunk.startswith("/*", i):
            end = chunk.find("*/", i + 2)
            i = n if end == -1 else end + 2
        else:
            return i
    return None
