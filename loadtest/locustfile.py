"""Locust users running the chat mix (weights from loadtest/chat_mix.py) against the HTTP app,
over the ids of a seeded database (the JSON file named by FACEPLATE_SEED_FILE).

Several app processes (FACEPLATE_APP_URLS, comma-separated; default: --host) share the users
out in turn, as a load balancer would. When FACEPLATE_REQUEST_LOG names a directory, every
request's outcome and every append's token and id go there (loadtest/requestlog.py), for the
harness's fault criteria; FACEPLATE_TOTALS_FILE receives the final totals.

Pass/fail is decided where Locust users expect it: in a `quitting` listener that sets the
process exit code (failed requests, p99 over FACEPLATE_P99_BOUND_MS). Under a restart fault
(FACEPLATE_FAULT=restart) requests fail while the server is down, and the harness
(`python -m loadtest.run`) judges them by the fault window instead. The harness adds the
server-connection criteria it samples itself.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
import uuid
from pathlib import Path

from locust import FastHttpUser, between, events, task
from locust.runners import WorkerRunner

from loadtest.chat_mix import WEIGHTS
from loadtest.requestlog import RequestLog, append_content
from loadtest.seed import SeedInfo

SEED = SeedInfo.load(Path(os.environ["FACEPLATE_SEED_FILE"]))
P99_BOUND_MS = float(os.environ.get("FACEPLATE_P99_BOUND_MS", "500"))
FAULT = os.environ.get("FACEPLATE_FAULT", "")
APP_URLS = [u for u in os.environ.get("FACEPLATE_APP_URLS", "").split(",") if u]
LOG = (
    RequestLog(Path(os.environ["FACEPLATE_REQUEST_LOG"]))
    if "FACEPLATE_REQUEST_LOG" in os.environ
    else None
)
TOTALS_FILE = os.environ.get("FACEPLATE_TOTALS_FILE")
_turns = itertools.count()


class ChatUser(FastHttpUser):
    wait_time = between(0, 0.01)

    def on_start(self) -> None:
        self.rng = random.Random()
        self.base = APP_URLS[next(_turns) % len(APP_URLS)] if APP_URLS else ""

    def _pick(self):
        return SEED.pick(self.rng)

    @task(WEIGHTS["read_messages"])
    def read_messages(self) -> None:
        user, conversation = self._pick()
        self.client.get(
            f"{self.base}/users/{user}/conversations/{conversation}/messages?limit=50",
            name="read latest 50 messages",
        )

    @task(WEIGHTS["list_conversations"])
    def list_conversations(self) -> None:
        user, _ = self._pick()
        self.client.get(
            f"{self.base}/users/{user}/conversations?limit=20",
            name="list 20 recent conversations",
        )

    @task(WEIGHTS["append_message"])
    def append_message(self) -> None:
        user, conversation = self._pick()
        token = uuid.uuid4().hex
        response = self.client.post(
            f"{self.base}/users/{user}/conversations/{conversation}/messages",
            json={"role": "user", "content": append_content(token)},
            name="append message",
        )
        if LOG is not None:
            acknowledged = 200 <= (response.status_code or 0) < 300
            LOG.append(time.time(), token, response.json()["id"] if acknowledged else None)

    @task(WEIGHTS["enabled_configs"])
    def enabled_configs(self) -> None:
        user, _ = self._pick()
        self.client.get(f"{self.base}/users/{user}/configs", name="read enabled configs")


@events.request.add_listener
def _record(name, exception=None, response=None, **_kwargs) -> None:
    if LOG is None:
        return
    error = None
    if exception is not None:
        status = getattr(response, "status_code", None)
        error = f"{name}: {status or type(exception).__name__} {_body(response)}".strip()
    LOG.request(time.time(), name, error)


def _body(response) -> str:
    try:
        return response.text[:200] if response is not None and response.text else ""
    except Exception:  # a response that never arrived has no text
        return ""


@events.test_stop.add_listener
def _flush(**_kwargs) -> None:
    if LOG is not None:
        LOG.close()


def totals(total) -> dict:
    """Locust's final figures, as the harness records them."""
    return {
        "requests": total.num_requests,
        "failures": total.num_failures,
        "rps": round(total.total_rps, 1),
        **{
            f"p{round(q * 100)}_ms": float(total.get_response_time_percentile(q) or 0)
            for q in (0.5, 0.95, 0.99)
        },
    }


@events.quitting.add_listener
def _criteria(environment, **_kwargs) -> None:
    if LOG is not None:
        LOG.close()
    if isinstance(environment.runner, WorkerRunner):
        return  # the master holds the whole run's figures and decides
    total = environment.stats.total
    if TOTALS_FILE:
        # Not Locust's CSV, whose last write may precede the last requests by up to a second.
        Path(TOTALS_FILE).write_text(json.dumps(totals(total)))
    p99 = total.get_response_time_percentile(0.99) or 0
    if FAULT == "restart":
        environment.process_exit_code = 0  # else Locust fails any run with a failed request
        return
    if total.num_failures > 0:
        print(f"criterion failed: {total.num_failures} failed requests")
        environment.process_exit_code = 1
    elif p99 > P99_BOUND_MS:
        print(f"criterion failed: p99 {p99:.0f} ms > {P99_BOUND_MS:.0f} ms")
        environment.process_exit_code = 1
