"""A repository loaded from a git revision: the state of that commit, nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samennw.errors import InvalidDataError, SamennwError
from samennw.render.document import render_document
from samennw.storage.repository import load_repository
from samennw.storage.revision import revision_repository
from tests.conftest import ACTION, build_file_tree, git, run
from tests.render.test_render_team_repository import requests

OPEN = "data/acties/open/KVDJ-001.md"


def test_head_renders_every_document_as_the_working_tree(git_repo: Path) -> None:
    at_head = revision_repository(git_repo, "HEAD")
    assert not at_head.errors
    for req in requests(git_repo, "md"):
        assert render_document(at_head, req) == render_document(load_repository(git_repo), req)


def test_an_earlier_commit_is_seen_as_it_was(runner: CliRunner, git_repo: Path) -> None:
    before = (git_repo / OPEN).read_text(encoding="utf-8")
    meetings = sorted(load_repository(git_repo).meetings)
    assert (
        run(runner, "close", "KVDJ-001", "--datum", "2025-12-01", "--data", str(git_repo))[0] == 0
    )
    code, _, err = run(
        runner, "new-meeting", "ot-kvdj", "--datum", "2026-02-02", "--data", str(git_repo)
    )
    assert code == 0, err
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "later")
    (git_repo / "data/acties/afgerond/KVDJ-001.md").write_text("not even front matter\n")

    then = revision_repository(git_repo, "HEAD~1")
    now = revision_repository(git_repo, "HEAD")
    assert sorted(then.meetings) == meetings
    assert "ot-kvdj-2026-02-02" in now.meetings and "ot-kvdj-2026-02-02" not in then.meetings
    assert then.actions["KVDJ-001"].status.value == "open"
    assert then.actions["KVDJ-001"].source_path == Path(OPEN)
    assert then.actions["KVDJ-001"].body in before
    # the commit, not the broken working tree
    assert now.actions["KVDJ-001"].status.value == "afgerond"
    assert str(now.actions["KVDJ-001"].afgerond_op) == "2025-12-01"


def test_a_broken_file_in_the_revision_names_file_and_line(git_repo: Path) -> None:
    build_file_tree(git_repo, {OPEN: ACTION.replace("status: open", "status: misschien")})
    git(git_repo, "commit", "-q", "-am", "oeps")
    shutil.copy(git_repo / "data/acties/open/KVDJ-002.md", git_repo / OPEN)  # disk differs
    repo = revision_repository(git_repo, "HEAD")
    with pytest.raises(InvalidDataError) as caught:
        repo.actions["KVDJ-001"]
    shown = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{OPEN}:") and "misschien" in p for p in shown), shown


def test_files_samennw_does_not_read_are_reported_as_on_disk(git_repo: Path) -> None:
    build_file_tree(
        git_repo,
        {
            "data/acties/open/KVDJ-097.MD": ACTION,
            "data/acties/open/notities.txt": "x",
            "data/acties/open/README.md": "uitleg",
            "data/acties/open/.gitkeep": "",
        },
    )
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "extra")
    from_git = sorted(str(p) for p in revision_repository(git_repo, "HEAD").problems)
    from_disk = sorted(str(p) for p in load_repository(git_repo).problems)
    assert from_git == from_disk and any("KVDJ-097.MD" in p for p in from_git)


def test_an_unknown_revision_is_a_dutch_error(git_repo: Path) -> None:
    with pytest.raises(SamennwError, match="onbekende git-revisie 'bestaat-niet'"):
        revision_repository(git_repo, "bestaat-niet")


def test_outside_git_is_a_dutch_error(embedded_copy: Path) -> None:
    with pytest.raises(SamennwError, match="staat niet in een git-repository"):
        revision_repository(embedded_copy, "HEAD")


def test_a_data_repository_inside_a_larger_git_repository(
    tmp_path: Path, embedded_copy: Path
) -> None:
    outer = tmp_path / "monorepo"
    shutil.copytree(embedded_copy, outer / "secretariaat")
    git(outer, "init", "-q", "-b", "main")
    git(outer, "add", "-A")
    git(outer, "commit", "-q", "-m", "begin")
    inner = outer / "secretariaat"
    repo = revision_repository(inner, "HEAD")
    assert sorted(repo.actions) == sorted(load_repository(inner).actions)
