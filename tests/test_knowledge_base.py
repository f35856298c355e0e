"""The shipped data files: every entry parses, codes and sectors are valid, dates are ordered."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from detente.actors.kb import SECTORS, load_knowledge_base
from detente.events.lexicon import load_lexicon
from detente.ontology import EVENT_TYPES, MODES

DATA = resources.files("detente.actors") / "data"
CODE = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def entries(name: str) -> list[dict]:  # type: ignore[type-arg]
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, name
    return data


def leader_files() -> list[str]:
    return sorted(p.name for p in DATA.iterdir() if p.name.startswith("leaders"))


def test_countries_cover_the_un_members_and_are_unique() -> None:
    rows = entries("countries.yaml")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)) >= 195
    assert all(CODE.match(c) for c in codes)
    for needed in ("BLR", "RUS", "UKR", "USA", "CHN", "PSE", "XKX", "TWN", "WST"):
        assert needed in codes
    assert all(r["names"] for r in rows)


def test_places_belong_to_one_country_and_shadow_no_other_name() -> None:
    rows = entries("countries.yaml")
    seen: dict[str, str] = {}
    for row in rows:
        for key in ("names", "seats", "places"):
            for name in row.get(key) or []:
                low = str(name).lower()
                if key == "places":
                    assert low not in seen, (name, row["code"], seen.get(low))
                seen.setdefault(low, row["code"])
    kb = load_knowledge_base()
    places = [(p, r["code"]) for r in rows for p in r.get("places") or []]
    for place, code in places:
        entry = kb.names.get(place.lower().replace("-", " "))
        assert entry is None or entry.kind != "country" or entry.country == code, place


def test_organisations_have_valid_codes_and_sectors() -> None:
    rows = entries("organizations.yaml")
    for row in rows:
        assert row["canonical"] and row["names"], row
        assert CODE.match(row["country"]), row
        assert row["sector"] in SECTORS, row


@pytest.mark.parametrize("name", leader_files())
def test_office_holders_have_ordered_dates(name: str) -> None:
    for person in entries(name):
        assert person["name"] and CODE.match(person["country"]), person
        assert person["sector"] in SECTORS, person
        for office in person["offices"] or []:
            start, end = office.get("from"), office.get("to")
            for value in (start, end):
                assert value is None or DATE.match(str(value)), (person["name"], office)
            if start and end:
                assert str(start) <= str(end), (person["name"], office)


def test_knowledge_base_loads_and_resolves_offices_by_date() -> None:
    kb = load_knowledge_base()
    assert kb.office_holder("USA", "president", "2019-06-01").canonical == "Donald Trump"  # type: ignore[union-attr]
    assert kb.office_holder("USA", "president", "2022-06-01").canonical == "Joe Biden"  # type: ignore[union-attr]
    assert kb.office_holder("RUS", "president", "2021-10-15").canonical == "Vladimir Putin"  # type: ignore[union-attr]
    assert kb.lookup("the Kremlin").country == "RUS"  # type: ignore[union-attr]
    assert kb.lookup("Brussels").country == "IGO"  # type: ignore[union-attr]


def test_lexicon_types_and_modes_are_valid() -> None:
    lex = load_lexicon()
    assert len(lex.verbs) > 300 and len(lex.nouns) > 200
    for table in (lex.verbs, lex.nouns, lex.phrases):
        for key, entry in table.items():
            assert entry.type in EVENT_TYPES, key
            assert entry.mode is None or entry.mode in MODES[entry.type], key
    assert {"impose", "hold", "provide"} <= lex.light_verbs
