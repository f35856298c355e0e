"""The actor knowledge base: data files beside this module, plus the user's own files.

Files (one entry per actor, see the comments at the top of each):
``countries.yaml``, ``organizations.yaml``, ``leaders_*.yaml``, ``roles.yaml``.
A user file (``--actors FILE``) may hold any of the three entry kinds in one list:
entries with ``code`` are countries, with ``offices`` are people, with ``canonical`` are
organisations. A user entry replaces a shipped entry of the same canonical name or code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeBaseError

SECTORS = frozenset("GOV MIL COP SPY JUD LEG PTY OPP REB JRN BUS CVL EDU ELI UAF UNK NGO IGO".split())
SPECIAL_CODES = frozenset({"IGO", "NGO", "MNC", "WST", "EUR", "AFR", "ASA", "MEA", "LAM", "NAM"})


@dataclass(frozen=True)
class Office:
    role: str
    start: str | None
    end: str | None
    country: str | None = None
    org: str | None = None

    def held_on(self, day: str | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# Countries whose names put the family name first, as the international press writes them.
_FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "VNM", "KHM", "SGP", "MNG"}


@dataclass(frozen=True)
class Entry:
    """One actor of the knowledge base."""

    canonical: str
    country: str | None
    sector: str | None
    kind: str  # country, seat, people, org, person, region, collective
    offices: tuple[Office, ...] = ()
    source: str = ""

    def office_on(self, day: str | None) -> Office | None:
        for office in self.offices:
            if office.held_on(day):
                return office
        return None


@dataclass
class CountryInfo:
    code: str
    name: str
    adjectives: list[str]
    capital: str | None


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Lookup key: lower case, no accents, no leading 'the', no possessive, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", "").replace("”", "").replace('"', "")
    text = re.sub(r"'s?$", "", text.strip().lower())
    text = re.sub(r"^the\s+", "", text)
    text = text.replace(".", "") if re.fullmatch(r"(?:[a-z]\.)+[a-z]?\.?", text) else text
    return " ".join(text.replace("-", " ").split())


@dataclass
class KnowledgeBase:
    names: dict[str, Entry] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)  # "belarusian" -> BLR
    countries: dict[str, CountryInfo] = field(default_factory=dict)
    people: list[Entry] = field(default_factory=list)
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    places: list[tuple[str, Entry]] = field(default_factory=list)
    role_sectors: dict[str, str] = field(default_factory=dict)
    role_offices: dict[str, str] = field(default_factory=dict)
    _offices: dict[tuple[str | None, str], list[tuple[Entry, Office]]] | None = field(default=None, repr=False)

    # -- lookups -------------------------------------------------------------------------------
    def lookup(self, text: str) -> Entry | None:
        return self.names.get(norm(text))

    def adjective(self, text: str) -> str | None:
        return self.adjectives.get(norm(text))

    def country_code(self, word: str) -> str | None:
        """The country a word marks, as an adjective ("Saudi") or a name ("U.S.", "Moscow")."""
        entry = self.lookup(word)
        return self.adjective(word) or (entry.country if entry is not None else None)

    def country_entry(self, code: str) -> Entry:
        info = self.countries.get(code)
        name = info.name if info else code
        return Entry(name, code, None, "country")

    def government(self, code: str) -> Entry:
        info = self.countries.get(code)
        name = info.name if info else code
        return Entry(f"Government of {name}", code, "GOV", "seat")

    def office_holder(self, country: str, role: str, day: str | None) -> Entry | None:
        """Who held ROLE ('president', 'foreign minister', 'leader'...) in COUNTRY on DAY."""
        wanted = [role]
        if role == "leader":
            wanted = ["supreme leader", "president", "prime minister", "chancellor", "monarch"]
            if country in _PARLIAMENTARY:
                wanted = ["prime minister", "chancellor", "monarch", "president"]
        index = self._office_index()
        for want in wanted:
            for person, office in index.get((country, want), ()):
                if office.held_on(day):
                    return person  # (the resolver gives a person the country of the office held on the day)
        return None

    def _office_index(self) -> dict[tuple[str | None, str], list[tuple[Entry, Office]]]:
        """(country, role) -> holders in knowledge-base order, built once instead of scanning every person."""
        if self._offices is None:
            self._offices = {}
            for person in self.people:
                for office in person.offices:
                    self._offices.setdefault((office.country or person.country, office.role), []).append(
                        (person, office))
        return self._offices

    # -- building ------------------------------------------------------------------------------
    def add_name(self, name: str, entry: Entry, override: bool = False) -> None:
        key = norm(name)
        if not key:
            return
        if override or key not in self.names:
            self.names[key] = entry

    def add_country(self, raw: dict[str, Any], source: str, override: bool = False) -> None:
        code = _code(raw, source)
        kind = str(raw.get("kind") or "country")
        name = str(raw.get("name") or code)
        sector = None if kind != "collective" else None
        country = Entry(name, code, sector, "region" if kind == "region" else kind, source=source)
        for n in [name, *(raw.get("names") or []), raw.get("official") or ""]:
            self.add_name(str(n), country, override)
        gov = Entry(f"Government of {name}", code, "GOV", "seat", source=source)
        for seat in raw.get("seats") or []:
            self.add_name(str(seat), gov, override)
        people = Entry(f"{name} (people)", code, "CVL", "people", source=source)
        for p in raw.get("people") or []:
            self.add_name(str(p), people, override)
        adjectives = [str(a) for a in raw.get("adjectives") or []]
        for adj in adjectives:
            if override or norm(adj) not in self.adjectives:
                self.adjectives[norm(adj)] = code
        self.countries[code] = CountryInfo(code, name, adjectives, raw.get("capital"))
        # cities and provinces stand for their state ("shelled Kharkiv"), but never shadow another name
        self.places += [(str(p), country) for p in raw.get("places") or []]

    def add_places(self) -> None:
        """Add the place names gathered so far, after every other name is known."""
        for name, country in self.places:
            self.add_name(name, country, override=False)
        self.places = []

    def add_org(self, raw: dict[str, Any], source: str, override: bool = False) -> None:
        canonical = str(raw.get("canonical") or "")
        if not canonical:
            raise KnowledgeBaseError(f"{source}: an organisation entry lacks 'canonical'; add it")
        entry = Entry(canonical, _country(raw.get("country"), source), _sector(raw.get("sector"), source),
                      "org", source=source)
        for n in [canonical, *(raw.get("names") or [])]:
            self.add_name(str(n), entry, override)

    def add_person(self, raw: dict[str, Any], source: str, override: bool = False) -> None:
        name = str(raw.get("name") or "")
        if not name:
            raise KnowledgeBaseError(f"{source}: a person entry lacks 'name'; add it")
        offices = tuple(
            Office(str(o.get("role", "other")), _date(o.get("from")), _date(o.get("to")),
                   o.get("country"), o.get("org"))
            for o in raw.get("offices") or []
        )
        entry = Entry(name, _country(raw.get("country"), source), _sector(raw.get("sector"), source),
                      "person", offices, source)
        self._offices = None  # the office index is rebuilt on the next lookup
        if override:  # user entries come first, so they win office lookups too
            self.people = [entry] + [p for p in self.people if p.canonical != name]
        else:
            self.people.append(entry)
        family_first = entry.country in _FAMILY_NAME_FIRST  # "Xi Jinping" is "Xi", "Yoon Suk Yeol" is "Yoon"
        for n in [name, *(raw.get("aliases") or [])]:
            self.add_name(str(n), entry, override)
            surnames = [_surname(str(n))]
            if family_first and n == name and len(name.split()) > 1:
                surnames.append(norm(name).split()[0])
            for surname in surnames:
                if surname and (len(surname) > 2 or family_first):
                    bucket = self.surnames.setdefault(surname, [])
                    if override:
                        bucket[:] = [p for p in bucket if p.canonical != name]
                    if entry not in bucket:
                        bucket.append(entry)

    def add_roles(self, raw: dict[str, Any], source: str) -> None:
        for sector, nouns in (raw.get("sectors") or {}).items():
            _sector(sector, source)
            for noun in nouns:
                self.role_sectors.setdefault(norm(str(noun)), sector)
        for noun, office in (raw.get("offices") or {}).items():
            self.role_offices[norm(str(noun))] = str(office)

    def add_entries(self, entries: Iterable[dict[str, Any]], source: str, override: bool = False) -> None:
        for raw in entries:
            if not isinstance(raw, dict):
                raise KnowledgeBaseError(f"{source}: every entry must be a mapping, got {raw!r}")
            if "code" in raw:
                self.add_country(raw, source, override)
            elif "offices" in raw or "aliases" in raw:
                self.add_person(raw, source, override)
            elif "canonical" in raw:
                self.add_org(raw, source, override)
            else:
                raise KnowledgeBaseError(
                    f"{source}: entry {raw!r} is neither a country (code), a person (name + offices) "
                    "nor an organisation (canonical); see the README for the format"
                )

    def add_file(self, path: str | Path) -> None:
        """Add a user's actor file; its entries override shipped ones."""
        data = _load_yaml_text(Path(path).read_text(encoding="utf-8"), str(path))
        if isinstance(data, dict):
            data = data.get("actors") or []
        if not isinstance(data, list):
            raise KnowledgeBaseError(f"{path}: expected a YAML list of actor entries")
        self.add_entries(data, str(path), override=True)
        self.add_places()


# States where the head of government, not the head of state, is "the leader".
_PARLIAMENTARY = frozenset(
    "GBR DEU ITA ESP IND ISR JPN CAN AUS NZL NLD BEL SWE NOR DNK FIN IRL AUT GRC PRT CZE SVK HUN POL EST LVA LTU "
    "SVN HRV BGR ALB MNE MKD SRB PAK BGD NPL THA MYS SGP IRQ LBN ARM GEO ETH".split()
)


_ARABIC_ARTICLES = ("al-", "el-", "ad-", "ash-", "as-", "ar-", "at-", "an-", "az-", "ul-")


def _surname(name: str) -> str:
    """The family-name key of NAME: "Bashar al-Assad" -> "assad"; a hyphenated given name after a
    family name ("Chen Tan-sun") gives none, so "Sun" alone does not find him."""
    words = name.replace("’", "'").split()
    if len(words) < 2:
        return ""
    last = words[-1]
    if "-" in last:
        low = last.lower()
        if not low.startswith(_ARABIC_ARTICLES):
            return ""
        last = last.split("-", 1)[1]
    return norm(last)


def _load_yaml_text(text: str, source: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{source} is not valid YAML: {exc}; fix the file") from exc


def _code(raw: dict[str, Any], source: str) -> str:
    code = str(raw.get("code") or "")
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise KnowledgeBaseError(f"{source}: country code {code!r} must be three capital letters (ISO alpha-3)")
    return code


def _country(value: Any, source: str) -> str | None:
    if value is None:
        return None
    code = str(value)
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise KnowledgeBaseError(f"{source}: country {code!r} must be an ISO alpha-3 code or IGO/NGO/MNC/WST")
    return code


def _sector(value: Any, source: str) -> str | None:
    if value is None:
        return None
    if str(value) not in SECTORS:
        raise KnowledgeBaseError(f"{source}: unknown sector {value!r}; use one of {', '.join(sorted(SECTORS))}")
    return str(value)


def _date(value: Any) -> str | None:
    return None if value is None else str(value)[:10]


def _shipped_files() -> list[tuple[str, str]]:
    data = resources.files("detente.actors") / "data"
    order = ["countries.yaml", "organizations.yaml"]
    names = sorted(p.name for p in data.iterdir() if p.name.endswith(".yaml"))
    leaders = [n for n in names if n.startswith("leaders")]
    rest = [n for n in names if n not in order and n not in leaders and n != "roles.yaml"]
    files = [n for n in order if n in names] + leaders + rest + ["roles.yaml"]
    return [(n, (data / n).read_text(encoding="utf-8")) for n in files]


@lru_cache(maxsize=1)
def _shipped() -> KnowledgeBase:
    kb = KnowledgeBase()
    for name, text in _shipped_files():
        data = _load_yaml_text(text, name)
        if name == "roles.yaml":
            kb.add_roles(data or {}, name)
        else:
            kb.add_entries(data or [], name)
    kb.add_places()
    return kb


def load_knowledge_base(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped knowledge base, with the user's files (if any) layered on top."""
    extra = list(extra)
    if not extra:
        return _shipped()
    import copy

    kb = copy.deepcopy(_shipped())
    for path in extra:
        kb.add_file(path)
    return kb
