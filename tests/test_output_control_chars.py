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
