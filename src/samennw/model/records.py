"""Pydantic models of the data files. Keys are Dutch, as the secretaries edit them.

Every scalar arrives as a string (see :mod:`samennw.storage.yamlreader`); the annotated types
below turn strings into dates, times, numbers and booleans *strictly*: ``2025-02-31``
is an error, ``14:30`` stays a time of day, ``NO`` is not a boolean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
    model_serializer,
    model_validator,
)

from samennw.errors import Location

if TYPE_CHECKING:
    from pathlib import Path

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ACTION_ID_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9]{3,}$"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _strict_date(value: object) -> object:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("datum verwacht in de vorm JJJJ-MM-DD")
    m = _ISO_DATE.match(value.strip())
    if not m:
        raise ValueError(f"'{value}' is geen datum in de vorm JJJJ-MM-DD")
    year, month, day = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            raise ValueError(
                f"'{value}' bestaat niet: {MONTHS[month - 1]} {year} heeft geen dag {day}"
            ) from None
        raise ValueError(f"'{value}' bestaat niet: er is geen maand {month}") from None


def _strict_time(value: object) -> object:
    if not isinstance(value, str) or not _TIME.match(value.strip()):
        raise ValueError(f"'{value}' is geen tijd in de vorm UU:MM")
    h, m = _TIME.match(value.strip()).groups()  # type: ignore[union-attr]
    return f"{int(h):02d}:{m}"


def _strict_bool(value: object) -> object:
    if isinstance(value, bool):
        return value
    table = {"true": True, "false": False, "ja": True, "nee": False}
    if isinstance(value, str) and value.strip().lower() in table:
        return table[value.strip().lower()]
    raise ValueError(f"'{value}' is geen ja/nee-waarde (gebruik true of false)")


MAX_INT = 999_999  # numbers of agenda items, werkgroepen, positions: six digits at most
_WHOLE = re.compile(r"([-+]?)0*([0-9]+)")


def _strict_int(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    m = _WHOLE.fullmatch(value.strip()) if isinstance(value, str) else None
    if m is None:
        raise ValueError(f"'{value}' is geen geheel getal")
    sign, digits = m.groups()
    if sign == "-" and digits != "0":
        raise ValueError(f"'{value}' is negatief; gebruik een getal van 0 tot en met {MAX_INT}")
    if len(digits) > len(str(MAX_INT)):  # checked before int(): no 5,000-digit conversion
        raise ValueError(f"'{value}' is een te groot getal (maximaal {MAX_INT})")
    return int(digits)


Date = Annotated[date, BeforeValidator(_strict_date), PlainSerializer(lambda d: d.isoformat())]
Time = Annotated[str, BeforeValidator(_strict_time)]
Bool = Annotated[bool, BeforeValidator(_strict_bool)]
Int = Annotated[
    int,
    BeforeValidator(_strict_int),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_INT}),
]
# a vote count (default 0): a schema of its own, with its default. Older pydantic (2.9)
# shares one schema object between equal annotations and writes a field's default into
# it, so with Int every number of every schema would show "default: 0"
Count = Annotated[
    int,
    BeforeValidator(_strict_int),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_INT, "default": 0}),
]
Text = str  # NFC-normalised by the YAML reader (samennw.storage.yamlreader.nfc)
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Email = Annotated[str, Field(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$", max_length=254)]
ActionId = Annotated[str, Field(pattern=ACTION_ID_PATTERN, max_length=40)]


def _ground(value: object) -> object:
    """A Woo ground in any notation, as ``5.1.2.e`` (samennw.woo.grounds)."""
    from samennw.woo.grounds import require_ground

    if not isinstance(value, str):
        raise ValueError("een Woo-lakgrond verwacht, bijvoorbeeld 5.1.2.e")
    return require_ground(value)


Ground = Annotated[
    str,
    BeforeValidator(_ground),
    WithJsonSchema({"type": "string", "description": "Woo-lakgrond, bijvoorbeeld '5.1.2.e'."}),
]


class Model(BaseModel):
    # validators are built on first use: a query that never touches a model never pays
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Sourced(Model):
    """A model loaded from a file: remembers the file and the line of each key."""

    # the file as shown to users: a Path, or (bulk loads, where building 100,000 Paths
    # would cost more than the command's own work) the same name as a str
    _path: Path | str | None = PrivateAttr(default=None)
    _lines: Any = PrivateAttr(default_factory=dict)
    _prefix: tuple[str | int, ...] = PrivateAttr(default=())
    _text_hash: int | None = PrivateAttr(default=None)  # of the file text as loaded
    # line maps take half the memory of a loaded repository: files loaded in bulk keep
    # only this (the file to re-read) and get their lines when a problem is reported
    _origin: Path | None = PrivateAttr(default=None)

    @property
    def source_path(self) -> Path | str | None:
        """The file this object was loaded from (relative to the repository root)."""
        private = self.__pydantic_private__
        assert private is not None
        path: Path | str | None = private["_path"]
        return path

    def locate(self, *key: str | int) -> Location:
        """File, line and column of ``key`` (a path inside this object)."""
        private = self.__pydantic_private__  # direct: pydantic's __getattr__ is slow
        assert private is not None
        lines, path = private["_lines"], private["_path"]
        if lines is None:
            lines = private["_lines"] = _lines_of(private["_origin"])
        full = (*private["_prefix"], *key)
        while full and full not in lines:
            full = full[:-1]
        pos = lines.get(full) if full else None
        if pos is None:
            return Location(path, 1 if path is not None else None)
        return Location(path, pos[0], pos[1])

    def attach(self, path: Any, lines: Any, prefix: tuple[str | int, ...] = ()) -> None:
        self._path, self._lines, self._prefix = path, lines, prefix

    def set_source(
        self, path: Path | str, *, lines: Any, origin: Path | None, text_hash: int | None
    ) -> None:
        """Where this object was read: its file as shown, its line map (None: read again
        from ``origin`` when a problem is located) and the hash of the text as read."""
        private = self.__pydantic_private__  # direct: pydantic's __setattr__ is slow
        assert private is not None
        private.update(_path=path, _lines=lines, _origin=origin, _text_hash=text_hash)


def _lines_of(origin: Any) -> Any:
    """The line map of a front-matter file, read again (see ``Sourced._origin``)."""
    from samennw.errors import DataFileError
    from samennw.storage.frontmatter import parse
    from samennw.storage.reader import read_text

    try:
        return parse(read_text(origin)).lines
    except (DataFileError, OSError, TypeError):
        return {}


# --- partners.yaml -------------------------------------------------------------------


class TeamKind(StrEnum):
    ALLIANTIEBESTUUR = "alliantiebestuur"
    OPGAVETEAM = "opgaveteam"
    WERKGROEP = "werkgroep"
    PROGRAMMATEAM = "programmateam"
    OVERIG = "overig"


class Domain(Sourced):
    id: Id = Field(description="Korte code van het domein, bijvoorbeeld 'kvdj'.")
    naam: Text = Field(description="Naam van het domein (de opgave).")
    afkorting: Text | None = Field(None, description="Gangbare afkorting, bijvoorbeeld 'KvdJ'.")


class Organisation(Sourced):
    id: Id = Field(description="Korte code van de organisatie.")
    naam: Text = Field(description="Volledige naam.")
    afkortingen: list[Text] = Field(default_factory=list, description="Andere namen.")
    alliantiepartner: Bool = Field(True, description="Is dit een alliantiepartner?")
    convenant_getekend: Date | None = Field(
        None, description="Datum waarop de organisatie het convenant tekende."
    )


class Person(Sourced):
    id: Id = Field(description="Korte code van de persoon, bijvoorbeeld 'tjalling'.")
    naam: Text | None = Field(
        None, description="Volledige naam; leeg als de bron de naam heeft weggelakt."
    )
    aliassen: list[Text] = Field(
        default_factory=list, description="Andere namen, zoals een voornaam."
    )
    organisatie: Id | None = Field(None, description="Code van de organisatie.")
    functie: Text | None = Field(None, description="Functie, zoals in de bron.")
    rollen: list[Text] = Field(
        default_factory=list, description="Rollen waarop gezocht kan worden ('Burgemeester')."
    )
    openbaar: Bool = Field(
        False, description="Mag de naam openbaar (Woo)? Ja voor publieke ambtsdragers."
    )
    lakgrond: Ground | None = Field(
        None, description="Woo-lakgrond waarmee de bron de naam weglakte, bijv. '5.1.2.e'."
    )
    email: Email | None = Field(
        None,
        description="E-mailadres voor het persoonlijke overzicht (digest). Persoonsgegeven: "
        "komt nooit in een openbare versie.",
    )

    @property
    def label(self) -> str:
        """Display name: the name, or the function for function-only persons."""
        if self.naam:
            return self.naam
        return self.functie or self.id


class Membership(Model):
    """A member of a team, with a role and a period (``van``/``tot``, both inclusive)."""

    persoon: Id = Field(description="Code van de persoon (of organisatie).")
    rol: Text | None = Field(None, description="Rol in het team, bijv. 'lid' of 'adviseur'.")
    van: Date | None = Field(None, description="Lid vanaf (datum, inclusief).")
    tot: Date | None = Field(None, description="Lid tot en met (datum).")

    @model_serializer(mode="wrap")
    def _as_written(self, handler: Any) -> Any:
        """A membership without role or period is written as its id, as in the file."""
        if self.rol is None and self.van is None and self.tot is None:
            return self.persoon
        return handler(self)

    def on(self, day: date) -> bool:
        """Is this a membership on ``day``?"""
        return (self.van is None or self.van <= day) and (self.tot is None or day <= self.tot)


def _membership(value: object) -> object:
    return {"persoon": value} if isinstance(value, str) else value


MembershipRef = Annotated[
    Membership,
    BeforeValidator(_membership),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN},
                {
                    "type": "object",
                    "properties": {
                        "persoon": {"type": "string", "pattern": ID_PATTERN},
                        "rol": {"type": ["string", "null"]},
                        "van": {"type": ["string", "null"], "format": "date"},
                        "tot": {"type": ["string", "null"], "format": "date"},
                    },
                    "required": ["persoon"],
                    "additionalProperties": False,
                },
            ],
            "description": "Code van het lid, of {persoon, rol, van, tot}.",
        }
    ),
]


class Team(Sourced):
    id: Id = Field(description="Korte code van het team (gremium).")
    naam: Text = Field(description="Naam van het team.")
    soort: TeamKind = Field(description="Soort gremium.")
    domein: Id | None = Field(None, description="Domein (opgave) van het team.")
    ouder: Id | None = Field(None, description="Voor een werkgroep: het opgaveteam.")
    nummer: Int | None = Field(None, description="Nummer van de werkgroep (volgorde).")
    aliassen: list[Text] = Field(default_factory=list, description="Andere namen van het team.")
    voorzitter: Id | None = Field(None, description="Persoon die voorzit.")
    secretaris: Id | None = Field(None, description="Persoon die notuleert.")
    leden: list[MembershipRef] = Field(
        default_factory=list,
        description="Leden (personen/organisaties): een code, of {persoon, rol, van, tot}.",
    )
    locatie: Text | None = Field(None, description="Vaste vergaderlocatie.")
    actie_prefix: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*$")] | None = Field(
        None, description="Voorvoegsel voor nieuwe actie-ids, bijvoorbeeld 'KVDJ'."
    )

    @property
    def member_ids(self) -> list[str]:
        """Every member ever, in file order, once each."""
        return list(dict.fromkeys(m.persoon for m in self.leden))

    def members_on(self, day: date) -> list[str]:
        """The members on ``day`` (a membership without a period is always)."""
        return list(dict.fromkeys(m.persoon for m in self.leden if m.on(day)))


class Partners(Sourced):
    domeinen: list[Domain] = Field(default_factory=list, description="De domeinen (opgaven).")
    organisaties: list[Organisation] = Field(default_factory=list, description="Organisaties.")
    personen: list[Person] = Field(default_factory=list, description="Personen.")
    teams: list[Team] = Field(default_factory=list, description="Teams en werkgroepen.")


# --- meetings ------------------------------------------------------------------------


class MinutesStatus(StrEnum):
    CONCEPT = "concept"
    VASTGESTELD = "vastgesteld"


class Attendee(Model):
    persoon: Id = Field(description="Code van de persoon.")
    noot: Text | None = Field(None, description="Toelichting, bijv. 'vervanger Hans Krikke'.")
    functie: Text | None = Field(
        None,
        description="Functie zoals in deze vergadering vermeld, als die afwijkt van partners.yaml.",
    )
    rol: Text | None = Field(
        None, description="Voor gasten: de rol, bijv. 'presentator agendapunt 3'."
    )


def _attendee(value: object) -> object:
    return {"persoon": value} if isinstance(value, str) else value


_ID_SCHEMA = {"type": "string", "pattern": ID_PATTERN, "description": "Code van de persoon."}
AttendeeRef = Annotated[
    Attendee,
    BeforeValidator(_attendee),
    WithJsonSchema(
        {
            "anyOf": [
                _ID_SCHEMA,
                {
                    "type": "object",
                    "properties": {
                        "persoon": _ID_SCHEMA,
                        "noot": {"type": ["string", "null"], "description": "Toelichting."},
                        "functie": {
                            "type": ["string", "null"],
                            "description": "Functie zoals in deze vergadering vermeld.",
                        },
                        "rol": {"type": ["string", "null"], "description": "Rol (gasten)."},
                    },
                    "required": ["persoon"],
                    "additionalProperties": False,
                },
            ],
            "description": "Code van de persoon, of {persoon, noot, functie, rol}.",
        }
    ),
]


def _id_list(value: object) -> object:
    """One decision or action id, or a list of them: always a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


_ACTION_ID_SCHEMA = {"type": "string", "pattern": ACTION_ID_PATTERN}
ActionIds = Annotated[
    list[ActionId],
    BeforeValidator(_id_list),
    WithJsonSchema(
        {
            "anyOf": [_ACTION_ID_SCHEMA, {"type": "array", "items": _ACTION_ID_SCHEMA}],
            "description": "Code van een actie, of een lijst daarvan.",
        }
    ),
]


def _safe_file(value: object) -> object:
    """A relative path inside the data repository: never absolute, never '..'."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("'bestand' is leeg")
    parts = re.split(r"[\\/]+", value.strip())
    if value.strip().startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value.strip()):
        raise ValueError(f"'{value}' is een absoluut pad; geef een pad binnen de repository op")
    if ".." in parts:
        raise ValueError(f"'{value}' wijst buiten de repository ('..'); dat mag niet")
    if re.match(r"^[a-z][a-z0-9+.-]*://", value.strip(), re.IGNORECASE):
        raise ValueError(f"'{value}' is een adres, geen pad binnen de repository")
    return value.strip()


class Attachment(Model):
    """An attachment (bijlage): a title, optionally a file, and whether it is public."""

    titel: Text = Field(description="Titel van de bijlage, zoals in de bron.")
    bestand: Annotated[str, BeforeValidator(_safe_file)] | None = Field(
        None, description="Pad van het bestand, relatief aan de repository (geen '..')."
    )
    openbaar: Bool = Field(
        True, description="Mag de bijlage in een openbare versie genoemd en gelinkt worden?"
    )
    vertrouwelijk: Ground | None = Field(
        None, description="Woo-lakgrond als de bijlage niet openbaar is, bijv. '5.1.2.i'."
    )

    @model_validator(mode="after")
    def _ground_means_not_public(self) -> Attachment:
        if self.vertrouwelijk is not None and self.openbaar and "openbaar" in self.model_fields_set:
            raise ValueError("een vertrouwelijke bijlage kan niet 'openbaar: true' zijn")
        return self

    @property
    def public(self) -> bool:
        """May a public version name it?"""
        return self.openbaar and self.vertrouwelijk is None

    @model_serializer(mode="wrap")
    def _as_written(self, handler: Any) -> Any:
        """An attachment with only a title is written as the title, as in older files."""
        if self.bestand is None and self.openbaar and self.vertrouwelijk is None:
            return self.titel
        return handler(self)


def _attachment(value: object) -> object:
    return {"titel": value} if isinstance(value, str) else value


AttachmentRef = Annotated[
    Attachment,
    BeforeValidator(_attachment),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "description": "Titel van de bijlage."},
                {
                    "type": "object",
                    "properties": {
                        "titel": {"type": "string"},
                        "bestand": {"type": ["string", "null"]},
                        "openbaar": {"type": "boolean"},
                        "vertrouwelijk": {"type": ["string", "null"]},
                    },
                    "required": ["titel"],
                    "additionalProperties": False,
                },
            ],
            "description": "Titel van de bijlage, of {titel, bestand, openbaar, vertrouwelijk}.",
        }
    ),
]
_CONFIDENTIAL = "Vertrouwelijk: de Woo-lakgrond (bijv. '5.1.2.i'); de openbare versie toont "


class AgendaItem(Model):
    nr: Int = Field(description="Nummer van het agendapunt.")
    titel: Text = Field(description="Titel van het agendapunt.")
    duur: Text | None = Field(None, description="Duur, bijv. '30 min'.")
    besluitpunt: Text | None = Field(None, description="Het gevraagde besluit.")
    bijlagen: list[AttachmentRef] = Field(
        default_factory=list, description="Bijlagen bij dit punt."
    )
    acties: ActionIds = Field(
        default_factory=list,
        description="Acties die onder dit punt besproken worden (live verwijzingen).",
    )
    vertrouwelijk: Ground | None = Field(
        None, description=_CONFIDENTIAL + "alleen nummer en lakgrond."
    )


class ListPlacement(StrEnum):
    OPEN = "open"
    AFGEROND = "afgerond"


class DecisionOutcome(StrEnum):
    """What became of the proposal (Popolo: Motion.result)."""

    GENOMEN = "genomen"
    AANGEHOUDEN = "aangehouden"
    AFGEWEZEN = "afgewezen"
    INGETROKKEN = "ingetrokken"


class DecisionProcess(StrEnum):
    """How the decision was taken: by consent (hamerstuk, 'bij consensus'), unanimously,
    or by a vote (Popolo: VoteEvent)."""

    CONSENSUS = "consensus"
    UNANIEM = "unaniem"
    STEMMING = "stemming"


class VoteCounts(Model):
    """The counts of a vote (Popolo: VoteEvent.counts, options yes / no / abstain)."""

    voor: Count = Field(0, description="Aantal stemmen voor.")
    tegen: Count = Field(0, description="Aantal stemmen tegen.")
    onthouding: Count = Field(0, description="Aantal onthoudingen.")


_DECISION_ID_SCHEMA = {"type": "string", "pattern": ID_PATTERN}
DecisionLinks = Annotated[
    list[Id],
    BeforeValidator(_id_list),
    WithJsonSchema(
        {
            "anyOf": [
                _DECISION_ID_SCHEMA,
                {"type": "array", "items": _DECISION_ID_SCHEMA},
            ],
            "description": "Code van een eerder besluit, of een lijst daarvan.",
        }
    ),
]


class Decision(Model):
    id: Id = Field(description="Code van het besluit.")
    tekst: Text = Field(description="Het besluit.")
    agendapunt: Int | None = Field(None, description="Nummer van het agendapunt.")
    herkomst: Text | None = Field(None, description="Voorvoegsel op de actielijst, bijv. '25/11'.")
    domein: Id | None = Field(None, description="Domein.")
    werkgroep: Id | None = Field(None, description="Werkgroep (sectie op de actielijst).")
    actielijn: Id | None = Field(None, description="Actielijn.")
    wie: Text | None = Field(None, description="Betrokkenen, zoals op de actielijst.")
    toelichting: Text | None = Field(None, description="Toelichting.")
    actielijst: ListPlacement | None = Field(
        None, description="Staat het besluit op de lopende actielijst: open of afgerond."
    )
    volgorde: Int | None = Field(None, description="Positie in de sectie van de actielijst.")
    # the lifecycle (issue #12): absent keys keep every older file valid as it is
    uitslag: DecisionOutcome = Field(
        DecisionOutcome.GENOMEN,
        description="Uitslag: genomen (standaard), aangehouden, afgewezen of ingetrokken.",
    )
    besluitvorming: DecisionProcess | None = Field(
        None, description="Hoe het besluit viel: consensus (hamerstuk), unaniem of stemming."
    )
    stemmen: VoteCounts | None = Field(
        None, description="Bij een stemming: aantallen voor, tegen en onthouding."
    )
    wijzigt: DecisionLinks = Field(
        default_factory=list, description="Eerder(e) besluit(en) die dit besluit wijzigt."
    )
    vervangt: DecisionLinks = Field(
        default_factory=list, description="Eerder(e) besluit(en) die dit besluit vervangt."
    )
    vervolg_op: DecisionLinks = Field(
        default_factory=list, description="Eerder(e) besluit(en) waarop dit besluit volgt."
    )
    acties: ActionIds = Field(default_factory=list, description="Acties die het besluit uitvoeren.")
    stelt_vast: Id | None = Field(
        None, description="Vergadering waarvan dit besluit de notulen vaststelt."
    )
    vertrouwelijk: Ground | None = Field(
        None, description=_CONFIDENTIAL + "alleen code en lakgrond."
    )

    @field_validator("stemmen")
    @classmethod
    def _votes_need_a_vote(cls, value: VoteCounts | None, info: Any) -> VoteCounts | None:
        if "besluitvorming" not in info.data:
            return value  # besluitvorming itself is wrong: that is the error to report
        process = info.data["besluitvorming"]
        if value is not None and process is not DecisionProcess.STEMMING:
            how = f"'{process.value}'" if process is not None else "niet opgegeven"
            raise ValueError(
                f"stemmen horen alleen bij 'besluitvorming: stemming' (besluitvorming is {how})"
            )
        return value

    def links(self) -> list[tuple[str, str]]:
        """(kind, decision id) of every link to an earlier decision, in key order."""
        return [
            (kind, target)
            for kind, targets in (
                ("wijzigt", self.wijzigt),
                ("vervangt", self.vervangt),
                ("vervolg_op", self.vervolg_op),
            )
            for target in targets
        ]


class Meeting(Sourced):
    id: Id = Field(description="Code: <team>-<JJJJ-MM-DD>.")
    team: Id = Field(description="Het team dat vergadert.")
    titel: Text | None = Field(None, description="Titel zoals in de bron.")
    datum: Date = Field(description="Datum van de vergadering.")
    begin: Time | None = Field(None, description="Begintijd UU:MM.")
    eind: Time | None = Field(None, description="Eindtijd UU:MM.")
    locatie: Text | None = Field(None, description="Locatie.")
    voorzitter: Id | None = Field(None, description="Voorzitter ('Van').")
    secretaris: Id | None = Field(None, description="Secretaris / notulist.")
    aanwezig: list[AttendeeRef] = Field(default_factory=list, description="Aanwezigen.")
    afwezig_met_bericht: list[AttendeeRef] = Field(
        default_factory=list, description="Afwezig met bericht."
    )
    verwacht: list[AttendeeRef] = Field(
        default_factory=list,
        description="Verwacht, nog niet bevestigd (door new-meeting ingevuld): verplaats "
        "ieder naar aanwezig of afwezig_met_bericht.",
    )
    gasten: list[AttendeeRef] = Field(
        default_factory=list, description="Gasten en presentatoren (met 'rol')."
    )
    bijlagen: list[AttachmentRef] = Field(default_factory=list, description="Bijlagen.")
    agenda: list[AgendaItem] = Field(default_factory=list, description="Agendapunten.")
    notulen_status: MinutesStatus = Field(
        MinutesStatus.CONCEPT, description="Status van de notulen: concept of vastgesteld."
    )
    vastgesteld_op: Date | None = Field(
        None, description="Datum waarop de notulen zijn vastgesteld."
    )
    vastgesteld_in: Id | None = Field(None, description="Vergadering waarin ze zijn vastgesteld.")
    vorige_vergadering: Id | None = Field(
        None, description="Vorige vergadering waarvan de notulen ter vaststelling liggen."
    )
    besluiten: list[Decision] = Field(default_factory=list, description="Genomen besluiten.")
    body: str = Field("", exclude=True, description="Notulen (Markdown).")


# --- actions -------------------------------------------------------------------------


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_UITVOERING = "in uitvoering"
    GEBLOKKEERD = "geblokkeerd"
    AFGEROND = "afgerond"
    GEANNULEERD = "geannuleerd"

    @property
    def active(self) -> bool:
        """Still to do: open, in progress or blocked (its file is in acties/open)."""
        return self not in (ActionStatus.AFGEROND, ActionStatus.GEANNULEERD)

    @property
    def folder(self) -> str:
        """The folder of acties/ its file is in: 'open' or 'afgerond' (the archive)."""
        return "open" if self.active else "afgerond"


class Update(Model):
    datum: Date = Field(description="Datum van de update.")
    tekst: Text = Field(description="Tekst van de update.")
    vergadering: Id | None = Field(None, description="Vergadering waarin de update is gegeven.")


class Action(Sourced):
    id: ActionId = Field(description="Code van de actie, bijv. 'KVDJ-017'.")
    herkomst: Text | None = Field(None, description="Voorvoegsel, bijv. '25/11'.")
    wat: Text = Field(description="Wat: de actie.")
    wie: Text = Field("", description="Wie: precies zoals de secretaris het schreef.")
    betrokkenen: list[Id] = Field(
        default_factory=list, description="Codes van de betrokken personen, organisaties, teams."
    )
    wanneer: Text = Field("", description="Wanneer: precies zoals geschreven ('Okt/nov').")
    status: ActionStatus = Field(
        description="open, in uitvoering, geblokkeerd, afgerond of geannuleerd."
    )
    reden: Text | None = Field(
        None, description="Reden bij 'geblokkeerd' of 'geannuleerd' (verplicht daar)."
    )
    team: Id = Field(description="Het team op wiens actielijst de actie staat.")
    werkgroep: Id | None = Field(None, description="Werkgroep (sectie van de actielijst).")
    actielijn: Id | None = Field(None, description="Actielijn.")
    vergadering: Id | None = Field(None, description="Vergadering waarin de actie ontstond.")
    agendapunt: Int | None = Field(
        None, description="Agendapunt van die vergadering waaruit de actie voortkomt."
    )
    afgerond_op: Date | None = Field(None, description="Datum van afronden.")
    afgerond_in: Id | None = Field(None, description="Vergadering waarin afgerond.")
    geannuleerd_op: Date | None = Field(None, description="Datum van annuleren.")
    geannuleerd_in: Id | None = Field(None, description="Vergadering waarin geannuleerd.")
    updates: list[Update] = Field(default_factory=list, description="Gedateerde updates.")
    volgorde: Int | None = Field(None, description="Positie in de sectie (als in de bron).")
    vertrouwelijk: Ground | None = Field(
        None, description=_CONFIDENTIAL + "alleen code en lakgrond."
    )
    body: str = Field("", exclude=True, description="Toelichting (Markdown).")

    @field_validator("wie", "wanneer", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return "" if value is None else value

    @field_validator("reden")
    @classmethod
    def _reason_is_text(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("'reden' is leeg")
        return value

    @model_validator(mode="after")
    def _reason_when_stopped(self) -> Action:
        if self.status in (ActionStatus.GEBLOKKEERD, ActionStatus.GEANNULEERD) and not self.reden:
            raise ValueError(f"een actie met status '{self.status.value}' heeft een 'reden' nodig")
        return self


# --- action lines / important dates ----------------------------------------------------


class ActionLineStatus(StrEnum):
    IDEE = "idee"
    IN_ONTWIKKELING = "in ontwikkeling"
    VASTGESTELD = "vastgesteld"
    IN_UITVOERING = "in uitvoering"
    AFGEROND = "afgerond"
    GESTOPT = "gestopt"


class ActionLine(Sourced):
    id: Id = Field(description="Code van de actielijn.")
    titel: Text = Field(description="Titel.")
    domein: Id | None = Field(None, description="Domein.")
    team: Id | None = Field(None, description="Opgaveteam.")
    werkgroep: Id | None = Field(None, description="Werkgroep.")
    trekkers: list[Id] = Field(default_factory=list, description="Trekkers (lead).")
    status: ActionLineStatus = Field(description="Status van de actielijn.")
    partners: list[Id] = Field(default_factory=list, description="Betrokken organisaties.")
    financiering: list[Text] = Field(default_factory=list, description="Financieringsbronnen.")
    body: str = Field("", exclude=True, description="Beschrijving (Markdown).")


class ImportantDate(Sourced):
    datum: Date = Field(description="Datum.")
    wat: Text = Field(description="Wat.")
    waar: Text | None = Field(None, description="Waar.")
    toelichting: Text | None = Field(None, description="Toelichting / update.")
    team: Id | None = Field(None, description="Team.")


# --- what a record refers to -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class References:
    """The other records a meeting or action names: a commit of it alone is valid only
    when these are committed too."""

    meetings: frozenset[str] = frozenset()
    action_lines: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()  # people, organisations, teams, domains


def references(record: Meeting | Action) -> References:
    """The meetings, action lines and partners ``record`` refers to."""

    def ids(*values: str | None) -> frozenset[str]:
        return frozenset(v for v in values if v)

    if isinstance(record, Meeting):
        decisions = record.besluiten
        return References(
            meetings=ids(
                record.vastgesteld_in,
                record.vorige_vergadering,
                *(d.stelt_vast for d in decisions),
            ),
            action_lines=ids(*(d.actielijn for d in decisions)),
            partners=ids(
                record.team,
                record.voorzitter,
                record.secretaris,
                *(
                    a.persoon
                    for a in [
                        *record.aanwezig,
                        *record.afwezig_met_bericht,
                        *record.verwacht,
                        *record.gasten,
                    ]
                ),
                *(d.domein for d in decisions),
                *(d.werkgroep for d in decisions),
            ),
        )
    return References(
        meetings=ids(
            record.vergadering, record.afgerond_in, *(u.vergadering for u in record.updates)
        ),
        action_lines=ids(record.actielijn),
        partners=ids(record.team, record.werkgroep, *record.betrokkenen),
    )
