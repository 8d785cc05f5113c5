"""`samennw validate` in bulk over processes gives exactly the file-by-file report."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samennw.errors import Problem
from samennw.ops import validate as v
from samennw.storage import parallel
from samennw.storage.reader import load_document
from samennw.storage.repository import lazy_repository
from tests.conftest import (
    ACTION,
    EMBEDDED_WARNINGS,
    MEETING,
    PARTNERS,
    build_file_tree,
    run,
)

DECISIONS = """\
agenda:
  - nr: 1
    titel: Opening
  - nr: 1
    titel: Nog eens een 1
besluiten:
  - id: besluit-a
    tekst: Eerste.
  - id: besluit-a
    tekst: Dezelfde code in hetzelfde bestand.
    agendapunt: 9
  - id: besluit-b
    tekst: Ook in een andere vergadering.
    domein: kvdjj
"""


def meeting(day: str, extra: str = "", changes: dict[str, str] | None = None) -> str:
    text = MEETING.replace("2025-11-25", day).replace("---\n## 1.", extra + "---\n## 1.")
    for old, new in (changes or {}).items():
        text = text.replace(old, new)
    return text


def action(action_id: str, changes: dict[str, str] | None = None) -> str:
    text = ACTION.replace("KVDJ-001", action_id)
    for old, new in (changes or {}).items():
        text = text.replace(old, new)
    return text


LINE = """\
---
id: {id}
titel: Een actielijn
domein: kvdj
team: ot-kvdj
trekkers: [{trekker}]
status: in ontwikkeling
---
Beschrijving.
"""


def many_errors_files() -> dict[str, str | bytes]:
    """A repository with one or more of every kind of problem, spread over the folders."""
    m = "data/meetings/2025/"
    o, a = "data/acties/open/", "data/acties/afgerond/"
    return {
        "data/partners.yaml": PARTNERS,
        "data/belangrijke-data.yaml": "- datum: 2025-12-01\n  wat: Iets\n  team: ot-kvjd\n",
        # meetings
        f"{m}ot-kvdj-2025-11-25.md": meeting("2025-11-25", DECISIONS),
        f"{m}ot-kvdj-2025-10-01.md": meeting(
            "2025-10-01", "besluiten:\n  - id: besluit-b\n    tekst: Tweede.\n"
        ),
        "data/meetings/2024/ot-kvdj-2025-09-01.md": meeting("2025-09-01"),  # wrong year folder
        f"{m}ot-kvdj-2025-08-01.md": meeting("2025-11-25"),  # id of another file
        f"{m}ot-kvdj-2025-07-01.md": meeting(
            "2025-07-01", "", {"aanwezig: [tjalling]": "aanwezig: [tjalling"}
        ),
        f"{m}ot-kvdj-2025-06-01.md": meeting("2025-06-01").replace("\n", "\r\n"),  # CRLF
        f"{m}ot-kvdj-2025-05-01.md": meeting(
            "2025-05-01",
            "vastgesteld_op: 2025-04-01\nvorige_vergadering: ot-kvdj-2025-11-24\n",
            {"team: ot-kvdj": "team: ot-kvjd", "[tjalling]": "[tjallling]", "18:00": "16:00"},
        ),
        f"{m}ot-kvdj-2025-04-01.md": meeting(
            "2025-04-01", "besluiten:\n  - id: besluit-a\n    tekst: Derde keer.\n"
        ),
        # actions
        f"{o}KVDJ-001.md": ACTION,
        f"{o}KVDJ-002.md": ACTION,  # the id of KVDJ-001
        f"{a}KVDJ-003.md": action("KVDJ-003"),  # status open in afgerond/
        f"{o}KVDJ-004.md": action(
            "KVDJ-004",
            {
                "[tjalling]": "[tjalling, emre-unvre]",
                "November 2025": "als de maan blauw is",
                "vergadering: ot-kvdj-2025-11-25": "vergadering: ot-kvdj-2025-11-52",
            },
        ),
        f"{o}KVDJ-005.md": action("KVDJ-005"),
        f"{a}KVDJ-005.md": action("KVDJ-005", {"status: open": "status: afgerond"}),
        f"{o}KVDJ-006.md": action("KVDJ-006", {"Jonge": "J\u00f6nge"}).encode("latin-1"),
        f"{o}KVDJ-007.md": "",
        f"{o}KVDJ-008.md": action("KVDJ-008", {"wie: Tjalling": "wie:\n\t- Tjalling"}),
        f"{o}KVDJ-009.md": "\ufeff" + action("KVDJ-009"),  # byte-order mark, valid
        f"{o}KVDJ-010.md": action("KVDJ-010", {"wie: Tjalling": "wie: |\n  Tjalling"}),
        f"{o}KVDJ-011.md": action("KVDJ-011").replace("---\nToelichting", "---  \nToelichting"),
        f"{o}KVDJ-012.md": action("KVDJ-012", {"wanneer:": "wanneeer:"}),
        f"{o}KVDJ-013.md": action(
            "KVDJ-013", {"status: open": "status: open\nafgerond_op: 2025-02-31"}
        ),
        f"{a}KVDJ-014.md": action(
            "KVDJ-014", {"status: open": "status: afgerond\nafgerond_op: 2025-11-01"}
        ),
        f"{o}KVDJ-015.md": action("KVDJ-015", {"team: ot-kvdj": "team: ot-anders"}),
        f"{o}KVDJ-016.md": action("KVDJ-016", {"id: KVDJ-016": "id: KVDJ-004"}),
        f"{a}KVDJ-017.md": action("KVDJ-017", {"status: open": "status: afgerond"}),
        f"{o}x.md": ACTION.replace("KVDJ-001", "../KVDJ-001"),
        f"{o}KVDJ-018.md": "---\na: &a [x]\nb: *a\n---\n",
        # action lines
        "data/actielijnen/lijn-a.md": LINE.format(id="lijn-a", trekker="tjalling"),
        "data/actielijnen/lijn-b.md": LINE.format(id="lijn-b", trekker="tjallling"),
        "data/actielijnen/lijn-c.md": LINE.format(id="lijn-a", trekker="tjalling"),
        "data/actielijnen/lijn-d.md": LINE.format(id="lijn-d", trekker="tjalling").replace(
            "status: in ontwikkeling", "status: bezig"
        ),
    }


@pytest.fixture
def many_errors(tmp_path: Path) -> Path:
    root = build_file_tree(tmp_path / "fouten", many_errors_files())
    (root / "data/acties/open/KVDJ-099.md").symlink_to(root / "data/acties/open/KVDJ-001.md")
    return root


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """One file per chunk: duplicates are found across chunks and processes."""
    monkeypatch.setattr(v, "_MIN_CHUNK", 1)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The workers started (to be sure the bulk path really forked)."""
    started: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return started


def report(root: Path, jobs: int) -> v.Report:
    return v.validate(lazy_repository(root), jobs=jobs)


def cli_outputs(
    runner: CliRunner, root: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> list[tuple[int, str, str]]:
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    focus = str(root / "data/acties/open/KVDJ-004.md")
    return [
        run(runner, "validate", "--data", str(root), *extra)
        for extra in ([], ["--format", "github"], ["--format", "json"], [focus])
    ]


def test_the_many_errors_repository_has_them_all(many_errors: Path) -> None:
    serial = report(many_errors, 1)
    text = "\n".join(map(str, serial.problems))
    for fragment in (
        "dubbele besluitcode 'besluit-a' (ook in data/meetings/2025/ot-kvdj-2025-04-01.md)",
        "dubbele besluitcode 'besluit-b'",
        "dubbele code 'KVDJ-001' (ook in data/acties/open/KVDJ-001.md)",
        "dubbele code 'KVDJ-004'",
        "dubbele code 'KVDJ-005'",
        "dubbele code 'lijn-a'",
        "dubbele code 'ot-kvdj-2025-11-25'",
        "bestandsnaam 'KVDJ-002.md' hoort bij code 'KVDJ-001'",
        "staat in map '2024'",
        "ongeldige YAML",
        "geen geldige UTF-8",
        "bestand is leeg",
        "tab gevonden",
        "YAML-ankers",
        "symbolische koppeling",
        "onbekende sleutel 'wanneeer'",
        "februari 2025 heeft geen dag 31",
        "vóór de vergadering",
        "hoort in 'acties/open'",
        "onbekende persoon, organisatie of team 'emre-unvre'",
        "onbekende vergadering 'ot-kvdj-2025-11-52'",
        "'als de maan blauw is' is niet als datum of periode te lezen",
        "onbekende trekker 'tjallling'",
        "onbekend team 'ot-kvjd'",
        "eindtijd 16:00 ligt niet na begintijd 16:30",
        "agendapunt 9 bestaat niet",
        "agendapunt 1 komt twee keer voor",
    ):
        assert fragment in text, fragment
    assert serial.warnings and serial.errors


@pytest.mark.parametrize("jobs", [2, 3, 5])
def test_bulk_report_equals_the_file_by_file_report(
    many_errors: Path, small_chunks: None, forks: list[int], jobs: int
) -> None:
    serial = report(many_errors, 1)
    assert forks == []
    bulk = report(many_errors, jobs)
    assert len(forks) == jobs - 1
    assert bulk.problems == serial.problems
    assert bulk.counts == serial.counts


def test_bulk_in_one_process_when_fork_is_unavailable(
    many_errors: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    monkeypatch.setattr(os, "fork", None)  # would fail loudly if called
    assert report(many_errors, 2) == report(many_errors, 1)


def test_bulk_report_on_the_embedded_data(
    embedded_copy: Path, small_chunks: None, forks: list[int]
) -> None:
    serial = report(embedded_copy, 1)
    assert serial.counts["bestanden"] > 100
    assert report(embedded_copy, 2) == serial
    assert len(forks) == 1


def test_cli_output_is_the_same_in_bulk(
    runner: CliRunner, many_errors: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = cli_outputs(runner, many_errors, monkeypatch, "1")
    assert [code for code, _, _ in serial] == [1, 1, 1, 1]
    assert json.loads(serial[2][1])["geldig"] is False
    assert cli_outputs(runner, many_errors, monkeypatch, "4") == serial


def test_cli_output_is_the_same_in_bulk_on_valid_data(
    runner: CliRunner, embedded_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = cli_outputs(runner, embedded_copy, monkeypatch, "1")
    warnings = len(EMBEDDED_WARNINGS)
    summary = f"Geen fouten; {warnings} waarschuwing(en)." if warnings else "Geen fouten gevonden."
    assert serial[0][0] == 0 and serial[0][1].splitlines() == EMBEDDED_WARNINGS
    assert summary in serial[0][2]
    assert cli_outputs(runner, embedded_copy, monkeypatch, "2") == serial


def test_small_repository_is_checked_file_by_file(
    small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_bulk(*args: object) -> None:
        raise AssertionError("small repositories are checked file by file")

    monkeypatch.setattr(v, "_check_in_bulk", no_bulk)
    assert v._bulk_processes(lazy_repository(small_repo), None) == 0
    assert not v.validate(lazy_repository(small_repo)).errors


def test_large_repository_is_checked_in_bulk(
    many_errors: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(v, "BULK_FROM", 10)
    monkeypatch.setattr(v, "available_cpus", lambda: 2)
    assert v._bulk_processes(lazy_repository(many_errors), None) == 2
    monkeypatch.setenv("SAMENNW_JOBS", "1")
    assert v._bulk_processes(lazy_repository(many_errors), None) == 0


def test_bad_jobs_setting(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMENNW_JOBS", "veel")
    code, _, err = run(runner, "validate", "--data", str(small_repo))
    assert code == 1
    assert "SAMENNW_JOBS moet een geheel getal van 1 of meer zijn" in err


def test_a_dying_worker_changes_nothing(
    many_errors: Path, small_chunks: None, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = v._FileChecker.chunk

    def dying(self: v._FileChecker, c: int) -> object:
        if os.getpid() != parent and c % 2:
            os._exit(3)  # killed mid-way, results never sent
        return real(self, c)

    serial = report(many_errors, 1)
    monkeypatch.setattr(v._FileChecker, "chunk", dying)
    assert report(many_errors, 3) == serial
    assert len(forks) == 2


def test_bulk_loader_gives_what_load_document_gives(many_errors: Path) -> None:
    from samennw.model.records import Action, ActionLine, Meeting
    from samennw.storage.reader import load_quick

    files = sorted((many_errors / "data").rglob("*.md"))
    assert len(files) > 30
    for path in files:
        if path.is_symlink():
            continue
        model = (
            Meeting
            if "meetings" in path.parts
            else ActionLine
            if "actielijnen" in path.parts
            else Action
        )
        shown = path.relative_to(many_errors)
        slow: list = []
        quick: list = []
        expected = load_document(path, model, shown, slow, keep_lines=False)
        got = load_quick(path, model, str(shown), quick)
        assert quick == slow, path
        if expected is None:
            assert got is None, path
            continue
        assert got is not None and got.model_dump() == expected.model_dump(), path
        assert str(got.source_path) == str(shown)
        mine, theirs = got.__pydantic_private__, expected.__pydantic_private__
        assert mine is not None and theirs is not None
        assert {k: mine[k] for k in ("_lines", "_origin", "_text_hash", "_prefix")} == {
            k: theirs[k] for k in ("_lines", "_origin", "_text_hash", "_prefix")
        }
        assert str(got.locate("id")) == str(expected.locate("id"))


ACTION_YAML = ACTION.split("---\n")[1]


def test_bulk_loader_splits_front_matter_as_load_document(tmp_path: Path) -> None:
    """Fences, byte-order marks, line ends and bodies: the same object or the same problems."""
    from samennw.model.records import Action
    from samennw.storage.reader import load_quick

    path = tmp_path / "KVDJ-001.md"
    cases = 0
    for bom in ("", "\ufeff"):
        for opening in ("---\n", "---\r\n", "--- \n", "---"):
            for closing in ("---\n", "---", "--- \n", "----\n---\n", "---\r\n", "...\n"):
                for body in ("", "x", "x\n---\ny", "\n\n", "Één\r\n"):
                    path.write_text(bom + opening + ACTION_YAML + closing + body, encoding="utf-8")
                    slow: list[Problem] = []
                    quick: list[Problem] = []
                    expected = load_document(path, Action, Path("x.md"), slow, keep_lines=False)
                    got = load_quick(path, Action, "x.md", quick)
                    assert quick == slow, (opening, closing, body)
                    assert (got is None) == (expected is None)
                    if got is not None and expected is not None:
                        assert got.model_dump() == expected.model_dump()
                        assert got.body == expected.body
                        cases += 1
    assert cases > 20


# --- the process pool ------------------------------------------------------------------


def wait_for_worker(fd: int) -> bool:
    """Read the byte a worker writes; fails instead of hanging if none ever comes."""
    ready, _, _ = select.select([fd], [], [], 120)
    assert ready, "no worker wrote anything"
    return bool(os.read(fd, 1))


def test_map_chunks_gives_every_result_in_order(forks: list[int]) -> None:
    assert parallel.map_chunks(lambda i: i * i, 50, 3) == [i * i for i in range(50)]
    assert len(forks) == 2
    assert parallel.map_chunks(lambda i: i, 0, 3) == []
    assert parallel.map_chunks(lambda i: i, 1, 3) == [0]


class Handshake:
    """Parent and worker each wait, in their first chunk, until the other has one, so both
    take part whatever the scheduler does (a loaded machine may otherwise let one
    process take every chunk before the other starts)."""

    def __init__(self) -> None:
        self.parent = os.getpid()
        self.worker_r, self.worker_w = os.pipe()
        self.parent_r, self.parent_w = os.pipe()
        self.first = True  # per process: forked copies have their own

    def meet(self) -> None:
        if not self.first:
            return
        self.first = False
        if os.getpid() == self.parent:
            os.write(self.parent_w, b"p")
            wait_for_worker(self.worker_r)
        else:
            os.write(self.worker_w, b"w")
            wait_for_worker(self.parent_r)

    def close(self) -> None:
        for fd in (self.worker_r, self.worker_w, self.parent_r, self.parent_w):
            os.close(fd)


def test_map_chunks_uses_the_workers_results(forks: list[int]) -> None:
    meeting = Handshake()

    def work(i: int) -> tuple[int, int]:
        meeting.meet()
        return i, os.getpid()

    try:
        results = parallel.map_chunks(work, 20, 2)
    finally:
        meeting.close()
    assert [i for i, _ in results] == list(range(20))
    assert {pid for _, pid in results} == {meeting.parent, forks[0]}


def test_workers_ignore_sigint_when_the_parent_does(forks: list[int]) -> None:
    """A command started in the background (SIGINT ignored) keeps its workers too."""
    meeting = Handshake()

    def work(i: int) -> tuple[int, int]:
        meeting.meet()
        if os.getpid() != meeting.parent:
            os.kill(os.getpid(), signal.SIGINT)  # a worker that dies delivers nothing
        return i, os.getpid()

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        results = parallel.map_chunks(work, 10, 2)
    finally:
        signal.signal(signal.SIGINT, previous)
        meeting.close()
    assert [i for i, _ in results] == list(range(10))
    assert {pid for _, pid in results} == {meeting.parent, forks[0]}


def test_map_chunks_leaves_no_worker_behind_after_an_interrupt(forks: list[int]) -> None:
    parent = os.getpid()
    ready_r, ready_w = os.pipe()

    def work(i: int) -> int:
        if os.getpid() != parent:
            os.write(ready_w, b"x")
            signal.pause()  # a worker busy for a long time
        wait_for_worker(ready_r)  # the worker has a chunk
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        parallel.map_chunks(work, 4, 2)
    os.close(ready_r)
    os.close(ready_w)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)  # killed and reaped


SCRIPT = """
import os, sys
from samennw.ops import validate as v
from samennw.cli.app import main

parent = os.getpid()
real = v._FileChecker.chunk

def chunk(self, c):
    if os.getpid() != parent:
        print("uit een werker")
        os.write(1, b"uit een werker\\n")
        os.write(2, b"uit een werker\\n")
        with open(sys.argv[2], "a") as fh:  # where the test can find the worker
            fh.write(f"{os.getpid()}\\n")
        if sys.argv[3] == "interrupt":
            import signal
            signal.pause()
    elif sys.argv[3] == "interrupt":
        import signal, time
        while not os.path.getsize(sys.argv[2]):
            time.sleep(0.01)
        os.killpg(0, signal.SIGINT)  # Ctrl-C: the whole foreground process group
        signal.pause()
    elif os.environ["SAMENNW_JOBS"] != "1":
        # handshake: the parent takes no chunk before a worker has one, so on a busy
        # machine the parent cannot have done them all before a worker is scheduled
        import time
        deadline = time.monotonic() + 60
        while not os.path.getsize(sys.argv[2]) and time.monotonic() < deadline:
            time.sleep(0.01)
    return real(self, c)

v._FileChecker.chunk = chunk
v._MIN_CHUNK = 1
main(["validate", "--data", sys.argv[1]])
"""


def run_script(
    root: Path, tmp_path: Path, mode: str, jobs: str
) -> tuple[subprocess.CompletedProcess[str], list[int]]:
    pids = tmp_path / f"pids-{mode}-{jobs}"
    pids.write_text("")
    env = {**os.environ, "SAMENNW_JOBS": jobs}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(root), str(pids), mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        start_new_session=True,  # its own process group, as in a terminal
        # Ctrl-C's default action, as in a terminal, even when pytest itself runs in the
        # background with SIGINT ignored (which a child would inherit)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    return proc, [int(p) for p in pids.read_text().split()]


def test_a_worker_writes_nothing(many_errors: Path, tmp_path: Path) -> None:
    serial, none = run_script(many_errors, tmp_path, "quiet", "1")
    assert none == [] and serial.returncode == 1 and "fout" in serial.stdout
    bulk, workers = run_script(many_errors, tmp_path, "quiet", "3")
    assert workers  # the workers did run
    assert (bulk.returncode, bulk.stdout, bulk.stderr) == (
        serial.returncode,
        serial.stdout,
        serial.stderr,
    )


def test_ctrl_c_leaves_no_worker_running(many_errors: Path, tmp_path: Path) -> None:
    proc, workers = run_script(many_errors, tmp_path, "interrupt", "2")
    assert proc.returncode != 0
    assert workers
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def _samennw(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """samennw in its own process, with a time limit: these cases once hung."""
    return subprocess.run(
        [sys.executable, "-m", "samennw", *args, "--data", str(repo)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
        check=False,
    )


def test_a_named_pipe_is_refused_not_read(embedded_copy: Path) -> None:
    os.mkfifo(embedded_copy / "data/acties/open/KVDJ-900.md")
    for jobs in ("1", "2"):
        result = _samennw(embedded_copy, "validate", SAMENNW_JOBS=jobs)
        assert result.returncode == 1, result.stderr
        assert "KVDJ-900.md" in result.stdout and "geen gewoon bestand" in result.stdout
    result = _samennw(embedded_copy, "open-actions")
    assert result.returncode == 1 and "geen gewoon bestand" in result.stderr


def test_validate_with_sigchld_ignored(embedded_copy: Path) -> None:
    """A parent may pass SIGCHLD=SIG_IGN through exec: then no worker is forked."""
    result = subprocess.run(
        [sys.executable, "-m", "samennw", "validate", "--data", str(embedded_copy)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SAMENNW_JOBS": "2"},
        preexec_fn=lambda: signal.signal(signal.SIGCHLD, signal.SIG_IGN),
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["²", "0", "-2", "x"])
def test_nonsense_jobs_is_a_dutch_error(
    runner: CliRunner, embedded_copy: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SAMENNW_JOBS", value)
    code, _, err = run(runner, "validate", "--data", str(embedded_copy))
    assert code == 1 and "SAMENNW_JOBS" in err


def test_many_jobs_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENNW_JOBS", "100000")
    assert parallel.requested_jobs() == max(parallel.MAX_PROCESSES, 4 * parallel.available_cpus())


def test_the_largest_queue_fits_one_page() -> None:
    assert parallel.MAX_CHUNKS * 4 <= 4096
    assert parallel.map_chunks(lambda i: i, parallel.MAX_CHUNKS, 2) == list(
        range(parallel.MAX_CHUNKS)
    )
    with pytest.raises(ValueError):
        parallel.map_chunks(lambda i: i, parallel.MAX_CHUNKS + 1, 2)
