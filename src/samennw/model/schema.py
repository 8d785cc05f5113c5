"""JSON Schemas (draft 7 compatible) for each kind of data file, for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from samennw.model.records import Action, ActionLine, ImportantDate, Meeting, Partners
from samennw.storage.repository import atomic_write
from samennw.woo.allowlist import NonPersonEntry

KINDS: dict[str, tuple[type[BaseModel], str, bool]] = {
    "partners": (Partners, "Partners, personen, teams en domeinen (data/partners.yaml).", False),
    "vergadering": (Meeting, "Front matter van een vergadering (data/meetings/…).", False),
    "actie": (Action, "Front matter van een actie (data/acties/…).", False),
    "actielijn": (ActionLine, "Front matter van een actielijn (data/actielijnen/…).", False),
    "belangrijke-data": (ImportantDate, "Belangrijke data (data/belangrijke-data.yaml).", True),
    "geen-personen": (
        NonPersonEntry,
        "Woorden die geen persoon zijn, met reden (data/geen-personen.yaml).",
        True,
    ),
}


def _draft7(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 output into draft-7 terms."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$defs":
                out["definitions"] = _draft7(value)
            elif key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            elif key == "properties" and isinstance(value, dict):
                out[key] = {k: _draft7(v) for k, v in value.items() if k != "body"}
            elif key == "required" and isinstance(value, list):
                out[key] = [v for v in value if v != "body"]
            else:
                out[key] = _draft7(value)
        return out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


def schema_for(kind: str) -> dict[str, Any]:
    model, description, is_list = KINDS[kind]
    schema: dict[str, Any] = _draft7(model.model_json_schema(mode="validation"))
    if is_list:
        defs = schema.pop("definitions", {})
        schema = {"type": "array", "items": schema, "definitions": defs}
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["$id"] = f"https://samennw.invalid/schema/{kind}.schema.json"
    schema["title"] = f"samennw: {kind}"
    schema["description"] = description
    return schema


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out_dir / f"{kind}.schema.json"
        atomic_write(path, json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n")
        written.append(path)
    return written
