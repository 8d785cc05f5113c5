"""``show`` (``toon``): one decision, action or meeting and what hangs on it.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from typing import Annotated

import typer

from samennw.cli.app import DataOption, SamennwCommand, app

_HELP = (
    "Toon een besluit, actie of vergadering met alles wat erbij hoort: wat werd er van "
    "besluit X (status, latere besluiten, acties en hun stand)?"
)


@app.command("show", cls=SamennwCommand, help=_HELP)
@app.command(
    "toon", cls=SamennwCommand, help="Toon een besluit, actie of vergadering (zelfde als 'show')."
)
def show_cmd(
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="Code van besluit, actie of vergadering.")
    ],
    fmt: Annotated[str, typer.Option("--format", help="Uitvoer: text of json.")] = "text",
    data: DataOption = None,
) -> None:
    import json

    from samennw.console import out
    from samennw.ops.show import as_text, show_item

    fmt = fmt.lower()
    if fmt not in ("text", "json"):
        raise typer.BadParameter(
            f"onbekend formaat '{fmt}'; kies text of json", param_hint="--format"
        )
    info = show_item(data, item_id)
    out(json.dumps(info, ensure_ascii=False, indent=2) if fmt == "json" else as_text(info))
