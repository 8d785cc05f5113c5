"""Woo redaction codes in imported text, normalised to the documented notation.

Published minutes write an already-redacted name in many ways: ``5.1.2.e``, ``5.1.2,e``,
``5.1.2e``, ``5.1.2 e``, superscript ``^{5.1.2,e}``, ``5.1.2,e [redacted]``,
``[5.1.2.e]``, ``(5.1.2.e)``. samennw's data writes each as ``[5.1.2.e]``
(docs/format.md). The grounds are those of the Woo: art. 5.1.1 a–e, 5.1.2 a–i; 5.2
(personal opinions on policy) has no letter and is written ``[5.2]`` — only where the
text marks it as a redaction (superscript, brackets or ``[redacted]``), since "5.2" alone
is an ordinary number.
"""

from __future__ import annotations

import re

# a code: article 5.1.1 (a–e) or 5.1.2 (a–i), with '.', ',' or nothing before the letter
_CODE = r"5\s?\.\s?1\s?[.,]\s?(?:1\s?[.,]?\s?(?P<l1>[a-e])|2\s?[.,]?\s?(?P<l2>[a-i]))"
_REDACTED = r"(?:\s*\[\s*(?:redacted|gelakt|weggelakt)\s*\])?"
_PATTERNS = (
    # ^{5.1.2,e} — a superscript code as the readers write it
    re.compile(r"\^\{\s*" + _CODE + r"\s*\}" + _REDACTED),
    # [5.1.2,e] / (5.1.2.e) — a bracketed code
    re.compile(r"[\[(]\s*" + _CODE + r"\s*[\])]" + _REDACTED),
    # a bare code, not part of a longer number or word
    re.compile(r"(?<![\w.,\[])" + _CODE + r"(?![\w\]])" + _REDACTED),
)
_ARTICLE_52 = re.compile(
    r"\^\{\s*5\s?\.\s?2\s*\}" + _REDACTED + r"|[\[(]\s*5\s?\.\s?2\s*[\])]" + _REDACTED
    + r"|(?<![\w.,\[])5\.2\s*\[\s*(?:redacted|gelakt|weggelakt)\s*\]"
)  # fmt: skip


def _code(match: re.Match[str]) -> str:
    letter = match.group("l1") or match.group("l2")
    article = "5.1.1" if match.group("l1") else "5.1.2"
    return f"[{article}.{letter}]"


def normalize_redactions(text: str) -> str:
    """Every notation of a Woo redaction code in ``text`` as ``[5.1.2.e]``."""
    if "5" not in text:
        return text
    for pattern in _PATTERNS:
        text = pattern.sub(_code, text)
    return _ARTICLE_52.sub("[5.2]", text)


REDACTION = re.compile(r"\[5\.(?:1\.1\.[a-e]|1\.2\.[a-i]|2)\]")


def is_redaction(text: str) -> bool:
    """True when ``text`` (stripped) is one normalised code, e.g. ``[5.1.2.e]``."""
    return REDACTION.fullmatch(text.strip()) is not None
