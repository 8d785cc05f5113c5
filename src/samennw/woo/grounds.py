"""The Woo grounds (*weigeringsgronden*) samennw accepts, and their one notation.

A ground is written ``5.1.2.e`` in the data and in every output: the article's numbers
and the letter, separated by dots. On input any common notation is read: ``5.1.2e``,
``5.1.2,e``, ``5.1.2 e``, ``5.1.2 sub e``, ``5.1.2 onder e``, ``art. 5.1.2.e Woo``,
``artikel 5.1, lid 2, onder e``. A ground that is not in the law (``5.1.2.x``,
``5.1.3``) is an error.

The grounds: Woo art. 5.1 lid 1 a–e, lid 2 a–i, lid 5; art. 5.2 (personal policy
opinions) and 5.4 (information of the formateur); and the Wob's, which older documents
(before 1 May 2022) cite: art. 10 lid 1 a–d, lid 2 a–g, and art. 11 lid 1.
"""

from __future__ import annotations

import re

WOO_GROUNDS: tuple[str, ...] = (
    *(f"5.1.1.{c}" for c in "abcde"),
    *(f"5.1.2.{c}" for c in "abcdefghi"),
    "5.1.5",
    "5.2",
    "5.4",
)
WOB_GROUNDS: tuple[str, ...] = (
    *(f"10.1.{c}" for c in "abcd"),
    *(f"10.2.{c}" for c in "abcdefg"),
    "11.1",
)
GROUNDS: tuple[str, ...] = WOO_GROUNDS + WOB_GROUNDS
_VALID = frozenset(GROUNDS)

# words a written-out citation may hold around the numbers and the letter
_WORDS = re.compile(r"\b(?:artikel|art|lid|sub|onder|aanhef en|woo|wob)\b\.?", re.IGNORECASE)
_ALLOWED = re.compile(r"[0-9a-z.,:;()\s-]*")


def valid_grounds_text() -> str:
    """The valid grounds, short, for an error message."""
    return "Woo 5.1.1.a–e, 5.1.2.a–i, 5.1.5, 5.2, 5.4; Wob 10.1.a–d, 10.2.a–g, 11.1"


def normalize_ground(text: str) -> str | None:
    """``text`` as the canonical ground (``5.1.2.e``), or None when it is none."""
    rest = _WORDS.sub(" ", text.strip().lower())
    if not rest.strip() or not _ALLOWED.fullmatch(rest):
        return None
    if any(len(word) > 1 for word in re.findall(r"[a-z]+", rest)):
        return None  # '5.1.2.ee', 'geheim'
    numbers = re.findall(r"[0-9]+|[a-z]", rest)
    letters = [t for t in numbers if t.isalpha()]
    if len(letters) > 1 or (letters and numbers[-1] != letters[0]):
        return None  # one letter, last
    canonical = ".".join(str(int(t)) if t.isdigit() else t for t in numbers)
    return canonical if canonical in _VALID else None


def is_ground(text: str) -> bool:
    """Is ``text`` a ground in any notation?"""
    return normalize_ground(text) is not None


class GroundError(ValueError):
    """An invalid ground, with a Dutch message listing the valid ones."""


def require_ground(text: str) -> str:
    """The canonical ground of ``text``, or a :class:`GroundError`."""
    ground = normalize_ground(text)
    if ground is None:
        raise GroundError(
            f"'{text}' is geen geldige Woo-lakgrond; geldig zijn {valid_grounds_text()}"
        )
    return ground
