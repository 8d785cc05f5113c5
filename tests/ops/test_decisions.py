"""Decisions with a lifecycle (issue #12 part 3): the model's keys and validate's checks of
the links between decisions and to actions, file by file, in bulk and with a warm cache."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samennw.ops import validate as v
from samennw.storage import cachefile, parallel
from samennw.storage.repository import lazy_repository
from tests.conftest import ACTION, MEETING, PARTNERS, build_file_tree, run

TODAY = date(2025, 12, 1)
EARLY = "data/meetings/2025/ot-kvdj-2025-09-25.md"
LATE = "data/meetings/2025/ot-kvdj-2025-11-25.md"


def meeting(day: str, decisions: str) -> str:
    """The test meeting on ``day`` (2025-MM-DD) with ``decisions`` as its besluiten."""
    text = MEETING.replace("2025-11-25", day)
    return text.replace("---\n## 1.", f"besluiten:\n{decisions}---\n## 1.")


EARLY_DECISIONS = """\
  - id: ot-kvdj-2025-09-25-b1
    tekst: Het OT stelt de werkagenda vast.
  - id: ot-kvdj-2025-09-25-b2
    tekst: Vrijgave van het budget.
    uitslag: aangehouden
"""

LATE_DECISIONS = """\
  - id: ot-kvdj-2025-11-25-b1
    tekst: De werkagenda wordt aangepast.
    uitslag: genomen
    besluitvorming: stemming
    stemmen: {voor: 5, tegen: 1, onthouding: 0}
    wijzigt: ot-kvdj-2025-09-25-b1
    vervolg_op: [ot-kvdj-2025-09-25-b2]
    acties: [KVDJ-001]
"""


# With ``approved`` (the validate tests here) the late meeting approves the early one's
# minutes, as 'samennw vaststellen' writes it, else validate rightly warns that the early
# minutes are still concept; other test modules render and show files() without it. The
# approving decision is numbered b9, leaving b2 to the tests that add a decision of their own.
APPROVED = (
    "notulen_status: vastgesteld\nvastgesteld_op: 2025-11-25\nvastgesteld_in: ot-kvdj-2025-11-25\n"
)
APPROVAL = """\
  - id: ot-kvdj-2025-11-25-b9
    tekst: De notulen van de vergadering van 25 september 2025 zijn vastgesteld.
    stelt_vast: ot-kvdj-2025-09-25
"""


def files(
    late: str = LATE_DECISIONS, early: str = EARLY_DECISIONS, *, approved: bool = False
) -> dict[str, str | bytes]:
    early_meeting = meeting("2025-09-25", early)
    if approved:
        early_meeting = early_meeting.replace("notulen_status: concept\n", APPROVED)
        late += APPROVAL
    return {
        "data/partners.yaml": PARTNERS,
        EARLY: early_meeting,
        LATE: meeting("2025-11-25", late),
        "data/acties/open/KVDJ-001.md": ACTION,
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_file_tree(tmp_path / "repo", files(approved=True))


def problems(root: Path, jobs: int = 1) -> list[str]:
    report = v.validate(lazy_repository(root), jobs=jobs, today=TODAY)
    return [str(p) for p in report.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the model -----------------------------------------------------------------------


def test_the_embedded_data_validates_as_it_is(runner: CliRunner) -> None:
    """Files without the new keys stay valid: no migration."""
    code, out, err = run(runner, "validate")
    assert code == 0, out + err
    assert "fout" not in out


def test_a_decision_with_every_lifecycle_key_validates(repo: Path) -> None:
    assert problems(repo) == []
    assert problems(repo, jobs=2) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    uitslag: verworpen\n", "uitslag"),
        ("    besluitvorming: handopsteken\n", "besluitvorming"),
        (
            "    stemmen: {voor: 3, tegen: 1}\n",
            "stemmen horen alleen bij 'besluitvorming: stemming' (besluitvorming is niet "
            "opgegeven)",
        ),
        (
            "    besluitvorming: unaniem\n    stemmen: {voor: 3}\n",
            "stemmen horen alleen bij 'besluitvorming: stemming' (besluitvorming is 'unaniem')",
        ),
        (
            "    besluitvorming: stemming\n    stemmen: {voor: -2}\n",
            "'-2' is negatief",
        ),
        (
            "    besluitvorming: stemming\n    stemmen: {voor: drie}\n",
            "'drie' is geen geheel getal",
        ),
        ("    besluitvorming: stemming\n    stemmen: {voor: 1, tegens: 2}\n", "tegens"),
        ("    acties: kvdj-1\n", "acties"),
    ],
)
def test_wrong_lifecycle_keys_are_refused_at_their_line(
    tmp_path: Path, extra: str, message: str
) -> None:
    decision = "  - id: ot-kvdj-2025-09-25-b1\n    tekst: Besluit.\n" + extra
    root = build_file_tree(tmp_path / "r", files(late="  []\n", early=decision))
    edit(root / LATE, "besluiten:\n  []\n", "")
    found = problems(root)
    assert len(found) == 1, found
    assert found[0].startswith(f"{EARLY}:1") and message in found[0], found
    # the line of the key (the meeting's front matter: 'besluiten' starts at line 10)
    assert int(found[0].split(":")[1]) >= 10


# --- links ---------------------------------------------------------------------------


def test_a_link_to_an_unknown_decision_is_named_with_a_suggestion(repo: Path) -> None:
    edit(repo / LATE, "wijzigt: ot-kvdj-2025-09-25-b1", "wijzigt: ot-kvdj-2025-09-25-b9")
    expected = (
        f"{LATE}:15:5: fout: 'wijzigt': onbekend besluit 'ot-kvdj-2025-09-25-b9'; "
        "bedoelde u 'ot-kvdj-2025-09-25-b2' of 'ot-kvdj-2025-09-25-b1'?"
    )
    assert problems(repo) == [expected]
    assert problems(repo, jobs=2) == [expected]


def test_a_link_to_an_id_of_another_form_is_looked_up_in_every_meeting(
    tmp_path: Path,
) -> None:
    early = EARLY_DECISIONS.replace("ot-kvdj-2025-09-25-b1", "werkagenda-2025")
    late = LATE_DECISIONS.replace("wijzigt: ot-kvdj-2025-09-25-b1", "wijzigt: werkagenda-2025")
    root = build_file_tree(tmp_path / "r", files(late=late, early=early, approved=True))
    assert problems(root) == []
    edit(root / LATE, "wijzigt: werkagenda-2025", "wijzigt: werkagenda-2024")
    assert problems(root) == [
        f"{LATE}:15:5: fout: 'wijzigt': onbekend besluit 'werkagenda-2024'; "
        "bedoelde u 'werkagenda-2025'?"
    ]


def test_a_link_to_a_later_decision_is_refused_and_a_cycle_named(tmp_path: Path) -> None:
    early = EARLY_DECISIONS.replace(
        "    uitslag: aangehouden\n",
        "    uitslag: aangehouden\n    vervangt: ot-kvdj-2025-11-25-b1\n",
    )
    root = build_file_tree(tmp_path / "r", files(early=early, approved=True))
    found = problems(root)
    assert found == [
        f"{EARLY}:17:5: fout: 'vervangt: ot-kvdj-2025-11-25-b1' is een besluit van "
        "25 november 2025 (ot-kvdj-2025-11-25), later dan deze vergadering "
        "(25 september 2025); een besluit kan alleen naar een besluit van een eerdere "
        "vergadering verwijzen (kringverwijzing: ot-kvdj-2025-09-25-b2 → "
        "ot-kvdj-2025-11-25-b1 → ot-kvdj-2025-09-25-b2)"
    ]
    assert problems(root, jobs=2) == found


def test_a_link_to_a_meeting_of_the_same_day_is_refused(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path / "r", files(approved=True))
    # a werkgroep meeting earlier on the same day
    (root / "data/meetings/2025/ot-kvdj-wg1-2025-11-25.md").write_text(
        meeting("2025-11-25", "  - id: ot-kvdj-wg1-2025-11-25-b1\n    tekst: Eerder op de dag.\n")
        .replace("id: ot-kvdj-2025-11-25", "id: ot-kvdj-wg1-2025-11-25")
        .replace("team: ot-kvdj", "team: ot-kvdj-wg1"),
        encoding="utf-8",
    )
    edit(root / LATE, "acties: [KVDJ-001]", "vervangt: ot-kvdj-wg1-2025-11-25-b1")
    assert problems(root) == [
        f"{LATE}:17:5: fout: 'vervangt: ot-kvdj-wg1-2025-11-25-b1' is een besluit van "
        "25 november 2025 (ot-kvdj-wg1-2025-11-25), dezelfde dag dan deze vergadering "
        "(25 november 2025); een besluit kan alleen naar een besluit van een eerdere "
        "vergadering verwijzen"
    ]


def test_a_link_inside_one_meeting_and_to_itself_is_refused(tmp_path: Path) -> None:
    late = LATE_DECISIONS + (
        "  - id: ot-kvdj-2025-11-25-b2\n    tekst: Tweede.\n"
        "    vervangt: [ot-kvdj-2025-11-25-b1, ot-kvdj-2025-11-25-b2]\n"
    )
    root = build_file_tree(tmp_path / "r", files(late=late, approved=True))
    assert problems(root) == [
        f"{LATE}:20:16: fout: 'vervangt: ot-kvdj-2025-11-25-b1' is een besluit van dezelfde "
        "vergadering (ot-kvdj-2025-11-25); een besluit kan alleen naar een besluit van een "
        "eerdere vergadering verwijzen",
        f"{LATE}:20:39: fout: 'vervangt' verwijst naar het besluit zelf ('ot-kvdj-2025-11-25-b2')",
    ]


def test_an_unknown_action_is_named(repo: Path) -> None:
    edit(repo / LATE, "acties: [KVDJ-001]", "acties: [KVDJ-001, KVDJ-010]")
    assert problems(repo) == [
        f"{LATE}:17:24: fout: onbekende actie 'KVDJ-010'; bedoelde u 'KVDJ-001'?"
    ]


def test_withdrawn_and_replaced_decisions_keep_validating(tmp_path: Path) -> None:
    early = EARLY_DECISIONS.replace("uitslag: aangehouden", "uitslag: ingetrokken")
    late = LATE_DECISIONS.replace("wijzigt:", "vervangt:")
    root = build_file_tree(tmp_path / "r", files(late=late, early=early, approved=True))
    assert problems(root) == []


def test_a_broken_target_meeting_is_reported_once(repo: Path) -> None:
    edit(repo / EARLY, "datum: 2025-09-25", "datum: 2025-09-31")
    found = problems(repo)
    assert len(found) == 1 and found[0].startswith(f"{EARLY}:4"), found


# --- the verdict cache ----------------------------------------------------------------


@pytest.fixture
def warm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Trust every cache entry at once, in one process; gives the files validate reads."""
    monkeypatch.setattr(cachefile, "RACY_NS", -(10**18))
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    seen: list[str] = []
    real = v.load_quick

    def load_quick(path: Path, model: type, shown: str, *args: object, **kw: object) -> object:
        seen.append(shown)
        return real(path, model, shown, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(v, "load_quick", load_quick)
    return seen


def test_a_warm_validate_judges_a_link_again_when_its_target_changes(
    repo: Path, warm: list[str]
) -> None:
    assert problems(repo, jobs=2) == []
    warm.clear()
    assert problems(repo, jobs=2) == [] and warm == []  # nothing read again
    # the target decision goes: only the early meeting changed, the late one is judged
    # again from its facts (and not read)
    edit(repo / EARLY, "ot-kvdj-2025-09-25-b1", "ot-kvdj-2025-09-25-b3")
    warm.clear()
    found = problems(repo, jobs=2)
    assert warm == [EARLY]
    assert (
        found
        == problems(repo)
        == [
            f"{LATE}:15:5: fout: 'wijzigt': onbekend besluit 'ot-kvdj-2025-09-25-b1'; "
            "bedoelde u 'ot-kvdj-2025-09-25-b3' of 'ot-kvdj-2025-09-25-b2'?"
        ]
    )
    edit(repo / EARLY, "ot-kvdj-2025-09-25-b3", "ot-kvdj-2025-09-25-b1")
    assert problems(repo, jobs=2) == []


def test_a_warm_validate_sees_an_action_of_a_decision_go(repo: Path, warm: list[str]) -> None:
    assert problems(repo, jobs=2) == []
    (repo / "data/acties/open/KVDJ-001.md").rename(repo / "data/acties/open/KVDJ-002.md")
    edit(repo / "data/acties/open/KVDJ-002.md", "id: KVDJ-001", "id: KVDJ-002")
    found = problems(repo, jobs=2)
    assert found == problems(repo)
    assert f"{LATE}:17:14: fout: onbekende actie 'KVDJ-001'; bedoelde u 'KVDJ-002'?" in found
