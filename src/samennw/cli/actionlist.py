"""``import-actions`` (``importeer-acties``): a team's running action list into the data.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samennw.cli.app import CommitOption, DataOption, SamennwCommand, _report, app

if TYPE_CHECKING:
    from samennw.importing.readers import SourceText
    from samennw.ops.import_actions import ImportReport


def read_list(path: Path) -> "SourceText":
    """The document as normalized lines (.docx, .pdf, .txt, .md).

    An empty table cell is a line holding only a TAB; a text file's such lines are kept
    here when the reader trimmed them away with the trailing spaces (without them every
    row after an empty cell would be read one column off)."""
    import unicodedata
    from dataclasses import replace

    from samennw.importing.readers import read_source

    source = read_source(path)
    if source.kind not in ("txt", "md") or "\t" in source.lines:
        return source
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return source
    lines = text.replace("\r\n", "\n").split("\n")
    if len(lines) != len(source.lines):
        return source
    kept = [
        "\t" if line.startswith("\t") and not line.strip() else mine
        for line, mine in zip(lines, source.lines, strict=True)
    ]
    return replace(source, lines=[unicodedata.normalize("NFC", line) for line in kept])


_HELP = (
    "Importeer de lopende actielijst van een team (.docx, .pdf, .txt of .md): open en "
    "afgeronde acties, besluiten en belangrijke data. Opnieuw importeren voegt niets dubbel toe."
)


@app.command("import-actions", cls=SamennwCommand, help=_HELP)
@app.command(
    "importeer-acties", cls=SamennwCommand, help="Importeer een actielijst (zelfde als "
    "'import-actions')."
)  # fmt: skip
def import_actions_cmd(
    file: Annotated[Path, typer.Argument(metavar="BESTAND", help="De actielijst.")],
    team: Annotated[
        str, typer.Option("--team", help="Het team van de lijst, bijv. ot-kvdj of 'OT KvdJ'.")
    ],
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum",
            help="Datum van de lijst (de vergadering), als de kop geen of een verkeerde noemt.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Toon wat er geschreven zou worden; schrijf niets.")
    ] = False,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    from samennw.clock import date_arg
    from samennw.console import err
    from samennw.ops.import_actions import import_actions

    source = read_list(file)
    on = date_arg(datum) if datum else None
    reports: list[ImportReport] = []

    def plan(repo: Any) -> Any:
        changes, message, report = import_actions(repo, source, team, on)
        reports.append(report)
        return changes, message

    if dry_run:
        from samennw.ops.perform import preview

        err(preview(data, plan).message)
        for line in reports[-1].lines(verbose=True):
            err(line)
        err("proefdraai (--dry-run): er is niets geschreven")
        return
    _report_import(plan, data, commit)
    for line in reports[-1].lines():
        err(line)


def _report_import(plan: Any, data: Path | None, commit: bool) -> None:
    from samennw.ops.perform import perform

    _report(perform(data, plan, commit=commit))
