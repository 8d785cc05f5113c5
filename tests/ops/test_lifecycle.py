"""Action lifecycle and meetings through the CLI, on temporary git repositories."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import (
    ACTION,
    build_file_tree,
    git,
    make_git_repo,
    run,
    small_repo_files,
    snapshot,
)

TEAM_ACTION = (
    ACTION.replace("KVDJ-001", "KVDJ-002")
    .replace("wat: Presentatie 4 actielijnen Jonge Kind", "wat: Hulpvraag vanuit GertJan")
    .replace("wie: Tjalling", "wie: Alle aanwezigen")
    .replace("[tjalling]", "[ot-kvdj]")
    .replace("werkgroep: ot-kvdj-wg1\n", "")
    .replace("November 2025", "Loopt")
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    files = small_repo_files()
    files["data/acties/open/KVDJ-002.md"] = TEAM_ACTION
    root = build_file_tree(tmp_path / "repo", files)
    return make_git_repo(root)


def cli(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, *args, "--data", str(repo))


# --- open-actions ---------------------------------------------------------------------


def test_open_actions_owner_includes_team_actions(runner: CliRunner, repo: Path) -> None:
    code, out, err = cli(runner, repo, "open-actions", "--owner", "Tjalling", "--op", "2025-11-26")
    assert code == 0, err
    assert "KVDJ-001" in out and "KVDJ-002" in out
    assert "[team: Opgaveteam Kansen voor de Jeugd]" in out
    assert "2 open actie(s), waarvan 0 verlopen" in err


def test_personal_only(runner: CliRunner, repo: Path) -> None:
    code, out, _ = cli(runner, repo, "open-actions", "--owner", "tjalling", "--persoonlijk")
    assert code == 0
    assert "KVDJ-001" in out and "KVDJ-002" not in out


def test_accent_insensitive_owner(runner: CliRunner, repo: Path) -> None:
    code, out, _ = cli(runner, repo, "open-actions", "--owner", "unver", "--format", "json")
    assert code == 0
    ids = [a["id"] for a in json.loads(out)["acties"]]
    assert ids == ["KVDJ-002"]  # Emre Ünver is in the team, not named personally


def test_role_as_owner(runner: CliRunner, repo: Path) -> None:
    code, out, _ = cli(runner, repo, "open-actions", "--owner", "burgemeester", "--format", "json")
    assert code == 0
    assert json.loads(out)["acties"] == []


def test_unknown_owner(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(runner, repo, "open-actions", "--owner", "Tjallling")
    assert code == 1
    assert "onbekende persoon 'Tjallling'; bedoelde u 'Tjalling'?" in err


def test_overdue_and_reference_date(runner: CliRunner, repo: Path) -> None:
    code, out, _ = cli(
        runner, repo, "open-actions", "--achterstallig", "--op", "2025-12-01", "--format", "json"
    )
    assert code == 0
    rows = json.loads(out)["acties"]
    assert [r["id"] for r in rows] == ["KVDJ-001"]
    assert rows[0]["verlopen"] is True and rows[0]["vervalt"] == "2025-11-30"
    code, out, _ = cli(
        runner, repo, "open-actions", "--achterstallig", "--op", "2025-11-30", "--format", "json"
    )
    assert json.loads(out)["acties"] == []


def test_filters(runner: CliRunner, repo: Path) -> None:
    code, out, _ = cli(
        runner, repo, "open-actions", "--werkgroep", "ot-kvdj-wg1", "--format", "csv"
    )
    assert code == 0
    assert out.startswith("\ufeff")  # so Excel reads UTF-8
    lines = out.removeprefix("\ufeff").strip().splitlines()
    assert lines[0].startswith("ID;Team;Wat;Wie;Wanneer;Toelichting")  # Dutch Excel: ';'
    assert len(lines) == 2 and lines[1].startswith("KVDJ-001;")
    code, out, _ = cli(runner, repo, "open-actions", "--domein", "kvdj", "--format", "markdown")
    assert code == 0 and out.count("| KVDJ-") == 2
    code, _, err = cli(runner, repo, "open-actions", "--team", "OT KvjD")
    assert code == 1 and "onbekend team" in err


# --- close / heropen ------------------------------------------------------------------


def test_close_is_a_git_rename_with_a_small_diff(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--datum", "2025-12-02")
    assert code == 0, err
    assert not (repo / "data/acties/open/KVDJ-001.md").exists()
    status = git(repo, "status", "--porcelain")
    assert "R  data/acties/open/KVDJ-001.md -> data/acties/afgerond/KVDJ-001.md" in status
    diff = git(repo, "diff", "--cached", "-M", "--unified=0")
    changed = [
        ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))
    ]
    assert changed == ["-status: open", "+status: afgerond", "+afgerond_op: 2025-12-02"]
    code, out, _ = cli(runner, repo, "validate")
    assert code == 0
    code, out, _ = cli(runner, repo, "open-actions", "--format", "json")
    assert "KVDJ-001" not in out


def test_heropen_restores_identical_content(runner: CliRunner, repo: Path) -> None:
    before = snapshot(repo)
    assert cli(runner, repo, "afronden", "KVDJ-001", "--datum", "2025-12-02")[0] == 0
    code, _, err = cli(runner, repo, "heropen", "KVDJ-001")
    assert code == 0, err
    assert snapshot(repo) == before


def test_close_with_note_and_meeting_commit(runner: CliRunner, repo: Path) -> None:
    (repo / "unrelated.txt").write_text("staged but not mine\n")
    git(repo, "add", "unrelated.txt")
    code, _, err = cli(
        runner,
        repo,
        "close",
        "KVDJ-001",
        "--datum",
        "2025-12-02",
        "--toelichting",
        "Presentatie gegeven",
        "--vergadering",
        "ot-kvdj-2025-11-25",
        "--commit",
    )
    assert code == 0, err
    assert git(repo, "log", "-1", "--format=%s").strip() == "Actie KVDJ-001 afgerond"
    names = git(repo, "show", "--name-status", "--format=", "HEAD")
    assert "unrelated.txt" not in names
    assert "A\tunrelated.txt" in git(repo, "status", "--porcelain").replace("A  ", "A\t")
    text = (repo / "data/acties/afgerond/KVDJ-001.md").read_text()
    assert "afgerond_in: ot-kvdj-2025-11-25" in text
    assert "updates:\n  - datum: 2025-12-02\n    tekst: Presentatie gegeven\n" in text
    assert text.endswith("---\nToelichting.\n")
    code, out, _ = cli(runner, repo, "log", "KVDJ-001")
    assert code == 0, _
    assert "Actie KVDJ-001 afgerond" in out and "begin" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["close", "KVDJ-999"], "onbekende actie 'KVDJ-999'"),
        (["close", "../KVDJ-001"], "geen geldige actiecode"),
        (["close", "KVDJ-001", "--datum", "31-02-2026"], "februari 2026 heeft 28 dagen"),
        (["close", "KVDJ-001", "--vergadering", "ot-kvdj-2099-01-01"], "onbekende vergadering"),
        (["heropen", "KVDJ-001"], "is niet afgerond"),
        (["close", "KVDJ-001", "--datum", "2025-01-01"], "vóór de vergadering"),
    ],
)
def test_bad_input_changes_nothing(
    runner: CliRunner, repo: Path, args: list[str], fragment: str
) -> None:
    before = snapshot(repo)
    code, _, err = cli(runner, repo, *args)
    assert code == 1
    assert fragment in err
    assert snapshot(repo) == before


def test_closing_twice(runner: CliRunner, repo: Path) -> None:
    assert cli(runner, repo, "close", "KVDJ-001")[0] == 0
    before = snapshot(repo)
    code, _, err = cli(runner, repo, "close", "KVDJ-001")
    assert code == 1 and "is al afgerond" in err
    assert snapshot(repo) == before


def test_read_only_folder(runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    closed = repo / "data/acties/afgerond"
    closed.mkdir(parents=True, exist_ok=True)
    closed.chmod(0o500)
    if _writable(closed):  # root ignores permissions: make the folder refuse writes anyway
        import errno
        import os

        real_open = os.open

        def refusing_open(path: object, flags: int, *args: object, **kw: object) -> int:
            if str(path).startswith(str(closed)) and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refusing_open)
    try:
        before = snapshot(repo)
        code, _, err = cli(runner, repo, "close", "KVDJ-001")
        assert code == 1 and "niet schrijven" in err
        assert snapshot(repo) == before
        assert not list(closed.iterdir())
    finally:
        closed.chmod(0o755)


def _writable(folder: Path) -> bool:
    try:
        (folder / ".probe").write_text("x")
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


def test_changed_on_disk_between_load_and_save(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import samennw.ops.actions as actions

    original = actions.close_action
    path = repo / "data/acties/open/KVDJ-001.md"

    def meddling(*args: object, **kwargs: object) -> object:
        changes = original(*args, **kwargs)  # type: ignore[arg-type]
        path.write_text(path.read_text() + "Aanvulling door een collega.\n")
        return changes

    monkeypatch.setattr(actions, "close_action", meddling)
    code, _, err = cli(runner, repo, "close", "KVDJ-001")
    assert code == 1 and "intussen op schijf gewijzigd" in err
    assert path.read_text().endswith("Aanvulling door een collega.\n")
    assert not (repo / "data/acties/afgerond/KVDJ-001.md").exists()


def test_two_concurrent_closes(repo: Path) -> None:
    cmd = [
        sys.executable,
        "-c",
        "from samennw.cli.app import main; main()",
        "close",
        "KVDJ-001",
        "--data",
        str(repo),
    ]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(p.wait(), p.communicate()[1]) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert "al afgerond" in loser or "andere samennw-opdracht" in loser
    assert run(CliRunner(), "validate", "--data", str(repo))[0] == 0
    assert not list((repo / "data/acties").rglob(".*.tmp"))


def test_lock_timeout_has_its_own_exit_code(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samennw.storage.locking import write_lock

    monkeypatch.setenv("SAMENNW_LOCK_TIMEOUT", "0.2")
    with write_lock(repo):
        code, _, err = cli(runner, repo, "close", "KVDJ-001")
    assert code == 3 and "andere samennw-opdracht" in err


def test_refuses_during_merge_and_detached_commit(runner: CliRunner, repo: Path) -> None:
    (repo / ".git/MERGE_HEAD").write_text(git(repo, "rev-parse", "HEAD"))
    before = snapshot(repo)
    code, _, err = cli(runner, repo, "close", "KVDJ-001")
    assert code == 4 and "midden in een merge" in err
    assert snapshot(repo) == before
    (repo / ".git/MERGE_HEAD").unlink()
    git(repo, "checkout", "-q", "--detach")
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 4 and "losgekoppeld" in err
    assert snapshot(repo) == before


def test_works_without_git(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = cli(runner, small_repo, "close", "KVDJ-001")
    assert code == 0, err
    assert (small_repo / "data/acties/afgerond/KVDJ-001.md").exists()
    code, _, err = cli(runner, small_repo, "heropen", "KVDJ-001", "--commit")
    assert code == 4 and "niet in een git-repository" in err


def test_stale_temp_files_are_cleaned(runner: CliRunner, repo: Path) -> None:
    stale = repo / "data/acties/afgerond/.KVDJ-001.md.12345.tmp"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("half")
    assert cli(runner, repo, "close", "KVDJ-001")[0] == 0
    assert not stale.exists()


# --- update / add-action ----------------------------------------------------------------


def test_update_appends_a_dated_update(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner,
        repo,
        "update",
        "KVDJ-001",
        "--tekst",
        "Gesprek: 12 dec.",
        "--datum",
        "2025-12-03",
        "--commit",
    )
    assert code == 0, err
    text = (repo / "data/acties/open/KVDJ-001.md").read_text()
    assert 'updates:\n  - datum: 2025-12-03\n    tekst: "Gesprek: 12 dec."\n---\n' in text
    assert git(repo, "log", "-1", "--format=%s").strip() == "Update bij actie KVDJ-001"
    assert cli(runner, repo, "validate")[0] == 0


def test_add_action(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner,
        repo,
        "nieuwe-actie",
        "OT KvdJ",
        "--wat",
        "Flyer & <netwerk>",
        "--wie",
        "Tjalling/Emre",
        "--wanneer",
        "Okt/nov",
        "--werkgroep",
        "ot-kvdj-wg1",
        "--vergadering",
        "ot-kvdj-2025-11-25",
    )
    assert code == 0, err
    text = (repo / "data/acties/open/KVDJ-003.md").read_text()
    assert "betrokkenen: [tjalling, emre-unver]" in text
    assert 'wat: "Flyer & <netwerk>"' in text
    assert cli(runner, repo, "validate")[0] == 0
    code, _, err = cli(runner, repo, "add-action", "ot-kvdj", "--wat", "x", "--wie", "Tjallling")
    assert code == 1 and "Tjallling" in err and "tjalling" in err


# --- meetings -----------------------------------------------------------------------------


def test_new_meeting(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner,
        repo,
        "new-meeting",
        "ot-kvdj",
        "--datum",
        "15-01-2026",
        "--tijd",
        "16:30-18:00",
        "--punt",
        "Jaarplan 2026",
        "--commit",
    )
    assert code == 0, err
    path = repo / "data/meetings/2026/ot-kvdj-2026-01-15.md"
    text = path.read_text()
    assert 'begin: "16:30"' in text and "vorige_vergadering: ot-kvdj-2025-11-25" in text
    # issue #13: the action due by the meeting is a live reference on the agenda, not a
    # frozen copy in the body; the members are expected, not (yet) present
    assert "    acties:\n      - KVDJ-001\n  - nr: 3\n" in text
    assert "Presentatie 4 actielijnen Jonge Kind" not in text
    assert "## 3. Jaarplan 2026" in text and "## 4. Rondvraag / Wvttk" in text
    assert "verwacht:\n  - tjalling\n  - emre-unver\naanwezig: []\n" in text
    assert cli(runner, repo, "validate")[0] == 0
    before = snapshot(repo)
    code, _, err = cli(runner, repo, "new-meeting", "ot-kvdj", "--datum", "2026-01-15")
    assert code == 1 and "bestaat al" in err
    code, _, err = cli(runner, repo, "new-meeting", "ot-kvdj", "--datum", "2026-02-30")
    assert code == 1 and "februari 2026 heeft 28 dagen" in err
    assert snapshot(repo) == before
    code, out, _ = cli(runner, repo, "meetings", "--team", "ot-kvdj")
    assert code == 0 and "ot-kvdj-2026-01-15" in out and "15 januari 2026" in out


def test_meeting_template_can_be_overridden(runner: CliRunner, repo: Path) -> None:
    build_file_tree(repo, {"templates/vergadering.md.j2": "---\nid: {{ id }}\nteam: {{ tem }}\n"})
    code, _, err = cli(runner, repo, "new-meeting", "ot-kvdj", "--datum", "2026-01-15")
    assert code == 1
    assert (
        "sjabloon 'vergadering.md.j2' (templates/vergadering.md.j2), regel 3: 'tem' bestaat niet"
        in err
    )
    assert not (repo / "data/meetings/2026").exists()


def test_packaged_embedded_data_is_read_only(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import samennw.ops.perform as operations
    import samennw.storage.paths as paths

    fake_pkg = tmp_path / "site-packages" / "samennw"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", fake_pkg / "_data")
    monkeypatch.setattr(paths, "PACKAGE_DIR", fake_pkg)
    monkeypatch.setattr(operations, "PACKAGE_DIR", fake_pkg)
    monkeypatch.chdir(tmp_path)
    before = snapshot(fake_pkg)
    code, out, _ = run(runner, "open-actions", "--format", "json")
    assert code == 0 and "KVDJ-" in out
    code, _, err = run(runner, "close", "KVDJ-008")
    assert code == 1 and "alleen-lezen" in err
    assert snapshot(fake_pkg) == before


def test_close_and_update_keep_bom_and_crlf(runner: CliRunner, repo: Path) -> None:
    path = repo / "data/acties/open/KVDJ-001.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    code, _, err = cli(
        runner, repo, "update", "KVDJ-001", "--tekst", "Windows", "--datum", "2025-12-01"
    )
    assert code == 0, err
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--datum", "2025-12-02")
    assert code == 0, err
    data = (repo / "data/acties/afgerond/KVDJ-001.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert cli(runner, repo, "validate")[0] == 0


def test_unusual_file_is_refused_not_corrupted(runner: CliRunner, repo: Path) -> None:
    path = repo / "data/acties/open/KVDJ-001.md"
    path.write_text(
        ACTION.replace("status: open", "status: open\nupdates: [{datum: 2025-11-26, tekst: a}]")
    )
    before = snapshot(repo)
    code, _, err = cli(runner, repo, "update", "KVDJ-001", "--tekst", "b")
    assert code == 1 and "niet veilig worden bewerkt" in err
    assert snapshot(repo) == before


def test_no_writes_without_a_chosen_data_repository(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(tmp_path)  # no data/ here, no --data, no SAMENNW_DATA
    before = snapshot(embedded / "data")
    code, out, _ = run(runner, "open-actions", "--owner", "Tjalling", "--format", "json")
    assert code == 0 and "KVDJ-" in out
    code, _, err = run(runner, "close", "KVDJ-008")
    assert code == 1 and "geen gegevensmap gekozen" in err
    assert snapshot(embedded / "data") == before


def test_symlinked_data_folder_is_refused(
    runner: CliRunner, small_repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elders"
    (small_repo / "data/meetings").rename(outside)
    (small_repo / "data/meetings").symlink_to(outside)
    for args in (["validate"], ["open-actions"], ["close", "KVDJ-001"]):
        code, _, err = cli(runner, small_repo, *args)
        assert code == 1 and "symbolische koppeling" in err, args


def test_refused_commit_restores_the_files(runner: CliRunner, repo: Path) -> None:
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'geweigerd door de hook' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = snapshot(repo)
    head = git(repo, "rev-parse", "HEAD")
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 4
    assert err == (
        "fout: git weigerde de commit (een hook of git zelf): geweigerd door de hook. "
        "Er is niets gewijzigd.\n"
    )
    assert snapshot(repo) == before
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_git_index_lock_is_respected(runner: CliRunner, repo: Path) -> None:
    (repo / ".git/index.lock").write_text("")
    before = snapshot(repo)
    code, _, err = cli(runner, repo, "close", "KVDJ-001")
    assert code == 4 and "index.lock" in err
    assert snapshot(repo) == before


def test_unwritable_target_rolls_back(runner: CliRunner, repo: Path) -> None:
    if (repo / "data/acties/afgerond").exists():
        (repo / "data/acties/afgerond").rmdir()
    (repo / "data/acties/afgerond").write_text("geen map")
    before = snapshot(repo)
    code, _, err = cli(runner, repo, "close", "KVDJ-001")
    assert code == 1 and "niets gewijzigd" in err
    assert snapshot(repo) == before


def test_csv_cells_are_not_formulas(runner: CliRunner, repo: Path) -> None:
    path = repo / "data/acties/open/KVDJ-001.md"
    path.write_text(ACTION.replace("Toelichting.", '=HYPERLINK("http://x")\n- punt'))
    code, out, _ = cli(
        runner, repo, "open-actions", "--werkgroep", "ot-kvdj-wg1", "--format", "csv"
    )
    assert code == 0 and ";\"'=HYPERLINK" in out


def test_empty_result_says_so(runner: CliRunner, repo: Path) -> None:
    code, out, err = cli(runner, repo, "open-actions", "--owner", "burgemeester")
    assert code == 0 and out == "" and "Geen open acties gevonden" in err


def test_new_meeting_with_only_a_start_time(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner, repo, "new-meeting", "ot-kvdj", "--datum", "2026-01-15", "--tijd", "16:30"
    )
    assert code == 0, err
    text = (repo / "data/meetings/2026/ot-kvdj-2026-01-15.md").read_text()
    assert 'begin: "16:30"' in text and "eind:" not in text


def test_add_action_understands_whole_team_words(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner,
        repo,
        "add-action",
        "ot-kvdj",
        "--wat",
        "Flyer delen",
        "--wie",
        "Alle aanwezigen",
        "--werkgroep",
        "ot-kvdj-wg1",
    )
    assert code == 0, err
    code, _, err = cli(
        runner,
        repo,
        "add-action",
        "ot-kvdj",
        "--wat",
        "Uitwerken",
        "--wie",
        "Werkgroep/Tjalling",
        "--werkgroep",
        "ot-kvdj-wg1",
    )
    assert code == 0, err
    assert "betrokkenen: [ot-kvdj]" in (repo / "data/acties/open/KVDJ-003.md").read_text()
    text = (repo / "data/acties/open/KVDJ-004.md").read_text()
    assert "betrokkenen: [ot-kvdj-wg1, tjalling]" in text


def test_action_ids_are_case_insensitive(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(runner, repo, "close", "kvdj-001")
    assert code == 0, err
    assert (repo / "data/acties/afgerond/KVDJ-001.md").exists()


def test_next_meeting_deadline_is_the_next_meeting(runner: CliRunner, repo: Path) -> None:
    path = repo / "data/acties/open/KVDJ-001.md"
    path.write_text(ACTION.replace("November 2025", "Volgend OT"))
    _, out, _ = cli(runner, repo, "open-actions", "--format", "json", "--op", "2026-02-01")
    assert json.loads(out)["acties"][0]["verlopen"] is False  # no later meeting yet
    assert cli(runner, repo, "new-meeting", "ot-kvdj", "--datum", "2026-01-15")[0] == 0
    _, out, _ = cli(runner, repo, "open-actions", "--format", "json", "--op", "2026-02-01")
    row = json.loads(out)["acties"][0]
    assert row["vervalt"] == "2026-01-15" and row["verlopen"] is True


def test_log_follows_the_action_through_both_folders(runner: CliRunner, repo: Path) -> None:
    assert cli(runner, repo, "close", "KVDJ-001", "--commit")[0] == 0
    assert cli(runner, repo, "heropen", "KVDJ-001", "--commit")[0] == 0
    code, out, _ = cli(runner, repo, "log", "kvdj-001")
    assert code == 0
    lines = [" ".join(line.split()) for line in out.splitlines() if "Actie KVDJ-001" in line]
    assert "heropend" in lines[0] and "data/acties/open/KVDJ-001.md" in lines[0]
    assert "afgerond" in lines[1] and "data/acties/afgerond/KVDJ-001.md" in lines[1]


def test_commit_of_an_action_git_never_knew(runner: CliRunner, repo: Path) -> None:
    """A new action, never committed, closed with --commit: only its new place is committed."""
    code, _, err = cli(
        runner, repo, "add-action", "ot-kvdj", "--wat", "Nieuw", "--wanneer", "Mei 2026"
    )
    assert code == 0, err
    new_id = next(
        p.stem
        for p in (repo / "data/acties/open").iterdir()
        if p.stem not in {"KVDJ-001", "KVDJ-002"}
    )
    code, _, err = cli(runner, repo, "close", new_id, "--datum", "2026-01-01", "--commit")
    assert code == 0, err
    committed = git(repo, "show", "--name-status", "--format=", "HEAD").split()
    assert committed == ["A", f"data/acties/afgerond/{new_id}.md"]


def test_commit_in_a_repository_without_commits_explains(runner: CliRunner, tmp_path: Path) -> None:
    root = build_file_tree(tmp_path / "fresh", small_repo_files())
    git(root, "init", "-q", "-b", "main")
    before = snapshot(root)
    code, _, err = cli(runner, root, "close", "KVDJ-001", "--commit")
    assert code == 4 and "nog geen commit" in err and "git add -A" in err
    assert snapshot(root) == before
