"""Text from the data, made safe to show: in a terminal, a spreadsheet or a document.

A ``wat`` may hold control characters (YAML's ``"\\e"`` and ``"\\a"`` escapes write ESC
and BEL): printed raw they are terminal escape sequences (clear the screen, set the
window title, fake output), and XML (HTML, Word) forbids most of them. :func:`printable`
removes them; every output passes through it once, where it leaves samennw
(:mod:`samennw.console` for stdout and stderr, :mod:`samennw.render.redact` for
documents), and so does every text samennw writes into a data file
(:mod:`samennw.storage.frontmatter`, the new meeting of :mod:`samennw.ops.meetings`).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, a carriage return not followed by a newline (it
# returns the cursor: later text overwrites a line), DEL, C1 controls (U+009B is a
# one-character CSI in some terminals) and the non-characters XML forbids.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|\r(?!\n)")


def first_unsafe(text: str) -> int:
    """The index of the first character :func:`printable` would remove, or -1."""
    m = _UNSAFE.search(text)
    return -1 if m is None else m.start()


def printable(text: str) -> str:
    """``text`` without terminal control characters; tabs, newlines and CRLF stay."""
    if _UNSAFE.search(text) is None:  # nearly always: no copy
        return text
    return _UNSAFE.sub("", text)
