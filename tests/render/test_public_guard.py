"""render --openbaar checks the files a document is made of for unknown names."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import EMBEDDED, run


def _with_name_in_action(tmp_path: Path) -> tuple[Path, int]:
    data = tmp_path / "repo" / "data"
    shutil.copytree(EMBEDDED, data)
    path = data / "acties" / "open" / "KVDJ-007.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.append("Kees de Boer licht de planning toe.")
    path.write_text("\n".join(lines), encoding="utf-8")
    return data, len(lines)


def test_public_action_list_refuses_an_unknown_name_in_an_action(
    runner: CliRunner, tmp_path: Path
) -> None:
    data, line = _with_name_in_action(tmp_path)
    out_file = tmp_path / "actielijst.md"
    args = ("render", "actielijst", "ot-kvdj", "--data", str(data))
    code, out, err = run(runner, *args, "--openbaar", "-o", str(out_file))
    assert code == 1
    assert "geen openbare versie" in err
    assert f"data/acties/open/KVDJ-007.md:{line}:1: onbekende naam 'Kees de Boer'" in err
    assert not out_file.exists()
    code, out, err = run(runner, *args)  # the internal version is not guarded
    assert code == 0, err
    assert "Kees de Boer" in out


def test_public_decision_list_does_not_read_the_actions(runner: CliRunner, tmp_path: Path) -> None:
    data, _ = _with_name_in_action(tmp_path)
    code, out, err = run(
        runner, "render", "besluitenlijst", "ot-kvdj", "--openbaar", "--data", str(data)
    )
    assert code == 0, err
    assert "Kees de Boer" not in out
