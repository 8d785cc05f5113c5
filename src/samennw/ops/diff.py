"""What changed in the records between two revisions: ``samennw diff`` (``verschil``).

Read straight from git, with no checkout: ``git diff-tree`` (two commits) or ``git diff``
plus the untracked files (a commit and the working tree) name the changed files below
``data/``; only those are read, on both sides (one ``git cat-file --batch`` process for
the blobs), parsed and compared record by record:

- actions by id (their file's name), so a move from ``acties/open/`` to
  ``acties/afgerond/`` is one action that was closed, whatever git's rename detection
  says;
- decisions by id across the changed meetings;
- meetings, action lines, and the persons, organisations, teams and domains of
  ``partners.yaml`` by id; important dates by date and text.

A record is compared in the form its model gives it (defaults filled in, empty values
left out: a key written with its default value is no change, and a decision whose
``uitslag`` becomes ``aangehouden`` shows ``genomen → aangehouden``); a record its model
refuses is compared as written.
A file that cannot be read at all (broken YAML, conflict markers) is reported as such
and its record is not compared.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from samennw.errors import DataFileError, SamennwError
from samennw.storage.paths import SYMLINK, data_dir_of, find_root, ignored

FORMATS = ("text", "markdown", "json")
WORKTREE = "werkmap"
NO_CHANGES = "Geen wijzigingen in de gegevens."
DEFAULT_BRANCHES = ("main", "master")

# (kind, change, heading): the groups of the report, in the order they are shown; the
# json shape has every kind and change, also when empty
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("acties", "toegevoegd", "Acties toegevoegd"),
    ("acties", "afgerond", "Acties afgerond"),
    ("acties", "geannuleerd", "Acties geannuleerd"),
    ("acties", "gestart", "Acties gestart"),
    ("acties", "geblokkeerd", "Acties geblokkeerd"),
    ("acties", "heropend", "Acties heropend"),
    ("acties", "termijn", "Acties met een andere termijn"),
    ("acties", "eigenaar", "Acties met een andere eigenaar"),
    ("acties", "tekst", "Acties met een andere tekst"),
    ("acties", "gewijzigd", "Acties anders gewijzigd"),
    ("acties", "verwijderd", "Acties verwijderd"),
    ("besluiten", "toegevoegd", "Besluiten toegevoegd"),
    ("besluiten", "gewijzigd", "Besluiten gewijzigd"),
    ("besluiten", "ingetrokken", "Besluiten ingetrokken"),
    ("besluiten", "verwijderd", "Besluiten verwijderd"),
    ("vergaderingen", "toegevoegd", "Vergaderingen toegevoegd"),
    ("vergaderingen", "vastgesteld", "Notulen vastgesteld"),
    ("vergaderingen", "gewijzigd", "Vergaderingen gewijzigd"),
    ("vergaderingen", "verwijderd", "Vergaderingen verwijderd"),
    ("personen", "toegevoegd", "Personen toegevoegd"),
    ("personen", "gewijzigd", "Personen gewijzigd"),
    ("personen", "verwijderd", "Personen verwijderd"),
    ("organisaties", "toegevoegd", "Organisaties toegevoegd"),
    ("organisaties", "gewijzigd", "Organisaties gewijzigd"),
    ("organisaties", "verwijderd", "Organisaties verwijderd"),
    ("teams", "toegevoegd", "Teams toegevoegd"),
    ("teams", "gewijzigd", "Teams gewijzigd"),
    ("teams", "verwijderd", "Teams verwijderd"),
    ("domeinen", "toegevoegd", "Domeinen toegevoegd"),
    ("domeinen", "gewijzigd", "Domeinen gewijzigd"),
    ("domeinen", "verwijderd", "Domeinen verwijderd"),
    ("actielijnen", "toegevoegd", "Actielijnen toegevoegd"),
    ("actielijnen", "gewijzigd", "Actielijnen gewijzigd"),
    ("actielijnen", "verwijderd", "Actielijnen verwijderd"),
    ("belangrijke_data", "toegevoegd", "Belangrijke data toegevoegd"),
    ("belangrijke_data", "gewijzigd", "Belangrijke data gewijzigd"),
    ("belangrijke_data", "verwijderd", "Belangrijke data verwijderd"),
)
KINDS = tuple(dict.fromkeys(kind for kind, _, _ in GROUPS))
PARTNER_SECTIONS = ("personen", "organisaties", "teams", "domeinen")
# the Markdown body of a record, by the name it has for users
BODY_NAMES = {"acties": "toelichting", "vergaderingen": "notulen", "actielijnen": "beschrijving"}


class DiffError(SamennwError):
    """A revision that cannot be compared (unknown, not a git repository, no commit)."""


# --- the report ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One key of a record that differs: ``old``/``new`` None when absent (or empty).

    A Markdown body (toelichting, notulen) is summed up in lines instead: ``lines``
    holds (added, removed) and ``old``/``new`` stay None.
    """

    field: str
    old: Any = None
    new: Any = None
    lines: tuple[int, int] | None = None

    def as_json(self) -> dict[str, Any]:
        if self.lines is not None:
            return {"veld": self.field, "regels_erbij": self.lines[0], "regels_eraf": self.lines[1]}
        return {"veld": self.field, "oud": self.old, "nieuw": self.new}


@dataclass(frozen=True, slots=True)
class Entry:
    """One record in a group: its id, title, file, facts shown with it, its changes."""

    id: str
    title: str
    file: str
    facts: tuple[tuple[str, str], ...] = ()
    changes: tuple[FieldChange, ...] = ()

    def as_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {"id": self.id, "titel": self.title, "bestand": self.file}
        item.update(self.facts)
        item["wijzigingen"] = [c.as_json() for c in self.changes]
        return item


@dataclass(frozen=True, slots=True)
class Side:
    """One end of the comparison: the revision as given and its commit (None: the
    working tree). ``branch``: the base is the merge-base of HEAD with this branch."""

    name: str
    commit: str | None
    branch: str | None = None

    def label(self) -> str:
        if self.commit is None:
            return "de werkmap"
        if self.branch is not None:
            return f"het aftakpunt van {self.branch} ({self.commit[:7]})"
        return f"{self.name} ({self.commit[:7]})"


@dataclass(slots=True)
class DiffReport:
    base: Side
    head: Side
    groups: dict[str, dict[str, list[Entry]]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS}
    )
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, message)

    def add(self, kind: str, change: str, entry: Entry) -> None:
        self.groups[kind].setdefault(change, []).append(entry)

    def sections(self) -> Iterator[tuple[str, list[Entry]]]:
        """(heading, entries) of every group that has entries, in the report's order."""
        for kind, change, heading in GROUPS:
            entries = self.groups[kind].get(change)
            if entries:
                yield heading, entries

    @property
    def empty(self) -> bool:
        return not self.unreadable and not any(self.groups[k] for k in KINDS)

    def count(self) -> int:
        return sum(len(e) for kind in KINDS for e in self.groups[kind].values())


# --- git -------------------------------------------------------------------------------


class _Git:
    """The git executable in the repository around ``root``; read-only commands."""

    def __init__(self, root: Path) -> None:
        exe = shutil.which("git")
        if exe is None:
            raise DiffError("git is niet gevonden; installeer git om te vergelijken")
        self.exe = exe
        # no index refresh written by a reading command (git diff would otherwise)
        self.env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
        top = self._run(root, "rev-parse", "--show-toplevel", check=False)
        if top is None:
            raise DiffError(f"'{root}' staat niet in een git-repository")
        self.top = Path(top.decode("utf-8", "surrogateescape").strip())

    def _run(self, cwd: Path, *args: str, check: bool = True, stdin: bytes = b"") -> bytes | None:
        proc = subprocess.run(
            [self.exe, "--literal-pathspecs", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=self.env,
            check=False,
        )
        if proc.returncode != 0:
            if check:
                message = proc.stderr.decode("utf-8", "replace").strip()
                raise DiffError(f"git gaf een fout: {message}")
            return None
        return proc.stdout

    def run(self, *args: str, stdin: bytes = b"") -> bytes:
        out = self._run(self.top, *args, stdin=stdin)
        assert out is not None
        return out

    def commit_of(self, revision: str) -> str | None:
        """The commit ``revision`` names, or None."""
        if revision.startswith("-") or not revision.strip():
            return None
        out = self._run(self.top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}",
                        check=False)  # fmt: skip
        return out.decode().strip() if out else None

    def cat(self, names: list[str]) -> dict[str, bytes | None]:
        """The blobs ``<commit>:<path>`` of ``names`` (None: there is none), in one
        ``git cat-file --batch``."""
        if not names:
            return {}
        out = self.run("cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
        found: dict[str, bytes | None] = {}
        pos = 0
        for name in names:
            end = out.index(b"\n", pos)
            header = out[pos:end].split(b" ")
            pos = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[name] = out[pos : pos + size]
                pos += size + 1
            elif len(header) == 3:  # a tree or other object where a file was expected
                pos += int(header[2]) + 1
                found[name] = None
            else:  # "<name> missing"
                found[name] = None
        return found


@dataclass(frozen=True, slots=True)
class _Changed:
    """A changed path (relative to the git top), with its mode on each side ("" absent)."""

    old_path: str | None
    new_path: str | None
    old_mode: str = ""
    new_mode: str = ""


def _raw_changes(out: bytes) -> list[_Changed]:
    """``git diff --raw -z`` output as changes."""
    parts = out.split(b"\0")
    changes: list[_Changed] = []
    i = 0
    while i < len(parts) - 1:
        meta = parts[i].decode()
        if not meta.startswith(":"):
            i += 1
            continue
        old_mode, new_mode, _, _, status = meta[1:].split(" ")
        first = parts[i + 1].decode("utf-8", "surrogateescape")
        if status[0] in "RC":
            second = parts[i + 2].decode("utf-8", "surrogateescape")
            i += 3
            old = first if status[0] == "R" else None
            changes.append(_Changed(old, second, old_mode if old else "", new_mode))
            continue
        i += 2
        absent = "000000"
        changes.append(
            _Changed(
                None if old_mode == absent else first,
                None if new_mode == absent else first,
                "" if old_mode == absent else old_mode,
                "" if new_mode == absent else new_mode,
            )
        )
    return changes


# --- reading both sides -----------------------------------------------------------------


@dataclass(slots=True)
class _Files:
    """The changed data files of one side: path below ``data/`` -> text or problem."""

    texts: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # path below data/ -> problem


def _read_sides(
    git: _Git, data_prefix: str, base: str, head: str | None
) -> tuple[_Files, _Files, Mapping[str, str]]:
    """The changed data files of both sides, and how they are shown (path from the
    data repository's root, ``data/…``)."""
    pathspec = f"{data_prefix}/"
    if head is None:
        raw = git.run("diff", "--raw", "-z", "-M", "--no-ext-diff", base, "--", pathspec)
        changes = _raw_changes(raw)
        untracked = git.run("ls-files", "-z", "--others", "--exclude-standard", "--", pathspec)
        changes += [
            _Changed(None, p.decode("utf-8", "surrogateescape"), "", "untracked")
            for p in untracked.split(b"\0")
            if p
        ]
    else:
        raw = git.run("diff-tree", "-r", "-z", "--raw", "-M", "--no-commit-id", base, head,
                      "--", pathspec)  # fmt: skip
        changes = _raw_changes(raw)
    old, new = _Files(), _Files()
    wanted_old: dict[str, str] = {}  # git object name -> path below data/
    wanted_new: dict[str, str] = {}
    disk_new: dict[str, Path] = {}
    shown: dict[str, str] = {}
    cut = len(data_prefix) + 1
    for change in changes:
        for side, path, mode in (
            ("old", change.old_path, change.old_mode),
            ("new", change.new_path, change.new_mode),
        ):
            if path is None:
                continue
            rel = path[cut:]
            if not _is_data_file(rel):
                continue
            shown[rel] = f"data/{rel}"
            files = old if side == "old" else new
            problem = _mode_problem(mode, git.top / path if side == "new" and not head else None)
            if problem:
                files.problems[rel] = f"{shown[rel]}: {problem}"
            elif "\n" in path:
                files.problems[rel] = f"{shown[rel]}: een regeleinde in de naam; niet gelezen"
            elif side == "old":
                wanted_old[f"{base}:{path}"] = rel
            elif head is None:
                disk_new[rel] = git.top / path
            else:
                wanted_new[f"{head}:{path}"] = rel
    blobs = git.cat([*wanted_old, *wanted_new])
    for names, files in ((wanted_old, old), (wanted_new, new)):
        for name, rel in names.items():
            blob = blobs.get(name)
            if blob is None:
                files.problems[rel] = f"{shown[rel]}: geen gewoon bestand"
                continue
            _decode(blob, rel, files, shown)
    for rel, disk in disk_new.items():
        from samennw.storage.reader import read_bytes

        try:
            _decode(read_bytes(disk), rel, new, shown)
        except DataFileError as exc:
            new.problems[rel] = f"{shown[rel]}: {exc.message}"
    return old, new, shown


def _decode(raw: bytes, rel: str, files: _Files, shown: Mapping[str, str]) -> None:
    from samennw.storage.reader import decode_text

    try:
        files.texts[rel] = decode_text(raw, Path(shown[rel]))
    except DataFileError as exc:
        files.problems[rel] = str(exc)


def _mode_problem(mode: str, on_disk: Path | None) -> str | None:
    if mode == "120000" or (on_disk is not None and on_disk.is_symlink()):
        return SYMLINK
    if mode == "160000":
        return "een submodule in de gegevensmap wordt niet gelezen"
    return None


def _is_data_file(rel: str) -> bool:
    """A file below ``data/`` that holds records (by its place and name)."""
    path = PurePosixPath(rel)
    if any(ignored(part) for part in path.parts):
        return False
    if len(path.parts) == 1:
        return rel in ("partners.yaml", "belangrijke-data.yaml")
    return path.parts[0] in ("meetings", "actielijnen", "acties") and path.suffix == ".md"


# --- records -----------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clean(value: Any) -> Any:
    """``value`` without empty keys at any depth: absent, null, "" and [] are the same."""
    if isinstance(value, dict):
        return {str(k): c for k, v in value.items() if not _empty(c := _clean(v))}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _canonical(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The record as its model has it (defaults filled in); as written when refused."""
    from pydantic import ValidationError

    try:
        obj = model.model_validate(data)
    except ValidationError:
        return dict(_clean(data))
    dumped = obj.model_dump(mode="json")
    return dict(_clean(dumped))


@dataclass(slots=True)
class _Record:
    id: str
    file: str
    data: dict[str, Any]
    body: str = ""


def _front_matter_records(
    files: _Files, folder: str, model: Any, shown: Mapping[str, str], problems: list[str]
) -> tuple[dict[str, _Record], set[str]]:
    """The records of one folder's changed files by id (their name), and the ids whose
    file could not be read (or that stand twice)."""
    from samennw.storage.frontmatter import parse

    records: dict[str, _Record] = {}
    broken: set[str] = set()
    for rel in sorted([*files.texts, *files.problems]):
        if not rel.startswith(f"{folder}/"):
            continue
        stem = PurePosixPath(rel).stem
        if rel in files.problems:
            problems.append(files.problems[rel])
            broken.add(stem)
            continue
        try:
            doc = parse(files.texts[rel], Path(shown[rel]))
        except DataFileError as exc:
            problems.append(str(exc) if exc.location else f"{shown[rel]}: {exc.message}")
            broken.add(stem)
            continue
        if stem in records:
            problems.append(f"{shown[rel]}: dubbele code '{stem}' (ook in {records[stem].file})")
            broken.add(stem)
            continue
        data = _canonical(model, {**doc.data, "body": ""})
        records[stem] = _Record(stem, shown[rel], data, doc.body.strip())
    return records, broken


def _yaml_file(
    files: _Files, name: str, shown: Mapping[str, str], problems: list[str]
) -> tuple[Any, bool]:
    """The data of ``partners.yaml`` or ``belangrijke-data.yaml`` on one side
    (None when it did not change or is absent) and whether it could be read."""
    from samennw.storage.yamlreader import load_yaml

    if name in files.problems:
        problems.append(files.problems[name])
        return None, False
    if name not in files.texts:
        return None, True
    try:
        data, _ = load_yaml(files.texts[name], Path(shown[name]))
    except DataFileError as exc:
        problems.append(str(exc))
        return None, False
    return data, True


# --- comparing -----------------------------------------------------------------------------


def _field_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], skip: tuple[str, ...] = ("id",)
) -> list[FieldChange]:
    keys = [k for k in (*old, *(k for k in new if k not in old)) if k not in skip]
    changes = []
    for k in keys:
        a, b = old.get(k), new.get(k)
        if a == b:
            continue
        if k in _PERSONAL:  # personal data: that it changed, not what it was or is
            a, b = (None if a is None else HIDDEN), (None if b is None else HIDDEN_NEW)
        changes.append(FieldChange(k, a, b))
    return changes


# keys whose values a summary never shows: it goes into pull-request comments and logs
_PERSONAL = frozenset({"email"})
HIDDEN, HIDDEN_NEW = "(verborgen)", "(verborgen, nieuw)"


def _body_change(name: str, old: str, new: str) -> list[FieldChange]:
    if old == new:
        return []
    added = removed = 0
    a, b = old.splitlines(), new.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return [FieldChange(name, lines=(added, removed))]


def _pair(
    old: Mapping[str, _Record], new: Mapping[str, _Record], broken: set[str]
) -> Iterator[tuple[str, _Record | None, _Record | None]]:
    for key in sorted({*old, *new} - broken):
        yield key, old.get(key), new.get(key)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _action_facts(data: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    keys = ("team", "wie", "wanneer", "status")
    return tuple((k, _text(data[k])) for k in keys if not _empty(data.get(k)))


# a new status -> the group of the change, and the keys that say it (shown as facts)
_STATUS_CHANGES = {
    "afgerond": "afgerond",
    "geannuleerd": "geannuleerd",
    "in uitvoering": "gestart",
    "geblokkeerd": "geblokkeerd",
    "open": "heropend",
}
_STATUS_FACTS: dict[str, tuple[str, ...]] = {
    "afgerond": ("afgerond_op", "afgerond_in"),
    "geannuleerd": ("geannuleerd_op", "geannuleerd_in", "reden"),
    "in uitvoering": (),
    "geblokkeerd": ("reden",),
    "open": (),
}
_STATUS_KEYS = frozenset(key for keys in _STATUS_FACTS.values() for key in keys)


def _compare_actions(
    report: DiffReport, old: Mapping[str, _Record], new: Mapping[str, _Record], broken: set[str]
) -> None:
    for key, a, b in _pair(old, new, broken):
        if a is None or b is None:
            rec = b or a
            assert rec is not None
            change = "toegevoegd" if a is None else "verwijderd"
            added = Entry(key, _text(rec.data.get("wat")), rec.file, _action_facts(rec.data))
            report.add("acties", change, added)
            continue
        o, n = a.data, b.data
        title, file = _text(n.get("wat")), b.file

        def entry(
            changes: list[FieldChange],
            facts: tuple[tuple[str, str], ...] = (),
            at: tuple[str, str, str] = (key, title, file),
        ) -> Entry:
            return Entry(*at, facts, tuple(changes))

        handled = {"id", "status", "wat", "wie", "betrokkenen", "wanneer"}
        was, now = _text(o.get("status")), _text(n.get("status"))
        group = _STATUS_CHANGES.get(now) if was != now else None
        if group is not None:
            handled |= {*_STATUS_KEYS, "updates"}
            said = tuple((k, _text(n[k])) for k in _STATUS_FACTS[now] if k in n)
            updates = _update_changes(o.get("updates"), n.get("updates"))
            report.add("acties", group, entry(updates, said))
        if o.get("wanneer") != n.get("wanneer"):
            report.add("acties", "termijn", entry(_only(o, n, "wanneer")))
        if o.get("wie") != n.get("wie") or o.get("betrokkenen") != n.get("betrokkenen"):
            report.add("acties", "eigenaar", entry(_only(o, n, "wie", "betrokkenen")))
        if o.get("wat") != n.get("wat"):
            report.add("acties", "tekst", entry(_only(o, n, "wat")))
        rest = [c for c in _field_changes(o, n) if c.field not in handled]
        rest = [
            u
            for c in rest
            for u in (_update_changes(c.old, c.new) if c.field == "updates" else [c])
        ]
        rest += _body_change(BODY_NAMES["acties"], a.body, b.body)
        if rest:
            report.add("acties", "gewijzigd", entry(rest))


def _only(old: Mapping[str, Any], new: Mapping[str, Any], *keys: str) -> list[FieldChange]:
    """The changes of ``keys`` only."""
    return [FieldChange(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]


def _update_changes(old: Any, new: Any) -> list[FieldChange]:
    """New updates one by one (the usual change: appended), else the list as a whole."""
    old_list = old if isinstance(old, list) else []
    new_list = new if isinstance(new, list) else []
    if old_list == new_list:
        return []
    if new_list[: len(old_list)] == old_list:
        return [FieldChange("update", None, item) for item in new_list[len(old_list) :]]
    return [FieldChange("updates", old, new)]


def _decisions(
    meetings: Mapping[str, _Record], broken: set[str]
) -> dict[str, tuple[str, dict[str, Any], str]]:
    """Decision id -> (meeting id, decision, meeting file) of the readable meetings."""
    found: dict[str, tuple[str, dict[str, Any], str]] = {}
    for meeting_id, rec in meetings.items():
        if meeting_id in broken:
            continue
        entries = rec.data.get("besluiten")
        for decision in entries if isinstance(entries, list) else []:
            if isinstance(decision, dict) and isinstance(decision.get("id"), str):
                found.setdefault(decision["id"], (meeting_id, decision, rec.file))
    return found


def _compare_decisions(
    report: DiffReport, old: Mapping[str, _Record], new: Mapping[str, _Record], broken: set[str]
) -> None:
    before, after = _decisions(old, broken), _decisions(new, broken)
    for key in sorted({*before, *after}):
        a, b = before.get(key), after.get(key)
        meeting, data, file = b or a  # type: ignore[misc]
        facts = (("vergadering", meeting),)
        title = _text(data.get("tekst"))
        if a is None or b is None:
            change = "toegevoegd" if a is None else "verwijderd"
            report.add("besluiten", change, Entry(key, title, file, facts))
            continue
        changes = _field_changes(a[1], b[1])
        if a[0] != b[0]:
            changes.insert(0, FieldChange("vergadering", a[0], b[0]))
        if not changes:
            continue
        withdrawn = b[1].get("uitslag") == "ingetrokken" != a[1].get("uitslag")
        shown_changes = [c for c in changes if not (withdrawn and c.field == "uitslag")]
        report.add("besluiten", "ingetrokken" if withdrawn else "gewijzigd",
                   Entry(key, title, file, facts, tuple(shown_changes)))  # fmt: skip


def _meeting_title(data: Mapping[str, Any], key: str) -> str:
    return _text(data.get("titel")) or key


def _meeting_facts(data: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((k, _text(data[k])) for k in ("team", "datum") if not _empty(data.get(k)))


def _compare_meetings(
    report: DiffReport, old: Mapping[str, _Record], new: Mapping[str, _Record], broken: set[str]
) -> None:
    for key, a, b in _pair(old, new, broken):
        if a is None or b is None:
            rec = b or a
            assert rec is not None
            change = "toegevoegd" if a is None else "verwijderd"
            one = Entry(key, _meeting_title(rec.data, key), rec.file, _meeting_facts(rec.data))
            report.add("vergaderingen", change, one)
            continue
        o, n = a.data, b.data
        title = _meeting_title(n, key)
        skip: tuple[str, ...] = ("id", "besluiten")
        if n.get("notulen_status") == "vastgesteld" != o.get("notulen_status"):
            skip += ("notulen_status", "vastgesteld_op", "vastgesteld_in")
            fixed = tuple((k, _text(n[k])) for k in ("vastgesteld_op", "vastgesteld_in") if k in n)
            report.add("vergaderingen", "vastgesteld", Entry(key, title, b.file, fixed))
        rest = _field_changes(o, n, skip=skip) + _body_change("notulen", a.body, b.body)
        if rest:
            report.add("vergaderingen", "gewijzigd", Entry(key, title, b.file, (), tuple(rest)))


def _compare_plain(
    report: DiffReport,
    kind: str,
    old: Mapping[str, _Record],
    new: Mapping[str, _Record],
    broken: set[str],
    title: Callable[[Mapping[str, Any], str], str],
) -> None:
    """Records compared key by key: added, changed, removed (action lines, partners,
    important dates)."""
    body_name = BODY_NAMES.get(kind, "tekst")
    for key, a, b in _pair(old, new, broken):
        if a is None or b is None:
            rec = b or a
            assert rec is not None
            change = "toegevoegd" if a is None else "verwijderd"
            report.add(kind, change, Entry(key, title(rec.data, key), rec.file))
            continue
        changes = _field_changes(a.data, b.data) + _body_change(body_name, a.body, b.body)
        if changes:
            report.add(kind, "gewijzigd", Entry(key, title(b.data, key), b.file, (),
                                                tuple(changes)))  # fmt: skip


def _named(data: Mapping[str, Any], key: str) -> str:
    return _text(data.get("naam") or data.get("functie") or data.get("titel")) or key


def _partner_records(data: Any, section: str, file: str) -> tuple[dict[str, _Record], set[str]]:
    from samennw.model.records import Domain, Organisation, Person, Team

    model = {"personen": Person, "organisaties": Organisation, "teams": Team,
             "domeinen": Domain}[section]  # fmt: skip
    entries = data.get(section) if isinstance(data, dict) else None
    records: dict[str, _Record] = {}
    twice: set[str] = set()
    for item in entries if isinstance(entries, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        if item["id"] in records:
            twice.add(item["id"])
        records[item["id"]] = _Record(item["id"], file, _canonical(model, item))
    return records, twice


def _date_records(data: Any, file: str) -> tuple[dict[str, _Record], set[str]]:
    from samennw.model.records import ImportantDate

    records: dict[str, _Record] = {}
    twice: set[str] = set()
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict):
            continue
        key = f"{_text(item.get('datum'))} {_text(item.get('wat'))}".strip()
        if key in records:
            twice.add(key)
        records[key] = _Record(key, file, _canonical(ImportantDate, item))
    return records, twice


def _date_title(data: Mapping[str, Any], key: str) -> str:
    from samennw.model.dates import format_date

    try:
        day = format_date(date.fromisoformat(_text(data.get("datum"))))
    except ValueError:
        day = _text(data.get("datum"))
    return f"{day}: {_text(data.get('wat'))}"


def compare(
    base: Side, head: Side, old: _Files, new: _Files, shown: Mapping[str, str]
) -> DiffReport:
    """The report of what changed from ``old`` to ``new`` (the changed files only)."""
    from samennw.model.records import Action, ActionLine, Meeting

    report = DiffReport(base, head)
    problems: list[str] = []
    for kind, folder, model in (
        ("acties", "acties", Action),
        ("vergaderingen", "meetings", Meeting),
        ("actielijnen", "actielijnen", ActionLine),
    ):
        before, broken = _front_matter_records(old, folder, model, shown, problems)
        after, broken_new = _front_matter_records(new, folder, model, shown, problems)
        broken |= broken_new
        if kind == "acties":
            _compare_actions(report, before, after, broken)
        elif kind == "vergaderingen":
            _compare_decisions(report, before, after, broken)
            _compare_meetings(report, before, after, broken)
        else:
            _compare_plain(report, kind, before, after, broken, _named)
    name = "partners.yaml"
    if name in shown:
        (a, ok_a), (b, ok_b) = (_yaml_file(f, name, shown, problems) for f in (old, new))
        if ok_a and ok_b:
            for section in PARTNER_SECTIONS:
                before, twice = _partner_records(a, section, shown[name])
                after, twice_new = _partner_records(b, section, shown[name])
                _compare_plain(report, section, before, after, twice | twice_new, _named)
    name = "belangrijke-data.yaml"
    if name in shown:
        (a, ok_a), (b, ok_b) = (_yaml_file(f, name, shown, problems) for f in (old, new))
        if ok_a and ok_b:
            before, twice = _date_records(a, shown[name])
            after, twice_new = _date_records(b, shown[name])
            _compare_plain(report, "belangrijke_data", before, after, twice | twice_new,
                           _date_title)  # fmt: skip
    report.unreadable = [_split_problem(p) for p in dict.fromkeys(problems)]
    return report


def _split_problem(problem: str) -> tuple[str, str]:
    """("data/…md:3:1", message) of a problem line."""
    where, _, message = problem.partition(": ")
    return where, message


# --- the operation ---------------------------------------------------------------------------


def _default_base(git: _Git) -> tuple[str, str | None]:
    """(commit, branch): the merge-base of HEAD with main (or master), else HEAD."""
    head = git.commit_of("HEAD")
    if head is None:
        raise DiffError("de repository heeft nog geen commit: er is niets om mee te vergelijken")
    for branch in DEFAULT_BRANCHES:
        for ref in (f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
            tip = git.commit_of(ref)
            if tip is None:
                continue
            out = git._run(git.top, "merge-base", head, tip, check=False)
            if out is None:
                raise DiffError(
                    f"HEAD en {branch} hebben geen gemeenschappelijke voorgeschiedenis; "
                    "geef de basis op: samennw diff BASIS"
                )
            shown = branch if ref.startswith("refs/heads/") else f"origin/{branch}"
            return out.decode().strip(), shown
    return head, None


def diff_revisions(
    data: Path | None, base: str | None = None, head: str | None = None
) -> DiffReport:
    """``samennw diff [BASE] [HEAD]``: what changed in the records from ``base`` to
    ``head`` (default: the merge-base of HEAD with main, and the working tree)."""
    root = find_root(data)
    git = _Git(root)
    data_dir = data_dir_of(root).resolve()
    try:
        data_prefix = data_dir.relative_to(git.top.resolve()).as_posix()
    except ValueError:
        raise DiffError(f"de gegevensmap '{data_dir}' staat niet in de git-repository") from None
    if base is None:
        base_commit, branch = _default_base(git)
        base_side = Side(branch or "HEAD", base_commit, branch)
    else:
        commit = git.commit_of(base)
        if commit is None:
            raise DiffError(f"onbekende git-revisie '{base}'")
        base_side = Side(base, commit)
    if head is None:
        head_side = Side(WORKTREE, None)
    else:
        commit = git.commit_of(head)
        if commit is None:
            raise DiffError(f"onbekende git-revisie '{head}'")
        head_side = Side(head, commit)
    assert base_side.commit is not None
    old, new, shown = _read_sides(git, data_prefix, base_side.commit, head_side.commit)
    return compare(base_side, head_side, old, new, shown)


# --- output -------------------------------------------------------------------------------

_TITLE_WIDTH = 100
_VALUE_WIDTH = 80


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _show(value: Any) -> str:
    if value is None:
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dict) and "persoon" in value:  # an attendee or a membership
        return _show(value["persoon"]) + _person_details(value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(v)}" for k, v in value.items())
    return str(value)


def _person_details(value: dict[str, Any]) -> str:
    """' (trekker, vanaf 1 januari 2025)': an attendee's or member's role, function,
    note and period, as a reviewer reads them."""
    from samennw.model.dates import format_date

    parts = [_show(value[k]) for k in ("rol", "functie", "noot") if value.get(k)]
    van, tot = value.get("van"), value.get("tot")
    days = [format_date(date.fromisoformat(str(d))) if d else "" for d in (van, tot)]
    if van and tot:
        parts.append(f"{days[0]} t/m {days[1]}")
    elif van:
        parts.append(f"vanaf {days[0]}")
    elif tot:
        parts.append(f"tot en met {days[1]}")
    return f" ({', '.join(parts)})" if parts else ""


def _change_text(change: FieldChange) -> str:
    if change.lines is not None:
        added, removed = change.lines
        return f"{change.field}: {added} regel(s) erbij, {removed} eraf"
    if change.field == "update" and isinstance(change.new, dict):
        update = f"{_text(change.new.get('datum'))}: {_show(change.new.get('tekst'))}"
        return f"update {_short(update, _VALUE_WIDTH)}"
    if isinstance(change.old, list) and isinstance(change.new, list):
        return f"{change.field}: {_list_change(change.old, change.new)}"
    old, new = (_short(_show(v), _VALUE_WIDTH) for v in (change.old, change.new))
    return f"{change.field}: {old} → {new}"


def _list_change(old: list[Any], new: list[Any]) -> str:
    """What a list gained and lost ('erbij sofie; eraf femke-halsema'), else its order."""
    added = [_show(v) for v in new if v not in old]
    removed = [_show(v) for v in old if v not in new]
    parts = [f"{word} {_short(', '.join(items), _VALUE_WIDTH)}"
             for word, items in (("erbij", added), ("eraf", removed)) if items]  # fmt: skip
    return "; ".join(parts) if parts else "andere volgorde"


def _details(entry: Entry) -> list[str]:
    facts = [f"{k}: {_short(v, _VALUE_WIDTH)}" for k, v in entry.facts]
    return facts + [_change_text(c) for c in entry.changes]


def _heading_line(report: DiffReport) -> str:
    return f"Wijzigingen in de gegevens van {report.base.label()} tot {report.head.label()}"


def as_text(report: DiffReport) -> str:
    lines = [_heading_line(report) + ":"]
    if report.empty:
        return f"{lines[0]}\n{NO_CHANGES}\n"
    for heading, entries in report.sections():
        lines += ["", f"{heading} ({len(entries)})"]
        width = max(len(e.id) for e in entries)
        for e in entries:
            details = "; ".join(_details(e))
            title = _short(e.title, _TITLE_WIDTH)
            lines.append(f"  {e.id.ljust(width)}  {title}" + (f" — {details}" if details else ""))
    if report.unreadable:
        lines += ["", f"Niet te lezen ({len(report.unreadable)})"]
        lines += [f"  {where}: {message}" for where, message in report.unreadable]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Plain text in a Markdown list item (no mention of a GitHub user: '@' as entity)."""
    from samennw.render.templating import md_cell

    return md_cell(text).replace("@", "&#64;")


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text and "\n" not in text else _md(text)


def as_markdown(report: DiffReport) -> str:
    """A pull-request comment: a heading, a list per group, ids in backticks."""
    if report.empty:
        return NO_CHANGES + "\n"

    def side(s: Side) -> str:
        if s.commit is None:
            return "de werkmap"
        if s.branch is not None:
            return f"het aftakpunt van {_code(s.branch)} ({_code(s.commit[:7])})"
        return f"{_code(s.name)} ({_code(s.commit[:7])})"

    n = report.count()
    lines = [
        "### Wijzigingen in de gegevens",
        "",
        f"{n} wijziging(en) van {side(report.base)} tot {side(report.head)}.",
    ]
    for heading, entries in report.sections():
        lines += ["", f"#### {heading} ({len(entries)})", ""]
        for e in entries:
            details = "; ".join(_md(d) for d in _details(e))
            title = _md(_short(e.title, _TITLE_WIDTH))
            lines.append(f"- {_code(e.id)} {title}" + (f" — {details}" if details else ""))
    if report.unreadable:
        lines += ["", f"#### Niet te lezen ({len(report.unreadable)})", ""]
        lines += [f"- {_code(where)}: {_md(message)}" for where, message in report.unreadable]
    return "\n".join(lines) + "\n"


def as_json(report: DiffReport) -> str:
    def side(s: Side) -> dict[str, Any]:
        return {"revisie": s.name, "commit": s.commit, "aftakpunt_van": s.branch}

    shape: dict[str, Any] = {
        "basis": side(report.base),
        "doel": side(report.head),
        "aantal": report.count(),
    }
    for kind, change, _ in GROUPS:
        entries = report.groups[kind].get(change, [])
        shape.setdefault(kind, {})[change] = [e.as_json() for e in entries]
    shape["onleesbaar"] = [{"bestand": w, "melding": m} for w, m in report.unreadable]
    return json.dumps(shape, ensure_ascii=False, indent=2)


def render(report: DiffReport, fmt: str) -> str:
    """The report as ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return as_json(report)
    if fmt == "markdown":
        return as_markdown(report)
    return as_text(report)
