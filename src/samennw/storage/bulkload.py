"""Load many front-matter files fast, for ``validate`` on a large repository.

:func:`load_quick` gives exactly what ``store.load_document(..., keep_lines=False)``
gives, but takes a shorter road for the ordinary file: a plain ``---`` fence, front
matter the fast reader knows, valid data. It builds no line map (the line of a problem
is read again when one is reported, as for every bulk-loaded object). Any file off that
road — unreadable, too large, not UTF-8, an unusual fence, YAML for the full reader,
invalid data — goes to ``store.load_document``, which reports its problems.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from samennw.errors import Problem
from samennw.model.records import Sourced
from samennw.storage import repository as store
from samennw.storage.yamlfast import load_yaml_fast
from samennw.storage.yamlreader import MAX_FILE_BYTES

M = TypeVar("M", bound=Sourced)


def load_quick(
    path: Path, model: type[M], shown: str, problems: list[Problem], *, name: str | None = None
) -> M | None:
    """``store.load_document(path, model, Path(shown), problems, keep_lines=False)``, faster.

    Unlike there, the object's file (``source_path``, and the file of a location it gives)
    is the string ``shown`` when the shorter road was taken: no Path is built for it.
    ``name``: ``str(path)`` when the caller has it already.
    """
    quick = _quick(name or str(path), model)
    if quick is None:
        return store.load_document(path, model, Path(shown), problems, keep_lines=False)
    text, obj = quick
    private = obj.__pydantic_private__
    assert private is not None
    private.update(_path=shown, _lines=None, _origin=path, _text_hash=hash(text))
    return obj


def with_path(problem: Problem) -> Problem:
    """The problem with its file as a Path, as ``store.load_document`` reports it."""
    where = problem.location
    if isinstance(where.path, str):
        return replace(problem, location=replace(where, path=Path(where.path)))
    return problem


def _quick(name: str, model: type[M]) -> tuple[str, M] | None:
    """(text, object) for an ordinary file, None for anything else."""
    try:
        raw = _read(name)
        if raw is None or b"\x00" in raw:  # too large, or a NUL (yamlsafe.read_text)
            return None
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    # frontmatter.split: a first line '---', then everything up to the next '---' line
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    after = end + 4
    if end < 0 or (after < len(text) and text[after] != "\n"):
        return None  # no fence, or a line like '--- ' or '----' first: the general road
    parsed = load_yaml_fast(text[4:end] + "\n", 1, with_lines=False)
    if parsed is None:
        return None
    data: Any = parsed[0]
    if data is None:
        data = {}
    elif not isinstance(data, dict):
        return None
    data["body"] = text[after + 1 :]
    try:
        return text, model.model_validate(data)
    except ValidationError:
        return None


_FIRST_READ = 1 << 16


def _read(name: str) -> bytes | None:
    """The bytes of a file of at most MAX_FILE_BYTES (else None); os.read costs half of
    what a buffered file object does for these small files."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))  # Windows: no newline translation
    try:
        data = os.read(fd, _FIRST_READ)
        if len(data) < _FIRST_READ:  # a regular file reads short only at its end
            return data
        parts, size = [data], len(data)
        while more := os.read(fd, 1 << 20):
            size += len(more)
            if size > MAX_FILE_BYTES:
                return None
            parts.append(more)
        return b"".join(parts)
    finally:
        os.close(fd)
