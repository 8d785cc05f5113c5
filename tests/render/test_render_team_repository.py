"""Every document read through the index (only the files it needs) equals the one from a
full load: per team, per meeting, cold and warm cache."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from samennw.render.document import RenderRequest, render_document
from samennw.storage.index import RepositoryIndex
from samennw.storage.repository import indexed_repository, load_repository


def request(
    kind: str, target: str | None, fmt: str, op: date | None = None, year: int | None = None
) -> RenderRequest:
    return RenderRequest(
        kind=kind,
        target=target,
        fmt=fmt,
        today=date(2026, 1, 1),
        op=op,
        stamp=datetime(2026, 1, 1, tzinfo=UTC),
        van=date(year, 1, 1) if year else None,
        tot=date(year, 12, 31) if year else None,
    )


def requests(root: Path, fmt: str) -> list[RenderRequest]:
    full = load_repository(root)
    teams = [t.id for t in full.partners.teams]
    meetings = sorted(full.meetings)
    assert len(teams) > 5 and len(meetings) >= 5
    found = [request("besluitenlijst", None, fmt), request("ics", None, "ics")]
    for team in teams:
        found += [request("actielijst", team, fmt, op) for op in (None, date(2025, 10, 1))]
        found += [request("besluitenlijst", team, fmt), request("ics", team, "ics")]
        found += [request("besluitenlijst", team, fmt, year=y) for y in (2023, 2025)]
    for meeting in meetings:
        found += [request("notulen", meeting, fmt), request("agenda", meeting, fmt)]
    return found


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_indexed_repository_renders_the_same(embedded_copy: Path, fmt: str) -> None:
    for warm in (False, True):  # the second round answers from the index's cache
        for req in requests(embedded_copy, fmt):
            index = RepositoryIndex(embedded_copy)
            full = render_document(load_repository(embedded_copy), req)
            got = render_document(indexed_repository(index), req)
            index.save()
            assert got == full, (warm, req.kind, req.target)


def test_indexed_repository_reads_only_what_a_document_needs(embedded_copy: Path) -> None:
    """The decisions of one team read that team's meetings and the later meetings of
    other teams (a later decision may replace one of them), and no action at all; of one
    year, only the meetings from that year on."""
    index = RepositoryIndex(embedded_copy)
    repo = indexed_repository(index)
    render_document(repo, request("besluitenlijst", "ab", "md"))
    read = {m for m in repo.meetings if m in repo.meetings._loaded}  # type: ignore[attr-defined]
    ab = {"ab-2023-04-21", "ab-2023-05-24", "ab-2023-07-04"}
    assert read == ab | {"ot-kvdj-2025-09-25", "ot-kvdj-2025-11-25"}
    assert index._actions is None  # the action shards were never opened
    repo = indexed_repository(RepositoryIndex(embedded_copy))
    render_document(repo, request("besluitenlijst", None, "md", year=2025))
    read = {m for m in repo.meetings if m in repo.meetings._loaded}  # type: ignore[attr-defined]
    assert read == {"ot-kvdj-2025-09-25", "ot-kvdj-2025-11-25"}
