"""bench/generate.py: deterministic, valid data; Tjalling's open actions are found.

No timings here: bench/run.py measures; these tests only keep the generator honest.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from samennw.cli.app import app

BENCH = Path(__file__).resolve().parents[1] / "bench"
SEED = 20260


def _load_generator() -> ModuleType:
    name = "samennw_bench_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".samennw-cache" not in p.parts
    }


@pytest.fixture(scope="module")
def team_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "team"
    _load_generator().generate("team", root, seed=SEED)
    return root


@pytest.fixture
def manifest(team_repo: Path) -> dict:
    return json.loads((team_repo / "bench-manifest.json").read_text(encoding="utf-8"))


def test_generation_is_deterministic(team_repo: Path, tmp_path: Path) -> None:
    """A second run in another process (other hash seed, parallel jobs) gives the same bytes."""
    other = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    cmd = [sys.executable, str(BENCH / "generate.py"), "--scale", "team", "--out", str(other)]
    cmd += ["--seed", str(SEED), "--jobs", "2"]
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    first, second = _tree(team_repo), _tree(other)
    assert list(first) == list(second)
    assert [k for k in first if first[k] != second[k]] == []
    assert len(first) > 150


def test_another_seed_gives_other_data(team_repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "seed2"
    _load_generator().generate("team", other, seed=SEED + 1)
    assert _tree(team_repo) != _tree(other)


def test_team_scale_has_the_expected_size(manifest: dict) -> None:
    counts = manifest["counts"]
    assert counts["vergaderingen"] == 20
    assert 100 <= counts["acties"] <= 200
    assert 0 < counts["open"] < counts["acties"]
    tjalling = manifest["tjalling"]
    assert tjalling["open_personal"], "Tjalling needs personal open actions"
    assert 5 <= len(tjalling["open_personal"]) + len(tjalling["open_via_team"]) <= 60


def test_content_is_realistic(team_repo: Path) -> None:
    data = team_repo / "data"
    partners = (data / "partners.yaml").read_text(encoding="utf-8")
    assert "Ünver" in partners and "Coöperatie" in partners
    assert "aliassen: [Tjalling]" in partners
    texts = [p.read_text(encoding="utf-8") for p in sorted(data.rglob("*.md"))]
    everything = "\n".join(texts)
    for fragment in (
        "wie: Alle aanwezigen",
        "wie: Leden opgaveteam Kansen voor de Jeugd",
        "wie: Tjalling/Sofie/Maartje namens Jonge Kind",
        "betrokkenen: [tjalling-hoekstra, sofie-van-dijk, maartje-de-graaf, ot-kvdj-wg1]",
        'wanneer: ""',
        "wanneer: Loopt",
        "wanneer: Deadline verstreken, z.s.m.",
        "status: afgerond",
        "afgerond_op:",
        "updates:",
        "besluiten:",
        "café",
        "coöperatie",
    ):
        assert fragment in everything, fragment
    assert (data / "belangrijke-data.yaml").is_file()
    assert any((data / "actielijnen").iterdir())


def test_team_scale_validates(team_repo: Path, manifest: dict) -> None:
    """Valid on the data set's own "today" (its closing dates lie before it; on a later
    real date some would be in the future, judged against the clock otherwise)."""
    result = CliRunner().invoke(
        app, ["validate", "--data", str(team_repo)], env={"SAMENNW_DATUM": manifest["today"]}
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"{manifest['counts']['acties']} acties" in result.stderr


def test_open_actions_finds_tjalling(team_repo: Path, manifest: dict) -> None:
    if not any(c.name == "open-actions" for c in app.registered_commands):
        pytest.skip("samennw open-actions bestaat (nog) niet")
    result = CliRunner().invoke(
        app,
        ["open-actions", "--owner", "Tjalling", "--format", "json", "--data", str(team_repo)],
        env={"SAMENNW_DATUM": manifest["today"]},
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    found = {item["id"] for item in json.loads(result.stdout)["acties"]}
    assert set(manifest["tjalling"]["open_personal"]) <= found
    assert len(found) < 100


def test_tjalling_gets_exactly_the_manifests_actions_across_areas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three Amsterdam areas share the gemeente: its actions in the other areas' teams
    (and in teams of his own area he is not in) are not Tjalling's (issue #9)."""
    generator = _load_generator()
    mini = generator.Scale(3, 2026, 2, True, (2, 8), 4, (8,), 0)  # nationaal, smaller
    monkeypatch.setitem(generator.SCALES, "mini", mini)
    root = tmp_path / "mini"
    manifest = generator.generate("mini", root, seed=SEED)
    expected = {*manifest["tjalling"]["open_personal"], *manifest["tjalling"]["open_via_team"]}
    result = CliRunner().invoke(
        app,
        ["open-actions", "--owner", "Tjalling", "--format", "json", "--data", str(root)],
        env={"SAMENNW_DATUM": manifest["today"]},
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    found = json.loads(result.stdout)["acties"]
    assert {item["id"] for item in found} == expected
    gemeente = [item for item in found if item["via_team"] == "gemeente-amsterdam"]
    assert all(item["team"].startswith("a01-") for item in gemeente)
