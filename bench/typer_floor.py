"""The floor of one Typer command: the options of ``open-actions``, and nothing done.

Typer 0.2x coerces every option through a pydantic TypeAdapter it builds at each run,
which imports pydantic's validation machinery (``import pydantic`` alone is lazy). This
is a lower bound for ``samennw open-actions``: one command, where samennw registers
about twenty (Typer builds them all at each start).
"""

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def open_actions(
    owner: Annotated[str | None, typer.Option("--owner")] = None,
    personal: Annotated[bool, typer.Option("--persoonlijk")] = False,
    team: Annotated[str | None, typer.Option("--team")] = None,
    werkgroep: Annotated[str | None, typer.Option("--werkgroep")] = None,
    actielijn: Annotated[str | None, typer.Option("--actielijn")] = None,
    domein: Annotated[str | None, typer.Option("--domein")] = None,
    overdue: Annotated[bool, typer.Option("--achterstallig")] = False,
    op: Annotated[str | None, typer.Option("--op")] = None,
    fmt: Annotated[str, typer.Option("--format")] = "table",
    data: Annotated[Path | None, typer.Option("--data")] = None,
) -> None:
    """Parse the options, do nothing."""


if __name__ == "__main__":
    app()
