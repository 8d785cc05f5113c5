"""The action list of one team, read through the index, equals the one from a full load."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from samennw.render.document import RenderRequest, _team_repository, render_document
from samennw.storage.repository import load_repository


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_team_repository_renders_the_same(embedded_copy: Path, fmt: str) -> None:
    teams = [t.id for t in load_repository(embedded_copy).partners.teams]
    assert len(teams) > 5
    for team in teams:
        for op in (None, date(2025, 10, 1)):
            req = RenderRequest(
                kind="actielijst",
                target=team,
                fmt=fmt,
                today=date(2026, 1, 1),
                op=op,
                stamp=datetime(2026, 1, 1, tzinfo=UTC),
            )
            full = render_document(load_repository(embedded_copy), req)
            assert render_document(_team_repository(embedded_copy, team), req) == full, team
