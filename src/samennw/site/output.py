"""Writing the site folder safely: only ever replacing what an earlier run made.

A run writes everything into a fresh folder next to the target (``.<naam>.samennw-*``)
and then swaps it in. The target may be missing, an empty folder, or a folder an
earlier ``samennw site`` made: its manifest (:data:`MANIFEST`) lists every file it
wrote, and a folder holding anything else is refused before anything is written.
Nothing that the manifest does not list is ever deleted.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from samennw.errors import SamennwError

MANIFEST = ".samennw-site.json"
FORMAT = 1


class SiteError(SamennwError):
    """The site cannot be written where asked."""


def _listing(folder: Path) -> tuple[set[str], set[str]]:
    """(files, folders) below ``folder``, relative POSIX paths; symbolic links are files."""
    files: set[str] = set()
    dirs: set[str] = set()
    for top, subdirs, names in os.walk(folder):
        base = Path(top).relative_to(folder)
        for name in list(subdirs):
            path = Path(top) / name
            rel = (base / name).as_posix()
            if path.is_symlink():
                files.add(rel)
                subdirs.remove(name)
            else:
                dirs.add(rel)
        files.update((base / name).as_posix() for name in names)
    return files, dirs


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest of the site in ``out``; None when ``out`` is missing or empty.

    Refused (in Dutch, nothing written): ``out`` is a file or a symbolic link, or holds
    anything the manifest does not list (or has no manifest and is not empty).
    """
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SiteError(f"'{out}' is geen map (niets geschreven)")
    if not out.exists():
        if not out.parent.is_dir():
            raise SiteError(
                f"map '{out.parent}' bestaat niet; maak die eerst aan (niets geschreven)"
            )
        return None
    files, dirs = _listing(out)
    if not files and not dirs:
        return None
    manifest: dict[str, Any] | None = None
    path = out / MANIFEST
    if MANIFEST in files and not path.is_symlink():
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and isinstance(loaded.get("bestanden"), dict):
                manifest = loaded
    if manifest is None:
        raise SiteError(
            f"map '{out}' bevat bestanden die niet door 'samennw site' zijn gemaakt (geen "
            f"{MANIFEST}); kies een lege of nieuwe map (niets geschreven)"
        )
    ours = set(manifest["bestanden"]) | {MANIFEST}
    parents = set()
    for name in ours:
        while "/" in name:
            name = name.rsplit("/", 1)[0]
            parents.add(name)
    strangers = sorted((files - ours) | (dirs - parents))
    if strangers:
        shown = ", ".join(strangers[:3]) + (" …" if len(strangers) > 3 else "")
        raise SiteError(
            f"map '{out}' bevat bestanden die niet door 'samennw site' zijn gemaakt "
            f"({shown}); verplaats ze of kies een andere map (niets geschreven)"
        )
    return manifest


def fresh_folder(out: Path) -> Path:
    """A new, empty folder next to ``out`` to build the site in."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.samennw-", dir=out.parent))


def write_file(folder: Path, rel: str, data: bytes) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as fh:  # a fresh folder: never overwrites
        fh.write(data)


def reuse_file(old: Path, folder: Path, rel: str) -> bool:
    """Put the earlier run's ``rel`` into ``folder`` (a hard link, else a copy)."""
    target = folder / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old / rel, target)
    except OSError:
        try:
            shutil.copyfile(old / rel, target)
        except OSError:
            return False
    return True


def swap_in(new: Path, out: Path, old_manifest: dict[str, Any] | None) -> list[str]:
    """Make ``new`` the site at ``out``; the earlier site's own files are removed.

    The target is checked again first (a file may have appeared meanwhile). Returns what
    could not be removed of the old site (nothing, normally).
    """
    current = read_manifest(out)
    if (current is None) != (old_manifest is None):
        raise SiteError(f"map '{out}' is tijdens het bouwen veranderd (niets vervangen)")
    if not out.exists():
        new.rename(out)
        return []
    if current is None:  # an empty folder
        out.rmdir()
        new.rename(out)
        return []
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.samennw-oud-", dir=out.parent))
    retired.rmdir()
    out.rename(retired)
    new.rename(out)
    left: list[str] = []
    for rel in [*current["bestanden"], MANIFEST]:
        with contextlib.suppress(FileNotFoundError):
            try:
                (retired / rel).unlink()
            except OSError:
                left.append(rel)
    for top, _dirs, _names in sorted(os.walk(retired, topdown=False), key=lambda w: -len(w[0])):
        with contextlib.suppress(OSError):
            Path(top).rmdir()  # only empty folders
    if retired.exists():
        left.append(str(retired))
    return left


def discard(folder: Path) -> None:
    """Remove a build folder this run made (after a failure)."""
    shutil.rmtree(folder, ignore_errors=True)
