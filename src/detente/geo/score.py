"""Location accuracy: on the gold events the coder finds (same sentence and type), is the place right?

Gold events carry ``location`` (``precision`` null when the text gives no place), inline as in the
shared training set or from a side file of ``{"doc", "event", "location"}`` lines (``eval/locations/``).
For events that have a place: the share given the right country, the right first-level division and a
point within 25 km. For events that have none: the share given a place anyway.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..actors.kb import norm
from ..scoring import event_matches
from .gazetteer import admin_core, gazetteer, haversine_km

RADIUS_KM = 25.0


@dataclass
class LocationScores:
    placed: int = 0  # found gold events that have a place
    given: int = 0  # ... of which the coder gave one
    country: int = 0
    admin1: int = 0
    with_point: int = 0  # found gold events with a place and coordinates
    near: int = 0  # ... of which the coder's point is within RADIUS_KM
    placeless: int = 0  # found gold events with no place
    invented: int = 0  # ... of which the coder gave one
    misses: list[str] = field(default_factory=list)

    def lines(self, name: str) -> Iterator[str]:
        def share(a: int, b: int) -> str:
            return f"{a / b:.3f} ({a}/{b})" if b else "- (0/0)"
        yield f"  location ({name}): events with a place {self.placed}, given one {share(self.given, self.placed)}"
        yield (f"    right country {share(self.country, self.placed)}, right admin1 {share(self.admin1, self.placed)},"
               f" within {RADIUS_KM:.0f} km {share(self.near, self.with_point)}")
        yield f"    placeless events given a place {share(self.invented, self.placeless)}"


def load_side_file(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """(document id, event id) -> gold location, from a JSON Lines side file."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[(str(row["doc"]), str(row["event"]))] = row.get("location") or {}
    return out


def _norm_admin(name: str | None) -> str:
    """A division's name as a key without its generic words: "Kharkivs'ka Oblast'" -> "kharkivs ka"."""
    return admin_core(" ".join(re.sub(r"[^a-z ]+", " ", norm(name)).split())) if name else ""


def _same_admin1(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    g, p = _norm_admin(gold.get("admin1")), _norm_admin(pred.get("admin1"))
    if not g:
        return not p or pred.get("precision") == "country" or gold.get("precision") != "country"
    if p and (g == p or g in p or p in g):
        return True
    lat, lon = gold.get("latitude"), gold.get("longitude")
    if p and lat is not None and lon is not None:  # the gold point's division, named the gazetteer's way
        return _norm_admin(gazetteer().admin1_of(lat, lon, gold.get("country"))) == p
    return False


def score_locations(gold_docs: dict[str, dict[str, Any]], pred_docs: dict[str, dict[str, Any]],
                    side: dict[tuple[str, str], dict[str, Any]] | None = None) -> LocationScores:
    out = LocationScores()
    for doc_id, gdoc in gold_docs.items():
        preds = (pred_docs.get(doc_id) or {}).get("events") or []
        used: set[int] = set()
        for g in gdoc.get("events") or []:
            if g.get("confidence") == "debatable":
                continue
            gloc = side.get((doc_id, str(g.get("id")))) if side is not None else g.get("location")
            hit = next((i for i, p in enumerate(preds) if i not in used and event_matches(g, p, "type")), None)
            if hit is None or gloc is None:
                if hit is not None:
                    used.add(hit)
                continue
            used.add(hit)
            ploc = preds[hit].get("location") or {}
            if not gloc.get("precision"):
                out.placeless += 1
                if ploc:
                    out.invented += 1
                    out.misses.append(f"{doc_id} {g.get('id')}: invented {ploc.get('place')!r}")
                continue
            out.placed += 1
            if not ploc:
                out.misses.append(f"{doc_id} {g.get('id')}: no place, gold {gloc.get('resolved')!r}")
                if gloc.get("latitude") is not None:
                    out.with_point += 1
                continue
            out.given += 1
            out.country += ploc.get("country") == gloc.get("country")
            out.admin1 += _same_admin1(gloc, ploc)
            if gloc.get("latitude") is not None:
                out.with_point += 1
                if ploc.get("latitude") is not None and haversine_km(
                        gloc["latitude"], gloc["longitude"], ploc["latitude"], ploc["longitude"]) <= RADIUS_KM:
                    out.near += 1
                else:
                    out.misses.append(f"{doc_id} {g.get('id')}: {ploc.get('resolved')!r} for {gloc.get('resolved')!r}")
    return out
