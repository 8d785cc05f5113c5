"""An on-disk index of the facts a query needs, so a member's query is instant.

``<repository>/.samennw-cache/index.json`` (git-ignored by its own ``.gitignore``)
keeps, per data file, its stat key (size, mtime_ns, ctime_ns, inode) and the few facts
a query uses. Every command stats every file; an entry is reused only when the key is
unchanged *and* the file was not modified in the last seconds before the index was
written (the "racily clean" case git knows: a change within the same timestamp tick
would be invisible to the key). Anything else is parsed again, so an edit, rename or
deletion is seen by the very next command.

The index is JSON, never pickle, and carries an HMAC made with a key from the user's
cache folder: an index committed to a repository (or written by anyone else) fails the
check and is rebuilt, so it can never make CI trust data it did not read. A corrupt
index, or one from another samennw version, is thrown away and rebuilt. Writes are
atomic renames, so concurrent commands never see half an index.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__
from .errors import DataFileError, Location, Problem
from .models import Action, Partners
from .paths import check_no_symlinks, data_dir_of, find_root, register, uses_embedded, walk
from .query import ActionFacts, Catalog
from .store import FOLDERS, load_document, load_partners

CACHE_DIR = ".samennw-cache"
VERSION = f"samennw-index-4/{__version__}"
RACY_NS = 3_000_000_000  # files modified this close to writing the index are re-read


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "samennw" / "index-key"


def _secret() -> bytes | None:
    """The per-user key that signs indexes; None when it cannot be kept."""
    path = _key_file()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
        tmp.replace(path)  # a concurrent creator may win: read whatever is there now
        return path.read_bytes()
    except OSError:
        return None


def _read(path: Path, key: bytes) -> dict[str, list[Any]]:
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    mac, _, body = raw.partition(b"\n")
    expected = hmac.new(key, body, hashlib.sha256).hexdigest().encode()
    if not hmac.compare_digest(mac, expected):
        return {}  # corrupt, foreign or from an older key: rebuild
    try:
        data = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _write(folder: Path, key: bytes, files: dict[str, list[Any]]) -> None:
    """Write the index atomically; a failure only costs speed, never correctness."""
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists() and not ignore.is_symlink():
            fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("# samennw cache: never commit\n*\n")
        now = time.time_ns()
        for entry in files.values():
            entry[4] = entry[1] >= now - RACY_NS  # racy: do not trust next time
        body = json.dumps(
            {"version": VERSION, "files": files}, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        mac = hmac.new(key, body, hashlib.sha256).hexdigest().encode()
        tmp = folder / f".index.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(mac + b"\n" + body)
        tmp.replace(folder / "index.json")
    except OSError:
        pass


def _action_facts(r: list[Any], shown: str) -> ActionFacts:
    """ActionFacts from an index record (its fields in order, without the path)."""
    return ActionFacts(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]), r[7], r[8], shown)


def _facts(obj: Any, kind: str) -> list[Any]:
    """What the index keeps of one file."""
    if kind == "acties":
        a: Action = obj
        if a.status.value != "open":
            return [a.id, a.status.value, a.team]  # a query looks no further at closed ones
        facts = ActionFacts.of(a)
        return [getattr(facts, f.name) for f in fields(ActionFacts) if f.name != "path"]
    if kind == "meetings":
        return [obj.id, obj.datum.isoformat()]
    return [obj.id, obj.domein]


class _Stub:
    """Enough of a loaded object for duplicate/file-name checks of cached entries."""

    def __init__(self, obj_id: str, shown: str) -> None:
        self.id = obj_id
        self._shown = shown

    def locate(self, *key: str | int) -> Location:
        return Location(Path(self._shown))


def load_catalog(data: Path | None) -> Catalog:
    """The query catalog of the chosen repository, via the index when possible.

    No index is written for the embedded data set (it belongs to the installation).
    """
    root = find_root(data)
    data_dir = data_dir_of(root)
    check_no_symlinks(data_dir)
    problems: list[Problem] = []
    cache_dir = root / CACHE_DIR
    usable = not uses_embedded(data) and not cache_dir.is_symlink()
    key = _secret() if usable else None
    index_path = cache_dir / "index.json"
    old = _read(index_path, key) if key else {}
    new: dict[str, list[Any]] = {}
    prefix = len(str(root)) + 1

    partners, reused = _cached_partners(data_dir, root, old, new, problems)
    changed = not reused
    actions: list[ActionFacts] = []
    meeting_dates: dict[str, Any] = {}
    line_domains: dict[str, str | None] = {}
    action_teams: dict[str, str] = {}
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many short-lived objects, no cycles: the collector only costs time here
    try:
        _scan(
            data_dir,
            root,
            prefix,
            old,
            new,
            problems,
            actions,
            meeting_dates,
            line_domains,
            action_teams,
        )
    finally:
        if gc_was_enabled:
            gc.enable()
    changed = changed or old.keys() != new.keys() or any(new[k] is not old.get(k) for k in new)
    if key is not None and changed:
        _write(cache_dir, key, new)
    return Catalog(
        root,
        partners,
        actions,
        meeting_dates,
        line_domains,
        lambda facts: _load_action(root, facts),
        problems,
        action_teams=action_teams,
    )


def _scan(
    data_dir: Path,
    root: Path,
    prefix: int,
    old: dict[str, list[Any]],
    new: dict[str, list[Any]],
    problems: list[Problem],
    actions: list[ActionFacts],
    meeting_dates: dict[str, Any],
    line_domains: dict[str, str | None],
    action_teams: dict[str, str],
) -> None:
    """Walk the data folders: reuse index entries whose stat key is unchanged, parse the rest."""
    for folder, model in FOLDERS:
        seen: dict[str, Any] = {}
        for entry in walk(data_dir / folder, problems, root):
            shown = entry.path[prefix:]
            st = entry.stat(follow_symlinks=False)
            cached = old.get(shown)
            if (
                cached is not None
                and cached[1] == st.st_mtime_ns
                and cached[2] == st.st_ctime_ns
                and cached[0] == st.st_size
                and cached[3] == st.st_ino
                and not cached[4]
            ):
                record = cached[5]
                if record[0] in seen or entry.name[:-3] != record[0]:
                    register(_Stub(record[0], shown), entry.name[:-3], seen, problems)  # type: ignore[arg-type]
                    continue
                seen[record[0]] = shown  # register() turns this into a location if needed
                new[shown] = cached
            else:
                obj = load_document(
                    Path(entry.path), model, Path(shown), problems, keep_lines=False
                )
                if obj is None:
                    continue
                record = _facts(obj, folder)
                if not register(obj, entry.name[:-3], seen, problems):
                    continue
                seen[record[0]] = shown  # keep the file name, not the model (memory)
                new[shown] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, False, record]
            if folder == "acties":
                action_teams[record[0]] = record[2]
                if record[1] == "open":  # a query only looks at open actions
                    actions.append(_action_facts(record, shown))
            elif folder == "meetings":
                meeting_dates[record[0]] = date.fromisoformat(record[1])
            else:
                line_domains[record[0]] = record[1]


def _cached_partners(
    data_dir: Path,
    root: Path,
    old: dict[str, list[Any]],
    new: dict[str, list[Any]],
    problems: list[Problem],
) -> tuple[Partners, bool]:
    """partners.yaml from the index (reused=True) or freshly loaded."""
    path = data_dir / "partners.yaml"
    shown = str(path.relative_to(root))
    try:
        st = path.stat(follow_symlinks=False)
    except OSError:
        return load_partners(data_dir, root, problems), False
    stat_key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    cached = old.get(shown)
    if cached is not None and cached[:4] == stat_key and not cached[4]:
        new[shown] = cached
        return Partners.model_validate(cached[5]), True
    before = len(problems)
    partners = load_partners(data_dir, root, problems)
    if len(problems) == before and not path.is_symlink():
        new[shown] = [*stat_key, False, partners.model_dump(mode="json")]
    return partners, False


def _load_action(root: Path, facts: ActionFacts) -> Action:
    problems: list[Problem] = []
    action = load_document(root / facts.path, Action, Path(facts.path), problems)
    if action is None:
        first = problems[0] if problems else None
        raise DataFileError(
            first.message if first else "kan actie niet lezen",
            first.location if first else Location(Path(facts.path)),
        )
    return action
