"""Reading data files: one road from a file's bytes to a validated model.

- :func:`read_bytes`: the bytes of a file, at most :data:`MAX_FILE_BYTES` (a larger file
  is refused without being read whole);
- :func:`decode_text`: those bytes as text (UTF-8, no NUL; a byte-order mark dropped),
  for files on disk and for blobs from git alike;
- :func:`load_document`: a front-matter file into a model (:func:`samennw.storage.
  frontmatter.parse`, then pydantic), problems collected with file and line;
- :func:`load_quick`: the same object for the ordinary file of a bulk load, without the
  line map (the lines of a file with a problem are read again when one is reported);
  anything off the short road goes to :func:`load_document`, which reports it.

A :class:`Source` says where files come from: the working tree, or a git revision
(:class:`samennw.storage.revision.GitRevision`). Nothing else in samennw opens a data file.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from samennw.errors import DataFileError, Location, Problem
from samennw.model.records import Sourced
from samennw.model.schema_errors import problems_from
from samennw.storage.frontmatter import parse, split
from samennw.storage.yamlreader import load_yaml_fast

MAX_FILE_BYTES = 1_000_000
M = TypeVar("M", bound=Sourced)
_FIRST_READ = 1 << 16


def read_bytes(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a data file; DataFileError in Dutch when it cannot be read or is larger
    than ``max_bytes``. ``os.read`` costs half of what a buffered file object does for
    these small files."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))  # no newline translation
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        data = os.read(fd, _FIRST_READ)
        if len(data) < _FIRST_READ:  # a regular file reads short only at its end
            return data
        parts, size = [data], len(data)
        while more := os.read(fd, 1 << 20):
            size += len(more)
            if size > max_bytes:
                total = max(size, os.fstat(fd).st_size)
                raise DataFileError(
                    f"bestand is te groot ({total} bytes; maximaal {max_bytes})",
                    Location(Path(path)),
                )
            parts.append(more)
        return b"".join(parts)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(fd)


def _unreadable(path: Path | str, exc: OSError) -> DataFileError:
    return DataFileError(f"kan bestand niet lezen ({exc.strerror})", Location(Path(path)))


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a data file as UTF-8 with a size cap; Dutch errors for the usual problems."""
    return decode_text(read_bytes(path, max_bytes), path, max_bytes)


# the lines git writes into a file it could not merge
_CONFLICT = re.compile(r"^(<<<<<<<|>>>>>>>)(?: |$)", re.MULTILINE)


def decode_text(raw: bytes, path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The bytes of a data file (from disk or from git) as text, with :func:`read_text`'s
    checks: size cap, UTF-8, no NUL; a byte-order mark is dropped."""
    if len(raw) > max_bytes:
        raise DataFileError(
            f"bestand is te groot ({len(raw)} bytes; maximaal {max_bytes})", Location(path)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            f"bestand is geen geldige UTF-8 (byte {raw[exc.start]:#04x})", Location(path, line)
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    conflict = _CONFLICT.search(text) if "<<<<<<<" in text or ">>>>>>>" in text else None
    if conflict:  # before the YAML: its parser would only say that a colon is missing
        line = text.count("\n", 0, conflict.start()) + 1
        advice = "kies per blok de juiste regels, haal de markeringen weg en draai " + (
            "'samennw validate'"
            if path.parent.name not in ("open", "afgerond")
            else "'samennw validate'; gaven twee takken elk een nieuwe actie deze code, "
            "draai dan 'samennw hernummer' (de actie van de andere tak krijgt een nieuwe "
            "code)"
        )
        raise DataFileError(
            f"git-conflictmarkering '{conflict.group(1)}': een samenvoeging (merge) van "
            f"git is hier niet afgemaakt; {advice}",
            Location(path, line),
        )
    if "\x00" in text:  # anywhere, also in the Markdown body: git would call it binary
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise DataFileError(
            "ongeldig NUL-teken (U+0000): een gegevensbestand is tekst (is dit een binair "
            "bestand, of is het beschadigd?)",
            Location(path, line, column),
        )
    return text


class Source:
    """Where the files of a repository come from: the working tree.

    :class:`samennw.storage.revision.GitRevision` reads them from a git revision instead;
    the loaders ask their source, never the disk directly.
    """

    revision: str | None = None  # None: the working tree

    def is_file(self, path: Path) -> bool:
        return path.is_file()

    def is_symlink(self, path: Path) -> bool:
        return path.is_symlink()

    def read_text(self, path: Path) -> str:
        """The text of a data file (DataFileError in Dutch when it cannot be used)."""
        return read_text(path)


WORKING_TREE = Source()


def shown_in(shown: Path, where: Location | None) -> Location:
    """``where`` in the file as shown to users (the reader knows only the path it read)."""
    return Location(shown) if where is None else replace(where, path=shown)


def load_document(
    path: Path,
    model: type[M],
    shown: Path,
    problems: list[Problem],
    *,
    keep_lines: bool = True,
    source: Source = WORKING_TREE,
) -> M | None:
    """Load one front-matter file into ``model``; problems are appended, not raised.

    ``keep_lines=False`` (bulk loads) drops the line map; it is read again on demand.
    """
    try:
        text = source.read_text(path)
        doc = parse(text, shown)
    except DataFileError as exc:
        problems.append(Problem(exc.message, shown_in(shown, exc.location)))
        return None
    data: dict[str, Any] = dict(doc.data)
    data["body"] = doc.body
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, model, shown, doc.lines))
        return None
    obj.set_source(
        shown,
        lines=doc.lines if keep_lines else None,
        origin=path if source is WORKING_TREE else None,
        text_hash=hash(text),
    )
    return obj


def load_quick(
    path: Path, model: type[M], shown: str, problems: list[Problem], *, name: str | None = None
) -> M | None:
    """``load_document(path, model, Path(shown), problems, keep_lines=False)``, faster.

    Unlike there, the object's file (``source_path``, and the file of a location it gives)
    is the string ``shown`` when the shorter road was taken: no Path is built for it.
    ``name``: ``str(path)`` when the caller has it already.
    """
    quick = _quick(name or str(path), model)
    if quick is None:
        return load_document(path, model, Path(shown), problems, keep_lines=False)
    text, obj = quick
    obj.set_source(shown, lines=None, origin=path, text_hash=hash(text))
    return obj


def with_path(problem: Problem) -> Problem:
    """The problem with its file as a Path, as :func:`load_document` reports it."""
    where = problem.location
    if isinstance(where.path, str):
        return replace(problem, location=replace(where, path=Path(where.path)))
    return problem


def _quick(name: str, model: type[M]) -> tuple[str, M] | None:
    """(text, object) for an ordinary file, None for anything else."""
    try:
        raw = read_bytes(name)
    except DataFileError:
        return None
    if b"\x00" in raw:  # decode_text's NUL check, in bytes
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        yaml_text, body, _ = split(text)
    except DataFileError:
        return None
    parsed = load_yaml_fast(yaml_text, 1, with_lines=False)
    if parsed is None:
        return None
    data: Any = parsed[0]
    if data is None:
        data = {}
    elif not isinstance(data, dict):
        return None
    data["body"] = body
    try:
        return text, model.model_validate(data)
    except ValidationError:
        return None
