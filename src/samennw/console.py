"""The only module that imports rich: stdout for data, stderr for messages.

Colour follows the usual conventions: NO_COLOR turns it off, and output that is not
a terminal (a pipe, a file, CI logs) gets plain text.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from samennw.safetext import printable

if TYPE_CHECKING:
    from rich.console import Console


def _terminal() -> Console:
    """Rich's console on stdout, which is a terminal (pipes get :func:`plain_table`)."""
    from rich.console import Console

    return Console(
        file=sys.stdout,  # looked up per call (tests swap it)
        no_color=bool(os.environ.get("NO_COLOR")),
        highlight=False,
        emoji=False,
    )


def out(text: str = "") -> None:
    """Plain data to stdout (no markup interpretation, no terminal control characters)."""
    text = printable(text)
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))


def err(text: str) -> None:
    """A message to stderr (no terminal control characters: messages quote data)."""
    sys.stderr.write(printable(text) + "\n")


def table(
    columns: list[str],
    rows: list[list[str]],
    *,
    title: str | None = None,
    highlight_rows: set[int] | None = None,
    no_wrap: tuple[str, ...] = ("ID", "Team", "Commit", "Datum"),
) -> None:
    """A table on stdout; rows in ``highlight_rows`` are marked (overdue).

    A terminal gets a Rich table that wraps to its width. A pipe or file gets plain
    aligned text with one line per row, so ``grep`` finds whole rows (and the query
    does not pay for loading Rich).
    """
    if not sys.stdout.isatty():
        out(plain_table(columns, rows, title=title))
        return
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, show_lines=False, expand=False)
    for col in columns:
        t.add_column(col, overflow="fold", no_wrap=col in no_wrap)
    for i, row in enumerate(rows):
        style = "bold red" if highlight_rows and i in highlight_rows else None
        t.add_row(*(Text(printable(c)) for c in row), style=style)
    _terminal().print(t)


def plain_table(columns: list[str], rows: list[list[str]], *, title: str | None = None) -> str:
    """Columns aligned with two spaces, one line per row, no trailing blanks."""
    cells = [columns, *([" ".join(printable(c).split()) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = [title] if title else []
    for row in cells:
        padded = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=False)]
        lines.append("  ".join([*padded, row[-1]]).rstrip())
    return "\n".join(lines)
