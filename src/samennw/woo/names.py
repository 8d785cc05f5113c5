"""The Woo name guard: names of people that the data does not know.

A public version redacts only the persons listed in ``partners.yaml``. This module finds
the other names: in minutes text, titles, decisions, action texts (``wat``, ``wie``,
``toelichting``) and attendance notes, every span that looks like a person's name and is
not known as a person, organisation, team, domain, role or reviewed non-person
(``data/geen-personen.yaml``, see :mod:`samennw.woo.allowlist`).

How a capitalised word is judged (see :meth:`Detector.classify`):

* all capitals (``SDC``, ``AB``), digits, one letter: never a name (an initial ``J.``
  starts a name only when a surname follows);
* a place (``woo/data/plaatsen.txt``) or a word of a known organisation, team or domain
  name: a term, never part of a name;
* a first name that is also a Dutch word (``woordnamen.txt``: Roos, Kees): a name;
* a Dutch word (``nl-woorden.txt.gz``, OpenTaal) or a compound of one (``Vertrouwensprotocol``):
  an ordinary word, capitalised at the start of a sentence or in a title;
* anything else (``Kauthar``, ``Yılmaz``, ``Stopera``): a name.

A name grows over particles (``van der``, ``El``), initials and the capitalised words
that follow it (``Kees de Boer``, ``Rutger Groot Wassink``); after ``mevrouw``, ``dhr.``
and the like any capitalised word is a name. Text inside ``[[5.1.2.b|…]]`` is skipped
(a public version shows only the ground), and so are URLs and e-mail addresses (redacted).
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from samennw.model.people import normalize
from samennw.model.records import Partners
from samennw.render.redact import person_names

_MEMO = 200_000  # lines remembered with their findings
# kinds of tokens
NAME, WORD, TERM, PARTICLE, INITIAL, LOWER, ACRONYM = "N", "W", "T", "P", "I", "L", "A"

_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’`][^\W\d_]+)*(?:-[^\W\d_]+(?:['’`][^\W\d_]+)*)*)(?P<dot>\.)?"
    r"|(?P<num>\d[\w.,:/-]*)"
    r"|(?P<brk>[.!?:;()\[\]\"“”„|–—•=<>{}+]|\s-\s|^\s*[-*]\s)"
    r"|(?P<sep>[,/&])"
)
_SKIP = re.compile(
    r"\[\[[^\]]*?\|.*?\]\]"  # a confidential span: only its ground is public
    r"|https?://\S+|www\.\S+"  # links
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses: redacted in every public version
    r"|\]\([^)]*\)"  # a Markdown link's target
    r"|`[^`]*`"  # code
)
# street and area names: never a person, and a name before one is part of it
# ("Johan Jongkindbuurt", "Lodewijk van Deysselbuurt")
_PLACE_WORD = re.compile(
    r"(?:weg|laan|straat|plein|buurt|gracht|kade|park|plantsoen|dreef|singel|dijk|wijk|"
    r"polder|veld|meer|dorp|steeg|pad|hof|brug|tuinen|burgwal|hoven)$"
)
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _surname_word(token: tuple[str, str, int, bool]) -> bool:
    """A place word on its own ('Meer', 'Dijk', 'Hof', 'Laan') after a particle is a
    surname ('van der Meer'); as the end of a longer word it names a street or area."""
    return token[0] == TERM and _PLACE_WORD.fullmatch(token[1].casefold()) is not None


_TITLE_WORD = re.compile(
    r"\b(?:mevrouw|mevr|mw|meneer|mijnheer|dhr|heer|mr|dr|drs|ir|prof|ing|ds)\b", re.IGNORECASE
)
_FRONT_KEY = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][\w-]*):(?=\s|$)")

PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "ter",
        "ten",
        "te",
        "het",
        "'t",
        "in",
        "op",
        "von",
        "vom",
        "zu",
        "da",
        "das",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "el",
        "al",
        "ul",
        "bin",
        "ben",
        "ibn",
        "abu",
        "ait",
        "aït",
        "ou",
        "mac",
        "mc",
        "o'",
        "d'",
        "di",
        "del",
        "della",
    ]
)
# words after which any capitalised word is a name: "mevrouw Bakker", "dhr. De Boer"
_TITLES = frozenset(
    [
        "mevrouw",
        "mevr",
        "mw",
        "meneer",
        "mijnheer",
        "dhr",
        "heer",
        "mr",
        "dr",
        "drs",
        "ir",
        "prof",
        "ing",
        "ds",
    ]
)
# function words that may follow a name without being part of it ("Emre Ünver Voorzitter")
ROLE_WORDS = frozenset(
    [
        "burgemeester",
        "wethouder",
        "voorzitter",
        "secretaris",
        "directeur",
        "programmadirecteur",
        "programmamanager",
        "procesmanager",
        "bestuurder",
        "lid",
        "leden",
        "namens",
        "vz",
        "secr",
    ]
)


@dataclass(frozen=True, slots=True)
class Finding:
    """A span that looks like a person's name, on ``line`` (1-based) of a text."""

    name: str
    line: int
    column: int  # 1-based


def _data_text(name: str) -> str:
    return (resources.files("samennw.woo") / "data" / name).read_text(encoding="utf-8")


def _lines_of(name: str) -> list[str]:
    return [
        line.strip()
        for line in _data_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    ]


@cache
def dutch_words() -> frozenset[str]:
    """The OpenTaal words in lower case (see woo/data/README.md)."""
    raw = (resources.files("samennw.woo") / "data" / "nl-woorden.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").split("\n"))


@cache
def word_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in _lines_of("woordnamen.txt"))


@cache
def generic_terms() -> frozenset[str]:
    return frozenset(w.casefold() for line in _lines_of("termen.txt") for w in line.split())


@cache
def places() -> frozenset[str]:
    return frozenset(w.casefold() for line in _lines_of("plaatsen.txt") for w in line.split())


def _fold(text: str) -> str:
    return normalize(text)


def _strip_possessive(name: str) -> str:
    return re.sub(r"(?:['’]s|['’]|s)$", "", name)


class Detector:
    """Finds names of people in text; knows the partners and the reviewed non-persons.

    ``known_persons``: folded names (full, first, surnames, aliases, roles) that are
    fine in a public version (redacted, or public office holders). ``non_persons``:
    folded names and phrases that are reviewed as no person, plus the names of
    organisations, teams and domains.
    """

    def __init__(
        self,
        known_persons: Iterable[str] = (),
        non_persons: Iterable[str] = (),
        terms: Iterable[str] = (),
    ) -> None:
        self.known_persons = frozenset(_fold(n) for n in known_persons if n.strip())
        self.non_persons = frozenset(_fold(n) for n in non_persons if n.strip())
        self.words = dutch_words()
        self.word_names = word_names()
        term_words = set(places()) | generic_terms()
        for term in terms:  # every capitalised word of an organisation or team name
            for w in re.findall(r"[^\W\d_]+", term):
                if w[:1].isupper():
                    term_words.add(w.casefold())
        term_words -= self.word_names
        self.terms = frozenset(term_words)
        self._kinds: dict[str, str] = {}
        self._lines: dict[tuple[str, bool], list[tuple[str, int]]] = {}

    @classmethod
    def for_partners(cls, partners: Partners, non_persons: Iterable[str] = ()) -> Detector:
        persons: list[str] = []
        for p in partners.personen:
            persons += [p.id, *person_names(p), *p.rollen]
            if p.naam:
                persons += p.naam.split()  # every part, also 'Groot' of 'Groot Wassink'
        terms: list[str] = []
        for o in partners.organisaties:
            terms += [o.naam, *o.afkortingen]
        for t in partners.teams:
            terms += [t.naam, *t.aliassen]
        for d in partners.domeinen:
            terms += [d.naam, d.afkorting or ""]
        person_words = {_fold(w) for name in persons for w in name.split()}
        # a word of an organisation name that is also a person's name stays a name
        terms = [t for t in terms if t]
        detector = cls(persons, [*non_persons, *terms], terms)
        detector.terms = frozenset(w for w in detector.terms if w not in person_words)
        return detector

    # --- judging words -----------------------------------------------------------
    def classify(self, word: str) -> str:
        """The kind of a word that starts with a capital (see the module's docs)."""
        kind = self._kinds.get(word)
        if kind is None:
            kind = self._kinds[word] = self._classify(word)
        return kind

    def _classify(self, word: str) -> str:
        bare = re.sub(r"['’`]s$", "", word)  # "OT's", "Tjallings"
        if len(bare) > 1 and (bare.isupper() or (len(bare) <= 5 and bare[-1].isupper())):
            return ACRONYM  # "SDC", "HvA", "KvJ"
        key = word.casefold()
        if key in self.terms or _fold(word) in self.non_persons:
            return TERM
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            # "Peer-education": a lower-case part is no name
            kinds = [self._classify(p) if p[:1].isupper() else WORD for p in parts]
            if NAME in kinds:
                return NAME
            return TERM if TERM in kinds else WORD
        if key in self.word_names:
            return NAME
        if _PLACE_WORD.search(key) or (key.endswith("se") and key[:-2] in self.terms):
            return TERM  # "Louwesweg", "Jongkindbuurt"; "Amsterdamse"
        key = re.sub(r"['’`]s$", "", key)
        if key in self.words or self._compound(key):
            return WORD
        return NAME

    def _compound(self, key: str) -> bool:
        """``vertrouwensprotocol``: a known word of four letters or more after a known word
        of four or more (or any part of three letters or more before a known word of six or
        more)."""
        words = self.words
        if len(key) < 7:
            return False
        for i in range(3, len(key) - 3):
            tail = key[i:]
            if tail not in words:
                continue
            head = key[:i]
            if len(tail) >= 6:  # "Wibautleerstoel"
                return True
            if (
                len(head) >= 4
                and len(tail) >= 5
                and (head in words or (head[-1] in "se" and head[:-1] in words))
            ):
                return True  # "Vertrouwensprotocol"; not "Mathijs" (mat + hijs)
        return False

    # --- finding names ---------------------------------------------------------------
    def tokens(self, text: str) -> Iterator[tuple[str, str, int, bool]]:
        """(kind, text, offset, starts a sentence) per token of one line; a break is
        kind ``.``, a separator (comma, slash, &) kind ``,``."""
        start = True
        for m in _TOKEN.finditer(text):
            if m.group("word"):
                word = m.group("word")
                dot = bool(m.group("dot"))
                if word[0].isupper():
                    if len(word) == 1:
                        after = text[m.start() - 1 : m.start()]
                        kind = INITIAL if dot and after not in ("&", "/") else ACRONYM
                    elif word.casefold() in PARTICLES:
                        kind = PARTICLE
                    else:
                        kind = self.classify(word)
                else:
                    kind = PARTICLE if word.casefold() in PARTICLES else LOWER
                yield kind, word, m.start(), start
                start = False
                if dot and kind != INITIAL:  # the end of a sentence or an abbreviation
                    yield ".", ".", m.end() - 1, False
                    start = True
            elif m.group("num"):
                yield ACRONYM, m.group("num"), m.start(), False
                start = False
            elif m.group("brk"):
                yield ".", m.group("brk"), m.start(), start
                start = True
            else:
                yield ",", m.group("sep"), m.start(), start

    def find(self, text: str, first_line: int = 1) -> list[Finding]:
        """The names in ``text`` that are not known (``first_line``: the line number of
        the text's first line)."""
        found: list[Finding] = []
        for n, line in enumerate(text.split("\n")):
            found += self.find_in_line(line, first_line + n)
        return found

    def spans(self, line: str) -> list[tuple[str, int, list[tuple[str, str]]]]:
        """Name-like spans of one line: (text, offset, [(kind, word), …])."""
        line = _SKIP.sub(lambda m: " " * len(m.group(0)), line)
        if not self._may_name(line):
            return []
        toks = list(self.tokens(line))
        spans: list[tuple[str, int, list[tuple[str, str]]]] = []
        i, n = 0, len(toks)
        while i < n:
            kind, word, offset, _ = toks[i]
            title = i > 0 and toks[i - 1][1].casefold() in _TITLES
            if kind == PARTICLE and word[:1].isupper() and i + 1 < n:
                nxt = toks[i + 1][0]
                begins = nxt == NAME or (nxt == PARTICLE and i + 2 < n and toks[i + 2][0] == NAME)
            else:
                begins = kind == NAME or (title and kind in (WORD, TERM) and word[:1].isupper())
            if kind == INITIAL:  # "J. de Vries", "J.P. Balkenende"
                j = i
                while j < n and toks[j][0] in (INITIAL, PARTICLE):
                    j += 1
                begins = j < n and toks[j][0] in (NAME, WORD) and toks[j][1][:1].isupper()
            if not begins:
                i += 1
                continue
            j = i + 1
            while j < n:
                k, w = toks[j][0], toks[j][1]
                if k in (NAME, INITIAL) or (k == WORD and w[:1].isupper()):
                    j += 1
                elif k == PARTICLE:
                    m = j
                    while m < n and toks[m][0] == PARTICLE:
                        m += 1
                    if (
                        m < n
                        and toks[m][1][:1].isupper()
                        and (toks[m][0] in (NAME, WORD, INITIAL) or _surname_word(toks[m]))
                    ):
                        j = m + 1  # "Ilse van der Meer", "Jan van Dijk"
                    else:
                        break
                else:
                    break
            end = toks[j - 1][2] + len(toks[j - 1][1])
            m = j
            while m < n and toks[m][0] == PARTICLE:  # "Ruys de Beerenbroukbuurt"
                m += 1
            if (
                m < n
                and toks[m][0] == TERM
                and _PLACE_WORD.search(toks[m][1].casefold())
                and not _surname_word(toks[m])
            ):
                i = m + 1  # a street or area named after a person
                continue
            if (
                j == i + 1
                and word.casefold() in self.word_names
                and (word == "Jan" or (j < n and toks[j][1][:1].isdigit()))
            ):
                i = j  # "Jan 2026", "Jan/feb": a month ("Jan Bakker" is a name)
                continue
            spans.append((line[offset:end], offset, [(t[0], t[1]) for t in toks[i:j]]))
            i = j
        return spans

    def _may_name(self, line: str) -> bool:
        """Whether a line may hold a name at all: a capitalised word that is a name, an
        initial or a title ("mevrouw"); most lines have none (a quick look)."""
        if _TITLE_WORD.search(line):
            return True
        for word in _WORDS.findall(line):
            if word[0].isupper() and (len(word) == 1 or self.classify(word) == NAME):
                return True
        return False

    def find_in_line(self, line: str, number: int) -> list[Finding]:
        return [Finding(name, number, column) for name, column in self.judge(line, False)]

    def judge(self, line: str, front: bool) -> list[tuple[str, int]]:
        """(name, 1-based column) of the unknown names in one line of a file (``front``:
        of its front matter)."""
        if line == line.lower():
            return []  # no capital: no name (the common case in lists of ids)
        found = self._lines.get((line, front))
        if found is None:  # minutes repeat lines (templates, lists): judge each once
            if len(self._lines) > _MEMO:
                self._lines.clear()
            text = front_value(line) if front else line
            found = self._lines[line, front] = [
                (name, offset + 1)
                for name, offset, parts in self.spans(text)
                if not self.accepted(parts)
            ]
        return found

    def accepted(self, parts: list[tuple[str, str]]) -> bool:
        """A span is fine when it is a known name (or non-person) as a whole, or a known
        one with role words around it ("Burgemeester Halsema", "Ünver Voorzitter")."""
        words = [w for _, w in parts]
        n = len(words)
        for i in range(n):
            if i and parts[i - 1][1].casefold() not in ROLE_WORDS:
                break
            for j in range(n, i, -1):
                if j < n and parts[j][1].casefold() not in ROLE_WORDS:
                    break
                if self.known(" ".join(words[i:j])):
                    return True
        return False

    def known(self, name: str) -> bool:
        key = _fold(name)
        if key in self.known_persons or key in self.non_persons:
            return True
        bare = _fold(_strip_possessive(name))  # "Tjallings voorstel"
        return bare != key and (bare in self.known_persons or bare in self.non_persons)


# --- data files -------------------------------------------------------------------------


def scan_file(detector: Detector, text: str) -> list[Finding]:
    """The unknown names of a data file: in the front matter's values (keys and ids are
    never names: ids are lower case; YAML comments are not published) and in the body."""
    found: list[Finding] = []
    lines = text.split("\n")
    in_front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines, 1):
        if in_front:
            if number == 1:
                continue
            if line.strip() == "---":
                in_front = False
                continue
        for name, column in detector.judge(line, in_front):
            found.append(Finding(name, number, column))
    return found


def front_value(line: str) -> str:
    """A front-matter line without its key and list dash (same columns)."""
    if line.lstrip().startswith("#"):
        return ""
    line = _FRONT_KEY.sub(lambda m: " " * len(m.group(0)), line)
    return re.sub(r"^(\s*)-\s", r"\1  ", line)


def scan_path(detector: Detector, path: Path) -> list[Finding]:
    from samennw.storage.reader import read_text

    return scan_file(detector, unicodedata.normalize("NFC", read_text(path)))
