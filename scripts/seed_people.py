"""Hand-curated tables for scripts/convert_seeds.py.

Everything in here is a judgement made by reading the seed documents in
``../shared/seeds`` (000 = OT KvdJ action list 25 Nov 2025, 001 = AB minutes
21 Apr / 24 May / 4 Jul 2023, 003 = Kern uitvoeringsprogramma 2024-2027,
004 = Jaarbeeld 2025).  The converter parses what is parseable and uses these
tables for the rest (who is who, which organisation, which team, ids).

Conventions
-----------
* ids: lower-case ASCII slugs; persons, organisations and teams share one
  namespace (checked by the converter).
* ``openbaar``: True only for people whose names appear unredacted in the
  published (Woo) AB minutes or who are public office holders.  Everybody
  on the OT KvdJ action list is a private person here: ``openbaar: False``.
* Function-only persons (names redacted in the Woo minutes) get an id starting
  with ``ab-``, ``naam: None``, the function text as the source states it and
  the Woo ground in ``lakgrond``.  We never try to re-identify them from other
  sources (e.g. the Jaarbeeld names a hoofdofficier van justitie; linking that
  name to the redacted 2023 entry would undo a Woo redaction).
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Domains
# ---------------------------------------------------------------------------

DOMEINEN = [
    {"id": "eid", "naam": "Eigenaarschap, inclusie en democratie", "afkorting": "EID"},
    {"id": "veiligheid", "naam": "Veiligheid", "afkorting": "Veiligheid"},
    {"id": "wb", "naam": "Werk en bestaanszekerheid", "afkorting": "W&B"},
    {"id": "wl", "naam": "Wonen en leefomgeving", "afkorting": "W&L"},
    {"id": "kvdj", "naam": "Kansen voor de jeugd", "afkorting": "KvdJ"},
    {"id": "cwb", "naam": "Community Wealth Building", "afkorting": "CWB"},
]

# ---------------------------------------------------------------------------
# Organisations.  ``bron`` is not emitted; it records where the name occurs
# (the converter checks that every ``naam_in_bron`` string occurs in a seed).
# ``alliantiepartner`` defaults to True in the format; it is set to False
# only for bodies that are clearly not (separate) alliance partners.
# ---------------------------------------------------------------------------

ORGANISATIES = [
    {
        "id": "gemeente-amsterdam",
        "naam": "Gemeente Amsterdam",
        "afkortingen": ["Gemeente"],
        "naam_in_bron": "gemeente Amsterdam",
    },
    {
        "id": "stadsdeel-nieuw-west",
        "naam": "Stadsdeel Nieuw-West",
        "afkortingen": ["Stadsdeel"],
        "naam_in_bron": "Stadsdeel Nieuw-West",
    },
    {
        "id": "ministerie-szw",
        "naam": "Ministerie van Sociale Zaken en Werkgelegenheid",
        # "Min. Van SDW" (4 Jul 2023) is a typo for SZW in the source.
        "afkortingen": ["SZW", "Ministerie SZW", "Min. Van SDW"],
        "naam_in_bron": "Ministerie SZW",
    },
    {
        "id": "ministerie-bzk",
        "naam": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "afkortingen": ["BZK", "Ministerie BZK"],
        "naam_in_bron": "Ministerie BZK",
    },
    {
        "id": "politie",
        "naam": "Politie Amsterdam",
        "afkortingen": ["Politie", "Eenheidsleiding politie Amsterdam"],
        "naam_in_bron": "Eenheidsleiding politie Amsterdam",
    },
    {
        "id": "openbaar-ministerie",
        "naam": "Openbaar Ministerie, arrondissementsparket Amsterdam",
        "afkortingen": ["OM", "Openbaar Ministerie", "arrondissementsparket Amsterdam"],
        "naam_in_bron": "arrondissementsparket Amsterdam",
    },
    {"id": "hogeschool-leiden", "naam": "Hogeschool Leiden", "naam_in_bron": "Hogeschool Leiden"},
    {
        "id": "hva",
        "naam": "Hogeschool van Amsterdam",
        "afkortingen": ["HvA"],
        "naam_in_bron": "HvA",
    },
    {"id": "stadgenoot", "naam": "Stadgenoot", "naam_in_bron": "Stadgenoot"},
    # STWT hosts the OT KvdJ ("Bestuurskantoor STWT"); the AB minutes name its
    # chair as "Voorzitter openbaar onderwijs Westelijke Tuinsteden".
    {
        "id": "stwt",
        "naam": "STWT (openbaar onderwijs Westelijke Tuinsteden)",
        "afkortingen": ["STWT", "openbaar onderwijs Westelijke Tuinsteden"],
        "naam_in_bron": "STWT",
    },
    {
        "id": "sezo-buurtteam",
        "naam": "SEZO/Buurtteam organisatie",
        "afkortingen": ["SEZO", "Buurtteam"],
        "naam_in_bron": "SEZO/Buurtteam organisatie",
    },
    {
        "id": "comenius",
        "naam": "Comenius",
        "afkortingen": ["Comenius Lyceum"],
        "naam_in_bron": "Comenius",
    },
    {"id": "combiwel", "naam": "Combiwel", "naam_in_bron": "Combiwel"},
    {"id": "leger-des-heils", "naam": "Leger des Heils", "naam_in_bron": "Leger des Heils"},
    {
        "id": "one-jongerenwerk",
        "naam": "ONE Jongerenwerk",
        "afkortingen": ["ONE"],
        "naam_in_bron": "ONE Jongerenwerk",
    },
    {
        "id": "alliantie-jongerenwerk-nw",
        "naam": "Alliantie Jongerenwerk Nieuw-West",
        "afkortingen": ["Alliantie Jongerenwerk", "Alliantie Jongerenwerk NW"],
        "naam_in_bron": "Alliantie Jongerenwerk NW",
    },
    {
        "id": "onderzoek-en-statistiek",
        "naam": "Onderzoek & Statistiek (gemeente Amsterdam)",
        "afkortingen": ["O&S"],
        "alliantiepartner": False,
        "naam_in_bron": "Onderzoek & Statistiek (gemeente Amsterdam)",
    },
    # "De Rabobank komt binnenkort langs bij het programma en ze hebben vandaag
    # het convenant ondertekend" (AB 24 mei 2023, agendapunt 4).
    {
        "id": "rabobank",
        "naam": "Rabobank",
        "convenant_getekend": "2023-05-24",
        "naam_in_bron": "Rabobank",
    },
    {
        "id": "westerlicht",
        "naam": "Energiecoöperatie Westerlicht",
        "afkortingen": ["Westerlicht"],
        "naam_in_bron": "energiecoöperatie Westerlicht",
    },
    {
        "id": "kracht-van-nieuw-west",
        "naam": "Kracht van Nieuw-West",
        "afkortingen": ["De Kracht van Nieuw-West"],
        "naam_in_bron": "Kracht van Nieuw-West",
    },
    {"id": "caland", "naam": "Caland", "afkortingen": ["Calandlyceum"], "naam_in_bron": "Caland"},
    {"id": "lumion", "naam": "Lumion", "naam_in_bron": "Lumion"},
    {"id": "okt", "naam": "Ouder- en Kindteams", "afkortingen": ["OKT"], "naam_in_bron": "OKT"},
    {"id": "impuls", "naam": "Impuls", "naam_in_bron": "Impuls"},
    # The programme office itself; the team ``programmateam`` is its team.
    {
        "id": "npsnw",
        "naam": "Nationaal Programma Samen Nieuw-West (programmabureau)",
        "afkortingen": ["NPSNW", "NP Samen Nieuw-West", "NP SNW"],
        "alliantiepartner": False,
        "naam_in_bron": "NP Samen Nieuw-West",
    },
    {
        "id": "nplv",
        "naam": "Nationaal Programma Leefbaarheid en Veiligheid",
        "afkortingen": ["NPLV"],
        "alliantiepartner": False,
        "naam_in_bron": "NPLV",
    },
]

# ---------------------------------------------------------------------------
# Persons
# ---------------------------------------------------------------------------

# Named AB participants: unredacted in the published Woo minutes -> openbaar.
PERSONEN_AB = [
    {
        "id": "femke-halsema",
        "naam": "Femke Halsema",
        "aliassen": ["Femke", "BM"],
        "organisatie": "gemeente-amsterdam",
        "functie": "Burgemeester",
        "rollen": ["Burgemeester", "Voorzitter AB"],
        "openbaar": True,
    },
    # "Ruther Groot Wassing" (4 Jul, agendapunt 5) is a misspelling in the source.
    {
        "id": "rutger-groot-wassink",
        "naam": "Rutger Groot Wassink",
        "aliassen": ["Rutger", "Ruther Groot Wassing"],
        "organisatie": "gemeente-amsterdam",
        "functie": "Wethouder gemeente Amsterdam",
        "rollen": ["Wethouder"],
        "openbaar": True,
    },
    {
        "id": "emre-unver",
        "naam": "Emre Ünver",
        "aliassen": ["Emre", "Emre Unver"],
        "organisatie": "stadsdeel-nieuw-west",
        "functie": "Voorzitter Dagelijks Bestuur Nieuw-West",
        "rollen": ["Voorzitter DB Nieuw-West"],
        "openbaar": True,
    },
    # 21 Apr: "Programmadirecteur", 24 May / 4 Jul: "Programmamanager NP Samen
    # Nieuw-West".  "Samir Baschara" (21 Apr, agendapunt 3) is a misspelling.
    {
        "id": "samir-bashara",
        "naam": "Samir Bashara",
        "aliassen": ["Samir", "Samir Baschara"],
        "organisatie": "npsnw",
        "functie": "Programmadirecteur NP Samen Nieuw-West",
        "rollen": ["Programmadirecteur", "Programmamanager"],
        "openbaar": True,
    },
    # Rijksvertegenwoordiger until 4 Jul 2023 (then replaced, see ab-rijksvertegenwoordiger-szw).
    {
        "id": "carry-goedhart",
        "naam": "Carry Goedhart",
        "aliassen": ["Carry"],
        "organisatie": "ministerie-szw",
        "functie": "Directeur Participatie en Decentrale Voorzieningen, Ministerie SZW",
        "rollen": ["Rijksvertegenwoordiger"],
        "openbaar": True,
    },
    # 21 Apr agendapunt 3: "de voorzitter (Hans Krikke)" of the EID domain.
    {
        "id": "hans-krikke",
        "naam": "Hans Krikke",
        "aliassen": ["Hans"],
        "organisatie": "kracht-van-nieuw-west",
        "functie": "Directeur Samen Wonen-Samen Leven, mede-initiatiefnemer Kracht van Nieuw-West",
        "rollen": ["Voorzitter OT Eigenaarschap, inclusie en democratie"],
        "openbaar": True,
    },
    # 24 May agendapunt 4: the OT chairs report; "Anne Wilbers (OT wonen en leefomgeving)".
    {
        "id": "anne-wilbers",
        "naam": "Anne Wilbers",
        "aliassen": ["Anne"],
        "organisatie": "stadgenoot",
        "functie": "Bestuurder Stadgenoot",
        "rollen": ["Voorzitter OT Wonen en leefomgeving"],
        "openbaar": True,
    },
    {
        "id": "sjoukje-alta",
        "naam": "Sjoukje Alta",
        "aliassen": ["Sjoukje"],
        "organisatie": "gemeente-amsterdam",
        "functie": "Stedelijk directeur cluster Gebiedsgericht werken en Stadsbeheer",
        "openbaar": True,
    },
    {
        "id": "sylvia-den-hollander",
        "naam": "Sylvia den Hollander",
        "aliassen": ["Sylvia"],
        "organisatie": "sezo-buurtteam",
        "functie": "Directeur-bestuurder SEZO/Buurtteam organisatie",
        "openbaar": True,
    },
    {
        "id": "frank-van-erkel",
        "naam": "Frank van Erkel",
        "aliassen": ["Frank"],
        "organisatie": "stadsdeel-nieuw-west",
        "functie": "tijdelijk Directeur Stadsdeel Nieuw-West",
        "openbaar": True,
    },
    # Only mentioned (24 May agendapunt 4); the source gives no function.
    {"id": "marjolein-moorman", "naam": "Marjolein Moorman", "openbaar": True},
    # Mentioned 24 May (agendapunt 4) and 4 Jul (Wvttk) without function.  Kept
    # separate from "Jeroen" on the OT KvdJ list: the seeds never link them.
    {"id": "jeroen-spanbroek", "naam": "Jeroen Spanbroek", "openbaar": True},
    # Named as programme director in the (public) Jaarbeeld 2025 (004).
    {
        "id": "annerieke-coenraads",
        "naam": "Annerieke Coenraads",
        "aliassen": ["Annerieke"],
        "organisatie": "npsnw",
        "functie": "Directeur Nationaal Programma Samen Nieuw-West",
        "rollen": ["Programmadirecteur"],
        "openbaar": True,
    },
]

# Function-only AB participants (names redacted in the Woo minutes).
# ``matches``: the function texts as they occur after the redaction marker in
# the attendance lists (compared case-insensitively, whitespace-normalised);
# a text may carry an explicit ``noot`` for that occurrence.
#
# Identification across the three meetings (our judgement):
# * same function text = same person (lector, BZK directie, bestuursadviseur,
#   programmamanager, hoofdofficier, hoofd operaties politie);
# * "Voorzitter openbaar onderwijs Westelijke Tuinsteden" (21 Apr, 24 May) and
#   "Voorzitter OT Kansen voor de Jeugd" (4 Jul) are one person: all three are
#   the only entries redacted on ground 5.1.2.b, the 24 May report for OT KvdJ
#   is given "namens [5.1.2.b]", and the OT KvdJ meets at the STWT office;
# * "Procesmanager NP Samen Nieuw-West" is "(secretaris AB)" on 24 May; the
#   4 Jul "Secretaris AB" is taken to be the same person, the 4 Jul
#   "a.i. Secretaris AB" a different one;
# * the three "Strategisch programmamanager NP Samen Nieuw-West" entries are
#   identical texts for three different people in every meeting: we keep three
#   persons and assign them in order of appearance; which redacted SPM is which
#   across meetings is NOT known from the source;
# * 21 Apr "Politie" (afwezig) is kept apart from the 24 May "Hoofd Operaties,
#   Eenheidsleiding politie Amsterdam", who "sluit aan bij het AB" that day;
# * the 4 Jul OT representatives ("OT Veiligheid", "OT Eigenaarschap ...
#   (vervanger Hans Krikke)", "OT Wonen en Leefomgeving", "tijdelijk voorzitter
#   OT Werk en Bestaanszekerheid") are kept as separate persons even where a
#   link is plausible (e.g. OT Veiligheid / Hoofdofficier, or the 24 May
#   Westerlicht stand-in for Hans Krikke): the source does not make it explicit.
PERSONEN_FUNCTIE = [
    {
        "id": "ab-lector-jeugdcriminaliteit",
        "lakgrond": "5.1.2.e",
        "organisatie": "hogeschool-leiden",
        "functie": "Lector Aanpak Jeugdcriminaliteit, Hogeschool Leiden",
        "matches": [
            ("Lector Aanpak Jeugdcriminaliteit, Hogeschool Leiden", None),
            # 4 Jul: same function text plus the new chair; she is introduced
            # that day as newcomer in that (new) capacity.
            (
                "Lector Aanpak Jeugdcriminaliteit, Hogeschool Leiden, Bijzonder Hoogleraar "
                "Wibautleerstoel",
                "ook Bijzonder Hoogleraar Wibautleerstoel",
            ),
        ],
    },
    {
        "id": "ab-voorzitter-ot-kvdj",
        "lakgrond": "5.1.2.b",
        "organisatie": "stwt",
        "functie": "Voorzitter openbaar onderwijs Westelijke Tuinsteden; Voorzitter OT Kansen "
        "voor de Jeugd",
        "rollen": ["Voorzitter OT Kansen voor de Jeugd"],
        "matches": [
            ("Voorzitter openbaar onderwijs Westelijke Tuinsteden", None),
            ("Voorzitter OT Kansen voor de Jeugd", None),
        ],
    },
    {
        "id": "ab-spm-1",
        "lakgrond": "5.1.2.e",
        "organisatie": "npsnw",
        "functie": "Strategisch programmamanager NP Samen Nieuw-West",
        "rollen": ["Strategisch programmamanager"],
        "matches": [("Strategisch programmamanager NP Samen Nieuw-West", None)],
        "reeks": 1,
    },
    {
        "id": "ab-spm-2",
        "lakgrond": "5.1.2.e",
        "organisatie": "npsnw",
        "functie": "Strategisch programmamanager NP Samen Nieuw-West",
        "rollen": ["Strategisch programmamanager"],
        "matches": [("Strategisch programmamanager NP Samen Nieuw-West", None)],
        "reeks": 2,
    },
    {
        "id": "ab-spm-3",
        "lakgrond": "5.1.2.e",
        "organisatie": "npsnw",
        "functie": "Strategisch programmamanager NP Samen Nieuw-West",
        "rollen": ["Strategisch programmamanager"],
        "matches": [("Strategisch programmamanager NP Samen Nieuw-West", None)],
        "reeks": 3,
    },
    {
        "id": "ab-bzk-directie-bfr",
        "lakgrond": "5.1.2.e",
        "organisatie": "ministerie-bzk",
        "functie": "Directie Bestuur, Financiën en Regio's, Ministerie BZK",
        "matches": [("Directie Bestuur, Financiën en Regio's, Ministerie BZK", None)],
    },
    {
        "id": "ab-bestuursadviseur",
        "lakgrond": "5.1.2.e",
        "organisatie": "gemeente-amsterdam",
        "functie": "Bestuursadviseur gemeente Amsterdam",
        "matches": [("Bestuursadviseur gemeente Amsterdam", None)],
    },
    {
        "id": "ab-procesmanager",
        "lakgrond": "5.1.2.e",
        "organisatie": "npsnw",
        "functie": "Procesmanager NP Samen Nieuw-West",
        "rollen": ["Secretaris AB"],
        "matches": [
            ("Procesmanager NP Samen Nieuw-West", None),
            ("Secretaris AB", "Secretaris AB"),
        ],
    },
    {
        "id": "ab-secretaris-ai",
        "lakgrond": "5.1.2.e",
        "functie": "a.i. Secretaris AB",
        "rollen": ["Secretaris AB a.i."],
        "matches": [("a.i. Secretaris AB", None)],
    },
    {
        "id": "ab-programmamanager",
        "lakgrond": "5.1.2.e",
        "organisatie": "npsnw",
        "functie": "Programmamanager NP Samen Nieuw-West",
        "matches": [("Programmamanager NP Samen Nieuw-West", None)],
    },
    {
        "id": "ab-politie",
        "lakgrond": "5.1.2.e",
        "organisatie": "politie",
        "functie": "Politie",
        "matches": [("Politie", None)],
    },
    {
        "id": "ab-hoofdofficier-van-justitie",
        "lakgrond": "5.1.2.e",
        "organisatie": "openbaar-ministerie",
        "functie": "Hoofdofficier van Justitie arrondissementsparket Amsterdam",
        "matches": [("Hoofdofficier van Justitie arrondissementsparket Amsterdam", None)],
    },
    {
        "id": "ab-bzk-leefbaarheid-en-veiligheid",
        "lakgrond": "5.1.2.e",
        "organisatie": "ministerie-bzk",
        "functie": "Leefbaarheid en Veiligheid, Ministerie BZK",
        "matches": [("Leefbaarheid en Veiligheid, Ministerie BZK", None)],
    },
    {
        "id": "ab-westerlicht",
        "lakgrond": "5.1.2.e",
        "organisatie": "westerlicht",
        "functie": "energiecoöperatie Westerlicht",
        "matches": [("energiecoöperatie Westerlicht", None)],
    },
    {
        "id": "ab-hoofd-operaties-politie",
        "lakgrond": "5.1.2.e",
        "organisatie": "politie",
        "functie": "Hoofd Operaties, Eenheidsleiding politie Amsterdam",
        "matches": [
            ("Hoofd Operaties, Eenheidsleiding politie Amsterdam", None),
            ("Hoofd Operaties Eenheidsleiding Politie", None),
        ],
    },
    {
        "id": "ab-ot-veiligheid",
        "lakgrond": "5.1.2.e",
        "functie": "OT Veiligheid",
        "matches": [("OT Veiligheid", None)],
    },
    {
        "id": "ab-tijdelijk-voorzitter-ot-wb",
        "lakgrond": "5.1.2.e",
        "functie": "tijdelijk voorzitter OT Werk en Bestaanszekerheid",
        "rollen": ["Voorzitter OT Werk en bestaanszekerheid a.i."],
        "matches": [("tijdelijk voorzitter OT Werk en Bestaanszekerheid", None)],
    },
    # Not in any attendance list: the chair replaced by the tijdelijk voorzitter
    # ("tijdelijk voorzitter OT Werk en Bestaanszekerheid i.p.v. [5.1.2.e]").
    {
        "id": "ab-voorzitter-ot-wb",
        "lakgrond": "5.1.2.e",
        "functie": "Voorzitter OT Werk en Bestaanszekerheid",
        "rollen": ["Voorzitter OT Werk en bestaanszekerheid"],
        "matches": [],
    },
    {
        "id": "ab-ot-eid",
        "lakgrond": "5.1.2.e",
        "functie": "OT Eigenaarschap, inclusie en democratie",
        "matches": [("OT Eigenaarschap, inclusie en democratie", None)],
    },
    {
        "id": "ab-ot-wl",
        "lakgrond": "5.1.2.e",
        "functie": "OT Wonen en Leefomgeving",
        "matches": [("OT Wonen en Leefomgeving", None)],
    },
    {
        "id": "ab-rijksvertegenwoordiger-szw",
        "lakgrond": "5.1.2.e",
        "organisatie": "ministerie-szw",
        "functie": (
            "Afdelingshoofd Generieke Participatievoorzieningen en plv. directeur Directie "
            "Participatie en Decentrale Voorzieningen (PDV), Min. Van SDW"
        ),
        "rollen": ["Rijksvertegenwoordiger"],
        "matches": [
            (
                "Generieke Participatievoorzieningen en plv. directeur Directie Participatie en "
                "Decentrale Voorzieningen (PDV), Min. Van SDW",
                None,
            )
        ],
    },
]

# Persons on the OT KvdJ action list (000): private persons, openbaar False.
# ``naam`` is the full name where the list gives it, else the first name.
PERSONEN_OT = [
    {"id": "tjalling", "naam": "Tjalling"},
    {"id": "sofie", "naam": "Sofie"},
    {"id": "maartje", "naam": "Maartje"},
    {
        "id": "raymond-pinas",
        "naam": "Raymond Pinas",
        "aliassen": ["Raymond"],
        "organisatie": "npsnw",
        "functie": "Strategisch programmamanager (SPM)",
        "rollen": ["SPM", "Secretaris OT Kansen voor de Jeugd"],
    },
    {"id": "gertjan", "naam": "GertJan"},
    {"id": "kauthar", "naam": "Kauthar", "organisatie": "one-jongerenwerk"},
    {
        "id": "marouane-aabrachim",
        "naam": "Marouane Aabrachim",
        "aliassen": ["Marouane"],
        "organisatie": "comenius",
    },
    {"id": "theresa", "naam": "Theresa"},
    {
        "id": "korine-morgan",
        "naam": "Korine Morgan",
        "aliassen": ["Korine"],
        "functie": "begeleider van de jongeren (kerngroep jongeren)",
    },
    {
        "id": "juliette-dekker",
        "naam": "Juliette Dekker",
        "aliassen": ["Juliette"],
        "functie": "Secretaris opgaveteam Kansen voor de Jeugd (opgevolgd in 2025)",
    },
    # "Jeroen" on the OT list is NOT linked to Jeroen Spanbroek (AB minutes).
    {"id": "jeroen", "naam": "Jeroen"},
    # "Vanuit het programmateam wordt een Jaarbeeld gemaakt ... — Leila".
    {"id": "leila", "naam": "Leila", "organisatie": "npsnw"},
    {
        "id": "tom-snelting",
        "naam": "Tom Snelting",
        "aliassen": ["Tom"],
        "organisatie": "npsnw",
        "functie": "Strategisch programmamanager (tot 31 maart)",
        "rollen": ["SPM"],
    },
    {"id": "otto", "naam": "Otto"},
    {"id": "mirka", "naam": "Mirka"},
    # "de werkgroep Pedagogische Infrastructuur (Eva)".
    {"id": "eva", "naam": "Eva"},
    {"id": "fatimzahra", "naam": "Fatimzahra"},
    {"id": "gerdien", "naam": "Gerdien"},
    # Written "Mathijs" (wie) and "Matthijs" (toelichting) in the same list.
    {"id": "mathijs", "naam": "Mathijs", "aliassen": ["Matthijs"]},
    {"id": "bernlef", "naam": "Bernlef"},
    {"id": "esmae", "naam": "Esmae"},
    {"id": "jose", "naam": "José", "aliassen": ["Jose"]},
    {"id": "geeta-raumatar", "naam": "Geeta Raumatar", "aliassen": ["Geeta"], "organisatie": "okt"},
    {
        "id": "yousef-chraqi",
        "naam": "Yousef Chraqi",
        "aliassen": ["Yousef"],
        "organisatie": "combiwel",
        "functie": "namens Alliantie Jongerenwerk",
    },
    {"id": "marlies", "naam": "Marlies"},
    {"id": "iwanna", "naam": "Iwanna"},
]

# ---------------------------------------------------------------------------
# Teams
# ---------------------------------------------------------------------------

OT_KVDJ_LEDEN = [
    # everybody who appears as an owner (Wie) on the OT KvdJ list
    "tjalling",
    "sofie",
    "maartje",
    "raymond-pinas",
    "marouane-aabrachim",
    "theresa",
    "korine-morgan",
    "jeroen",
    "iwanna",
    "leila",
    "tom-snelting",
    "juliette-dekker",
    "otto",
    "mirka",
    "eva",
    "fatimzahra",
    "gerdien",
    "mathijs",
    "bernlef",
]

TEAMS = [
    {
        "id": "ab",
        "naam": "Alliantiebestuur",
        "soort": "alliantiebestuur",
        "aliassen": ["AB", "Alliantiebestuur NP Samen Nieuw-West", "AB leden"],
        "voorzitter": "femke-halsema",
        "secretaris": "ab-procesmanager",
        # Seated members per the 2023 attendance lists (programme staff, the
        # bestuursadviseur and the BZK directie are attending staff, not members;
        # Carry Goedhart was replaced by ab-rijksvertegenwoordiger-szw on 4 Jul 2023).
        "leden": [
            "femke-halsema",
            "rutger-groot-wassink",
            "emre-unver",
            "ab-rijksvertegenwoordiger-szw",
            "hans-krikke",
            "anne-wilbers",
            "sjoukje-alta",
            "sylvia-den-hollander",
            "frank-van-erkel",
            "ab-voorzitter-ot-kvdj",
            "ab-lector-jeugdcriminaliteit",
            "ab-hoofdofficier-van-justitie",
            "ab-hoofd-operaties-politie",
        ],
        "actie_prefix": "AB",
    },
    {
        "id": "programmateam",
        "naam": "Programmateam NP Samen Nieuw-West",
        "soort": "programmateam",
        # "Programmteam"/"programmteam" are misspellings in the AB minutes.
        "aliassen": ["Programmateam", "Programmabureau", "Programmteam", "NPSNW programmateam"],
        "leden": [
            "annerieke-coenraads",
            "samir-bashara",
            "ab-programmamanager",
            "ab-procesmanager",
            "ab-spm-1",
            "ab-spm-2",
            "ab-spm-3",
            "raymond-pinas",
            "tom-snelting",
            "leila",
        ],
        "actie_prefix": "PT",
    },
    {
        "id": "ot-eid",
        "naam": "Opgaveteam Eigenaarschap, inclusie en democratie",
        "soort": "opgaveteam",
        "domein": "eid",
        # The 21 Apr 2023 minutes also call it "opgaveteam Burgerschap (en democratisering)".
        "aliassen": [
            "OT EID",
            "OT Eigenaarschap, inclusie en democratie",
            "OT Eigenaarschap, Inclusie en democratisering",
            "opgaveteam Eigenaarschap en inclusie",
            "opgaveteam Burgerschap",
            "opgaveteam Burgerschap en democratisering",
        ],
        "voorzitter": "hans-krikke",
        "actie_prefix": "EID",
    },
    {
        "id": "ot-veiligheid",
        "naam": "Opgaveteam Veiligheid",
        "soort": "opgaveteam",
        "domein": "veiligheid",
        "aliassen": ["OT Veiligheid", "opgaveteam Veiligheid"],
        "actie_prefix": "VEI",
    },
    {
        "id": "ot-wb",
        "naam": "Opgaveteam Werk en bestaanszekerheid",
        "soort": "opgaveteam",
        "domein": "wb",
        "aliassen": ["OT W&B", "OT Werk en bestaanszekerheid", "OT Werk en Bestaanszekerheid"],
        "voorzitter": "ab-voorzitter-ot-wb",
        "actie_prefix": "WB",
    },
    {
        "id": "ot-wl",
        "naam": "Opgaveteam Wonen en leefomgeving",
        "soort": "opgaveteam",
        "domein": "wl",
        "aliassen": [
            "OT W&L",
            "OT Wonen en leefomgeving",
            "OT Wonen en Leefomgeving",
            "opgave wonen",
        ],
        "voorzitter": "anne-wilbers",
        "actie_prefix": "WL",
    },
    {
        "id": "ot-kvdj",
        "naam": "Opgaveteam Kansen voor de Jeugd",
        "soort": "opgaveteam",
        "domein": "kvdj",
        "aliassen": [
            "OT KvdJ",
            "OT KvJ",
            "Opgaveteam Kansen voor de Jeugd",
            "Leden opgaveteam Kansen voor de Jeugd",
            "OT Kansen voor de Jeugd",
        ],
        # voorzitter per the AB attendance list of 4 Jul 2023 (redacted, 5.1.2.b).
        "voorzitter": "ab-voorzitter-ot-kvdj",
        "secretaris": "raymond-pinas",
        "leden": OT_KVDJ_LEDEN,
        "locatie": "Bestuurskantoor STWT, Anderlechtlaan 175; 1066 HM Amsterdam",
        "actie_prefix": "KVDJ",
    },
    {
        "id": "ot-kvdj-wg1",
        "naam": "Werkgroep 1 – Het Jonge Kind",
        "soort": "werkgroep",
        "domein": "kvdj",
        "ouder": "ot-kvdj",
        "nummer": 1,
        "aliassen": ["Werkgroep 1", "Het Jonge Kind", "Jonge Kind"],
        # "Tjalling/Sofie/Maartje namens Jonge Kind"
        "leden": ["tjalling", "sofie", "maartje"],
    },
    {
        "id": "ot-kvdj-wg2",
        "naam": "Werkgroep 2 – Pedagogische Infrastructuur",
        "soort": "werkgroep",
        "domein": "kvdj",
        "ouder": "ot-kvdj",
        "nummer": 2,
        "aliassen": [
            "Werkgroep 2",
            "Pedagogische Infrastructuur",
            "werkgroep Pedagogische Infrastructuur",
        ],
        # "de werkgroep Pedagogische Infrastructuur (Eva)"
        "leden": ["eva"],
    },
    {
        "id": "ot-kvdj-wg3",
        "naam": "Werkgroep 3 – Perspectief van jongeren",
        "soort": "werkgroep",
        "domein": "kvdj",
        "ouder": "ot-kvdj",
        "nummer": 3,
        "aliassen": ["Werkgroep 3", "Perspectief van jongeren"],
    },
    # Youth core group (founded March 2025 per the Jaarbeeld; "sluiten
    # structureel aan bij het Opgaveteam Kansen voor de Jeugd").
    {
        "id": "kerngroep-jongeren",
        "naam": "Kerngroep Jongeren",
        "soort": "overig",
        "domein": "kvdj",
        "aliassen": ["kerngroep jongeren", "Kerngroep"],
    },
]

# ---------------------------------------------------------------------------
# OT KvdJ action list: resolving the Wie column
# ---------------------------------------------------------------------------

# Phrases (case-insensitive) inside a Wie text that resolve to ids.  Applied
# before splitting on "/", ",", " en ".  The special value "@team" means the
# team whose list it is, "@werkgroep" the werkgroep of the section.
WIE_PHRASES = [
    ("alle aanwezigen", ["@team"]),
    ("namens jonge kind", ["ot-kvdj-wg1"]),
    ("met andere instanties", []),
    ("iedereen", ["@team"]),
]
WIE_SECTION_WORDS = {"werkgroep": "@werkgroep"}

# Action lines named on the OT KvdJ list.  ``rijen``: substrings of the Wat
# text of the rows that are clearly about this line (linked via actielijn).
KVDJ_ACTIELIJNEN = [
    {
        "id": "jonge-kind-actielijnen",
        "titel": "Jonge Kind – 4 actielijnen (ontwikkelteams)",
        "werkgroep": "ot-kvdj-wg1",
        "trekkers": ["tjalling", "sofie", "maartje"],
        "status": "in ontwikkeling",
        "financiering": ["SPUK Jonge Kind"],
        "rijen": ["4 Actielijnen in ontwikkeling", "Presentatie 4 actielijnen Jonge Kind"],
        "tekst": (
            "Voor elk van de 4 ontwikkelteams van werkgroep 1 (Het Jonge Kind) wordt een actielijn "
            'uitgewerkt (actielijst OT Kansen voor de Jeugd, 25 november 2025: "4 Actielijnen in '
            'ontwikkeling"). De bron noemt de vier actielijnen niet afzonderlijk; daarom één '
            "bestand.\n\n"
            "Het Kern uitvoeringsprogramma 2024-2027 noemt vier actielijnen rond voorschoolse "
            "educatie, "
            'kinderopvang en VVE, "waarvoor de komende jaren substantieel middelen beschikbaar '
            'zijn"; '
            "de begroting KvdJ 2025 noemt middelen SPUK Jonge Kind."
        ),
    },
    {
        "id": "vaccinatiegraad",
        "titel": "Vaccinatiegraad",
        "werkgroep": "ot-kvdj-wg1",
        "trekkers": ["tjalling", "sofie"],
        "status": "vastgesteld",
        "rijen": ["Vaccinatiegraad actielijn"],
        "tekst": (
            "Structurele aanpak gewenst, anders dan stedelijk voor Nieuw-West. "
            '"Besloten: Actielijn vastgesteld, ondergebracht bij werkgroep 1." '
            "(actielijst OT Kansen voor de Jeugd)."
        ),
    },
    {
        "id": "pedagogische-infrastructuur",
        "titel": "Pedagogische infrastructuur",
        "werkgroep": "ot-kvdj-wg2",
        "trekkers": ["ot-kvdj-wg2", "raymond-pinas", "tjalling"],
        "status": "in ontwikkeling",
        "rijen": ["Actielijn pedagogische infrastructuur"],
        "tekst": (
            "Verschillende actielijnen worden onder de paraplu pedagogische infrastructuur "
            "opgepakt "
            "(actielijst OT Kansen voor de Jeugd, 25 november 2025)."
        ),
    },
    {
        "id": "geen-kind-de-buurt-uit",
        "titel": "Ben in de Buurt – Geen kind de buurt uit",
        "werkgroep": "ot-kvdj-wg2",
        "trekkers": ["tom-snelting", "bernlef"],
        # Latest row: "Op dit moment wordt het geen actielijn."
        "status": "gestopt",
        "partners": ["okt", "comenius", "impuls", "combiwel"],
        "rijen": ["Geen Kind de Buurt uit", "Actielijn Ben in de Buurt"],
        "tekst": (
            "Actielijn is in het OT van 04-07-24 gepresenteerd en valt onder de Pedagogische "
            'Infrastructuur. Na overleg met partners op 4 december: "Geen Kind de Buurt uit gaat '
            "eerst "
            "zelf hun opdracht en toegevoegde waarde verder ontwikkelen. Op dit moment wordt het "
            "geen "
            'actielijn." (actielijst OT Kansen voor de Jeugd, afgeronde acties).'
        ),
    },
    {
        "id": "loopbaanroute-nieuw-west",
        "titel": "Loopbaanroute Nieuw-West",
        "werkgroep": "ot-kvdj-wg3",
        "trekkers": ["tjalling"],
        "status": "vastgesteld",
        "partners": ["hva", "onderzoek-en-statistiek"],
        "financiering": ["vliegwielmiddelen"],
        "rijen": ["Loopbaanroute Nieuw-West"],
        "tekst": (
            "Vastgesteld in het OT Kansen voor de Jeugd (actielijst 25 november 2025). De "
            "financiering "
            "wordt gemonitord door de HvA en O&S; het project leunt nu vooral op tijdelijke "
            "vliegwielmiddelen. Zie de aandachtspunten van het OT bij de actie."
        ),
    },
    {
        "id": "kerngroep-jongeren-actielijn",
        "titel": "Kerngroep Jongeren",
        "werkgroep": "ot-kvdj-wg3",
        "trekkers": ["tjalling", "tom-snelting"],
        "status": "in uitvoering",
        "partners": ["alliantie-jongerenwerk-nw", "one-jongerenwerk"],
        "financiering": ["coalitiemiddelen"],
        "rijen": ["Kerngroep Jongeren", "Kerngroep jongeren; actielijn wordt uitgewerkt."],
        "tekst": (
            "Besluit genomen om ook in 2025 en 2026 verder te gaan met het vervolg van de "
            "Kerngroep "
            "Jongeren en daar coalitiemiddelen voor in te zetten; de middelen worden toegevoegd "
            "aan de "
            "Alliantie Jongerenwerk NW (actielijst OT Kansen voor de Jeugd). Volgens het "
            "Jaarbeeld 2025 "
            "is de Kerngroep Jongeren in maart 2025 opgericht en is begin maart 2026 een nieuwe "
            "kerngroep "
            "gestart onder begeleiding van jongerenwerkers van ONE."
        ),
    },
    {
        "id": "aan-de-bak-garantie",
        "titel": "Aan de Bak garantie",
        "werkgroep": "ot-kvdj-wg3",
        "trekkers": ["tjalling", "tom-snelting"],
        "status": "in ontwikkeling",
        "rijen": [
            "Projectleiders werven voor verdere uitwerking Aan de Bak",
            "Verkenning Aan de Bak garantie",
        ],
        "tekst": (
            "De verkenning is afgerond. De volgende stap is dat er twee projectleiders worden "
            "geworven "
            "(1 voor Nieuw-West en 1 voor Zuidoost) om verder uit te werken welke elementen van de "
            "Rotterdamse Aan de Bak Garantie in Amsterdam kunnen werken (actielijst OT Kansen "
            "voor de "
            "Jeugd)."
        ),
    },
    {
        "id": "peer-education-burgerschapsonderwijs",
        "titel": "Peer-education in het burgerschapsonderwijs",
        "werkgroep": "ot-kvdj-wg3",
        "trekkers": ["gerdien"],
        "status": "vastgesteld",
        "partners": ["hva"],
        "financiering": ["vliegwielmiddelen"],
        "rijen": ["Actielijn peer-education"],
        "tekst": (
            "Positief besluit op 22 mei 2024, mits er nog een aantal zaken worden "
            "aangepast/toegevoegd. "
            "In 2024 wordt het plan gefinancierd vanuit vliegwielmiddelen (actielijst OT Kansen "
            "voor de "
            "Jeugd)."
        ),
    },
    {
        "id": "opleiden-onder-schooltijd",
        "titel": "Opleiden onder schooltijd",
        "werkgroep": None,
        "trekkers": ["jeroen", "otto"],
        "status": "vastgesteld",
        "partners": ["caland"],
        "rijen": ["Opleiden onder schooltijd", "Actielijn Opleiden onder schooltijd"],
        "tekst": (
            "Ouders brengen kinderen naar (voor-)school en volgen dan een opleiding met "
            "baanperspectief "
            "bij de partners (PW3); Kindcentrum OBS De Toekomst. Positief besluit genomen om te "
            "starten; "
            "de actielijn heeft raakvlakken met de Buurtmavo van Caland. Op 25 november 2025 is "
            "ingestemd "
            "met een financiële bijdrage voor projectleiding en onderzoek (besluit OT Kansen voor "
            "de "
            "Jeugd)."
        ),
    },
]

# ---------------------------------------------------------------------------
# AB minutes: curated parts
# ---------------------------------------------------------------------------

# Resolving the Wie text of AB action markers (case-insensitive tokens).
AB_WIE_TOKENS = {
    "programmabureau": "programmateam",
    "programmateam": "programmateam",
    "programmteam": "programmateam",
    "burgemeester": "femke-halsema",
    "ab": "ab",
    "gemeente": "gemeente-amsterdam",
    "nplv": "nplv",
}

# Overrides for action markers whose own sentence does not say what the action
# is.  Key: (meeting id, substring of the marker's paragraph/bullet).
#   wat  = verbatim sentence(s) from the minutes that state the action
#   wie  = only where the marker text is not a plain "who"
#   body = "paragraaf" (default for prose) / "" / explicit text
AB_OVERRIDES = {
    ("ab-2023-04-21", "Het opgaveteam gaat hiervoor zorgen"): {
        "wat": (
            "Daarnaast is er in coronatijd zeer veel input opgehaald aan participatie. Die moet "
            "hergebruikt worden. Het opgaveteam gaat hiervoor zorgen."
        )
    },
    ("ab-2023-04-21", "Deze komt zo spoedig mogelijk"): {
        "wat": (
            "Daarnaast wordt gewerkt aan brede publiekscommunicatie. Deze komt zo spoedig "
            "mogelijk op de "
            "agenda van het AB."
        )
    },
    ("ab-2023-04-21", "Dit wordt door het opgaveteam Burgerschap opgepakt"): {
        "wat": (
            "Ter plekke wordt bedacht dat het ook goed zou zijn om een agent in opgaveteam "
            "Burgerschap en "
            "democratisering te hebben. Dit wordt door het opgaveteam Burgerschap opgepakt."
        )
    },
    ("ab-2023-04-21", "De Burgemeester pakt deze op"): {
        "wat": (
            "Ten slotte besluit het AB naar aanleiding van het gesprek over dit domein, dat er "
            "behoefte is "
            "aan beleid rondom belangenverstengeling. De Burgemeester pakt deze op, zij komt met "
            "een "
            "vertrouwensprotocol."
        )
    },
    ("ab-2023-04-21", "Emre Ünver en Samir Baschara maken hier een voorstel voor"): {
        "wat": (
            "Over deelname aan de opgaveteams ook door de stadsdeel-commissieleden moet ook nog "
            "worden "
            "doorgedacht. Emre Ünver en Samir Baschara maken hier een voorstel voor."
        )
    },
    ("ab-2023-04-21", "Hans Krikke pakt dit punt verder op"): {
        "wat": (
            "Er wordt ook stilgestaan bij de rol van bewoners. Hans Krikke pakt dit punt verder "
            "op om een "
            "gedegen voorstel te komen, hij komt hiervoor op de mail/signal of telefoon bij de AB "
            "leden "
            "terug."
        )
    },
    ("ab-2023-05-24", "Ook hier moet over nagedacht worden"): {
        "wat": (
            "Rutger Groot Wassink geeft aan dat het goed is om na te denken over de gemeenteraad. "
            "En de "
            "stadsdeelcommissie. Het is van belang om duidelijk te communiceren over wanneer wat "
            "volgt, "
            "en welke invloed (heel beperkt) de raad/commissie hierop heeft."
        )
    },
    ("ab-2023-05-24", "Dit wordt afgesproken"): {
        # The bold marker runs on with the programme office's own note; the
        # "who" is Programmabureau, the note goes into the body.
        "wie": "Programmabureau",
        "wat": (
            "De burgemeester geeft aan dat er binnen het stadsdeel conflicterende pedagogische "
            "opvattingen "
            "zijn. Het is verstandig om dit onderwerp op een apart moment bestuurlijk nog te "
            "bespreken. "
            "Dit wordt afgesproken."
        ),
        "body": (
            "(Vraag hierbij is hoe BM dit voor zich ziet? De namen van Rutger en Marjolein "
            "Moorman werden "
            "genoemd. Wij zouden zelf voorstellen een overleg tussen BM, Marjolein Moorman, Jeroen "
            "Spanbroek en [5.1.2.e]"
        ),
    },
    ("ab-2023-05-24", "De volgende keer (AB 4 juli)"): {
        "wat": (
            "De volgende keer (AB 4 juli) zullen we hier als AB over door moeten praten, op basis "
            "van het "
            "bestedingsplan dat door college is geaccordeerd."
        )
    },
    ("ab-2023-05-24", "Wordt opgepakt"): {
        "wat": "Rutger Groot Wassink wil graag doorpraten over met name het onderdeel banen van "
        "dit OT. Wordt opgepakt."
    },
    ("ab-2023-05-24", "volkshuisvestingsfonds"): {
        "wat": (
            "[5.1.2.e] geeft aan dat het volkshuisvestingsfonds deze zomer opengaat en roept op "
            "om een "
            "aanvraag te doen. Snel schakelen is nodig."
        )
    },
    ("ab-2023-07-04", "NPLV"): {
        "wat": (
            "Samir Bashara geeft aan dat het programmateam aan [5.1.2.e] van NPLV heeft gevraagd "
            "om op te "
            "halen waar deze discussie nog meer speelt en wat daar de uitkomsten van zijn. Het "
            "programmateam zal hier zorgvuldig naar kijken en voor het volgend AB een stuk "
            "voorbereiden "
            "ter besluitvorming."
        )
    },
    ("ab-2023-07-04", "Zijn Buurtbanen hier geen mogelijkheid voor"): {
        "wat": (
            "Emre Ünver vraagt of de gemeente niet kan helpen met het vraagstuk hoe om te gaan "
            "met de "
            "betaling van de twee vrouwen uit de Actiegroep Wildeman. Zijn Buurtbanen hier geen "
            "mogelijkheid voor?"
        )
    },
    ("ab-2023-07-04", "energiefixers"): {
        "body": (
            "Deze opmerking is met terugwerkende kracht alsnog opgenomen in de notulen van AB 24 "
            "mei onder "
            "agendapunt 7 Wvttk."
        )
    },
}

# AB actions that later minutes report as done (or as followed up).  Key:
# (meeting id, substring of the action's wat).  Value: list of updates
# (datum, meeting, verbatim quote); ``afgerond`` gives the closing meeting.
AB_OPVOLGING = [
    {
        "vergadering": "ab-2023-04-21",
        "wat_bevat": "Signalgroep",
        "afgerond": "ab-2023-05-24",
        "updates": [("2023-05-24", "Signal groep aanmaken: is in de maak (inmiddels gereed)")],
    },
    {
        "vergadering": "ab-2023-04-21",
        "wat_bevat": "aanwezigheid van de politie",
        "afgerond": "ab-2023-05-24",
        "updates": [
            (
                "2023-05-24",
                "[5.1.2.e] Operatiën, Eenheidsleiding Politie Amsterdam, sluit aan bij het AB.",
            )
        ],
    },
    {
        "vergadering": "ab-2023-04-21",
        "wat_bevat": "stadsdeel-commissieleden",
        "afgerond": "ab-2023-07-04",
        "updates": [
            (
                "2023-05-24",
                "Actie rondom stadsdeelcommissie: heeft de aandacht van Emre Ünver en Samir "
                "Bashara. "
                "Is een weerbaarstig thema.",
            ),
            (
                "2023-07-04",
                "Besluit SDC in OT's: Het AB omarmt het voorstel om SDC-leden, onder goede "
                "werkafspraken "
                "(geen politieke dynamiek in het NPSNW) op te nemen in de opgaveteams (OT's).",
            ),
        ],
    },
    {
        "vergadering": "ab-2023-04-21",
        "wat_bevat": "vertrouwensprotocol",
        "afgerond": "ab-2023-07-04",
        "updates": [
            (
                "2023-07-04",
                "In de AB vergadering van 21 april heeft de burgemeester toegezegd met een "
                "vertrouwensprotocol te komen voor het AB. [...] De derde versie van het "
                "protocol ligt nu ter beoordeling bij het AB.",
            )
        ],
    },
    {
        "vergadering": "ab-2023-04-21",
        "wat_bevat": "rol van bewoners",
        "afgerond": "ab-2023-07-04",
        "updates": [
            (
                "2023-07-04",
                "Besluit bewoners in AB: Het AB omarmt het voorstel om vijf inwoners toe te "
                "voegen aan het AB.",
            )
        ],
    },
    {
        "vergadering": "ab-2023-05-24",
        "wat_bevat": "De volgende keer (AB 4 juli)",
        "afgerond": "ab-2023-07-04",
        "updates": [
            (
                "2023-07-04",
                "5. CWB voorstel — Ruther Groot Wassing licht het voorstel toe en hoopt dat het "
                "AB volmondig ja zegt tegen deze beweging.",
            )
        ],
    },
]

# Decisions in the AB minutes (besluiten).  ``agendapunt`` as numbered in
# the meeting; ``tekst`` a short statement, ``toelichting`` the verbatim
# source text.
AB_BESLUITEN = {
    "ab-2023-04-21": [
        {
            "tekst": "Samenstelling en werkwijze Alliantiebestuur vastgesteld.",
            "agendapunt": 2,
            "toelichting": (
                "Besluitpunt: Het Alliantiebestuur wordt gevraagd in te stemmen met de "
                "voorgestelde "
                "samenstelling en werkwijze van het Alliantiebestuur. Is vastgesteld"
            ),
        },
        {
            "tekst": (
                "Het AB besluit dat er behoefte is aan beleid rondom belangenverstrengeling; de "
                "burgemeester "
                "komt met een vertrouwensprotocol."
            ),
            "agendapunt": 3,
            "toelichting": (
                "Ten slotte besluit het AB naar aanleiding van het gesprek over dit domein, dat er "
                "behoefte is aan beleid rondom belangenverstengeling. De Burgemeester pakt deze "
                "op, zij "
                "komt met een vertrouwensprotocol."
            ),
        },
        {
            "tekst": (
                "Voorstellen vrijwilligersvergoeding vastgesteld, met de vraag om nog even goed "
                "af te stemmen "
                "met de andere gebieden in Amsterdam waar een NP loopt, en met de gegeven "
                "waarschuwingen."
            ),
            "agendapunt": 5,
            "toelichting": (
                "Besluitpunt: Het Alliantiebestuur wordt gevraagd in te stemmen met bijgevoegde "
                "voorstellen met betrekking tot een vrijwilligersvergoeding. Vastgesteld met de "
                "vraag om "
                "nog even goed af te stemmen met de andere gebieden in Amsterdam waar een NP "
                "loopt, en "
                "met de gegeven waarschuwingen."
            ),
        },
    ],
    "ab-2023-05-24": [
        {
            "tekst": "Notulen van de vergadering van 21 april 2023 vastgesteld, met aanpassing.",
            "agendapunt": 2,
            "toelichting": (
                "Anne Wilbers: er is een zin weggefallen in de notulen. Wordt aangepast (zie "
                "bijlage bij "
                "deze notulen)."
            ),
        },
    ],
    "ab-2023-07-04": [
        {
            "tekst": "Notulen van de vergadering van 24 mei 2023 vastgesteld, met aanvulling.",
            "agendapunt": 2,
            "toelichting": (
                '[5.1.2.e] merkt op dat onderstaande de vorige notulen heeft gemist: "OT '
                "Eigenaarschap, "
                "inclusie en democratisering komt met een voorstel voor bijdrage vanuit "
                "initiatieven uit "
                "Nieuw-West aan de [5.1.2.b] 'energiefixers' subsidie voor Nieuw-West.\" Deze "
                "opmerking "
                "is met terugwerkende kracht alsnog opgenomen in de notulen van AB 24 mei onder "
                "agendapunt 7 Wvttk."
            ),
        },
        {
            "tekst": (
                "Besluit SDC in OT's: het AB omarmt het voorstel om SDC-leden, onder goede "
                "werkafspraken (geen "
                "politieke dynamiek in het NPSNW) op te nemen in de opgaveteams (OT's)."
            ),
            "agendapunt": 4,
            "toelichting": (
                "We zetten de deur open. Het voorstel is dat in elk OT een SDC lid aansluit."
            ),
        },
        {
            "tekst": "Besluit bewoners in AB: het AB omarmt het voorstel om vijf inwoners toe te "
            "voegen aan het AB.",
            "agendapunt": 7,
            "toelichting": (
                "Idealiter is er een bewoner gekoppeld aan elk opgavedomein en wordt deze van "
                "daaruit "
                "zorgvuldig ondersteund en gefaciliteerd. De bewoner neemt voor een jaar deel. Het "
                "opgaveteam Eigenaarschap, inclusie en democratie krijgt de opdracht verder te "
                "gaan met "
                "de uitwerking van het voorstel."
            ),
        },
    ],
}
