"""A real SMTP server for the tests: aiosmtpd on a free local port, keeping what it receives."""

from __future__ import annotations

import email
import re
import socket
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"]).strip()  # a long one is folded from its start

    @property
    def body(self) -> str:
        return self.message.get_content()

    def link(self, path_part: str) -> str:
        """The first link in the body whose path contains ``path_part``."""
        for url in re.findall(r"https?://\S+", self.body):
            if path_part in url:
                return url
        raise AssertionError(f"no link with {path_part!r} in:\n{self.body}")


class Collector:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages: list[Received] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address.lower() in
                (r.lower() for r in m.recipients)]

    def clear(self) -> None:
        self.messages.clear()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start() -> Controller:
    controller = Controller(Collector(), hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller
