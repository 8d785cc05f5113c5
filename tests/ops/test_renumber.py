"""Two branches take the same action id; merged with git, one command makes it valid.

Real branches in a temporary git repository: actions are added (from the minutes, with
``verwerk``) and closed on both, the branches are merged with ``git merge``, and
``samennw hernummer`` gives the other branch's action the next free id, in its file and
in the markers of its minutes.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from samennw.cli.app import app

EMBEDDED = Path(__file__).resolve().parents[2] / "data"


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check)


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--data", str(root)])
    return result.exit_code, result.stdout + result.stderr


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EMBEDDED, root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Secretaris")
    git(root, "config", "user.email", "secretaris@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Gegevens")
    return root


def add_minutes_action(root: Path, meeting: str, sentence: str) -> str:
    """Write an action marker into a meeting's minutes, extract it and commit; the id."""
    path = root / "data" / "meetings" / "2025" / f"{meeting}.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    git(root, "commit", "-qam", f"Notulen {meeting}")
    code, out = run(root, "verwerk", meeting, "--commit")
    assert code == 0, out
    return out.split("(", 1)[1].split(")", 1)[0]  # "Verwerkt in …: 1 actie (KVDJ-044)"


def test_a_silent_merge_with_one_id_twice_is_renumbered_in_one_commit(root: Path) -> None:
    git(root, "checkout", "-qb", "tak-a")
    first = add_minutes_action(root, "ot-kvdj-2025-09-25", "Zaal boeken (**Actie Tjalling**).")
    assert run(root, "close", first, "--datum", "2025-10-01", "--commit")[0] == 0
    git(root, "checkout", "-q", "main")
    git(root, "checkout", "-qb", "tak-b")
    second = add_minutes_action(root, "ot-kvdj-2025-11-25", "Flyer maken (**Actie Sofie**).")
    assert first == second  # both branches took the next free number
    git(root, "checkout", "-q", "tak-a")
    merged = git(root, "merge", "--no-edit", "tak-b")
    assert merged.returncode == 0  # git sees no conflict: different paths
    code, out = run(root, "validate")
    assert code == 1
    assert f"dubbele code '{first}'" in out
    assert "na een samenvoeging van twee takken: draai 'samennw hernummer'" in out
    assert run(root, "validate") == (code, out)  # warm: the same answer

    code, out = run(root, "hernummer", "--commit")
    assert code == 0, out
    number = int(first.split("-")[1])
    new = f"KVDJ-{number + 1:03d}"
    assert f"Acties hernummerd: {first} → {new}" in out
    assert "vastgelegd in git" in out
    acties = root / "data" / "acties"
    # this branch's action keeps the id; the merged branch's action gets the new one
    assert front_matter(acties / "afgerond" / f"{first}.md")["wat"] == "Zaal boeken"
    moved = front_matter(acties / "open" / f"{new}.md")
    assert (moved["id"], moved["wat"]) == (new, "Flyer maken")
    assert not (acties / "open" / f"{first}.md").exists()
    minutes = (root / "data" / "meetings" / "2025" / "ot-kvdj-2025-11-25.md").read_text()
    assert f"Flyer maken (**Actie {new} – Sofie**)." in minutes
    other = (root / "data" / "meetings" / "2025" / "ot-kvdj-2025-09-25.md").read_text()
    assert f"Zaal boeken (**Actie {first} – Tjalling**)." in other
    assert run(root, "validate")[0] == 0
    assert git(root, "status", "--porcelain", "--", "data").stdout == ""  # all committed
    # a fresh clone is valid too
    clone = root.parent / "kloon"
    git(root.parent, "clone", "-q", str(root), str(clone))
    assert run(clone, "validate")[0] == 0


def test_an_add_add_conflict_is_resolved_and_staged(root: Path) -> None:
    git(root, "checkout", "-qb", "tak-a")
    code, out = run(root, "add-action", "ot-kvdj", "--wat", "Zaal boeken", "--wie", "Tjalling")
    assert code == 0, out
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Actie a")
    git(root, "checkout", "-q", "main")
    git(root, "checkout", "-qb", "tak-b")
    assert run(root, "add-action", "ot-kvdj", "--wat", "Flyer maken", "--wie", "Sofie")[0] == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Actie b")
    git(root, "checkout", "-q", "tak-a")
    merged = git(root, "merge", "--no-edit", "tak-b", check=False)
    assert merged.returncode != 0 and "CONFLICT (add/add)" in merged.stdout
    conflicted = git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
    (path,) = conflicted
    action_id = Path(path).stem

    code, out = run(root, "validate")
    assert code == 1
    text = (root / path).read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if t.startswith("<<<<<<<"))
    assert f"{path}:{line}: fout: git-conflictmarkering '<<<<<<<'" in out
    assert "draai dan 'samennw hernummer'" in out
    code, out = run(root, "hernummer", "--commit")
    assert code == 4 and "midden in een samenvoeging" in out  # refused, nothing changed
    assert "<<<<<<<" in (root / path).read_text()

    code, out = run(root, "hernummer")
    assert code == 0, out
    new = f"KVDJ-{int(action_id.split('-')[1]) + 1:03d}"
    assert f"Acties hernummerd: {action_id} → {new}" in out
    assert "rond de samenvoeging af met: git commit --no-edit" in out
    assert git(root, "diff", "--name-only", "--diff-filter=U").stdout == ""  # resolved
    git(root, "commit", "-q", "--no-edit")
    acties = root / "data" / "acties" / "open"
    assert front_matter(acties / f"{action_id}.md")["wat"] == "Zaal boeken"
    assert front_matter(acties / f"{new}.md")["wat"] == "Flyer maken"
    assert run(root, "validate")[0] == 0


def test_nothing_to_renumber_changes_nothing(root: Path) -> None:
    code, out = run(root, "hernummer", "--commit")
    assert code == 0
    assert "Niets te hernummeren" in out
    assert git(root, "status", "--porcelain").stdout == ""


def test_merging_main_into_a_branch_never_changes_an_id_main_has(root: Path) -> None:
    git(root, "checkout", "-qb", "tak-a")
    first = add_minutes_action(root, "ot-kvdj-2025-09-25", "Zaal boeken (**Actie Tjalling**).")
    assert run(root, "close", first, "--datum", "2025-10-01", "--commit")[0] == 0
    git(root, "checkout", "-q", "main")
    git(root, "checkout", "-qb", "tak-b")
    second = add_minutes_action(root, "ot-kvdj-2025-11-25", "Flyer maken (**Actie Sofie**).")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-edit", "tak-a")  # tak-a lands on main first
    git(root, "checkout", "-q", "tak-b")
    assert git(root, "merge", "--no-edit", "main").returncode == 0  # main into the branch
    code, out = run(root, "hernummer", "--commit")
    assert code == 0, out
    new = f"KVDJ-{int(first.split('-')[1]) + 1:03d}"
    assert f"Acties hernummerd: {second} → {new}" in out
    acties = root / "data" / "acties"
    assert front_matter(acties / "afgerond" / f"{first}.md")["wat"] == "Zaal boeken"  # main's
    assert front_matter(acties / "open" / f"{new}.md")["wat"] == "Flyer maken"
    assert run(root, "validate")[0] == 0
