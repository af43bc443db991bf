"""The command line's start-up against Python's own: `faceplate-db --help` and `faceplate-db ping`
at a refused port, each against `python -c "import argparse"` run by the same interpreter in the
same rounds (interleaved, so all three see the same machine), compared by their medians; and
`faceplate-db ping` at a server that accepts TCP and never answers, which must give up within
the 5 s connect timeout, start-up included.

`python -m loadtest.bench.cli_bench [--rounds N]`
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROUNDS = 15
HELP_TARGET = 3.0  # x the baseline
PING_REFUSED_TARGET = 5.0  # x the baseline
PING_SILENT_TARGET_S = 5.0


def faceplate_db() -> list[str]:
    """The console script the install made, as a user runs it."""
    script = Path(sys.executable).with_name("faceplate-db")
    return [str(script)] if script.exists() else [sys.executable, "-m", "faceplate_db"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, timeout=60)
    return time.perf_counter() - started


def spread(samples: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(samples), 4),
        "min_s": round(min(samples), 4),
        "max_s": round(max(samples), 4),
    }


def run(rounds: int = ROUNDS) -> dict:
    url = f"postgresql://bench:secret@127.0.0.1:{free_port()}/none"
    commands = {
        "baseline": [sys.executable, "-c", "import argparse"],
        "help": [*faceplate_db(), "--help"],
        "ping_refused": [*faceplate_db(), "ping", "--database", url],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        seconds(command)  # warm the file cache and the bytecode
    for _ in range(rounds):
        for name, command in commands.items():
            samples[name].append(seconds(command))
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)  # completes the TCP handshake, never says a word
        silent = f"postgresql://bench:secret@127.0.0.1:{listener.getsockname()[1]}/none"
        ping_silent_s = seconds([*faceplate_db(), "ping", "--database", silent])
    result = {"rounds": rounds, **{name: spread(s) for name, s in samples.items()}}
    baseline = result["baseline"]["median_s"]
    result["help_ratio"] = round(result["help"]["median_s"] / baseline, 2)
    result["ping_refused_ratio"] = round(result["ping_refused"]["median_s"] / baseline, 2)
    result["ping_silent_s"] = round(ping_silent_s, 2)
    result["targets"] = {
        "help_ratio": HELP_TARGET,
        "ping_refused_ratio": PING_REFUSED_TARGET,
        "ping_silent_s": PING_SILENT_TARGET_S,
    }
    result["targets_met"] = (
        result["help_ratio"] <= HELP_TARGET
        and result["ping_refused_ratio"] <= PING_REFUSED_TARGET
        and result["ping_silent_s"] < PING_SILENT_TARGET_S
    )
    return result


def report(result: dict) -> list[str]:
    rows = [
        f"{'command (' + str(result['rounds']) + ' runs each)':<42}{'median s':>10}{'min-max s':>14}{'x base':>8}"
    ]
    labels = {
        "baseline": 'python -c "import argparse"',
        "help": "faceplate-db --help",
        "ping_refused": "faceplate-db ping (refused port)",
    }
    ratios = {
        "baseline": 1.0,
        "help": result["help_ratio"],
        "ping_refused": result["ping_refused_ratio"],
    }
    for name, label in labels.items():
        r = result[name]
        rows.append(
            f"{label:<42}{r['median_s']:>10.3f}{r['min_s']:>7.3f}-{r['max_s']:<6.3f}{ratios[name]:>8.2f}"
        )
    targets = result["targets"]
    verdict = "met" if result["targets_met"] else "MISSED"
    rows.append(
        f"faceplate-db ping (silent server): {result['ping_silent_s']:.2f} s "
        f"(target < {targets['ping_silent_s']:g} s)"
    )
    rows.append(
        f"targets: --help <= {targets['help_ratio']:g}x, ping refused <= "
        f"{targets['ping_refused_ratio']:g}x, ping silent < {targets['ping_silent_s']:g} s: {verdict}"
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.bench.cli_bench", description=__doc__)
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help=f"runs of each (default {ROUNDS})"
    )
    args = parser.parse_args(argv)
    result = run(args.rounds)
    print("\n".join(report(result)))
    return 0 if result["targets_met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
