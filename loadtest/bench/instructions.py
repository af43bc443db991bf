"""The pool bench's two sides counted in instructions instead of seconds: what each costs the
client per request, by valgrind, which other work on the machine cannot disturb the way it
disturbs throughput. Each side runs the chat mix at 50 tasks for N and then 3N requests in a
child process under `valgrind --tool=cachegrind --cache-sim=no`; the difference over 2N is per
request, start-up and connecting cancelled out. Not part of `nox -s bench`: it needs valgrind
and takes a few minutes.

`python -m loadtest.bench.instructions [--requests N] [--database URL]`
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from faceplate_db.config import Settings
from loadtest.bench.pool_bench import Side, both_sides, drive
from loadtest.seed import SeedInfo, seeded_database

SIDES = ("raw_asyncpg", "data_layer")


async def run_side(side: str, requests: int, url: str, info: SeedInfo) -> None:
    async with both_sides(url) as (operations, _):
        await drive(operations[side], info, Side(), requests=requests)


def instructions(side: str, requests: int, url: str, info_file: Path) -> int:
    """The instructions a child process running `requests` of side executes."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-m",
            "loadtest.bench.instructions",
            "--child",
            side,
            str(requests),
            url,
            str(info_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    (count,) = re.findall(r"I\s+refs:\s+([\d,]+)", done.stderr)
    return int(count.replace(",", ""))


def measure(database_url: str, requests: int) -> dict:
    with (
        seeded_database(database_url, prefix="fp_instr") as (url, info),
        tempfile.TemporaryDirectory() as folder,
    ):
        info_file = Path(folder) / "seed.json"
        info.save(info_file)
        per_request = {
            side: (
                instructions(side, 3 * requests, url, info_file)
                - instructions(side, requests, url, info_file)
            )
            // (2 * requests)
            for side in SIDES
        }
    return {
        "requests": requests,
        "instructions_per_request": per_request,
        "ratio": round(per_request["raw_asyncpg"] / per_request["data_layer"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest.bench.instructions", description=__doc__
    )
    parser.add_argument("--requests", type=int, default=1000, help="N (default 1000)")
    parser.add_argument("--database", metavar="URL", help="default: DATABASE_URL, else embedded")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        side, requests, url, info_file = args.child
        asyncio.run(run_side(side, int(requests), url, SeedInfo.load(Path(info_file))))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not on PATH", file=sys.stderr)
        return 1
    result = measure(Settings.resolve(database=args.database).database_url, args.requests)
    for side, count in result["instructions_per_request"].items():
        print(f"{side:<12} {count:>10,} instructions per request")
    print(f"raw asyncpg / data layer = {result['ratio']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
