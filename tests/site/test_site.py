"""samennw site: the pages, the open data, the manifest, incremental rebuilds, safety."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from typer.testing import CliRunner

from samennw.cli.app import app
from samennw.render.document import RenderRequest, render_document
from samennw.site.build import build_site
from samennw.site.output import MANIFEST
from samennw.storage.repository import load_repository
from tests.conftest import GOLDEN_REPO, run, snapshot

TODAY = date(2025, 12, 10)
NAV = re.compile(r"<style>\nnav\.site.*?</nav>\n", re.DOTALL)


def golden_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(GOLDEN_REPO, root, ignore=shutil.ignore_patterns(".samennw-cache"))
    return root


def accept_unknown_names(root: Path) -> list[str]:
    """Let the Woo guard pass: the golden data's unknown names listed as non-persons."""
    from samennw.storage.repository import lazy_repository
    from samennw.woo.guard import validate_names

    names = sorted({p.message.split("'")[1] for p in validate_names(lazy_repository(root))})
    if not names:
        return names
    entries = "".join(f"- naam: {n}\n  reden: testgegevens\n" for n in names)
    (root / "data" / "geen-personen.yaml").write_text(entries, encoding="utf-8")
    return names


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = golden_copy(tmp_path)
    accept_unknown_names(root)
    return root


def test_the_woo_guard_refuses_and_nothing_is_written(tmp_path: Path) -> None:
    root = golden_copy(tmp_path)
    action = root / "data/acties/open/KVDJ-001.md"
    action.write_text(
        action.read_text(encoding="utf-8") + "\nNagebeld met Wilhelmina Doornbosch.\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", "-o", str(out), "--data", str(root)])
    assert result.exit_code != 0
    assert "geen openbare versie" in result.output and "Doornbosch" in result.output
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp folder


@pytest.fixture
def site(repo: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_site(repo, out, TODAY, jobs=1)
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [v for k, v in attrs if k in ("href", "src") and v]


def links_of(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def test_the_site_holds_every_public_page(site: Path) -> None:
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == [
        ".samennw-site.json",
        "besluitenlijst.html",
        "data/acties.csv",
        "data/acties.json",
        "data/besluiten.csv",
        "data/besluiten.json",
        "data/oparl-vergaderingen.json",
        "data/schema/acties.schema.json",
        "data/schema/besluiten.schema.json",
        "data/schema/oparl-vergaderingen.schema.json",
        "data/schema/vergaderingen.schema.json",
        "data/vergaderingen.csv",
        "data/vergaderingen.json",
        "index.html",
        "teams/ab.html",
        "teams/ot-kvdj.html",
        "vergaderingen/2023/ab-2023-07-04-agenda.html",
        "vergaderingen/2023/ab-2023-07-04-notulen.html",
        "vergaderingen/2023/ab-2023-09-28-agenda.html",  # concept minutes: not published
        "vergaderingen/2023/index.html",
        "vergaderingen/2025/index.html",
        "vergaderingen/2025/ot-kvdj-2025-09-25-agenda.html",
        "vergaderingen/2025/ot-kvdj-2025-09-25-notulen.html",
        "vergaderingen/2025/ot-kvdj-2025-11-25-agenda.html",
    ]
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["bestanden"]) == files[1:]


@pytest.mark.parametrize(
    ("page", "kind", "target"),
    [
        ("vergaderingen/2023/ab-2023-07-04-notulen.html", "notulen", "ab-2023-07-04"),
        ("vergaderingen/2025/ot-kvdj-2025-09-25-notulen.html", "notulen", "ot-kvdj-2025-09-25"),
        ("vergaderingen/2025/ot-kvdj-2025-11-25-agenda.html", "agenda", "ot-kvdj-2025-11-25"),
        ("teams/ot-kvdj.html", "actielijst", "ot-kvdj"),
    ],
)
def test_a_document_page_is_the_public_render_with_navigation(
    site: Path, repo: Path, page: str, kind: str, target: str
) -> None:
    html = (site / page).read_text(encoding="utf-8")
    req = RenderRequest(kind=kind, target=target, fmt="html", public=True, today=TODAY)
    expected = render_document(load_repository(repo), req).decode("utf-8")
    nav = NAV.search(html)
    assert nav and 'href="../' in nav.group(0)
    assert NAV.sub("", html, count=1) == expected


def test_every_link_is_relative_and_resolves(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) == 12
    for page in pages:
        for link in links_of(page):
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), link
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site)}: {link}"
            assert target.is_relative_to(site.resolve())
            if parts.fragment and target.suffix == ".html":
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), link
    index = links_of(site / "index.html")
    assert "besluitenlijst.html" in index and "teams/ot-kvdj.html" in index
    assert "vergaderingen/2025/index.html" in index and "data/acties.csv" in index


def test_open_data_is_valid_and_public(site: Path) -> None:
    for name in ("vergaderingen", "besluiten", "acties", "oparl-vergaderingen"):
        data = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        schema = json.loads(
            (site / "data" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        )
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    meetings = json.loads((site / "data/vergaderingen.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in meetings["vergaderingen"]] == [
        "ab-2023-07-04",
        "ab-2023-09-28",
        "ot-kvdj-2025-09-25",
        "ot-kvdj-2025-11-25",
    ]
    assert meetings["vergaderingen"][1]["notulen_url"] == ""  # concept
    oparl = json.loads((site / "data/oparl-vergaderingen.json").read_text(encoding="utf-8"))
    first = oparl["data"][0]
    assert first["type"] == "https://schema.oparl.org/1.1/Meeting"
    assert first["agendaItem"][0]["type"] == "https://schema.oparl.org/1.1/AgendaItem"
    assert first["resultsProtocol"] == "../vergaderingen/2023/ab-2023-07-04-notulen.html"
    csv_text = (site / "data/besluiten.csv").read_text(encoding="utf-8")
    assert csv_text.startswith("id,vergadering,team,team_naam,datum,agendapunt,")
    decisions = json.loads((site / "data/besluiten.json").read_text(encoding="utf-8"))
    assert len(decisions["besluiten"]) == csv_text.count("\r\n") - 1 or '"' in csv_text


def test_nothing_hidden_or_personal_anywhere(site: Path) -> None:
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file() and p.suffix != ".png"
    )
    assert "Raymond" not in text and "Tjalling" not in text
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", text), "e-mailadres in de site"
    assert "5.1.2.e" in text  # redacted, not left out silently
    assert "Femke Halsema" in text  # a public office holder stays


def test_rebuild_renders_only_what_changed(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build_site(repo, out, TODAY, jobs=1)
    assert (first.rendered, first.reused) == (8, 0)
    again = build_site(repo, out, TODAY, jobs=1)
    assert (again.rendered, again.reused) == (0, 8)
    meeting = repo / "data/meetings/2023/ab-2023-07-04.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("Mededelingen", "Mededelingen vooraf", 1),
        encoding="utf-8",
    )
    third = build_site(repo, out, TODAY, jobs=1)
    # the meeting's agenda and minutes; not the AB's action list (it shows no minutes text)
    assert (third.rendered, third.reused) == (2, 6)
    assert "Mededelingen vooraf" in (
        out / "vergaderingen/2023/ab-2023-07-04-notulen.html"
    ).read_text(encoding="utf-8")
    later = build_site(repo, out, date(2026, 1, 5), jobs=1)  # action lists judge the day
    assert later.rendered == 2


def test_a_folder_with_other_files_is_refused(repo: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "mijn-map"
    out.mkdir()
    (out / "belangrijk.txt").write_text("van mij", encoding="utf-8")
    result = runner.invoke(app, ["site", "-o", str(out), "--data", str(repo)])
    assert result.exit_code != 0
    assert "niet door 'samennw site' zijn gemaakt" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["belangrijk.txt"]
    # a site of ours with a file added to it: refused too, the file kept
    site = tmp_path / "site"
    result = runner.invoke(app, ["publiceer", "-o", str(site), "--data", str(repo)])
    assert result.exit_code == 0, result.output
    assert "site geschreven" in result.output
    (site / "teams" / "eigen.html").write_text("eigen", encoding="utf-8")
    result = runner.invoke(app, ["site", "-o", str(site), "--data", str(repo)])
    assert result.exit_code != 0 and "teams/eigen.html" in result.output
    assert (site / "teams" / "eigen.html").read_text(encoding="utf-8") == "eigen"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left
    file = tmp_path / "bestand"
    file.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["site", "-o", str(file), "--data", str(repo)])
    assert result.exit_code != 0 and "is geen map" in result.output


def no_temp_folder(parent: Path) -> bool:
    return not [p for p in parent.iterdir() if p.name.startswith(".")]


def test_a_page_changed_by_hand_is_refused_not_overwritten(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(repo, out, TODAY, jobs=1)
    page = out / "teams/ab.html"
    page.write_text("mijn eigen versie", encoding="utf-8")
    before = snapshot(out)
    code, _, err = run(CliRunner(), "site", "-o", str(out), "--data", str(repo))
    assert code == 1
    assert (
        f"'teams/ab.html' in map '{out}' is met de hand gewijzigd sinds de vorige 'samennw "
        "site'; zet het apart of verwijder het, er is niets geschreven"
    ) in err
    assert snapshot(out) == before and no_temp_folder(tmp_path)
    # the same size, other bytes: refused too
    original = before["teams/ab.html"]
    page.write_bytes(b"x" * len(original))
    assert run(CliRunner(), "site", "-o", str(out), "--data", str(repo))[0] == 1
    assert page.read_bytes() == b"x" * len(original)
    # set aside: the page is made again, the rest reused
    page.unlink()
    report = build_site(repo, out, TODAY, jobs=1)
    assert (report.rendered, report.left) == (1, [])
    assert page.read_bytes().startswith(b"<!DOCTYPE html>")


def test_a_copied_manifest_does_not_make_a_folder_ours(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(repo, site, TODAY, jobs=1)
    mine = tmp_path / "mijn-site"
    mine.mkdir()
    shutil.copy(site / MANIFEST, mine / MANIFEST)
    (mine / "index.html").write_text("<h1>Mijn eigen site</h1>", encoding="utf-8")
    before = snapshot(mine)
    code, _, err = run(CliRunner(), "site", "-o", str(mine), "--data", str(repo))
    assert code == 1
    assert "'index.html' in map" in err and "met de hand gewijzigd" in err
    assert snapshot(mine) == before and no_temp_folder(tmp_path)
    # a manifest naming a file outside the folder is no manifest of ours
    body = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    body["bestanden"]["../repo/data/partners.yaml"] = body["bestanden"]["index.html"]
    (mine / MANIFEST).write_text(json.dumps(body), encoding="utf-8")
    code, _, err = run(CliRunner(), "site", "-o", str(mine), "--data", str(repo))
    assert code == 1 and f"(geen {MANIFEST})" in err


def test_the_site_gets_the_modes_of_a_plain_mkdir(repo: Path, tmp_path: Path) -> None:
    def modes(root: Path) -> set[tuple[str, int]]:
        paths = [root, *root.rglob("*")]
        return {("map" if p.is_dir() else "bestand", p.stat().st_mode & 0o777) for p in paths}

    old = os.umask(0o022)
    try:
        out = tmp_path / "www"
        out.mkdir(mode=0o755)  # an existing empty folder
        code, _, err = run(CliRunner(), "site", "-o", str(out), "--data", str(repo))
        assert code == 0, err
        assert modes(out) == {("map", 0o755), ("bestand", 0o644)}
        os.umask(0o027)
        new = tmp_path / "nieuw"
        build_site(repo, new, TODAY, jobs=1)
        assert modes(new) == {("map", 0o750), ("bestand", 0o640)}
        build_site(repo, new, date(2026, 1, 5), jobs=1)  # a rebuild over an earlier site
        assert (new.stat().st_mode & 0o777) == 0o750
    finally:
        os.umask(old)


def test_a_symbolic_link_is_refused_and_kept(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(repo, site, TODAY, jobs=1)
    before = snapshot(site)
    link = tmp_path / "publiek"
    link.symlink_to(site)
    code, _, err = run(CliRunner(), "site", "-o", str(link), "--data", str(repo))
    assert code == 1
    assert f"'{link}' is een symbolische koppeling; geef de map zelf op" in err
    assert link.is_symlink() and snapshot(site) == before


def test_a_wrong_folder_is_refused_at_once(repo: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    code, _, err = run(CliRunner(), "site", "-o", "/", "--data", str(repo))
    assert code == 1 and f"(geen {MANIFEST})" in err
    assert time.perf_counter() - started < 5  # it walked all of '/' first: 36 s
    # a site with many files added: the first few named, the rest not looked for
    site = tmp_path / "site"
    build_site(repo, site, TODAY, jobs=1)
    for n in range(5):
        (site / f"eigen-{n}.txt").write_text("van mij", encoding="utf-8")
    code, _, err = run(CliRunner(), "site", "-o", str(site), "--data", str(repo))
    assert code == 1 and "niet door 'samennw site' zijn gemaakt" in err and " …)" in err


def test_files_removed_from_the_site_are_no_leftovers(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(repo, out, TODAY, jobs=1)
    shutil.rmtree(out / "vergaderingen")  # the user removed pages: nothing of theirs lost
    code, _, err = run(CliRunner(), "site", "-o", str(out), "--data", str(repo))
    assert code == 0, err
    assert "site geschreven" in err and "niet opgeruimd" not in err
    assert (out / "vergaderingen/2023/ab-2023-07-04-notulen.html").is_file()
    assert no_temp_folder(tmp_path)


def test_parallel_build_gives_the_same_site(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samennw.site import build

    one, two = tmp_path / "een", tmp_path / "twee"
    build_site(repo, one, TODAY, jobs=1)
    monkeypatch.setattr(build, "PARALLEL_FROM", 0)  # through forked workers, as at scale
    report = build_site(repo, two, TODAY, jobs=2)
    assert report.rendered == 8
    for page in one.rglob("*"):
        if page.is_file() and page.name != MANIFEST:
            assert page.read_bytes() == (two / page.relative_to(one)).read_bytes(), page


def test_the_guard_sees_a_name_added_after_a_build(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(repo, out, TODAY, jobs=1)
    before = (out / MANIFEST).read_bytes()
    meeting = repo / "data/meetings/2025/ot-kvdj-2025-09-25.md"
    meeting.write_text(
        meeting.read_text(encoding="utf-8") + "\nGevraagd door Wilhelmina Doornbosch.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["site", "-o", str(out), "--data", str(repo)])
    assert result.exit_code != 0 and "Doornbosch" in result.output
    assert (out / MANIFEST).read_bytes() == before  # the site as it was
    # accepted in geen-personen.yaml: every file is checked again, and it passes
    allow = repo / "data/geen-personen.yaml"
    allow.write_text(
        (allow.read_text(encoding="utf-8") if allow.exists() else "")
        + "- naam: Wilhelmina Doornbosch\n  reden: testgegevens\n",
        encoding="utf-8",
    )
    report = build_site(repo, out, TODAY, jobs=1)
    assert report.rendered >= 2


def test_the_example_workflow_publishes_the_site() -> None:
    import yaml

    from tests.conftest import REPO_ROOT

    path = REPO_ROOT / "examples/data-repo/.github/workflows/pages.yml"
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert flow[True]["push"]["branches"] == ["main"]  # 'on' is YAML 1.1's true
    build, deploy = flow["jobs"]["bouwen"], flow["jobs"]["publiceren"]
    runs = [s.get("run", "") for s in build["steps"]]
    assert "samennw site -o _site" in runs
    upload = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "_site"
    assert deploy["needs"] == "bouwen"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert flow["permissions"] == {"contents": "read"}
