"""render actielijst --op: an action closed in a later meeting was open that day."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import EMBEDDED, run


def test_op_takes_the_closing_meeting_date_without_afgerond_op(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "repo" / "data"
    shutil.copytree(EMBEDDED, data)
    path = data / "acties" / "afgerond" / "KVDJ-039.md"
    text = path.read_text(encoding="utf-8")
    assert "afgerond_op: 2025-11-25\n" in text
    path.write_text(text.replace("afgerond_op: 2025-11-25\n", ""), encoding="utf-8")
    # closed in ot-kvdj-2025-11-25, so open on 1 October (as the minutes say)
    args = ("render", "actielijst", "ot-kvdj", "--op", "2025-10-01", "--data", str(data))
    code, out, err = run(runner, *args)
    assert code == 0, err
    open_part, _, closed_part = out.partition("## Afgeronde acties en besluiten")
    assert "Projectleiders werven" in open_part
    assert "Projectleiders werven" not in closed_part
