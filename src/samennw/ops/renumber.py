"""``samennw hernummer`` (``renumber``): two branches gave two actions the same id.

Ids stay what they are: short and sequential per team (``KVDJ-044``), easy to say in a
meeting, and an id on main never changes. Two secretaries working on two branches can
both take the next free number; when the branches meet, this command gives the action of
the *other* branch (the newer one) the next free number and follows it everywhere it is
referred to, in one step:

* during a merge that git stopped on (both branches added ``acties/open/KVDJ-044.md``,
  an add/add conflict): the file keeps this branch's action; the other branch's action
  is written under the new id; both are staged, and ``git commit --no-edit`` concludes
  the merge;
* after a merge that git completed, which left the id twice (one branch closed its
  action, so ``open/KVDJ-044.md`` and ``afgerond/KVDJ-044.md`` both exist): the action
  that came in with the merged branch (not in the first parent of the merge; otherwise
  the one added last) gets the new id; ``--commit`` commits the change.

Whatever the direction of the merge, an action that main (or origin/main, master) has
keeps its id: merging main into a feature branch renumbers the feature's action.

The references that follow it: the action markers in the minutes of the meeting the
renumbered action came from (``**Actie KVDJ-044 – …**``), when they belong to it (that
meeting is not the other action's, or the marker's text is the renumbered action's).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from samennw.errors import GitStateError, OperationError
from samennw.importing.markers import MarkerKind, find_markers
from samennw.model.records import ActionStatus
from samennw.ops.extract import same_words
from samennw.ops.perform import Outcome
from samennw.storage.changeset import ChangeSet
from samennw.storage.frontmatter import parse, set_keys, split
from samennw.storage.paths import data_dir_of

_ACTION_FILE = re.compile(r"^(?P<id>[A-Z][A-Z0-9]*-\d{3,})\.md$")
_STATUSES = ("open", "afgerond")  # the folders of acties/ (ActionStatus.folder)


@dataclass(frozen=True, slots=True)
class Clash:
    action_id: str
    keep: Path  # the file that keeps the id (this branch's action)
    keep_text: str
    move_text: str  # the other branch's action, to be renumbered
    move_from: Path | None  # its file, when it has one of its own (after a merge)


def _git(top: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(top), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise GitStateError(f"git {args[0]} mislukte: {done.stderr.strip() or done.stdout}")
    return done.stdout


def _top(root: Path) -> Path | None:
    done = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def merging(top: Path) -> bool:
    git_dir = Path(_git(top, "rev-parse", "--absolute-git-dir").strip())
    return (git_dir / "MERGE_HEAD").exists()


def _main_blob(top: Path, rel: str) -> str | None:
    """The blob of ``rel`` on main (or origin/main, master, origin/master), if any: an id
    on main never changes."""
    for ref in ("main", "origin/main", "master", "origin/master"):
        done = subprocess.run(
            ["git", "-C", str(top), "rev-parse", "-q", "--verify", f"{ref}:{rel}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode == 0:
            return done.stdout.strip()
        known = subprocess.run(
            ["git", "-C", str(top), "rev-parse", "-q", "--verify", f"{ref}^{{commit}}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if known.returncode == 0:
            return None  # the branch exists and does not have the file
    return None


def _conflicts(top: Path, acties: Path) -> list[Clash]:
    """Add/add conflicts of action files in a merge git stopped on."""
    stages: dict[str, dict[int, str]] = {}
    for entry in _git(top, "ls-files", "-u", "-z", "--", str(acties)).split("\0"):
        if not entry:
            continue
        info, _, rel = entry.partition("\t")
        _mode, sha, stage = info.split()
        stages.setdefault(rel, {})[int(stage)] = sha
    clashes = []
    for rel, by_stage in sorted(stages.items()):
        match = _ACTION_FILE.match(Path(rel).name)
        if match is None or 1 in by_stage or not {2, 3} <= set(by_stage):
            continue  # not an add/add of an action: an edit conflict is for a person
        keep, move = by_stage[2], by_stage[3]  # this branch's action keeps the id …
        if _main_blob(top, rel) == move:
            keep, move = move, keep  # … unless the other one is main's
        ours = _git(top, "cat-file", "blob", keep)
        theirs = _git(top, "cat-file", "blob", move)
        clashes.append(Clash(match.group("id"), top / rel, ours, theirs, None))
    return clashes


def _in_first_parent(top: Path, path: Path) -> bool | None:
    """Whether the merge commit's first parent has ``path`` (None: HEAD is no merge)."""
    parents = _git(top, "rev-list", "--parents", "-n", "1", "HEAD").split()
    if len(parents) < 3:
        return None
    rel = path.relative_to(top).as_posix()
    done = subprocess.run(
        ["git", "-C", str(top), "cat-file", "-e", f"{parents[1]}:{rel}"],
        capture_output=True, check=False,
    )  # fmt: skip
    return done.returncode == 0


def _added_at(top: Path, path: Path) -> int:
    """When ``path`` was added (commit time); a file git does not have yet is newest."""
    rel = path.relative_to(top).as_posix()
    out = _git(top, "log", "-1", "--diff-filter=A", "--format=%ct", "--", rel).strip()
    return int(out) if out else 2**62


def _duplicates(top: Path | None, acties: Path) -> list[Clash]:
    """Ids that are in both acties/open/ and acties/afgerond/ (after a merge)."""
    names = {s: {p.name for p in (acties / s).glob("*.md")} for s in _STATUSES}
    clashes = []
    for name in sorted(names["open"] & names["afgerond"]):
        match = _ACTION_FILE.match(name)
        if match is None:
            continue
        first, second = acties / "open" / name, acties / "afgerond" / name
        keep, move = first, second
        on_main = (
            (_main_blob(top, first.relative_to(top).as_posix()) is not None,
             _main_blob(top, second.relative_to(top).as_posix()) is not None)
            if top is not None
            else (False, False)
        )  # fmt: skip
        if on_main == (False, True):
            keep, move = second, first
        elif on_main == (True, False):
            pass
        elif top is not None:
            in_first = (_in_first_parent(top, first), _in_first_parent(top, second))
            if in_first == (False, True) or (
                in_first != (True, False) and _added_at(top, first) > _added_at(top, second)
            ):
                keep, move = second, first
        clashes.append(
            Clash(
                match.group("id"),
                keep,
                keep.read_text(encoding="utf-8"),
                move.read_text(encoding="utf-8"),
                move,
            )
        )
    return clashes


def _free_ids(acties: Path, prefix: str, taken: set[str]) -> int:
    numbers = [
        int(m.group("id").split("-", 1)[1])
        for status in _STATUSES
        for p in (acties / status).glob(f"{prefix}-*.md")
        if (m := _ACTION_FILE.match(p.name))
    ]
    numbers += [int(t.split("-", 1)[1]) for t in taken if t.split("-", 1)[0] == prefix]
    return max(numbers, default=0) + 1


def _field(text: str, key: str) -> str | None:
    value = parse(text).data.get(key)
    return None if value is None else str(value)


def _follow(
    data: Path, clash: Clash, new_id: str, texts: dict[Path, tuple[str, str]]
) -> Path | None:
    """Rename the action's markers in the minutes it came from (``texts``: the files
    planned so far, path → (text before, text after)); returns the meeting file."""
    meeting_id = _field(clash.move_text, "vergadering")
    if not meeting_id or not re.fullmatch(r"[a-z0-9][a-z0-9-]*-\d{4}-\d{2}-\d{2}", meeting_id):
        return None
    path = data / "meetings" / meeting_id[-10:-6] / f"{meeting_id}.md"
    if not path.is_file():
        return None
    before, text = texts.get(path) or (path.read_text(encoding="utf-8"),) * 2
    shared = _field(clash.keep_text, "vergadering") == meeting_id
    wat = _field(clash.move_text, "wat")
    _, body, fence = split(text)
    lines = body.split("\n")
    changed = False
    for marker in find_markers(body):
        if marker.kind is not MarkerKind.ACTION or marker.id != clash.action_id:
            continue
        if shared and (wat is None or not same_words(marker.text, wat)):
            continue  # the marker of the action that keeps the id
        line = lines[marker.line]
        span = line[marker.start : marker.end].replace(clash.action_id, new_id, 1)
        lines[marker.line] = line[: marker.start] + span + line[marker.end :]
        changed = True
    if not changed:
        return None
    head = text.split("\n")[: fence + 1]
    texts[path] = (before, "\n".join([*head, *lines]))
    return path


def plan_renumber(root: Path) -> tuple[ChangeSet, str, bool]:
    """Plan the renumbering (see the module docstring): (changes, message, in a merge)."""
    data = data_dir_of(root)
    acties = data / "acties"
    top = _top(root)
    in_merge = top is not None and merging(top)
    clashes = _conflicts(top, acties) if in_merge and top is not None else []
    if not clashes:
        clashes = _duplicates(top, acties)
    changes = ChangeSet(root)
    if not clashes:
        return changes, "Niets te hernummeren: geen actiecode staat er twee keer", in_merge
    texts: dict[Path, tuple[str, str]] = {}
    taken: set[str] = set()
    renamed = []
    for clash in clashes:
        prefix = clash.action_id.split("-", 1)[0]
        new_id = f"{prefix}-{_free_ids(acties, prefix, taken):03d}"
        taken.add(new_id)
        status = _field(clash.move_text, "status") or "open"
        try:  # in uitvoering and geblokkeerd are in open/, geannuleerd in afgerond/
            folder = ActionStatus(status).folder
        except ValueError:
            raise OperationError(f"actie {clash.action_id}: onbekende status '{status}'") from None
        new_path = acties / folder / f"{new_id}.md"
        moved = set_keys(clash.move_text, {"id": new_id})
        changes.expect(new_path, None)
        if clash.move_from is not None:  # its own file: moved to the new id
            changes.expect(clash.move_from, clash.move_text.encode("utf-8"))
            changes.move(clash.move_from, new_path, moved)
        else:  # a conflicted file: it keeps this branch's action
            changes.expect(clash.keep, clash.keep.read_bytes())
            changes.write(clash.keep, clash.keep_text)
            changes.write(new_path, moved)
        meeting = _follow(data, clash, new_id, texts)
        where = f" (ook in {meeting.relative_to(root).as_posix()})" if meeting else ""
        renamed.append(f"{clash.action_id} → {new_id}{where}")
    for path, (before, after) in texts.items():
        changes.expect(path, before.encode("utf-8"))
        changes.write(path, after)
    message = "Acties hernummerd: " + ", ".join(renamed)
    return changes, message, in_merge


def renumber(data: Path | None, *, commit: bool) -> Outcome:
    """Carry out ``samennw hernummer`` under the write lock, all or nothing."""
    from samennw.ops.perform import writable_root
    from samennw.storage import gitops, recovery
    from samennw.storage.locking import write_lock

    root = writable_root(data)
    with write_lock(root):
        changes, message, in_merge = plan_renumber(root)
        if not changes.touched:
            return Outcome(message, [], None, [])
        touched = [p.relative_to(root) for p in changes.touched]
        if in_merge:
            if commit:
                raise GitStateError(
                    "--commit: git is midden in een samenvoeging (merge); hernummer zonder "
                    "--commit en rond de merge af met 'git commit --no-edit'. Er is niets "
                    "gewijzigd."
                )
            changes.prepare()
            changes.apply()
            top = _top(root)
            assert top is not None
            _git(top, "add", "-A", "--", *(str(p) for p in changes.touched))
            notice = (
                "opgelost en klaargezet in git; rond de samenvoeging af met: git commit --no-edit"
            )
            return Outcome(message, touched, None, [notice])
        notices = recovery.repair(root) + gitops.check_state(root, committing=commit)
        sha = recovery.carry_out(root, changes, message, commit=commit)
    return Outcome(message, touched, sha, notices)
