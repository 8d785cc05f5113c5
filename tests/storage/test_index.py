"""The query index: every change is seen at once; a bad index is rebuilt, never trusted."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samennw.storage import cachefile
from samennw.storage import index as queryindex
from tests.conftest import ACTION, MEETING, build_file_tree, run


def open_ids(runner: CliRunner, repo: Path, *extra: str) -> list[str]:
    code, out, err = run(runner, "open-actions", "--format", "json", "--data", str(repo), *extra)
    assert code == 0, err
    return [a["id"] for a in json.loads(out)["acties"]]


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust every entry at once (no racy window), to prove the stat key alone is enough."""
    monkeypatch.setattr(cachefile, "RACY_NS", -(10**18))


def index_file(repo: Path, name: str = "acties-open.json") -> Path:
    return repo / cachefile.CACHE_DIR / name


def read_index(path: Path, version: str = queryindex.VERSION) -> dict[str, list[object]]:
    return cachefile.read(path, cachefile.secret() or b"", version)


def test_index_is_written_and_git_ignored(runner: CliRunner, small_repo: Path) -> None:
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    assert index_file(small_repo).exists()
    assert (small_repo / cachefile.CACHE_DIR / ".gitignore").read_text().strip().endswith("*")


def test_edit_is_seen_by_the_very_next_query(runner: CliRunner, small_repo: Path) -> None:
    path = small_repo / "data/acties/open/KVDJ-001.md"
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    assert open_ids(runner, small_repo) == ["KVDJ-001"]  # now from the index
    stat = path.stat()
    path.write_text(ACTION.replace("team: ot-kvdj", "team: ot-kvdj-wg1"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime, even
    assert open_ids(runner, small_repo, "--team", "ot-kvdj") == []
    assert open_ids(runner, small_repo, "--team", "ot-kvdj-wg1") == ["KVDJ-001"]


def test_same_size_same_mtime_edit_within_the_racy_window(
    runner: CliRunner, small_repo: Path
) -> None:
    path = small_repo / "data/acties/open/KVDJ-001.md"
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    stat = path.stat()
    path.write_text(ACTION.replace("November 2025", "Oktober 2025"))  # same length
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _, out, _ = run(runner, "open-actions", "--format", "json", "--data", str(small_repo))
    assert json.loads(out)["acties"][0]["wanneer"] == "Oktober 2025"


def test_new_renamed_and_deleted_files(runner: CliRunner, small_repo: Path, trusting: None) -> None:
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    build_file_tree(small_repo, {"data/acties/open/KVDJ-002.md": ACTION.replace("001", "002")})
    assert open_ids(runner, small_repo) == ["KVDJ-001", "KVDJ-002"]
    (small_repo / "data/acties/open/KVDJ-002.md").unlink()
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    assert run(runner, "close", "KVDJ-001", "--data", str(small_repo))[0] == 0
    assert open_ids(runner, small_repo) == []


def test_broken_file_is_reported_even_when_indexed(
    runner: CliRunner, small_repo: Path, trusting: None
) -> None:
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    path = small_repo / "data/acties/open/KVDJ-001.md"
    path.write_text(ACTION.replace("wie: Tjalling", "wie: [Tjalling"))
    code, _, err = run(runner, "open-actions", "--data", str(small_repo))
    assert code == 1 and "KVDJ-001.md" in err


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b"",  # empty
        lambda b: b"nonsense\n{}",  # no valid signature
        lambda b: b.replace(b'"open"', b'"afgerond"'),  # tampered: signature fails
    ],
)
def test_corrupt_or_tampered_index_is_rebuilt(
    runner: CliRunner, small_repo: Path, trusting: None, damage: object
) -> None:
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    path = index_file(small_repo)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    assert read_index(path) != {}  # rebuilt and valid again


def test_foreign_index_is_not_trusted(
    runner: CliRunner,
    small_repo: Path,
    trusting: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an index made with another user's key (e.g. committed to the repository)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-user"))
    path = small_repo / "data/acties/open/KVDJ-001.md"
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    forged = index_file(small_repo).read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "me"))
    stat = path.stat()
    path.write_text(ACTION.replace("status: open", "status: open\nafgerond_op: 2025-02-31"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    index_file(small_repo).write_bytes(forged)
    code, _, err = run(runner, "open-actions", "--data", str(small_repo))
    assert code == 1 and "bestaat niet" in err


def test_other_version_is_rebuilt(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    monkeypatch.setattr(queryindex, "VERSION", "samennw-query-999")
    assert read_index(index_file(small_repo), "samennw-query-999") == {}
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    assert read_index(index_file(small_repo), "samennw-query-999") != {}


def test_unwritable_cache_costs_speed_not_correctness(runner: CliRunner, small_repo: Path) -> None:
    (small_repo / cachefile.CACHE_DIR).write_text("not a folder")
    assert open_ids(runner, small_repo) == ["KVDJ-001"]


def test_same_size_same_mtime_edit_is_seen_through_ctime(
    runner: CliRunner, small_repo: Path, trusting: None
) -> None:
    path = small_repo / "data/acties/open/KVDJ-001.md"
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    stat = path.stat()
    with path.open("r+", encoding="utf-8") as fh:  # in place: same inode, same size
        fh.write(ACTION.replace("November 2025", "Oktober 2025"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_ino == stat.st_ino and path.stat().st_size == stat.st_size
    _, out, _ = run(runner, "open-actions", "--format", "json", "--data", str(small_repo))
    assert json.loads(out)["acties"][0]["wanneer"] == "Oktober 2025"


def test_symlinked_cache_folder_is_not_used(
    runner: CliRunner, small_repo: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (small_repo / cachefile.CACHE_DIR).symlink_to(target)
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    assert list(target.iterdir()) == []


def test_symlinked_gitignore_in_cache_is_not_followed(
    runner: CliRunner, small_repo: Path, tmp_path: Path
) -> None:
    (small_repo / cachefile.CACHE_DIR).mkdir()
    victim = tmp_path / "victim.txt"
    (small_repo / cachefile.CACHE_DIR / ".gitignore").symlink_to(victim)
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    assert not victim.exists()


def test_duplicate_from_the_index_is_reported(
    runner: CliRunner, small_repo: Path, trusting: None
) -> None:
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    assert open_ids(runner, small_repo) == ["KVDJ-001"]  # both files now from the index
    build_file_tree(small_repo, {"data/acties/afgerond/KVDJ-001.md": ACTION})
    for _ in range(2):  # the copy parsed, the original from the index; then both indexed
        code, _, err = run(runner, "open-actions", "--data", str(small_repo))
        assert code == 1 and "dubbele code 'KVDJ-001'" in err


@pytest.mark.parametrize("given", [".", "data", "./data/"])
def test_relative_data_paths_work_cold_and_warm(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    """A relative --data must not shift the file names the index keeps (it once cut 'da')."""
    monkeypatch.chdir(small_repo)
    for _ in range(2):  # cold, then from the index
        code, out, err = run(runner, "open-actions", "--format", "json", "--data", given)
        assert code == 0, err
        assert [a["id"] for a in json.loads(out)["acties"]] == ["KVDJ-001"]
    code, _, err = run(runner, "validate", "--data", given)
    assert code == 0, err


def vervalt(runner: CliRunner, repo: Path) -> str | None:
    code, out, err = run(runner, "open-actions", "--format", "json", "--data", str(repo))
    assert code == 0, err
    value: str | None = json.loads(out)["acties"][0]["vervalt"]
    return value


def test_new_renamed_and_deleted_meetings_move_a_next_meeting_deadline(
    runner: CliRunner, small_repo: Path, trusting: None
) -> None:
    """Meeting names are cached per folder; any change in a folder is seen at once."""
    path = small_repo / "data/acties/open/KVDJ-001.md"
    path.write_text(ACTION.replace("wanneer: November 2025", "wanneer: volgend OT"))
    assert vervalt(runner, small_repo) is None  # no later meeting yet
    assert vervalt(runner, small_repo) is None  # from the cache
    meetings = small_repo / "data/meetings"
    later = MEETING.replace("2025-11-25", "2026-01-13").replace("2025-11-25", "2026-01-13")
    build_file_tree(meetings, {"2026/ot-kvdj-2026-01-13.md": later})  # a new year folder
    assert vervalt(runner, small_repo) == "2026-01-13"
    earlier = later.replace("2026-01-13", "2025-12-16")
    build_file_tree(meetings, {"2025/ot-kvdj-2025-12-16.md": earlier})  # existing folder
    assert vervalt(runner, small_repo) == "2025-12-16"
    (meetings / "2025/ot-kvdj-2025-12-16.md").rename(meetings / "2025/ot-kvdj-2025-12-18.md")
    assert vervalt(runner, small_repo) == "2025-12-18"
    (meetings / "2025/ot-kvdj-2025-12-18.md").unlink()
    assert vervalt(runner, small_repo) == "2026-01-13"


def test_query_reads_only_what_it_shows(
    runner: CliRunner, small_repo: Path, trusting: None
) -> None:
    """A broken closed action or meeting text is validate's business, not the query's."""
    build_file_tree(
        small_repo,
        {
            "data/acties/afgerond/KVDJ-002.md": "---\nid: KVDJ-002\nstatus: [kapot\n---\n",
            "data/meetings/2025/ot-kvdj-2025-11-25.md": MEETING.replace("begin:", "begin: [kapot"),
        },
    )
    assert open_ids(runner, small_repo) == ["KVDJ-001"]
    code, out, _ = run(runner, "validate", "--data", str(small_repo))
    assert code == 1 and "KVDJ-002.md" in out and "ot-kvdj-2025-11-25.md" in out


def test_closed_status_in_the_open_folder_stops_the_query(
    runner: CliRunner, small_repo: Path, trusting: None
) -> None:
    path = small_repo / "data/acties/open/KVDJ-001.md"
    path.write_text(ACTION.replace("status: open", "status: afgerond\nafgerond_op: 2025-12-01"))
    for _ in range(2):  # never cached: reported every time
        code, _, err = run(runner, "open-actions", "--data", str(small_repo))
        assert code == 1 and "hoort in 'acties/afgerond'" in err


def test_views_of_the_partners_answer_like_the_models(embedded_copy: Path) -> None:
    """The query resolves names on plain objects made from the cache, not on the models."""
    from samennw.model.people import Directory
    from samennw.storage.repository import load_partners

    problems: list[object] = []
    models = Directory(load_partners(embedded_copy / "data", embedded_copy, problems))  # type: ignore[arg-type]
    index = queryindex.RepositoryIndex(embedded_copy)
    view = index.partners()
    index.save()
    new = read_index(index_file(embedded_copy, "partners.json"))
    cached = queryindex._partners_view(json.loads(json.dumps(new["data/partners.yaml"][5])))
    for partners in (view, cached):
        views = Directory(partners)
        assert views.all_refs() == models.all_refs()
        for ref in models.all_refs():
            assert views.label(ref) == models.label(ref)
        for person in models.persons.values():
            for name in (person.id, person.naam or person.id, *person.aliassen, *person.rollen):
                assert views.find_persons(name) == models.find_persons(name)
            assert views.teams_of(person.id) == models.teams_of(person.id)
        for team in models.teams.values():
            assert views.find_teams(team.naam) == models.find_teams(team.naam)
            assert views.teams[team.id].ouder == team.ouder
            assert views.teams[team.id].domein == team.domein


def test_a_pipe_gets_one_line_per_action(runner: CliRunner, embedded_copy: Path) -> None:
    code, out, err = run(runner, "open-actions", "--data", str(embedded_copy), "--op", "2025-12-01")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Team", "Wat", "Wie", "Wanneer", "Toelichting"]
    ids = [line.split()[0] for line in lines[1:]]
    assert len(ids) == 37 and all(i.split("-")[0] in {"KVDJ", "AB"} for i in ids)
    assert all(not line.endswith(" ") for line in lines)


def test_cached_due_date_follows_its_origin_meeting(
    runner: CliRunner, small_repo: Path, trusting: None
) -> None:
    """The parsed 'wanneer' is cached with the meeting date it was read against."""
    path = small_repo / "data/acties/open/KVDJ-001.md"
    path.write_text(ACTION.replace("wanneer: November 2025", "wanneer: December"))
    assert vervalt(runner, small_repo) == "2025-12-31"  # the year of the meeting
    assert vervalt(runner, small_repo) == "2025-12-31"  # from the cache
    (small_repo / "data/meetings/2025/ot-kvdj-2025-11-25.md").unlink()
    assert vervalt(runner, small_repo) is None  # no meeting, no year: the cache is not used


def test_query_waits_while_a_writer_moves_files(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query never reads while files move (open and closed at once), but it does not
    wait for a writer's commit (hooks may take seconds)."""
    from samennw.storage.locking import moving, write_lock

    assert open_ids(runner, small_repo) == ["KVDJ-001"]  # no lock file yet: no waiting
    monkeypatch.setenv("SAMENNW_LOCK_TIMEOUT", "0.2")
    with write_lock(small_repo):
        assert open_ids(runner, small_repo) == ["KVDJ-001"]
        with moving(small_repo):
            code, _, err = run(runner, "open-actions", "--data", str(small_repo))
    assert code == 3 and "andere samennw-opdracht" in err
    assert open_ids(runner, small_repo) == ["KVDJ-001"]


@pytest.mark.parametrize("value", ["abc", "nan", "-1", "inf"])
def test_nonsense_lock_timeout_is_bounded(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    from samennw.storage import locking

    monkeypatch.setenv("SAMENNW_LOCK_TIMEOUT", value)
    assert 0 <= locking._timeout() <= 3600
    with locking.write_lock(small_repo):
        assert open_ids(runner, small_repo) == ["KVDJ-001"]


def test_action_line_and_domain_filters_cold_and_warm(
    runner: CliRunner, embedded_copy: Path, trusting: None
) -> None:
    line = "jonge-kind-actielijnen"
    for _ in range(2):  # cold, then from the cache
        assert len(open_ids(runner, embedded_copy, "--actielijn", line)) == 2
    kvdj = open_ids(runner, embedded_copy, "--domein", "kvdj")
    assert open_ids(runner, embedded_copy, "--domein", "wb") == []
    path = embedded_copy / f"data/actielijnen/{line}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("domein: kvdj", "domein: wb"))
    for _ in range(2):  # the action line's domain wins over the team's
        moved = open_ids(runner, embedded_copy, "--domein", "wb")
        assert moved == open_ids(runner, embedded_copy, "--actielijn", line)
        assert sorted(open_ids(runner, embedded_copy, "--domein", "kvdj") + moved) == sorted(kvdj)


def test_racy_entries_are_judged_by_ctime_against_the_start(tmp_path: Path) -> None:
    """mtime can be set by any tool (cp -p, touch -r); ctime is the kernel's clock."""
    started = 10 * cachefile.RACY_NS
    old, recent = started - 2 * cachefile.RACY_NS, started - 1
    files = {
        "kept.md": [1, old, old, 1, True, None],  # changed long before: trusted
        "mtime-old-ctime-new.md": [1, old, recent, 2, False, None],  # e.g. cp -p
        "mtime-future.md": [1, started * 2, old, 3, False, None],  # clock skew: still trusted
        "changed-during-scan.md": [1, old, started + 5, 4, False, None],
    }
    path = tmp_path / cachefile.CACHE_DIR / "x.json"
    path.parent.mkdir()
    cachefile.write(path, b"k" * 32, "v", files, started)
    racy = {name: entry[4] for name, entry in cachefile.read(path, b"k" * 32, "v").items()}
    assert racy == {
        "kept.md": False,
        "mtime-old-ctime-new.md": True,
        "mtime-future.md": False,
        "changed-during-scan.md": True,
    }


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("data/acties/open", "symbolische koppeling"),
        ("data/meetings/2025", "symbolische koppeling"),
    ],
)
def test_symlinked_folders_are_refused_by_the_query(
    runner: CliRunner, small_repo: Path, tmp_path: Path, target: str, message: str
) -> None:
    outside = tmp_path / "outside"
    (small_repo / target).rename(outside)
    (small_repo / target).symlink_to(outside)
    for _ in range(2):
        code, _, err = run(runner, "open-actions", "--data", str(small_repo))
        assert code == 1 and message in err and target in err


def test_a_file_where_a_folder_belongs_is_a_dutch_error(
    runner: CliRunner, small_repo: Path
) -> None:
    folder = small_repo / "data/acties/open"
    (folder / "KVDJ-001.md").unlink()
    folder.rmdir()
    folder.write_text("oeps")
    code, _, err = run(runner, "open-actions", "--data", str(small_repo))
    assert code == 1 and "geen map" in err and "data/acties/open" in err


def test_prefix_length_of_the_root_folder() -> None:
    from samennw.storage.paths import prefix_length

    assert prefix_length(Path("/")) == 1
    assert prefix_length(Path("/data")) == len("/data/")


def test_code_stamp_follows_every_module(tmp_path: Path) -> None:
    """Records written by other code are never read (an editable install on a branch)."""
    build_file_tree(tmp_path, {"a.py": "x = 1\n", "b.py": "y = 2\n", "notes.txt": "-"})
    before = cachefile.code_stamp(tmp_path)
    (tmp_path / "notes.txt").write_text("changed")
    assert cachefile.code_stamp(tmp_path) == before
    (tmp_path / "b.py").write_text("y = 3\n")
    assert cachefile.code_stamp(tmp_path) != before
    assert queryindex.VERSION.endswith(cachefile.code_stamp())


def test_inventory_read_over_processes_equals_one_process(
    embedded_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index reads changed files over every CPU; the answer is the same."""

    build_file_tree(
        embedded_copy,
        {
            "data/acties/afgerond/KVDJ-001.md": (embedded_copy / "data/acties/open/KVDJ-001.md")
            .read_text(encoding="utf-8")
            .replace("status: open", "status: afgerond\nafgerond_op: 2025-12-01"),
            "data/acties/open/KVDJ-999.md": ACTION,  # its id says KVDJ-001
            "data/actielijnen/kapot.md": "---\nid: kapot\ntitel: [\n---\n",
        },
    )
    results = []
    for jobs in ("1", "3"):
        monkeypatch.setenv("SAMENNW_JOBS", jobs)
        monkeypatch.setenv("XDG_CACHE_HOME", str(embedded_copy / f"cache-{jobs}"))  # cold
        index = queryindex.RepositoryIndex(embedded_copy)
        index.action_lines()
        teams = {t: index.actions_of([t]) for t in ("ot-kvdj", "ab")}
        results.append(([str(p) for p in index.problems], index.action_files(), teams))
    assert results[0] == results[1]
    shown = "\n".join(results[0][0])
    assert "dubbele code 'KVDJ-001'" in shown and "KVDJ-999.md" in shown and "kapot.md" in shown
    assert len(results[0][1]) == 78


def test_render_waits_while_a_writer_moves_files(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samennw.storage.locking import moving

    monkeypatch.setenv("SAMENNW_LOCK_TIMEOUT", "0.2")
    with moving(small_repo):
        code, _, err = run(runner, "render", "actielijst", "ot-kvdj", "--data", str(small_repo))
    assert code == 3 and "andere samennw-opdracht" in err
    code, out, err = run(runner, "render", "actielijst", "ot-kvdj", "--data", str(small_repo))
    assert code == 0 and "Presentatie 4 actielijnen" in out, err


def test_dates_in_messages_are_dutch(runner: CliRunner, embedded_copy: Path) -> None:
    _, _, err = run(runner, "open-actions", "--data", str(embedded_copy), "--op", "2025-12-01")
    assert "peildatum 1 december 2025" in err
    _, _, err = run(runner, "open-actions", "--owner", "Emre", "--data", str(embedded_copy))
    assert re.search(r"peildatum \d{1,2} [a-z]+ \d{4}", err), err
    code, _, err = run(runner, "close", "KVDJ-009", "--data", str(embedded_copy))
    assert code == 1 and "al afgerond (op 25 november 2025)" in err


@pytest.mark.parametrize("option", ["--team", "--werkgroep", "--actielijn", "--domein", "--owner"])
def test_an_empty_filter_is_an_error_not_everything(
    runner: CliRunner, small_repo: Path, option: str
) -> None:
    code, out, err = run(runner, "open-actions", option, "", "--data", str(small_repo))
    assert code == 1 and out == "" and "''" in err, err


@pytest.mark.parametrize(
    "args",
    [
        ["open-actions"],
        ["meetings"],
        ["render", "actielijst", "ot-kvdj"],
        ["schema", "--out", "{tmp}/schema"],
        ["validate"],
    ],
    ids=["open-actions", "meetings", "render", "schema", "validate"],
)
def test_no_cache_is_written_into_a_source_checkout_of_samennw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """Run inside samennw's own checkout (as its tests are), a reading command reads
    the checkout's data/ (the embedded set) and leaves nothing behind in the source tree
    (issue #9: tests never write into the source tree)."""
    from tests.conftest import small_repo_files

    checkout = build_file_tree(
        tmp_path / "samennw",
        {
            **small_repo_files(),
            "pyproject.toml": '[project]\nname = "samennw"\n',
            "src/samennw/__init__.py": "",
        },
    )
    monkeypatch.chdir(checkout / "src")
    before = sorted(str(p.relative_to(checkout)) for p in checkout.rglob("*"))
    code, out, err = run(CliRunner(), *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert code == 0, out + err
    assert sorted(str(p.relative_to(checkout)) for p in checkout.rglob("*")) == before


@pytest.mark.parametrize("status", ["in uitvoering", "geblokkeerd"])
def test_an_active_action_in_acties_open_is_listed_cold_and_from_the_index(
    runner: CliRunner, small_repo: Path, status: str
) -> None:
    path = small_repo / "data/acties/open/KVDJ-001.md"
    path.write_text(ACTION.replace("status: open", f"status: {status}\nreden: wacht op zaal"))
    for _ in range(2):  # cold, then from the index
        code, out, err = run(runner, "open-actions", "--format", "json", "--data", str(small_repo))
        assert code == 0, err
        (action,) = json.loads(out)["acties"]
        assert (action["id"], action["status"], action["reden"]) == (
            "KVDJ-001",
            status,
            "wacht op zaal",
        )
    assert index_file(small_repo).exists()
