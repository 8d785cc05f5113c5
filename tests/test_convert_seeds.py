"""scripts/convert_seeds.py never destroys what git cannot give back (issue #11, point 4).

Pointed with --out at a folder holding files it did not write, it used to delete them
("8 written, 25 removed"). Now a file in its managed folders that a run would remove or
overwrite must be tracked at HEAD of the git repository holding --out and unchanged
since; otherwise the script refuses, names the files and changes nothing.
"""

from __future__ import annotations

import filecmp
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT, build_file_tree, git, make_git_repo, snapshot

SCRIPTS = REPO_ROOT / "scripts"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"  # the script's default --seeds


def _load() -> ModuleType:
    name = "samennw_convert_seeds"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / "convert_seeds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# what a (tiny) run produces: paths relative to --out
PRODUCED = {
    "partners.yaml": "personen: []\n",
    "acties/open/KVDJ-001.md": "---\nid: KVDJ-001\n---\n",
    "meetings/2025/ot-kvdj-2025-11-25.md": "---\nid: ot-kvdj-2025-11-25\n---\n",
}


@pytest.fixture
def convert(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = _load()
    monkeypatch.setattr(module, "build", lambda seeds: dict(PRODUCED))
    return module


def _main(module: ModuleType, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = module.main(["--seeds", str(out.parent / "no-seeds"), "--out", str(out)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_hand_made_files_in_a_folder_outside_git_are_never_deleted(
    convert: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = build_file_tree(
        tmp_path / "data",
        {
            "acties/open/HAND-001.md": "---\nid: HAND-001\n---\nmet de hand\n",
            "meetings/2024/ab-2024-01-01.md": "---\nid: ab-2024-01-01\n---\n",
        },
    )
    before = snapshot(out)
    code, said = _main(convert, out, capsys)
    assert code == 1
    assert "refusing to write" in said and "nothing was changed" in said
    assert str(out / "acties/open/HAND-001.md") in said
    assert str(out / "meetings/2024/ab-2024-01-01.md") in said
    assert snapshot(out) == before  # nothing deleted, and nothing written either


def test_an_empty_folder_is_written_and_a_second_run_changes_nothing(
    convert: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "data"
    assert _main(convert, out, capsys) == (0, "3 files generated (3 written, 0 removed) in "
                                               f"{out}\n")  # fmt: skip
    assert {k: v.decode() for k, v in snapshot(out).items()} == PRODUCED
    assert (out / "acties/afgerond").is_dir()
    code, said = _main(convert, out, capsys)
    assert (code, said) == (0, f"3 files generated (0 written, 0 removed) in {out}\n")


def test_files_outside_the_managed_folders_are_left_alone(
    convert: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = build_file_tree(
        tmp_path / "data", {"README.md": "# eigen tekst\n", "notities/x.txt": "x\n"}
    )
    assert _main(convert, out, capsys)[0] == 0
    assert (out / "README.md").read_text(encoding="utf-8") == "# eigen tekst\n"
    assert (out / "notities/x.txt").read_text(encoding="utf-8") == "x\n"


def test_a_committed_unchanged_file_is_removed_and_named(
    convert: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An earlier run's output that git holds as it is may go: git gives it back."""
    repo = tmp_path / "repo"
    build_file_tree(repo / "data", {**PRODUCED, "acties/open/KVDJ-002.md": "oud\n"})
    make_git_repo(repo)
    out = repo / "data"
    code, said = _main(convert, out, capsys)
    assert code == 0
    assert f"removed (as committed at HEAD, so git has it): {out}/acties/open/KVDJ-002.md" in said
    assert "(0 written, 1 removed)" in said
    assert not (out / "acties/open/KVDJ-002.md").exists()
    git(repo, "checkout", "HEAD", "--", "data/acties/open/KVDJ-002.md")
    assert (out / "acties/open/KVDJ-002.md").read_text(encoding="utf-8") == "oud\n"


def test_a_committed_file_that_a_run_changes_is_overwritten(
    convert: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    build_file_tree(repo / "data", {**PRODUCED, "partners.yaml": "personen: [oud]\n"})
    make_git_repo(repo)
    code, said = _main(convert, repo / "data", capsys)
    assert (code, "(1 written, 0 removed)" in said) == (0, True)
    assert (repo / "data/partners.yaml").read_text(encoding="utf-8") == PRODUCED["partners.yaml"]


@pytest.mark.parametrize("state", ["edited since the commit", "untracked", "staged only"])
def test_what_git_cannot_give_back_stops_the_whole_run(
    convert: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str], state: str
) -> None:
    """A hand edit of a produced file, or a stale file git does not hold as it is: the
    run refuses, names it, and writes or removes nothing (also not the safe files)."""
    repo = tmp_path / "repo"
    build_file_tree(
        repo / "data",
        {**PRODUCED, "partners.yaml": "personen: [oud]\n", "acties/open/OUD-001.md": "oud\n"},
    )
    make_git_repo(repo)
    out = repo / "data"
    if state == "edited since the commit":
        victim = out / "partners.yaml"  # a produced file with a hand edit
        victim.write_text("personen: [met de hand]\n", encoding="utf-8")
    else:
        victim = out / "meetings/2026/ab-2026-01-01.md"  # stale, and git lacks it
        build_file_tree(out, {"meetings/2026/ab-2026-01-01.md": "nieuw\n"})
        if state == "staged only":
            git(repo, "add", "data/meetings")
    before = snapshot(repo)
    code, said = _main(convert, out, capsys)
    assert code == 1
    assert "1 file(s) there would be deleted or overwritten" in said
    assert f"\n  {victim}\n" in said
    assert str(out / "acties/open/OUD-001.md") not in said  # committed: not the problem
    assert snapshot(repo) == before


def test_a_symlink_in_a_managed_folder_is_refused(
    convert: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    build_file_tree(repo / "data", dict(PRODUCED))
    elsewhere = build_file_tree(tmp_path / "elders", {"KVDJ-009.md": "elders\n"})
    (repo / "data/acties/open/KVDJ-009.md").symlink_to(elsewhere / "KVDJ-009.md")
    make_git_repo(repo)  # git holds the link, not the file it points to
    code, said = _main(convert, repo / "data", capsys)
    assert code == 1 and str(repo / "data/acties/open/KVDJ-009.md") in said
    assert (repo / "data/acties/open/KVDJ-009.md").is_symlink()
    assert (elsewhere / "KVDJ-009.md").read_text(encoding="utf-8") == "elders\n"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside this checkout")
def test_the_seeds_give_the_embedded_data_byte_for_byte(tmp_path: Path) -> None:
    module = _load()
    out = tmp_path / "data"
    assert module.main(["--seeds", str(SEEDS), "--out", str(out)]) == 0
    cmp = filecmp.dircmp(out, REPO_ROOT / "data")
    produced = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert produced, "nothing written"
    _, mismatch, errors = filecmp.cmpfiles(out, REPO_ROOT / "data", produced, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert cmp.left_only == []
