"""Run the extraction pipeline on report files and print the draft incidents; writes nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incidents import extraction


def read_text(path: Path) -> tuple[str, dt.date | None]:
    """The text of a report file (and its publication date if the reader finds one)."""
    try:
        from incidents import readers
    except ImportError:  # the document readers are optional here: plain text is enough
        readers = None
    if readers is not None and hasattr(readers, "read_document"):
        try:
            document = readers.read_document(path.read_bytes(), path.name)
        except getattr(readers, "ReadError", ValueError) as error:
            raise CommandError(f"{path}: {error}") from error
        published = getattr(document, "published", None)
        if isinstance(published, str):
            published = dt.date.fromisoformat(published[:10])
        return document.text, published
    return path.read_text(encoding="utf-8"), None


class Command(BaseCommand):
    help = "Extract draft incidents from report files (plain text) and print them; nothing is saved."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--published", type=dt.date.fromisoformat, help="publication date, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="one JSON object per input file")

    def handle(self, *args, paths, published, json: bool, **options):
        extractor = extraction.get_extractor()
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            text, found_date = read_text(path)
            candidates = extractor.extract(text, published=published or found_date or dt.date.today())
            if json:
                self.stdout.write(
                    _dumps({"path": str(path), "incidents": [c.as_eval_dict() for c in candidates]})
                )
                continue
            self.stdout.write(f"{path}: {len(candidates)} incident(s)")
            for c in candidates:
                actor1 = c.actor1.name if c.actor1 else "-"
                actor2 = c.actor2.name if c.actor2 else "-"
                place = f"{c.location}, {c.admin1 or '-'} ({c.country_iso})"
                self.stdout.write(f"  {c.event_date} {c.sub_event_type} | {place} | {actor1} vs {actor2}")
                self.stdout.write(
                    f"    killed {c.fatalities} injured {c.injured} | confidence {c.confidence:.2f}"
                )
                self.stdout.write(f"    {c.summary[:160]}")


def _dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False)
