"""Score predicted incidents against gold, by exactly the rules of the evaluation README (shared/eval).

A prediction matches a gold incident when the country agrees and the date spans overlap (one day of
slack); pairs agreeing on more fields are matched first. Strict detection also asks the event type and
the place (same name or within 25 km) to agree. The figures equal those of the reference score.py.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher

FIELDS = [
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "location",
    "admin1",
    "geo_precision",
    "fatalities",
    "injured",
    "actor1",
    "actor2",
]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _span(incident: dict) -> tuple[date | None, date | None]:
    start = _date(incident.get("event_date"))
    return start, _date(incident.get("date_end")) or start


def norm(name: str | None) -> str:
    """A name for loose comparison: ASCII, lower case, no "(Iraq)" qualifiers, no "the/of/al/el"."""
    s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    s = re.sub(r"\b(the|of|al|el)\b", " ", s)
    return " ".join(s.split())


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p = math.pi / 180
    h = (
        math.sin((la2 - la1) * p / 2) ** 2
        + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def compatible(gold: dict, pred: dict) -> bool:
    """Same country and overlapping date spans (a day of slack)."""
    if (gold.get("country_iso") or "").upper() != (pred.get("country_iso") or "").upper():
        return False
    ga, gb = _span(gold)
    pa, pb = _span(pred)
    if not (ga and pa):
        return False
    return pa <= gb + timedelta(days=1) and pb >= ga - timedelta(days=1)


def same_place(gold: dict, pred: dict) -> bool:
    if gold.get("location") and pred.get("location") and norm(gold["location"]) == norm(pred["location"]):
        return True
    try:
        return km((gold["latitude"], gold["longitude"]), (pred["latitude"], pred["longitude"])) <= 25
    except (KeyError, TypeError):
        return False


def actor_ok(names: list[str] | None, pred: str | None) -> bool | None:
    """Does the predicted actor agree with any acceptable gold name? None when gold has none."""
    if not names:
        return None
    if not pred:
        return False
    pn = norm(pred)
    for name in names:
        nn = norm(name)
        if not nn or not pn:
            continue
        if nn == pn or SequenceMatcher(None, nn, pn).ratio() >= 0.85:
            return True
        if len(nn) >= 4 and (nn in pn or pn in nn):
            return True
    return False


def pair_score(gold: dict, pred: dict) -> float:
    s = 0.0
    if gold.get("event_date") == pred.get("event_date"):
        s += 2
    if gold.get("sub_event_type") == pred.get("sub_event_type"):
        s += 2
    elif gold.get("event_type") == pred.get("event_type"):
        s += 1
    if same_place(gold, pred):
        s += 1.5
    if gold.get("fatalities") == pred.get("fatalities"):
        s += 0.5
    if actor_ok(gold.get("actor1"), pred.get("actor1")):
        s += 0.5
    return s


def field_ok(name: str, gold: dict, pred: dict) -> bool | None:
    if name == "location":
        return same_place(gold, pred)
    if name == "admin1":
        if not gold.get("admin1"):
            return None
        return norm(gold["admin1"]) == norm(pred.get("admin1") or "")
    if name in ("actor1", "actor2"):
        return actor_ok(gold.get(name), pred.get(name))
    return gold.get(name) == pred.get(name)


def match(golds: list[dict], preds: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching, the best-agreeing compatible pairs first."""
    candidates = sorted(
        (
            (pair_score(g, p), i, j)
            for i, g in enumerate(golds)
            for j, p in enumerate(preds)
            if compatible(g, p)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((golds[i], preds[j]))
    return pairs


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    reports: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    strict: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    per_report: list[tuple[str, int, int, int]] = field(default_factory=list)

    @property
    def loose(self) -> tuple[float, float, float]:
        return _prf(self.matched, self.predicted, self.gold)

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        return _prf(self.strict, self.predicted, self.gold)

    def accuracy(self, name: str) -> float | None:
        return self.right[name] / self.scored[name] if self.scored[name] else None

    def lines(self) -> list[str]:
        """The report, in the reference script's layout."""
        out = [f"{rid}: gold {g} predicted {p} matched {m}" for rid, g, p, m in self.per_report]
        for name in FIELDS:
            a = self.accuracy(name)
            out.append(f"  {name:15s} {'-' if a is None else f'{a:.3f}'}  ({self.scored[name]} scored)")
        p, r, f = self.loose
        out.append(
            f"detection P={p:.3f} R={r:.3f} F1={f:.3f} (gold {self.gold}, predicted {self.predicted}, "
            f"matched {self.matched})"
        )
        sp, sr, sf = self.strict_prf
        out.append(
            f"strict detection (event type and place agree too) P={sp:.3f} R={sr:.3f} F1={sf:.3f} "
            f"({self.strict} strict matches)"
        )
        return out


def score(gold_reports: list[dict], predictions: dict[str, list[dict]]) -> Scores:
    """Score predictions (report id → incidents) against gold reports (each with "id" and "incidents")."""
    result = Scores(reports=len(gold_reports))
    for report in gold_reports:
        golds = report["incidents"]
        preds = predictions.get(report["id"], [])
        pairs = match(golds, preds)
        result.gold += len(golds)
        result.predicted += len(preds)
        result.matched += len(pairs)
        result.per_report.append((report["id"], len(golds), len(preds), len(pairs)))
        for g, p in pairs:
            if g.get("event_type") == p.get("event_type") and same_place(g, p):
                result.strict += 1
            for name in FIELDS:
                ok = field_ok(name, g, p)
                if ok is not None:
                    result.scored[name] += 1
                    result.right[name] += bool(ok)
    return result
