"""The besluitenlijst shows what became of each decision (issue #12 part 3)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import build_file_tree, run
from tests.ops.test_decisions import EARLY_DECISIONS, LATE_DECISIONS, files


def test_status_links_and_votes_in_markdown(runner: CliRunner, tmp_path: Path) -> None:
    late = LATE_DECISIONS.replace("wijzigt:", "vervangt:")
    early = EARLY_DECISIONS.replace("uitslag: aangehouden", "uitslag: ingetrokken")
    root = build_file_tree(tmp_path / "r", files(late=late, early=early))
    code, out, err = run(runner, "render", "besluitenlijst", "ot-kvdj", "--data", str(root))
    assert code == 0, err
    rows = [line for line in out.splitlines() if line.startswith("|  |")]
    assert rows == [
        "|  | Het OT stelt de werkagenda vast. | genomen; vervangen door ot-kvdj-2025-11-25-b1 "
        "(25 november 2025) |  |  |",
        "|  | Vrijgave van het budget. | ingetrokken; vervolgd door ot-kvdj-2025-11-25-b1 "
        "(25 november 2025) |  |  |",
        "|  | De werkagenda wordt aangepast. | genomen, bij stemming (5 voor, 1 tegen, "
        "0 onthoudingen); vervolg op ot-kvdj-2025-09-25-b2 (25 september 2025) |  |  |",
    ]


def test_a_later_decision_outside_the_period_still_tells_what_became_of_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = build_file_tree(tmp_path / "r", files())
    code, out, _ = run(
        runner, "render", "besluitenlijst", "--tot", "2025-10-01", "-f", "html",
        "--data", str(root),
    )  # fmt: skip
    assert code == 0
    assert "<td>genomen<br>gewijzigd door ot-kvdj-2025-11-25-b1 (25 november 2025)</td>" in out
    assert "<td>aangehouden<br>vervolgd door ot-kvdj-2025-11-25-b1 (25 november 2025)</td>" in out
    assert "De werkagenda wordt aangepast" not in out
