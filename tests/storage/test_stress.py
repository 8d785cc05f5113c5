"""The stress harnesses of issue #9 (scripts/stress_crash.py, scripts/stress_concurrency.py).

First the harnesses' oracle on damage made by hand (it must see a duplicate, a loss, a
torn file), then a short run of each against samennw. The full runs are on demand:

    python scripts/stress_crash.py --kills 200
    python scripts/stress_concurrency.py --writers 8 --ops 50
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


@pytest.fixture(scope="module")
def harness() -> Iterator[SimpleNamespace]:
    sys.path.insert(0, str(SCRIPTS))
    try:
        modules: dict[str, ModuleType] = {
            name: importlib.import_module(name)
            for name in ("stresslib", "stress_crash", "stress_concurrency")
        }
        yield SimpleNamespace(
            lib=modules["stresslib"],
            crash=modules["stress_crash"],
            concurrency=modules["stress_concurrency"],
        )
    finally:
        sys.path.remove(str(SCRIPTS))


ACTION = """\
---
id: KVDJ-001
wat: Iets doen
status: open
team: ot-kvdj
---
Toelichting.
"""


def test_torn_file_is_seen_wherever_the_front_matter_is_cut(harness: SimpleNamespace) -> None:
    lib = harness.lib
    rel = "data/acties/open/KVDJ-001.md"
    assert lib.torn_reason(rel, ACTION.encode()) is None
    end_of_front_matter = ACTION.index("---\nToelichting")
    for cut in range(end_of_front_matter + 3):
        assert lib.torn_reason(rel, ACTION[:cut].encode()) is not None, cut
    assert lib.torn_reason(rel, ACTION.replace("KVDJ-001", "KVDJ-002").encode())  # wrong id
    assert lib.torn_reason("data/partners.yaml", b"teams:\n  - id: [a\n")
    assert lib.torn_reason("data/partners.yaml", b"teams: []\n") is None


def test_tree_state_duplicates_and_temp_files(harness: SimpleNamespace, tmp_path: Path) -> None:
    lib = harness.lib
    state = lib.TreeState.from_paths(
        [
            "data/acties/open/KVDJ-001.md",
            "data/acties/afgerond/KVDJ-001.md",
            "data/acties/afgerond/KVDJ-002.md",
            "data/acties/open/.KVDJ-003.md.123.tmp",
            "data/meetings/2025/ot-kvdj-2025-11-25.md",
        ]
    )
    assert state.duplicates == {"KVDJ-001": ["open", "afgerond"]}
    assert state.closed == ["KVDJ-002"]
    assert state.meetings == {"ot-kvdj-2025-11-25"}
    folder = tmp_path / "data" / "acties" / "open"
    folder.mkdir(parents=True)
    (folder / ".KVDJ-003.md.123.tmp").write_text("x")
    assert lib.temp_files(tmp_path / "data") == ["acties/open/.KVDJ-003.md.123.tmp"]
    assert lib.sample(list("abcdefghij"), 3)[-1] == "j"
    assert lib.sample(list("abc"), -1) == ["a", "b", "c"]


def test_history_check_sees_duplicate_loss_and_torn_commits(harness: SimpleNamespace) -> None:
    """Damage committed with plain git (no samennw): each kind is reported once."""
    lib = harness.lib
    with lib.Sandbox("samennw-test-stress-") as box:
        history = lib.HistoryCheck()
        assert history.check_new(box) == []
        state = lib.worktree_state(box.repo)
        action_id, gone = state.open[0], state.closed[0]
        open_file = box.repo / f"data/acties/open/{action_id}.md"
        twin = box.repo / f"data/acties/afgerond/{action_id}.md"
        twin.write_bytes(open_file.read_bytes())
        box.git("add", "--", str(twin))
        box.git("commit", "-q", "-m", "half a move")
        box.git("rm", "-q", "--", f"data/acties/afgerond/{gone}.md")
        box.git("commit", "-q", "-m", "a loss")
        open_file.write_bytes(open_file.read_bytes()[:20])
        box.git("commit", "-q", "-am", "torn")
        problems = history.check_new(box)
        assert len(problems) == 3, problems
        assert history.duplicates and action_id in history.duplicates[0]
        assert history.lost and gone in history.lost[0]
        assert history.torn and action_id in history.torn[0]
        assert history.commits == 3
        assert history.check_new(box) == []  # each commit is checked once
        clone = lib.fresh_clone_check(box)
        assert not clone.ok
        assert action_id in clone.duplicates
    assert not box.tmp.exists()  # the sandbox cleans up after itself


def test_crash_harness_short_run(harness: SimpleNamespace) -> None:
    config = harness.crash.CrashConfig(kills=10, seed=1, commit_sample=3, calibrate=False)
    figures = harness.crash.run(config)
    assert figures.landed >= 10
    assert figures.ok, harness.crash.summary(figures, config)


def test_concurrency_harness_short_run(harness: SimpleNamespace) -> None:
    config = harness.concurrency.ConcurrencyConfig(writers=2, ops=5, seed=1, commit_sample=3)
    figures = harness.concurrency.run(config)
    assert figures.ops == 2 * 5 + 2  # and the two writers of the slow-hook scenario
    assert figures.ok, harness.concurrency.summary(figures, config)
