"""validate names the real problem, in Dutch, with file and line (issue #9, section 6)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from .conftest import ACTION, build_file_tree, run, small_repo_files, snapshot

ENGLISH = ("control characters", "special characters", "not allowed", "unacceptable")


@pytest.mark.parametrize("jobs", ["1", "2"])  # file by file, and in bulk over processes
@pytest.mark.parametrize(
    ("old", "new", "where", "what"),
    [
        ("Toelichting.", "Toe\x00lichting.", "12:4", "NUL-teken (U+0000)"),  # in the body
        ("wie: Tjalling", "wie: Tjal\x00ling", "4:10", "NUL-teken (U+0000)"),
        ("wie: Tjalling", "wie: Tjal\x1bling", "4:10", "ESC-teken (U+001B)"),
        ("wie: Tjalling", 'wie: "Tjal\x07ling"', "4:11", "BEL-teken (U+0007)"),
    ],
    ids=["nul-body", "nul-front-matter", "esc", "bel-quoted"],
)
def test_a_control_character_in_a_file_is_named_with_its_line(
    tmp_path, monkeypatch: pytest.MonkeyPatch, jobs: str, old: str, new: str, where: str, what: str
) -> None:
    files = small_repo_files()
    files["data/acties/open/KVDJ-001.md"] = ACTION.replace(old, new)
    root = build_file_tree(tmp_path / "repo", files)
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    before = snapshot(root)
    code, out, _err = run(CliRunner(), "validate", "--data", str(root))
    assert code == 1
    assert out.startswith(f"data/acties/open/KVDJ-001.md:{where}: fout: ongeldig {what}"), out
    assert not any(phrase in out for phrase in ENGLISH), out
    assert snapshot(root) == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_missing_partners_file_is_the_one_error(
    embedded_copy, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """Not error 403 of 403: every reference failing follows from the missing file."""
    (embedded_copy / "data" / "partners.yaml").unlink()
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, err = run(CliRunner(), "validate", "--data", str(embedded_copy))
    assert code == 1
    assert out.splitlines() == [
        "data/partners.yaml: fout: partners.yaml ontbreekt; zonder personen, organisaties en "
        "teams zijn de verwijzingen in de andere bestanden niet te controleren"
    ]
    assert "1 fout(en)" in err


def test_an_unreadable_partners_file_comes_first_before_independent_errors(
    small_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    (small_repo / "data" / "partners.yaml").write_text("personen: [\n", encoding="utf-8")
    action = small_repo / "data" / "acties" / "open" / "KVDJ-001.md"
    action.write_text(ACTION.replace("status: open", "status: klaar"), encoding="utf-8")
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert lines[0] == (
        "data/partners.yaml:2:1: fout: ongeldige YAML: waarde verwacht (is een lijst [...] of "
        "{...} niet afgemaakt?)"
    )
    assert lines[1].startswith("data/acties/open/KVDJ-001.md:7:1: fout: 'klaar'"), out


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("inside", [None, "KVDJ-098.md"])
def test_a_folder_named_like_a_data_file_is_reported(
    small_repo, monkeypatch: pytest.MonkeyPatch, jobs: str, inside: str | None
) -> None:
    folder = small_repo / "data" / "acties" / "open" / "KVDJ-098.md"
    folder.mkdir()
    if inside:
        (folder / inside).write_text(ACTION.replace("KVDJ-001", "KVDJ-098"), encoding="utf-8")
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        "data/acties/open/KVDJ-098.md: fout: een map met de naam van een gegevensbestand: "
        "hier hoort een bestand (de map wordt niet gelezen)"
    ]
    code, _, err = run(CliRunner(), "open-actions", "--data", str(small_repo))
    assert code == 1 and "KVDJ-098.md" in err  # a query does not answer without it either
