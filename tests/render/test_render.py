"""`samennw render`: the command as a user runs it, template overrides, every bad input."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samennw.cli.app import app
from tests.conftest import GOLDEN_REPO, REPO_ROOT, build_file_tree, run, snapshot

KINDS = ["agenda", "notulen", "actielijst", "besluitenlijst", "ics"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the fixture repository, with a fixed clock."""
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-10")
    dest = tmp_path / "repo"
    shutil.copytree(GOLDEN_REPO, dest)
    return dest


def render(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, "render", *args, "--data", str(repo))


# --- happy paths ----------------------------------------------------------------------


def test_markdown_goes_to_stdout(runner: CliRunner, repo: Path) -> None:
    code, out, err = render(runner, repo, "actielijst", "ot-kvdj")
    assert code == 0, err
    assert out.startswith("# Bijeenkomst Opgaveteam Kansen voor de Jeugd")
    assert "**Secretaris:** Raymond Pinas (SPM)" in out
    assert err == ""


def test_team_by_alias_and_dates_in_dutch(runner: CliRunner, repo: Path) -> None:
    code, out, _ = render(runner, repo, "actielijst", "OT KvdJ")
    assert code == 0 and "**Datum:** 25 november 2025" in out
    code, out, _ = render(runner, repo, "agenda", "ab-2023-09-28")
    assert code == 0 and "donderdag 28 september 2023" in out


def test_output_file_is_written_atomically(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "uit"
    out_dir.mkdir()
    target = out_dir / "lijst.html"
    target.write_text("oud", encoding="utf-8")
    code, out, err = render(runner, repo, "actielijst", "ot-kvdj", "-f", "html", "-o", str(target))
    assert code == 0, err
    assert out == "" and f"geschreven: {target}" in err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in out_dir.iterdir()) == ["lijst.html"]  # no temp file left


def test_meeting_without_agenda_items_still_renders(runner: CliRunner, repo: Path) -> None:
    for kind in ("agenda", "notulen"):
        for fmt in ("md", "html"):
            code, out, err = render(runner, repo, kind, "ab-2023-09-28", "-f", fmt)
            assert code == 0, err
            assert "geen agendapunten" in out


def test_concept_marker_until_minutes_are_approved(runner: CliRunner, repo: Path) -> None:
    _, concept, _ = render(runner, repo, "notulen", "ot-kvdj-2025-11-25")
    _, approved, _ = render(runner, repo, "notulen", "ab-2023-07-04")
    assert "CONCEPT" in concept and "nog niet vastgesteld" in concept
    assert "CONCEPT" not in approved and "Vastgesteld op 28 september 2023" in approved


def test_overdue_follows_op_and_the_clock(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = render(runner, repo, "actielijst", "ot-kvdj")
    assert "November 2025 **(verlopen)**" in out
    _, out, _ = render(runner, repo, "actielijst", "ot-kvdj", "--op", "2025-11-26")
    assert "November 2025 **(verlopen)**" not in out and "**Datum:** 26 november 2025" in out
    monkeypatch.setenv("SAMENNW_DATUM", "2025-11-20")
    _, out, _ = render(runner, repo, "actielijst", "ot-kvdj")
    assert "(verlopen)" in out and "November 2025 **(verlopen)**" not in out  # only z.s.m.


def test_op_shows_the_list_as_it_stood(runner: CliRunner, repo: Path) -> None:
    _, now, _ = render(runner, repo, "actielijst", "ot-kvdj")
    _, before, _ = render(runner, repo, "actielijst", "ot-kvdj", "--op", "2025-10-01")
    assert "25/11 materiaal nodig" in now and "25/11 materiaal nodig" not in before
    open_part = before.split("## Afgeronde acties en besluiten")[0]
    assert "25/9 Pilots jongeren" in open_part  # closed on 25 November, open on 1 October


LATE_CLOSED = """\
---
id: KVDJ-010
wat: Subsidieaanvraag voorbereiden
wie: Tjalling
betrokkenen: [tjalling]
wanneer: December 2025
status: afgerond
team: ot-kvdj
vergadering: ot-kvdj-2025-09-25
afgerond_op: 2025-11-25
afgerond_in: ot-kvdj-2025-11-25
updates:
  - datum: 2025-09-30
    tekst: Eerste opzet gedeeld.
  - datum: 2025-10-15
    tekst: Tweede versie besproken.
  - datum: 2025-11-25
    tekst: Aanvraag ingediend, afgerond.
---
"""

NO_ORIGIN = """\
---
id: KVDJ-011
wat: Lijst met contactpersonen bijhouden
wie: Raymond
betrokkenen: [raymond-pinas]
wanneer: Doorlopend
status: open
team: ot-kvdj
updates:
  - datum: 2025-12-01
    tekst: Bijgewerkt in december.
---
"""


def test_op_leaves_out_later_updates_and_closing_notes(runner: CliRunner, repo: Path) -> None:
    build_file_tree(
        repo,
        {
            "data/acties/afgerond/KVDJ-010.md": LATE_CLOSED,
            "data/acties/open/KVDJ-011.md": NO_ORIGIN,
        },
    )
    code, now, err = render(runner, repo, "actielijst", "ot-kvdj")
    assert code == 0, err
    assert "Aanvraag ingediend" in now and "Bijgewerkt in december" in now
    for fmt in ("md", "html"):
        code, before, err = render(
            runner, repo, "actielijst", "ot-kvdj", "--op", "2025-10-01", "-f", fmt
        )
        assert code == 0, err
        open_part = before.split("Afgeronde acties en besluiten")[0]
        assert "Subsidieaanvraag voorbereiden" in open_part  # closed after the day: open
        assert "Eerste opzet gedeeld." in before
        assert "Tweede versie besproken." not in before
        assert "Aanvraag ingediend" not in before  # the closing note came later
        assert "Lijst met contactpersonen bijhouden" in open_part  # no origin: kept
        assert "Bijgewerkt in december" not in before
    code, on_the_day, err = render(runner, repo, "actielijst", "ot-kvdj", "--op", "2025-10-15")
    assert "Tweede versie besproken." in on_the_day  # an update of the day itself counts
    assert err == ""  # kept without a word


def test_besluitenlijst_period(runner: CliRunner, repo: Path) -> None:
    code, out, _ = render(runner, repo, "besluitenlijst", "--van", "2025-01-01")
    assert code == 0
    assert "vanaf 1 januari 2025" in out and "Vertrouwensprotocol" not in out
    assert "opleiden onder schooltijd" in out and "Totaal: 2 besluiten." in out


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["agenda", "notulen"])
def test_unknown_meeting(runner: CliRunner, repo: Path, kind: str) -> None:
    code, out, err = render(runner, repo, kind, "ab-2023-07-05")
    assert code == 1 and out == ""
    assert "onbekende vergadering 'ab-2023-07-05'; bedoelde u ab-2023-07-04" in err


@pytest.mark.parametrize("kind", ["actielijst", "besluitenlijst", "ics"])
def test_unknown_team(runner: CliRunner, repo: Path, kind: str) -> None:
    code, out, err = render(runner, repo, kind, "ot-kvdjj")
    assert code == 1 and out == ""
    assert "onbekend team 'ot-kvdjj'; bedoelde u 'ot-kvdj'" in err


def test_output_in_missing_folder_writes_nothing(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    before = snapshot(tmp_path)
    target = tmp_path / "bestaat-niet" / "lijst.docx"
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj", "-f", "docx", "-o", str(target))
    assert code == 1
    assert "bestaat niet" in err and "niets geschreven" in err
    assert not target.parent.exists() and snapshot(tmp_path) == before


def test_output_path_that_is_a_folder(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj", "-o", str(tmp_path))
    assert code == 1 and "is een map" in err


def test_word_needs_an_output_file(runner: CliRunner, repo: Path) -> None:
    code, out, err = render(runner, repo, "actielijst", "ot-kvdj", "-f", "docx")
    assert code == 1 and out == "" and "-o" in err


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("lijst.docx", b"PK"),
        ("lijst.DOCX", b"PK"),
        ("lijst.html", b"<!DOCTYPE html>"),
        ("lijst.htm", b"<!DOCTYPE html>"),
        ("lijst.md", b"# Bijeenkomst"),
        ("lijst", b"# Bijeenkomst"),  # no suffix: Markdown, as on the screen
    ],
)
def test_format_follows_the_output_suffix(
    runner: CliRunner, repo: Path, tmp_path: Path, name: str, start: bytes
) -> None:
    target = tmp_path / name
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(start)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["actielijst", "ot-kvdj", "-f", "md", "-o", "{dir}/x.docx"],
            "-f md past niet bij de bestandsnaam 'x.docx'",
        ),
        (
            ["notulen", "ab-2023-07-04", "-f", "docx", "-o", "{dir}/x.html"],
            "-f docx past niet bij de bestandsnaam 'x.html'",
        ),
        (["actielijst", "ot-kvdj", "-o", "{dir}/x.odt"], "onbekende bestandsextensie '.odt'"),
        (
            ["actielijst", "ot-kvdj", "-f", "html", "-o", "{dir}/x.odt"],
            "onbekende bestandsextensie '.odt'",
        ),
        (
            ["actielijst", "ot-kvdj", "-f", "html", "-o", "{dir}/x.pdf"],
            "-f html past niet bij de bestandsnaam 'x.pdf'",
        ),
        (["actielijst", "ot-kvdj", "-o", "{dir}/x.ics"], "is voor het agenda-bestand"),
        (["ics", "-o", "{dir}/x.md"], "een agenda-bestand heeft de extensie .ics"),
    ],
)
def test_output_suffix_that_does_not_fit_writes_nothing(
    runner: CliRunner, repo: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out_dir = tmp_path / "uit"
    out_dir.mkdir()
    code, out, err = render(runner, repo, *(a.format(dir=out_dir) for a in args))
    assert code == 1 and out == ""
    assert message in err and "niets geschreven" in err
    assert list(out_dir.iterdir()) == []


def test_calendar_suffix(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    for name in ("agenda.ics", "agenda.ICS", "agenda"):
        code, _, err = render(runner, repo, "ics", "-o", str(tmp_path / name))
        assert code == 0, err
        assert (tmp_path / name).read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["actielijst", "ot-kvdj", "-f", "odt"],
            "onbekend formaat 'odt'; kies md, html, docx of pdf",
        ),
        (["besluitenlijst", "--van", "2025-02-31"], "februari 2025 heeft 28 dagen"),
        (["besluitenlijst", "--van", "2025-06-01", "--tot", "2025-01-01"], "--van ligt na --tot"),
        (["actielijst", "ot-kvdj", "--op", "gisteren"], "ongeldige datum"),
    ],
)
def test_bad_options(runner: CliRunner, repo: Path, args: list[str], message: str) -> None:
    code, _, err = render(runner, repo, *args)
    assert code == 1 and message in err


def test_invalid_data_is_refused(runner: CliRunner, repo: Path) -> None:
    build_file_tree(repo, {"data/acties/open/KVDJ-001.md": "---\nid: KVDJ-001\n---\n"})
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj")
    assert code == 1 and "samennw validate" in err


# --- templates ------------------------------------------------------------------------


def test_repository_template_overrides_the_packaged_one(runner: CliRunner, repo: Path) -> None:
    build_file_tree(
        repo, {"templates/actielijst.md.j2": "Lijst van {{ team }}: {{ open | length }} secties\n"}
    )
    code, out, _ = render(runner, repo, "actielijst", "ot-kvdj")
    assert code == 0 and out == "Lijst van Opgaveteam Kansen voor de Jeugd: 4 secties\n"
    code, out, _ = render(runner, repo, "actielijst", "ot-kvdj", "-f", "html")
    assert code == 0 and "<!DOCTYPE html>" in out  # other templates still packaged


@pytest.mark.parametrize(
    ("name", "source", "message"),
    [
        ("actielijst.md.j2", "# {{ titel }}\n\n{{ titl }}\n", "regel 3: 'titl' bestaat niet"),
        (
            "actielijst.md.j2",
            "{% for s in open %}\n{{ s.titl }}\n{% endfor %}\n",
            "regel 2: 'titl' bestaat niet",
        ),
        (
            "actielijst.md.j2",
            "{% for s in open %}\n{{ s.titel }\n",
            "regel 2: syntaxfout in het sjabloon (Jinja: unexpected '}')",
        ),
        (
            "actielijst.md.j2",
            "{% for s in open %}\n{{ s.titel }}\n",
            "syntaxfout in het sjabloon (Jinja: Unexpected end of template.",
        ),
        (
            "actielijst.md.j2",
            "# {{ titel }}\n{{ 1 // 0 }}\n",
            "regel 2: het sjabloon loopt vast "
            "(ZeroDivisionError: integer division or modulo by zero)",
        ),
        (
            "actielijst.html.j2",
            "{% extends '_basis.html.j2' %}{% block inhoud %}\n\n{{ domien }}{% endblock %}",
            "regel 3: 'domien' bestaat niet",
        ),
        (
            "actielijst.docx.j2",
            "<document>\n<h1>{{ titl }}</h1>\n</document>\n",
            "regel 2: 'titl' bestaat niet",
        ),
        ("actielijst.md.j2", "{{ ''.__class__.__mro__ }}\n", "niet toegestaan in een sjabloon"),
        ("actielijst.md.j2", "{% include 'geheim.j2' %}\n", "sjabloon 'geheim.j2' niet gevonden"),
    ],
)
def test_broken_template_names_file_and_line(
    runner: CliRunner, repo: Path, tmp_path: Path, name: str, source: str, message: str
) -> None:
    build_file_tree(repo, {f"templates/{name}": source})
    fmt = name.split(".")[1]
    target = tmp_path / f"uit.{fmt}"
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj", "-f", fmt, "-o", str(target))
    assert code == 1, err
    assert f"sjabloon '{name}'" in err or "niet gevonden" in err
    assert message in err
    assert "Traceback" not in err and not target.exists()


def test_template_that_is_not_utf8(runner: CliRunner, repo: Path) -> None:
    build_file_tree(repo, {"templates/actielijst.md.j2": "Actielijst \xe9\n".encode("latin-1")})
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj")
    assert code == 1 and "sjabloon 'actielijst.md.j2' is geen UTF-8-tekst" in err


def test_word_outline_errors(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "uit.docx"
    build_file_tree(repo, {"templates/actielijst.docx.j2": "<document><blink/></document>"})
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj", "-f", "docx", "-o", str(target))
    assert code == 1 and "onbekend element <blink> in sjabloon 'actielijst.docx.j2'" in err
    build_file_tree(repo, {"templates/actielijst.docx.j2": "<document><h1>{{ titel }}</h1>"})
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj", "-f", "docx", "-o", str(target))
    assert code == 1 and "geen geldige XML" in err and not target.exists()


def test_symlinked_template_is_refused(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("wachtwoord", encoding="utf-8")
    (repo / "templates").mkdir()
    (repo / "templates" / "actielijst.md.j2").symlink_to(secret)
    code, out, err = render(runner, repo, "actielijst", "ot-kvdj")
    assert code == 1 and "wachtwoord" not in out + err


@pytest.mark.parametrize("include", ["sub/geheim.txt", "sub/../geheim.txt"])
def test_symlinked_subfolder_cannot_read_host_files(
    runner: CliRunner, repo: Path, tmp_path: Path, include: str
) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.txt").write_text("wachtwoord", encoding="utf-8")
    (repo / "templates").mkdir()
    (repo / "templates" / "sub").symlink_to(outside, target_is_directory=True)
    build_file_tree(repo, {"templates/actielijst.md.j2": f"{{% include '{include}' %}}\n"})
    target = tmp_path / "uit.md"
    code, out, err = render(runner, repo, "actielijst", "ot-kvdj", "-o", str(target))
    assert code == 1, err
    assert "wachtwoord" not in out + err and not target.exists()
    assert "symbolische koppeling" in err or "ongeldige naam" in err
    assert "Traceback" not in err


def test_symlink_to_the_root_cannot_read_the_environment(runner: CliRunner, repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "sub").symlink_to("/", target_is_directory=True)
    build_file_tree(repo, {"templates/actielijst.md.j2": "{% include 'sub/proc/self/environ' %}\n"})
    code, out, err = render(runner, repo, "actielijst", "ot-kvdj")
    assert code == 1 and out == ""
    assert "'templates/sub' is een symbolische koppeling" in err and "niets gelezen" in err
    assert "SAMENNW_DATUM" not in err


def test_symlinked_templates_folder_is_refused(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "actielijst.md.j2").write_text("wachtwoord {{ titel }}\n", encoding="utf-8")
    (elsewhere / "basis.docx").write_bytes(b"wachtwoord")
    (repo / "templates").symlink_to(elsewhere, target_is_directory=True)
    for fmt in ("md", "docx"):
        target = tmp_path / f"uit.{fmt}"
        code, out, err = render(runner, repo, "actielijst", "ot-kvdj", "-f", fmt, "-o", str(target))
        assert code == 1, err
        assert "wachtwoord" not in out + err and not target.exists()
        assert "map 'templates' is een symbolische koppeling" in err


def test_symlinked_word_base_document_in_a_subfolder_is_refused(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    from samennw.render.templating import RenderError, find_template_file

    (repo / "templates").mkdir()
    (repo / "templates" / "basis.docx").symlink_to(tmp_path)
    with pytest.raises(RenderError, match="symbolische koppeling"):
        find_template_file("basis.docx", repo)
    (repo / "templates" / "basis.docx").unlink()
    (repo / "templates" / "sub").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "basis.docx").write_bytes(b"x")
    with pytest.raises(RenderError, match="'templates/sub' is een symbolische koppeling"):
        find_template_file("sub/basis.docx", repo)


def test_word_base_document_can_be_overridden(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    import docx
    from docx.shared import Pt

    base = docx.Document()
    base.styles["Normal"].font.size = Pt(13)
    base.core_properties.author = "Jan Geheimhouder"
    base.core_properties.comments = "concept van Jan Geheimhouder"
    paragraph = base.add_paragraph("tekst uit het basisdocument")
    base.add_comment(paragraph.runs, text="vertrouwelijk", author="Jan Geheimhouder", initials="JG")
    (repo / "templates").mkdir()
    base.save(str(repo / "templates" / "basis.docx"))
    target = tmp_path / "lijst.docx"
    code, _, err = render(runner, repo, "actielijst", "ot-kvdj", "-f", "docx", "-o", str(target))
    assert code == 0, err
    document = docx.Document(str(target))
    assert document.styles["Normal"].font.size == Pt(13)
    assert "tekst uit het basisdocument" not in "\n".join(p.text for p in document.paragraphs)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert "word/comments.xml" in archive.namelist()
        for member in archive.namelist():
            content = archive.read(member)
            assert b"Geheimhouder" not in content and b"vertrouwelijk" not in content, member


def test_broken_word_base_document(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    build_file_tree(repo, {"templates/basis.docx": b"geen zip"})
    code, _, err = render(
        runner, repo, "actielijst", "ot-kvdj", "-f", "docx", "-o", str(tmp_path / "x.docx")
    )
    assert code == 1 and "geen bruikbaar Word-bestand" in err


# --- the example CI workflow ----------------------------------------------------------

WORKFLOW = REPO_ROOT / "examples" / "data-repo" / ".github" / "workflows" / "samennw.yml"


def _run_render_step(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run the workflow's 'Documenten proefdraaien' step as the runner does (bash -e)."""
    import yaml

    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert "templates/**" in workflow[True]["pull_request"]["paths"]  # YAML 1.1: on = True
    steps = {s.get("name"): s for s in workflow["jobs"]["validate"]["steps"]}
    script = steps["Documenten proefdraaien"]["run"]
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "RUNNER_TEMP": str(runner_temp),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_example_workflow_renders_every_document(repo: Path, tmp_path: Path) -> None:
    result = _run_render_step(repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    made = {p.name for p in (tmp_path / "runner" / "samennw-documenten").iterdir()}
    assert {
        "actielijst-ot-kvdj.docx",
        "actielijst-ot-kvdj-openbaar.html",
        "notulen-ab-2023-07-04.md",
        "agenda-ot-kvdj-2025-11-25.docx",
        "besluitenlijst-alles.html",
        "ics-alles.ics",
    } <= made
    assert "0 niet gelukt" in result.stdout


def test_example_workflow_fails_on_a_broken_template(repo: Path, tmp_path: Path) -> None:
    build_file_tree(repo, {"templates/notulen.html.j2": "{{ titl }}\n"})
    result = _run_render_step(repo, tmp_path)
    assert result.returncode == 1
    assert (
        "::error title=notulen-ab-2023-07-04.html::sjabloon 'notulen.html.j2' "
        "(templates/notulen.html.j2), regel 1: 'titl' bestaat niet"
    ) in result.stdout
    assert "Traceback" not in result.stderr


# --- help -----------------------------------------------------------------------------


def test_every_render_command_has_dutch_help(runner: CliRunner) -> None:
    for kind in KINDS:
        result = runner.invoke(app, ["render", kind, "--help"])
        assert result.exit_code == 0
        assert "Toon deze hulp" in result.stdout and "--openbaar" in result.stdout
    result = runner.invoke(app, ["render", "--help"])
    assert all(kind in result.stdout for kind in KINDS)


PLAIN_CELLS = [
    "a | b",
    "a\\b",
    "<b>x</b>",
    "x & y",
    "&amp; en &#39;",
    "1 < 2 > 0",
    "regel1\nregel2",
    "eind\\",
    "|",
    "a\\|b",
    "*niet schuin*",
    "_x_",
    "`code`",
    "[link](http://x)",
    "~~weg~~",
    "  ruimte  ",
    "a\n\n b",
    "Tjalling/Sofie",
    "# kop",
    "- lijst",
    "",
]


@pytest.mark.parametrize("text", PLAIN_CELLS)
def test_markdown_cell_reads_back_as_written(text: str) -> None:
    import html
    import re

    from markdown_it import MarkdownIt

    from samennw.render.templating import md_cell

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    out = md.render(f"| kop |\n|---|\n| {md_cell(text)} |\n")
    cell = re.search(r"<td>(.*?)</td>", out, re.DOTALL)
    assert cell is not None, out
    assert html.unescape(cell.group(1).replace("<br>", "\n")) == "\n".join(
        line.strip() for line in text.splitlines() if line.strip()
    )


def test_markdown_cell_keeps_the_markdown_of_a_toelichting() -> None:
    from samennw.render.templating import md_cell

    assert (
        md_cell("**vet** en `code` | <b>\n\n- punt", markdown=True)
        == "**vet** en `code` \\| &lt;b&gt;<br>- punt"
    )
    assert md_cell("al \\| geschreven", markdown=True) == "al \\| geschreven"
