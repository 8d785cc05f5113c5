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

from .conftest import ACTION, build_file_tree, run, small_repo_files

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
    """The open actions are copied into the body, where YAML's escapes do not exist: the
    ESC and BEL of a 'wat' were written raw, and 'cat' of the meeting ran them."""
    code, _, err = run(
        CliRunner(), "new-meeting", "ot-kvdj", "--datum", "2026-01-15",
        "--punt", "Punt \x1b]0;titel\x07 twee", "--locatie", "Zaal\x1b[5m 1", "--data", str(repo),
    )  # fmt: skip
    assert code == 0, err
    text = assert_clean_file(repo / "data/meetings/2026/ot-kvdj-2026-01-15.md")
    assert f"- KVDJ-001: {SHOWN} terug (Tjalling; November 2025)\n" in text
    assert 'locatie: "Zaal[5m 1"\n' in text
    assert '    titel: "Punt ]0;titel twee"\n' in text
    assert "## 3. Punt ]0;titel twee\n" in text
    code, out, _ = run(CliRunner(), "validate", "--data", str(repo))
    assert "2026" not in out  # the new file is clean (KVDJ-001's raw body is warned about)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["update", "KVDJ-001", "--tekst", "Gebeld \x1b[2J\x07met\x9b de school\r"],
            '    tekst: "Gebeld [2Jmet de school"\n',
        ),
        (
            ["close", "KVDJ-001", "--datum", "2025-12-01", "--toelichting", "Klaar\x1b[31m"],
            '    tekst: "Klaar[31m"\n',
        ),
    ],
    ids=["update", "close"],
)
def test_text_from_the_command_line_is_written_without_control_characters(
    small_repo: Path, args: list[str], expected: str
) -> None:
    """'--tekst' was written as a YAML escape ("\\e[2J"): plain in the file, but a control
    character in the value, and raw as soon as a template copies it into a body."""
    code, _, err = run(CliRunner(), *args, "--data", str(small_repo))
    assert code == 0, err
    folder = "afgerond" if args[0] == "close" else "open"
    text = assert_clean_file(small_repo / f"data/acties/{folder}/KVDJ-001.md")
    assert expected in text


def test_a_new_action_is_written_without_control_characters(small_repo: Path) -> None:
    code, _, err = run(
        CliRunner(), "add-action", "ot-kvdj", "--wat", "Flyer \x1b[31mrood\x1b[0m",
        "--wie", "\x07Tjalling", "--wanneer", "Okt 2026\x7f",
        "--toelichting", "Eerste\x1b]0;x\x07 regel\n\nTweede\tregel", "--data", str(small_repo),
    )  # fmt: skip
    assert code == 0, err
    text = assert_clean_file(small_repo / "data/acties/open/KVDJ-002.md")
    assert text == (
        '---\nid: KVDJ-002\nwat: "Flyer [31mrood[0m"\nwie: Tjalling\nbetrokkenen: [tjalling]\n'
        "wanneer: Okt 2026\nstatus: open\nteam: ot-kvdj\n---\n"
        "Eerste]0;x regel\n\nTweede\tregel\n"
    )


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
