"""The actor knowledge base: data files beside this module, plus the user's own files.

Files (one entry per actor, see the comments at the top of each):
``countries.yaml``, ``organizations.yaml``, ``leaders_*.yaml``, ``roles.yaml``.
A user file (``--actors FILE``) may hold any of the three entry kinds in one list:
entries with ``code`` are countries, with ``offices`` are people, with ``canonical`` are
organisations. A user entry replaces a shipped entry of the same canonical name or code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeBaseError
from ..word_classes import WORD_CLASSES_FILE

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
    demonyms: dict[str, str] = field(default_factory=dict)  # one of a people: "turk", "briton" -> its country
    countries: dict[str, CountryInfo] = field(default_factory=dict)
    people: list[Entry] = field(default_factory=list)
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    places: list[tuple[str, Entry]] = field(default_factory=list)
    place_names: set[str] = field(default_factory=set)  # cities and provinces, which stand for their state
    role_sectors: dict[str, str] = field(default_factory=dict)
    role_offices: dict[str, str] = field(default_factory=dict)
    _offices: dict[tuple[str | None, str], list[tuple[Entry, Office]]] | None = field(default=None, repr=False)

    # -- lookups -------------------------------------------------------------------------------
    def lookup(self, text: str) -> Entry | None:
        return self.names.get(norm(text))

    def adjective(self, text: str) -> str | None:
        return self.adjectives.get(norm(text))

    def names_a_state(self, text: str) -> bool:
        """TEXT is a state's own name ("Iran", "Belarus"), not a city or seat that stands for it ("Minsk")."""
        entry = self.lookup(text)
        return entry is not None and entry.kind == "country" and norm(text) not in self.place_names

    def demonym(self, text: str) -> str | None:
        """The country whose person a singular people noun names: "Turk", "Briton", "Greek", "Frenchman"."""
        key = norm(text)
        if not text.isalpha() or text.isupper():
            return None  # "the U.S.", "the UK": a state's short name, not one of its people
        return self.demonyms.get(key) or self.adjectives.get(key)

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
            one = _singular(norm(str(p)))
            if one and (override or one not in self.demonyms):
                self.demonyms[one] = code
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
            self.place_names.add(norm(name))
        self.places = []

    def add_org(self, raw: dict[str, Any], source: str, override: bool = False) -> None:
        canonical = str(raw.get("canonical") or "")
        if not canonical:
            raise KnowledgeBaseError(f"{source}: an organisation entry lacks 'canonical'; add it")
        entry = Entry(canonical, _country(raw.get("country"), source), _sector(raw.get("sector"), source),
                      "org", source=source)
        for n in [canonical, *(raw.get("names") or [])]:
            self.add_name(str(n), entry, override)

    def add_person(self, raw: dict[str, Any], source: str, override: bool = False,
                   batch: list[Entry] | None = None) -> None:
        """Add a person; with BATCH (user files), overriding people are gathered there and put in
        front of ``people`` once, by ``add_entries``, instead of rebuilding the list per person."""
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
        if override and batch is not None:
            batch.append(entry)
        elif override:  # user entries come first, so they win office lookups too
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
        batch: list[Entry] | None = [] if override else None
        for raw in entries:
            if not isinstance(raw, dict):
                raise KnowledgeBaseError(f"{source}: every entry must be a mapping, got {raw!r}")
            if "code" in raw:
                self.add_country(raw, source, override)
            elif "offices" in raw or "aliases" in raw:
                self.add_person(raw, source, override, batch)
            elif "canonical" in raw:
                self.add_org(raw, source, override)
            else:
                raise KnowledgeBaseError(
                    f"{source}: entry {raw!r} is neither a country (code), a person (name + offices) "
                    "nor an organisation (canonical); see the README for the format"
                )
        if batch:  # the last entry of a name wins; later user entries come first
            first: dict[str, Entry] = {}
            for person in reversed(batch):
                first.setdefault(person.canonical, person)
            self.people = list(first.values()) + [p for p in self.people if p.canonical not in first]
            self._offices = None

    def add_file(self, path: str | Path) -> None:
        """Add a user's actor file; its entries override shipped ones. Every entry is checked first:
        a bad file raises one KnowledgeBaseError naming the file and the line of each bad entry."""
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise KnowledgeBaseError(f"{source} is not UTF-8 text ({exc.reason} at byte {exc.start}); "
                                     "save it as UTF-8") from exc
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot read the actor file {source}: {exc.strerror}; "
                                     "check the --actors path") from exc
        entries = _user_entries(text, source)
        defined = {str(raw.get("code")) for raw, _ in entries if isinstance(raw, dict)}
        known = set(self.countries) | SPECIAL_CODES | defined
        problems = [p for raw, lines in entries for p in _check_entry(raw, lines, known)]
        if problems:
            shown = problems[:20]
            more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
            head = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
            raise KnowledgeBaseError(f"{source}: {head} in the actor file:\n  "
                                     + "\n  ".join(f"{source}, line {p}" for p in shown) + more)
        self.add_entries([raw for raw, _ in entries], source, override=True)
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


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """The safe loader (libyaml when installed), but a date that is no date ("2024-13-45") stays a
    string, for the entry check to report with its line, instead of a bare ValueError."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _compose(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    """The data of TEXT and its node tree (for line numbers); bad YAML is a KnowledgeBaseError
    with the file and line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{source}, line {mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise KnowledgeBaseError(f"{where}: not valid YAML ({problem}); fix the file there (check the "
                                 "indentation, and quote a value holding ':' or '#')") from exc
    finally:
        loader.dispose()
    return data, node


def _load_yaml_text(text: str, source: str) -> Any:
    return _compose(text, source)[0]


_EXAMPLE = """  - canonical: Minsk Dialogue Forum
    country: BLR
    sector: EDU
    names: [Minsk Dialogue]"""


def _user_entries(text: str, source: str) -> list[tuple[Any, dict[str, int]]]:
    """The entries of a user's actor file, each with the lines of its keys ("" for the entry)."""
    data, node = _compose(text, source)
    if data is None:
        return []
    if isinstance(data, dict) and list(data) == ["actors"] and isinstance(node, yaml.MappingNode):
        data, node = data["actors"] or [], node.value[0][1]  # the old {actors: [...]} form
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        line = node.start_mark.line + 1 if node is not None else 1
        shape = "a mapping" if isinstance(data, dict) else f"a single value ({data!r})"
        raise KnowledgeBaseError(
            f"{source}, line {line}: an actor file must be a YAML list of entries, each starting with "
            f"'- ', but this file holds {shape}; write it like\n{_EXAMPLE}")
    out: list[tuple[Any, dict[str, int]]] = []
    for raw, item in zip(data, node.value, strict=True):
        lines = {"": item.start_mark.line + 1}
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                lines[str(key.value)] = value.start_mark.line + 1
                if key.value == "offices" and isinstance(value, yaml.SequenceNode):
                    for i, office in enumerate(value.value):
                        lines[f"offices.{i}"] = office.start_mark.line + 1
        out.append((raw, lines))
    return out


_LISTS = ("names", "aliases", "seats", "people", "adjectives", "places")
_KINDS = "a country (code: XYZ), a person (name: and offices: or aliases:) or an organisation (canonical:)"


def _check_entry(raw: Any, lines: dict[str, int], known: set[str]) -> list[str]:
    """What is wrong with one user entry, as 'LINE: problem; fix' strings (none when it is good)."""
    line = lines[""]
    if not isinstance(raw, dict):
        return [f"{line}: an entry must be a mapping of keys (name:, country:, ...), not {raw!r}; "
                f"write it like\n{_EXAMPLE}"]
    label = next((f" ({raw[k]!r})" for k in ("canonical", "name", "code") if isinstance(raw.get(k), str)), "")
    problems: list[str] = []

    def bad(key: str, text: str) -> None:
        at = lines.get(key, line)
        where = f"{at}: entry{label} starting on line {line}" if at != line else f"{line}: entry{label}"
        problems.append(f"{where}: {text}")

    def text_field(key: str, example: str, required: bool = False) -> None:
        value = raw.get(key)
        if value is None and not required:
            return
        if not isinstance(value, str) or not value.strip():
            what = "lacks" if key not in raw else f"has {key}: {value!r};"
            bad(key, f"{what} {key} must be a non-empty text, e.g. {key}: {example}")

    def code_field(value: Any, key: str, field: str = "country") -> None:
        if value is None:
            return
        if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
            bad(key, f"{field}: {value!r} must be a three-letter ISO 3166 alpha-3 code in capitals, e.g. "
                     f"country: BLR (or IGO, NGO, MNC)")
        elif value not in known:
            bad(key, f"unknown country code {field}: {value}; use an ISO 3166 alpha-3 code such as BLR, "
                     "one of IGO, NGO, MNC, or define the country in this file with code: " + value)

    if "code" in raw:
        code = raw.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
            bad("code", f"code: {code!r} must be a three-letter ISO 3166 alpha-3 code in capitals, e.g. code: BLR")
        text_field("name", "Belarus")
    elif "offices" in raw or "aliases" in raw:
        text_field("name", "Jane Example", required=True)
    elif "canonical" in raw:
        text_field("canonical", "Minsk Dialogue Forum", required=True)
    else:
        hint = ("; an organisation needs canonical: NAME, e.g. canonical: Minsk Dialogue Forum"
                if "names" in raw or "sector" in raw else "")
        return [f"{line}: entry with keys {', '.join(map(str, raw))} is none of {_KINDS}{hint}"]
    code_field(raw.get("country"), "country")
    sector = raw.get("sector")
    if sector is not None and sector not in SECTORS:
        bad("sector", f"unknown sector {sector!r}; use one of {', '.join(sorted(SECTORS))}")
    for key in _LISTS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) and not isinstance(v, bool)
                                                  for v in value):
            example = {"aliases": "[J. Example]", "adjectives": "[Belarusian]"}.get(key, "[Minsk Dialogue]")
            bad(key, f"{key} must be a list of names, e.g. {key}: {example}, not {value!r}")
    offices = raw.get("offices")
    if offices is not None and not isinstance(offices, list):
        bad("offices", "offices must be a list, e.g. offices: [{role: foreign minister, from: 2024-01-01, "
                       f"to: null}}], not {offices!r}")
    for i, office in enumerate(offices if isinstance(offices, list) else []):
        at = f"offices.{i}"
        if not isinstance(office, dict):
            bad(at, f"office {i + 1} must be a mapping like {{role: foreign minister, from: 2024-01-01}}, "
                    f"not {office!r}")
            continue
        role = office.get("role")
        if not isinstance(role, str) or not role.strip():
            bad(at, f"office {i + 1} needs a role, e.g. role: foreign minister")
        days = []
        for key in ("from", "to"):
            value = office.get(key)
            if value is None:
                continue
            day = _day(value)
            if day is None:
                bad(at, f"office {i + 1} has {key}: {value!r}, which is not a date; write YYYY-MM-DD, "
                        f"e.g. {key}: 2024-01-31 (or null when open)")
            days.append(day)
        if len(days) == 2 and days[0] and days[1] and days[0] > days[1]:
            bad(at, f"office {i + 1} ends (to: {days[1]}) before it starts (from: {days[0]}); swap them")
        code_field(office.get("country"), at, f"office {i + 1} country")
    return problems


def _day(value: Any) -> str | None:
    """VALUE as YYYY-MM-DD when it is a real date, else None."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


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
    names = sorted(p.name for p in data.iterdir() if p.name.endswith(".yaml") and p.name != WORD_CLASSES_FILE)
    leaders = [n for n in names if n.startswith("leaders")]
    rest = [n for n in names if n not in order and n not in leaders and n != "roles.yaml"]
    files = [n for n in order if n in names] + leaders + rest + ["roles.yaml"]
    return [(n, (data / n).read_text(encoding="utf-8")) for n in files]


def _build_shipped(files: list[tuple[str, str]]) -> KnowledgeBase:
    kb = KnowledgeBase()
    for name, text in files:
        data = _load_yaml_text(text, name)
        if name == "roles.yaml":
            kb.add_roles(data or {}, name)
        else:
            kb.add_entries(data or [], name)
    kb.add_places()
    return kb


@lru_cache(maxsize=1)
def _shipped() -> KnowledgeBase:
    files = _shipped_files()
    return _cached(_key([text.encode("utf-8") for _, text in files]), lambda: _build_shipped(files))


def load_knowledge_base(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped knowledge base, with the user's files (if any) layered on top.

    The parsed result is cached (a pickle under ``cache_dir()``) by the SHA-256 of the files'
    contents (and of this module), so the next load of the same files skips parsing; a cache
    that cannot be read or written is skipped.
    """
    paths = [Path(p) for p in extra]
    if not paths:
        return _shipped()
    contents: list[bytes] = []
    for path in paths:
        try:
            contents.append(path.read_bytes())
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot read the actor file {path}: {exc.strerror}; "
                                     "check the --actors path") from exc
    shipped = [text.encode("utf-8") for _, text in _shipped_files()]

    def build() -> KnowledgeBase:
        import copy

        kb = copy.deepcopy(_shipped())
        for path in paths:
            kb.add_file(path)
        return kb

    return _cached(_key(shipped + [b"--user files--"] + contents), build)


# -- the cache of parsed knowledge bases ------------------------------------------------------------
_CACHE_VERSION = b"detente-kb-cache-1"
_CACHE_KEEP = 8  # knowledge bases kept; older ones are removed


def cache_dir() -> Path:
    """$DETENTE_CACHE_DIR, else $XDG_CACHE_HOME/detente, else ~/.cache/detente."""
    if os.environ.get("DETENTE_CACHE_DIR"):
        return Path(os.environ["DETENTE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "detente"


def _key(parts: list[bytes]) -> str:
    digest = hashlib.sha256(_CACHE_VERSION)
    digest.update(hashlib.sha256(Path(__file__).read_bytes()).digest())  # a new kb.py: a new cache
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _cached(key: str, build: Callable[[], KnowledgeBase]) -> KnowledgeBase:
    """The knowledge base pickled under KEY, else BUILD() (then pickled there when possible)."""
    path: Path | None = None
    try:
        path = cache_dir() / f"kb-{key}.pickle"
        with path.open("rb") as fh:
            kb = pickle.load(fh)
        if isinstance(kb, KnowledgeBase):
            os.utime(path)  # most recently used
            return kb
    except Exception:  # noqa: BLE001, S110 - a missing, unreadable or stale cache: build it again
        pass
    kb = build()
    if path is not None:
        _store(path, kb)
    return kb


def _store(path: Path, kb: KnowledgeBase) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".kb-", suffix=".tmp",
                                         delete=False) as fh:
            tmp = Path(fh.name)
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        old = sorted(path.parent.glob("kb-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[_CACHE_KEEP:]:
            stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # no cache this time
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _singular(plural: str) -> str | None:
    """One of a people from its plural name: "turks" -> "turk", "frenchmen" -> "frenchman"; None when the
    plural has no regular singular ("swiss", "chinese")."""
    if " " in plural:
        return None
    if plural.endswith("men"):
        return plural[:-3] + "man"
    if plural.endswith("s") and not plural.endswith("ss"):
        return plural[:-1]
    return None
