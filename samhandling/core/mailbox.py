"""The demo's mailbox: every e-mail the demo sends, kept as an .eml file so that the mail viewer
(admin → E-mail (demo), samhandling/core/mail_viewer.py) can show it.

`MailboxBackend` prints each message to the console, like Django's console backend, and also writes
it to settings.SAMHANDLING_MAIL_VIEWER_DIR. Only the dev and demo settings use it; production
settings refuse the viewer (the system check below), so no mail is ever kept there.
"""

import email
import email.policy
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.mail.backends.console import EmailBackend as ConsoleBackend

_NAME_CHARS = set("0123456789abcdef-T")


def mailbox_dir() -> Path:
    return Path(settings.SAMHANDLING_MAIL_VIEWER_DIR)


class MailboxBackend(ConsoleBackend):
    """Console output plus one .eml file a message in the demo's mailbox."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        folder = mailbox_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages or []:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            name = f"{stamp}-{uuid.uuid4().hex[:12]}"
            partial = folder / f".{name}.tmp"
            partial.write_bytes(message.message().as_bytes())
            partial.rename(folder / f"{name}.eml")  # readers never see half a file
        return sent


@dataclass
class StoredMail:
    key: str
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def sender(self) -> str:
        return str(self.message.get("From", ""))

    @property
    def recipients(self) -> str:
        return ", ".join(str(self.message.get(h)) for h in ("To", "Cc") if self.message.get(h))

    @property
    def sent_at(self) -> datetime | None:
        try:
            return parsedate_to_datetime(str(self.message["Date"]))
        except (TypeError, ValueError):
            return None

    def body(self, subtype: str) -> str | None:
        part = self.message.get_body(preferencelist=(subtype,))
        if part is None or part.get_content_subtype() != subtype:
            return None
        return part.get_content()

    def attachments(self) -> list[EmailMessage]:
        return list(self.message.iter_attachments())

    def attachment(self, index: int) -> EmailMessage | None:
        parts = self.attachments()
        return parts[index] if 0 <= index < len(parts) else None


def _read(path: Path) -> StoredMail:
    with path.open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    return StoredMail(key=path.stem, message=message)


def stored_mails() -> list[StoredMail]:
    """Every kept message, newest first."""
    folder = mailbox_dir()
    if not folder.is_dir():
        return []
    return [_read(path) for path in sorted(folder.glob("*.eml"), reverse=True)]


def stored_mail(key: str) -> StoredMail | None:
    if not key or not set(key) <= _NAME_CHARS:  # a file name of ours, never a path
        return None
    path = mailbox_dir() / f"{key}.eml"
    return _read(path) if path.is_file() else None


def clear_mailbox() -> int:
    removed = 0
    for path in mailbox_dir().glob("*.eml"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed


@checks.register(checks.Tags.security, deploy=True)
def mail_viewer_off_in_production(app_configs, **kwargs):
    if getattr(settings, "SAMHANDLING_MAIL_VIEWER", False):
        return [
            checks.Error(
                "The demo mail viewer is on (SAMHANDLING_MAIL_VIEWER): it shows every e-mail "
                "the site sends. It is for the dev and demo settings only.",
                id="samhandling.E001",
            )
        ]
    return []
