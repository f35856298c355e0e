"""PLOVER event types: quad class, intensity score and CAMEO root for each type and mode."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    name: str
    quad: int
    score: float
    cameo: str


KINDS: dict[str, EventKind] = {
    k.name: k
    for k in (
        EventKind("AGREE", 1, 2.5, "03"),
        EventKind("CONSULT", 1, 2.5, "04"),
        EventKind("SUPPORT", 1, 5.0, "05"),
        EventKind("CONCEDE", 1, 4.5, "08"),
        EventKind("COOPERATE", 2, 9.5, "06"),
        EventKind("AID", 2, 10.0, "07"),
        EventKind("RETREAT", 2, 6.5, "08"),
        EventKind("REQUEST", 3, 0.0, "10"),
        EventKind("ACCUSE", 3, -3.0, "11"),
        EventKind("REJECT", 3, -2.0, "12"),
        EventKind("THREATEN", 3, -3.5, "13"),
        EventKind("PROTEST", 4, -5.0, "14"),
        EventKind("MOBILIZE", 4, -5.5, "15"),
        EventKind("SANCTION", 4, -6.0, "16"),
        EventKind("COERCE", 4, -7.0, "17"),
        EventKind("ASSAULT", 4, -9.0, "18"),
    )
}

EVENT_TYPES: tuple[str, ...] = tuple(KINDS)

MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
                         "withhold", "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "firearms", "explosives",
                          "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "AID": frozenset({"economic", "military", "humanitarian", "asylum"}),
    "SANCTION": frozenset({"expel", "recall", "embargo", "tariff", "freeze", "break-relations"}),
    "MOBILIZE": frozenset({"troops", "weapons-test", "alert"}),
}

# Modes that move the intensity away from the type's default (in the spirit of PLOVER's scale).
MODE_SCORES: dict[tuple[str, str], float] = {
    ("ASSAULT", "aerial"): -10.0,
    ("ASSAULT", "heavy-weapons"): -10.0,
    ("ASSAULT", "beat"): -8.0,
    ("ASSAULT", "crowd-control"): -8.0,
    ("COERCE", "arrest"): -7.5,
    ("COERCE", "censor"): -6.5,
    ("SANCTION", "expel"): -6.5,
    ("SANCTION", "break-relations"): -7.0,
    ("MOBILIZE", "weapons-test"): -6.0,
    ("AID", "military"): 8.5,
}

# CAMEO roots where a mode is more specific than the type (ASSAULT spans 18-20).
MODE_CAMEO: dict[tuple[str, str], str] = {
    ("ASSAULT", "aerial"): "19",
    ("ASSAULT", "heavy-weapons"): "19",
    ("ASSAULT", "firearms"): "19",
    ("ASSAULT", "unconventional"): "20",
}


def score_for(event_type: str, mode: str | None = None) -> float:
    return MODE_SCORES.get((event_type, mode or ""), KINDS[event_type].score)


def cameo_for(event_type: str, mode: str | None = None) -> str:
    return MODE_CAMEO.get((event_type, mode or ""), KINDS[event_type].cameo)

# Events below this confidence are dropped by default (precision first; chosen on the dev set, see docs).
DEFAULT_MIN_CONFIDENCE = 0.37
