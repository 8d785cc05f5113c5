"""The digest by mail: .eml files, sending to a real SMTP server (aiosmtpd on 127.0.0.1),
and e-mail addresses never in public output."""

from __future__ import annotations

import email
import email.policy
import os
import re
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from typer.testing import CliRunner

from tests.conftest import REPO_ROOT, build_file_tree, run
from tests.ops.test_digest import digest_repo_files

SENDER = "Secretariaat Samen Nieuw-West <secretariaat@example.org>"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.\w+")
SUBJECT = "Uw acties voor Samen Nieuw-West – 1 december 2025"


@pytest.fixture
def digest_repo(tmp_path: Path) -> Path:
    return build_file_tree(tmp_path / "repo", digest_repo_files())


@pytest.fixture
def mail_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("SAMENNW_SMTP_") or name == "SAMENNW_MAIL_FROM":
            monkeypatch.delenv(name)
    monkeypatch.setenv("SAMENNW_MAIL_FROM", SENDER)
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-01")  # today, and the Date header


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Collector:
    """An SMTP handler that keeps what arrives; refuses the addresses in ``refuse`` and
    fails the message after ``fail_after`` accepted ones."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.refuse: set[str] = set()
        self.fail_after: int | None = None
        self.refuse_sender = False

    async def handle_MAIL(  # aiosmtpd's hook names
        self, server: Any, session: Any, envelope: Any, address: str, mail_options: Any
    ) -> str:
        if self.refuse_sender:
            return "553 5.7.1 afzender niet toegestaan"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(  # aiosmtpd's hook names
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 onbekende ontvanger"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.fail_after is not None and len(self.envelopes) >= self.fail_after:
            return "554 5.3.0 opslag vol"
        self.envelopes.append(envelope)
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(e.content, policy=email.policy.default)  # type: ignore[misc]
            for e in self.envelopes
        ]


class Server:
    def __init__(self, controller: Controller, collector: Collector) -> None:
        self.controller = controller
        self.collector = collector
        self.port = controller.port


def _start(auth: tuple[str, str] | None = None) -> Server:
    collector = Collector()
    kwargs: dict[str, Any] = {}
    if auth is not None:

        def authenticator(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> AuthResult:
            ok = (
                isinstance(data, LoginPassword)
                and (
                    data.login.decode(),
                    data.password.decode(),
                )
                == auth
            )
            return AuthResult(success=ok, handled=False)

        kwargs = {"authenticator": authenticator, "auth_require_tls": False}
    controller = Controller(collector, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return Server(controller, collector)


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch, mail_env: None) -> Iterator[Server]:
    server = _start()
    monkeypatch.setenv("SAMENNW_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SAMENNW_SMTP_PORT", str(server.port))
    monkeypatch.setenv("SAMENNW_SMTP_STARTTLS", "nee")
    yield server
    server.controller.stop()


def parse(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[return-value]


def digest(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, "digest", *args, "--data", str(repo))


# --- .eml files ------------------------------------------------------------------------


def test_eml_one_message_per_person_with_address_and_actions(
    runner: CliRunner, digest_repo: Path, tmp_path: Path, mail_env: None
) -> None:
    folder = tmp_path / "post"
    code, out, err = digest(runner, digest_repo, "--all", "--eml", str(folder))
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["emre-unver.eml", "tjalling.eml"]
    assert f"2 berichten geschreven in {folder}:" in err
    assert "  tjalling (Tjalling Halbertsma): 4 acties, 1 verlopen" in err
    assert "overgeslagen, geen open acties: sofie" in err
    assert "overgeslagen, geen e-mailadres in partners.yaml: 1 persoon" in err
    assert "@" not in err + out  # no address in the summary (a CI log)

    raw = (folder / "emre-unver.eml").read_bytes()
    raw.decode("ascii")  # RFC 5322 on the wire: 7-bit headers and transfer-encoded parts
    assert b"\r\n" in raw
    msg = parse(folder / "emre-unver.eml")
    assert msg["Subject"] == "Uw acties voor Samen Nieuw-West – 1 december 2025"
    (to,) = msg["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Emre Ünver", "emre.unver@example.org")
    (sender,) = msg["From"].addresses
    assert sender.addr_spec == "secretariaat@example.org"
    assert parsedate_to_datetime(msg["Date"]).date().isoformat() == "2025-12-01"
    assert msg["Message-ID"].startswith("<") and msg["Message-ID"].endswith("@example.org>")
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    text = plain.get_content().replace("\r\n", "\n")  # CRLF: the canonical form of text
    assert text.startswith("# Uw acties voor Samen Nieuw-West\n\nGoedemorgen Emre Ünver,")
    assert "waarvan 1 verlopen en 1 met een termijn binnen 14 dagen" in text
    assert text.index("AB-001") < text.index("KVDJ-004")
    page = html.get_content()
    assert "<h2>Alliantiebestuur</h2>" in page and "Goedemorgen Emre Ünver," in page
    assert '<span class="status">geblokkeerd: wacht op het ministerie</span>' in page
    assert msg["Message-ID"] != parse(folder / "tjalling.eml")["Message-ID"]


def test_eml_never_overwrites_and_writes_nothing(
    runner: CliRunner, digest_repo: Path, tmp_path: Path, mail_env: None
) -> None:
    folder = tmp_path / "post"
    folder.mkdir()
    mine = folder / "emre-unver.eml"
    mine.write_text("mijn eigen bericht", encoding="utf-8")
    code, _, err = digest(runner, digest_repo, "--all", "--eml", str(folder))
    assert code == 1
    assert "bestaan al: emre-unver.eml" in err and "niets geschreven" in err
    assert sorted(p.name for p in folder.iterdir()) == ["emre-unver.eml"]
    assert mine.read_text(encoding="utf-8") == "mijn eigen bericht"


def test_eml_a_second_run_does_not_overwrite_the_first(
    runner: CliRunner, digest_repo: Path, tmp_path: Path, mail_env: None
) -> None:
    folder = tmp_path / "post"
    assert digest(runner, digest_repo, "--all", "--eml", str(folder))[0] == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, _, err = digest(runner, digest_repo, "--all", "--eml", str(folder))
    assert code == 1
    assert "bestaan al: tjalling.eml, emre-unver.eml" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_eml_needs_a_sender(
    runner: CliRunner,
    digest_repo: Path,
    tmp_path: Path,
    mail_env: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SAMENNW_MAIL_FROM")
    folder = tmp_path / "post"
    code, _, err = digest(runner, digest_repo, "--all", "--eml", str(folder))
    assert code == 1
    assert "geen afzender: zet het adres in de omgevingsvariabele SAMENNW_MAIL_FROM" in err
    assert not folder.exists()
    monkeypatch.setenv("SAMENNW_MAIL_FROM", "secretariaat")
    code, _, err = digest(runner, digest_repo, "--all", "--eml", str(folder))
    assert code == 1 and "SAMENNW_MAIL_FROM is geen bruikbaar e-mailadres" in err


def test_all_without_eml_or_smtp_only_lists(
    runner: CliRunner, digest_repo: Path, smtp_server: Server, chdir: Path
) -> None:
    code, _, err = digest(runner, digest_repo, "--all")
    assert code == 0, err
    assert "2 berichten (overzicht; niets geschreven, niets verstuurd" in err
    assert "  emre-unver (Emre Ünver): 2 acties, 1 verlopen" in err
    assert smtp_server.collector.envelopes == []
    assert list(chdir.rglob("*.eml")) == []


def test_owner_with_eml_writes_one_message(
    runner: CliRunner, digest_repo: Path, tmp_path: Path, mail_env: None
) -> None:
    folder = tmp_path / "post"
    code, _, err = digest(runner, digest_repo, "--owner", "Emre", "--eml", str(folder))
    assert code == 0, err
    assert [p.name for p in folder.iterdir()] == ["emre-unver.eml"]
    code, _, err = digest(runner, digest_repo, "--owner", "Femke", "--eml", str(folder))
    assert code == 1
    assert "femke-halsema (Femke Halsema) heeft geen 'email' in partners.yaml" in err


def test_format_options_belong_to_one_document(
    runner: CliRunner, digest_repo: Path, mail_env: None
) -> None:
    code, _, err = digest(runner, digest_repo, "--all", "-f", "html")
    assert code == 2 and "-f en -o horen bij het overzicht van één persoon" in err


# --- SMTP ------------------------------------------------------------------------------


def test_smtp_sends_to_a_real_server(
    runner: CliRunner, digest_repo: Path, smtp_server: Server, tmp_path: Path
) -> None:
    code, out, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 0, err
    assert "2 berichten; 2 verstuurd:" in err
    assert "  tjalling (Tjalling Halbertsma): 4 acties, 1 verlopen — verstuurd" in err
    assert "@" not in err + out
    envelopes = smtp_server.collector.envelopes
    assert [e.rcpt_tos for e in envelopes] == [["tjalling@example.org"], ["emre.unver@example.org"]]
    assert {e.mail_from for e in envelopes} == {"secretariaat@example.org"}
    first, second = smtp_server.collector.messages()
    assert first["Subject"] == SUBJECT and second["Subject"] == SUBJECT
    assert second["To"].addresses[0].display_name == "Emre Ünver"
    text = first.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    for action_id in ("KVDJ-001", "KVDJ-005", "KVDJ-002", "KVDJ-003"):
        assert action_id in text
    assert "AB-001" not in text
    html = second.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "AB-001" in html and "KVDJ-004" in html


def test_smtp_with_login(
    runner: CliRunner, digest_repo: Path, mail_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = _start(auth=("secretariaat", "geheim wachtwoord"))
    try:
        monkeypatch.setenv("SAMENNW_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SAMENNW_SMTP_PORT", str(server.port))
        monkeypatch.setenv("SAMENNW_SMTP_STARTTLS", "0")
        monkeypatch.setenv("SAMENNW_SMTP_USER", "secretariaat")
        monkeypatch.setenv("SAMENNW_SMTP_PASSWORD", "fout")
        code, _, err = digest(runner, digest_repo, "--all", "--smtp")
        assert code == 1
        assert f"aanmelden bij de mailserver 127.0.0.1:{server.port} als 'secretariaat'" in err
        assert "controleer SAMENNW_SMTP_USER en SAMENNW_SMTP_PASSWORD (niets verstuurd)" in err
        assert "fout" not in err.replace("fout:", "")  # the password is never shown
        assert server.collector.envelopes == []

        monkeypatch.setenv("SAMENNW_SMTP_PASSWORD", "geheim wachtwoord")
        code, _, err = digest(runner, digest_repo, "--all", "--smtp")
        assert code == 0, err
        assert len(server.collector.envelopes) == 2
    finally:
        server.controller.stop()


def test_smtp_missing_host_writes_and_sends_nothing(
    runner: CliRunner, digest_repo: Path, mail_env: None, tmp_path: Path
) -> None:
    folder = tmp_path / "post"
    code, _, err = digest(runner, digest_repo, "--all", "--eml", str(folder), "--smtp")
    assert code == 1
    assert "geen mailserver: zet SAMENNW_SMTP_HOST" in err
    assert not folder.exists()


def test_smtp_bad_settings(
    runner: CliRunner, digest_repo: Path, mail_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMENNW_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SAMENNW_SMTP_PORT", "poort")
    code, _, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 1 and "SAMENNW_SMTP_PORT 'poort' is geen poortnummer" in err
    monkeypatch.setenv("SAMENNW_SMTP_PORT", "2525")
    monkeypatch.setenv("SAMENNW_SMTP_STARTTLS", "misschien")
    code, _, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 1 and "SAMENNW_SMTP_STARTTLS 'misschien': kies 'ja' of 'nee'" in err
    monkeypatch.setenv("SAMENNW_SMTP_STARTTLS", "ja")
    monkeypatch.setenv("SAMENNW_SMTP_USER", "secretariaat")
    code, _, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 1 and "SAMENNW_SMTP_USER is gezet maar SAMENNW_SMTP_PASSWORD niet" in err


def test_smtp_connection_refused(
    runner: CliRunner, digest_repo: Path, mail_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()  # nothing listens there
    monkeypatch.setenv("SAMENNW_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SAMENNW_SMTP_PORT", str(port))
    code, _, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 1
    assert f"de mailserver 127.0.0.1:{port} weigert de verbinding" in err
    assert "(niets verstuurd)" in err


def test_smtp_starttls_is_on_by_default(
    runner: CliRunner, digest_repo: Path, smtp_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SAMENNW_SMTP_STARTTLS")
    code, _, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 1
    assert "biedt geen STARTTLS; zet SAMENNW_SMTP_STARTTLS=nee alleen voor" in err
    assert smtp_server.collector.envelopes == []


def test_smtp_failure_midway_names_what_was_sent(
    runner: CliRunner, digest_repo: Path, smtp_server: Server
) -> None:
    smtp_server.collector.fail_after = 1
    code, _, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 1
    assert "mislukt (554 5.3.0 opslag vol) (verstuurd vóór de fout: tjalling)" in err


def test_smtp_refused_recipient_others_still_sent(
    runner: CliRunner, digest_repo: Path, smtp_server: Server
) -> None:
    smtp_server.collector.refuse = {"tjalling@example.org"}
    code, _, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 1
    assert "2 berichten; 1 verstuurd:" in err
    assert "tjalling (Tjalling Halbertsma): 4 acties, 1 verlopen — GEWEIGERD" in err
    assert "geweigerd door de mailserver: tjalling" in err
    assert [e.rcpt_tos for e in smtp_server.collector.envelopes] == [["emre.unver@example.org"]]


def test_smtp_refused_sender_stops_the_run(
    runner: CliRunner, digest_repo: Path, smtp_server: Server
) -> None:
    smtp_server.collector.refuse_sender = True
    code, _, err = digest(runner, digest_repo, "--all", "--smtp")
    assert code == 1
    assert "weigert de afzender (SAMENNW_MAIL_FROM): 553 5.7.1 afzender niet toegestaan" in err
    assert "(niets verstuurd)" in err
    assert smtp_server.collector.envelopes == []


# --- the example workflow --------------------------------------------------------------

WORKFLOW = REPO_ROOT / "examples" / "data-repo" / ".github" / "workflows" / "digest.yml"


def test_example_workflow_sends_the_digest_weekly(digest_repo: Path, smtp_server: Server) -> None:
    import yaml

    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    (schedule,) = workflow[True]["schedule"]  # YAML 1.1: 'on' reads as True
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    (job,) = workflow["jobs"].values()
    step = next(s for s in job["steps"] if "--smtp" in s.get("run", ""))
    secret_env = step["env"]
    assert secret_env["SAMENNW_SMTP_PASSWORD"] == "${{ secrets.SAMENNW_SMTP_PASSWORD }}"
    assert "secrets." not in step["run"]  # secrets only through the environment
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=digest_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(smtp_server.collector.envelopes) == 2


# --- e-mail addresses are personal data ------------------------------------------------


def test_public_and_listing_outputs_hold_no_address(
    runner: CliRunner, digest_repo: Path, tmp_path: Path
) -> None:
    for args in (
        ("render", "agenda", "ot-kvdj-2025-11-25"),
        ("render", "notulen", "ot-kvdj-2025-11-25"),
        ("render", "notulen", "ab-2025-10-01"),
        ("render", "actielijst", "ot-kvdj"),
        ("render", "actielijst", "ab"),
        ("render", "besluitenlijst"),
    ):
        for fmt in ("md", "html"):
            code, out, err = run(runner, *args, "-f", fmt, "--openbaar", "--data", str(digest_repo))
            assert code == 0, err
            if fmt == "md":
                assert "@" not in out, args
            assert ADDRESS.search(out) is None, args  # html: its CSS has '@page'
        target = tmp_path / f"{'-'.join(args[1:])}.docx"
        code, _, err = run(
            runner, *args, "-o", str(target), "--openbaar", "--data", str(digest_repo)
        )
        assert code == 0, err
        with zipfile.ZipFile(target) as docx_file:
            assert not any(
                ADDRESS.search(docx_file.read(n).decode("utf-8", "replace"))
                for n in docx_file.namelist()
            ), args
    code, out, _ = run(runner, "render", "ics", "--openbaar", "--data", str(digest_repo))
    assert code == 0 and "example.org" not in out
    for args in (
        ("open-actions", "--owner", "Emre", "--format", "json"),
        ("open-actions", "--format", "csv"),
        ("show", "AB-001", "--format", "json"),
        ("show", "ot-kvdj-2025-11-25", "--format", "json"),
        ("render", "actielijst", "ab", "-f", "md"),
    ):
        code, out, err = run(runner, *args, "--data", str(digest_repo))
        assert code == 0, err
        assert "@" not in out + err, args
    schema_dir = tmp_path / "schema"
    assert run(runner, "schema", "--out", str(schema_dir))[0] == 0
    assert all("example.org" not in p.read_text() for p in schema_dir.iterdir())


def test_eml_with_nobody_to_write_to_makes_no_folder_and_says_so(
    runner: CliRunner, digest_repo: Path, tmp_path: Path, mail_env: None
) -> None:
    partners = digest_repo / "data" / "partners.yaml"
    lines = partners.read_text(encoding="utf-8").splitlines(keepends=True)
    # only Sofie has an address, and she has nothing to do
    partners.write_text(
        "".join(x for x in lines if "email:" not in x or "sofie" in x), encoding="utf-8"
    )
    folder = tmp_path / "post"
    code, _, err = digest(runner, digest_repo, "--all", "--eml", str(folder))
    assert code == 0, err
    assert err.splitlines()[0] == "0 berichten (niets te schrijven)"
    assert "overgeslagen, geen open acties: sofie" in err
    assert not folder.exists()
