"""A view's definition as every major prints it, for the fingerprint.

PostgreSQL 16 stopped qualifying the columns of a view's top-level query when that query reads
one relation (the OLD and NEW placeholders left views' range tables, so one entry is left):
15 prints `SELECT g.label FROM app.g`, 16 and later `SELECT label FROM app.g`. Nested queries
are printed alike by both. So the same view gives two texts, and a migration reviewed on one
major would be refused on the other. The fingerprint takes the later form: in a top-level query
whose FROM holds a single item, that item's qualifier is dropped outside the FROM clause and
outside any nested query. Where there is more than one item, or a set operation, the text is
left as it is (every major qualifies it).

The scan works on the text pg_get_viewdef prints: it skips string literals and quoted names,
and tells subqueries (a parenthesis opening SELECT, WITH, VALUES or TABLE) from other
parentheses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""(?P<skip>'(?:[^']|'')*'|\s+)
      | (?P<word>"(?:[^"]|"")*"|[A-Za-z_][A-Za-z_0-9$]*)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_QUERY_STARTS = {"select", "with", "values", "table"}
_FROM_ENDS = {
    "where", "group", "having", "window", "order", "limit", "offset", "fetch", "for",
    "union", "intersect", "except", "with", ";",
}  # fmt: skip
_SET_OPERATIONS = {"union", "intersect", "except"}


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    depth: int  # parentheses of any kind
    nested: bool  # inside a subquery's parentheses

    @property
    def keyword(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha() or self.text[0] in '_"'


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    subquery: list[bool] = []  # per open parenthesis: does it open a query?
    pending_open: int | None = None  # index in subquery of a parenthesis just opened
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "skip":
            continue
        value = match.group()
        if pending_open is not None:
            subquery[pending_open] = value.lower() in _QUERY_STARTS
            pending_open = None
        if value == ")" and subquery:
            subquery.pop()
        tokens.append(_Token(value, match.start(), match.end(), len(subquery), any(subquery)))
        if value == "(":
            subquery.append(False)
            pending_open = len(subquery) - 1
    return tokens


def unqualified_top_level(definition: str) -> str:
    """definition with the top-level single relation's qualifier dropped, as 16 prints it."""
    tokens = _tokens(definition)
    top = [t for t in tokens if t.depth == 0]
    if any(t.keyword in _SET_OPERATIONS for t in top):
        return definition
    selects = [i for i, t in enumerate(top) if t.keyword == "select"]
    froms = [i for i, t in enumerate(top) if t.keyword == "from" and selects and i > selects[0]]
    if not froms:
        return definition
    item_start = top[froms[0]].end
    end_index = next(
        (i for i in range(froms[0] + 1, len(top)) if top[i].keyword in _FROM_ENDS), len(top)
    )
    item = top[froms[0] + 1 : end_index]
    words = [t for t in item if t.is_word]
    if not words or any(t.text == "," for t in item):
        return definition
    item_end = item[-1].end
    spanned = [t for t in tokens if item_start <= t.start < item_end and not t.nested]
    if any(t.keyword == "join" for t in spanned):  # a join in parentheses
        return definition
    alias = words[-1].text
    query_start = top[selects[0]].start  # not the CREATE ... AS before it
    cut: list[tuple[int, int]] = []
    for before, token, after in zip(tokens, tokens[1:], tokens[2:], strict=False):
        outside_item = query_start <= token.start and (
            token.end <= item_start or token.start >= item_end
        )
        if (
            token.text == alias
            and not token.nested
            and outside_item
            and after.text == "."
            and before.text != "."
        ):
            cut.append((token.start, after.end))
    for start, end in reversed(cut):
        definition = definition[:start] + definition[end:]
    return definition
