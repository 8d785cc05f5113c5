"""People an imported document names that ``partners.yaml`` does not know yet.

An import never invents a person: it reports each unknown one with a block to paste
under ``personen:`` in ``partners.yaml`` (not public by default: ``openbaar: false``),
and the secretary imports again once the block is reviewed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from samennw.storage.frontmatter import yaml_scalar


def slug(text: str, max_length: int = 40) -> str:
    """'Emre Ünver' → 'emre-unver' (ascii letters, digits and hyphens; a valid id)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_length:
            break
        out = candidate
    return out or "persoon"


@dataclass(frozen=True, slots=True)
class NewPerson:
    """A person named in a document and not found in partners.yaml."""

    naam: str | None  # None: the source redacted the name (only a function is known)
    functie: str | None = None
    lakgrond: str | None = None  # the Woo ground the source redacted the name with
    where: str = ""  # file:line where the document first names the person

    @property
    def label(self) -> str:
        if self.naam:
            return self.naam
        ground = f"[{self.lakgrond}] " if self.lakgrond else ""
        return f"{ground}{self.functie or '?'}"

    def base_id(self) -> str:
        return slug(self.naam) if self.naam else slug(self.functie or "persoon")


def assign_ids(people: Sequence[NewPerson], taken: Iterable[str]) -> list[str]:
    """An id for each new person, unique among themselves and the ``taken`` ids."""
    used = set(taken)
    ids = []
    for person in people:
        base = person.base_id()
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        ids.append(candidate)
    return ids


def partners_block(people: Sequence[NewPerson], taken: Iterable[str]) -> str:
    """YAML to paste under ``personen:`` in partners.yaml, one entry per person."""
    lines = []
    for person, person_id in zip(people, assign_ids(people, taken), strict=True):
        lines.append(f"  - id: {person_id}")
        lines.append(f"    naam: {yaml_scalar(person.naam)}")
        if person.functie:
            lines.append(f"    functie: {yaml_scalar(person.functie)}")
        if person.lakgrond:
            lines.append(f"    lakgrond: {yaml_scalar(person.lakgrond)}")
        lines.append("    openbaar: false")
    return "\n".join(lines) + ("\n" if lines else "")
