"""Woo redaction and text clean-up, applied to a whole context before templating.

One mechanism for every format: :func:`prepare` walks the plain-dict context and
rewrites every string, so a template (packaged or overridden) never sees a private
name, whatever field it prints.

* ``[[5.1.2.b|tekst]]`` — a span the secretary marked confidential: the ground in a
  public version, the plain text otherwise.
* In a public version, every name of a person not marked ``openbaar: true`` (full
  name, first name, surname, aliases) becomes the Woo ground ``5.1.2.e``. Matching is
  case- and accent-insensitive, on word boundaries, longest names first; names of
  public office holders are matched too, so that "Femke Halsema" is never cut up by a
  private "Femke".
* Confidential items (``vertrouwelijk: 5.1.2.i`` on an agenda item, decision or action,
  carried into the context as the key ``vertrouwelijk``): a public version keeps their
  number (or id), dates and status and shows ``[vertrouwelijk, 5.1.2.i]`` in place of the
  title (or *wat* / text); every other text of the item is left out. An internal version
  shows everything, with ``— vertrouwelijk (5.1.2.i)`` after the title.
* Attachments (dicts with ``_bijlage``) become one line: a non-public one is
  ``Bijlage (niet openbaar)`` (with its ground) in a public version, never its title or
  file; an internal version names the file and marks it.
* In a public version, every e-mail address (``Person.email`` or typed in a text) becomes
  ``5.1.2.e`` too: an address is personal data, and a functional one shown by mistake
  costs less than a personal one let through.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from samennw.model.records import ACTION_ID_PATTERN, Partners, Person
from samennw.safetext import printable
from samennw.woo.grounds import normalize_ground

PRIVACY_GROUND = "5.1.2.e"
# a confidential span: [[ground|text]]. Any short ground is read as one (validate reports
# one that is not in the law), so a typo hides the text rather than shows it
SPAN = re.compile(r"\[\[\s*([^\[\]|\n]{1,40}?)\s*\|(.*?)\]\]", re.DOTALL)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le"}
_ACCENTED = {
    "a": "aàáâäãå", "e": "eèéêë", "i": "iìíîï", "o": "oòóôöõø", "u": "uùúûü",
    "c": "cç", "n": "nñ", "y": "yýÿ", "s": "sš", "z": "zž",
}  # fmt: skip


def _base(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


def _name_pattern(name: str) -> str:
    """A regex for ``name`` that ignores accents and spacing: 'Ünver' matches 'Unver'."""
    parts: list[str] = []
    for ch in unicodedata.normalize("NFC", name.strip()):
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
            continue
        base = _base(ch).lower()
        variants = _ACCENTED.get(base)
        parts.append(f"[{variants}]" if variants else re.escape(ch))
    return "".join(parts)


def person_names(person: Person) -> list[str]:
    """Every name a document may use for ``person``: full, first, surname(s), aliases."""
    names = list(person.aliassen)
    if person.naam:
        words = person.naam.split()
        names.append(person.naam)
        if len(words) > 1 and not words[0].endswith("."):
            names.append(words[0])
        for i in range(1, len(words)):
            suffix = words[i:]
            if len(suffix) > 1 or suffix[0].lower() not in _PARTICLES:
                names.append(" ".join(suffix))
    return [n for n in names if len(n.strip()) >= 2]


class Redactor:
    """Rewrites strings for a public (``openbaar``) or internal version."""

    def __init__(self, partners: Partners, *, public: bool) -> None:
        self.public = public
        self._ground: dict[str, str | None] = {}  # folded name -> ground (None = public)
        for person in partners.personen:
            ground = None if person.openbaar else (person.lakgrond or PRIVACY_GROUND)
            for name in person_names(person):
                if ground is not None:  # a name shared by a public and a private person
                    self._ground[_fold(name)] = ground  # is redacted
                else:
                    self._ground.setdefault(_fold(name), None)
        self._names: re.Pattern[str] | None = None
        if public and any(g is not None for g in self._ground.values()):
            ordered = sorted(self._ground, key=lambda n: (-len(n), n))
            alternatives = "|".join(_name_pattern(n) for n in ordered)
            # a Dutch possessive ('Tjallings voorstel') is part of the name
            self._names = re.compile(rf"(?<![\w])(?:{alternatives})(?:'?s)?(?![\w])", re.IGNORECASE)

    def text(self, value: str) -> str:
        # no control characters: terminal escapes in Markdown, forbidden in XML (Word)
        value = printable(unicodedata.normalize("NFC", value))
        if self.public:
            value = SPAN.sub(_span_ground, value)
            value = _EMAIL.sub(PRIVACY_GROUND, value)  # personal data, like Person.email
        else:
            value = SPAN.sub(lambda m: m.group(2), value)
        if self._names is not None:
            value = self._names.sub(self._replace, value)
        return value

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group(0)
        key = _fold(found)
        if key not in self._ground:
            key = _fold(re.sub(r"'?s$", "", found, flags=re.IGNORECASE))
        ground = self._ground.get(key, PRIVACY_GROUND)
        return found if ground is None else ground

    def apply(self, value: Any) -> Any:
        """A copy of ``value`` (a plain context) with every string rewritten."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            shaped = shape(value, public=self.public)
            if isinstance(shaped, str):
                return self.text(shaped)
            return {k: self.apply(v) for k, v in shaped.items()}
        if isinstance(value, list | tuple):
            return [self.apply(v) for v in value]
        return value


def _span_ground(match: re.Match[str]) -> str:
    """The ground of a ``[[ground|tekst]]`` span, in its one notation."""
    raw = match.group(1)
    return normalize_ground(raw) or raw.replace(",", ".")


# --- confidential items and attachments -------------------------------------------------

# what a public version keeps of a confidential item: numbers, ids, dates and status
_KEEP = frozenset(
    {
        "nr", "id", "vertrouwelijk", "agendapunt", "status", "verlopen", "besluit", "bekend",
        "uitslag", "besluitvorming", "wanneer", "duur", "afhandeling",
    }
)  # fmt: skip
_DATE_SUFFIXES = ("_op", "_op_lang", "_op_iso")


def public_mark(ground: str) -> str:
    """What a public version shows of a confidential item: ``[vertrouwelijk, 5.1.2.i]``."""
    return f"[vertrouwelijk, {ground}]"


def internal_mark(ground: str) -> str:
    """The marker after a confidential item's title internally: ``vertrouwelijk (…)``."""
    return f"vertrouwelijk ({ground})"


def _label_keys(item: dict[str, Any]) -> tuple[str, ...]:
    """The keys that name the item: its title, else its 'wat' and text."""
    if "titel" in item:
        return ("titel",)
    return tuple(k for k in ("wat", "tekst") if k in item)


def confidential(item: dict[str, Any], *, public: bool) -> dict[str, Any]:
    """A confidential item (``item['vertrouwelijk']`` is its ground) as a version shows it."""
    ground = str(item["vertrouwelijk"])
    labels = _label_keys(item)
    if not public:
        return {
            k: (f"{v} — {internal_mark(ground)}" if k in labels and isinstance(v, str) else v)
            for k, v in item.items()
        }
    mark = public_mark(ground)
    if re.fullmatch(ACTION_ID_PATTERN, str(item.get("id", ""))):
        mark = f"{item['id']} {mark}"  # an action's number is its id
    result: dict[str, Any] = {}
    for key, value in item.items():
        if key in labels:
            result[key] = mark
        elif key in _KEEP or key.endswith(_DATE_SUFFIXES) or isinstance(value, bool | int):
            result[key] = value
        elif isinstance(value, list):
            result[key] = []
        elif isinstance(value, dict):
            result[key] = {}
        else:
            result[key] = ""
    return result


def attachment_line(item: dict[str, Any], *, public: bool) -> str:
    """One attachment (``{_bijlage, tekst, bestand, openbaar, vertrouwelijk}``) as a line.

    A public version never names a non-public attachment nor its file: it says
    ``Bijlage (niet openbaar)``, with the ground when there is one. Internally the file
    follows the title, and a non-public attachment is marked."""
    ground = str(item.get("vertrouwelijk") or "")
    hidden = ground or not item.get("openbaar", True)
    if public:
        if hidden:
            return f"Bijlage (niet openbaar, {ground})" if ground else "Bijlage (niet openbaar)"
        return str(item["tekst"])
    text = str(item["tekst"])
    if item.get("bestand"):
        text = f"{text} (bestand: {item['bestand']})"
    if hidden:
        text += f" — {internal_mark(ground)}" if ground else " — niet openbaar"
    return text


def shape(item: dict[str, Any], *, public: bool) -> dict[str, Any] | str:
    """A context dict as a version shows it: confidential items reduced or marked,
    attachments and one-line items (``_regel``: ``3. Titel``) made lines."""
    if "_bijlage" in item:
        return attachment_line(item, public=public)
    if item.get("vertrouwelijk"):
        item = confidential(item, public=public)
    if "_regel" in item:
        return f"{item['nr']}. {item['titel']}"
    return item


def _fold(name: str) -> str:
    """Case-, accent- and spacing-insensitive key of a name."""
    return " ".join("".join(_base(c) for c in name).casefold().split())


def prepare(context: dict[str, Any], partners: Partners, *, public: bool) -> dict[str, Any]:
    """The context as templates should see it: cleaned, spans resolved, redacted if public."""
    result: dict[str, Any] = Redactor(partners, public=public).apply(context)
    result["openbaar"] = public
    return result
