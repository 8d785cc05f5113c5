"""The personal digest: whose actions, in which order, in md, html and docx."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from samennw.errors import NotFoundError
from samennw.model.facts import Catalog
from samennw.ops.digest import intro, person_digest
from samennw.storage.index import load_query_catalog
from tests.conftest import build_file_tree, run

TODAY = date(2025, 12, 1)  # --op: overdue before, "soon" up to 15 December
STAMP = datetime(2025, 12, 1, 7, 0, tzinfo=UTC)

DIGEST_PARTNERS = """\
domeinen:
  - id: kvdj
    naam: Kansen voor de jeugd
organisaties:
  - id: gemeente-amsterdam
    naam: Gemeente Amsterdam
    afkortingen: [Gemeente]
personen:
  - id: tjalling
    naam: Tjalling Halbertsma
    organisatie: gemeente-amsterdam
    email: tjalling@example.org
  - id: emre-unver
    naam: Emre Ünver
    aliassen: [Emre]
    openbaar: true
    email: emre.unver@example.org
  - id: sofie
    naam: Sofie de Wit
    email: sofie@example.org
  - id: femke-halsema
    naam: Femke Halsema
    rollen: [Burgemeester]
    openbaar: true
teams:
  - id: ot-kvdj
    naam: Opgaveteam Kansen voor de Jeugd
    soort: opgaveteam
    domein: kvdj
    aliassen: [OT KvdJ]
    leden: [tjalling, emre-unver]
    actie_prefix: KVDJ
  - id: ab
    naam: Alliantiebestuur
    soort: alliantiebestuur
    leden: [emre-unver, femke-halsema]
    actie_prefix: AB
"""


def _meeting(meeting_id: str, team: str, day: str) -> str:
    return (
        f"---\nid: {meeting_id}\nteam: {team}\ndatum: {day}\naanwezig: []\n"
        "notulen_status: concept\n---\n## 1. Opening\n"
    )


def _action(
    action_id: str,
    wat: str,
    wie: str,
    betrokkenen: str,
    wanneer: str,
    team: str = "ot-kvdj",
    *,
    status: str = "open",
    extra: str = "",
) -> str:
    return (
        f"---\nid: {action_id}\nwat: {wat}\nwie: {wie}\nbetrokkenen: [{betrokkenen}]\n"
        f"wanneer: {wanneer}\nstatus: {status}\nteam: {team}\n{extra}---\n"
    )


def digest_repo_files() -> dict[str, str | bytes]:
    return {
        "data/partners.yaml": DIGEST_PARTNERS,
        "data/meetings/2025/ot-kvdj-2025-11-25.md": _meeting(
            "ot-kvdj-2025-11-25", "ot-kvdj", "2025-11-25"
        ),
        "data/meetings/2025/ab-2025-10-01.md": _meeting("ab-2025-10-01", "ab", "2025-10-01"),
        # tjalling: overdue, two soon (2 and 10 December, one in progress), one later
        "data/acties/open/KVDJ-001.md": _action(
            "KVDJ-001",
            "Presentatie actielijnen",
            "Tjalling",
            "tjalling",
            "November 2025",
            extra="vergadering: ot-kvdj-2025-11-25\n",
        ),
        "data/acties/open/KVDJ-002.md": _action(
            "KVDJ-002",
            "Flyer <versturen> & delen",
            "Tjalling",
            "tjalling",
            "10 december 2025",
            status="in uitvoering",
        ),
        "data/acties/open/KVDJ-003.md": _action(
            "KVDJ-003", "Evaluatie plannen", "Tjalling", "tjalling", "Maart 2026"
        ),
        "data/acties/open/KVDJ-005.md": _action(
            "KVDJ-005", "Uitnodiging sturen", "Tjalling", "tjalling", "2 december 2025"
        ),
        # emre: soon on the OT's list, overdue and blocked on the AB's
        "data/acties/open/KVDJ-004.md": _action(
            "KVDJ-004", "Zaal regelen", "Emre", "emre-unver", "1 december 2025"
        ),
        "data/acties/open/AB-001.md": _action(
            "AB-001",
            "Brief aan de minister",
            "Emre Ünver",
            "emre-unver",
            "Oktober 2025",
            team="ab",
            status="geblokkeerd",
            extra="reden: wacht op het ministerie\nvergadering: ab-2025-10-01\n",
        ),
        # the mayor's: on the AB's list, no e-mail address
        "data/acties/open/AB-002.md": _action(
            "AB-002", "Opening verrichten", "Burgemeester", "femke-halsema", "Januari 2026", "ab"
        ),
    }


def catalog_of(root: Path) -> Catalog:
    catalog = load_query_catalog(root)
    catalog.raise_if_invalid()
    return catalog


@pytest.fixture
def digest_repo(tmp_path: Path) -> Path:
    return build_file_tree(tmp_path / "repo", digest_repo_files())


def test_order_overdue_then_soon_then_the_rest(digest_repo: Path) -> None:
    catalog = catalog_of(digest_repo)
    digest = person_digest(catalog, "Tjalling", TODAY)
    assert digest.person_id == "tjalling"
    assert digest.action_ids == ("KVDJ-001", "KVDJ-005", "KVDJ-002", "KVDJ-003")
    assert (digest.count, digest.overdue, digest.soon) == (4, 1, 2)
    items = digest.context["teams"][0]["acties"]
    assert [i["urgentie"] for i in items] == ["verlopen", "binnenkort", "binnenkort", ""]
    assert [i["status_tekst"] for i in items] == ["", "", "in uitvoering", ""]


def test_within_moves_the_line_between_soon_and_the_rest(digest_repo: Path) -> None:
    catalog = catalog_of(digest_repo)
    digest = person_digest(catalog, "tjalling", TODAY, within=3)  # up to 4 December
    assert digest.action_ids == ("KVDJ-001", "KVDJ-005", "KVDJ-002", "KVDJ-003")
    assert (digest.overdue, digest.soon) == (1, 1)
    assert digest.context["intro"] == (
        "U heeft 4 open acties, waarvan 1 verlopen en 1 met een termijn binnen 3 dagen."
    )


def test_teams_with_the_most_urgent_action_first(digest_repo: Path) -> None:
    catalog = catalog_of(digest_repo)
    digest = person_digest(catalog, "Emre", TODAY)
    teams = [(t["naam"], [a["id"] for a in t["acties"]]) for t in digest.context["teams"]]
    assert teams == [
        ("Alliantiebestuur", ["AB-001"]),
        ("Opgaveteam Kansen voor de Jeugd", ["KVDJ-004"]),
    ]
    blocked = digest.context["teams"][0]["acties"][0]
    assert blocked["status_tekst"] == "geblokkeerd: wacht op het ministerie"
    assert blocked["vergadering"]["tekst"] == "1 oktober 2025 (ab-2025-10-01)"


def test_owner_is_resolved_as_open_actions_does(digest_repo: Path) -> None:
    catalog = catalog_of(digest_repo)
    with pytest.raises(NotFoundError, match="onbekende persoon 'Tjaling'; bedoelde u"):
        person_digest(catalog, "Tjaling", TODAY)
    # the organisation's actions on the person's own team count, as in open-actions
    assert person_digest(catalog, "Halbertsma", TODAY).person_id == "tjalling"


@pytest.mark.parametrize(
    ("counts", "text"),
    [
        ((0, 0, 0, 14), "U heeft op dit moment geen open acties."),
        ((1, 0, 0, 14), "U heeft 1 open actie; geen daarvan is verlopen."),
        ((3, 2, 0, 14), "U heeft 3 open acties, waarvan 2 verlopen."),
        ((3, 0, 1, 1), "U heeft 3 open acties, waarvan 1 met een termijn binnen 1 dag."),
    ],
)
def test_intro(counts: tuple[int, int, int, int], text: str) -> None:
    assert intro(*counts) == text


def test_cli_markdown_to_stdout(runner: CliRunner, digest_repo: Path) -> None:
    code, out, err = run(
        runner, "digest", "--owner", "Tjalling", "--op", "2025-12-01", "--data", str(digest_repo)
    )
    assert code == 0, err
    assert out.startswith("# Uw acties voor Samen Nieuw-West\n\nGoedemorgen Tjalling Halbertsma,\n")
    assert "U heeft 4 open acties, waarvan 1 verlopen en 2 met een termijn binnen 14 dagen." in out
    assert "*Stand van maandag 1 december 2025.*" in out
    assert "## Opgaveteam Kansen voor de Jeugd" in out
    assert (
        out.index("KVDJ-001")
        < out.index("KVDJ-005")
        < out.index("KVDJ-002")
        < out.index("KVDJ-003")
    )
    assert (
        "- **KVDJ-001** **[verlopen]** Presentatie actielijnen  \n"
        "  Wie: Tjalling  \n"
        "  Wanneer: November 2025 (uiterlijk 30 november 2025)  \n"
        "  Uit de vergadering van 25 november 2025 (ot-kvdj-2025-11-25)\n"
    ) in out
    assert "  Status: in uitvoering  \n" in out
    assert "**[binnen 14 dagen]** Uitnodiging sturen" in out
    assert "AB-00" not in out and "@" not in out  # not his, and no address in the text


def test_cli_alias_and_binnen(runner: CliRunner, digest_repo: Path) -> None:
    code, out, _ = run(
        runner,
        "overzicht",
        "--eigenaar",
        "Tjalling",
        "--binnen",
        "20",
        "--op",
        "2025-12-01",
        "--data",
        str(digest_repo),
    )
    assert code == 0
    assert "waarvan 1 verlopen en 2 met een termijn binnen 20 dagen" in out


def test_cli_html_is_escaped(runner: CliRunner, digest_repo: Path) -> None:
    code, out, err = run(
        runner,
        "digest",
        "--owner",
        "Tjalling",
        "-f",
        "html",
        "--op",
        "2025-12-01",
        "--data",
        str(digest_repo),
    )
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    assert "Flyer &lt;versturen&gt; &amp; delen" in out
    assert "<versturen>" not in out
    assert "<h2>Opgaveteam Kansen voor de Jeugd</h2>" in out
    assert '<td class="verlopen">November 2025' in out


def test_cli_docx(runner: CliRunner, digest_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.docx"
    code, _, err = run(
        runner,
        "digest",
        "--owner",
        "Emre",
        "-o",
        str(target),
        "--op",
        "2025-12-01",
        "--data",
        str(digest_repo),
    )
    assert code == 0, err
    assert f"geschreven: {target}" in err
    document = docx.Document(io.BytesIO(target.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Alliantiebestuur", "Opgaveteam Kansen voor de Jeugd"]
    texts = [p.text for p in document.paragraphs]
    assert "Goedemorgen Emre Ünver," in texts
    cells = [c.text for c in document.tables[0].rows[1].cells]
    assert cells[0].startswith("AB-001") and "geblokkeerd" in cells[0]
    assert document.core_properties.title == "Uw acties voor Samen Nieuw-West"


def test_cli_docx_needs_a_file_and_nothing_is_written(runner: CliRunner, digest_repo: Path) -> None:
    code, _, err = run(
        runner, "digest", "--owner", "Emre", "-f", "docx", "--data", str(digest_repo)
    )
    assert code == 1
    assert "een Word-bestand kan niet naar het scherm" in err


def test_cli_owner_or_all(runner: CliRunner, digest_repo: Path) -> None:
    code, _, err = run(runner, "digest", "--data", str(digest_repo))
    assert code == 2
    assert "geef --owner NAAM of --all" in err
    code, _, err = run(runner, "digest", "--all", "--owner", "x", "--data", str(digest_repo))
    assert code == 2


def test_no_actions_says_so(runner: CliRunner, digest_repo: Path) -> None:
    code, out, _ = run(
        runner, "digest", "--owner", "Sofie", "--op", "2025-12-01", "--data", str(digest_repo)
    )
    assert code == 0
    assert "U heeft op dit moment geen open acties." in out
    assert "##" not in out


def test_a_team_or_organisation_is_no_person(runner: CliRunner, digest_repo: Path) -> None:
    code, out, err = run(runner, "digest", "--owner", "Gemeente", "--data", str(digest_repo))
    assert code == 1 and out == ""
    assert "'Gemeente' is Gemeente Amsterdam (gemeente-amsterdam), geen persoon" in err
    assert "open-actions --owner 'Gemeente'" in err


def test_an_id_that_is_also_another_persons_name_is_that_person(tmp_path: Path) -> None:
    """'tjalling' is Tjalling's id and an alias of Sofie: the id means Tjalling (as
    Directory.find_persons resolves it), so Tjalling gets his digest, nobody is skipped."""
    from samennw.ops.digest import mail_digests

    files = digest_repo_files()
    partners = str(files["data/partners.yaml"]).replace(
        "    email: sofie@example.org\n",
        "    email: sofie@example.org\n    aliassen: [Tjalling]\n",  # 'tjalling': two persons
    )
    root = build_file_tree(tmp_path / "repo", {**files, "data/partners.yaml": partners})
    report = mail_digests(root, TODAY)
    assert [(d.person_id, d.count, d.overdue) for d in report.recipients] == [
        ("tjalling", 4, 1),
        ("emre-unver", 2, 1),
    ]
    assert report.without_actions == ["sofie"]
    assert report.lines() == [
        "2 berichten (overzicht; niets geschreven, niets verstuurd: gebruik --eml MAP of --smtp):",
        "  tjalling (Tjalling Halbertsma): 4 acties, 1 verlopen",
        "  emre-unver (Emre Ünver): 2 acties, 1 verlopen",
        "overgeslagen, geen open acties: sofie",
        "overgeslagen, geen e-mailadres in partners.yaml: 1 persoon",
    ]
    # the same digests as without the alias
    plain = build_file_tree(tmp_path / "plain", files)
    assert mail_digests(plain, TODAY).recipients == report.recipients


def test_as_soon_as_possible_is_soon_whatever_binnen(tmp_path: Path) -> None:
    files = digest_repo_files()
    files["data/acties/open/KVDJ-006.md"] = _action(
        "KVDJ-006", "Contract tekenen", "Sofie", "sofie", "z.s.m."
    )
    catalog = catalog_of(build_file_tree(tmp_path / "repo", files))
    digest = person_digest(catalog, "sofie", TODAY, within=0)
    assert (digest.count, digest.overdue, digest.soon) == (1, 0, 1)
    item = digest.context["teams"][0]["acties"][0]
    assert (item["urgentie"], item["urgentie_tekst"]) == ("binnenkort", "z.s.m.")
