"""Action query results as a table, JSON, CSV or Markdown (pure functions → str)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from samennw.model.dates import format_date
from samennw.render.redact import internal_mark

if TYPE_CHECKING:
    from samennw.model.people import Directory
    from samennw.ops.query import ActionRow

COLUMNS = ["ID", "Team", "Wat", "Wie", "Wanneer", "Toelichting"]


def _first_paragraph(body: str, limit: int = 90) -> str:
    text = " ".join(body.strip().split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wat(row: ActionRow) -> str:
    a = row.action
    return (f"{a.herkomst} {a.wat}" if a.herkomst else a.wat) + confidential_mark(a)


def confidential_mark(action: Any) -> str:
    """' — vertrouwelijk (5.1.2.b)' after a confidential action's text (internal lists
    and the mailed digest say so, as the rendered documents do)."""
    ground = getattr(action, "vertrouwelijk", None)
    return f" — {internal_mark(ground)}" if ground else ""


def _wie(row: ActionRow, directory: Directory) -> str:
    wie = row.action.wie or ", ".join(directory.label(r) for r in row.action.betrokkenen)
    if row.via_team:
        wie += f" [team: {directory.label(row.via_team)}]"
    return wie


def status_text(row: ActionRow) -> str:
    """'' for an open action, else its status: 'in uitvoering', 'geblokkeerd: <reden>'."""
    a = row.action
    if a.status == "open":
        return ""
    return f"{a.status}: {a.reden}" if a.reden else a.status


def _toelichting(row: ActionRow, text: str) -> str:
    """The Toelichting cell: the status first when it is not plain open."""
    status = status_text(row)
    if not status:
        return text
    return f"[{status}] {text}" if text else f"[{status}]"


def _wanneer(row: ActionRow) -> str:
    text = row.action.wanneer or "—"
    return f"{text} ⚠ verlopen" if row.overdue else text


def table_rows(rows: list[ActionRow], directory: Directory) -> list[list[str]]:
    return [
        [
            r.action.id,
            r.action.team,
            _wat(r),
            _wie(r, directory),
            _wanneer(r),
            _toelichting(r, _first_paragraph(r.action.body)),
        ]
        for r in rows
    ]


def as_json(rows: list[ActionRow], directory: Directory, today: date) -> str:
    items = []
    for r in rows:
        a = r.action
        items.append(
            {
                "id": a.id,
                "team": a.team,
                "werkgroep": a.werkgroep,
                "actielijn": a.actielijn,
                "herkomst": a.herkomst,
                "wat": a.wat,
                "wie": a.wie,
                "betrokkenen": a.betrokkenen,
                "via_team": r.via_team,
                "wanneer": a.wanneer,
                "status": a.status,
                "reden": a.reden,
                "vertrouwelijk": a.vertrouwelijk,
                "vervalt": r.due.end.isoformat() if r.due.end else None,
                "vervalsoort": r.due.kind.value,
                "verlopen": r.overdue,
                "toelichting": a.body.strip(),
                "vergadering": a.vergadering,
                "bestand": a.path,
            }
        )
    return json.dumps({"op": today.isoformat(), "acties": items}, ensure_ascii=False, indent=2)


def _spreadsheet_cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(rows: list[ActionRow], directory: Directory) -> str:
    """CSV for spreadsheets as Dutch users have them: ';'-separated, UTF-8 with BOM."""
    buf = io.StringIO()
    buf.write("\ufeff")  # Excel reads UTF-8 (Ünver) only with a byte-order mark
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([*COLUMNS, "Verlopen"])
    for r, cells in zip(rows, table_rows(rows, directory), strict=True):
        cells[4] = r.action.wanneer
        cells[5] = _toelichting(r, r.action.body.strip())
        writer.writerow([_spreadsheet_cell(c) for c in cells] + ["ja" if r.overdue else "nee"])
    return buf.getvalue()


def as_markdown(rows: list[ActionRow], directory: Directory) -> str:
    from samennw.render.templating import md_cell

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for cells in table_rows(rows, directory):
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def none_found(today: date) -> str:
    return f"Geen open acties gevonden (peildatum {format_date(today)})."


def summary(rows: list[ActionRow], today: date) -> str:
    overdue = sum(r.overdue for r in rows)
    started = sum(r.action.status == "in uitvoering" for r in rows)
    blocked = sum(r.action.status == "geblokkeerd" for r in rows)
    parts = [f"{overdue} verlopen"]
    if started:
        parts.append(f"{started} in uitvoering")
    if blocked:
        parts.append(f"{blocked} geblokkeerd")
    listed = ", ".join(parts[:-1]) + f" en {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{len(rows)} open actie(s), waarvan {listed} (peildatum {format_date(today)})."
