"""`-- faceplate-db:` directives: the lines of a schema file or a migration file the tool reads.

A directive is a `--` comment (outside strings and function bodies) whose text starts with
`faceplate-db:`. Each kind of file has its own, and anything else after `faceplate-db:` is an
error naming its file and line, so a misspelt directive is never silently a comment:

  schema.sql        rename KIND OLD to NEW      an object renamed, not dropped and made anew
                                                (resolved against the databases by renames.py)
  migration files   no-transaction              the file runs statement by statement
                    irreversible REASON         the file has no down file, on purpose

Names in a rename follow SQL's rules: unquoted names fold to lower case, double quotes keep
case, dots and spaces; an enum value may also be written as a string constant ('Bot').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from faceplate_db.errors import MigrationFileError, SchemaLoadError
from faceplate_db.migrate.sql_text import line_comments

_DIRECTIVE = re.compile(r"^\s*faceplate-db\s*:\s*", re.IGNORECASE)
NO_TRANSACTION = "no-transaction"
IRREVERSIBLE = "irreversible"
_IRREVERSIBLE = re.compile(r"^irreversible\b[\s:.,;-]*(.*)$", re.IGNORECASE | re.DOTALL)
RENAME_SYNTAX = "rename KIND OLD to NEW"
# KIND -> how many dotted parts its old name has (longest kinds first, for matching).
RENAME_KINDS = {
    "materialized view": 2,
    "enum value": 3,
    "table": 2,
    "column": 3,
    "index": 2,
    "constraint": 3,
    "view": 2,
    "sequence": 2,
    "type": 2,
    "function": 2,
    "schema": 1,
}
_KIND_WORDS = {kind: re.compile(kind.replace(" ", r"\s+") + r"\b", re.I) for kind in RENAME_KINDS}
_PARTS = {
    1: "SCHEMA",
    2: "SCHEMA.NAME",
    3: {"column": "SCHEMA.TABLE.COLUMN", "constraint": "SCHEMA.TABLE.CONSTRAINT"},
}
_MAX_NAME_BYTES = 63  # NAMEDATALEN - 1: PostgreSQL would cut a longer name short
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
_LITERAL = re.compile(r"'((?:[^']|'')*)'")
_BARE = re.compile(r"[^\W\d][\w$]*")


@dataclass(frozen=True)
class Directive:
    """One `-- faceplate-db:` line: where it is, and its text after the colon."""

    path: Path
    line: int
    source: str  # the whole line, for the error's quote
    text: str
    text_column: int  # 1-based column of `text` in the line

    def schema_error(self, message: str, offset: int | None = None) -> SchemaLoadError:
        """An error pointing at this directive (at `offset` into its text when given)."""
        column = self.text_column + offset if offset is not None else None
        return SchemaLoadError(self.path, self.line, column, message, source_line=self.source)


@dataclass(frozen=True)
class Rename:
    """`rename KIND OLD to NEW`: the object OLD (its dotted path, as the catalog spells it) is
    called NEW (a bare name in the same place) from now on."""

    kind: str
    old: tuple[str, ...]
    new: str
    directive: Directive
    arguments: str | None = None  # a function's argument types as written, or None

    @property
    def new_path(self) -> tuple[str, ...]:
        return (*self.old[:-1], self.new)

    def error(self, message: str) -> SchemaLoadError:
        return self.directive.schema_error(f"{self.directive.text}: {message}")


def find_directives(path: Path, text: str) -> list[Directive]:
    """Every `-- faceplate-db:` comment in text, in order."""
    found = []
    for offset, comment in line_comments(text):
        prefix = _DIRECTIVE.match(comment)
        if not prefix:
            continue
        line_start = text.rfind("\n", 0, offset) + 1
        line_end = text.find("\n", offset)
        source = text[line_start : line_end if line_end != -1 else len(text)]
        found.append(
            Directive(
                path=path,
                line=text.count("\n", 0, offset) + 1,
                source=source.rstrip("\r"),
                text=comment[prefix.end() :].strip(),
                text_column=offset - line_start + 3 + prefix.end(),
            )
        )
    return found


def schema_renames(path: Path, text: str) -> list[Rename]:
    """The rename directives of a schema file, in file order; any other directive is an error."""
    renames = []
    for directive in find_directives(path, text):
        word = re.match(r"[a-z-]*", directive.text.lower()).group()
        if word == "rename":
            renames.append(_parse_rename(directive))
        elif word in (NO_TRANSACTION, IRREVERSIBLE):
            raise directive.schema_error(
                f"`faceplate-db: {word}` belongs in a migration file; a schema file takes only "
                f"`-- faceplate-db: {RENAME_SYNTAX}`"
            )
        else:
            raise directive.schema_error(
                f"unknown directive `faceplate-db: {directive.text}`; a schema file takes only "
                f"`-- faceplate-db: {RENAME_SYNTAX}`"
            )
    return renames


@dataclass(frozen=True)
class MigrationDirectives:
    no_transaction: bool = False
    irreversible: str | None = None  # the reason given


def migration_directives(path: Path, text: str) -> MigrationDirectives:
    """The directives of a migration file (up or down); any other is an error with its line."""
    no_transaction, irreversible = False, None
    for directive in find_directives(path, text):
        reversible = _IRREVERSIBLE.match(directive.text)
        if directive.text.lower() == NO_TRANSACTION:
            no_transaction = True
        elif reversible:
            irreversible = reversible.group(1).strip()
            if not irreversible:
                raise MigrationFileError(
                    path,
                    f"line {directive.line}: `faceplate-db: irreversible` needs its reason, "
                    "e.g. `-- faceplate-db: irreversible: the old values cannot be restored`",
                )
        elif directive.text.lower().startswith("rename"):
            raise MigrationFileError(
                path,
                f"line {directive.line}: rename directives belong in schema.sql (the diff turns "
                "them into ALTER ... RENAME); a migration file holds the statements themselves",
            )
        else:
            raise MigrationFileError(
                path,
                f"line {directive.line}: unknown directive `faceplate-db: {directive.text}` "
                f"(a migration file knows `faceplate-db: {NO_TRANSACTION}` and "
                f"`faceplate-db: {IRREVERSIBLE} REASON`)",
            )
    return MigrationDirectives(no_transaction, irreversible)


class _Cursor:
    """Reads a directive's text left to right, raising errors that point at the position."""

    def __init__(self, directive: Directive, position: int):
        self.directive, self.text, self.position = directive, directive.text, position

    def skip_space(self) -> None:
        while self.position < len(self.text) and self.text[self.position].isspace():
            self.position += 1

    def error(self, message: str) -> SchemaLoadError:
        return self.directive.schema_error(message, self.position)

    def word(self, expected: str) -> bool:
        self.skip_space()
        found = re.compile(rf"{expected}\b", re.IGNORECASE).match(self.text, self.position)
        if found:
            self.position = found.end()
        return bool(found)

    def name(self, what: str, literal: bool = False) -> str:
        """One identifier (or, with literal, a string constant), as the catalog spells it."""
        self.skip_space()
        start = self.position
        quoted = _QUOTED.match(self.text, start)
        constant = _LITERAL.match(self.text, start) if literal else None
        bare = _BARE.match(self.text, start)
        if quoted:
            value, self.position = quoted.group(1).replace('""', '"'), quoted.end()
        elif constant:
            value, self.position = constant.group(1).replace("''", "'"), constant.end()
        elif bare:
            # PostgreSQL folds unquoted names to lower case (ASCII letters only).
            value, self.position = _ascii_lower(bare.group()), bare.end()
        else:
            raise self.error(
                f"expected {what}: a name, or a double-quoted one to keep case, dots or spaces"
            )
        if not value or len(value.encode()) > _MAX_NAME_BYTES:
            self.position = start
            raise self.error(
                f"{what} must be 1 to {_MAX_NAME_BYTES} bytes long (PostgreSQL's limit)"
            )
        return value

    def dotted(self, parts: int, what: str, literal_last: bool) -> tuple[str, ...]:
        names = [self.name(what, literal=literal_last and parts == 1)]
        while self.position < len(self.text) and self.text[self.position] == ".":
            self.position += 1
            names.append(self.name(what, literal=literal_last and len(names) == parts - 1))
        return tuple(names)


def _ascii_lower(name: str) -> str:
    return name.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))


def _parse_rename(directive: Directive) -> Rename:
    cursor = _Cursor(directive, len("rename"))
    cursor.skip_space()
    kind = next(
        (k for k, word in _KIND_WORDS.items() if word.match(cursor.text, cursor.position)), None
    )
    if kind is None:
        raise cursor.error(
            "unknown rename kind; one of: "
            + ", ".join(sorted(RENAME_KINDS))
            + f" ({RENAME_SYNTAX})"
        )
    cursor.position = _KIND_WORDS[kind].match(cursor.text, cursor.position).end()
    parts = RENAME_KINDS[kind]
    form = _PARTS[parts] if parts < 3 else _PARTS[3].get(kind, "SCHEMA.TYPE.VALUE")
    start = cursor.position
    old = cursor.dotted(parts, f"the old name ({form})", literal_last=kind == "enum value")
    if len(old) != parts:
        cursor.position = start
        cursor.skip_space()
        raise cursor.error(
            f"a {kind} is named {form} here, schema first ({len(old)} part(s) given)"
        )
    arguments = None
    if kind == "function" and cursor.text[cursor.position : cursor.position + 1] == "(":
        close = cursor.text.find(")", cursor.position)
        if close == -1:
            raise cursor.error("the argument list has no closing parenthesis")
        arguments = cursor.text[cursor.position + 1 : close].strip()
        cursor.position = close + 1
    if not cursor.word("to"):
        raise cursor.error(f"expected `to NEW` after the old name ({RENAME_SYNTAX})")
    cursor.skip_space()
    new_at = cursor.position
    new = cursor.name("the new name", literal=kind == "enum value")
    if cursor.text[cursor.position : cursor.position + 1] == ".":
        raise cursor.error(
            "the new name is one bare name: a rename keeps the object where it is "
            f"(`to {new}`, not a qualified name)"
        )
    cursor.skip_space()
    if cursor.position < len(cursor.text):
        raise cursor.error(f"unexpected text after the new name ({RENAME_SYNTAX})")
    if new == old[-1]:
        cursor.position = new_at
        raise cursor.error("the new name is the old one")
    return Rename(kind, old, new, directive, arguments)
