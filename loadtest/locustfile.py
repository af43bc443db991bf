"""Locust users running the chat mix (weights from loadtest/chat_mix.py) against the HTTP app,
over the ids of a seeded database (the JSON file named by FACEPLATE_SEED_FILE).

Pass/fail is decided where Locust users expect it: in a `quitting` listener that sets the
process exit code (failed requests, p99 over FACEPLATE_P99_BOUND_MS). The harness
(`python -m loadtest.run`) adds the server-connection criteria it samples itself.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from locust import FastHttpUser, between, events, task

from loadtest.chat_mix import MESSAGE_TEXT, WEIGHTS
from loadtest.seed import SeedInfo

SEED = SeedInfo.load(Path(os.environ["FACEPLATE_SEED_FILE"]))
P99_BOUND_MS = float(os.environ.get("FACEPLATE_P99_BOUND_MS", "500"))


class ChatUser(FastHttpUser):
    wait_time = between(0, 0.01)

    def on_start(self) -> None:
        self.rng = random.Random()

    def _pick(self):
        return SEED.pick(self.rng)

    @task(WEIGHTS["read_messages"])
    def read_messages(self) -> None:
        user, conversation = self._pick()
        self.client.get(
            f"/users/{user}/conversations/{conversation}/messages?limit=50",
            name="read latest 50 messages",
        )

    @task(WEIGHTS["list_conversations"])
    def list_conversations(self) -> None:
        user, _ = self._pick()
        self.client.get(
            f"/users/{user}/conversations?limit=20", name="list 20 recent conversations"
        )

    @task(WEIGHTS["append_message"])
    def append_message(self) -> None:
        user, conversation = self._pick()
        self.client.post(
            f"/users/{user}/conversations/{conversation}/messages",
            json={"role": "user", "content": MESSAGE_TEXT},
            name="append message",
        )

    @task(WEIGHTS["enabled_configs"])
    def enabled_configs(self) -> None:
        user, _ = self._pick()
        self.client.get(f"/users/{user}/configs", name="read enabled configs")


@events.quitting.add_listener
def _criteria(environment, **_kwargs) -> None:
    total = environment.stats.total
    p99 = total.get_response_time_percentile(0.99) or 0
    if total.num_failures > 0:
        print(f"criterion failed: {total.num_failures} failed requests")
        environment.process_exit_code = 1
    elif p99 > P99_BOUND_MS:
        print(f"criterion failed: p99 {p99:.0f} ms > {P99_BOUND_MS:.0f} ms")
        environment.process_exit_code = 1
