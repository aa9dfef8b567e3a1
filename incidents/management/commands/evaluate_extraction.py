"""Run the pipeline on a gold file (shared/eval format) and print detection and per-field scores."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand

from incidents import extraction
from incidents.extraction import scoring


class Command(BaseCommand):
    help = (
        "Score the extraction pipeline against a gold JSONL file (loose and strict P/R/F1, field accuracy)."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", type=Path)
        parser.add_argument("--predictions-out", type=Path, help="write one line per report: {id, incidents}")

    def handle(self, *args, gold: Path, predictions_out: Path | None, **options):
        reports = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        extractor = extraction.get_extractor()
        predictions: dict[str, list[dict]] = {}
        for report in reports:
            published = dt.date.fromisoformat(report["published"][:10])
            candidates = extractor.extract(report["text"], published=published)
            predictions[report["id"]] = [c.as_eval_dict() for c in candidates]
        if predictions_out:
            with predictions_out.open("w", encoding="utf-8") as out:
                for rid, incidents in predictions.items():
                    out.write(json.dumps({"id": rid, "incidents": incidents}, ensure_ascii=False) + "\n")
        self.stdout.write(f"pipeline {extractor.version} on {gold.name}")
        for line in scoring.score(reports, predictions).lines():
            self.stdout.write(line)
