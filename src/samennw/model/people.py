"""Resolving names: full names, first names, aliases, roles and teams.

Matching is case- and accent-insensitive and Unicode-normalised, so "unver",
"Ünver" (NFC) and "Ünver" (NFD) all find Emre Ünver.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from samennw.errors import NotFoundError

if TYPE_CHECKING:
    from samennw.model.records import Organisation, Partners, Person, Team


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Fold case, accents and whitespace: 'Ünver ' → 'unver'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


# What separates the names in a 'wie' text: "Tjalling/Sofie en Maartje namens Jonge Kind",
# "Jeroen, Tjalling", "Tom & Bernlef", "Tjalling met andere instanties", "Jeroen - Emre".
WIE_SEPARATORS = re.compile(r"\s*(?:/|,|&|\ben\b|\bnamens\b|\bmet\b|\s-\s)\s*")


def split_wie(wie: str) -> list[str]:
    """The name-like parts of a 'wie' text, trimmed, without empty ones."""
    return [part.strip() for part in WIE_SEPARATORS.split(wie) if part.strip()]


def _words(text: str) -> str:
    """Folded words separated by one space: 'Ünver, E.' → 'unver e'."""
    return " ".join(re.findall(r"[^\W_]+", normalize(text)))


def _member_id(member: object) -> str:
    """The id of a team member: a Membership, or its dump (a dict) in the query cache."""
    if isinstance(member, dict):
        return str(member["persoon"])
    return str(getattr(member, "persoon", member))


class Directory:
    """Index of persons, organisations and teams by every name a user may type."""

    def __init__(self, partners: Partners) -> None:
        self.persons: dict[str, Person] = {p.id: p for p in partners.personen}
        self.organisations: dict[str, Organisation] = {o.id: o for o in partners.organisaties}
        self.teams: dict[str, Team] = {t.id: t for t in partners.teams}
        self.domains = {d.id: d for d in partners.domeinen}
        self._person_names: dict[str, set[str]] = defaultdict(set)
        for p in partners.personen:
            names = [p.id, *p.aliassen, *p.rollen]
            if p.naam:
                words = p.naam.split()
                # full name, first name and every surname suffix ("Groot Wassink", "Wassink")
                names += [p.naam, words[0], *(" ".join(words[i:]) for i in range(1, len(words)))]
            for name in names:
                self._person_names[normalize(name)].add(p.id)
        self._organisation_names: dict[str, set[str]] = defaultdict(set)
        for o in partners.organisaties:
            for name in (o.id, o.naam, *o.afkortingen):
                self._organisation_names[normalize(name)].add(o.id)
        self._team_names: dict[str, set[str]] = defaultdict(set)
        for t in partners.teams:
            for name in (t.id, t.naam, *t.aliassen):
                self._team_names[normalize(name)].add(t.id)
        # wie_mismatch's answers by (wie, *betrokkenen)
        self._wie_checked: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.member_of: dict[str, set[str]] = defaultdict(set)
        for t in partners.teams:
            for member in (*map(_member_id, t.leden), t.voorzitter, t.secretaris):
                if member:
                    self.member_of[member].add(t.id)

    def known(self, ref: str) -> bool:
        return ref in self.persons or ref in self.organisations or ref in self.teams

    def label(self, ref: str) -> str:
        if ref in self.persons:
            return self.persons[ref].label
        if ref in self.organisations:
            return self.organisations[ref].naam
        if ref in self.teams:
            return self.teams[ref].naam
        return ref

    def all_refs(self) -> list[str]:
        return [*self.persons, *self.organisations, *self.teams]

    def suggest(self, name: str, candidates: list[str] | None = None, n: int = 3) -> list[str]:
        """Closest known names/ids to ``name`` (for 'bedoelde u …?')."""
        import difflib

        pool = candidates if candidates is not None else [*self._person_names, *self._team_names]
        key = normalize(name)
        matches = difflib.get_close_matches(key, pool, n=n, cutoff=0.6)
        return matches

    def find_persons(self, name: str) -> set[str]:
        """The persons ``name`` may stand for; a person's exact id is that person alone
        (an error message offers the id as the way out of an ambiguous name)."""
        if name in self.persons:
            return {name}
        return set(self._person_names.get(normalize(name), set()))

    def find_teams(self, name: str) -> set[str]:
        return set(self._team_names.get(normalize(name), set()))

    def find_organisations(self, name: str) -> set[str]:
        """Organisations by id, full name or abbreviation ("Gemeente Amsterdam")."""
        return set(self._organisation_names.get(normalize(name), set()))

    def resolve_person(self, name: str) -> Person:
        """Exactly one person for ``name``, or a Dutch error with suggestions."""
        ids = self.find_persons(name)
        if len(ids) == 1:
            return self.persons[ids.pop()]
        if not ids:
            close = self.suggest(name, list(self._person_names))
            hint = ""
            if close:
                shown = sorted({self.label(i) for c in close for i in self._person_names[c]})
                hint = "; bedoelde u " + " of ".join(f"'{s}'" for s in shown) + "?"
            raise NotFoundError(f"onbekende persoon '{name}'{hint}")
        labels = {self.label(i) for i in ids}
        advice = "geef de code" if len(labels) == 1 else "geef de code of de volledige naam"
        raise NotFoundError(
            f"'{name}' is niet eenduidig: {self.describe(ids)}; {advice} "
            f"(bijvoorbeeld '{min(ids)}')"
        )

    def resolve_owner(self, name: str) -> str:
        """The id of the one person, team or organisation ``name`` stands for: a person by
        any of their names, a team by its name or an alias ("Programmabureau"), an
        organisation by its name or an abbreviation ("Gemeente"). A Dutch error with the
        closest names of all three kinds otherwise."""
        ids = self.find_persons(name) or self.find_teams(name) or self.find_organisations(name)
        if len(ids) == 1:
            return ids.pop()
        if ids:
            labels = {self.label(i) for i in ids}
            advice = "geef de code" if len(labels) == 1 else "geef de code of de volledige naam"
            raise NotFoundError(
                f"'{name}' is niet eenduidig: {self.describe(ids)}; {advice} "
                f"(bijvoorbeeld '{min(ids)}')"
            )
        pools = (self._person_names, self._team_names, self._organisation_names)
        close = self.suggest(name, [n for pool in pools for n in pool])
        shown = sorted({self.label(i) for c in close for pool in pools for i in pool.get(c, ())})
        if shown:
            hint = "; bedoelde u " + " of ".join(f"'{s}'" for s in shown) + "?"
        else:
            hint = " (ook geen team of organisatie met die naam)"
        raise NotFoundError(f"onbekende persoon '{name}'{hint}")

    def describe(self, ids: set[str]) -> str:
        """Persons by id with what tells them apart: name, organisation, teams.

        ``jan-de-vries (Jan de Vries, Gemeente Amsterdam; teams: ab, ot-kvdj)``
        """
        parts = []
        for i in sorted(ids):
            person = self.persons.get(i)
            if person is None:  # a team
                parts.append(f"{i} ({self.label(i)})")
                continue
            org = self.organisations.get(person.organisatie or "")
            who = person.label + (f", {org.naam}" if org is not None else "")
            teams = sorted(self.teams_of(i))
            where = f"teams: {', '.join(teams)}" if teams else "in geen team"
            parts.append(f"{i} ({who}; {where})")
        return ", ".join(parts)

    def resolve_team(self, name: str) -> Team:
        ids = self.find_teams(name)
        if len(ids) == 1:
            return self.teams[ids.pop()]
        if not ids:
            close = self.suggest(name, list(self._team_names))
            hint = ""
            if close:
                shown = sorted({self.teams[i].id for c in close for i in self._team_names[c]})
                hint = "; bedoelde u " + " of ".join(f"'{s}'" for s in shown) + "?"
            raise NotFoundError(f"onbekend team '{name}'{hint}")
        raise NotFoundError(f"'{name}' is niet eenduidig: {', '.join(sorted(ids))}")

    @cached_property
    def _mention_words(self) -> dict[str, tuple[str, ...]]:
        """Per person, every name a 'wie' text may use, as folded words between spaces
        (' groot wassink '), to look for in the text's words (see _words)."""
        mentions: dict[str, set[str]] = defaultdict(set)
        for name, ids in self._person_names.items():
            for person_id in ids:
                mentions[person_id].add(_words(name))
        for person in self.persons.values():
            if person.functie:  # a function-only person is written by function
                mentions[person.id].add(_words(person.functie))
        return {pid: tuple(f" {w} " for w in words if w) for pid, words in mentions.items()}

    def wie_mismatch(
        self, wie: str, refs: Sequence[str]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Persons a 'wie' text and its 'betrokkenen' disagree on (both lists sorted):
        those the text names unambiguously that are not in ``refs``, and those in
        ``refs`` the text does not mention by any of their names.

        Teams and organisations are left alone: "Alle aanwezigen" is the team, and the
        text may name an organisation in words of its own. An empty text says nothing.
        """
        key = (wie, *refs)
        found = self._wie_checked.get(key)
        if found is None:  # the same text with the same ids recurs: judge each pair once
            found = self._wie_checked[key] = self._wie_mismatch(wie, refs)
        return found

    def _wie_mismatch(
        self, wie: str, refs: Sequence[str]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if not wie.strip():
            return (), ()
        named: set[str] = set()
        for part in split_wie(wie):
            ids = self._person_names.get(normalize(part), set())
            if len(ids) == 1:
                named |= ids
        text = f" {_words(wie)} "
        words = self._mention_words
        not_in_text = {
            ref
            for ref in refs
            if ref not in named
            and ref in self.persons
            and not any(w in text for w in words.get(ref, ()))
        }
        return tuple(sorted(named.difference(refs))), tuple(sorted(not_in_text))

    def teams_of(self, person_id: str) -> set[str]:
        """Teams the person belongs to (member, chair or secretary)."""
        return set(self.member_of.get(person_id, set()))
