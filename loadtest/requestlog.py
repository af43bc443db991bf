"""What each request of a load run did, for the fault criteria: when it ended and whether it
succeeded (why not, when it failed), and for every append the token its content carries and,
when it was acknowledged (2xx), the id it was stored under.

The locustfile writes it and the harness reads it. Each Locust process (each worker in
distributed mode) appends to a file of its own, `requests-<pid>.jsonl`, in the directory named
by FACEPLATE_REQUEST_LOG; one JSON array per line: ["ok", t], ["fail", t, name, error],
["append", t, token, id or null]. Times are wall-clock (time.time()), comparable with the
harness's own on the same machine.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from loadtest.chat_mix import MESSAGE_TEXT


def append_content(token: str) -> str:
    """An append's content: the chat mix's text, tagged so the message can be counted."""
    return f"{MESSAGE_TEXT} #{token}"


@dataclass(frozen=True)
class Failure:
    at: float
    name: str
    error: str


@dataclass(frozen=True)
class Append:
    at: float
    token: str
    id: str | None  # None: not acknowledged

    @property
    def acknowledged(self) -> bool:
        return self.id is not None


@dataclass
class Outcomes:
    successes: list[float] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    appends: list[Append] = field(default_factory=list)

    def failure_examples(self, count: int = 5) -> list[str]:
        """A few distinct things failed requests said, for whoever reads a failed run."""
        return sorted({f.error for f in self.failures})[:count]


class RequestLog:
    """The writer, one per Locust process; opened lazily so that forked workers each get their
    own file."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._pid: int | None = None
        self._file: IO[str] | None = None

    def _write(self, record: list) -> None:
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._file = open(  # noqa: SIM115 (closed by close(), at Locust's quit)
                self._directory / f"requests-{self._pid}.jsonl", "a", encoding="utf-8"
            )
        self._file.write(json.dumps(record) + "\n")

    def request(self, at: float, name: str, error: str | None) -> None:
        self._write(["ok", at] if error is None else ["fail", at, name, error[:300]])

    def append(self, at: float, token: str, message_id: str | None) -> None:
        self._write(["append", at, token, message_id])

    def close(self) -> None:
        if self._file is not None and self._pid == os.getpid():
            self._file.close()
            self._file, self._pid = None, None


def read_outcomes(directory: Path) -> Outcomes:
    outcomes = Outcomes()
    for path in sorted(directory.glob("requests-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            kind, at, *rest = json.loads(line)
            if kind == "ok":
                outcomes.successes.append(at)
            elif kind == "fail":
                outcomes.failures.append(Failure(at, *rest))
            else:
                outcomes.appends.append(Append(at, *rest))
    outcomes.successes.sort()
    return outcomes
