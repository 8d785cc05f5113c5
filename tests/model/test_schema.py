"""`samennw schema`: draft-7 JSON Schemas that accept the data files editors see."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from samennw.storage.frontmatter import split
from tests.conftest import EMBEDDED, run, small_repo_files


class EditorLoader(yaml.SafeLoader):
    """Roughly what a YAML 1.2 editor sees: booleans, integers and null, but no timestamps."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.rsplit(":", 1)[-1] in ("bool", "int", "null")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split(text)[0]
    return yaml.load(text, Loader=EditorLoader)


def kind_of(rel: str) -> str:
    if rel.endswith("partners.yaml"):
        return "partners"
    if rel.endswith("belangrijke-data.yaml"):
        return "belangrijke-data"
    if rel.endswith("geen-personen.yaml"):
        return "geen-personen"
    if "/meetings/" in rel:
        return "vergadering"
    if "/actielijnen/" in rel:
        return "actielijn"
    return "actie"


@pytest.fixture
def schemas(tmp_path: Path, runner: CliRunner) -> dict[str, dict[str, Any]]:
    code, _, err = run(runner, "schema", "--out", str(tmp_path / "schema"))
    assert code == 0, err
    result = {}
    for path in (tmp_path / "schema").glob("*.schema.json"):
        schema = json.loads(path.read_text())
        jsonschema.Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        result[path.name.removesuffix(".schema.json")] = schema
    kinds = {"partners", "vergadering", "actie", "actielijn", "belangrijke-data", "geen-personen"}
    assert set(result) == kinds
    return result


def test_schemas_have_dutch_descriptions(schemas: dict[str, dict[str, Any]]) -> None:
    props = schemas["actie"]["properties"]
    assert props["wanneer"]["description"].startswith("Wanneer")
    assert "body" not in props


def test_numbers_have_the_bounds_of_the_reader(schemas: dict[str, dict[str, Any]]) -> None:
    """An editor marks a number the reader refuses (negative, more than six digits)."""
    volgorde = schemas["actie"]["properties"]["volgorde"]
    assert {"type": "integer", "minimum": 0, "maximum": 999_999} in volgorde["anyOf"]
    meeting = json.dumps(schemas["vergadering"])  # 'nr'; a decision's 'agendapunt', 'volgorde'
    assert meeting.count('"maximum": 999999') == 6  # and a vote's voor, tegen, onthouding


def test_small_repo_files_validate(schemas: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    for rel, content in small_repo_files().items():
        path = tmp_path / Path(rel).name
        path.write_text(str(content), encoding="utf-8")
        jsonschema.validate(
            editor_view(path), schemas[kind_of(rel)], cls=jsonschema.Draft7Validator
        )


def test_embedded_files_validate(schemas: dict[str, dict[str, Any]]) -> None:
    files = [
        p for p in EMBEDDED.rglob("*") if p.suffix in (".md", ".yaml") and p.name != "README.md"
    ]
    if not files:
        pytest.skip("no embedded data yet")
    for path in files:
        rel = str(path.relative_to(EMBEDDED.parent))
        data = editor_view(path)
        jsonschema.validate(data, schemas[kind_of(rel)], cls=jsonschema.Draft7Validator)


def test_an_allowlist_entry_needs_its_reason(schemas: dict[str, dict[str, Any]]) -> None:
    schema = schemas["geen-personen"]
    jsonschema.validate([{"naam": "Heineken", "reden": "merk"}], schema)
    for wrong in ([{"naam": "Heineken"}], [{"naam": "Heineken", "reden": ""}], {"naam": "X"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong, schema, cls=jsonschema.Draft7Validator)


def test_schema_catches_a_typo(schemas: dict[str, dict[str, Any]]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"id": "KVDJ-001", "wat": "x", "status": "open", "team": "t", "wanneeer": "Okt"},
            schemas["actie"],
        )
