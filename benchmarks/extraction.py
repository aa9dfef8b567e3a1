"""Throughput and memory of the extraction pipeline on one core (run by hand, not in tests).

usage: DJANGO_DEBUG=true .venv/bin/python benchmarks/extraction.py [GOLD.jsonl] [N] [JOIN]
Repeats the reports of GOLD (default: shared/eval/dev.jsonl) to N texts (default 200; with JOIN > 1,
each text is JOIN consecutive reports one after another: JOIN=2 makes ~4.5 KB texts), times the
pipeline alone (the gazetteer is loaded first and timed separately), and beside it the baseline of
merely splitting the same texts into sentences. Prints peak RSS of the process.
"""

import datetime as dt
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")

import django  # noqa: E402

django.setup()

from incidents import extraction  # noqa: E402
from incidents.extraction.sentences import split_sentences  # noqa: E402


def main() -> None:
    gold = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval/dev.jsonl")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    reports = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    join = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    texts = [(r["text"], dt.date.fromisoformat(r["published"])) for r in reports]
    texts = [
        ("\n\n".join(texts[(i + k) % len(texts)][0] for k in range(join)), texts[i][1])
        for i in range(len(texts))
    ]
    batch = [texts[i % len(texts)] for i in range(n)]
    size = sum(len(t) for t, _ in batch) / n

    t0 = time.perf_counter()
    extractor = extraction.get_extractor()
    load = time.perf_counter() - t0
    extractor.extract(batch[0][0], published=batch[0][1])  # warm dateparser's caches

    t0 = time.perf_counter()
    for text, _ in batch:
        split_sentences(text)
    baseline = time.perf_counter() - t0

    t0 = time.perf_counter()
    found = sum(len(extractor.extract(text, published=published)) for text, published in batch)
    pipeline = time.perf_counter() - t0

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports: {n} (mean {size / 1000:.1f} KB), incidents found: {found}")
    print(f"gazetteer + actors load: {load:.1f} s")
    print(f"pipeline: {n / pipeline:.1f} reports/s ({pipeline / n * 1000:.1f} ms each)")
    print(f"baseline read/split only: {n / baseline:.0f} reports/s ({baseline / n * 1000:.2f} ms each)")
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
