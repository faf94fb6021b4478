"""How long chipdb check takes on a 5,000-word article, beyond start-up.

The article is made from the development corpus (tests/data/claims_corpus.jsonl): its passages,
English and Chinese, in turn until 5,000 words, so it holds a realistic density of claims (about
one sentence in three compares). The baseline, in the same run, is `chipdb check` on one short
sentence: what is left is the reading of the article.

    python benchmarks/claims_text.py [--db URL] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "tests" / "data" / "claims_corpus.jsonl"


def article(words: int = 5000) -> str:
    passages = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    out, count, i = [], 0, 0
    while count < words:
        text = passages[i % len(passages)]
        out.append(text)
        count += len(text.split()) if text.isascii() else len(text) // 2  # a Chinese word is about two characters
        i += 1
    return "\n\n".join(out)


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="", help="database URL (default: chipdb's default)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base = [sys.executable, "-m", "chipdb"] + (["--db", args.db] if args.db else [])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(article(), encoding="utf-8")
        found = json.loads(subprocess.run(base + ["check", "--file", str(path), "-f", "json"], check=True,
                                          capture_output=True, text=True).stdout)
        one = timed(base + ["check", "CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72"], args.runs)
        whole = timed(base + ["check", "--file", str(path)], args.runs)
    print(f"chipdb check, 5,000-word article ({len(found['claims'])} claims, {len(found['not_spec_claims'])} not spec): "
          f"{whole:.3f} s; one sentence: {one:.3f} s; beyond start-up: {whole - one:.3f} s (target < 1 s), "
          f"ratio {whole / one:.2f}")


if __name__ == "__main__":
    main()
