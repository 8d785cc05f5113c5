"""Turn pydantic validation errors into Dutch problems with file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from samennw.errors import Location, Problem, close_matches
from samennw.storage.yamlreader import Key, LineMap


def _locate(path: Path, lines: LineMap, key: Key) -> Location:
    probe = key
    while probe and probe not in lines:
        probe = probe[:-1]
    pos = lines.get(probe) if probe else None
    if pos is None:
        return Location(path, 1)
    return Location(path, pos[0], pos[1])


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the (nested) model that ``loc``'s parent points into."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        ann = field.annotation
        for arg in (ann, *getattr(ann, "__args__", ())):
            inner = getattr(arg, "__args__", (arg,))
            found = [a for a in (arg, *inner) if isinstance(a, type) and issubclass(a, BaseModel)]
            if found:
                current = found[0]
                break
        else:
            return []
    return [n for n in getattr(current, "model_fields", {}) if n != "body"]


def _field_name(loc: tuple[Any, ...]) -> str:
    """'betrokkenen[0]' rather than '0' for an item of a list."""
    if not loc:
        return ""
    if isinstance(loc[-1], int) and len(loc) > 1:
        return f"{loc[-2]}[{loc[-1]}]"
    return str(loc[-1])


def problems_from(
    exc: ValidationError, model: type[BaseModel], path: Path, lines: LineMap, prefix: Key = ()
) -> list[Problem]:
    result: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        value = err.get("input")
        name = _field_name(loc)
        where = _locate(path, lines, (*prefix, *loc))
        if kind == "missing":
            msg = f"verplichte sleutel '{name}' ontbreekt"
            where = _locate(path, lines, (*prefix, *loc[:-1]))
        elif kind == "extra_forbidden":
            close = close_matches(name, _allowed_keys(model, loc))
            msg = f"onbekende sleutel '{name}'"
            if close:
                msg += f"; bedoelde u {' of '.join(repr(c) for c in close)}?"
        elif kind == "value_error":
            msg = str(err["msg"]).removeprefix("Value error, ")
        elif kind == "string_pattern_mismatch" and name == "email":
            # an address is personal data: not repeated in a report a pull request shows
            msg = "geen geldig e-mailadres (vorm: naam@domein.nl)"
        elif kind == "string_pattern_mismatch":
            msg = f"'{value}' is geen geldige code voor '{name}'"
            if name == "id" and isinstance(value, str) and ("/" in value or ".." in value):
                msg = f"'{value}' is geen geldige code: geen '/' of '..' toegestaan"
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            expected = str(expected).replace(" or ", " of ")
            msg = f"'{value}' is geen geldige waarde voor '{name}'; kies uit {expected}"
        elif kind in ("string_type",):
            msg = f"tekst verwacht bij '{name}'"
        elif kind in ("list_type",):
            msg = f"een lijst verwacht bij '{name}'"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            msg = f"sleutels met waarden verwacht bij '{name}'"
        elif kind == "string_too_long":
            msg = f"waarde bij '{name}' is te lang"
        else:
            msg = f"ongeldige waarde bij '{name}': {err['msg']}"
        shown = value if isinstance(value, str) else None
        private = name == "email"  # personal data: never repeated in a report
        if shown is not None and shown not in msg and kind not in ("missing",) and not private:
            msg += f" (waarde: '{shown}')"
        result.append(Problem(msg, where, code=kind))
    return result
