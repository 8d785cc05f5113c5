"""``samennw digest`` / ``overzicht``: a person's active actions, as a document or by mail.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from pathlib import Path
from typing import Annotated

import typer

from samennw.cli.app import DataOption, OpDate, SamennwCommand, app

_HELP = (
    "Persoonlijk overzicht: de open acties van één persoon, verlopen en spoedige eerst, "
    "per team (md, html of docx); met --all een e-mail per persoon met een e-mailadres "
    "in partners.yaml (--eml MAP schrijft .eml-bestanden, --smtp verstuurt ze)."
)


@app.command("digest", cls=SamennwCommand, help=_HELP)
@app.command("overzicht", cls=SamennwCommand, help="Persoonlijk overzicht (zelfde als 'digest').")
def digest_cmd(
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            "--eigenaar",
            help="Naam, voornaam, alias of rol (zoals bij open-actions --owner).",
            show_default=False,
        ),
    ] = None,
    alle: Annotated[
        bool,
        typer.Option(
            "--all",
            "--alle",
            help="Iedereen met een e-mailadres in partners.yaml en open acties.",
        ),
    ] = False,
    binnen: Annotated[
        int,
        typer.Option("--binnen", help="Acties met een termijn binnen zoveel dagen komen vooraan."),
    ] = 14,
    personal: Annotated[
        bool, typer.Option("--persoonlijk", help="Alleen acties waarin de persoon zelf genoemd is.")
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html of docx (Word). Standaard: volgens de extensie van -o, anders md.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Schrijf naar dit bestand (zonder -o: naar het scherm).",
            show_default=False,
        ),
    ] = None,
    eml: Annotated[
        Path | None,
        typer.Option(
            "--eml",
            help="Schrijf de e-mails als .eml-bestanden in deze map (nooit overschreven).",
            show_default=False,
        ),
    ] = None,
    smtp: Annotated[
        bool,
        typer.Option(
            "--smtp",
            help="Verstuur de e-mails via de mailserver uit SAMENNW_SMTP_HOST, _PORT, "
            "_STARTTLS, _USER en _PASSWORD; afzender SAMENNW_MAIL_FROM.",
        ),
    ] = False,
    op: OpDate = None,
    data: DataOption = None,
) -> None:
    from samennw.clock import creation_stamp, date_arg
    from samennw.console import err, out
    from samennw.errors import ExitCode
    from samennw.ops.digest import digest_document, mail_digests

    if alle == (owner is not None):
        raise typer.BadParameter("geef --owner NAAM of --all (één van beide)", param_hint="--owner")
    today = date_arg(op)
    stamp = creation_stamp(today)
    if alle or eml is not None or smtp:
        if fmt is not None or output is not None:
            raise typer.BadParameter(
                "-f en -o horen bij het overzicht van één persoon, niet bij e-mail "
                "(--all, --eml, --smtp)",
                param_hint="-o",
            )
        report = mail_digests(
            data,
            today,
            owner=owner,
            within=binnen,
            personal_only=personal,
            eml_dir=eml,
            smtp=smtp,
            sent_at=stamp,
        )
        for line in report.lines():
            err(line)
        if report.refused:
            raise typer.Exit(int(ExitCode.INVALID))
        return
    result = digest_document(
        data,
        owner or "",
        today,
        within=binnen,
        personal_only=personal,
        fmt=fmt,
        output=output,
        stamp=stamp,
    )
    if result is None:
        err(f"geschreven: {output}")
    else:
        out(result.decode("utf-8"))
