"""Writing the site folder safely: only ever replacing what an earlier run made.

A run writes everything into a fresh folder next to the target (``.<naam>.samennw-*``)
and then swaps it in. The target may be missing, an empty folder, or a folder an
earlier ``samennw site`` made: its manifest (:data:`MANIFEST`) lists every file it
wrote with its sha256 and size. A folder holding anything else, or a file the manifest
lists that is no longer what was written (changed by hand, or a manifest copied into
someone else's folder), is refused before anything is written. Nothing that the manifest
does not list, and nothing changed since, is ever deleted or replaced. The site's
folders and files get the modes a plain ``mkdir`` and ``open`` give (umask applied).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

from samennw.errors import SamennwError

MANIFEST = ".samennw-site.json"
FORMAT = 1


class SiteError(SamennwError):
    """The site cannot be written where asked."""


def _safe_name(name: object) -> bool:
    """A manifest entry names a file below the site: relative, no '..', no empty parts."""
    if not isinstance(name, str) or not name or "\\" in name or name.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def _strangers(out: Path, ours: set[str], parents: set[str], limit: int) -> list[str]:
    """Up to ``limit`` entries below ``out`` that are not the site's, breadth first.

    Stops at the ``limit``-th one: refusing a wrong folder (say '/') costs one look at it,
    not a walk through everything below it. A folder that is not the site's is not
    entered; a symbolic link is an entry of its own (never followed).
    """
    found: list[str] = []
    todo = [""]
    while todo and len(found) < limit:
        base = todo.pop(0)
        folder = out / base if base else out
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    rel = f"{base}/{entry.name}" if base else entry.name
                    if entry.is_dir(follow_symlinks=False) and rel in parents:
                        todo.append(rel)
                    elif rel not in ours or entry.is_dir(follow_symlinks=False):
                        found.append(rel)
                        if len(found) >= limit:
                            break
        except OSError as exc:
            raise SiteError(
                f"map '{folder}' is niet te lezen ({exc.strerror}); niets geschreven"
            ) from None
    return sorted(found)


def _file_sha256(path: Path) -> str | None:
    """The sha256 of a regular file (no symbolic link followed); None if it is none."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _changed(out: Path, rel: str, entry: object) -> bool:
    """The file ``rel`` of the site is not as the manifest says the last run wrote it.

    A missing file is not changed (there is nothing of the user's to lose)."""
    path = out / rel
    try:
        st = path.lstat()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    if not isinstance(entry, dict) or not stat.S_ISREG(st.st_mode):
        return True
    if st.st_size != entry.get("grootte"):
        return True
    return _file_sha256(path) != entry.get("sha256")


def _shown(names: list[str], quote: str = "'") -> str:
    return ", ".join(f"{quote}{n}{quote}" for n in names[:3]) + (" …" if len(names) > 3 else "")


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest of the site in ``out``; None when ``out`` is missing or empty.

    Refused (in Dutch, nothing written): ``out`` is a symbolic link or a file, holds
    anything the manifest does not list (or has no manifest and is not empty), or a file
    the manifest lists is no longer what the last run wrote (sha256 and size): it was
    changed by hand, or the manifest was copied into someone else's folder.
    """
    if out.is_symlink():
        raise SiteError(
            f"'{out}' is een symbolische koppeling; geef de map zelf op (niets geschreven)"
        )
    if out.exists() and not out.is_dir():
        raise SiteError(f"'{out}' is geen map (niets geschreven)")
    if not out.exists():
        if not out.parent.is_dir():
            raise SiteError(
                f"map '{out.parent}' bestaat niet; maak die eerst aan (niets geschreven)"
            )
        return None
    with os.scandir(out) as entries:
        if next(entries, None) is None:
            return None
    manifest: dict[str, Any] | None = None
    path = out / MANIFEST
    if path.is_file() and not path.is_symlink():
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if (
                isinstance(loaded, dict)
                and isinstance(loaded.get("bestanden"), dict)
                and all(_safe_name(name) for name in loaded["bestanden"])
            ):
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
    strangers = _strangers(out, ours, parents, limit=4)
    if strangers:
        raise SiteError(
            f"map '{out}' bevat bestanden die niet door 'samennw site' zijn gemaakt "
            f"({_shown(strangers, quote='')}); verplaats ze of kies een andere map "
            "(niets geschreven)"
        )
    changed = [
        rel for rel, entry in sorted(manifest["bestanden"].items()) if _changed(out, rel, entry)
    ]
    if changed:
        raise SiteError(
            f"{_shown(changed)} in map '{out}' "
            + ("is" if len(changed) == 1 else "zijn")
            + " met de hand gewijzigd sinds de vorige 'samennw site'; zet "
            + ("het" if len(changed) == 1 else "ze")
            + " apart of verwijder "
            + ("het" if len(changed) == 1 else "ze")
            + ", er is niets geschreven"
        )
    return manifest


def fresh_folder(out: Path) -> Path:
    """A new, empty folder next to ``out`` to build the site in.

    Made as a plain ``mkdir`` makes a folder (mode 0o777 less the umask), not as
    :func:`tempfile.mkdtemp` does (0o700): this folder becomes the site, and a web server
    running as another user must be able to read it.
    """
    for _ in range(100):
        path = out.parent / f".{out.name}.samennw-{secrets.token_hex(4)}"
        try:
            path.mkdir()
        except FileExistsError:  # pragma: no cover - 4 random bytes taken
            continue
        return path
    raise SiteError(
        f"geen tijdelijke map te maken in '{out.parent}' (niets geschreven)"
    )  # pragma: no cover


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
        try:
            (retired / rel).unlink()
        except FileNotFoundError:  # listed, but gone already: nothing left behind
            pass
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
