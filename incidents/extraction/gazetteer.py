"""The in-memory gazetteer the pipeline looks places up in: compact parallel arrays plus a name index.

~174k places with their Latin alternate names fit in well under 100 MB this way (a dataclass per
place would need several times that). Filled from the database by `resources.py`, or from plain
tuples in tests.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

KIND_CODES = {"country": "c", "admin1": "a", "admin2": "d", "place": "p"}


def fold(name: str) -> str:
    """Lookup key of a name: accents dropped, lower case, apostrophes and hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_name = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_name = re.sub(r"[-‐‑–'’`ʿʾ]", " ", ascii_name.lower())
    return " ".join(ascii_name.split())


_WORD = re.compile(r"[^\W_]+")


def token_key(name: str) -> str:
    """`fold` with every non-word character as a separator: the key an n-gram of text tokens gives."""
    return " ".join(_WORD.findall(fold(name)))


def fold_token(token: str) -> str:
    """`fold` for a single word (no separators inside), fast for plain ASCII words."""
    if token.isascii():
        return token.lower()
    return fold(token)


_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|adh|ar|az|an|at|ath|aş|es|er|ed|en) ([a-z].*)$")


def _is_latin(key: str) -> bool:
    return bool(key) and all(ord(c) < 128 for c in key)


@dataclass(frozen=True)
class PlaceRecord:
    """One gazetteer entry, materialised on demand from the arrays."""

    index: int
    name: str
    kind: str  # country, admin1, admin2, place
    country_iso: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    geonames_id: int | None


@dataclass
class Gazetteer:
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1s: list[str] = field(default_factory=list)
    lats: array = field(default_factory=lambda: array("f"))
    lons: array = field(default_factory=lambda: array("f"))
    populations: array = field(default_factory=lambda: array("q"))
    geonames_ids: array = field(default_factory=lambda: array("q"))
    index: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    max_words: int = 5

    def add(
        self,
        name: str,
        kind: str,
        country_iso: str,
        admin1: str,
        latitude: float,
        longitude: float,
        population: int | None = None,
        geonames_id: int | None = None,
        alternate_names: Iterable[str] = (),
    ) -> None:
        """Add one place and index its name and Latin alternate names."""
        i = len(self.names)
        self.names.append(name)
        self.kinds.append(kind)
        self.countries.append(country_iso)
        self.admin1s.append(admin1 or "")
        self.lats.append(latitude)
        self.lons.append(longitude)
        self.populations.append(population or 0)
        self.geonames_ids.append(geonames_id or 0)
        keys = {token_key(name)} | {token_key(alt) for alt in alternate_names}
        # "Al Qāmishlī", "As Sukhnah": news text often drops the Arabic article ("Qamishli", "al-Sukhnah").
        keys |= {m.group(1) for key in keys if (m := _ARTICLE.match(key)) and len(m.group(1)) >= 5}
        for key in keys:
            # Very long alternates ("Parroquia d'Andorra la Vella") are never written in news text.
            if not _is_latin(key) or len(key) < 3 or key.count(" ") >= self.max_words:
                continue
            old = self.index.get(key)
            # Most names are unique: store a bare int and grow to a tuple only when shared.
            if old is None:
                self.index[key] = i
            elif isinstance(old, int):
                self.index[key] = (old, i)
            else:
                self.index[key] = (*old, i)

    def lookup(self, name: str) -> list[PlaceRecord]:
        """Every entry called `name` (any spelling the index knows)."""
        return self.lookup_key(token_key(name))

    def lookup_key(self, key: str) -> list[PlaceRecord]:
        """Every entry whose folded, token-joined name is `key`."""
        found = self.index.get(key)
        if found is None:
            return []
        return [self.record(i) for i in ((found,) if isinstance(found, int) else found)]

    def record(self, i: int) -> PlaceRecord:
        return PlaceRecord(
            i,
            self.names[i],
            self.kinds[i],
            self.countries[i],
            self.admin1s[i],
            float(self.lats[i]),
            float(self.lons[i]),
            int(self.populations[i]),
            int(self.geonames_ids[i]) or None,
        )
