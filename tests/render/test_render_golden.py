"""Golden files for every document kind and format, rendered from tests/golden/repo.

The fixture repository is a small slice of the seeds (the OT KvdJ list, the AB minutes
of 4 July 2023) with the awkward cases added: an empty werkgroep, an overdue item, a
decision on the list, `&`, `<` and `|` in texts, a meeting without agenda items.

Accept new output with ``SAMENNW_UPDATE_GOLDEN=1 python -m pytest tests/test_render_golden.py``
and review the diff of tests/golden/render/ like code.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import GOLDEN_REPO, REPO_ROOT, run

GOLDEN_DIR = REPO_ROOT / "tests" / "golden" / "render"
UPDATE = os.environ.get("SAMENNW_UPDATE_GOLDEN") == "1"
TODAY = "2025-12-10"

CASES: list[tuple[str, list[str]]] = [
    ("actielijst-ot-kvdj", ["actielijst", "ot-kvdj"]),
    ("actielijst-ot-kvdj-openbaar", ["actielijst", "ot-kvdj", "--openbaar"]),
    ("actielijst-ot-kvdj-op-2025-10-01", ["actielijst", "OT KvdJ", "--op", "2025-10-01"]),
    ("notulen-ab-2023-07-04", ["notulen", "ab-2023-07-04"]),
    ("notulen-ab-2023-07-04-openbaar", ["notulen", "ab-2023-07-04", "--openbaar"]),
    ("notulen-ot-kvdj-2025-11-25", ["notulen", "ot-kvdj-2025-11-25"]),
    ("agenda-ot-kvdj-2025-11-25", ["agenda", "ot-kvdj-2025-11-25"]),
    ("agenda-ab-2023-09-28", ["agenda", "ab-2023-09-28"]),
    ("besluitenlijst", ["besluitenlijst"]),
    (
        "besluitenlijst-ab-2023",
        ["besluitenlijst", "ab", "--van", "2023-01-01", "--tot", "2023-12-31"],
    ),
]


def docx_dump(data: bytes) -> str:
    """A readable, stable text form of a Word document: blocks in order, properties."""
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines = []
    props = document.core_properties
    for key in (
        "title",
        "subject",
        "keywords",
        "category",
        "content_status",
        "author",
        "last_modified_by",
        "language",
        "comments",
    ):
        lines.append(f"@{key}: {getattr(props, key)}")
    lines.append(f"@created: {props.created.isoformat() if props.created else ''}")
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.append(f"[table style={block.style.name if block.style else None}]")
            for r, row in enumerate(block.rows):
                header = row._tr.trPr is not None and "tblHeader" in row._tr.trPr.xml
                cells = " | ".join(c.text.replace("\n", " / ") for c in row.cells)
                lines.append(f"  {'H' if header else r}: | {cells} |")
        else:
            marks = ""
            runs = block.runs
            if runs and all(run.bold for run in runs if run.text.strip()):
                marks = " (vet)"
            lines.append(f"[{block.style.name if block.style else None}]{marks} {block.text}")
    return "\n".join(lines) + "\n"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN_DIR / name
    data = actual.encode("utf-8")  # bytes: iCalendar lines end in CRLF
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if not UPDATE:
            pytest.fail(f"nieuwe golden file {path.name} geschreven; controleer en draai opnieuw")
        return
    expected = path.read_bytes()
    assert data == expected, (
        f"{path.name} wijkt af; accepteer met SAMENNW_UPDATE_GOLDEN=1 als dat klopt"
    )


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", TODAY)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_text_documents(runner: CliRunner, name: str, args: list[str], fmt: str) -> None:
    code, out, err = run(runner, "render", *args, "-f", fmt, "--data", str(GOLDEN_REPO))
    assert code == 0, err
    check_golden(f"{name}.{fmt}", out)


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_word_documents(runner: CliRunner, tmp_path: Path, name: str, args: list[str]) -> None:
    target = tmp_path / f"{name}.docx"
    code, _, err = run(
        runner, "render", *args, "-f", "docx", "-o", str(target), "--data", str(GOLDEN_REPO)
    )
    assert code == 0, err
    check_golden(f"{name}.docx.txt", docx_dump(target.read_bytes()))


@pytest.mark.parametrize("team", [None, "ot-kvdj"])
def test_calendar(runner: CliRunner, team: str | None) -> None:
    args = ["render", "ics", *([team] if team else []), "--data", str(GOLDEN_REPO)]
    code, out, err = run(runner, *args)
    assert code == 0, err
    check_golden(f"kalender-{team or 'alles'}.ics", out)
