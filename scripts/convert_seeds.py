#!/usr/bin/env python3
"""Regenerate the embedded data set (``data/``) from the seed documents.

Usage::

    python scripts/convert_seeds.py [--seeds ../shared/seeds] [--out data]

The seeds are plain-text exports of the programme's own documents:

* ``000_*.txt``  running action list of OT Kansen voor de Jeugd (25 Nov 2025)
* ``001_*.txt``  AB minutes of 21 April, 24 May and 4 July 2023
* ``003_*.txt``  Concept Kern uitvoeringsprogramma 2024-2027
* ``004_*.txt``  Jaarbeeld 2025 (only used to check names)

What can be parsed is parsed (the tab-structured rows of the action list, the
AB headers, numbered agenda items, body text and ``**Actie ...**`` markers,
the domain sections of the programme); who-is-who is curated by hand in
``scripts/seed_people.py``.  YAML is written by hand (no PyYAML dumper) with a
fixed key order, so that re-running the script reproduces byte-identical
files.  Files in the managed folders that are not produced are removed.

It never destroys what git cannot give back: a file in the managed folders that a run
would remove or overwrite with other bytes must be tracked at HEAD of the git repository
holding ``--out`` and unchanged since (an earlier run's output, committed). Otherwise the
script refuses, lists those files, and changes nothing: commit or move them, or choose an
empty ``--out`` folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed_people as cur  # hand-curated tables

REPO = Path(__file__).resolve().parent.parent

MAANDEN = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}

OT_MEETING = "ot-kvdj-2025-11-25"
OT_DATUM = dt.date(2025, 11, 25)
HERKOMST_MEETING = {"25/11": "ot-kvdj-2025-11-25", "25/9": "ot-kvdj-2025-09-25"}
AFGEROND_COMMENT = "afgerond_op: datum van de actielijst; de bron noemt geen sluitdatum"


class ConversionError(Exception):
    pass


def fail(msg: str) -> None:
    raise ConversionError(msg)


# ===========================================================================
# YAML emitting
# ===========================================================================

_YAML11_WORDS = {
    "y",
    "n",
    "yes",
    "no",
    "true",
    "false",
    "on",
    "off",
    "null",
    "~",
}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Comment(str):
    """A comment line inside a mapping or a list."""


def _plain_ok(s: str) -> bool:
    if not s or s != s.strip() or s.lower() in _YAML11_WORDS:
        return False
    if s[0] in "-?:,[]{}#&*!|>'\"%@`=+.~<" or s[0].isdigit():
        return False
    if ": " in s or " #" in s or s.endswith(":") or "\t" in s:
        return False
    return all(ch.isprintable() for ch in s)


def _dq(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not ch.isprintable() and ch != " ":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def scalar(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return v if _plain_ok(v) else _dq(v)
    raise TypeError(f"cannot emit {type(v).__name__}: {v!r}")


def _literal_ok(s: str) -> bool:
    if "\n" not in s or s.endswith("\n") or s.startswith((" ", "\n")):
        return False
    for line in s.split("\n"):
        if line != line.rstrip() or "\t" in line:
            return False
        if not all(ch.isprintable() for ch in line):
            return False
    return True


def _is_scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, bool, dt.date))


def emit_mapping(d: dict, indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for k, v in d.items():
        if isinstance(v, Comment):
            lines.append(f"{pad}# {v}")
            continue
        if isinstance(v, dict):
            lines.append(f"{pad}{k}:")
            lines.extend(emit_mapping(v, indent + 2))
        elif isinstance(v, list):
            lines.extend(emit_list(k, v, indent))
        elif isinstance(v, str) and "\n" in v and _literal_ok(v):
            lines.append(f"{pad}{k}: |-")
            for line in v.split("\n"):
                lines.append(f"{pad}  {line}" if line else "")
        else:
            lines.append(f"{pad}{k}: {scalar(v)}")
    return lines


def emit_list(key: str, items: list, indent: int) -> list[str]:
    pad = " " * indent
    if not items:
        return [f"{pad}{key}: []"]
    if all(
        isinstance(x, str)
        and not isinstance(x, Comment)
        and _plain_ok(x)
        and not re.search(r"[,\[\]{}#:'\"]", x)
        for x in items
    ):
        flow = f"{pad}{key}: [{', '.join(items)}]"
        if len(flow) <= 100:
            return [flow]
    lines = [f"{pad}{key}:"]
    lines.extend(emit_items(items, indent + 2))
    return lines


def emit_items(items: list, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, Comment):
            lines.append(f"{pad}# {item}")
        elif isinstance(item, dict):
            sub = emit_mapping(item, indent + 2)
            first = next(i for i, s in enumerate(sub) if not s.lstrip().startswith("#"))
            lines.extend(sub[:first])
            lines.append(f"{pad}- {sub[first][indent + 2 :]}")
            lines.extend(sub[first + 1 :])
        elif _is_scalar(item):
            if isinstance(item, str) and "\n" in item:
                lines.append(f"{pad}- {_dq(item)}")
            else:
                lines.append(f"{pad}- {scalar(item)}")
        else:
            raise TypeError(f"cannot emit list item {item!r}")
    return lines


def front_matter_doc(meta: dict, body: str) -> str:
    text = "---\n" + "\n".join(emit_mapping(meta)) + "\n---\n"
    body = body.strip("\n")
    if body:
        text += body + "\n"
    return text


# ===========================================================================
# Text helpers
# ===========================================================================

_REDACTION_RES = [
    (re.compile(r"\^\{\s*5\.1[.,]2[.,]([a-z])\s*\}"), r"[5.1.2.\1]"),
    (re.compile(r"(?<![\w\[.])5\.1[.,]2[.,]([a-z])(?:\s*\[redacted\])?(?![\w\]])"), r"[5.1.2.\1]"),
]


def norm_redactions(s: str) -> str:
    for rx, rep in _REDACTION_RES:
        s = rx.sub(rep, s)
    return s


def slug(s: str, maxlen: int = 60) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > maxlen:
        s = s[:maxlen].rsplit("-", 1)[0]
    return s


def collapse_blank_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def fold(s: str) -> str:
    return " ".join(s.split()).casefold()


# ===========================================================================
# Curated registry (persons / organisations / teams) and reference resolving
# ===========================================================================


class Registry:
    def __init__(self):
        self.orgs = [dict(o) for o in cur.ORGANISATIES]
        self.persons = []
        for p in cur.PERSONEN_AB:
            self.persons.append(dict(p))
        for p in cur.PERSONEN_FUNCTIE:
            self.persons.append(dict(p, naam=None, openbaar=False))
        for p in cur.PERSONEN_OT:
            self.persons.append(dict(p, openbaar=False))
        self.teams = [dict(t) for t in cur.TEAMS]
        self.ids: dict[str, str] = {}
        for kind, rows in (
            ("organisatie", self.orgs),
            ("persoon", self.persons),
            ("team", self.teams),
        ):
            for r in rows:
                if not _ID_RE.match(r["id"]):
                    fail(f"invalid id {r['id']!r}")
                if r["id"] in self.ids:
                    fail(f"duplicate id {r['id']!r}")
                self.ids[r["id"]] = kind
        # alias table: folded text -> id (must be unambiguous)
        self.alias: dict[str, str] = {}
        for p in self.persons:
            names = [p["naam"]] if p.get("naam") else []
            for a in names + list(p.get("aliassen", [])):
                self._add_alias(a, p["id"])
        for o in self.orgs:
            for a in [o["naam"], *o.get("afkortingen", [])]:
                self._add_alias(a, o["id"])
        for t in self.teams:
            for a in [t["naam"], *t.get("aliassen", [])]:
                self._add_alias(a, t["id"])
        for d in cur.DOMEINEN:
            if d["id"] in self.ids:
                fail(f"domain id {d['id']!r} collides with a person/org/team")

    def _add_alias(self, text: str, ident: str) -> None:
        key = fold(text)
        if key in self.alias and self.alias[key] != ident:
            fail(f"ambiguous alias {text!r}: {self.alias[key]} / {ident}")
        self.alias[key] = ident

    def lookup(self, text: str) -> str | None:
        return self.alias.get(fold(text))

    def person(self, ident: str) -> dict:
        for p in self.persons:
            if p["id"] == ident:
                return p
        fail(f"unknown person {ident}")

    def team(self, ident: str) -> dict:
        for t in self.teams:
            if t["id"] == ident:
                return t
        fail(f"unknown team {ident}")


def _dedupe(ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out


def resolve_kvdj_wie(reg: Registry, wie: str, team: str, werkgroep: str | None) -> list[str]:
    """Resolve the Wie text of an OT KvdJ row to ids (persons/orgs/teams)."""
    ids: list[str] = []
    rest = wie
    for k, (phrase, _targets) in enumerate(cur.WIE_PHRASES):
        rx = re.compile(r"(?i)\b" + re.escape(phrase) + r"\b")
        rest = rx.sub(f"/@phrase{k}/", rest)
    for token in re.split(r"\s*/\s*|\s*,\s*|\s+en\s+|\s+(?=/?@phrase)", rest):
        token = token.strip()
        if not token:
            continue
        mp = re.fullmatch(r"@phrase(\d+)", token)
        if mp:
            ids.extend(cur.WIE_PHRASES[int(mp.group(1))][1])
            continue
        special = cur.WIE_SECTION_WORDS.get(token.casefold())
        if special:
            ids.append(special)
            continue
        ident = reg.lookup(token)
        if ident is None:
            fail(f"OT KvdJ: cannot resolve {token!r} in wie {wie!r}")
        ids.append(ident)
    out = []
    for i in ids:
        if i == "@team":
            i = team
        elif i == "@werkgroep":
            if not werkgroep:
                fail(f"'Werkgroep' in wie {wie!r} outside a werkgroep section")
            i = werkgroep
        out.append(i)
    return _dedupe(out)


def resolve_ab_wie(reg: Registry, wie: str) -> list[str]:
    text = re.sub(r"\(\s*\[5\.1\.2\.[a-z]\]\s*\)", " ", wie)  # "(​[5.1.2.e])": redacted person
    text = re.sub(r"^betrekken\s+", "", text.strip(), flags=re.I)
    whole = reg.lookup(text.strip(" ."))
    if whole:
        return [whole]
    ids = []
    for token in re.split(r"\s*/\s*|\s*&\s*|\s+-\s+|\s+en\s+", text):
        token = token.strip(" .")
        if not token:
            continue
        ident = cur.AB_WIE_TOKENS.get(token.casefold()) or reg.lookup(token)
        if ident is None:
            fail(f"AB: cannot resolve {token!r} in wie {wie!r}")
        ids.append(ident)
    return _dedupe(ids)


# ===========================================================================
# 000: OT KvdJ action list
# ===========================================================================

_SECTION_RE = re.compile(r"^Werkgroep (\d) [-–] (.+?)( afgerond)?$")
_HERKOMST_RE = re.compile(r"^(\d{1,2}/\d{1,2})\s+(.*)$", re.S)
_BESLUIT_RE = re.compile(r"^[Bb]esluit:\s*(.*)$", re.S)


def _clean_field(lines: list[str]) -> str:
    out = []
    for line in lines:
        line = line.rstrip()
        line = line.strip() if not line.strip() else line
        if line.startswith("· "):
            line = "- " + line[2:]
        is_item = line.startswith(("- ", "-  "))
        if out and out[-1].startswith("- ") and line and not is_item:
            out.append("")  # text after a list is a new paragraph, as in the document
        out.append(line)
    out = collapse_blank_lines(out)
    while out and not out[0]:
        out.pop(0)
    return "\n".join(out).strip()


def parse_actielijst(text: str) -> dict:
    lines = text.split("\n")
    header = {}
    for line in lines[:12]:
        clean = re.sub(r"\[bookmark: [^\]]*\]", "", line).strip()
        m = re.match(r"^(Domein|Secretaris|Datum|Locatie)\s+(.+)$", clean)
        if m:
            header[m.group(1)] = m.group(2).strip()
    sections: list[dict] = []
    cur_sec = None
    afgerond_part = False
    skip_header = 0
    fields: list[list[str]] = []

    def close():
        if cur_sec is None:
            return
        if len(fields) % 4:
            fail(
                f"000: section {cur_sec['titel']!r} has {len(fields)} fields (not a multiple of 4)"
            )
        rows = []
        for i in range(0, len(fields), 4):
            wat, wie, wanneer, toel = (_clean_field(f) for f in fields[i : i + 4])
            rows.append({"wat": wat, "wie": wie, "wanneer": wanneer, "toelichting": toel})
        cur_sec["rows"] = rows

    for line in lines:
        stripped = line.strip()
        is_tab = line.startswith("\t")
        title = stripped if is_tab else None
        new_section = None
        if title is not None:
            if title == "Afgeronde acties en besluiten":
                close()
                cur_sec, fields = None, []
                afgerond_part = True
                continue
            if title == "Belangrijke data":
                close()
                cur_sec = {"titel": title, "soort": "belangrijke-data", "afgerond": False}
                sections.append(cur_sec)
                fields = []
                continue
            if title == "Geen actielijn":
                new_section = {"titel": title, "werkgroep": None, "afgerond": afgerond_part}
            m = _SECTION_RE.match(title)
            if m:
                nr = int(m.group(1))
                if bool(m.group(3)) != afgerond_part:
                    fail(f"000: section {title!r} in the wrong part")
                new_section = {
                    "titel": title,
                    "werkgroep": f"ot-kvdj-wg{nr}",
                    "afgerond": afgerond_part,
                }
        if new_section:
            close()
            cur_sec = new_section
            cur_sec["soort"] = "acties"
            sections.append(cur_sec)
            fields = []
            continue
        if cur_sec is None:
            continue
        if skip_header and is_tab:
            skip_header -= 1
            continue
        if title in ("Wat - actie", "Datum"):
            skip_header = 3
            continue
        if is_tab:
            fields.append([line[1:]])
        elif fields:
            fields[-1].append(line)
        elif stripped:
            fail(f"000: text outside a row: {line!r}")
    close()
    return {"header": header, "sections": sections}


def build_kvdj(reg: Registry, seed_text: str, actielijn_for_row) -> dict:
    parsed = parse_actielijst(seed_text)
    header = parsed["header"]
    if header.get("Datum") != "25-10-25":
        fail(f"000: unexpected header date {header.get('Datum')!r}")
    actions: list[dict] = []
    besluiten: dict[str, list[dict]] = {m: [] for m in HERKOMST_MEETING.values()}
    belangrijke_data = None
    n = 0
    for sec in parsed["sections"]:
        if sec["soort"] == "belangrijke-data":
            belangrijke_data = sec.get("rows", [])
            continue
        for pos, row in enumerate(sec.get("rows", []), start=1):
            volgorde = pos * 10
            wat = row["wat"]
            herkomst = None
            m = _HERKOMST_RE.match(wat)
            if m:
                herkomst, wat = m.group(1), m.group(2).strip()
                if herkomst not in HERKOMST_MEETING:
                    fail(f"000: unknown prefix {herkomst!r}")
            vergadering = HERKOMST_MEETING.get(herkomst)
            wie = row["wie"]
            betrokkenen = resolve_kvdj_wie(reg, wie, "ot-kvdj", sec["werkgroep"]) if wie else []
            mb = _BESLUIT_RE.match(wat)
            if mb:
                if not vergadering:
                    fail(f"000: decision without meeting prefix: {wat!r}")
                besluiten[vergadering].append(
                    {
                        "tekst": mb.group(1).strip(),
                        "herkomst": herkomst,
                        "domein": "kvdj",
                        "werkgroep": sec["werkgroep"],
                        "actielijn": actielijn_for_row(mb.group(1)),
                        "wie": wie,
                        "toelichting": row["toelichting"],
                        "actielijst": "afgerond" if sec["afgerond"] else "open",
                        "volgorde": volgorde,
                    }
                )
                continue
            n += 1
            actions.append(
                {
                    "id": f"KVDJ-{n:03d}",
                    "herkomst": herkomst,
                    "wat": wat,
                    "wie": wie,
                    "betrokkenen": betrokkenen,
                    "wanneer": row["wanneer"],
                    "status": "afgerond" if sec["afgerond"] else "open",
                    "team": "ot-kvdj",
                    "werkgroep": sec["werkgroep"],
                    "actielijn": actielijn_for_row(wat),
                    "vergadering": vergadering,
                    "afgerond_op": OT_DATUM if sec["afgerond"] else None,
                    "afgerond_in": OT_MEETING if sec["afgerond"] else None,
                    "volgorde": volgorde,
                    "body": row["toelichting"],
                    "_sectie": ("afgerond: " if sec["afgerond"] else "open: ") + sec["titel"],
                }
            )
    if belangrijke_data is None:
        fail("000: no 'Belangrijke data' table")
    if belangrijke_data:
        fail("000: the 'Belangrijke data' table is no longer empty; extend the converter")
    return {"header": header, "actions": actions, "besluiten": besluiten}


# ===========================================================================
# 001: AB minutes
# ===========================================================================

_AGENDA_RE = re.compile(r"^(\d{1,2})\. (\S.*)$")
_MARKER_RE = re.compile(r"(\(\s*)?\*\*([Aa]ctie\b.*?)\*\*(\s*\))?")


def split_ab_meetings(text: str) -> list[tuple[str, list[str]]]:
    lines = text.split("\n")
    starts = []
    for i, line in enumerate(lines):
        s = line.strip()
        if (
            s == "Agenda"
            or s == "Notulen Concept"
            or (
                s.startswith("Notulen Alliantiebestuur")
                and (i == 0 or lines[i - 1].strip() != "Notulen Concept")
            )
        ):
            starts.append(i)
    starts.append(len(lines))
    return [
        (lines[starts[k]].strip(), lines[starts[k] : starts[k + 1]]) for k in range(len(starts) - 1)
    ]


def _paragraph_blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    curb: list[str] = []
    for line in lines:
        line = norm_redactions(line.rstrip())
        if not line.strip():
            if curb:
                blocks.append(curb)
                curb = []
            continue
        curb.append(line.strip() if not line.startswith("- ") else line)
    if curb:
        blocks.append(curb)
    return blocks


_RED_END = re.compile(r"\[5\.1\.2\.[a-z]\]$")


def _merge_page_breaks(blocks: list[list[str]]) -> list[list[str]]:
    """Re-join paragraphs that the PDF export split at page breaks."""
    out: list[list[str]] = []
    for b in blocks:
        if out:
            prev = out[-1][-1]
            first = b[0]
            # a sentence cut by a page break: the next paragraph starts in lower case
            cut = first[:1].islower() and not re.search(r"[.:;?!)\"'*]$", prev)
            # "[5.1.2.e]" / "(namens [5.1.2.b]" / "OT kansen ...": a speaker line split up
            speaker = _RED_END.search(prev) and (
                first.startswith("(") or (len(prev) < 40 and prev.count("(") > prev.count(")"))
            )
            join = cut or speaker
            if join and not first.startswith("- "):
                out[-1][-1] = prev + " " + first
                out[-1].extend(b[1:])
                continue
        out.append(list(b))
    return out


def _segments_with_parens(s: str, starts: list[int]) -> list[str]:
    starts = sorted(set(starts))
    return [s[a:b] for a, b in zip(starts, [*starts[1:], len(s)], strict=True)]


def parse_attendance(reg: Registry, text: str, meeting: str) -> list:
    """Split an attendance text into persons; return [id | {persoon, noot}]."""
    s = " ".join(norm_redactions(text).split())
    s = re.sub(r"(^|\s)- (?=\S)", r"\1", s)  # bullet dashes of the 4 Jul list
    names = sorted(
        ((p["naam"], p["id"]) for p in reg.persons if p.get("naam")), key=lambda x: -len(x[0])
    )
    starts = []
    depth = 0
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and (i == 0 or s[i - 1] == " "):
            if s.startswith("[5.1.2.", i) and not s[max(0, i - 7) : i].endswith("i.p.v. "):
                starts.append(i)
            else:
                for name, _ in names:
                    if s.startswith(name, i):
                        starts.append(i)
                        break
        i += 1
    if not starts or starts[0] != 0:
        fail(f"{meeting}: attendance text does not start with a person: {s[:60]!r}")
    result = []
    spm_seen = 0
    for seg in _segments_with_parens(s, starts):
        seg = seg.strip().rstrip(".,-").strip()
        red = re.match(r"^\[5\.1\.2\.([a-z])\]\s*(.*)$", seg)
        if not red:
            for name, ident in names:
                if seg.startswith(name):
                    result.append(ident)
                    break
            continue
        ground, func = "5.1.2." + red.group(1), red.group(2).strip().rstrip(".,").strip()
        noot = None
        m = re.match(r"^(.*?)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)$", func)
        if m and not func.endswith("(PDV), Min. Van SDW"):
            func, noot = m.group(1).strip().rstrip(",").strip(), m.group(2).strip()
        m = re.match(r"^(.*?)\s+(i\.p\.v\. \[5\.1\.2\.[a-z]\])$", func)
        if m:
            func, noot = m.group(1), m.group(2)
        candidates = []
        for p in cur.PERSONEN_FUNCTIE:
            for text_variant, variant_noot in p["matches"]:
                if fold(text_variant) == fold(func):
                    candidates.append((p, variant_noot))
        if not candidates:
            fail(f"{meeting}: unknown redacted function {func!r}")
        if len(candidates) > 1:  # the three identical SPM entries
            spm_seen += 1
            cand = [c for c in candidates if c[0].get("reeks") == spm_seen]
            if len(cand) != 1:
                fail(f"{meeting}: cannot assign {func!r} (occurrence {spm_seen})")
            candidates = cand
        p, variant_noot = candidates[0]
        if p["lakgrond"] != ground:
            fail(f"{meeting}: {p['id']} redacted as {ground}, expected {p['lakgrond']}")
        noot = variant_noot or noot
        entry: dict = {"persoon": p["id"]}
        if noot:
            entry["noot"] = noot
        if variant_noot is None and fold(func) != fold(p["functie"]):
            # the function as this meeting states it: a public header shows no more of a
            # redacted person than the source did (#14, residual identifiability)
            entry["functie"] = func
        result.append(entry if len(entry) > 1 else p["id"])
    return result


def _dutch_date(s: str) -> dt.date:
    m = re.search(r"(\d{1,2}) (" + "|".join(MAANDEN) + r") (\d{4})", s)
    if not m:
        fail(f"no Dutch date in {s!r}")
    return dt.date(int(m.group(3)), MAANDEN[m.group(2)], int(m.group(1)))


def _split_sentences(s: str) -> list[str]:
    return [x for x in re.split(r"(?<=[.?!])\s+(?=[A-Z\[\"'(])", s) if x]


def parse_ab(reg: Registry, text: str) -> list[dict]:
    meetings = []
    for kop, lines in split_ab_meetings(text):
        first_item = next(i for i, line in enumerate(lines) if _AGENDA_RE.match(line.strip()))
        head = [line.rstrip() for line in lines[:first_item]]
        head_text = [h.strip() for h in head if h.strip()]
        titel = next(
            h for h in head_text if h.startswith(("Bijeenkomst", "Notulen Alliantiebestuur"))
        )
        datum = _dutch_date(titel)
        mid = f"ab-{datum.isoformat()}"
        m = {
            "id": mid,
            "titel": titel,
            "datum": datum,
            "concept": kop == "Notulen Concept",
            "aanwezig": [],
            "afwezig": [],
            "begin": None,
            "eind": None,
            "locatie": None,
            "van": None,
            "bijlagen": [],
        }
        # header fields: "Key<TAB>value" (21 Apr / 24 May) or "- Aanwezig ..." list (4 Jul)
        key = None
        buf: dict[str, list[str]] = {}
        for h in head:
            hs = h.strip()
            mm = re.match(
                r"^-?\s*(Aanwezig|Afwezig met Bericht|Van|Datum|Locatie|Bijlagen)\b\s*(.*)$", hs
            )
            if mm:
                key = mm.group(1)
                buf.setdefault(key, []).append(mm.group(2))
            elif key in ("Aanwezig", "Afwezig met Bericht") and hs:
                buf[key].append(hs)
        if "Aanwezig" in buf:
            m["aanwezig"] = parse_attendance(reg, " ".join(buf["Aanwezig"]), mid)
        if "Afwezig met Bericht" in buf:
            m["afwezig"] = parse_attendance(reg, " ".join(buf["Afwezig met Bericht"]), mid)
        if "Van" in buf:
            van = " ".join(buf["Van"]).strip()
            m["van"] = reg.lookup(re.sub(r"^Burgemeester\s+", "", van))
            if not m["van"]:
                fail(f"{mid}: cannot resolve Van {van!r}")
        if "Datum" in buf:
            d = " ".join(buf["Datum"])
            if _dutch_date(d) != datum:
                fail(f"{mid}: header date {d!r} differs from title")
            t = re.search(r"(\d{1,2}:\d{2})\s*[–-]\s*(\d{1,2}:\d{2})", d)
            if t:
                m["begin"], m["eind"] = t.group(1), t.group(2)
        if "Locatie" in buf:
            m["locatie"] = " ".join(buf["Locatie"]).strip()
        if "Bijlagen" in buf:
            m["bijlagen"] = [" ".join(buf["Bijlagen"]).strip()]

        blocks = _merge_page_breaks(_paragraph_blocks(lines[first_item:]))
        agenda = []
        body_parts = []
        item = None
        for b in blocks:
            am = _AGENDA_RE.match(b[0]) if len(b) == 1 else None
            if am:
                item = {"nr": int(am.group(1)), "titel": am.group(2).strip(), "blocks": []}
                agenda.append(item)
                body_parts.append(f"## {item['nr']}. {item['titel']}")
                continue
            item["blocks"].append(b)
            body_parts.append("\n".join(b))
        nrs = [a["nr"] for a in agenda]
        if nrs != list(range(1, len(nrs) + 1)):
            fail(f"{mid}: agenda numbers {nrs}")
        m["agenda"] = agenda
        m["body"] = "\n\n".join(body_parts)
        meetings.append(m)
    return meetings


def agenda_entries(m: dict) -> list[dict]:
    out = []
    for a in m["agenda"]:
        e = {"nr": a["nr"], "titel": a["titel"]}
        bijlagen = []
        besluitpunt = None
        blocks = a["blocks"]
        for k, b in enumerate(blocks):
            t = " ".join(b)
            if re.match(r"^Bijlage\b", t):
                bijlagen.append(t)
            bm = re.match(r"^Besluitpunt:\s*(.*)$", t)
            if bm:
                raw = bm.group(1) or (" ".join(blocks[k + 1]) if k + 1 < len(blocks) else "")
                raw = raw.replace("*", "")
                raw = re.split(r"\s+(?=(?:Is vastgesteld|Vastgesteld)\b)", raw)[0]
                besluitpunt = raw.strip()
        if besluitpunt:
            e["besluitpunt"] = besluitpunt
        if bijlagen:
            e["bijlagen"] = bijlagen
        out.append(e)
    return out


def number_markers(body: str, ids: list[str], meeting: str) -> str:
    """Write each action's id into its marker (the n-th marker is the n-th action)."""
    from samennw.importing.markers import MarkerKind, find_markers, with_id

    lines = body.split("\n")
    markers = [mk for mk in find_markers(body) if mk.kind is MarkerKind.ACTION]
    if len(markers) != len(ids):
        fail(f"{meeting}: {len(markers)} action markers for {len(ids)} actions")
    for mk, ident in sorted(zip(markers, ids, strict=True), key=lambda p: (p[0].line, -p[0].start)):
        lines[mk.line] = with_id(lines[mk.line], mk, ident)
    return "\n".join(lines)


def extract_ab_actions(reg: Registry, m: dict) -> list[dict]:
    found = []
    for a in m["agenda"]:
        blocks = a["blocks"]
        for bi, b in enumerate(blocks):
            for li, line in enumerate(b):
                for mk in _MARKER_RE.finditer(line):
                    marker_raw = mk.group(2)
                    rest = line[mk.end() :]
                    # "**Actie – NPLV** ([5.1.2.e]) & programmateam": the who runs on after the bold
                    if not mk.group(1) and rest.strip() and not re.match(r"^\s*[.)]", rest):
                        marker_raw += rest
                    wie = re.sub(r"^[Aa]ctie\b\s*[–:-]?\s*", "", marker_raw).replace("**", "")
                    wie = " ".join(wie.split()).rstrip(".").strip()
                    is_bullet = line.startswith("- ")
                    before = line[: mk.start()]
                    if is_bullet:
                        # the 4 Jul Wvttk bullets carry a decorative globe emoji
                        wat = re.sub(r"^\U0001F30D\s*", "", before[2:].strip())
                        context = ""
                        # lead-in paragraph of the list when it introduces it
                        k = bi - 1 if li == 0 else None
                        if k is not None and k >= 0 and not blocks[k][0].startswith("- "):
                            lead = " ".join(blocks[k])
                            if lead.endswith(":") and len(lead) > 30:
                                context = lead
                        elif li > 0:
                            j = bi - 1
                            if j >= 0 and not blocks[j][0].startswith("- "):
                                lead = " ".join(blocks[j])
                                if lead.endswith(":") and len(lead) > 30:
                                    context = lead
                    else:
                        sentences = _split_sentences(before.strip())
                        wat = sentences[-1].strip() if sentences else ""
                        if wat.startswith('"') and wat.endswith('"'):
                            wat = wat[1:-1]
                        paragraph = "\n".join(b)
                        context = (
                            paragraph if paragraph.strip() not in (wat, before.strip()) else ""
                        )
                    wat = wat.rstrip()
                    if wat.endswith(("(", ":")):
                        wat = wat[:-1].rstrip()
                    if not wat.endswith((".", "?", "!")) and not is_bullet:
                        wat += "."
                    found.append(
                        {
                            "wat": wat,
                            "wie": wie,
                            "body": context,
                            "zoek": "\n".join(b),
                            "agendapunt": a["nr"],
                        }
                    )
    # curated overrides: an override applies to the marker whose own sentence
    # contains the needle, or to the only marker of a paragraph containing it
    used = set()
    for f in found:
        n_markers = len(_MARKER_RE.findall(f["zoek"]))
        for (mid, needle), ov in cur.AB_OVERRIDES.items():
            if mid != m["id"]:
                continue
            if needle in f["wat"] or (n_markers == 1 and needle in f["zoek"]):
                if (mid, needle) in used:
                    fail(f"override {(mid, needle)} matches more than one action")
                f.update(ov)
                used.add((mid, needle))
    for key in cur.AB_OVERRIDES:
        if key[0] == m["id"] and key not in used:
            fail(f"override {key} matched no action")
    for f in found:
        f["betrokkenen"] = resolve_ab_wie(reg, f["wie"])
    return found


# ===========================================================================
# 003: Kern uitvoeringsprogramma — domains and their opbrengsten
# ===========================================================================

PROGRAMMA_DOMEINEN = {
    "Eigenaarschap, inclusie en democratie": "eid",
    "Veiligheid": "veiligheid",
    "Werk en bestaanszekerheid": "wb",
    "Wonen en leefomgeving": "wl",
    "Kansen voor de jeugd": "kvdj",
}


def _dehyphen_join(lines: list[str]) -> list[str]:
    """Paragraph list; re-join paragraphs split by page breaks."""
    paras: list[str] = []
    curp: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            curp.append(line.strip())
        elif curp:
            paras.append("\n".join(curp))
            curp = []
    out: list[str] = []
    for p in paras:
        broken = out and p[:1].islower() and not re.search(r"[.:;?!)\"'*]$", out[-1])
        # "... met de pilot" / "Gewoon Geld Geven. ...": a sentence cut by a page break
        broken = broken or (
            out
            and re.search(r"[a-z]$", out[-1])
            and p[:1].isupper()
            and not out[-1].startswith("**")
        )
        if broken:
            if out[-1].endswith("-") and not out[-1].endswith(" -"):
                out[-1] = out[-1][:-1] + p
            else:
                out[-1] = out[-1] + " " + p
            continue
        out.append(p)
    return out


def parse_programma(text: str) -> list[dict]:
    lines = text.split("\n")
    heads = [(i, line[3:].strip()) for i, line in enumerate(lines) if line.startswith("## ")]
    result = []
    domein = None
    for k, (i, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        if title in PROGRAMMA_DOMEINEN:
            domein = PROGRAMMA_DOMEINEN[title]
            continue
        if title in ("Financiën",) or title.startswith("Specifieke Uitkering"):
            domein = None
            continue
        if title == "Community wealth building":
            d = "cwb"
        elif domein:
            d = domein
        else:
            continue
        body_lines = [ln for ln in lines[i + 1 : end] if ln.strip() != "CONCEPT"]
        if title == "Community wealth building":
            # the section runs on into the general explanation of the layout
            cut = next(j for j, ln in enumerate(body_lines) if ln.startswith("Per domein geven we"))
            body_lines = body_lines[:cut]
        paras = _dehyphen_join(body_lines)
        result.append({"titel": title, "domein": d, "paras": paras})
        if title == "Community wealth building":
            domein = None
    return result


# ===========================================================================
# Output builders
# ===========================================================================


def partners_doc(reg: Registry) -> str:
    doms = [dict(d) for d in cur.DOMEINEN]
    orgs = []
    for o in reg.orgs:
        e = {"id": o["id"], "naam": o["naam"]}
        if o.get("afkortingen"):
            e["afkortingen"] = o["afkortingen"]
        if "alliantiepartner" in o:
            e["alliantiepartner"] = o["alliantiepartner"]
        if o.get("convenant_getekend"):
            e["convenant_getekend"] = dt.date.fromisoformat(o["convenant_getekend"])
        orgs.append(e)
    persons: list = [
        Comment("Genoemd in de openbare (Woo) AB-notulen 2023 en het Jaarbeeld 2025: openbaar.")
    ]
    order = (
        [p["id"] for p in cur.PERSONEN_AB],
        [p["id"] for p in cur.PERSONEN_FUNCTIE],
        [p["id"] for p in cur.PERSONEN_OT],
    )
    comments = {
        cur.PERSONEN_FUNCTIE[0]["id"]: [
            "Functiepersonen uit de AB-notulen: de naam is in de bron weggelakt (Woo-grond in "
            "lakgrond).",
            "Zelfde functietekst in de drie vergaderingen = zelfde persoon; zie "
            "scripts/seed_people.py",
            "voor de afwegingen (o.a. drie gelijkluidende 'Strategisch programmamanager'-regels).",
        ],
        cur.PERSONEN_OT[0]["id"]: [
            "Leden en betrokkenen van het OT Kansen voor de Jeugd (actielijst 25-11-2025): "
            "privépersonen.",
        ],
    }
    for group in order:
        for pid in group:
            p = reg.person(pid)
            for c in comments.get(pid, []):
                persons.append(Comment(c))
            e = {"id": p["id"], "naam": p.get("naam")}
            if p.get("aliassen"):
                e["aliassen"] = p["aliassen"]
            if p.get("organisatie"):
                e["organisatie"] = p["organisatie"]
            if p.get("functie"):
                e["functie"] = p["functie"]
            if p.get("rollen"):
                e["rollen"] = p["rollen"]
            e["openbaar"] = bool(p.get("openbaar"))
            if p.get("lakgrond"):
                e["lakgrond"] = p["lakgrond"]
            persons.append(e)
    teams = []
    for t in reg.teams:
        e = {"id": t["id"], "naam": t["naam"], "soort": t["soort"]}
        for k in (
            "domein",
            "ouder",
            "nummer",
            "aliassen",
            "voorzitter",
            "secretaris",
            "leden",
            "locatie",
            "actie_prefix",
        ):
            if t.get(k) not in (None, []):
                e[k] = t[k]
        teams.append(e)
    head = [
        "# Partners van het Nationaal Programma Samen Nieuw-West: domeinen, organisaties,",
        "# personen en gremia (teams).  Gegenereerd door scripts/convert_seeds.py uit de",
        "# brondocumenten (../shared/seeds) en de handmatige tabellen in scripts/seed_people.py.",
    ]
    body = (
        emit_list("domeinen", doms, 0)
        + emit_list("organisaties", orgs, 0)
        + emit_list("personen", persons, 0)
        + emit_list("teams", teams, 0)
    )
    return "\n".join(head + body) + "\n"


def action_doc(a: dict) -> str:
    meta = {"id": a["id"]}
    if a.get("herkomst"):
        meta["herkomst"] = a["herkomst"]
    meta["wat"] = a["wat"]
    meta["wie"] = a["wie"]  # always present, "" when the source cell is empty
    if a["betrokkenen"]:
        meta["betrokkenen"] = a["betrokkenen"]
    meta["wanneer"] = a["wanneer"]  # always present, "" when the source cell is empty
    meta["status"] = a["status"]
    meta["team"] = a["team"]
    # Optional keys are left out when empty (as `samennw` itself writes new actions),
    # so that closing and reopening an action round-trips to the same bytes.
    for key in ("werkgroep", "actielijn", "vergadering"):
        if a.get(key):
            meta[key] = a[key]
    if a.get("afgerond_op"):
        if a.get("afgerond_comment"):
            meta["#afgerond"] = Comment(a["afgerond_comment"])
        meta["afgerond_op"] = a["afgerond_op"]
        if a.get("afgerond_in"):
            meta["afgerond_in"] = a["afgerond_in"]
    if a.get("updates"):
        meta["updates"] = [
            dict({"datum": u[0], "tekst": u[1]}, **({"vergadering": u[2]} if len(u) > 2 else {}))
            for u in a["updates"]
        ]
    if a.get("volgorde") is not None:
        meta["volgorde"] = a["volgorde"]
    return front_matter_doc(meta, a.get("body", ""))


def meeting_doc(meta: dict, body: str) -> str:
    return front_matter_doc(meta, body)


def actielijn_doc(al: dict) -> str:
    meta = {"id": al["id"], "titel": al["titel"], "domein": al["domein"]}
    if al.get("team"):
        meta["team"] = al["team"]
    if al.get("werkgroep"):
        meta["werkgroep"] = al["werkgroep"]
    meta["trekkers"] = al.get("trekkers", [])
    meta["status"] = al["status"]
    meta["partners"] = al.get("partners", [])
    meta["financiering"] = al.get("financiering", [])
    return front_matter_doc(meta, al.get("body", ""))


# ===========================================================================
# Main
# ===========================================================================


def seed_file(seeds: Path, prefix: str) -> Path:
    found = sorted(seeds.glob(prefix + "_*.txt"))
    if not found:
        fail(f"no seed {prefix}_*.txt in {seeds}")
    return found[0]


def build(seeds: Path) -> dict[str, str]:
    reg = Registry()
    texts = {
        p: seed_file(seeds, p).read_text(encoding="utf-8") for p in ("000", "001", "003", "004")
    }
    alltext = fold("\n".join(texts.values()))

    # every curated name must occur in the seeds
    for p in reg.persons:
        for n in ([p["naam"]] if p.get("naam") else []) + list(p.get("aliassen", [])):
            if fold(n) not in alltext and n not in (
                "Femke",
                "Anne",
                "Hans",
                "Sjoukje",
                "Sylvia",
                "Frank",
                "Carry",
                "Emre",
                "Emre Unver",
                "Jose",
                "Geeta",
                "Yousef",
                "Annerieke",
            ):
                fail(f"person name {n!r} does not occur in the seeds")
    for o in reg.orgs:
        if fold(o["naam_in_bron"]) not in alltext:
            fail(f"organisation {o['naam_in_bron']!r} does not occur in the seeds")

    files: dict[str, str] = {}

    # ---------------- action lines (OT KvdJ list + Kern uitvoeringsprogramma)
    actielijnen = []
    for al in cur.KVDJ_ACTIELIJNEN:
        actielijnen.append(dict(al, domein="kvdj", team="ot-kvdj", body=al["tekst"]))

    def actielijn_for_row(wat: str):
        # a row is linked when its Wat starts with one of the curated needles
        hits = [
            al["id"]
            for al in cur.KVDJ_ACTIELIJNEN
            if any(wat.casefold().startswith(r.casefold()) for r in al["rijen"])
        ]
        if len(hits) > 1:
            fail(f"row {wat!r} matches several action lines: {hits}")
        return hits[0] if hits else None

    for op in parse_programma(texts["003"]):
        body = "\n\n".join(op["paras"])
        body += (
            '\n\n*Bron: Concept Kern uitvoeringsprogramma NPSNW 2024-2027 "Wij Maken Samen '
            'Nieuw-West" '
            "(21 december 2023).*"
        )
        ident = f"{op['domein']}-{slug(op['titel'], 50)}"
        actielijnen.append(
            {
                "id": ident,
                "titel": op["titel"],
                "domein": op["domein"],
                "team": {
                    "eid": "ot-eid",
                    "veiligheid": "ot-veiligheid",
                    "wb": "ot-wb",
                    "wl": "ot-wl",
                    "kvdj": "ot-kvdj",
                }.get(op["domein"]),
                "status": "in uitvoering",
                "body": body,
            }
        )
    al_ids = [a["id"] for a in actielijnen]
    if len(set(al_ids)) != len(al_ids):
        fail("duplicate action line ids")
    for a in actielijnen:
        if a["id"] in reg.ids:
            fail(f"action line id {a['id']} collides with a person/org/team id")
        for ref in a.get("trekkers", []) + a.get("partners", []):
            if ref not in reg.ids:
                fail(f"action line {a['id']}: unknown reference {ref}")
        files[f"actielijnen/{a['id']}.md"] = actielijn_doc(a)

    # ---------------- OT KvdJ
    kv = build_kvdj(reg, texts["000"], actielijn_for_row)
    for a in kv["actions"]:
        if a["status"] == "afgerond":
            a["afgerond_comment"] = AFGEROND_COMMENT
        files[f"acties/{'afgerond' if a['status'] == 'afgerond' else 'open'}/{a['id']}.md"] = (
            action_doc(a)
        )

    h = kv["header"]
    ot_locatie = h["Locatie"]
    ot_secretaris = reg.lookup(re.sub(r"\s*\(.*\)$", "", h["Secretaris"]))
    for mid, datum in (("ot-kvdj-2025-09-25", dt.date(2025, 9, 25)), (OT_MEETING, OT_DATUM)):
        meta = {"id": mid, "team": "ot-kvdj"}
        if mid == OT_MEETING:
            meta["titel"] = (
                "Bijeenkomst Opgaveteam Kansen voor de Jeugd, Nationaal Programma Samen Nieuw-West"
            )
            meta["#datum"] = Comment(
                f'Bron-kop: "Datum {h["Datum"]}"; alle punten dragen het voorvoegsel '
                "25/11 en het programma noemt 25 november 2025"
            )
            meta["datum"] = datum
            meta["locatie"] = ot_locatie
            meta["secretaris"] = ot_secretaris
            body = (
                "De notulen van deze vergadering zitten niet in de bron; alleen de actielijst "
                "(acties en "
                "besluiten) is overgenomen."
            )
        else:
            meta["#datum"] = Comment(
                'Alleen datum en team zijn bekend (voorvoegsel "25/9" op de actielijst '
                "van 25 november 2025)"
            )
            meta["datum"] = datum
            body = (
                'Van deze vergadering zijn alleen de acties en het besluit met voorvoegsel "25/9" '
                "op de "
                "actielijst van 25 november 2025 bekend; de notulen zitten niet in de bron."
            )
        meta["notulen_status"] = "concept"
        bs = []
        for k, b in enumerate(kv["besluiten"][mid], start=1):
            e = {
                "id": f"{mid}-b{k}",
                "tekst": b["tekst"],
                "herkomst": b["herkomst"],
                "domein": b["domein"],
            }
            for key in ("werkgroep", "actielijn"):
                if b[key]:
                    e[key] = b[key]
            if b["wie"]:
                e["wie"] = b["wie"]
            if b["toelichting"]:
                e["toelichting"] = b["toelichting"]
            e["actielijst"] = b["actielijst"]
            e["volgorde"] = b["volgorde"]
            bs.append(e)
        if bs:
            meta["besluiten"] = bs
        files[f"meetings/{datum.year}/{mid}.md"] = meeting_doc(meta, body)

    # ---------------- AB
    meetings = parse_ab(reg, texts["001"])
    if [m["id"] for m in meetings] != ["ab-2023-04-21", "ab-2023-05-24", "ab-2023-07-04"]:
        fail(f"unexpected AB meetings {[m['id'] for m in meetings]}")
    ab_actions = []
    for m in meetings:
        for f in extract_ab_actions(reg, m):
            f["vergadering"] = m["id"]
            ab_actions.append(f)
    per_meeting_pos: dict[str, int] = {}
    for n, f in enumerate(ab_actions, start=1):
        f["id"] = f"AB-{n:03d}"
        per_meeting_pos[f["vergadering"]] = per_meeting_pos.get(f["vergadering"], 0) + 10
        f["volgorde"] = per_meeting_pos[f["vergadering"]]
        f.update(
            {
                "wanneer": "",
                "status": "open",
                "team": "ab",
                "werkgroep": None,
                "actielijn": None,
                "afgerond_op": None,
                "afgerond_in": None,
                "updates": [],
            }
        )
    # the minutes' action markers carry the ids of their actions, as `samennw extract`
    # leaves them: the data set is processed
    for m in meetings:
        ids = [f["id"] for f in ab_actions if f["vergadering"] == m["id"]]
        m["body"] = number_markers(m["body"], ids, m["id"])
    for op in cur.AB_OPVOLGING:
        hits = [
            f
            for f in ab_actions
            if f["vergadering"] == op["vergadering"] and op["wat_bevat"] in f["wat"]
        ]
        if len(hits) != 1:
            fail(f"AB follow-up {op['wat_bevat']!r} matched {len(hits)} actions")
        f = hits[0]
        f["updates"] = [(dt.date.fromisoformat(d), t, f"ab-{d}") for d, t in op["updates"]]
        if op.get("afgerond"):
            f["status"] = "afgerond"
            f["afgerond_in"] = op["afgerond"]
            f["afgerond_op"] = dt.date.fromisoformat(op["afgerond"][3:])
    for f in ab_actions:
        files[f"acties/{'afgerond' if f['status'] == 'afgerond' else 'open'}/{f['id']}.md"] = (
            action_doc(f)
        )

    vorige = None
    for k, m in enumerate(meetings):
        nxt = meetings[k + 1] if k + 1 < len(meetings) else None
        meta = {"id": m["id"], "team": "ab", "titel": m["titel"], "datum": m["datum"]}
        if m["begin"]:
            meta["begin"] = m["begin"]
            meta["eind"] = m["eind"]
        if m["locatie"]:
            meta["locatie"] = m["locatie"]
        meta["voorzitter"] = m["van"] or "femke-halsema"
        secretaris = None
        for e in m["aanwezig"]:
            pid = e if isinstance(e, str) else e["persoon"]
            if pid == "ab-procesmanager" and (m["id"] != "ab-2023-04-21"):
                secretaris = pid
        if secretaris:
            meta["secretaris"] = secretaris
        aanwezig = list(m["aanwezig"])
        listed = {e if isinstance(e, str) else e["persoon"] for e in aanwezig}
        extra = []
        if "femke-halsema" not in listed:
            meta["#aanwezig"] = Comment(
                "De voorzitter (burgemeester) staat niet in de aanwezigheidslijst van de "
                "bron, maar leidt de vergadering"
            )
            aanwezig.insert(0, "femke-halsema")
        if m["id"] == "ab-2023-07-04" and "anne-wilbers" not in listed:
            extra.append(
                {
                    "persoon": "anne-wilbers",
                    "noot": "niet in de aanwezigheidslijst van de bron; spreekt bij agendapunt 5 "
                    "en 9",
                }
            )
        meta["aanwezig"] = aanwezig + extra
        if m["afwezig"]:
            meta["afwezig_met_bericht"] = m["afwezig"]
        if m["bijlagen"]:
            meta["bijlagen"] = m["bijlagen"]
        meta["agenda"] = agenda_entries(m)
        if m["concept"]:
            meta["notulen_status"] = "concept"
        else:
            if not nxt:
                fail(f"{m['id']}: minutes approved, but no later meeting")
            meta["notulen_status"] = "vastgesteld"
            meta["vastgesteld_op"] = nxt["datum"]
            meta["vastgesteld_in"] = nxt["id"]
        if vorige:
            meta["vorige_vergadering"] = vorige
        bs = []
        for j, b in enumerate(cur.AB_BESLUITEN.get(m["id"], []), start=1):
            e = {"id": f"{m['id']}-b{j}", "tekst": b["tekst"], "agendapunt": b["agendapunt"]}
            if b.get("toelichting"):
                e["toelichting"] = b["toelichting"]
            if vorige and b["tekst"].startswith("Notulen van de vergadering van "):
                e["stelt_vast"] = vorige  # the approval the previous minutes record
            bs.append(e)
        if bs:
            meta["besluiten"] = bs
        files[f"meetings/{m['datum'].year}/{m['id']}.md"] = meeting_doc(meta, m["body"])
        vorige = m["id"]

    # ---------------- belangrijke data (empty in the source)
    files["belangrijke-data.yaml"] = (
        "# Belangrijke data van het OT Kansen voor de Jeugd (actielijst 25 november 2025).\n"
        "# De tabel 'Belangrijke data' is in de bron leeg; daarom een lege lijst.\n"
        "[]\n"
    )

    files["partners.yaml"] = partners_doc(reg)

    # ---------------- reference checks
    team_ids = {t["id"] for t in reg.teams}
    meeting_ids = {Path(p).stem for p in files if p.startswith("meetings/")}
    for a in kv["actions"] + ab_actions:
        for ref in a["betrokkenen"]:
            if ref not in reg.ids:
                fail(f"{a['id']}: unknown betrokkene {ref}")
        if a.get("werkgroep") and a["werkgroep"] not in team_ids:
            fail(f"{a['id']}: unknown werkgroep")
        if a.get("vergadering") and a["vergadering"] not in meeting_ids:
            fail(f"{a['id']}: unknown meeting {a['vergadering']}")
        if a.get("actielijn") and a["actielijn"] not in al_ids:
            fail(f"{a['id']}: unknown actielijn")
    return files


MANAGED = ("partners.yaml", "belangrijke-data.yaml", "meetings", "actielijnen", "acties")


class UnsafeOutputError(ConversionError):
    """The output folder holds files that a run would delete or overwrite, and that are not
    exactly as committed in git (so that git could give them back)."""

    def __init__(self, out: Path, files: list[Path]) -> None:
        self.files = files
        shown = "\n".join(f"  {f}" for f in files[:20])
        more = f"\n  ... and {len(files) - 20} more" if len(files) > 20 else ""
        super().__init__(
            f"refusing to write to {out}: {len(files)} file(s) there would be deleted or "
            f"overwritten, and they are not as committed at HEAD of a git repository "
            f"(hand-made, edited since, or untracked):\n{shown}{more}\n"
            "Commit or move them, or choose an empty --out folder; nothing was changed."
        )


def _git_top(folder: Path) -> Path | None:
    """The work tree of the git repository that holds ``folder`` (or its nearest existing
    parent), or None outside git."""
    probe = folder
    while not probe.is_dir():
        if probe.parent == probe:
            return None
        probe = probe.parent
    try:
        done = subprocess.run(
            ["git", "-C", str(probe), "rev-parse", "--show-toplevel"],
            capture_output=True,
            check=False,
        )
    except OSError:  # no git at all
        return None
    if done.returncode != 0:
        return None
    return Path(os.fsdecode(done.stdout.rstrip(b"\n"))).resolve()


def committed_unchanged(files: list[Path]) -> set[Path]:
    """Those of ``files`` (regular files, not symlinks) that git could give back as they
    are: tracked at HEAD of their repository with exactly the bytes on disk (after git's
    own filters, as ``git hash-object`` sees them)."""
    if not files:
        return set()
    top = _git_top(files[0].parent)
    if top is None:
        return set()
    rel: dict[str, Path] = {}
    for f in files:
        try:
            rel[f.resolve().relative_to(top).as_posix()] = f
        except ValueError:  # outside this repository
            continue
    if not rel:
        return set()
    git = ["git", "-C", str(top), "-c", "core.quotePath=false"]
    listed = subprocess.run(
        [*git, "ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", *sorted(rel)],
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:  # no commit yet
        return set()
    at_head: dict[str, str] = {}
    for entry in listed.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        info, _, name = entry.partition("\t")
        mode, kind, sha = info.split()
        if kind == "blob" and mode in {"100644", "100755"}:
            at_head[name] = sha
    names = [n for n in sorted(rel) if n in at_head and "\n" not in n and not rel[n].is_symlink()]
    if not names:
        return set()
    hashed = (
        subprocess.run(
            [*git, "hash-object", "--stdin-paths"],
            input="".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape"),
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split()
    )
    return {rel[n] for n, sha in zip(names, hashed, strict=True) if at_head[n] == sha}


def plan(out: Path, files: dict[str, str]) -> tuple[list[Path], list[Path]]:
    """What writing ``files`` to ``out`` would do to what is there: the files in the
    managed folders it would remove (not produced), and those it would overwrite with
    other bytes."""
    stale: list[Path] = []
    for name in MANAGED:
        p = out / name
        if p.is_dir():
            stale += [
                f
                for f in sorted(p.rglob("*"))
                if (f.is_file() or f.is_symlink()) and f.relative_to(out).as_posix() not in files
            ]
        elif p.is_symlink() or (p.exists() and name not in files):
            stale.append(p)  # a folder's name taken by a file, or a link
    changed: list[Path] = []
    for rel, text in sorted(files.items()):
        p = out / rel
        if p.is_symlink() or (
            p.exists() and (not p.is_file() or p.read_bytes() != text.encode("utf-8"))
        ):
            changed.append(p)
    return stale, changed


def write(out: Path, files: dict[str, str]) -> tuple[int, list[Path]]:
    """Write ``files`` (paths relative to ``out``) and remove the other files in the
    managed folders. A file is only removed or overwritten when git has it as it is
    (tracked at HEAD, unchanged since), so that nothing is lost that git cannot give back;
    otherwise nothing at all is changed (UnsafeOutputError, naming the files). Returns the
    number of files written and the files removed."""
    stale, changed = plan(out, files)
    touched = stale + changed
    safe = committed_unchanged([f for f in touched if f.is_file() and not f.is_symlink()])
    unsafe = [f for f in touched if f not in safe]
    if unsafe:
        raise UnsafeOutputError(out, sorted(unsafe))
    out.mkdir(parents=True, exist_ok=True)
    for f in stale:
        f.unlink()
    written = 0
    for rel, text in sorted(files.items()):
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if p.exists() and p.read_bytes() == data:
            continue
        tmp = p.with_name(p.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(p)
        written += 1
    for sub in ("acties/open", "acties/afgerond"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    return written, stale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--seeds",
        type=Path,
        default=REPO.parent / "shared" / "seeds",
        help="folder with the seed texts (default: <repo>/../shared/seeds)",
    )
    ap.add_argument(
        "--out", type=Path, default=REPO / "data", help="output folder (default: <repo>/data)"
    )
    args = ap.parse_args(argv)
    try:
        files = build(args.seeds)
    except ConversionError as exc:
        print(f"convert_seeds: {exc}", file=sys.stderr)
        return 1
    try:
        written, removed = write(args.out, files)
    except ConversionError as exc:
        print(f"convert_seeds: {exc}", file=sys.stderr)
        return 1
    for f in removed:
        print(f"removed (as committed at HEAD, so git has it): {f}")
    print(f"{len(files)} files generated ({written} written, {len(removed)} removed) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
