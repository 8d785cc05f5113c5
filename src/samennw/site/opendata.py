"""Open data next to the site: JSON and CSV of meetings, decisions and actions, an
OParl-like JSON of the meetings, and a JSON Schema (draft 2020-12) for each JSON file.

Only public fields, all text through the same redaction as the documents (the records of
:mod:`samennw.site.records`): no e-mail address, no attendance, no hidden name. The
OParl 1.1 shape (https://schema.oparl.org/1.1/): ``Meeting`` with embedded
``AgendaItem`` objects (``number``, ``order``, ``name``, ``public``, ``result``,
``resolutionText``); decisions are the result of their agenda item. Ids are relative
URLs of the site (it does not know where it will be published), hence "OParl-like".
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from samennw.site.records import Record, hidden

SCHEMA = "https://json-schema.org/draft/2020-12/schema"
OPARL = "https://schema.oparl.org/1.1/"

_STR = {"type": "string"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_DATE_OR_EMPTY = {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$"}
_TIME = {"type": "string", "pattern": r"^(\d{2}:\d{2})?$"}
_ID = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9-]*$"}

MEETING_FIELDS = {
    "id": _ID,
    "team": _ID,
    "team_naam": _STR,
    "datum": _DATE,
    "begin": _TIME,
    "eind": _TIME,
    "titel": _STR,
    "locatie": _STR,
    "notulen_status": {"enum": ["concept", "vastgesteld"]},
    "vastgesteld_op": _DATE_OR_EMPTY,
    "agenda_url": _STR,
    "notulen_url": _STR,
}
DECISION_FIELDS = {
    "id": _STR,
    "vergadering": _ID,
    "team": _ID,
    "team_naam": _STR,
    "datum": _DATE,
    "agendapunt": {"type": ["integer", "string"]},
    "agendapunt_titel": _STR,
    "tekst": _STR,
    "uitslag": {"enum": ["genomen", "aangehouden", "afgewezen", "ingetrokken"]},
    "besluitvorming": _STR,
    "wie": _STR,
    "toelichting": _STR,
    "stelt_vast": _STR,
    "levensloop": _STR,
}
ACTION_FIELDS = {
    "id": {"type": "string", "pattern": r"^[A-Z][A-Z0-9]*-[0-9]{3,}$"},
    "team": _ID,
    "wat": _STR,
    "wie": _STR,
    "wanneer": _STR,
    "status": {"enum": ["open", "in uitvoering", "geblokkeerd", "afgerond", "geannuleerd"]},
    "reden": _STR,
    "vergadering": _STR,
    "afgerond_op": _DATE_OR_EMPTY,
    "geannuleerd_op": _DATE_OR_EMPTY,
}
AGENDA_FIELDS = {
    "nr": {"type": "integer"},
    "titel": _STR,
    "besluitpunt": _STR,
    "openbaar": {"type": "boolean"},  # false: confidential, titel is its Woo ground
}


def _object(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def _list_schema(title: str, key: str, item: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "$id": f"{name}.schema.json",
        "title": title,
        "type": "object",
        "properties": {
            "$schema": _STR,
            "bron": _STR,
            key: {"type": "array", "items": item},
        },
        "required": ["bron", key],
        "additionalProperties": False,
    }


def _oparl_schema() -> dict[str, Any]:
    agenda_item = {
        "type": "object",
        "properties": {
            "id": _STR,
            "type": {"const": OPARL + "AgendaItem"},
            "meeting": _STR,
            "number": _STR,
            "order": {"type": "integer", "minimum": 0},
            "name": _STR,
            "public": {"type": "boolean"},
            "result": _STR,
            "resolutionText": _STR,
        },
        "required": ["id", "type", "meeting", "order", "name", "public"],
        "additionalProperties": False,
    }
    meeting = {
        "type": "object",
        "properties": {
            "id": _STR,
            "type": {"const": OPARL + "Meeting"},
            "name": _STR,
            "meetingState": {"enum": ["terminiert", "eingeladen", "durchgeführt"]},
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
            "organization": {"type": "array", "items": _STR},
            "agendaItem": {"type": "array", "items": agenda_item},
            "invitation": {"type": "array", "items": _STR},
            "resultsProtocol": _STR,
            "location": {
                "type": "object",
                "properties": {"type": {"const": OPARL + "Location"}, "description": _STR},
                "required": ["type", "description"],
                "additionalProperties": False,
            },
        },
        "required": ["id", "type", "name", "start", "organization", "agendaItem"],
        "additionalProperties": False,
    }
    return {
        "$schema": SCHEMA,
        "$id": "oparl-vergaderingen.schema.json",
        "title": "Vergaderingen als OParl 1.1-lijst (Meeting met AgendaItem)",
        "type": "object",
        "properties": {
            "$schema": _STR,
            "data": {"type": "array", "items": meeting},
            "pagination": {
                "type": "object",
                "properties": {
                    "totalElements": {"type": "integer"},
                    "elementsPerPage": {"type": "integer"},
                    "currentPage": {"type": "integer"},
                    "totalPages": {"type": "integer"},
                },
            },
            "links": {"type": "object"},
        },
        "required": ["data", "pagination", "links"],
        "additionalProperties": False,
    }


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every JSON file, by the file's base name."""
    meeting = _object(
        {**MEETING_FIELDS, "agendapunten": {"type": "array", "items": _object(AGENDA_FIELDS)}}
    )
    decision = _object({**DECISION_FIELDS, "levensloop": {"type": "array", "items": _STR}})
    return {
        "vergaderingen": _list_schema(
            "Vergaderingen (openbaar)", "vergaderingen", meeting, "vergaderingen"
        ),
        "besluiten": _list_schema("Besluiten (openbaar)", "besluiten", decision, "besluiten"),
        "acties": _list_schema("Acties (openbaar)", "acties", _object(ACTION_FIELDS), "acties"),
        "oparl-vergaderingen": _oparl_schema(),
    }


def _csv(fields: list[str], rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row[k]) for k in fields})
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    text = "; ".join(value) if isinstance(value, list) else str(value)
    # a spreadsheet must not read a cell as a formula (CSV injection)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _json(body: dict[str, Any]) -> bytes:
    # one object per line would be friendlier, but json's C encoder works only without
    # indent: at 10,000 actions the indented files cost a rebuild a second
    return (json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _start(rec: Record, key: str) -> str:
    clock = rec[key] or ("00:00" if key == "begin" else "")
    return f"{rec['datum']}T{clock}:00+01:00" if clock else ""


def oparl(meetings: list[Record], paths: dict[str, tuple[str, str | None]]) -> dict[str, Any]:
    """The meetings as an OParl 1.1 list of Meeting objects with embedded AgendaItems."""
    data = []
    for rec in meetings:
        agenda, notulen = paths[rec["id"]]
        url = f"../{agenda}"
        results: dict[Any, list[dict[str, Any]]] = {}
        for d in rec["besluiten"]:
            results.setdefault(d["agendapunt"], []).append(d)
        items = []
        for order, item in enumerate(rec["agenda"]):
            found = results.get(item["nr"], [])
            entry: dict[str, Any] = {
                "id": f"{url}#punt-{item['nr']}",
                "type": OPARL + "AgendaItem",
                "meeting": url,
                "number": str(item["nr"]),
                "order": order,
                "name": item["titel"],
                "public": item["openbaar"],
            }
            if found:
                entry["result"] = "; ".join(d["uitslag"] for d in found)
                entry["resolutionText"] = "\n\n".join(d["tekst"] for d in found)
            items.append(entry)
        meeting: dict[str, Any] = {
            "id": url,
            "type": OPARL + "Meeting",
            "name": rec["titel"] or f"{rec['team_naam']} {rec['datum']}",
            "meetingState": "durchgeführt"
            if rec["notulen_status"] == "vastgesteld"
            else "terminiert",
            "start": _start(rec, "begin"),
            "organization": [rec["team"]],
            "agendaItem": items,
            "invitation": [url],
        }
        if rec["eind"]:
            meeting["end"] = _start(rec, "eind")
        if notulen:
            meeting["resultsProtocol"] = f"../{notulen}"
        if rec["locatie"]:
            meeting["location"] = {"type": OPARL + "Location", "description": rec["locatie"]}
        data.append(meeting)
    return {
        "$schema": "schema/oparl-vergaderingen.schema.json",
        "data": data,
        "pagination": {
            "totalElements": len(data),
            "elementsPerPage": len(data),
            "currentPage": 1,
            "totalPages": 1,
        },
        "links": {},
    }


SOURCE = "samennw site: openbare versie (Woo), gelakt zoals de documenten"


def files(
    meetings: list[Record],
    decisions: list[dict[str, Any]],
    actions: dict[str, Record],
    names: dict[str, str],
    paths: dict[str, tuple[str, str | None]],
) -> tuple[dict[str, bytes], list[dict[str, str]]]:
    """(path -> bytes of every open-data file, the listing for the index page)."""
    meeting_rows = []
    for rec in meetings:
        agenda, notulen = paths[rec["id"]]
        meeting_rows.append(
            {
                **{k: rec[k] for k in MEETING_FIELDS if k in rec},
                "team_naam": names.get(rec["team"], rec["team"]),
                "agenda_url": f"../{agenda}",
                "notulen_url": f"../{notulen}" if notulen else "",
                "agendapunten": rec["agenda"],
            }
        )
    for row, rec in zip(meeting_rows, meetings, strict=True):
        rec["team_naam"] = row["team_naam"]
    decision_rows = [
        {
            **{k: d[k] for k in DECISION_FIELDS if k in d and k not in ("datum", "team")},
            "team": d["team_id"],
            "team_naam": d["team"],
            "datum": d["datum_iso"],
        }
        for d in decisions
    ]
    # an action that arose under a confidential agenda item is confidential with its ground
    grounds = {
        (rec["id"], int(nr)): ground
        for rec in meetings
        for nr, ground in rec.get("vertrouwelijke_punten", {}).items()
    }
    action_rows = []
    for action_id in sorted(actions):
        rec = actions[action_id]
        where = rec.get("punt")
        ground = grounds.get((where[0], where[1])) if where else None
        action_rows.append(hidden(rec["public"], ground))
    out: dict[str, bytes] = {}
    for name, key, rows, fields in (
        ("vergaderingen", "vergaderingen", meeting_rows, list(MEETING_FIELDS)),
        ("besluiten", "besluiten", decision_rows, list(DECISION_FIELDS)),
        ("acties", "acties", action_rows, list(ACTION_FIELDS)),
    ):
        body = {"$schema": f"schema/{name}.schema.json", "bron": SOURCE, key: rows}
        out[f"data/{name}.json"] = _json(body)
        out[f"data/{name}.csv"] = _csv(fields, rows)
    out["data/oparl-vergaderingen.json"] = _json(oparl(meetings, paths))
    for name, schema in schemas().items():
        out[f"data/schema/{name}.schema.json"] = _json(schema)
    listing = [
        {
            "titel": "Vergaderingen",
            "json": "data/vergaderingen.json",
            "csv": "data/vergaderingen.csv",
        },
        {"titel": "Besluiten", "json": "data/besluiten.json", "csv": "data/besluiten.csv"},
        {"titel": "Acties", "json": "data/acties.json", "csv": "data/acties.csv"},
        {"titel": "Vergaderingen (OParl 1.1)", "json": "data/oparl-vergaderingen.json", "csv": ""},
    ]
    for entry in listing:
        base = entry["json"].removeprefix("data/").removesuffix(".json")
        entry["schema"] = f"data/schema/{base}.schema.json"
    return out, listing
