"""The personal digest: one person's active actions, urgent ones first, per team.

``samennw digest --owner X`` renders it (md, html, docx) with the templates
``digest.<fmt>.j2``; ``samennw digest --all --eml DIR`` and ``--smtp`` make one e-mail
per person with an ``email`` in ``partners.yaml`` and active actions (see
:mod:`samennw.ops.mail`). Whose actions they are is decided by the member's query
(:func:`samennw.ops.query.find_actions`), exactly as ``open-actions --owner`` does:
personal actions, those of the person's teams and of their organisation on those teams.

Order: the overdue actions first, then those due within ``binnen`` days (and "z.s.m."),
then the rest; grouped by team, the team with the most urgent action first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samennw.errors import NotFoundError, SamennwError
from samennw.model.dates import DueKind, format_date, format_date_long
from samennw.ops.query import ActionQuery, ActionRow, find_actions

if TYPE_CHECKING:
    from email.headerregistry import Address
    from email.message import EmailMessage

    from samennw.model.facts import Catalog
    from samennw.model.records import Person

PROGRAMME = "Samen Nieuw-West"
TITLE = f"Uw acties voor {PROGRAMME}"
DEFAULT_WITHIN = 14
FORMATS = ("md", "html", "docx")
OVERDUE, SOON, LATER = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Digest:
    """One person's digest: the ordered actions and the template context."""

    person_id: str
    name: str
    email: str | None
    today: date
    count: int
    overdue: int
    soon: int
    action_ids: tuple[str, ...]
    context: dict[str, Any] = field(repr=False)

    @property
    def subject(self) -> str:
        return f"{TITLE} – {format_date(self.today)}"


# --- building --------------------------------------------------------------------------


def person_digest(
    catalog: Catalog,
    owner: str,
    today: date,
    within: int = DEFAULT_WITHIN,
    *,
    personal_only: bool = False,
) -> Digest:
    """The digest of the person ``owner`` names (as ``open-actions --owner`` resolves it)."""
    if within < 0:
        raise SamennwError(f"--binnen {within}: geef een aantal dagen van 0 of meer")
    directory = catalog.directory
    owner_id = directory.resolve_owner(owner)  # the one find_actions resolves
    person = directory.persons.get(owner_id)
    if person is None:  # open-actions --owner also takes a team or an organisation
        raise NotFoundError(
            f"'{owner}' is {directory.label(owner_id)} ({owner_id}), geen persoon; het "
            f"overzicht is persoonlijk (de acties van een team of organisatie: samennw "
            f"open-actions --owner '{owner}')"
        )
    rows = find_actions(catalog, ActionQuery(owner=owner, personal_only=personal_only), today)
    return _digest(catalog, person, rows, today, within)


def urgency(row: ActionRow, today: date, within: int) -> int:
    """OVERDUE, SOON (due within ``within`` days, or "z.s.m.") or LATER."""
    if row.overdue:
        return OVERDUE
    if row.due.kind is DueKind.ASAP:
        return SOON
    end = row.due.end
    if end is not None and end <= today + timedelta(days=within):
        return SOON
    return LATER


def _digest(
    catalog: Catalog, person: Person, rows: Sequence[ActionRow], today: date, within: int
) -> Digest:
    from samennw.render.redact import prepare

    directory = catalog.directory
    ranked = [(urgency(r, today, within), r) for r in rows]  # rows: by due date already
    by_team: dict[str, list[tuple[int, ActionRow]]] = {}
    for rank, row in ranked:
        by_team.setdefault(row.action.team, []).append((rank, row))
    for items in by_team.values():
        items.sort(key=lambda item: item[0])  # stable: by due date within a rank

    def team_key(team: str) -> tuple[int, date, str]:
        rank, row = by_team[team][0]
        return rank, row.due.end or date.max, directory.label(team)

    teams: list[dict[str, Any]] = []
    for team in sorted(by_team, key=team_key):
        entries = [_item(catalog, row, rank, within) for rank, row in by_team[team]]
        teams.append({"id": team, "naam": directory.label(team), "acties": entries})
    count = len(ranked)
    overdue = sum(1 for rank, _ in ranked if rank == OVERDUE)
    soon = sum(1 for rank, _ in ranked if rank == SOON)
    name = person.label
    context: dict[str, Any] = {
        "titel": TITLE,
        "programma": PROGRAMME,
        "naam": name,
        "aanhef": f"Goedemorgen {name},",
        "intro": intro(count, overdue, soon, within),
        "datum": format_date(today),
        "datum_lang": format_date_long(today),
        "datum_iso": today.isoformat(),
        "binnen": within,
        "aantal": count,
        "verlopen": overdue,
        "binnenkort": soon,
        "teams": teams,
        "slot": "Klopt er iets niet, of is een actie al gedaan? Laat het het secretariaat "
        "weten; dan wordt de actielijst bijgewerkt.",
    }
    ordered = tuple(a["id"] for t in teams for a in t["acties"])
    return Digest(
        person_id=person.id,
        name=name,
        email=getattr(person, "email", None),
        today=today,
        count=count,
        overdue=overdue,
        soon=soon,
        action_ids=ordered,
        # cleaned as every document is (no control characters, confidential spans as
        # their text); the digest is internal: nothing is redacted
        context=prepare(context, catalog.partners, public=False),
    )


def intro(count: int, overdue: int, soon: int, within: int) -> str:
    """``U heeft 5 open acties, waarvan 2 verlopen en 1 met een termijn binnen 14 dagen.``"""
    if count == 0:
        return "U heeft op dit moment geen open acties."
    noun = "actie" if count == 1 else "acties"
    days = "1 dag" if within == 1 else f"{within} dagen"
    parts = []
    if overdue:
        parts.append(f"{overdue} verlopen")
    if soon:
        parts.append(f"{soon} met een termijn binnen {days}")
    if not parts:
        return f"U heeft {count} open {noun}; geen daarvan is verlopen."
    return f"U heeft {count} open {noun}, waarvan {' en '.join(parts)}."


_URGENCY_TEXT = {OVERDUE: "verlopen", SOON: "binnenkort", LATER: ""}


def _item(catalog: Catalog, row: ActionRow, rank: int, within: int) -> dict[str, Any]:
    from samennw.render.listing import confidential_mark, status_text

    a = row.action
    directory = catalog.directory
    wie = a.wie or ", ".join(directory.label(r) for r in a.betrokkenen)
    termijn = row.due.describe() if row.due.end is not None or a.wanneer else ""
    origin: dict[str, Any] | None = None
    if a.vergadering:
        day = catalog.meeting_dates.get(a.vergadering)
        team = a.vergadering[:-11] if day is not None else ""
        where = directory.label(team) if team and team != a.team else ""
        when = format_date(day) if day is not None else ""
        text = ", ".join(p for p in (where, when) if p) or a.vergadering
        origin = {"id": a.vergadering, "datum": when, "tekst": f"{text} ({a.vergadering})"}
    urgent = _URGENCY_TEXT[rank]
    if rank == SOON:
        urgent = "z.s.m." if row.due.kind is DueKind.ASAP else f"binnen {within} dagen"
    return {
        "id": a.id,
        "wat": (f"{a.herkomst} {a.wat}" if a.herkomst else a.wat) + confidential_mark(a),
        "wie": wie,
        "via": directory.label(row.via_team) if row.via_team else "",
        "wanneer": a.wanneer or "geen termijn",
        # the interpreted due moment, when it says more than the text as written
        "termijn": termijn if termijn and termijn != a.wanneer else "",
        "status": a.status,
        "status_tekst": status_text(row),  # as open-actions: "geblokkeerd: <reden>"
        "urgentie": _URGENCY_TEXT[rank],
        "urgentie_tekst": urgent,
        "verlopen": rank == OVERDUE,
        "vergadering": origin,
    }


# --- rendering -------------------------------------------------------------------------


def render_digest(digest: Digest, fmt: str, root: Path | None, stamp: datetime) -> bytes:
    """The digest as Markdown or HTML (UTF-8) or a Word document, with the templates
    ``digest.<fmt>.j2`` (a data repository may override them, as every template)."""
    from samennw.render.templating import RenderError, find_template_file, render_template

    if fmt not in FORMATS:
        raise RenderError(f"onbekend formaat '{fmt}'; kies md, html of docx")
    text = render_template(f"digest.{fmt}.j2", digest.context, root)
    if fmt == "docx":
        from samennw.render.docx import render_docx

        base = find_template_file("basis.docx", root)
        return render_docx(text, base, stamp, "digest.docx.j2")
    return text.encode("utf-8")


def digest_document(
    data: Path | None,
    owner: str,
    today: date,
    *,
    within: int = DEFAULT_WITHIN,
    personal_only: bool = False,
    fmt: str | None = None,
    output: Path | None = None,
    stamp: datetime | None = None,
) -> bytes | None:
    """What ``samennw digest --owner X`` does: the document's bytes, or None when it was
    written to ``output`` (whose suffix picks the format when ``fmt`` is None)."""
    from samennw.render.document import check_output_path, output_format, write_output
    from samennw.render.templating import RenderError
    from samennw.storage.index import load_query_catalog

    fmt = output_format("digest", fmt, output)
    if output is not None:
        check_output_path(output)
    elif fmt == "docx":
        raise RenderError("een Word-bestand kan niet naar het scherm; geef -o BESTAND.docx op")
    catalog = load_query_catalog(data)
    catalog.raise_if_invalid()
    digest = person_digest(catalog, owner, today, within, personal_only=personal_only)
    result = render_digest(digest, fmt, catalog.root, stamp or datetime(2000, 1, 1, tzinfo=UTC))
    if output is None:
        return result
    write_output(output, result)
    return None


# --- mail ------------------------------------------------------------------------------


@dataclass
class MailReport:
    """What ``digest --all``/``--eml``/``--smtp`` did, for the summary (no addresses)."""

    recipients: list[Digest] = field(default_factory=list)  # with address and actions
    without_actions: list[str] = field(default_factory=list)  # labels: skipped
    without_email: list[str] = field(default_factory=list)  # labels: skipped
    written: list[Path] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    smtp: bool = False
    eml: bool = False  # --eml was given

    def lines(self) -> list[str]:
        """The Dutch summary (never an e-mail address: the log of a CI run is read
        by more people than the data)."""
        out = []
        for d in self.recipients:
            state = ""
            if self.smtp:
                state = " — verstuurd" if d.person_id in self.sent else " — GEWEIGERD"
            out.append(
                f"  {d.person_id} ({d.name}): {d.count} {'actie' if d.count == 1 else 'acties'}"
                f", {d.overdue} verlopen{state}"
            )
        n = len(self.recipients)
        head = f"{n} {'bericht' if n == 1 else 'berichten'}"
        if self.written:
            head += f" geschreven in {self.written[0].parent}"
        if self.smtp:
            head += f"; {len(self.sent)} verstuurd"
        elif self.eml and not n:
            head += " (niets te schrijven)"
        elif not self.written:
            head += " (overzicht; niets geschreven, niets verstuurd: gebruik --eml MAP of --smtp)"
        out.insert(0, head + ":" if n else head)
        if self.without_actions:
            out.append("overgeslagen, geen open acties: " + ", ".join(sorted(self.without_actions)))
        if self.without_email:  # often most of partners.yaml: counted, not listed
            n = len(self.without_email)
            out.append(
                f"overgeslagen, geen e-mailadres in partners.yaml: {n} "
                f"{'persoon' if n == 1 else 'personen'}"
            )
        if self.refused:
            out.append("geweigerd door de mailserver: " + ", ".join(self.refused))
        return out


def mail_digests(
    data: Path | None,
    today: date,
    *,
    owner: str | None = None,
    within: int = DEFAULT_WITHIN,
    personal_only: bool = False,
    eml_dir: Path | None = None,
    smtp: bool = False,
    sent_at: datetime | None = None,
    environ: Mapping[str, str] | None = None,
) -> MailReport:
    """What ``samennw digest --all`` (or ``--owner X``) with ``--eml``/``--smtp`` does.

    The recipients: every person with an ``email`` and at least one active action (or
    the one ``owner`` names). Without ``eml_dir`` and ``smtp`` only the report is made.
    Everything that can be refused (sender, server settings, existing files) is
    refused before anything is written or sent.
    """
    from samennw.ops import mail
    from samennw.storage.index import load_query_catalog

    if within < 0:
        raise SamennwError(f"--binnen {within}: geef een aantal dagen van 0 of meer")
    producing = eml_dir is not None or smtp
    sender = mail.sender_from_env(environ) if producing else None
    config = mail.SmtpConfig.from_env(environ) if smtp else None
    catalog = load_query_catalog(data)
    catalog.raise_if_invalid()
    report = MailReport(smtp=smtp)
    if owner is not None:  # one person: every refusal is an error
        digest = person_digest(catalog, owner, today, within, personal_only=personal_only)
        if not digest.email:
            raise SamennwError(
                f"{digest.person_id} ({digest.name}) heeft geen 'email' in partners.yaml; "
                "niets geschreven, niets verstuurd"
            )
        digests = [digest]
    else:
        digests = []
        for person in catalog.partners.personen:
            if not getattr(person, "email", None):
                report.without_email.append(person.id)
                continue
            # a person's id always means that person (Directory.find_persons)
            digests.append(
                person_digest(catalog, person.id, today, within, personal_only=personal_only)
            )
    for digest in digests:
        if digest.count:
            report.recipients.append(digest)
        else:
            report.without_actions.append(digest.person_id)
    if not producing:
        return report
    assert sender is not None
    stamp = sent_at or datetime.now(UTC)
    messages = [(d.person_id, _message(d, catalog.root, sender, stamp)) for d in report.recipients]
    if eml_dir is not None:
        report.eml = True
        if messages:  # nothing to write: no folder made either
            report.written = mail.write_messages(eml_dir, messages)
    if config is not None and messages:
        report.sent, report.refused = mail.send_messages(config, messages)
    return report


def _message(digest: Digest, root: Path, sender: Address, stamp: datetime) -> EmailMessage:
    from samennw.ops import mail

    return mail.build_message(
        sender=sender,
        recipient=mail.recipient(digest.name, digest.email or ""),
        subject=digest.subject,
        text=render_digest(digest, "md", root, stamp).decode("utf-8"),
        html=render_digest(digest, "html", root, stamp).decode("utf-8"),
        sent_at=stamp,
        key=digest.person_id,
    )
