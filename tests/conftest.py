"""Shared fixtures: file trees, a small valid data repository, git repositories."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from samennw.cli.app import app

REPO_ROOT = Path(__file__).resolve().parents[1]

# Tests never write into the source tree: samennw keeps a cache beside the data it reads,
# and Hypothesis keeps its examples in the working folder. So the data sets the tests read
# in place are copies in a scratch folder of this run, removed when the run ends.
SCRATCH = Path(tempfile.mkdtemp(prefix="samennw-tests-"))
_NO_CACHE = shutil.ignore_patterns(".samennw-cache")
EMBEDDED = SCRATCH / "embedded" / "data"
shutil.copytree(REPO_ROOT / "data", EMBEDDED, ignore=_NO_CACHE)
GOLDEN_REPO = SCRATCH / "golden" / "repo"  # the folder name is part of calendar UIDs
shutil.copytree(REPO_ROOT / "tests" / "golden" / "repo", GOLDEN_REPO, ignore=_NO_CACHE)
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(SCRATCH / "hypothesis"))

# No per-example deadline: what the property tests check is the answer, never the time;
# on a busy 2-core machine one example (the first to import PyYAML's event reader, say)
# can take longer than hypothesis's 200 ms, which made a correct run fail as "Flaky".
# Speed is measured with bench/run.py instead.
settings.register_profile("samennw", deadline=None)
settings.load_profile("samennw")
_OWNER = os.getpid()


@atexit.register
def _remove_scratch() -> None:
    # At exit, not at the end of a session: a process may run several sessions (mutmut
    # runs pytest.main again and again), and a forked child never removes the parent's.
    if os.getpid() == _OWNER:
        shutil.rmtree(SCRATCH, ignore_errors=True)


# What validate rightly warns about in the embedded data as it is, in output order (on any
# day after 25 November 2025: the real clock, or SAMENNW_DATUM as most tests set it). A
# test that asserts validate's exact output on the embedded data adds these lines, so a
# change to the embedded data that ends or adds a warning is one edit here.
EMBEDDED_WARNINGS = [
    "data/meetings/2025/ot-kvdj-2025-09-25.md:6:1: waarschuwing: notulen van "
    "ot-kvdj-2025-09-25 zijn nog concept, terwijl Opgaveteam Kansen voor de Jeugd op "
    "25 november 2025 opnieuw vergaderde; stel ze vast met 'samennw vaststellen "
    "ot-kvdj-2025-09-25 --in ot-kvdj-2025-11-25'",
]


def needs_tool(path: str | None, what: str) -> pytest.MarkDecorator:
    """Mark a test that needs a real program (a browser, LibreOffice).

    A developer without it sees the test skipped; in CI (``CI`` set) a missing program
    fails the run, since ``.ci/run`` installs it: such a test is never skipped there.
    """
    return pytest.mark.needs_tool(path=path, what=what)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_tool"):
        if mark.kwargs["path"] is None:
            message = f"{mark.kwargs['what']} is niet geïnstalleerd"
            if os.environ.get("CI"):
                pytest.fail(f"{message}; .ci/run hoort het te installeren", pytrace=False)
            pytest.skip(message)


PARTNERS = """\
domeinen:
  - id: kvdj
    naam: Kansen voor de jeugd
    afkorting: KvdJ
organisaties:
  - id: gemeente-amsterdam
    naam: Gemeente Amsterdam
personen:
  - id: tjalling
    naam: Tjalling
    organisatie: gemeente-amsterdam
  - id: emre-unver
    naam: Emre Ünver
    aliassen: [Emre]
    rollen: [Voorzitter DB]
    openbaar: true
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
  - id: ot-kvdj-wg1
    naam: Werkgroep 1 – Het Jonge Kind
    soort: werkgroep
    ouder: ot-kvdj
    nummer: 1
    leden: [tjalling]
"""

# a second team with a werkgroep (for checks across teams)
OTHER_TEAM = """\
  - id: ot-wonen
    naam: Opgaveteam Wonen
    soort: opgaveteam
  - id: ot-wonen-wg1
    naam: Werkgroep Wonen 1
    soort: werkgroep
    ouder: ot-wonen
    nummer: 1
"""


MEETING = """\
---
id: ot-kvdj-2025-11-25
team: ot-kvdj
datum: 2025-11-25
begin: "16:30"
eind: "18:00"
aanwezig: [tjalling]
notulen_status: concept
---
## 1. Opening
"""

ACTION = """\
---
id: KVDJ-001
wat: Presentatie 4 actielijnen Jonge Kind
wie: Tjalling
betrokkenen: [tjalling]
wanneer: November 2025
status: open
team: ot-kvdj
werkgroep: ot-kvdj-wg1
vergadering: ot-kvdj-2025-11-25
---
Toelichting.
"""


def build_file_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` below ``root`` (like copier's test helper)."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def small_repo_files() -> dict[str, str | bytes]:
    return {
        "data/partners.yaml": PARTNERS,
        "data/meetings/2025/ot-kvdj-2025-11-25.md": MEETING,
        "data/acties/open/KVDJ-001.md": ACTION,
    }


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    return build_file_tree(tmp_path / "repo", small_repo_files())


@pytest.fixture
def embedded_copy(tmp_path: Path) -> Path:
    """A copy of the embedded data set in a fresh folder."""
    dest = tmp_path / "embedded"
    shutil.copytree(EMBEDDED, dest / "data")
    return dest


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Secretaris Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "secretaris@example.invalid")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Secretaris Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "secretaris@example.invalid")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("SAMENNW_DATA", raising=False)
    monkeypatch.delenv("SAMENNW_DATUM", raising=False)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def make_git_repo(path: Path) -> Path:
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "begin")
    return path


@pytest.fixture
def git_repo(embedded_copy: Path) -> Path:
    return make_git_repo(embedded_copy)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[str, bytes]:
    """Every data file below root with its bytes (to assert that nothing changed).

    Leaves out .git and samennw's own git-ignored query index.
    """
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts and ".samennw-cache" not in p.parts
    }


@pytest.fixture
def chdir(tmp_path: Path) -> Iterator[Path]:
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)
