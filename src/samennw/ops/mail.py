"""E-mail: RFC 5322 messages, ``.eml`` files, and sending them over SMTP.

Everything that configures sending comes from the environment, never from the data
repository or a command-line option (a password in either would end up in git or in a
shell history):

``SAMENNW_MAIL_FROM``        the sender, ``adres`` or ``Naam <adres>`` (required)
``SAMENNW_SMTP_HOST``        the mail server (required for ``--smtp``)
``SAMENNW_SMTP_PORT``        its port (default 587, the submission port)
``SAMENNW_SMTP_STARTTLS``    ``ja`` (default) or ``nee``/``0``: STARTTLS before logging in
``SAMENNW_SMTP_USER``        log in as this user (optional)
``SAMENNW_SMTP_PASSWORD``    with this password (required when a user is set)

E-mail addresses are personal data: no message of this module names one (errors name
the person by id, the server by host and port).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from samennw.errors import SamennwError
from samennw.storage.repository import check_id, write_temp

ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")  # the shape Person.email has
DEFAULT_PORT = 587
TIMEOUT = 30  # seconds for connecting and for each SMTP reply
_OFF = frozenset(("nee", "n", "0", "uit", "false", "no", "off"))
_ON = frozenset(("ja", "j", "1", "aan", "true", "yes", "on", ""))


class MailError(SamennwError):
    """Mail cannot be made, written or sent (configuration, server, files)."""


# --- messages --------------------------------------------------------------------------


def sender_from_env(environ: Mapping[str, str] | None = None) -> Address:
    """The sender from ``SAMENNW_MAIL_FROM``; a Dutch refusal when missing or malformed."""
    env = os.environ if environ is None else environ
    value = env.get("SAMENNW_MAIL_FROM", "").strip()
    if not value:
        raise MailError(
            "geen afzender: zet het adres in de omgevingsvariabele SAMENNW_MAIL_FROM, "
            "bijvoorbeeld 'Secretariaat Samen Nieuw-West <secretariaat@voorbeeld.nl>' "
            "(niets geschreven, niets verstuurd)"
        )
    name, addr = parseaddr(value)
    if not ADDRESS.match(addr) or any(c in value for c in "\r\n"):
        raise MailError(
            "SAMENNW_MAIL_FROM is geen bruikbaar e-mailadres; schrijf 'adres' of "
            "'Naam <adres>' (niets geschreven, niets verstuurd)"
        )
    user, domain = addr.rsplit("@", 1)
    return Address(display_name=name, username=user, domain=domain)


def build_message(
    *,
    sender: Address,
    recipient: Address,
    subject: str,
    text: str,
    html: str,
    sent_at: datetime,
    key: str,
) -> EmailMessage:
    """One RFC 5322 message: multipart/alternative of plain text and HTML, UTF-8.

    ``key`` (a person id) goes into the Message-ID, whose domain is the sender's: no
    look-up of this machine's name, and nothing of the recipient in it.
    """
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent_at)
    msg["Message-ID"] = make_msgid(idstring=key, domain=sender.domain)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    return msg


def recipient(name: str, email: str) -> Address:
    """The To address of a person (``email`` has Person.email's validated shape)."""
    if not ADDRESS.match(email):
        raise MailError(f"ongeldig e-mailadres bij '{name}' (niets geschreven)")
    user, domain = email.rsplit("@", 1)
    return Address(display_name=name, username=user, domain=domain)


# --- .eml files ------------------------------------------------------------------------


def write_messages(folder: Path, messages: Sequence[tuple[str, EmailMessage]]) -> list[Path]:
    """Write each ``(person id, message)`` as ``folder/<id>.eml``, all or nothing.

    An existing file is never overwritten: when any name is taken, nothing is written.
    Each file is put in place with a hard link from its temporary file, which fails
    rather than replaces when another process took the name meanwhile; the files this
    run placed are then removed again.
    """
    if folder.exists() and not folder.is_dir():
        raise MailError(f"'{folder}' is geen map (niets geschreven)")
    if not folder.parent.is_dir():
        raise MailError(
            f"map '{folder.parent}' bestaat niet; maak die eerst aan (niets geschreven)"
        )
    targets = [(folder / f"{check_id(key)}.eml", msg) for key, msg in messages]
    taken = [path.name for path, _ in targets if path.exists() or path.is_symlink()]
    if taken:
        raise MailError(
            f"in '{folder}' bestaan al: {', '.join(taken)}; samennw overschrijft geen "
            "bestanden; kies een lege map of ruim ze eerst op (niets geschreven)"
        )
    folder.mkdir(exist_ok=True)
    placed: list[Path] = []
    try:
        for path, msg in targets:
            tmp = write_temp(path, msg.as_bytes(policy=SMTP))
            try:
                os.link(tmp, path)  # fails if the name exists: never replaces a file
            finally:
                tmp.unlink(missing_ok=True)
            placed.append(path)
    except OSError as exc:
        for path in placed:
            path.unlink(missing_ok=True)
        reason = "bestaat al" if isinstance(exc, FileExistsError) else exc.strerror
        raise MailError(
            f"kan '{exc.filename}' niet schrijven ({reason}); niets geschreven"
        ) from None
    return placed


# --- SMTP ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int = DEFAULT_PORT
    starttls: bool = True
    user: str | None = None
    password: str | None = None

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SmtpConfig:
        """The server from the SAMENNW_SMTP_* variables; Dutch errors for what is wrong."""
        env = os.environ if environ is None else environ
        host = env.get("SAMENNW_SMTP_HOST", "").strip()
        if not host:
            raise MailError(
                "geen mailserver: zet SAMENNW_SMTP_HOST (en zo nodig SAMENNW_SMTP_PORT, "
                "SAMENNW_SMTP_USER, SAMENNW_SMTP_PASSWORD) in de omgeving (niets verstuurd)"
            )
        port_text = env.get("SAMENNW_SMTP_PORT", "").strip() or str(DEFAULT_PORT)
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise MailError(
                f"SAMENNW_SMTP_PORT '{port_text}' is geen poortnummer (1-65535) (niets verstuurd)"
            )
        tls_text = env.get("SAMENNW_SMTP_STARTTLS", "").strip().lower()
        if tls_text not in _ON | _OFF:
            raise MailError(
                f"SAMENNW_SMTP_STARTTLS '{tls_text}': kies 'ja' of 'nee' (niets verstuurd)"
            )
        user = env.get("SAMENNW_SMTP_USER", "").strip() or None
        password = env.get("SAMENNW_SMTP_PASSWORD") or None
        if user and password is None:
            raise MailError(
                "SAMENNW_SMTP_USER is gezet maar SAMENNW_SMTP_PASSWORD niet; het wachtwoord "
                "komt alleen uit de omgeving (niets verstuurd)"
            )
        return cls(host, int(port_text), tls_text not in _OFF, user, password)


def send_messages(
    config: SmtpConfig, messages: Sequence[tuple[str, EmailMessage]]
) -> tuple[list[str], list[str]]:
    """Send each ``(person id, message)`` over one connection.

    Returns the ids sent and those whose address the server refused (the others are
    still sent). A failure of the connection, STARTTLS or the login stops the run: the
    MailError names the ids sent before it.
    """
    import smtplib
    import ssl

    sent: list[str] = []
    refused: list[str] = []

    def failed(reason: str) -> MailError:
        done = f"verstuurd vóór de fout: {', '.join(sent)}" if sent else "niets verstuurd"
        return MailError(f"{reason} ({done})")

    try:
        smtp = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT)
    except ConnectionRefusedError:
        raise failed(
            f"de mailserver {config.server} weigert de verbinding; klopt SAMENNW_SMTP_HOST/"
            "SAMENNW_SMTP_PORT en draait de server?"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise failed(f"kan de mailserver {config.server} niet bereiken ({_reason(exc)})") from None
    try:
        with smtp:
            smtp.ehlo()
            if config.starttls:
                if not smtp.has_extn("starttls"):
                    raise failed(
                        f"de mailserver {config.server} biedt geen STARTTLS; zet "
                        "SAMENNW_SMTP_STARTTLS=nee alleen voor een server op een "
                        "vertrouwd netwerk"
                    )
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if config.user:
                try:
                    smtp.login(config.user, config.password or "")
                except smtplib.SMTPAuthenticationError as exc:
                    raise failed(
                        f"aanmelden bij de mailserver {config.server} als '{config.user}' "
                        f"mislukt ({_reason(exc)}); controleer SAMENNW_SMTP_USER en "
                        "SAMENNW_SMTP_PASSWORD"
                    ) from None
                except smtplib.SMTPNotSupportedError:
                    raise failed(
                        f"de mailserver {config.server} kent geen aanmelding (AUTH); laat "
                        "SAMENNW_SMTP_USER weg of gebruik STARTTLS"
                    ) from None
            for key, msg in messages:
                try:
                    smtp.send_message(msg)
                except smtplib.SMTPSenderRefused as exc:
                    raise failed(
                        f"de mailserver {config.server} weigert de afzender "
                        f"(SAMENNW_MAIL_FROM): {_reason(exc)}"
                    ) from None
                except smtplib.SMTPRecipientsRefused:
                    refused.append(key)
                    continue
                sent.append(key)
    except MailError:
        raise
    except (OSError, smtplib.SMTPException) as exc:
        raise failed(f"versturen via {config.server} mislukt ({_reason(exc)})") from None
    return sent, refused


def _reason(exc: BaseException) -> str:
    """A short reason: the server's reply text, else the system's message."""
    smtp_error = getattr(exc, "smtp_error", None)
    if isinstance(smtp_error, bytes):
        code = getattr(exc, "smtp_code", "")
        return f"{code} {smtp_error.decode('utf-8', 'replace')}".strip()
    strerror = getattr(exc, "strerror", None)
    return str(strerror or exc or type(exc).__name__)
