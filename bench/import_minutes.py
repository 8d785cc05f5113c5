"""Benchmark ``samennw import-minutes`` on a 20-page minutes document (issue #11: ≤ 2 s).

    python bench/import_minutes.py [--runs N] [--pages N] [--out-dir DIR]

The document is seed 001 (tests/importing/data/ab-notulen-2023.txt: the AB minutes of
21 April, 24 May and 4 July 2023), with copies of its last meeting under later dates
appended until the PDF has at least ``--pages`` pages. It is imported as text, as a Word
file built from it (the tests' fixture builder) and as the PDF LibreOffice makes of that
Word file, each into a fresh copy of the embedded data set without the AB meetings and
actions. Every run is a whole ``samennw`` process (median wall time of ``--runs``).
Without LibreOffice the PDF is skipped.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.importing.make_fixtures import build_docx, build_pdf  # noqa: E402

from samennw.importing.minutes import parse_minutes  # noqa: E402

SEED = ROOT / "tests" / "importing" / "data" / "ab-notulen-2023.txt"
LATER = ["12 september 2023", "10 oktober 2023", "14 november 2023", "12 december 2023",
         "16 januari 2024", "13 februari 2024"]  # fmt: skip


def document(copies: int) -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    last = text[text.index("Notulen Concept") :]
    parts = [text]
    for day in LATER[:copies]:
        parts.append(last.replace("4 juli 2023", day))
    return "\n".join(parts).split("\n")


def pdf_pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def to_pdf(docx: Path) -> Path | None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        return None
    pdf = docx.with_suffix(".pdf")
    build_pdf(docx, pdf)
    return pdf


def fresh_repo(work: Path, n: int) -> Path:
    root = work / f"repo-{n}"
    shutil.copytree(ROOT / "data", root / "data")
    for meeting in (root / "data" / "meetings" / "2023").glob("ab-*.md"):
        meeting.unlink()
    for action in (root / "data" / "acties").rglob("AB-*.md"):
        action.unlink()
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--out-dir", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="samennw-import-bench-", dir=args.out_dir))
    try:
        samennw = shutil.which("samennw") or "samennw"
        for copies in range(len(LATER) + 1):
            lines = document(copies)
            docx = work / "notulen.docx"
            build_docx(lines, docx)
            pdf = to_pdf(docx)
            pages = pdf_pages(pdf) if pdf else None
            if pages is None or pages >= args.pages:
                break
        txt = work / "notulen.txt"
        txt.write_text("\n".join(lines), encoding="utf-8")
        meetings = len(parse_minutes(lines))
        print(f"document: {meetings} meetings, {len(lines)} lines, "
              f"{pages if pages is not None else '?'} PDF pages")  # fmt: skip
        n = 0
        for source in (txt, docx, pdf):
            if source is None:
                print("pdf: skipped (no LibreOffice)")
                continue
            times = []
            for _ in range(args.runs):
                n += 1
                repo = fresh_repo(work, n)
                start = time.perf_counter()
                result = subprocess.run(
                    [samennw, "import-minutes", str(source), "--team", "ab", "--data", str(repo)],
                    capture_output=True, text=True,
                )  # fmt: skip
                times.append(time.perf_counter() - start)
                if result.returncode != 0:
                    print(result.stderr)
                    return 1
            verdict = "PASS" if statistics.median(times) <= 2.0 else "FAIL"
            print(f"{source.suffix[1:]:>4}: median {statistics.median(times):.2f} s over "
                  f"{args.runs} runs (min {min(times):.2f} s) ≤ 2 s: {verdict}")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
