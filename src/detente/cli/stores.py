"""The store as the commands see it: opening it, reading actor names the way a user writes them,
and the actor ranking with a country's state counted once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..analysis import parse_dyad
from ..errors import UnknownActorError
from ..exports import Queries
from ..store import Store

# codes that name no country but may stand for an actor (international bodies, regions, the West)
SPECIAL_CODES = frozenset({"IGO", "NGO", "MNC", "WST", "EUR", "AFR", "ASA", "MEA", "LAM", "NAM"})
GOVERNMENT = "Government of "


@contextmanager
def open_store(db: Path | None, read_only: bool = True) -> Iterator[Store]:
    with Store(db, read_only=read_only) as store:
        yield store


def _in_store(store: Queries, sql: str, value: str) -> bool:
    return bool(store.sql(sql, [value, value], output="records"))


def resolve_actor(store: Queries, value: str, option: str) -> str:
    """An actor as the store's filters take it: a country code for a code, a country name or an
    adjective ("Belarus", "Belarusian", "BLR" -> BLR), the canonical name for another name the
    knowledge base knows ("the Kremlin" -> Government of Russia), or a canonical name in the store."""
    text = value.strip()
    code = text.upper()
    if code in SPECIAL_CODES or (text.isalpha() and len(text) == 3 and _in_store(
            store, "SELECT 1 FROM events WHERE source_country = ? OR target_country = ? LIMIT 1", code)):
        return code
    if text:
        from ..actors.kb import load_knowledge_base

        kb = load_knowledge_base([])
        if text.isalpha() and len(text) == 3 and code in kb.countries:
            return code
        entry = kb.lookup(text)
        if entry is not None and entry.kind == "country" and entry.country:
            return entry.country
        adjective = kb.adjective(text)
        if adjective:
            return adjective
        if entry is not None:
            return entry.canonical
        if _in_store(store, "SELECT 1 FROM events WHERE lower(source_canonical) = lower(?) "
                            "OR lower(target_canonical) = lower(?) LIMIT 1", text):
            return text
    raise UnknownActorError(f"{option}: no actor is called {value!r}; give a country code (BLR), a country "
                            "name (Belarus) or a canonical name as `detente actors --top 50` lists them")


def resolve_dyad(store: Queries, text: str, option: str = "--dyad") -> tuple[str, str]:
    a, b = parse_dyad(text)
    return resolve_actor(store, a, option), resolve_actor(store, b, option)


TOP_COLUMNS = ["actor", "country", "sector", "events", "as_source", "as_target", "mean_score", "merged"]


def top_actors(store: Queries, n: int) -> list[dict[str, Any]]:
    """The N most active actors; a country and its government ("Russia", "Government of Russia")
    are one actor, shown under the government's name with the merged names in ``merged``."""
    rows = store.top_actors(2**62, output="records")
    names = {r["country"]: r["actor"][len(GOVERNMENT):] for r in rows
             if r["country"] and r["sector"] == "GOV" and str(r["actor"]).startswith(GOVERNMENT)}
    merged: dict[tuple[str, ...], dict[str, Any]] = {}
    for r in rows:
        country = r["country"]
        state = country in names and r["sector"] in (None, "GOV") and r["actor"] in (
            names[country], GOVERNMENT + names[country], country)
        key = ("state", country) if state else ("actor", str(r["actor"]), str(country))
        row = merged.get(key)
        if row is None:
            label = GOVERNMENT + names[country] if state else r["actor"]
            merged[key] = {**r, "actor": label, "sector": "GOV" if state else r["sector"], "merged": "",
                           "_sum": 0.0, "_n": 0}
            _add_score(merged[key], r)
            if label != r["actor"]:
                merged[key]["merged"] = r["actor"]
            continue
        for col in ("events", "as_source", "as_target"):
            row[col] += r[col]
        _add_score(row, r)
        if r["actor"] != row["actor"]:
            row["merged"] = ", ".join(filter(None, [row["merged"], r["actor"]]))
    out = sorted(merged.values(), key=lambda r: (-r["events"], str(r["actor"])))[:n]
    for r in out:
        total, n_scored = r.pop("_sum"), r.pop("_n")
        r["mean_score"] = round(total / n_scored, 2) if n_scored else None
    return out


def _add_score(row: dict[str, Any], r: dict[str, Any]) -> None:
    if r["mean_score"] is not None:
        row["_sum"] += r["mean_score"] * r["events"]
        row["_n"] += r["events"]
