"""samennw diff: what changed in the records, read from real git repositories."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import samennw.cli.diff  # noqa: F401  (registers diff / verschil)
from samennw.ops.diff import (
    GROUPS,
    NO_CHANGES,
    DiffError,
    DiffReport,
    Entry,
    FieldChange,
    Side,
    as_json,
    as_markdown,
    as_text,
    diff_revisions,
)
from tests.conftest import ACTION, MEETING, build_file_tree, git, run, small_repo_files

OPEN = "data/acties/open/KVDJ-001.md"
MEETING_FILE = "data/meetings/2025/ot-kvdj-2025-11-25.md"

SECOND_ACTION = ACTION.replace("KVDJ-001", "KVDJ-002").replace(
    "Presentatie 4 actielijnen Jonge Kind", "Flyer maken"
)
DECISIONS = """\
besluiten:
  - id: ot-kvdj-2025-11-25-b1
    tekst: Het OT stemt in met de aanpak.
  - id: ot-kvdj-2025-11-25-b2
    tekst: De flyer gaat naar alle scholen.
"""


def commit(repo: Path, message: str = "wijziging") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The small repository with a second action and two decisions, committed on main."""
    files = small_repo_files()
    files["data/acties/open/KVDJ-002.md"] = SECOND_ACTION
    files[MEETING_FILE] = MEETING.replace(
        "notulen_status: concept\n", "notulen_status: concept\n" + DECISIONS
    )
    root = build_file_tree(tmp_path / "repo", files)
    git(root, "init", "-q", "-b", "main")
    commit(root, "begin")
    return root


def ids(report: DiffReport, kind: str, change: str) -> list[str]:
    return [e.id for e in report.groups[kind].get(change, [])]


def only(report: DiffReport, kind: str, change: str) -> Entry:
    entries = report.groups[kind].get(change, [])
    assert len(entries) == 1, entries
    return entries[0]


def changed_fields(entry: Entry) -> dict[str, tuple[object, object]]:
    return {c.field: (c.old, c.new) for c in entry.changes}


# --- actions ---------------------------------------------------------------------------------


def test_closing_is_one_action_closed_across_the_move(runner: CliRunner, repo: Path) -> None:
    code, _, err = run(
        runner,
        "close",
        "KVDJ-001",
        "--datum",
        "2025-12-01",
        "--toelichting",
        "Gepresenteerd in het OT",
        "--data",
        str(repo),
    )
    assert code == 0, err
    commit(repo)
    changed = git(repo, "diff-tree", "-r", "--name-status", "-M", "HEAD~1", "HEAD")
    assert changed.startswith("R")  # git saw a rename: still one action, not removed + added

    report = diff_revisions(repo, "HEAD~1", "HEAD")
    closed = only(report, "acties", "afgerond")
    assert (closed.id, closed.title) == ("KVDJ-001", "Presentatie 4 actielijnen Jonge Kind")
    assert closed.file == "data/acties/afgerond/KVDJ-001.md"
    assert ("afgerond_op", "2025-12-01") in closed.facts
    assert [c.new["tekst"] for c in closed.changes if c.field == "update"] == [
        "Gepresenteerd in het OT"
    ]
    assert report.count() == 1  # not also added, removed or "anders gewijzigd"
    text = as_text(report)
    assert "Acties afgerond (1)\n  KVDJ-001  Presentatie 4 actielijnen Jonge Kind — " in text
    assert "afgerond_op: 2025-12-01" in text


def test_a_move_git_does_not_see_as_rename_is_still_a_closing(repo: Path) -> None:
    text = (repo / OPEN).read_text(encoding="utf-8")
    (repo / OPEN).unlink()
    closed = text.replace("status: open", "status: afgerond\nafgerond_op: 2025-12-01")
    closed = closed.replace("Toelichting.", "Heel andere tekst.\n" * 8)
    build_file_tree(repo, {"data/acties/afgerond/KVDJ-001.md": closed})
    commit(repo)
    changed = git(repo, "diff-tree", "-r", "--name-status", "-M", "HEAD~1", "HEAD")
    assert sorted(line[0] for line in changed.splitlines()) == ["A", "D"]  # no rename
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    assert ids(report, "acties", "afgerond") == ["KVDJ-001"]
    assert ids(report, "acties", "toegevoegd") == ids(report, "acties", "verwijderd") == []
    rest = only(report, "acties", "gewijzigd")
    assert rest.changes[0].field == "toelichting" and rest.changes[0].lines == (8, 1)


def test_reopening(runner: CliRunner, repo: Path) -> None:
    assert run(runner, "close", "KVDJ-002", "--datum", "2025-12-01", "--data", str(repo))[0] == 0
    commit(repo)
    assert run(runner, "heropen", "KVDJ-002", "--data", str(repo))[0] == 0
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    assert ids(report, "acties", "heropend") == ["KVDJ-002"]
    assert report.count() == 1
    assert "Acties heropend (1)\n  KVDJ-002  Flyer maken" in as_text(report)


def test_due_date_owner_and_text_each_in_their_group(repo: Path) -> None:
    edit(repo, OPEN, "wanneer: November 2025", "wanneer: Januari 2026")
    edit(
        repo, OPEN, "wie: Tjalling\nbetrokkenen: [tjalling]", "wie: Emre\nbetrokkenen: [emre-unver]"
    )
    edit(repo, "data/acties/open/KVDJ-002.md", "wat: Flyer maken", "wat: Flyer ontwerpen")
    edit(repo, "data/acties/open/KVDJ-002.md", "werkgroep: ot-kvdj-wg1\n", "")
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    due = only(report, "acties", "termijn")
    assert due.id == "KVDJ-001"
    assert changed_fields(due) == {"wanneer": ("November 2025", "Januari 2026")}
    owner = only(report, "acties", "eigenaar")
    assert changed_fields(owner) == {
        "wie": ("Tjalling", "Emre"),
        "betrokkenen": (["tjalling"], ["emre-unver"]),
    }
    text = only(report, "acties", "tekst")
    assert (text.id, text.title) == ("KVDJ-002", "Flyer ontwerpen")
    assert changed_fields(text) == {"wat": ("Flyer maken", "Flyer ontwerpen")}
    other = only(report, "acties", "gewijzigd")
    assert changed_fields(other) == {"werkgroep": ("ot-kvdj-wg1", None)}
    shown = as_text(report)
    assert "Acties met een andere termijn (1)" in shown
    assert "wanneer: November 2025 → Januari 2026" in shown
    assert "Acties met een andere eigenaar (1)" in shown and "wie: Tjalling → Emre" in shown
    assert "Acties met een andere tekst (1)" in shown
    assert "werkgroep: ot-kvdj-wg1 → (leeg)" in shown


def test_added_and_removed_actions(runner: CliRunner, repo: Path) -> None:
    code, _, err = run(
        runner,
        "add-action",
        "ot-kvdj",
        "--wat",
        "Uitnodiging versturen",
        "--wie",
        "Tjalling",
        "--wanneer",
        "Okt 2026",
        "--data",
        str(repo),
    )
    assert code == 0, err
    (repo / "data/acties/open/KVDJ-002.md").unlink()
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    added = only(report, "acties", "toegevoegd")
    assert (added.id, added.title) == ("KVDJ-003", "Uitnodiging versturen")
    assert dict(added.facts) == {
        "team": "ot-kvdj",
        "wie": "Tjalling",
        "wanneer": "Okt 2026",
        "status": "open",
    }
    removed = only(report, "acties", "verwijderd")
    assert (removed.id, removed.title) == ("KVDJ-002", "Flyer maken")


def test_a_new_update_is_named(runner: CliRunner, repo: Path) -> None:
    code, _, err = run(
        runner,
        "update",
        "KVDJ-002",
        "--tekst",
        "Drukker gebeld",
        "--datum",
        "2025-12-02",
        "--data",
        str(repo),
    )
    assert code == 0, err
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    entry = only(report, "acties", "gewijzigd")
    assert entry.changes == (
        FieldChange("update", None, {"datum": "2025-12-02", "tekst": "Drukker gebeld"}),
    )
    assert "update 2025-12-02: Drukker gebeld" in as_text(report)


def test_a_key_written_with_its_default_is_no_change(repo: Path) -> None:
    edit(repo, OPEN, "status: open\n", "status: open\nherkomst: null\nupdates: []\n")
    edit(repo, "data/acties/open/KVDJ-002.md", "wie: Tjalling", 'wie: "Tjalling"')
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    assert report.empty
    assert as_text(report).endswith(f"\n{NO_CHANGES}\n")
    assert as_markdown(report) == NO_CHANGES + "\n"


# --- decisions and meetings -------------------------------------------------------------------


def test_decisions_added_changed_withdrawn_removed(repo: Path) -> None:
    edit(
        repo,
        MEETING_FILE,
        "tekst: Het OT stemt in met de aanpak.",
        "tekst: Het OT stemt in met de aanpak.\n    uitslag: ingetrokken",
    )
    edit(
        repo,
        MEETING_FILE,
        "De flyer gaat naar alle scholen.",
        "De flyer gaat naar alle basisscholen.\n    agendapunt: 1",
    )
    edit(
        repo,
        MEETING_FILE,
        "besluiten:\n",
        "besluiten:\n  - id: ot-kvdj-2025-11-25-b3\n    tekst: Nieuw besluit.\n",
    )
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    added = only(report, "besluiten", "toegevoegd")
    assert (added.id, added.title) == ("ot-kvdj-2025-11-25-b3", "Nieuw besluit.")
    assert dict(added.facts) == {"vergadering": "ot-kvdj-2025-11-25"}
    withdrawn = only(report, "besluiten", "ingetrokken")
    assert withdrawn.id == "ot-kvdj-2025-11-25-b1"
    changed = only(report, "besluiten", "gewijzigd")
    assert changed.id == "ot-kvdj-2025-11-25-b2"
    assert changed_fields(changed) == {
        "tekst": ("De flyer gaat naar alle scholen.", "De flyer gaat naar alle basisscholen."),
        "agendapunt": (None, 1),
    }
    assert ids(report, "vergaderingen", "gewijzigd") == []  # its decisions are reported above

    edit(repo, MEETING_FILE, "  - id: ot-kvdj-2025-11-25-b3\n    tekst: Nieuw besluit.\n", "")
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    assert ids(report, "besluiten", "verwijderd") == ["ot-kvdj-2025-11-25-b3"]
    assert "Besluiten verwijderd (1)\n  ot-kvdj-2025-11-25-b3  Nieuw besluit." in as_text(report)


def test_an_outcome_changed_from_its_default_shows_both(repo: Path) -> None:
    edit(
        repo,
        MEETING_FILE,
        "De flyer gaat naar alle scholen.",
        "De flyer gaat naar alle scholen.\n    uitslag: aangehouden",
    )
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    changed = only(report, "besluiten", "gewijzigd")
    assert changed_fields(changed) == {"uitslag": ("genomen", "aangehouden")}
    assert "uitslag: genomen → aangehouden" in as_text(report)


def test_meetings_added_approved_changed_removed(runner: CliRunner, repo: Path) -> None:
    code, _, err = run(
        runner, "new-meeting", "ot-kvdj", "--datum", "2026-01-15", "--data", str(repo)
    )
    assert code == 0, err
    edit(
        repo,
        MEETING_FILE,
        "notulen_status: concept",
        "notulen_status: vastgesteld\nvastgesteld_op: 2026-01-15\n"
        "vastgesteld_in: ot-kvdj-2026-01-15",
    )
    edit(repo, MEETING_FILE, "## 1. Opening\n", "## 1. Opening\n\nDe voorzitter opent.\n")
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    added = only(report, "vergaderingen", "toegevoegd")
    assert added.id == "ot-kvdj-2026-01-15"
    assert ("datum", "2026-01-15") in added.facts
    approved = only(report, "vergaderingen", "vastgesteld")
    assert approved.id == "ot-kvdj-2025-11-25"
    assert dict(approved.facts) == {
        "vastgesteld_op": "2026-01-15",
        "vastgesteld_in": "ot-kvdj-2026-01-15",
    }
    minutes = only(report, "vergaderingen", "gewijzigd")
    assert [(c.field, c.lines) for c in minutes.changes] == [("notulen", (2, 0))]
    shown = as_text(report)
    assert "Notulen vastgesteld (1)\n  ot-kvdj-2025-11-25  ot-kvdj-2025-11-25 — " in shown
    assert "vastgesteld_op: 2026-01-15; vastgesteld_in: ot-kvdj-2026-01-15" in shown
    assert "  ot-kvdj-2025-11-25  ot-kvdj-2025-11-25 — notulen: 2 regel(s) erbij, 0 eraf" in shown

    (repo / "data/meetings/2026/ot-kvdj-2026-01-15.md").unlink()
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    assert ids(report, "vergaderingen", "verwijderd") == ["ot-kvdj-2026-01-15"]


# --- partners, action lines, important dates ------------------------------------------------


def test_people_organisations_and_teams(repo: Path) -> None:
    edit(
        repo,
        "data/partners.yaml",
        "personen:\n",
        "  - id: hva\n    naam: Hogeschool van Amsterdam\npersonen:\n"
        "  - id: sofie\n    naam: Sofie de Vries\n    aliassen: [Sofie]\n",
    )
    edit(
        repo,
        "data/partners.yaml",
        "leden: [tjalling, emre-unver]",
        "leden: [tjalling, emre-unver, sofie]",
    )
    edit(repo, "data/partners.yaml", "    rollen: [Burgemeester]\n    openbaar: true\n", "")
    edit(repo, "data/partners.yaml", "  - id: femke-halsema\n    naam: Femke Halsema\n", "")
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    person = only(report, "personen", "toegevoegd")
    assert (person.id, person.title) == ("sofie", "Sofie de Vries")
    assert ids(report, "personen", "verwijderd") == ["femke-halsema"]
    assert ids(report, "organisaties", "toegevoegd") == ["hva"]
    team = only(report, "teams", "gewijzigd")
    assert changed_fields(team) == {
        "leden": (["tjalling", "emre-unver"], ["tjalling", "emre-unver", "sofie"])
    }
    shown = as_text(report)
    assert "Personen toegevoegd (1)\n  sofie  Sofie de Vries" in shown
    assert "  ot-kvdj  Opgaveteam Kansen voor de Jeugd — leden: erbij sofie" in shown


def test_a_membership_with_role_and_period_is_shown_with_them(repo: Path) -> None:
    edit(
        repo,
        "data/partners.yaml",
        "leden: [tjalling, emre-unver]",
        "leden:\n      - tjalling\n      - persoon: emre-unver\n        rol: trekker\n"
        "        van: 2025-01-01\n        tot: 2025-06-30",
    )
    commit(repo)
    shown = as_text(diff_revisions(repo, "HEAD~1", "HEAD"))
    assert (
        "leden: erbij emre-unver (trekker, 1 januari 2025 t/m 30 juni 2025); eraf emre-unver"
    ) in shown


def test_an_email_address_is_said_to_change_but_never_shown(repo: Path, runner: CliRunner) -> None:
    person = "  - id: tjalling\n    naam: Tjalling\n"
    edit(repo, "data/partners.yaml", person, person + "    email: t.oud@example.org\n")
    edit(repo, "data/partners.yaml", "  - id: emre-unver\n", "  - id: emre-unver\n"
         "    email: emre@example.org\n")  # fmt: skip
    commit(repo)
    edit(repo, "data/partners.yaml", "t.oud@example.org", "t.nieuw@example.org")
    edit(repo, "data/partners.yaml", "    email: emre@example.org\n", "")
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    changed = {e.id: changed_fields(e) for e in report.groups["personen"]["gewijzigd"]}
    assert changed == {
        "tjalling": {"email": ("(verborgen)", "(verborgen, nieuw)")},
        "emre-unver": {"email": ("(verborgen)", None)},
    }
    for fmt in ("text", "markdown", "json"):
        code, out, err = run(runner, "diff", "HEAD~2", "HEAD", "--format", fmt, "--data", str(repo))
        assert code == 0, err
        assert "@" not in out and "example.org" not in out
        assert "verborgen" in out


def test_action_lines_and_important_dates(repo: Path) -> None:
    build_file_tree(
        repo,
        {
            "data/actielijnen/loopbaanroute.md": "---\nid: loopbaanroute\ntitel: Loopbaanroute\n"
            "domein: kvdj\nstatus: idee\n---\nBeschrijving.\n",
            "data/belangrijke-data.yaml": "- datum: 2026-02-12\n  wat: VMBO On Stage\n",
        },
    )
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    assert only(report, "actielijnen", "toegevoegd").title == "Loopbaanroute"
    day = only(report, "belangrijke_data", "toegevoegd")
    assert day.title == "12 februari 2026: VMBO On Stage"


# --- what is read ---------------------------------------------------------------------------


def test_a_file_that_cannot_be_read_is_named_not_compared(repo: Path) -> None:
    broken = "<<<<<<< HEAD\n" + ACTION + "=======\n" + ACTION + ">>>>>>> andere-tak\n"
    (repo / OPEN).write_text(broken, encoding="utf-8")
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    assert report.count() == 0 and not report.empty  # not "removed": it cannot be read
    [(where, message)] = report.unreadable
    assert where.startswith("data/acties/open/KVDJ-001.md:1")
    assert message.startswith("git-conflictmarkering")
    assert "Niet te lezen (1)\n  data/acties/open/KVDJ-001.md:1" in as_text(report)


def test_only_changed_files_are_read(repo: Path) -> None:
    # an unchanged broken file at both revisions is never read, so never reported
    (repo / "data/acties/open/KVDJ-009.md").write_text("kapot\n", encoding="utf-8")
    commit(repo)
    edit(repo, OPEN, "wanneer: November 2025", "wanneer: December 2025")
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    assert report.unreadable == []
    assert ids(report, "acties", "termijn") == ["KVDJ-001"]


def test_the_data_repository_may_be_a_folder_of_the_git_repository(tmp_path: Path) -> None:
    top = tmp_path / "top"
    build_file_tree(top / "secretariaat", small_repo_files())
    git(top, "init", "-q", "-b", "main")
    commit(top)
    edit(top / "secretariaat", OPEN, "wanneer: November 2025", "wanneer: Maart 2026")
    report = diff_revisions(top / "secretariaat", "HEAD")
    due = only(report, "acties", "termijn")
    assert due.file == "data/acties/open/KVDJ-001.md"


# --- revisions and the working tree --------------------------------------------------------


def test_default_is_the_merge_base_with_main_against_the_working_tree(
    runner: CliRunner, repo: Path
) -> None:
    fork = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "notulen-januari")
    edit(repo, OPEN, "wanneer: November 2025", "wanneer: Februari 2026")
    commit(repo, "op de tak")
    git(repo, "checkout", "-q", "main")  # main moves on: its change is not the branch's
    edit(repo, "data/acties/open/KVDJ-002.md", "wat: Flyer maken", "wat: Flyer laten maken")
    commit(repo, "op main")
    git(repo, "checkout", "-q", "notulen-januari")
    # uncommitted: a closing staged by samennw, a new untracked action file
    assert run(runner, "close", "KVDJ-002", "--datum", "2025-12-01", "--data", str(repo))[0] == 0
    build_file_tree(
        repo, {"data/acties/open/KVDJ-003.md": SECOND_ACTION.replace("KVDJ-002", "KVDJ-003")}
    )

    report = diff_revisions(repo)
    assert report.base == Side("main", fork, "main")
    assert report.head == Side("werkmap", None)
    assert ids(report, "acties", "termijn") == ["KVDJ-001"]  # committed on the branch
    assert ids(report, "acties", "afgerond") == ["KVDJ-002"]  # staged move
    assert ids(report, "acties", "toegevoegd") == ["KVDJ-003"]  # untracked
    assert ids(report, "acties", "tekst") == []  # main's own change
    assert as_text(report).startswith(
        f"Wijzigingen in de gegevens van het aftakpunt van main ({fork[:7]}) tot de werkmap:"
    )
    # one revision: that revision against the working tree
    one = diff_revisions(repo, "main")
    assert ids(one, "acties", "tekst") == ["KVDJ-002"]  # main's text, back to the old one


def test_master_then_head_when_there_is_no_main(repo: Path) -> None:
    git(repo, "branch", "-m", "main", "master")
    edit(repo, OPEN, "wanneer: November 2025", "wanneer: Juni 2026")
    report = diff_revisions(repo)
    assert report.base.branch == "master"
    assert ids(report, "acties", "termijn") == ["KVDJ-001"]
    git(repo, "branch", "-m", "master", "werk")
    report = diff_revisions(repo)
    assert report.base == Side("HEAD", git(repo, "rev-parse", "HEAD").strip())
    assert ids(report, "acties", "termijn") == ["KVDJ-001"]


def test_unknown_revision_and_no_git(tmp_path: Path, repo: Path) -> None:
    with pytest.raises(DiffError, match="onbekende git-revisie 'bestaat-niet'"):
        diff_revisions(repo, "bestaat-niet")
    with pytest.raises(DiffError, match="onbekende git-revisie 'HEAD~5'"):
        diff_revisions(repo, "HEAD", "HEAD~5")
    with pytest.raises(DiffError, match="onbekende git-revisie '--output=x'"):
        diff_revisions(repo, "--output=x")
    plain = build_file_tree(tmp_path / "los", small_repo_files())
    with pytest.raises(DiffError, match="staat niet in een git-repository"):
        diff_revisions(plain)
    git(plain, "init", "-q", "-b", "main")
    with pytest.raises(DiffError, match="nog geen commit"):
        diff_revisions(plain)


# --- output -----------------------------------------------------------------------------------


def test_markdown_is_a_pull_request_comment(runner: CliRunner, repo: Path) -> None:
    assert run(runner, "close", "KVDJ-001", "--datum", "2025-12-01", "--data", str(repo))[0] == 0
    edit(
        repo,
        "data/acties/open/KVDJ-002.md",
        "wat: Flyer maken",
        "wat: Flyer *vet* maken voor @iedereen <b>",
    )
    head = commit(repo)
    base = git(repo, "rev-parse", "HEAD~1").strip()
    md = as_markdown(diff_revisions(repo, "HEAD~1", "HEAD"))
    assert md.splitlines()[:3] == [
        "### Wijzigingen in de gegevens",
        "",
        f"2 wijziging(en) van `HEAD~1` (`{base[:7]}`) tot `HEAD` (`{head[:7]}`).",
    ]
    assert "#### Acties afgerond (1)\n\n- `KVDJ-001` Presentatie 4 actielijnen Jonge Kind" in md
    line = next(x for x in md.splitlines() if x.startswith("- `KVDJ-002`"))
    assert line.startswith(r"- `KVDJ-002` Flyer \*vet\* maken voor &#64;iedereen &lt;b&gt;")
    assert "@" not in md


def test_json_has_a_stable_shape(repo: Path) -> None:
    edit(repo, OPEN, "wanneer: November 2025", "wanneer: Januari 2026")
    commit(repo)
    data = json.loads(as_json(diff_revisions(repo, "HEAD~1", "HEAD")))
    assert data["basis"]["revisie"] == "HEAD~1" and len(data["basis"]["commit"]) == 40
    assert data["doel"]["revisie"] == "HEAD"
    assert data["aantal"] == 1
    for kind, change, _ in GROUPS:
        assert isinstance(data[kind][change], list)
    assert data["acties"]["termijn"] == [
        {
            "id": "KVDJ-001",
            "titel": "Presentatie 4 actielijnen Jonge Kind",
            "bestand": "data/acties/open/KVDJ-001.md",
            "wijzigingen": [{"veld": "wanneer", "oud": "November 2025", "nieuw": "Januari 2026"}],
        }
    ]
    assert data["onleesbaar"] == []
    empty = json.loads(as_json(diff_revisions(repo, "HEAD", "HEAD")))
    assert empty["aantal"] == 0 and empty["acties"]["toegevoegd"] == []


_SIDE = Side("HEAD~1", "a" * 40)


@given(st.text(min_size=1, max_size=300), st.text(max_size=100))
def test_a_markdown_item_is_one_line_with_no_markup_from_the_data(title: str, old: str) -> None:
    report = DiffReport(_SIDE, Side("HEAD", "b" * 40))
    report.add(
        "acties", "tekst", Entry("KVDJ-001", title, "f", (), (FieldChange("wat", old, title),))
    )
    md = as_markdown(report)
    items = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(items) == 1 and items[0].startswith("- `KVDJ-001` ")
    body = items[0].removeprefix("- `KVDJ-001` ")
    assert "@" not in body and "<" not in body and "\n" not in body
    assert not re.search(r"(?<!\\)[*_`]", body)  # emphasis and code characters escaped


def test_attendance_shows_who_came_and_went(repo: Path) -> None:
    edit(
        repo,
        MEETING_FILE,
        "aanwezig: [tjalling]",
        "aanwezig:\n  - persoon: emre-unver\n    noot: vervanger Femke",
    )
    commit(repo)
    report = diff_revisions(repo, "HEAD~1", "HEAD")
    changed = only(report, "vergaderingen", "gewijzigd")
    assert changed_fields(changed) == {
        "aanwezig": (
            [{"persoon": "tjalling"}],
            [{"persoon": "emre-unver", "noot": "vervanger Femke"}],
        )
    }
    assert "aanwezig: erbij emre-unver (vervanger Femke); eraf tjalling" in as_text(report)
