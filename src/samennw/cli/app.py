"""The Typer command line: parse arguments, call one operation, print. Nothing else.

Heavy modules (pydantic, yaml, jinja2, git) are imported inside the commands so that
``samennw --help`` stays instant. No ``from __future__ import annotations`` here: Typer
reads every command's signature at each start, and string annotations would have to be
evaluated first (half the cost of building the commands). The parser's help screens
and usage errors are made Dutch in :mod:`samennw.cli.dutch`.
"""

import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samennw.cli.dutch import LIBRARY_EXITS, DutchCommand, DutchGroup
from samennw.errors import ExitCode, SamennwError

if TYPE_CHECKING:
    from samennw.ops.perform import Outcome


def report_error(exc: SamennwError) -> None:
    from samennw.console import err

    err(f"fout: {exc}")
    problems = getattr(exc, "problems", None) or []
    for p in problems[:20]:
        err(f"  {p}")
    if len(problems) > 20:
        err(f"  … en nog {len(problems) - 20}")


class SamennwCommand(DutchCommand):
    """A command: Dutch help; first repairs what a killed writer left in its data."""

    def invoke(self, ctx: Any) -> Any:
        if "data" not in ctx.params:
            return super().invoke(ctx)
        from samennw.console import err
        from samennw.storage.recovery import repair_interrupted

        # the library's raw value: Typer converts it to a Path only when it calls the
        # command (before 0.29 it is still a str here)
        data = ctx.params["data"]
        notices = repair_interrupted(None if data is None else Path(data))  # a killed writer
        try:
            return super().invoke(ctx)
        finally:  # after the command's own first line (a writer's: its commit message)
            for notice in notices:
                err(notice)


class SamennwGroup(DutchGroup):
    """The one exception handler: errors become Dutch messages and exit codes (usage
    errors: see :class:`~samennw.cli.dutch.DutchGroup`)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SamennwError as exc:
            report_error(exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except LIBRARY_EXITS:
            raise
        except Exception as exc:  # a bug: never print locals (they hold meeting data)
            if os.environ.get("SAMENNW_DEBUG"):  # developers: the traceback, still no locals
                import traceback

                traceback.print_exc()
            sys.stderr.write(
                f"interne fout ({type(exc).__name__}); meld dit aan de beheerders van "
                "samennw. Gegevensbestanden worden altijd in zijn geheel of niet geschreven.\n"
            )
            raise typer.Exit(int(ExitCode.CRASH)) from None


app = typer.Typer(
    cls=SamennwGroup,
    name="samennw",
    help="Het secretariaat van Samen Nieuw-West als code: vergaderingen, besluiten en acties.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Map met de gegevens (met een submap data/). Standaard: de huidige map, "
        "of de meegeleverde gegevens.",
        envvar="SAMENNW_DATA",
        show_default=False,
    ),
]


@app.command(
    "validate",
    cls=SamennwCommand,
    help="Controleer alle gegevensbestanden (schema en verwijzingen).",
)
def validate_cmd(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Alleen meldingen over deze bestanden tonen (pre-commit).", show_default=False
        ),
    ] = None,
    data: DataOption = None,
    fmt: Annotated[str, typer.Option("--format", help="Uitvoer: text, github of json.")] = "text",
) -> None:
    from samennw.console import err, out
    from samennw.ops import validate as v
    from samennw.storage.locking import read_consistently
    from samennw.storage.paths import find_root
    from samennw.storage.repository import lazy_repository

    if fmt not in ("text", "github", "json"):
        raise typer.BadParameter(
            f"onbekend formaat '{fmt}'; kies text, github of json", param_hint="--format"
        )
    import gc

    gc_was_enabled = gc.isenabled()
    gc.disable()  # listing and checking make many objects, no cycles: the GC only costs
    try:
        root = find_root(data)

        def check() -> tuple[Any, Any]:
            repo = lazy_repository(root)  # files are read when checked
            return repo, v.validate(repo)

        repo, report = read_consistently(root, check)  # a writer's move is never half seen
    finally:
        if gc_was_enabled:
            gc.enable()
    if files:
        report = v.focus(report, files, repo.root)
    if fmt == "json":
        import json

        out(json.dumps(v.as_json(report), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            out(v.format_github(problem) if fmt == "github" else str(problem))
        err(v.summary(report))
    raise typer.Exit(ExitCode.INVALID if report.errors else ExitCode.OK)


@app.command(
    "schema",
    cls=SamennwCommand,
    help="Schrijf JSON Schema's van de bestandssoorten (voor editors).",
)
def schema_cmd(
    out_dir: Annotated[Path, typer.Option("--out", help="Map waarin de schema's komen.")] = Path(
        "schema"
    ),
) -> None:
    from samennw.console import err
    from samennw.model.schema import write_schemas

    for path in write_schemas(out_dir):
        err(f"geschreven: {path}")


OpDate = Annotated[
    str | None,
    typer.Option(
        "--op", help="Evalueer 'vandaag' als deze datum (bijv. 2025-11-25).", show_default=False
    ),
]
CommitOption = Annotated[
    bool, typer.Option("--commit", help="Leg de gewijzigde bestanden vast in git (alleen die).")
]


@app.command(
    "open-actions", cls=SamennwCommand, help="Toon open acties, bijvoorbeeld van één persoon."
)
def open_actions_cmd(
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            "--eigenaar",
            help="Naam, voornaam, alias of rol (bijv. Tjalling).",
            show_default=False,
        ),
    ] = None,
    personal: Annotated[
        bool, typer.Option("--persoonlijk", help="Alleen acties waarin de persoon zelf genoemd is.")
    ] = False,
    team: Annotated[
        str | None, typer.Option("--team", help="Alleen dit team.", show_default=False)
    ] = None,
    werkgroep: Annotated[
        str | None, typer.Option("--werkgroep", help="Alleen deze werkgroep.", show_default=False)
    ] = None,
    actielijn: Annotated[
        str | None, typer.Option("--actielijn", help="Alleen deze actielijn.", show_default=False)
    ] = None,
    domein: Annotated[
        str | None,
        typer.Option("--domein", help="Alleen dit domein (bijv. kvdj).", show_default=False),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--achterstallig", help="Alleen acties waarvan de termijn verlopen is.")
    ] = False,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="Alleen acties met deze status: open, in-uitvoering of geblokkeerd.",
            show_default=False,
        ),
    ] = None,
    op: OpDate = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json, csv of markdown.")] = "table",
    data: DataOption = None,
) -> None:
    from samennw.clock import date_arg
    from samennw.console import err, out, table
    from samennw.ops.query import ActionQuery, find_actions
    from samennw.render import listing
    from samennw.storage.index import load_query_catalog

    fmt = fmt.lower()
    if fmt not in ("table", "json", "csv", "markdown"):
        raise typer.BadParameter(f"onbekend formaat '{fmt}'", param_hint="--format")
    today = date_arg(op)
    catalog = load_query_catalog(data)
    catalog.raise_if_invalid()
    query = ActionQuery(
        owner=owner,
        personal_only=personal,
        team=team,
        werkgroep=werkgroep,
        actielijn=actielijn,
        domein=domein,
        overdue_only=overdue,
        status=status,
    )
    rows = find_actions(catalog, query, today)
    directory = catalog.directory
    if fmt == "json":
        out(listing.as_json(rows, directory, today))
    elif fmt == "csv":
        out(listing.as_csv(rows, directory))
    elif fmt == "markdown":
        out(listing.as_markdown(rows, directory))
    elif rows:
        table(
            listing.COLUMNS,
            listing.table_rows(rows, directory),
            highlight_rows={i for i, r in enumerate(rows) if r.overdue},
        )
        err(listing.summary(rows, today))
    else:
        err(listing.none_found(today))


def _report(outcome: "Outcome") -> None:
    from samennw.console import err

    err(outcome.message)
    for path in outcome.touched:
        err(f"  {path}")
    if outcome.commit:
        err(f"vastgelegd in git: {outcome.commit}")
    for notice in outcome.notices:
        err(notice)


ActionIdArgument = Annotated[str, typer.Argument(metavar="ID", help="Code van de actie.")]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--datum",
        help="Datum (standaard die van --vergadering, anders vandaag).",
        show_default=False,
    ),
]
NoteOption = Annotated[
    str | None,
    typer.Option("--toelichting", help="Tekst voor de updates van de actie.", show_default=False),
]
MeetingOption = Annotated[
    str | None,
    typer.Option(
        "--vergadering", help="Vergadering (code) waarin dit gebeurde.", show_default=False
    ),
]


def _status_change(
    operation: str,
    action_id: str,
    datum: str | None,
    note: str | None,
    meeting: str | None,
    commit: bool,
    data: Path | None,
    **extra: str,
) -> None:
    from samennw.clock import date_arg
    from samennw.ops import actions
    from samennw.ops.perform import perform

    plan = partial(
        getattr(actions, operation),
        action_id=action_id,
        on=date_arg(datum) if datum is not None else None,  # None: the meeting's date
        note=note,
        meeting_id=meeting,
        **extra,
    )
    _report(perform(data, plan, commit=commit))


@app.command(
    "close", cls=SamennwCommand, help="Rond een actie af en verplaats haar naar 'afgerond'."
)
@app.command("afronden", cls=SamennwCommand, help="Rond een actie af (zelfde als 'close').")
def close_cmd(
    action_id: ActionIdArgument,
    datum: DateOption = None,
    toelichting: NoteOption = None,
    vergadering: MeetingOption = None,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    _status_change("close_action", action_id, datum, toelichting, vergadering, commit, data)


@app.command(
    "heropen",
    cls=SamennwCommand,
    help="Zet een actie terug op open: afgerond, geannuleerd, geblokkeerd of in uitvoering.",
)
@app.command("reopen", cls=SamennwCommand, help="Heropen een actie (zelfde als 'heropen').")
def reopen_cmd(
    action_id: ActionIdArgument,
    datum: DateOption = None,
    toelichting: NoteOption = None,
    vergadering: MeetingOption = None,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    _status_change("reopen_action", action_id, datum, toelichting, vergadering, commit, data)


@app.command("update", cls=SamennwCommand, help="Voeg een gedateerde update toe aan een actie.")
def update_cmd(
    action_id: ActionIdArgument,
    tekst: Annotated[str, typer.Option("--tekst", help="De update.")],
    datum: DateOption = None,
    vergadering: MeetingOption = None,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    from samennw.clock import date_arg
    from samennw.ops.actions import add_update
    from samennw.ops.perform import perform

    on = date_arg(datum) if datum is not None else None  # None: the meeting's date
    plan = partial(add_update, action_id=action_id, on=on, note=tekst, meeting_id=vergadering)
    _report(perform(data, plan, commit=commit))


@app.command(
    "add-action", cls=SamennwCommand, help="Maak een nieuwe actie met de volgende vrije code."
)
@app.command(
    "nieuwe-actie", cls=SamennwCommand, help="Maak een nieuwe actie (zelfde als 'add-action')."
)
def add_action_cmd(
    team: Annotated[str, typer.Argument(help="Team op wiens actielijst de actie komt.")],
    wat: Annotated[str, typer.Option("--wat", help="Wat: de actie.")],
    wie: Annotated[str, typer.Option("--wie", help="Wie, zoals op de lijst.")] = "",
    wanneer: Annotated[str, typer.Option("--wanneer", help="Wanneer, bijv. 'Okt/nov'.")] = "",
    werkgroep: Annotated[
        str | None, typer.Option("--werkgroep", help="Werkgroep.", show_default=False)
    ] = None,
    actielijn: Annotated[
        str | None, typer.Option("--actielijn", help="Actielijn.", show_default=False)
    ] = None,
    vergadering: Annotated[
        str | None, typer.Option("--vergadering", help="Vergadering.", show_default=False)
    ] = None,
    betrokkenen: Annotated[
        str | None,
        typer.Option(
            "--betrokkenen",
            help="Codes, komma-gescheiden (standaard: uit --wie).",
            show_default=False,
        ),
    ] = None,
    herkomst: Annotated[
        str | None, typer.Option("--herkomst", help="Voorvoegsel, bijv. 25/11.", show_default=False)
    ] = None,
    toelichting: Annotated[str, typer.Option("--toelichting", help="Toelichting.")] = "",
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    from samennw.ops.actions import NewAction, add_action
    from samennw.ops.perform import perform

    new = NewAction(
        team=team,
        wat=wat,
        wie=wie,
        wanneer=wanneer,
        werkgroep=werkgroep,
        actielijn=actielijn,
        vergadering=vergadering,
        herkomst=herkomst,
        toelichting=toelichting,
        betrokkenen=tuple(b.strip() for b in betrokkenen.split(",") if b.strip())
        if betrokkenen is not None
        else None,
    )

    _report(perform(data, partial(add_action, new=new), commit=commit))


@app.command(
    "new-meeting", cls=SamennwCommand, help="Maak een nieuwe vergadering met de vaste agenda."
)
@app.command(
    "nieuwe-vergadering",
    cls=SamennwCommand,
    help="Maak een nieuwe vergadering (zelfde als 'new-meeting').",
)
def new_meeting_cmd(
    team: Annotated[str, typer.Argument(help="Team, bijv. ot-kvdj of 'OT KvdJ'.")],
    datum: Annotated[str, typer.Option("--datum", help="Datum van de vergadering.")],
    tijd: Annotated[
        str | None, typer.Option("--tijd", help="Tijd, bijv. 16:30-18:00.", show_default=False)
    ] = None,
    locatie: Annotated[
        str | None, typer.Option("--locatie", help="Locatie.", show_default=False)
    ] = None,
    punt: Annotated[
        list[str] | None,
        typer.Option("--punt", help="Extra agendapunt (herhaalbaar).", show_default=False),
    ] = None,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    from samennw.clock import date_arg
    from samennw.ops.meetings import new_meeting
    from samennw.ops.perform import perform

    on = date_arg(datum)

    plan = partial(new_meeting, team_name=team, on=on, times=tijd, location=locatie, items=punt)
    _report(perform(data, plan, commit=commit))


@app.command(
    "hernummer",
    cls=SamennwCommand,
    help="Hernummer dubbele actiecodes na een samenvoeging. Een actie van de andere tak "
    "die dezelfde code kreeg, krijgt de volgende vrije code, ook in de notulen.",
)
@app.command(
    "renumber", cls=SamennwCommand, help="Hernummer dubbele actiecodes (zelfde als 'hernummer')."
)
def renumber_cmd(commit: CommitOption = False, data: DataOption = None) -> None:
    from samennw.ops.renumber import renumber

    _report(renumber(data, commit=commit))


@app.command("meetings", cls=SamennwCommand, help="Toon de vergaderingen.")
@app.command(
    "vergaderingen", cls=SamennwCommand, help="Toon de vergaderingen (zelfde als 'meetings')."
)
def meetings_cmd(
    team: Annotated[
        str | None, typer.Option("--team", help="Alleen dit team.", show_default=False)
    ] = None,
    data: DataOption = None,
) -> None:
    from samennw.console import table
    from samennw.ops.meetings import MEETING_COLUMNS, meeting_overview

    table(MEETING_COLUMNS, meeting_overview(data, team))


@app.command(
    "log", cls=SamennwCommand, help="Toon de git-geschiedenis van een actie of vergadering."
)
def log_cmd(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="Code van actie of vergadering.")],
    data: DataOption = None,
) -> None:
    from samennw.console import table
    from samennw.ops.history import item_log

    entries = item_log(data, item_id)
    table(
        ["Commit", "Datum", "Auteur", "Bericht", "Bestand"],
        [[e.commit, e.date, e.author, e.message, e.path] for e in entries],
    )


from samennw.cli import actionlist as cli_actionlist  # noqa: E402,F401  (registers import-actions)
from samennw.cli import cycle as cli_cycle  # noqa: E402,F401  (registers approve)
from samennw.cli import diff as cli_diff  # noqa: E402,F401  (registers diff)
from samennw.cli import digest as cli_digest  # noqa: E402,F401  (registers digest)
from samennw.cli import importing as cli_importing  # noqa: E402,F401  (registers import commands)
from samennw.cli import render as cli_render  # noqa: E402,F401  (registers the render commands)
from samennw.cli import show as cli_show  # noqa: E402,F401  (registers show)
from samennw.cli import site as cli_site  # noqa: E402,F401  (registers site)
from samennw.cli import status as cli_status  # noqa: E402,F401  (registers the status commands)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    try:
        return app(args=argv)
    except SamennwError as exc:  # raised outside a command (e.g. in a callback)
        report_error(exc)
        sys.exit(int(exc.exit_code))
