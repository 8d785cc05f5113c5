"""validate's verdict cache: a warm run reads only what changed and reports exactly what a
cold run reports; every edit, rename, deletion and new file is seen by the next run."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samennw.ops import validate as v
from samennw.ops import validate_cache
from samennw.ops.checks import Checker
from samennw.storage import cachefile, parallel
from samennw.storage.repository import lazy_repository
from tests.conftest import ACTION, MEETING, PARTNERS, build_file_tree, run
from tests.ops.test_validate_parallel import many_errors_files

TODAY = date(2025, 12, 1)
OPEN = "data/acties/open/KVDJ-001.md"
MEETING_FILE = "data/meetings/2025/ot-kvdj-2025-11-25.md"


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust every entry at once (no racy window), so the warm path really is taken."""
    monkeypatch.setattr(cachefile, "RACY_NS", -(10**18))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files validate reads (in one process: forking is switched off)."""
    seen: list[str] = []
    real = v.load_quick

    def load_quick(path: Path, model: type, shown: str, *args: object, **kw: object) -> object:
        seen.append(shown)
        return real(path, model, shown, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(v, "load_quick", load_quick)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    return seen


def repo_files(n: int = 6) -> dict[str, str | bytes]:
    """A valid repository: meetings with decisions, open and closed actions, a line. The
    minutes of each meeting are vastgesteld in the next one, as 'samennw vaststellen'
    writes it; those of the last (25 November) are still concept."""
    files: dict[str, str | bytes] = {"data/partners.yaml": PARTNERS}
    days = [*(f"2025-10-{day:02d}" for day in range(1, n + 1)), "2025-11-25"]
    for i, when in enumerate(days):
        text = MEETING.replace("2025-11-25", when)
        decisions = f"  - id: b-{i + 1}\n    tekst: Besluit.\n" if i < n else ""
        if i < n:
            later = days[i + 1]
            text = text.replace(
                "notulen_status: concept\n",
                "notulen_status: vastgesteld\n"
                f"vastgesteld_op: {later}\nvastgesteld_in: ot-kvdj-{later}\n",
            )
        if i > 0:
            decisions += (
                f"  - id: v-{when}\n    tekst: Notulen vastgesteld.\n"
                f"    stelt_vast: ot-kvdj-{days[i - 1]}\n"
            )
        files[f"data/meetings/2025/ot-kvdj-{when}.md"] = text.replace(
            "---\n## 1.", f"besluiten:\n{decisions}---\n## 1."
        )
    for i in range(1, n + 1):
        text = ACTION.replace("KVDJ-001", f"KVDJ-{i:03d}")
        if i % 2 == 0:
            text = text.replace("status: open", "status: afgerond\nafgerond_op: 2025-11-28")
            files[f"data/acties/afgerond/KVDJ-{i:03d}.md"] = text
        else:
            files[f"data/acties/open/KVDJ-{i:03d}.md"] = text
    files["data/actielijnen/lijn-a.md"] = (
        "---\nid: lijn-a\ntitel: Een lijn\nteam: ot-kvdj\ntrekkers: [tjalling]\nstatus: idee\n---\n"
    )
    return files


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_file_tree(tmp_path / "repo", repo_files())


def read_cache(path: Path) -> dict[str, list[object]]:
    return cachefile.read(path, cachefile.secret() or b"", validate_cache.VERSION)


def check(root: Path, today: date = TODAY) -> list[str]:
    """validate in bulk (so with the cache), as lines of text."""
    report = v.validate(lazy_repository(root), jobs=2, today=today)
    return [*map(str, report.problems), str(report.counts)]


def reference(root: Path, today: date = TODAY) -> list[str]:
    """validate file by file, without any cache: what every run must say."""
    report = v.validate(lazy_repository(root), jobs=1, today=today)
    return [*map(str, report.problems), str(report.counts)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_cache_is_written_beside_the_data(repo: Path) -> None:
    check(repo)
    folder = repo / cachefile.CACHE_DIR
    assert (folder / "validate.json").is_file()
    facts = sorted(p.name for p in folder.glob("validate-facts-*.json"))
    assert facts == [f"validate-facts-{n}.json" for n in range(validate_cache.SHARDS)]
    assert sum(len(read_cache(p)) for p in folder.glob("validate-facts-*.json")) == 14
    assert (folder / ".gitignore").read_text().strip().endswith("*")


def test_a_warm_run_reads_nothing_and_says_the_same(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    cold = check(repo)
    assert len(reads) == 14
    reads.clear()
    assert check(repo) == cold == reference(repo)
    assert reads == []  # the reference reads through LazyFolder, not load_quick


def test_an_edit_that_breaks_a_file_is_seen_by_the_next_run(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    check(repo)
    path = repo / OPEN
    before = path.stat()
    edit(path, "betrokkenen: [tjalling]", "betrokkenen: [tjallinn]")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime
    assert path.stat().st_size == before.st_size
    reads.clear()
    warm = check(repo)
    assert reads == [OPEN]
    assert any("onbekende persoon, organisatie of team 'tjallinn'" in line for line in warm)
    assert warm == reference(repo)
    reads.clear()
    assert check(repo) == warm  # reported again: checked again from what the cache keeps
    assert reads == []
    edit(path, "status: open", "status: opne")  # a problem of the file's own
    reads.clear()
    broken = check(repo)
    assert any("status" in line and "opne" in line for line in broken)
    assert broken == reference(repo) and reads == [OPEN]
    reads.clear()
    assert check(repo) == broken and reads == [OPEN]  # such a file is read on every run
    edit(path, "status: opne", "status: open")
    edit(path, "[tjallinn]", "[tjalling]")
    assert check(repo) == check(repo) == reference(repo)
    assert not any("tjallinn'" in line for line in check(repo))


def test_a_renamed_file_is_seen_by_the_next_run(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    check(repo)
    (repo / OPEN).rename(repo / "data/acties/open/KVDJ-091.md")
    reads.clear()
    warm = check(repo)
    assert reads == ["data/acties/open/KVDJ-091.md"]
    assert any("bestandsnaam 'KVDJ-091.md' hoort bij code 'KVDJ-001'" in x for x in warm)
    assert warm == reference(repo)


def test_a_renamed_meeting_breaks_the_references_to_it(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    """The actions that name it did not change: their checks run again from their facts;
    so do those of the meeting of 6 October, whose minutes were vastgesteld in it."""
    check(repo)
    meeting = repo / MEETING_FILE
    meeting.rename(meeting.with_name("ot-kvdj-2025-11-26.md"))
    reads.clear()
    warm = check(repo)
    assert reads == ["data/meetings/2025/ot-kvdj-2025-11-26.md"]
    assert sum("onbekende vergadering 'ot-kvdj-2025-11-25'" in line for line in warm) == 7
    assert any(line.startswith("data/meetings/2025/ot-kvdj-2025-10-06.md:10:1: ") for line in warm)
    assert warm == reference(repo)
    reads.clear()
    assert check(repo) == warm and reads == ["data/meetings/2025/ot-kvdj-2025-11-26.md"]


def test_a_deleted_file_is_seen_by_the_next_run(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    check(repo)
    (repo / "data/acties/afgerond/KVDJ-002.md").unlink()
    reads.clear()
    warm = check(repo)
    assert reads == []
    assert "'afgerond': 2" in warm[-1] and warm == reference(repo)
    (repo / MEETING_FILE).unlink()  # named by every action and by 6 October's vastgesteld_in
    warm = check(repo)
    assert sum("onbekende vergadering" in line for line in warm) == 6
    assert warm == reference(repo) and reads == []


def test_a_new_file_is_seen_by_the_next_run(repo: Path, trusting: None, reads: list[str]) -> None:
    check(repo)
    new = "data/meetings/2025/ot-kvdj-2025-10-30.md"
    build_file_tree(
        repo,
        {
            new: MEETING.replace("2025-11-25", "2025-10-30").replace(
                "---\n## 1.", "besluiten:\n  - id: b-1\n    tekst: Weer b-1.\n---\n## 1."
            )
        },
    )
    reads.clear()
    warm = check(repo)
    assert reads == [new]
    # the duplicate is reported at the later file in the folder: one that was not read
    assert any(
        line.startswith("data/meetings/2025/ot-kvdj-2025-10-30.md")
        and "dubbele besluitcode 'b-1' (ook in data/meetings/2025/ot-kvdj-2025-10-01.md)" in line
        for line in warm
    )
    assert warm == reference(repo)
    build_file_tree(repo, {"data/acties/open/KVDJ-099.md": ACTION.replace("KVDJ-001", "KVDJ-099")})
    warm = check(repo)
    assert "'open': 4" in warm[-1] and warm == reference(repo)


def test_a_change_in_partners_is_checked_from_the_facts(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    check(repo)
    edit(repo / "data/partners.yaml", "  - id: tjalling\n", "  - id: tjalling-h\n")
    reads.clear()
    warm = check(repo)
    assert reads == []  # no data file changed: partners.yaml is read by the repository
    assert sum("onbekende persoon" in line for line in warm) > 14  # meetings, actions, line
    assert warm == reference(repo)
    edit(repo / "data/partners.yaml", "  - id: tjalling-h\n", "  - id: tjalling\n")
    assert check(repo) == reference(repo)
    assert not any("onbekende persoon" in line for line in check(repo))


def test_a_closing_date_after_today_is_judged_on_every_day(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    earlier = date(2025, 11, 27)
    assert not any("na vandaag" in line for line in check(repo))
    reads.clear()
    warm = check(repo, earlier)
    assert reads == [] and sum("na vandaag" in line for line in warm) == 3
    assert warm == reference(repo, earlier)
    assert check(repo) == reference(repo)  # and back again
    assert check(repo, date(2026, 1, 1)) == reference(repo, date(2026, 1, 1))


def test_a_file_with_a_warning_is_checked_again_from_its_facts(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    """A warning across files (an unknown team) is no problem of the file's own: it is
    kept, and its checks across files run again (a new team may mend it)."""
    edit(repo / "data/actielijnen/lijn-a.md", "team: ot-kvdj", "team: ot-wonen")
    cold = check(repo)
    assert any("onbekend team 'ot-wonen'" in line for line in cold)
    reads.clear()
    assert check(repo) == cold and reads == []
    edit(
        repo / "data/partners.yaml",
        "teams:\n",
        "teams:\n  - id: ot-wonen\n    naam: Wonen\n    soort: opgaveteam\n",
    )
    assert check(repo) == reference(repo)
    assert not any("ot-wonen" in line for line in check(repo)) and reads == []


def test_many_errors_warm_equals_cold(tmp_path: Path, trusting: None, reads: list[str]) -> None:
    root = build_file_tree(tmp_path / "fouten", many_errors_files())
    cold = check(root)
    assert cold == reference(root)
    first = len(reads)
    reads.clear()
    assert check(root) == cold
    assert 0 < len(reads) < first  # the broken files are read again, the others not


def cli(runner: CliRunner, root: Path, *extra: str) -> list[tuple[int, str, str]]:
    focus = str(root / "data/acties/open/KVDJ-004.md")
    return [
        run(runner, "validate", "--data", str(root), *more, *extra)
        for more in ([], ["--format", "github"], ["--format", "json"], [focus])
    ]


@pytest.mark.parametrize("files", ["many_errors", "embedded"])
def test_cli_output_warm_is_cold_byte_for_byte(
    runner: CliRunner,
    tmp_path: Path,
    embedded_copy: Path,
    trusting: None,
    monkeypatch: pytest.MonkeyPatch,
    files: str,
) -> None:
    if files == "embedded":
        root = embedded_copy
    else:
        root = build_file_tree(tmp_path / "fouten", many_errors_files())
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-01")
    monkeypatch.setenv("SAMENNW_JOBS", "1")
    serial = cli(runner, root)
    # file by file: no validate cache (the Woo guard keeps its findings either way)
    assert not (root / cachefile.CACHE_DIR / "validate.json").exists()
    monkeypatch.setenv("SAMENNW_JOBS", "2")
    cold = cli(runner, root)
    assert (root / cachefile.CACHE_DIR / "validate.json").is_file()
    assert cli(runner, root) == cold == serial


def test_a_tampered_or_foreign_cache_is_ignored(
    repo: Path, trusting: None, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.parent / "ik"))
    cold = check(repo)
    folder = repo / cachefile.CACHE_DIR
    verdicts = folder / "validate.json"
    # a verdict turned around by hand: the signature no longer fits
    verdicts.write_bytes(verdicts.read_bytes().replace(b"[true,", b"[false,", 1))
    edit(repo / OPEN, "[tjalling]", "[tjallin]")  # ... and a real error to hide
    reads.clear()
    broken = check(repo)
    assert len(reads) == 14 and broken == reference(repo) != cold
    # a cache signed by someone else (another user's key, or committed to the repository)
    edit(repo / OPEN, "[tjallin]", "[tjalling]")
    check(repo)
    other = repo.parent / "ander"
    shutil.copytree(repo, other)
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.parent / "andere-gebruiker"))
    check(other)  # the copy's cache is foreign to this user: written anew, with their key
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.parent / "ik"))
    for path in (other / cachefile.CACHE_DIR).glob("validate*.json"):
        shutil.copy(path, folder / path.name)
    edit(repo / OPEN, "[tjalling]", "[tjallin]")
    reads.clear()
    assert check(repo) == reference(repo) == broken
    assert len(reads) == 14


def test_facts_that_do_not_fit_the_file_are_not_used(
    repo: Path, trusting: None, reads: list[str]
) -> None:
    """The facts files are trusted entry by entry, by the stat key, as the verdicts are."""
    check(repo)
    folder = repo / cachefile.CACHE_DIR
    written = {p.name: p.read_bytes() for p in folder.glob("validate-facts-*.json")}
    edit(repo / OPEN, "Toelichting.", "Toelichting, langer.")
    check(repo)  # the verdicts are written anew, the facts are not (the context holds)
    assert {p.name: p.read_bytes() for p in folder.glob("validate-facts-*.json")} == written
    edit(repo / "data/partners.yaml", "naam: Tjalling\n", "naam: Tjalling H\n")  # it moves
    reads.clear()
    assert check(repo) == reference(repo)
    assert reads == [OPEN]  # the others are checked from their facts


def test_no_cache_for_the_embedded_data_or_a_source_checkout(tmp_path: Path) -> None:
    root = build_file_tree(
        tmp_path / "checkout",
        {
            "src/samennw/__init__.py": "",
            "pyproject.toml": "",
            "data/partners.yaml": PARTNERS,
        },
    )
    repo = lazy_repository(root)
    assert validate_cache.open_cache(Checker(repo, TODAY)) is None
    v.validate(repo, jobs=2, today=TODAY)
    assert not (root / cachefile.CACHE_DIR).exists()


def test_a_few_changes_do_not_rewrite_a_large_cache(
    repo: Path, trusting: None, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    check(repo)
    verdicts = repo / cachefile.CACHE_DIR / "validate.json"
    written = verdicts.read_bytes()
    monkeypatch.setattr(validate_cache, "REWRITE_EVERY", 1)  # one change in 14 is few
    edit(repo / OPEN, "Toelichting.", "Toelichting, langer.")
    reads.clear()
    assert check(repo) == reference(repo) and reads == [OPEN]
    assert verdicts.read_bytes() == written
    reads.clear()
    assert check(repo) == reference(repo) and reads == [OPEN]  # read again: still correct


def test_a_git_revision_is_read_from_git_without_a_cache(repo: Path) -> None:
    """validate of a revision checks the files of the commit, not those on disk."""
    from samennw.storage.revision import revision_repository
    from tests.conftest import make_git_repo

    make_git_repo(repo)
    edit(repo / OPEN, "status: open", "status: opne")  # on disk only
    committed = v.validate(revision_repository(repo, "HEAD"), jobs=2, today=TODAY)
    assert [str(p) for p in committed.problems] == []
    assert committed.counts == v.validate(revision_repository(repo, "HEAD"), jobs=1).counts
    assert not (repo / cachefile.CACHE_DIR).exists()
    assert any("opne" in line for line in check(repo))  # the working tree: broken


def test_references_a_broken_section_hides_are_counted_again_by_a_warm_run(
    repo: Path, trusting: None
) -> None:
    """While 'teams' cannot be used, no file is clean: a warm run counts their references
    to teams again (the summary line stays), and once the section is repaired every file
    is judged by its references."""
    partners = repo / "data/partners.yaml"
    good = partners.read_text(encoding="utf-8")
    partners.write_text(good[: good.index("teams:")] + "teams: ot-kvdj\n", encoding="utf-8")
    cold = check(repo)
    assert cold == reference(repo)
    assert any("verwijzingen naar teams niet gevonden" in line for line in cold)
    assert check(repo) == cold
    partners.write_text(good.replace("id: ot-kvdj-wg1", "id: ot-kvdj-wg9"), encoding="utf-8")
    assert check(repo) == reference(repo)
    assert sum("onbekende werkgroep 'ot-kvdj-wg1'" in line for line in check(repo)) == 6
