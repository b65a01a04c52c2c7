"""Throw arbitrary words at every step of every flow and count what breaks.

    python benchmarks/fuzz.py [--inputs 100000] [--through-hub 2000] [--seed 1]

Two runs, one JSON report:
- `engine`: `--inputs` messages, each at a step of a flow for a role picked at random
  (tests/fuzz_states.py reaches them by playing scripts), made of the words people send and
  characters that break things, cut, joined, repeated and misspelt. A failure is an
  exception, no reply and nothing done, an empty reply, or a state that cannot be saved.
- `receive`: `--through-hub` messages through the whole receive path (the hub's services on
  a fresh SQLite database), several to a sender so conversations move on. A failure is an
  exception or a message with no answer.
For each: inputs, failures (target 0) with the first few examples, and the slowest message.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_states import answer, mangled, reachable_states  # noqa: E402

EXAMPLES_KEPT = 5


class Tally:
    def __init__(self) -> None:
        self.inputs = 0
        self.failures = 0
        self.examples: list[dict] = []
        self.slowest = {"ms": 0.0}

    def timed(self, where: str, text: str, attempt) -> None:
        self.inputs += 1
        started = time.perf_counter()
        try:
            attempt()
        except Exception as error:  # noqa: BLE001 - every kind of failure is counted
            self.failures += 1
            if len(self.examples) < EXAMPLES_KEPT:
                self.examples.append({"where": where, "text": text[:200],
                                      "error": f"{type(error).__name__}: {error}"[:300]})
        took = (time.perf_counter() - started) * 1000
        if took > self.slowest["ms"]:
            self.slowest = {"ms": round(took, 2), "where": where, "text": text[:200],
                            "length": len(text)}

    def report(self, seconds: float) -> dict:
        return {"inputs": self.inputs, "failures": self.failures, "seconds": round(seconds, 1),
                "failure_examples": self.examples, "slowest": self.slowest}


def fuzz_engine(inputs: int, rng: random.Random) -> dict:
    states = reachable_states()
    tally = Tally()
    started = time.perf_counter()
    for _ in range(inputs):
        role, state = rng.choice(states)
        text = mangled(rng)
        tally.timed(f"{role} at {state.flow}.{state.step}", text,
                    lambda: answer(role, state, text))
    report = tally.report(time.perf_counter() - started)
    report["steps"] = len(states)
    return report


def fuzz_receive(inputs: int, rng: random.Random) -> dict:
    from bot.app import build_hub
    from bot.database import upgrade_database
    from bot.services.running.conversations import IncomingMessage
    from bot.services.people.coordinators import add_coordinator
    from bot.settings import Settings
    from fakes import FakePostcodeLocator

    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/fuzz.db", cache_dir=folder)
        upgrade_database(settings.database_url.get_secret_value())
        hub = build_hub(settings, locate_postcode=FakePostcodeLocator())
        with hub.session_factory.begin() as session:  # concerns and alerts have someone to go to
            add_coordinator(session, "phone", "+447700800001", "Carol", hub.clock())
        started = time.perf_counter()
        try:
            for number in range(inputs):
                sender = f"+447700{900000 + number // 4}"  # four messages to each sender
                text = mangled(rng)

                def receive() -> None:
                    handled = hub.conversations.receive(IncomingMessage(
                        channel="sms", identity_kind="phone", address=sender,
                        channel_message_id=f"FUZZ{number}", text=text,
                        received_at=hub.clock()))
                    if not handled.replies and not text.strip().lower().startswith("stop"):
                        raise AssertionError("no answer")

                tally.timed(f"receive, message {number % 4 + 1} from a sender", text, receive)
        finally:
            hub.close()
        return tally.report(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--through-hub", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    logging.disable(logging.WARNING)  # the hub's own warnings (danger alerts) are expected here
    rng = random.Random(options.seed)
    print(json.dumps({"seed": options.seed,
                      "engine": fuzz_engine(options.inputs, rng),
                      "receive": fuzz_receive(options.through_hub, rng)}, indent=2))


if __name__ == "__main__":
    main()
