"""No terminal control characters from the data in any output (issue #9, section 6).

A ``wat`` may hold ESC and BEL (YAML's ``"\\e"`` and ``"\\a"`` escapes): printed raw they
clear the screen or set the window title of whoever runs ``open-actions``. Every output
format drops them (JSON may keep them as ``\\u001b`` escapes, which are plain text).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ACTION, build_file_tree, run, small_repo_files, snapshot

# C0 controls but tab and newline, DEL, C1 controls (U+009B is a one-character CSI)
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# YAML escapes: ESC [2J (clear screen), ESC ]0;…BEL (window title), CSI as U+009B, DEL, CR
WAT = r'"Bel \e[2J\e]0;pwn\a de \x9b31mschool\x7f\r terug"'
SHOWN = "Bel [2J]0;pwn de 31mschool"  # what is left, as plain text


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-01")
    files = small_repo_files()
    files["data/acties/open/KVDJ-001.md"] = ACTION.replace(
        "wat: Presentatie 4 actielijnen Jonge Kind", f"wat: {WAT}"
    ).replace("Toelichting.", "Toe\x1b[31mlichting\x07.")  # raw in the Markdown body
    files["data/belangrijke-data.yaml"] = (
        f'- datum: 2026-02-12\n  wat: {WAT}\n  waar: "Zaal \\e[5m1"\n  team: ot-kvdj\n'
    )
    files["data/meetings/2025/ot-kvdj-2025-11-25.md"] = small_repo_files()[
        "data/meetings/2025/ot-kvdj-2025-11-25.md"
    ].replace('eind: "18:00"', 'eind: "18:00"\nlocatie: "Buurthuis \\e[2J de Schakel"')  # type: ignore[union-attr]
    return build_file_tree(tmp_path / "repo", files)


def assert_safe(text: str, *, crlf: bool = False) -> None:
    if crlf:
        text = text.replace("\r\n", "\n")
    found = UNSAFE.search(text)
    assert found is None, f"control character {found.group(0)!r} in output"


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_open_actions_prints_no_control_characters(repo: Path, fmt: str) -> None:
    code, out, err = run(CliRunner(), "open-actions", "--format", fmt, "--data", str(repo))
    assert code == 0, err
    assert_safe(out, crlf=fmt == "csv")
    assert_safe(err)
    if fmt == "json":
        assert "\\u001b[2J" in out  # an escape in JSON text, not a control character
    else:
        shown = out.replace("\\[", "[").replace("\\]", "]")  # Markdown's escapes
        assert SHOWN in shown
        assert "Toe[31mlichting." in shown


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", ["actielijst ot-kvdj", "notulen ot-kvdj-2025-11-25"])
def test_rendered_text_documents_hold_no_control_characters(
    repo: Path, fmt: str, kind: str
) -> None:
    code, out, err = run(CliRunner(), "render", *kind.split(), "-f", fmt, "--data", str(repo))
    assert code == 0, err
    assert_safe(out)
    if kind.startswith("actielijst"):
        assert "31mschool terug" in out


def test_word_document_holds_no_control_characters(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "lijst.docx"
    code, _, err = run(
        CliRunner(), "render", "actielijst", "ot-kvdj", "-o", str(target), "--data", str(repo)
    )
    assert code == 0, err
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert_safe(xml, crlf=True)
    assert "31mschool terug" in xml


def test_calendar_holds_no_control_characters(repo: Path) -> None:
    code, out, err = run(CliRunner(), "render", "ics", "--data", str(repo))
    assert code == 0, err
    assert_safe(out, crlf=True)
    assert "Buurthuis [2J de Schakel" in out
    assert "Zaal [5m1" in out


def test_messages_quote_data_without_control_characters(repo: Path) -> None:
    code, _, err = run(
        CliRunner(), "open-actions", "--owner", "Tj\x1b[2Jalling", "--data", str(repo)
    )
    assert code == 1
    assert "onbekende persoon 'Tj[2Jalling'" in err
    assert_safe(err)


# --- nor in the data files samennw writes -------------------------------------------------

ESCAPED = re.compile(r"\\(?:e|a|x[0-9a-fA-F]{2}|u00[0-9a-fA-F]{2})")  # "\e", "\a", "\x1b", …


def assert_clean_file(path: Path) -> str:
    """No control character in the bytes, and none as a YAML escape either."""
    text = path.read_bytes().decode("utf-8")
    assert_safe(text)
    assert ESCAPED.search(text) is None, text
    return text


def test_a_new_meeting_holds_no_control_characters_of_the_data(repo: Path) -> None:
    """The open actions were copied into the body, where YAML's escapes do not exist: the
    ESC and BEL of a 'wat' were written raw, and 'cat' of the meeting ran them. Since
    issue #13 the actions are references by id on the agenda; the team's name still is
    copied into the title."""
    partners = repo / "data/partners.yaml"
    partners.write_text(
        partners.read_text(encoding="utf-8").replace(
            "naam: Opgaveteam Kansen voor de Jeugd", 'naam: "Opgaveteam\\a Kansen voor de Jeugd"'
        ),
        encoding="utf-8",
    )
    code, _, err = run(
        CliRunner(), "new-meeting", "ot-kvdj", "--datum", "2026-01-15", "--data", str(repo)
    )
    assert code == 0, err
    text = assert_clean_file(repo / "data/meetings/2026/ot-kvdj-2026-01-15.md")
    assert "    acties:\n      - KVDJ-001\n" in text and SHOWN not in text
    assert "titel: Bijeenkomst Opgaveteam Kansen voor de Jeugd 15 januari 2026\n" in text
    code, out, _ = run(CliRunner(), "validate", "--data", str(repo))
    assert "2026" not in out  # the new file is clean (KVDJ-001's raw body is warned about)


@pytest.mark.parametrize(
    ("args", "option", "what"),
    [
        (["update", "KVDJ-001", "--tekst", "Gebeld \x1b[2J"], "--tekst", "ESC-teken (U+001B)"),
        (
            ["close", "KVDJ-001", "--datum", "2025-12-01", "--toelichting", "Klaar\x07"],
            "--toelichting",
            "BEL-teken (U+0007)",
        ),
        (["add-action", "ot-kvdj", "--wat", "Flyer\x9b31m"], "--wat", "stuurteken U+009B"),
        (["add-action", "ot-kvdj", "--wat", "x", "--wie", "\x7fTjalling"], "--wie",
         "DEL-teken (U+007F)"),
        (["add-action", "ot-kvdj", "--wat", "x", "--wanneer", "Okt\r2026"], "--wanneer",
         "CR-teken (U+000D)"),
        (["add-action", "ot-kvdj", "--wat", "x", "--herkomst", "25/11\x1b"], "--herkomst",
         "ESC-teken (U+001B)"),
        (
            ["add-action", "ot-kvdj", "--wat", "x", "--toelichting", "a\x1b]0;titel\x07"],
            "--toelichting",
            "ESC-teken (U+001B)",
        ),
        (
            ["new-meeting", "ot-kvdj", "--datum", "2026-01-15", "--punt", "Punt\x1b[5m"],
            "--punt",
            "ESC-teken (U+001B)",
        ),
        (
            ["new-meeting", "ot-kvdj", "--datum", "2026-01-15", "--locatie", "Zaal\x08"],
            "--locatie",
            "backspace-teken (U+0008)",
        ),
    ],
    ids=[
        "update", "close", "wat", "wie", "wanneer", "herkomst", "toelichting", "punt", "locatie"
    ],
)  # fmt: skip
def test_a_control_character_on_the_command_line_is_refused_nothing_is_written(
    small_repo: Path, args: list[str], option: str, what: str
) -> None:
    """'--tekst' with an ESC was stored as a YAML escape ("\\e[2J"): plain in the file, but a
    control character in the value, raw as soon as a new meeting copied it into its body.
    Refused, not dropped: the user sees that it was not written."""
    before = snapshot(small_repo)
    code, _, err = run(CliRunner(), *args, "--data", str(small_repo))
    assert (code, err.strip()) == (
        1,
        f"fout: {option} bevat een {what}, en een gegevensbestand mag geen stuurtekens "
        "bevatten; er is niets gewijzigd",
    )
    assert_safe(err)
    assert {k: v for k, v in snapshot(small_repo).items() if k.endswith(".md")} == {
        k: v for k, v in before.items() if k.endswith(".md")
    }


def test_tabs_and_line_breaks_on_the_command_line_are_written(small_repo: Path) -> None:
    code, _, err = run(
        CliRunner(), "add-action", "ot-kvdj", "--wat", "Flyer", "--wie", "Tjalling",
        "--toelichting", "Eerste regel\r\n\nTweede\tregel", "--data", str(small_repo),
    )  # fmt: skip
    assert code == 0, err
    text = (small_repo / "data/acties/open/KVDJ-002.md").read_bytes().decode("utf-8")
    assert text.endswith("---\nEerste regel\r\n\nTweede\tregel\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_validate_warns_about_a_control_character_in_a_markdown_body(
    small_repo: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The YAML may hold none (an error); in the body samennw drops them from everything it
    shows, but 'cat' and 'git diff' of the file do not: a warning, with its line."""
    files = {
        "data/acties/open/KVDJ-001.md": ACTION.replace(
            "Toelichting.", "Eerste regel.\n\nToe\x1b[31mlichting\x07."
        ),
        # a YAML escape is plain text in the file; tabs and CRLF line ends are text too
        "data/acties/open/KVDJ-002.md": ACTION.replace("KVDJ-001", "KVDJ-002")
        .replace("Presentatie 4 actielijnen Jonge Kind", '"\\e[31mPresentatie"')
        .replace("Toelichting.", "Tab\there\nok")
        .replace("\n", "\r\n"),
        "data/actielijnen/loopbaanroute.md": (
            "---\nid: loopbaanroute\ntitel: Loopbaanroute\ndomein: kvdj\nstatus: idee\n---\n"
            "Beschrijving\u009b31m.\n"
        ),
    }
    build_file_tree(small_repo, files)
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, err = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 0, out
    tail = "in de tekst: samennw laat het weg in alles wat het toont, maar 'cat' en 'git diff' "
    tail += "sturen het naar de terminal (verwijder het)"
    assert out.splitlines() == [
        f"data/actielijnen/loopbaanroute.md:7:13: waarschuwing: stuurteken U+009B {tail}",
        f"data/acties/open/KVDJ-001.md:14:4: waarschuwing: ESC-teken (U+001B) {tail}",
    ]
    assert err.splitlines()[-1] == "Geen fouten; 2 waarschuwing(en)."
