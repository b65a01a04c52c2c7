"""The console channel: talk to the hub from a terminal as any person.

Interactive in a terminal; with piped input every line is one message. The
console shows replies and anything the hub sent this person while they were
away (their inbox), on the same engine and database as every other channel.
"""

from __future__ import annotations

import uuid
from typing import Iterable, TextIO

from bot.app import Hub
from bot.dialogue.render import as_plain_text
from bot.dialogue.types import Reply
from bot.services.running.conversations import IncomingMessage
from bot.services.shared.identities import console_identity_for, find_or_create_person
from bot.services.sending.outbox import take_console_inbox
from bot.services.shared.unit_of_work import UnitOfWork

CHANNEL = "console"


class ConsoleChat:
    def __init__(self, hub: Hub, who: str, out: TextIO) -> None:
        self.hub = hub
        self.out = out
        with UnitOfWork(hub.session_factory) as uow:
            self.identity_kind, self.address = console_identity_for(
                uow.session, who, hub.settings.default_phone_region
            )
            person, _ = find_or_create_person(uow.session, self.identity_kind, self.address)
            self.person_id = person.id
            self.display_name = person.first_name or who
            uow.commit()

    def show_waiting_messages(self, heading: bool = True) -> int:
        """Print (and mark delivered) whatever waits in this person's inbox."""
        with UnitOfWork(self.hub.session_factory) as uow:
            waiting = take_console_inbox(uow.session, self.person_id, self.hub.clock())
            uow.commit()
        if waiting and heading:
            messages = "message" if len(waiting) == 1 else "messages"
            self.out.write(f"({len(waiting)} {messages} waiting for you)\n")
        for message in waiting:
            text = as_plain_text(Reply(message.body, message.choices), message.language)
            self.out.write(prefix_lines("hub> ", text) + "\n")
        self.out.flush()
        return len(waiting)

    def send(self, text: str) -> None:
        self.hub.conversations.receive(
            IncomingMessage(
                channel=CHANNEL,
                identity_kind=self.identity_kind,
                address=self.address,
                channel_message_id=f"console-{uuid.uuid4()}",
                text=text,
                received_at=self.hub.clock(),
            )
        )
        self.show_waiting_messages(heading=False)

    def run_lines(self, lines: Iterable[str], echo: bool) -> None:
        for line in lines:
            line = line.rstrip("\r\n")
            if echo:
                self.out.write(f"you> {line}\n")
            self.send(line)

    def run_interactive(self) -> None:
        self.out.write(
            f"{self.hub.settings.hub_name}: chatting as {self.display_name}. "
            "Type a message and press Enter; Ctrl-D to leave.\n"
        )
        self.show_waiting_messages()
        while True:
            try:
                line = input("you> ")
            except (EOFError, KeyboardInterrupt):
                self.out.write("\n")
                return
            self.send(line)


def prefix_lines(prefix: str, text: str) -> str:
    pad = " " * len(prefix)
    lines = text.split("\n")
    return "\n".join([prefix + lines[0]] + [pad + line for line in lines[1:]])
