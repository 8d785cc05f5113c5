"""The Woo name guard: validate's warning, render --openbaar's refusal, the gold."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EMBEDDED, REPO_ROOT, run

MESSAGE = "onbekende naam 'Kees de Boer': voeg toe aan partners.yaml of markeer als geen persoon"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EMBEDDED, root / "data")
    return root


def _add_line(root: Path) -> tuple[Path, int]:
    path = root / "data" / "meetings" / "2023" / "ab-2023-07-04.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.append("Kees de Boer licht de planning toe.")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, len(lines)


def test_validate_warns_at_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _, line = _add_line(root)
    code, out, err = run(runner, "validate", "--data", str(root / "data"))
    assert code == 0, out + err
    assert f"data/meetings/2023/ab-2023-07-04.md:{line}:1: waarschuwing: {MESSAGE}" in out + err


def test_a_warm_validate_sees_every_change_the_names_depend_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _copy(tmp_path)
    data = str(root / "data")
    assert MESSAGE not in "".join(run(runner, "validate", "--data", data)[1:])
    assert (root / ".samennw-cache" / "namen.json").is_file()  # the findings are kept
    _, line = _add_line(root)  # an edited file is read again
    _, out, _ = run(runner, "validate", "--data", data)
    assert f"ab-2023-07-04.md:{line}:1: waarschuwing: {MESSAGE}" in out
    _, again, _ = run(runner, "validate", "--data", data)  # from the cache: the same
    assert again == out
    partners = root / "data" / "partners.yaml"  # a known person: no longer a finding
    text = partners.read_text(encoding="utf-8")
    person = "  - id: kees-de-boer\n    naam: Kees de Boer\n    openbaar: false\n"
    partners.write_text(text.replace("personen:\n", "personen:\n" + person, 1), encoding="utf-8")
    _, out, _ = run(runner, "validate", "--data", data)
    assert MESSAGE not in out
    partners.write_text(text, encoding="utf-8")  # and back
    _, out, _ = run(runner, "validate", "--data", data)
    assert MESSAGE in out
    allow = root / "data" / "geen-personen.yaml"  # accepted: the allowlist counts too
    with allow.open("a", encoding="utf-8") as fh:
        fh.write("- naam: Kees de Boer\n  reden: naam van een gebouw\n")
    _, out, _ = run(runner, "validate", "--data", data)
    assert MESSAGE not in out


def test_render_public_refuses_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _, line = _add_line(root)
    out_file = tmp_path / "notulen.md"
    args = ("render", "notulen", "ab-2023-07-04", "--openbaar", "--data", str(root / "data"))
    code, out, err = run(runner, *args, "-o", str(out_file))
    assert code == 1
    assert "geen openbare versie" in err
    assert f"data/meetings/2023/ab-2023-07-04.md:{line}:1: onbekende naam 'Kees de Boer'" in err
    assert "geen-personen.yaml" in err
    assert not out_file.exists()
    # the internal version is not guarded
    code, out, err = run(runner, *args[:3], "--data", str(root / "data"))
    assert code == 0 and "Kees de Boer" in out
    # accepted in the allowlist: it renders
    with (root / "data" / "geen-personen.yaml").open("a", encoding="utf-8") as fh:
        fh.write("- naam: Kees de Boer\n  reden: naam van een gebouw\n")
    code, out, err = run(runner, *args)
    assert code == 0, err
    assert "Kees de Boer" in out


def test_known_private_person_is_redacted_not_refused(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path, _ = _add_line(root)
    text = path.read_text(encoding="utf-8").replace("Kees de Boer licht", "Raymond Pinas licht")
    path.write_text(text, encoding="utf-8")
    args = ("render", "notulen", "ab-2023-07-04", "--openbaar", "--data", str(root / "data"))
    code, out, err = run(runner, *args)
    assert code == 0, err
    assert "Raymond" not in out and "5.1.2.e licht de planning toe" in out


def test_allowlist_entry_without_reason_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    with (root / "data" / "geen-personen.yaml").open("a", encoding="utf-8") as fh:
        fh.write("- naam: Stopera\n")
    args = ("render", "notulen", "ab-2023-07-04", "--openbaar", "--data", str(root / "data"))
    code, _out, err = run(runner, *args)
    assert code == 1
    assert "'Stopera' heeft geen 'reden'" in err


def _bench() -> object:
    spec = importlib.util.spec_from_file_location(
        "name_guard", REPO_ROOT / "bench" / "name_guard.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_precision_and_recall_on_the_gold() -> None:
    bench = _bench()
    result = bench.measure(REPO_ROOT / "tests" / "woo" / "data" / "annotated.txt")  # type: ignore[attr-defined]
    assert result["names"] >= 140
    assert result["recall"] >= 0.99
    assert result["precision"] >= 0.85  # measured: 0.88 (see /work/notes/nameguard.md)


@pytest.mark.parametrize("sample", ["heldout.txt", "heldout2.txt"])
def test_held_out_samples(sample: str) -> None:
    bench = _bench()
    result = bench.measure(REPO_ROOT / "tests" / "woo" / "data" / sample)  # type: ignore[attr-defined]
    assert result["names"] >= 18
    # heldout.txt: 21/22 when first measured ('Ilse van der Meer': a place word after a
    # particle was taken for a street), 22/22 since; heldout2.txt: 18/18 when first measured
    assert result["recall"] >= 0.99
    assert result["precision"] >= 0.95


def test_a_surname_that_is_a_place_word_is_a_name_a_street_is_not() -> None:
    from samennw.model.records import Partners
    from samennw.woo.names import Detector

    detector = Detector.for_partners(Partners())
    assert detector.judge("Youssef en Ilse van der Meer bespreken het.", False) == [
        ("Youssef", 1),
        ("Ilse van der Meer", 12),
    ]
    assert detector.judge("Jan van Dijk en Els ter Laan komen.", False) == [
        ("Jan van Dijk", 1),
        ("Els ter Laan", 17),
    ]
    assert detector.judge("Het buurthuis aan de Johan Jongkindbuurt.", False) == []


def test_a_public_document_is_refused_only_for_names_in_what_it_is_made_of(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _copy(tmp_path)
    _add_line(root)  # an unknown name in the AB minutes of 4 July 2023
    data = str(root / "data")
    for args in (["actielijst", "ot-kvdj"], ["ics", "ot-kvdj"], ["besluitenlijst", "ot-kvdj"]):
        code, _, err = run(runner, "render", *args, "--openbaar", "--data", data)
        assert code == 0, (args, err)  # the OT's documents do not show the AB minutes
    for args in (["besluitenlijst", "ab"], ["besluitenlijst"], ["ics"], ["actielijst", "ab"]):
        code, _, err = run(runner, "render", *args, "--openbaar", "--data", data)
        assert code == 1, args
        assert "onbekende naam 'Kees de Boer'" in err


def test_the_name_of_a_warning_keeps_its_apostrophe() -> None:
    from samennw.errors import Location, Problem
    from samennw.woo.guard import message, name_of

    problem = Problem(message("Piet O'Brien"), Location(None))
    assert name_of(problem) == "Piet O'Brien"


def test_allowlist_entry_with_a_blank_reason_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    with (root / "data" / "geen-personen.yaml").open("a", encoding="utf-8") as fh:
        fh.write("- naam: Stopera\n  reden: ' '\n")
    args = ("render", "notulen", "ab-2023-07-04", "--openbaar", "--data", str(root / "data"))
    code, _out, err = run(runner, *args)
    assert code == 1
    assert "'Stopera' heeft geen 'reden'" in err
