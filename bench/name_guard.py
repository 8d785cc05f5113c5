"""Precision and recall of the Woo name guard (samennw.woo.names) on annotated text.

    python bench/name_guard.py [tests/woo/data/annotated.txt ...] [--show]

Each line of a gold file is ``source<TAB>text`` with the names of people between
``{{`` and ``}}``. The detector runs as on a repository that knows no person at all (the
partners' organisations, teams and domains are known, no allowlist): every name must be
found. A detected span counts as right when it overlaps a gold name; a gold name counts as
found when a detected span overlaps it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = [
    ROOT / "tests" / "woo" / "data" / "annotated.txt",
    ROOT / "tests" / "woo" / "data" / "heldout.txt",
    ROOT / "tests" / "woo" / "data" / "heldout2.txt",
]
_MARK = re.compile(r"\{\{(.+?)\}\}")


def read_gold(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, gold spans as (start, end)) per line."""
    items = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        text = raw.split("\t", 1)[-1]
        spans: list[tuple[int, int]] = []
        clean = ""
        pos = 0
        for m in _MARK.finditer(text):
            clean += text[pos : m.start()]
            spans.append((len(clean), len(clean) + len(m.group(1))))
            clean += m.group(1)
            pos = m.end()
        clean += text[pos:]
        items.append((clean, spans))
    return items


def detector():  # type: ignore[no-untyped-def]
    from samennw.model.records import Partners
    from samennw.storage.repository import load_repository
    from samennw.woo.names import Detector

    partners = load_repository(ROOT / "data").partners
    bare = Partners(
        domeinen=partners.domeinen, organisaties=partners.organisaties, teams=partners.teams
    )
    return Detector.for_partners(bare)


def measure(path: Path, show: bool = False) -> dict[str, float]:
    det = detector()
    tp_pred = fp = found = missed = 0
    for text, gold in read_gold(path):
        pred = [
            (off, off + len(name))
            for name, off, parts in det.spans(text)
            if not det.accepted(parts)
        ]
        for s, e in pred:
            if any(s < ge and gs < e for gs, ge in gold):
                tp_pred += 1
            else:
                fp += 1
                if show:
                    print(f"FP  {text[s:e]!r:30} | {text[:100]}")
        for gs, ge in gold:
            if any(s < ge and gs < e for s, e in pred):
                found += 1
            else:
                missed += 1
                if show:
                    print(f"FN  {text[gs:ge]!r:30} | {text[:100]}")
    precision = tp_pred / (tp_pred + fp) if tp_pred + fp else 1.0
    recall = found / (found + missed) if found + missed else 1.0
    return {
        "names": found + missed,
        "found": found,
        "detections": tp_pred + fp,
        "false_positives": fp,
        "precision": precision,
        "recall": recall,
    }


def main() -> None:
    show = "--show" in sys.argv
    paths = [Path(a) for a in sys.argv[1:] if not a.startswith("--")] or GOLD
    for path in paths:
        r = measure(path, show)
        print(
            f"{path.name}: {r['names']} names, {r['found']} found (recall {r['recall']:.3f}); "
            f"{r['detections']} detections, {r['false_positives']} false positives "
            f"(precision {r['precision']:.3f})"
        )


if __name__ == "__main__":
    main()
