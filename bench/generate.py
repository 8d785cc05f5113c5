"""Generate a large, valid samennw data repository for benchmarks and scale tests.

    python bench/generate.py --scale team|programma|nationaal --out DIR [--seed N] [--jobs N]

Scales:

- ``team``: one opgaveteam (OT KvdJ with three werkgroepen as sections), 2 years:
  ~20 meetings, ~150 actions.
- ``programma``: the Alliantiebestuur, 5 opgaveteams and 11 werkgroepen, 20 years:
  ~2,000 meetings, ~10,000 actions.
- ``nationaal``: 20 areas of the programme in one repository, team ids prefixed with the
  area (``a07-ot-kvdj``), persons per area: ~20,000 meetings, ~100,000 actions.

"Tjalling" is an alias of exactly one person (area 1, member of OT KvdJ and two of its
werkgroepen) at every scale, with tens of open actions.

The output is a pure function of (scale, seed): every area draws from its own
``random.Random(f"{seed}:{area}:…")`` (string seeds are hashed with SHA-512, independent of
PYTHONHASHSEED), nothing reads the clock, and nothing iterates over a set. Areas can
therefore be written by parallel processes (``--jobs``) with byte-identical results.
Files are written with plain string building; no YAML library on the hot path.

Besides ``data/`` the generator writes ``bench-manifest.json`` (outside ``data/``): counts,
Tjalling's person id and the ids of his open actions, a team to render and a sensible
"today" for the data set. ``bench/run.py`` and the tests read it.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = 1


@dataclass(frozen=True)
class Scale:
    areas: int
    first_year: int
    years: int
    full_programme: bool  # AB + 5 OTs + werkgroepen; else only OT KvdJ
    actions_per_meeting: tuple[int, int]
    dates_per_year: int
    ot_per_year: tuple[int, ...]  # meetings per year of an opgaveteam (drawn per OT)
    wg_per_year: int  # meetings per year of a werkgroep (0: werkgroepen are sections only)


SCALES = {
    "team": Scale(1, 2026, 2, False, (5, 10), 2, (10,), 0),
    "programma": Scale(1, 2026, 20, True, (2, 8), 4, (9, 10), 4),
    # smaller areas: AB monthly, OTs 8x a year, werkgroepen as sections of the OT list
    "nationaal": Scale(20, 2026, 20, True, (2, 8), 4, (8,), 0),
}

# --- vocabulary ------------------------------------------------------------------------

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
MONTH_ABBR = ("Jan", "Feb", "Mrt", "Apr", "Mei", "Jun", "Jul", "Aug", "Sept", "Okt", "Nov", "Dec")
MEETING_MONTHS = (1, 2, 3, 4, 5, 6, 9, 10, 11, 12)  # no meetings in the summer recess

AREAS = (  # (area, city)
    ("Nieuw-West", "Amsterdam"),
    ("Zuidoost", "Amsterdam"),
    ("Noord", "Amsterdam"),
    ("Rotterdam-Zuid", "Rotterdam"),
    ("Den Haag Zuidwest", "Den Haag"),
    ("Overvecht", "Utrecht"),
    ("Tilburg-Noord", "Tilburg"),
    ("Selwerd en Paddepoel", "Groningen"),
    ("Arnhem-Oost", "Arnhem"),
    ("Woensel-West", "Eindhoven"),
    ("Heechterp-Schieringen", "Leeuwarden"),
    ("Holtenbroek", "Zwolle"),
    ("Almere Haven", "Almere"),
    ("Velve-Lindenhof", "Enschede"),
    ("Dukenburg", "Nijmegen"),
    ("Heerlen-Noord", "Heerlen"),
    ("Nieuwland", "Schiedam"),
    ("Westwijk", "Vlaardingen"),
    ("Breda-Noord", "Breda"),
    ("Zaandam-Oost", "Zaanstad"),
)

DOMAINS = (  # id, naam, afkorting
    ("eid", "Eigenaarschap, inclusie en democratie", "EID"),
    ("veiligheid", "Veiligheid", "Veiligheid"),
    ("wb", "Werk en bestaanszekerheid", "W&B"),
    ("wl", "Wonen en leefomgeving", "W&L"),
    ("kvdj", "Kansen voor de jeugd", "KvdJ"),
    ("cwb", "Community Wealth Building", "CWB"),
)

OTS = (  # domain, naam, short alias, action prefix, werkgroepen
    (
        "kvdj",
        "Opgaveteam Kansen voor de Jeugd",
        "OT KvdJ",
        "KVDJ",
        ("Het Jonge Kind", "Pedagogische Infrastructuur", "Perspectief van jongeren"),
    ),
    ("veiligheid", "Opgaveteam Veiligheid", "OT Veiligheid", "VEIL", ("Ondermijning", "Jeugd")),
    (
        "wb",
        "Opgaveteam Werk en Bestaanszekerheid",
        "OT W&B",
        "WB",
        ("Schulden en armoede", "Ondernemerschap"),
    ),
    (
        "wl",
        "Opgaveteam Wonen en Leefomgeving",
        "OT W&L",
        "WL",
        ("Woningvoorraad", "Openbare ruimte en groen"),
    ),
    (
        "eid",
        "Opgaveteam Eigenaarschap, Inclusie en Democratie",
        "OT EID",
        "EID",
        ("Democratische vernieuwing", "Inclusie en ontmoeting"),
    ),
)

ORGANISATIONS = (  # id, naam, afkortingen, alliantiepartner
    ("ministerie-bzk", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", ["BZK"], True),
    ("ministerie-ocw", "Ministerie van Onderwijs, Cultuur en Wetenschap", ["OCW"], True),
    ("ministerie-szw", "Ministerie van Sociale Zaken en Werkgelegenheid", ["SZW"], True),
    ("ministerie-jenv", "Ministerie van Justitie en Veiligheid", ["JenV"], True),
    ("politie", "Politie Nederland", ["Politie"], True),
    ("openbaar-ministerie", "Openbaar Ministerie", ["OM"], True),
    ("uwv", "UWV", [], True),
    ("hva", "Hogeschool van Amsterdam", ["HvA"], True),
    ("roc-top", "ROC TOP", [], True),
    ("stadgenoot", "Stadgenoot", [], True),
    ("rochdale", "Rochdale", [], True),
    ("eigen-haard", "Eigen Haard", [], True),
    ("leger-des-heils", "Leger des Heils", [], True),
    ("one-jongerenwerk", "ONE Jongerenwerk", ["ONE"], True),
    ("cooperatie-nieuw-west-werkt", "Coöperatie Nieuw-West Werkt", ["de coöperatie"], True),
    ("cafe-de-tuin", "Buurtcafé De Tuin", ["Café De Tuin"], False),
    ("ggd", "GGD", [], True),
    ("onderzoek-en-statistiek", "Onderzoek en Statistiek", ["O&S"], False),
    ("jeugdfonds", "Stichting Jeugdfonds Sport & Cultuur", [], True),
    ("partou", "Partou Kinderopvang", [], True),
    ("ondernemersvereniging", "Ondernemersvereniging Osdorpplein", [], True),
    ("bibliotheek", "Openbare Bibliotheek", ["OBA"], True),
)

FIRST_NAMES = (
    "Sofie", "Maartje", "Raymond", "Marouane", "Theresa", "Korine", "Kauthar", "GertJan",
    "Emre", "Fatima", "Mohamed", "Sanne", "Daan", "Lotte", "Bram", "Noor", "Youssef", "Ilse",
    "Jeroen", "Anouk", "Ruud", "Bouchra", "Hatice", "Mehmet", "Priya", "Shanti", "Eline",
    "Daniëlle", "Zoë", "Noël", "Anaïs", "Loïs", "Chloë", "René", "Thérèse", "Hélène", "André",
    "Gökhan", "Ümit", "Özlem", "Çağla", "Ayşe", "Nadia", "Karim", "Samira", "Wouter", "Femke",
    "Joost", "Marieke", "Pieter", "Esther", "Hans", "Carry", "Sjoukje", "Henk", "Ingrid",
    "Rachid", "Latifa", "Soufiane", "Dewi", "Kwame", "Akosua", "Roel", "Tamara", "Jasper",
    "Floor", "Vincent", "Yara", "Siham", "Ahmed", "Mila", "Luuk", "Iris", "Stijn", "Merel",
    "Sevda", "Tarik", "Naima", "Boris", "Lieke", "Gijs", "Hanneke", "Maarten", "Ruben", "Rob",
    "Inge", "Wendy", "Dirk", "Marloes", "Zeynep", "Ibrahim", "Imane", "Hamza", "Chaïma",
    "Mariëlle", "Jaïr", "Ayoub", "Rianne", "Bart", "Annemiek", "Sem", "Jesse", "Tess", "Elif",
    "Burak", "Kübra", "Reinier", "Saskia", "Thijs", "Wilma", "Olga", "Frank",
)  # fmt: skip
SURNAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Ünver", "Özdemir", "Yılmaz",
    "Çelik", "Şahin", "El Idrissi", "Bouzid", "Amrani", "El Khattabi", "Kartosen", "Pinas",
    "Sedney", "Biharie", "Ramdin", "Nooitmeer", "Groot Wassink", "van 't Hof", "Oudshoorn",
    "Hoekstra", "Wijnaldum", "Koç", "Boateng", "Mensah", "Asante", "Nguyen", "Tran",
    "Ferreira", "Gonçalves", "Müller", "Schröder", "Lefèvre", "Noordermeer", "Zijlstra",
    "Brandsma", "Postma", "Kuipers", "Veenstra", "Terpstra", "Aït Ouarab", "Doğan",
)  # fmt: skip
FUNCTIONS = (
    "Directeur", "Beleidsadviseur", "Teamleider Jeugd", "Wijkagent", "Programmamanager",
    "Projectleider", "Bestuurder", "Coördinator jongerenwerk", "Gebiedsmakelaar",
    "Onderzoeker", "Manager maatschappelijke ontwikkeling", "Regisseur", "Adviseur",
)  # fmt: skip

TOPICS = {
    "kvdj": (
        "het Jonge Kind", "opleiden onder schooltijd", "VMBO On Stage",
        "Loopbaanroute Nieuw-West", "naschools aanbod", "groepshulpen in de kinderopvang",
        "ouderbetrokkenheid", "pedagogische infrastructuur", "taalontwikkeling peuters",
        "stages in tekortsectoren",
    ),
    "veiligheid": (
        "ondermijning", "jeugdcriminaliteit", "cameratoezicht Plein '40-'45", "straatcoaches",
        "preventie van radicalisering", "veilige schoolroutes", "de persoonsgerichte aanpak",
        "wapenbezit onder jongeren",
    ),
    "wb": (
        "schuldhulpverlening", "vroegsignalering van schulden", "de coöperatie Nieuw-West Werkt",
        "ondernemerschap", "de werkgeversaanpak", "taal en werk", "het geldloket",
        "sociale ondernemingen",
    ),
    "wl": (
        "renovatie portiekflats", "groen in de wijk", "café De Tuin als ontmoetingsplek",
        "overlast op het Osdorpplein", "woningtoewijzing", "energiearmoede",
        "verduurzaming corporatiebezit", "speelplekken",
    ),
    "eid": (
        "de bewonersraad", "participatie van jongeren", "Woo-verzoeken", "buurtbudgetten",
        "het wijkcafé", "inclusieve communicatie", "ideeën van bewoners",
        "democratische vernieuwing",
    ),
    "ab": (
        "de jaarrapportage", "het uitvoeringsprogramma 2024-2027", "het Jaarbeeld",
        "de governance van het programma", "de inzet van vliegwielmiddelen",
        "de samenwerking met het Rijk", "Community Wealth Building", "de convenantpartners",
    ),
}  # fmt: skip
EVENTS = (
    "VMBO On Stage", "de Dag van de Alliantie", "het Buurtfestival", "de Week van het Geld",
    "de iftar in het stadsdeelhuis", "de open dag van de coöperatie",
    "de reünie van oud-deelnemers", "de Kerstmarkt", "de Nationale Voorleesdagen",
)  # fmt: skip
PLACES = (
    "Casa Sofia, Louwesweg 6G", "Café De Tuin, Osdorpplein 12",
    "Stadsdeelkantoor, Osdorpplein 1000",
    "Bestuurskantoor STWT, Anderlechtlaan 175; 1066 HM Amsterdam", "Wijkcentrum Het Anker",
    "Online (Teams)", "Bibliotheek, Osdorpplein 93",
)  # fmt: skip
WAT_TEMPLATES = (
    "Hulpvraag vanuit {p} over {t} uitzoeken",
    "Presentatie {t} voorbereiden voor het volgende overleg",
    "Contact leggen met {o} over {t}",
    "Notitie {t} rondsturen aan de leden",
    "Voorstel financiering {t} uitwerken (coalitiemiddelen/SPUK)",
    "{T}: ervaringen ophalen bij bewoners",
    "Uitnodiging {e} doorsturen naar het netwerk",
    "Evaluatie {t} agenderen",
    "Afspraak plannen met {p} en {o} over {t}",
    "Terugkoppeling {t} in het Alliantiebestuur",
    "Stand van zaken {t} delen",
    "Inventariseren welke partners willen aansluiten bij {t}",
    "Concept-actielijn {t} bespreken in de werkgroep",
    "Materiaal voor {e} verzamelen",
    "Delen van inhoud vergadering {team} met andere instanties",
    "Monitoring {t} laten uitvoeren door O&S",
    "{E} zoekt stagebedrijven; {p} benadert het eigen netwerk",
    "Pilots {t} bespreken en daarna contact leggen met {p}",
)
BODY_SENTENCES = (
    "Welke ontwikkelingsachterstanden ziet de pedagogische infrastructuur op het moment dat "
    "kinderen naar de basisschool gaan?",
    "Ingestemd met financiële bijdrage voor projectleiding en onderzoek.",
    "Graag naast de flyer ook je netwerk persoonlijk aanspreken.",
    "De financiering wordt gemonitord door de HvA en O&S.",
    "Tijdig aandacht voor duurzame bestendiging vanuit betrokken organisaties.",
    "Verbinding maken met het netwerk van de opgave W&B, actielijn ondernemerschap.",
    "{p} mailt de presentatie naar de secretaris, die haar verder verspreidt.",
    "Er is een eerste gesprek geweest; een vervolgafspraak staat gepland.",
    "Wordt meegenomen in de volgende rapportage aan het Alliantiebestuur.",
    "De coöperatie heeft aangegeven mee te willen denken over {t}.",
    "Bewoners zijn geïnteresseerd; de opkomst bij de eerste bijeenkomst was hoog.",
    "Het café in de wijk stelt de ruimte gratis beschikbaar.",
    "Ideeën worden verzameld en in de werkgroep geëvalueerd.",
    "Huidige project leunt nu vooral op tijdelijke vliegwielmiddelen.",
    "Het ministerie is gevraagd om een reactie vóór de zomer.",
    "Zie de bijlage voor de uitwerking van {t}.",
    "{p} neemt contact op met {o}.",
)
BULLETS = (
    "Leger des Heils heeft nodig:\n· Materiaal\n· Spullen om weg te geven in het kerstpakket",
    "Aandachtspunten:\n· Verbinding met het Jonge Kind\n· Partners meenemen in de uitwerking\n"
    "· Link met de opgave wonen maken",
    "- eerste verkenning gedaan\n- gesprek met de corporaties gepland\n- terugkoppeling in het OT",
)
UPDATES = (
    "Eerste gesprek heeft plaatsgevonden.",
    "Loopt nog; terugkoppeling in het volgende overleg.",
    "Uitgesteld in verband met de zomerperiode.",
    "{p} heeft contact gehad met {o}.",
    "Notitie is rondgestuurd aan de leden.",
    "Presentatie gegeven; de reacties zijn positief.",
    "Wacht op reactie van het ministerie.",
    "Besproken in de werkgroep: aanpak aangescherpt.",
)
CLOSING_UPDATES = (
    "Afgerond: besproken en vastgelegd.",
    "Gereed; de presentatie is verspreid.",
    "Afgerond, opgenomen in de actielijn.",
    "Niet meer nodig: opgegaan in een andere actie.",
)
DECISIONS = (
    "Ingestemd met financiële bijdrage voor {t}.",
    "Besloten: {t} wordt als actielijn uitgewerkt.",
    "Het {team} stemt in met de aanpak voor {t}.",
    "De werkgroep krijgt mandaat voor {t}.",
    "Advies over {t} overgenomen; uitwerking volgt in het volgende overleg.",
    "Besluit: opleiden onder schooltijd wordt opgeschaald.",
    "Het voorstel {t} is aangehouden tot de volgende vergadering.",
)
OPENING = (
    "De voorzitter opent de vergadering en heet iedereen welkom. Er zijn geen aanvullingen op "
    "de agenda.",
    "De voorzitter opent de vergadering. {p} meldt zich af voor het tweede deel.",
)
CLOSING = (
    "Er zijn geen vragen voor de rondvraag; de voorzitter sluit de vergadering.",
    "{p} vraagt aandacht voor {e}. De voorzitter sluit de vergadering.",
)
MINUTES = (
    "{p} licht de stand van zaken rond {t} toe.",
    "De leden bespreken de voortgang; er zijn zorgen over de continuïteit van de financiering.",
    # action markers as `samennw extract` leaves them: with the action's id
    "Afgesproken wordt dat {o} een voorstel maakt (**Actie {a} – {o}**).",
    "**Actie {a} – {p}**: de notitie over {t} rondsturen.",
    "Het budget van [[5.1.2.b|€ 45.000]] wordt gereserveerd voor {t}.",
    "Namens het ministerie spreekt [5.1.2.e] over de rol van het Rijk.",
    "{p} meldt dat {e} goed is bezocht; volgende keer meer aandacht voor jongeren.",
)
WANNEER_KINDS = (
    ("leeg", 10), ("maand_jaar", 20), ("maand_kort", 10), ("maanden", 7), ("deel_jaar", 7),
    ("dag_maand", 7), ("volgend_overleg_datum", 8), ("volgend_overleg", 5), ("loopt", 7),
    ("verstreken", 4), ("zsm", 3), ("kwartaal", 4), ("jaar", 3), ("zomer", 3), ("week", 2),
    ("dmy", 3),
)  # fmt: skip
WIE_KINDS = (
    ("alle_aanwezigen", 15), ("leden_team", 7), ("persoon", 30), ("twee", 15), ("namens", 8),
    ("werkgroep_personen", 5), ("organisatie", 6), ("met_instanties", 4), ("leeg", 5),
    ("volledige_naam", 5),
)  # fmt: skip
CLOSE_AFTER = (1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8, 10, 14)  # list-team meetings until afgerond
STALE = 0.01  # chance an action is never closed
STALE_TJALLING = 0.06  # Tjalling carries a few long-running actions of his own
FINANCING = (
    "coalitiemiddelen", "SPUK", "vliegwielmiddelen", "Nationaal Programma-middelen",
    "eigen middelen partners",
)  # fmt: skip
LINE_STATUS = ("idee", "in ontwikkeling", "vastgesteld", "in uitvoering", "afgerond", "gestopt")


def _cumulative(kinds: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    names, cum, total = [], [], 0
    for name, weight in kinds:
        total += weight
        names.append(name)
        cum.append(total)
    return names, cum


_WANNEER_NAMES, _WANNEER_CUM = _cumulative(WANNEER_KINDS)
_WIE_NAMES, _WIE_CUM = _cumulative(WIE_KINDS)

# --- YAML scalars (plain where safe, else JSON-style double quotes) ----------------------

_PLAIN = re.compile(r"^[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ0-9 .,/()'&+-]*$")
_TRAPS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null", "ja", "nee"))


def q(value: str) -> str:
    """A YAML scalar for ``value``: plain when unambiguous, else double-quoted."""
    if _PLAIN.match(value) and value[-1] != " " and value.lower() not in _TRAPS:
        return value
    return json.dumps(value, ensure_ascii=False)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def dutch_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


# --- the model of one area ---------------------------------------------------------------


@dataclass(slots=True)
class Person:
    id: str
    naam: str | None
    first: str
    organisatie: str | None
    functie: str | None
    aliassen: list[str] = field(default_factory=list)
    rollen: list[str] = field(default_factory=list)
    openbaar: bool = False
    lakgrond: str | None = None


@dataclass(slots=True)
class Team:
    id: str
    naam: str
    soort: str
    kind: str  # ab | ot | wg
    domein: str | None
    short: str  # how the minutes refer to it ("Jonge Kind", "OT KvdJ")
    aliassen: list[str]
    locatie: str
    per_year: int
    ouder: str | None = None
    nummer: int | None = None
    voorzitter: str | None = None
    secretaris: str | None = None
    leden: list[str] = field(default_factory=list)
    actie_prefix: str | None = None
    werkgroepen: list[Team] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # action line ids
    counter: int = 0  # last action number on this list
    order: dict[str | None, int] = field(default_factory=dict)  # volgorde per section


@dataclass(slots=True)
class Meeting:
    id: str
    team: Team
    datum: date
    index: int
    present: list[str] = field(default_factory=list)


@dataclass
class Area:
    index: int
    prefix: str  # "a07-" or ""
    name: str
    city: str
    gemeente: str  # org id
    bureau: str  # programmabureau org id
    persons: list[Person]
    teams: list[Team]
    by_id: dict[str, Person]
    tjalling: str | None
    topics: dict[str, tuple[str, ...]]


def build_area(scale: Scale, seed: int, index: int) -> Area:
    """Persons and teams of one area (cheap; rebuilt identically by every worker)."""
    rng = random.Random(f"{seed}:{index}:people")
    prefixed = scale.areas > 1
    prefix = f"a{index + 1:02d}-" if prefixed else ""
    name, city = AREAS[index]
    gemeente = f"gemeente-{slug(city)}"
    bureau = f"{prefix}programmabureau"
    persons: list[Person] = []
    by_id: dict[str, Person] = {}
    first_pool = list(FIRST_NAMES)
    rng.shuffle(first_pool)
    org_ids = [o[0] for o in ORGANISATIONS]

    def person(
        first: str | None = None,
        last: str | None = None,
        org: str | None = None,
        functie: str | None = None,
        **extra: object,
    ) -> str:
        if first is None:
            first = first_pool.pop() if first_pool else rng.choice(FIRST_NAMES)
        elif first in first_pool:
            first_pool.remove(first)
        last = last or rng.choice(SURNAMES)
        pid = prefix + slug(f"{first} {last}")
        n = 2
        while pid in by_id:
            pid, n = prefix + slug(f"{first} {last} {n}"), n + 1
        if org is None:
            org = gemeente if rng.random() < 0.3 else rng.choice(org_ids)
        p = Person(pid, f"{first} {last}", first, org, functie or rng.choice(FUNCTIONS), **extra)
        persons.append(p)
        by_id[pid] = p
        return pid

    teams: list[Team] = []
    nieuw_west = index == 0
    ot_location = (
        "Bestuurskantoor STWT, Anderlechtlaan 175; 1066 HM Amsterdam"
        if nieuw_west
        else f"Wijkcentrum {name}, {city}"
    )
    suffix = f" {name}" if prefixed else ""
    topics = {k: tuple(t.replace("Nieuw-West", name) for t in v) for k, v in TOPICS.items()}
    tjalling: str | None = None

    ab: Team | None = None
    if scale.full_programme:
        ab = Team(
            id=f"{prefix}ab",
            naam=f"Alliantiebestuur NP Samen {name}",
            soort="alliantiebestuur",
            kind="ab",
            domein=None,
            short="AB",
            aliassen=[f"AB{suffix}", f"Alliantiebestuur{suffix}"],
            locatie=f"Stadsdeelkantoor {name}",
            per_year=10,
            actie_prefix=f"{prefix.upper().replace('-', '')}AB",
        )
        ab.voorzitter = person(
            org=gemeente,
            functie=f"Burgemeester van {city}",
            rollen=["Burgemeester", "Voorzitter AB"],
            openbaar=True,
        )
        ab.secretaris = person(org=gemeente, functie="Secretaris AB", rollen=["Secretaris AB"])
        redacted = Person(
            f"{prefix}ab-rijksvertegenwoordiger-bzk",
            None,
            "",
            "ministerie-bzk",
            "Rijksvertegenwoordiger BZK",
            lakgrond="5.1.2.e",
        )
        persons.append(redacted)
        by_id[redacted.id] = redacted
        ab.leden = [redacted.id] + [
            person(functie="Bestuurder", openbaar=rng.random() < 0.5) for _ in range(7)
        ]
        teams.append(ab)

    ot_specs = OTS if scale.full_programme else OTS[:1]
    for domain, ot_name, short, action_prefix, wg_names in ot_specs:
        ot = Team(
            id=f"{prefix}ot-{domain}",
            naam=ot_name + suffix,
            soort="opgaveteam",
            kind="ot",
            domein=domain,
            short=short,
            aliassen=[short + suffix, f"Leden {ot_name[0].lower()}{ot_name[1:]}{suffix}"],
            locatie=ot_location,
            per_year=rng.choice(scale.ot_per_year),
            actie_prefix=prefix.upper().replace("-", "") + action_prefix,
        )
        if nieuw_west and domain == "kvdj":
            ot.secretaris = person(
                "Raymond", "Pinas", org=bureau, functie="Strategisch programmamanager",
                rollen=["SPM", "Secretaris OT KvdJ"],
            )  # fmt: skip
            tjalling = person(
                "Tjalling", "Hoekstra", org=gemeente, functie="Beleidsadviseur onderwijs",
                aliassen=["Tjalling"],
            )  # fmt: skip
            fixed = [
                tjalling,
                person("Sofie", "van Dijk", org="partou", functie="Regiomanager"),
                person("Maartje", "de Graaf", org="jeugdfonds", functie="Projectleider"),
                person("Emre", "Ünver", org="one-jongerenwerk", functie="Directeur"),
                person("Marouane", "El Khattabi", org="roc-top", functie="Docent LOB"),
            ]
        else:
            ot.secretaris = person(
                org=bureau, functie="Strategisch programmamanager", rollen=["SPM"]
            )
            fixed = []
        ot.voorzitter = person(functie="Directeur", openbaar=True)
        ot.leden = fixed + [person() for _ in range(8 - len(fixed))]
        teams.append(ot)
        if ab is not None:
            ab.leden.append(ot.voorzitter)
        for nr, wg_name in enumerate(wg_names, 1):
            wg = Team(
                id=f"{ot.id}-wg{nr}",
                naam=f"Werkgroep {nr} – {wg_name}",
                soort="werkgroep",
                kind="wg",
                domein=None,
                short=wg_name.replace("Het ", ""),
                aliassen=[f"Werkgroep {nr} {short}{suffix}"],
                locatie=ot_location,
                per_year=scale.wg_per_year,
                ouder=ot.id,
                nummer=nr,
            )
            if tjalling is not None and ot.leden[0] == tjalling and nr in (1, 3):
                from_ot = ot.leden[:3] if nr == 1 else [tjalling, ot.leden[4]]
            else:
                from_ot = [m for m in ot.leden[1:] if rng.random() < 0.3][:3]
            wg.leden = from_ot + [person() for _ in range(5 - len(from_ot))]
            wg.voorzitter = wg.leden[0]
            ot.werkgroepen.append(wg)
            teams.append(wg)
    return Area(
        index, prefix, name, city, gemeente, bureau, persons, teams, by_id, tjalling, topics
    )


# --- partners.yaml -------------------------------------------------------------------------


def partners_yaml(areas: list[Area]) -> str:
    out = ["# Gegenereerd door bench/generate.py; niet met de hand bewerken.", "domeinen:"]
    for did, naam, afk in DOMAINS:
        out += [f"  - id: {did}", f"    naam: {q(naam)}", f"    afkorting: {q(afk)}"]
    out.append("organisaties:")
    seen: list[str] = []
    for oid, naam, afk, partner in ORGANISATIONS:
        seen.append(oid)
        out += [f"  - id: {oid}", f"    naam: {q(naam)}"]
        if afk:
            out.append(f"    afkortingen: [{', '.join(q(a) for a in afk)}]")
        if not partner:
            out.append("    alliantiepartner: false")
        else:
            out.append(f"    convenant_getekend: 2023-05-{24 - len(seen) % 7:02d}")
    for area in areas:
        if area.gemeente not in seen:
            seen.append(area.gemeente)
            out += [f"  - id: {area.gemeente}", f"    naam: Gemeente {q(area.city)}"]
            out.append("    afkortingen: [Gemeente]")
        out += [f"  - id: {area.bureau}", f"    naam: {q('Programmabureau ' + area.name)}"]
        out.append("    alliantiepartner: false")
    out.append("personen:")
    for area in areas:
        for p in area.persons:
            out.append(f"  - id: {p.id}")
            out.append(f"    naam: {q(p.naam) if p.naam else 'null'}")
            if p.aliassen:
                out.append(f"    aliassen: [{', '.join(q(a) for a in p.aliassen)}]")
            if p.organisatie:
                out.append(f"    organisatie: {p.organisatie}")
            if p.functie:
                out.append(f"    functie: {q(p.functie)}")
            if p.rollen:
                out.append(f"    rollen: [{', '.join(q(r) for r in p.rollen)}]")
            if p.openbaar:
                out.append("    openbaar: true")
            if p.lakgrond:
                out.append(f"    lakgrond: {p.lakgrond}")
    out.append("teams:")
    for area in areas:
        for t in area.teams:
            out += [f"  - id: {t.id}", f"    naam: {q(t.naam)}", f"    soort: {t.soort}"]
            if t.domein:
                out.append(f"    domein: {t.domein}")
            if t.ouder:
                out += [f"    ouder: {t.ouder}", f"    nummer: {t.nummer}"]
            out.append(f"    aliassen: [{', '.join(q(a) for a in t.aliassen)}]")
            if t.voorzitter:
                out.append(f"    voorzitter: {t.voorzitter}")
            if t.secretaris:
                out.append(f"    secretaris: {t.secretaris}")
            out.append(f"    leden: [{', '.join(t.leden)}]")
            out.append(f"    locatie: {q(t.locatie)}")
            if t.actie_prefix:
                out.append(f"    actie_prefix: {t.actie_prefix}")
    return "\n".join(out) + "\n"


# --- content of one area --------------------------------------------------------------------


class AreaWriter:
    """Meetings, action lines, actions and important dates of one area, written to disk."""

    def __init__(self, scale: Scale, seed: int, area: Area, data: Path) -> None:
        self.scale, self.area, self.data = scale, area, data
        self.rng = random.Random(f"{seed}:{area.index}:content")
        self.teams = {t.id: t for t in area.teams}
        self.years = range(scale.first_year, scale.first_year + scale.years)
        self.counts = {"vergaderingen": 0, "besluiten": 0, "acties": 0, "open": 0}
        self.counts.update(afgerond=0, actielijnen=0)
        self.tjalling_personal: list[str] = []
        self.tjalling_team: list[str] = []
        self.tjalling_teams: list[str] = []
        self.tjalling_org = ""
        if area.tjalling:
            tj = area.tjalling
            self.tjalling_teams = [
                t.id for t in area.teams if tj in t.leden or tj in (t.voorzitter, t.secretaris)
            ]
            self.tjalling_org = area.by_id[tj].organisatie or ""

    # helpers ---------------------------------------------------------------------------
    def first(self, pid: str) -> str:
        p = self.area.by_id[pid]
        return p.first or (p.functie or pid)

    def topics_of(self, team: Team) -> tuple[str, ...]:
        key = team.domein or (self.teams[team.ouder].domein if team.ouder else None) or "ab"
        return self.area.topics[key]

    def topic(self, team: Team) -> str:
        return self.rng.choice(self.topics_of(team))

    def fill(self, template: str, team: Team) -> str:
        rng = self.rng
        t = self.topic(team)
        members = [m for m in team.leden if self.area.by_id[m].naam]
        org = rng.choice(ORGANISATIONS)
        event = rng.choice(EVENTS)
        return template.format(
            p=self.first(rng.choice(members)),
            t=t,
            T=cap(t),
            o=org[2][0] if org[2] and rng.random() < 0.5 else org[1],
            e=event,
            E=cap(event),
            team=team.short,
            a=f"{team.actie_prefix or 'ACTIE'}-{rng.randint(1, 999):03d}",
        )

    # schedule --------------------------------------------------------------------------
    def schedule(self) -> list[Meeting]:
        rng = self.rng
        meetings: list[Meeting] = []
        for team in self.area.teams:
            n = team.per_year
            if n == 0:
                continue
            for year in self.years:
                for month in sorted(rng.sample(MEETING_MONTHS, n)):
                    d = date(year, month, rng.randint(1, 22))
                    while d.weekday() not in (1, 2, 3):
                        d += timedelta(days=1)
                    m = Meeting(f"{team.id}-{d.isoformat()}", team, d, len(team.meetings))
                    team.meetings.append(m)
                    team.dates.append(d)
                    meetings.append(m)
        meetings.sort(key=lambda m: (m.datum, m.team.id))
        return meetings

    # action lines ----------------------------------------------------------------------
    def action_lines(self) -> None:
        rng = self.rng
        folder = self.data / "actielijnen"
        orgs = [o[0] for o in ORGANISATIONS]
        for ot in (t for t in self.area.teams if t.kind == "ot"):
            for wg in [None, *ot.werkgroepen]:
                for _ in range(rng.randint(1, 3)):
                    topic = self.topic(ot)
                    if self.area.tjalling and ot.domein == "kvdj" and wg is ot.werkgroepen[2]:
                        topic, trekker = f"Loopbaanroute {self.area.name}", self.area.tjalling
                    else:
                        trekker = rng.choice((wg or ot).leden)
                    line_id = self.area.prefix + slug(topic)[:60]
                    if line_id in ot.lines or any(line_id in t.lines for t in self.area.teams):
                        continue
                    (wg or ot).lines.append(line_id)
                    if wg is not None:
                        ot.lines.append(line_id)
                    out = [
                        "---",
                        f"id: {line_id}",
                        f"titel: {q(cap(topic))}",
                        f"domein: {ot.domein}",
                        f"team: {ot.id}",
                    ]
                    if wg is not None:
                        out.append(f"werkgroep: {wg.id}")
                    out.append(f"trekkers: [{trekker}]")
                    out.append(f"status: {rng.choice(LINE_STATUS)}")
                    out.append(f"partners: [{', '.join(rng.sample(orgs, rng.randint(1, 3)))}]")
                    fin = rng.sample(FINANCING, rng.randint(1, 2))
                    out.append(f"financiering: [{', '.join(q(f) for f in fin)}]")
                    out += ["---", self.paragraph(ot, 3), ""]
                    (folder / f"{line_id}.md").write_text("\n".join(out), encoding="utf-8")
                    self.counts["actielijnen"] += 1

    def paragraph(self, team: Team, n: int) -> str:
        return " ".join(
            self.fill(s, team) for s in self.rng.sample(BODY_SENTENCES, self.rng.randint(1, n))
        )

    # wanneer / wie ---------------------------------------------------------------------
    def wanneer(self, m: Meeting, list_team: Team, nxt: Meeting | None) -> str:
        rng = self.rng
        kind = _WANNEER_NAMES[bisect.bisect_right(_WANNEER_CUM, rng.randrange(_WANNEER_CUM[-1]))]
        d = m.datum
        later = d + timedelta(days=rng.randint(20, 100))
        body = "AB" if list_team.kind == "ab" else "OT"
        if kind == "leeg":
            return ""
        if kind == "maand_jaar":
            return f"{cap(MONTHS[later.month - 1])} {later.year}"
        if kind == "maand_kort":
            return MONTH_ABBR[later.month - 1]
        if kind == "maanden":
            return f"{MONTH_ABBR[later.month - 1]}/{MONTH_ABBR[later.month % 12].lower()}"
        if kind == "deel_jaar":
            return rng.choice((f"Begin {d.year + 1}", f"Eind {d.year}", f"Medio {d.year + 1}"))
        if kind == "dag_maand":
            return f"{min(later.day, 28)} {MONTHS[later.month - 1]}"
        if kind == "volgend_overleg_datum" and nxt is not None:
            return f"{body} {dutch_date(nxt.datum)}"
        if kind in ("volgend_overleg", "volgend_overleg_datum"):
            month = (nxt.datum if nxt else later).month
            return rng.choice(
                (f"Volgend {body} in {MONTH_ABBR[month - 1].lower()}", "Volgende vergadering")
            )
        if kind == "loopt":
            return rng.choice(("Loopt", "Loopt", "Doorlopend"))
        if kind == "verstreken":
            return "Deadline verstreken, z.s.m."
        if kind == "zsm":
            return rng.choice(("z.s.m.", "Z.s.m."))
        if kind == "kwartaal":
            return f"Q{(later.month - 1) // 3 + 1} {later.year}"
        if kind == "jaar":
            return str(later.year)
        if kind == "zomer":
            return rng.choice(("Voor de zomer", "Na de zomer"))
        if kind == "week":
            return f"Week {min(later.isocalendar()[1], 52)}"
        return f"{later.day:02d}-{later.month:02d}-{later.year}"

    def wie(self, m: Meeting, wg: Team | None, list_team: Team) -> tuple[str, list[str]]:
        rng, area = self.rng, self.area
        kind = _WIE_NAMES[bisect.bisect_right(_WIE_CUM, rng.randrange(_WIE_CUM[-1]))]
        present = m.present or m.team.leden
        named = [p for p in present if area.by_id[p].naam]
        if kind == "alle_aanwezigen":
            return "Alle aanwezigen", [m.team.id]
        if kind == "leden_team":
            team = wg or list_team
            return f"Leden {team.naam[0].lower()}{team.naam[1:]}", [team.id]
        if kind == "namens" and wg is not None:
            ids = [p for p in wg.leden if area.by_id[p].naam][:3]
            text = "/".join(self.first(p) for p in ids)
            return f"{text} namens {wg.short}", [*ids, wg.id]
        if kind == "werkgroep_personen" and wg is not None:
            ids = rng.sample(wg.leden, 2)
            return f"Werkgroep/{self.first(ids[0])}/{self.first(ids[1])}", [wg.id, *ids]
        if kind == "twee" and len(named) >= 2:
            ids = rng.sample(named, 2)
            return f"{self.first(ids[0])}/{self.first(ids[1])}", ids
        if kind == "organisatie":
            choice = rng.randrange(4)
            if choice == 0:
                return "Programmabureau", [area.bureau]
            if choice == 1:
                return f"Gemeente {area.city}", [area.gemeente]
            oid, naam, afk, _ = rng.choice(ORGANISATIONS)
            return (afk[0] if afk else naam), [oid]
        if kind == "met_instanties":
            pid = self.owner(named)
            return f"{self.first(pid)} met andere instanties", [pid]
        if kind == "leeg":
            return "", []
        pid = self.owner(named)
        if kind == "volledige_naam":
            return area.by_id[pid].naam or pid, [pid]
        return self.first(pid), [pid]

    def owner(self, named: list[str]) -> str:
        """One person for an action; Tjalling, an active member, is picked more often."""
        tjalling = self.area.tjalling
        if tjalling in named and self.rng.random() < 0.2:
            return tjalling  # type: ignore[return-value]
        return self.rng.choice(named)

    # meetings --------------------------------------------------------------------------
    def meeting(self, m: Meeting) -> tuple[list[int], list[str]]:
        """Write one meeting; returns the agenda numbers of its topics and the chairs."""
        rng, team = self.rng, self.team_of(m)
        members = list(team.leden)
        chairs = [c for c in (team.voorzitter, team.secretaris) if c]
        everyone = chairs + [x for x in members if x not in chairs]
        absent = [p for p in everyone if rng.random() < 0.12 and p not in chairs]
        present = [p for p in everyone if p not in absent]
        m.present = present
        prev = team.meetings[m.index - 1] if m.index else None
        nxt = team.meetings[m.index + 1] if m.index + 1 < len(team.meetings) else None
        if team.kind == "ab":
            titel = f"Notulen {team.naam} {dutch_date(m.datum)}"
            begin, eind = "15:30", rng.choice(("16:30", "17:00"))
        elif team.kind == "ot":
            titel = f"Bijeenkomst {team.naam} {dutch_date(m.datum)}"
            begin, eind = "16:30", "18:00"
        else:
            titel = f"Overleg {team.naam} {dutch_date(m.datum)}"
            begin, eind = "10:00", "11:30"
        out = [
            "---",
            f"id: {m.id}",
            f"team: {team.id}",
            f"titel: {q(titel)}",
            f"datum: {m.datum.isoformat()}",
            f'begin: "{begin}"',
            f'eind: "{eind}"',
            f"locatie: {q(team.locatie if rng.random() < 0.8 else rng.choice(PLACES))}",
        ]
        if team.voorzitter:
            out.append(f"voorzitter: {team.voorzitter}")
        if team.secretaris:
            out.append(f"secretaris: {team.secretaris}")
        out.append("aanwezig:")
        for p in present:
            if rng.random() < 0.03 and p not in chairs:
                out += [f"  - persoon: {p}", f"    noot: vervanger {q(self.random_name())}"]
            else:
                out.append(f"  - {p}")
        if absent:
            out.append(f"afwezig_met_bericht: [{', '.join(absent)}]")
        if prev is not None and rng.random() < 0.5:
            out += ["bijlagen:", f"  - {q('Verslag ' + dutch_date(prev.datum) + ', aangepast.')}"]
        agenda = [("Opening en mededelingen", "10 min", None)]
        if prev is not None:
            agenda.append(("Verslag vorige vergadering", "5 min", None))
        topic_nrs: list[int] = []
        for t in rng.sample(self.topics_of(team), rng.randint(1, 4)):
            ask = f"Instemmen met de aanpak voor {t}." if rng.random() < 0.3 else None
            agenda.append((cap(t), f"{rng.choice((15, 20, 30, 45))} min", ask))
            topic_nrs.append(len(agenda))
        agenda.append(("Actielijst", "15 min", None))
        agenda.append(("Wvttk / Rondvraag", "5 min", None))
        out.append("agenda:")
        for nr, (titel_item, duur, ask) in enumerate(agenda, 1):
            out += [f"  - nr: {nr}", f"    titel: {q(titel_item)}", f"    duur: {q(duur)}"]
            if ask:
                out.append(f"    besluitpunt: {q(ask)}")
        if nxt is not None:
            out += [
                "notulen_status: vastgesteld",
                f"vastgesteld_op: {nxt.datum.isoformat()}",
                f"vastgesteld_in: {nxt.id}",
            ]
        else:
            out.append("notulen_status: concept")
        if prev is not None:
            out.append(f"vorige_vergadering: {prev.id}")
        n_dec = rng.choice((0, 0, 1, 1, 2, 3))
        if n_dec or prev is not None:
            out.append("besluiten:")
        if n_dec:
            ot = team if team.kind == "ot" else self.teams.get(team.ouder or "")
            for i in range(1, n_dec + 1):
                nr = rng.choice(topic_nrs)
                out += [
                    f"  - id: {m.id}-b{i}",
                    f"    tekst: {q(self.fill(rng.choice(DECISIONS), team))}",
                    f"    agendapunt: {nr}",
                    f'    herkomst: "{m.datum.day}/{m.datum.month}"',
                ]
                if ot is not None:
                    out.append(f"    domein: {ot.domein}")
                    if team.kind == "wg":
                        out.append(f"    werkgroep: {team.id}")
                    elif ot.werkgroepen and rng.random() < 0.3:
                        out.append(f"    werkgroep: {rng.choice(ot.werkgroepen).id}")
                out.append(f"    wie: {rng.choice(('Alle aanwezigen', q(team.short)))}")
                placement = rng.choice((None, None, "open", "afgerond"))
                if placement:
                    out.append(f"    actielijst: {placement}")
            self.counts["besluiten"] += n_dec
        if prev is not None:  # the previous minutes are approved here (validate checks both)
            approval = f"Notulen van de vergadering van {dutch_date(prev.datum)} vastgesteld."
            out += [
                f"  - id: {m.id}-b{n_dec + 1}",
                f"    tekst: {q(approval)}",
                "    agendapunt: 2",
                f"    stelt_vast: {prev.id}",
            ]
            self.counts["besluiten"] += 1
        out.append("---")
        for nr, (titel_item, _, _) in enumerate(agenda, 1):
            out.append(f"## {nr}. {titel_item}")
            out.append("")
            if nr == 1 or nr == len(agenda):
                out += [self.fill(rng.choice(OPENING if nr == 1 else CLOSING), team), ""]
                continue
            if titel_item == "Verslag vorige vergadering":
                out += ["Het verslag van de vorige vergadering wordt ongewijzigd vastgesteld.", ""]
                continue
            for _ in range(rng.randint(1, 2)):
                sentences = rng.sample(MINUTES, rng.randint(2, 4))
                out.append(" ".join(self.fill(s, team) for s in sentences))
                out.append("")
        path = self.data / "meetings" / str(m.datum.year) / f"{m.id}.md"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(out))
        self.counts["vergaderingen"] += 1
        return topic_nrs, chairs

    def team_of(self, m: Meeting) -> Team:
        return m.team

    def random_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    # actions ---------------------------------------------------------------------------
    def actions_of(self, m: Meeting) -> None:
        rng = self.rng
        team = m.team
        list_team = self.teams[team.ouder] if team.kind == "wg" else team
        later = list_team.meetings[bisect.bisect_right(list_team.dates, m.datum) :]
        nxt = later[0] if later else None
        for _ in range(rng.randint(*self.scale.actions_per_meeting)):
            if team.kind == "wg":
                wg: Team | None = team
            elif list_team.werkgroepen and rng.random() < 0.45:
                wg = rng.choice(list_team.werkgroepen)
            else:
                wg = None
            list_team.counter += 1
            action_id = f"{list_team.actie_prefix}-{list_team.counter:03d}"
            wie, refs = self.wie(m, wg, list_team)
            stale = STALE_TJALLING if self.area.tjalling in refs else STALE
            k = rng.choice(CLOSE_AFTER)
            closing = later[k - 1] if k <= len(later) and rng.random() >= stale else None
            between = later[: k - 1] if closing else later[:6]
            wanneer = self.wanneer(m, list_team, nxt)
            section = wg.id if wg else None
            list_team.order[section] = order = list_team.order.get(section, 0) + 10
            lines_pool = (wg.lines if wg else list_team.lines) if rng.random() < 0.3 else []
            out = ["---", f"id: {action_id}"]
            if rng.random() < 0.8:
                out.append(f'herkomst: "{m.datum.day}/{m.datum.month}"')
            out += [
                f"wat: {q(self.fill(rng.choice(WAT_TEMPLATES), list_team))}",
                f"wie: {q(wie)}",
                f"betrokkenen: [{', '.join(refs)}]",
                f"wanneer: {q(wanneer)}",
                f"status: {'afgerond' if closing else 'open'}",
                f"team: {list_team.id}",
            ]
            if wg is not None:
                out.append(f"werkgroep: {wg.id}")
            if lines_pool:
                out.append(f"actielijn: {rng.choice(lines_pool)}")
            out.append(f"vergadering: {m.id}")
            if closing is not None:
                out += [f"afgerond_op: {closing.datum.isoformat()}", f"afgerond_in: {closing.id}"]
            n_up = min(len(between), rng.choice((0, 0, 1, 1, 2)))
            ups = sorted(rng.sample(range(len(between)), n_up)) if n_up else []
            update_lines: list[str] = []
            for i in ups:
                u = between[i]
                update_lines += [
                    f"  - datum: {u.datum.isoformat()}",
                    f"    tekst: {q(self.fill(rng.choice(UPDATES), list_team))}",
                    f"    vergadering: {u.id}",
                ]
            if closing is not None and rng.random() < 0.5:
                update_lines += [
                    f"  - datum: {closing.datum.isoformat()}",
                    f"    tekst: {q(rng.choice(CLOSING_UPDATES))}",
                    f"    vergadering: {closing.id}",
                ]
            if update_lines:
                out.append("updates:")
                out += update_lines
            out.append(f"volgorde: {order}")
            out.append("---")
            r = rng.random()
            if r < 0.15:
                out.append(rng.choice(BULLETS))
            elif r < 0.9:
                out.append(self.paragraph(list_team, 3))
            out.append("")
            status = "afgerond" if closing else "open"
            path = self.data / "acties" / status / f"{action_id}.md"
            with open(path, "w", encoding="utf-8") as fh:
                fh.write("\n".join(out))
            self.counts["acties"] += 1
            self.counts[status] += 1
            if closing is None and self.area.tjalling:
                # as samennw's query: his teams anywhere, his organisation only on the
                # list (or werkgroep) of a team he is in
                own = list_team.id in self.tjalling_teams or (
                    wg is not None and wg.id in self.tjalling_teams
                )
                if self.area.tjalling in refs:
                    self.tjalling_personal.append(action_id)
                elif any(r in self.tjalling_teams for r in refs) or (
                    own and self.tjalling_org in refs
                ):
                    self.tjalling_team.append(action_id)

    # important dates -------------------------------------------------------------------
    def important_dates(self) -> list[tuple[date, str]]:
        rng = self.rng
        items = []
        teams = [t for t in self.area.teams if t.kind != "wg"]
        for year in self.years:
            for _ in range(self.scale.dates_per_year):
                d = date(year, rng.randint(1, 12), rng.randint(1, 28))
                team = rng.choice(teams)
                text = [
                    f"- datum: {d.isoformat()}",
                    f"  wat: {q(cap(rng.choice(EVENTS)))}",
                    f"  waar: {q(rng.choice(PLACES))}",
                ]
                if rng.random() < 0.5:
                    text.append(f"  toelichting: {q(self.fill(rng.choice(BODY_SENTENCES), team))}")
                text.append(f"  team: {team.id}")
                items.append((d, "\n".join(text)))
        return items

    def run(self) -> dict[str, object]:
        meetings = self.schedule()
        self.action_lines()
        for m in meetings:
            self.meeting(m)
            self.actions_of(m)
        return {
            "counts": self.counts,
            "dates": self.important_dates(),
            "tjalling_personal": self.tjalling_personal,
            "tjalling_team": self.tjalling_team,
            "end": max(m.datum for m in meetings).isoformat(),
            "render_team": next(t.id for t in self.area.teams if t.kind == "ot"),
        }


def _area_job(args: tuple[str, int, int, str]) -> dict[str, object]:
    scale_name, seed, index, data = args
    scale = SCALES[scale_name]
    area = build_area(scale, seed, index)
    return AreaWriter(scale, seed, area, Path(data)).run()


def generator_digest() -> str:
    """Changes whenever this file changes (bench/run.py regenerates stale data)."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def generate(scale_name: str, out: Path, seed: int = 1, jobs: int = 1) -> dict[str, object]:
    """Write the data repository for ``scale_name`` into ``out``; returns the manifest."""
    scale = SCALES[scale_name]
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    for sub in ("actielijnen", "acties/open", "acties/afgerond"):
        (data / sub).mkdir(parents=True, exist_ok=True)
    for year in range(scale.first_year, scale.first_year + scale.years):
        (data / "meetings" / str(year)).mkdir(parents=True, exist_ok=True)
    areas = [build_area(scale, seed, i) for i in range(scale.areas)]
    (data / "partners.yaml").write_text(partners_yaml(areas), encoding="utf-8")
    tasks = [(scale_name, seed, i, str(data)) for i in range(scale.areas)]
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_area_job, tasks))
    else:
        results = [_area_job(t) for t in tasks]
    counts: dict[str, int] = {}
    dates: list[tuple[date, str]] = []
    for r in results:
        for k, v in r["counts"].items():  # type: ignore[attr-defined]
            counts[k] = counts.get(k, 0) + v
        dates += r["dates"]  # type: ignore[operator]
    dates.sort(key=lambda item: item[0])  # stable: area order within a day
    with open(data / "belangrijke-data.yaml", "w", encoding="utf-8") as fh:
        fh.write("# Belangrijke data (gegenereerd)\n")
        fh.write("\n".join(text for _, text in dates) + "\n")
    counts["personen"] = sum(len(a.persons) for a in areas)
    counts["teams"] = sum(len(a.teams) for a in areas)
    counts["belangrijke_data"] = len(dates)
    counts["bestanden"] = 1 + counts["vergaderingen"] + counts["acties"] + counts["actielijnen"]
    first = results[0]
    manifest = {
        "scale": scale_name,
        "seed": seed,
        "generator": generator_digest(),
        "counts": counts,
        "today": first["end"],
        "close_date": f"{scale.first_year + scale.years}-06-30",
        "render_team": first["render_team"],
        "tjalling": {
            "id": areas[0].tjalling,
            "open_personal": first["tjalling_personal"],
            "open_via_team": first["tjalling_team"],
        },
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (out / "bench-manifest.json").write_text(text, encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="team")
    parser.add_argument("--out", type=Path, required=True, help="repository root to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="parallel processes (areas)"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    manifest = generate(args.scale, args.out, args.seed, args.jobs)
    elapsed = time.perf_counter() - start
    counts: dict[str, int] = manifest["counts"]  # type: ignore[assignment]
    tj: dict[str, list[str]] = manifest["tjalling"]  # type: ignore[assignment]
    print(
        f"{args.scale} (seed {args.seed}) → {args.out}: {counts['bestanden']} bestanden, "
        f"{counts['vergaderingen']} vergaderingen, {counts['acties']} acties "
        f"({counts['open']} open); Tjalling: {len(tj['open_personal'])} persoonlijk + "
        f"{len(tj['open_via_team'])} via team open; {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
