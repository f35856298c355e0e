"""Event dates: explicit and relative date expressions resolved against the publication date.

Returns the date as YYYY-MM-DD, YYYY-MM or YYYY (so the precision is visible in the string)
together with the precision and the source text. Nothing is guessed: no expression, no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), "mdy"),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})\b", re.I), "dmy"),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s+(last|this|next)\s+year\b", re.I), "md-rel"),
    (re.compile(r"\b(?:in\s+)?" + _MONTH + r",?\s+(\d{4})\b", re.I), "my"),
    (re.compile(r"\b(?:on\s+)?" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{4})", re.I), "md"),
    (re.compile(r"\b(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?!\s*,?\s*\d{4})", re.I), "dm"),
    (re.compile(r"\b(?:last|this|next)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I),
     "weekday"),
    (re.compile(r"\bon\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I), "weekday"),
    (re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\b", re.I), "weekday"),
    (re.compile(r"\b(yesterday|today|tonight|this morning|this evening|overnight)\b", re.I), "day-word"),
    (re.compile(r"\b[Ll]ast\s+(Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
                r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b(?!\.?\s*,?\s*\d)"), "last-month"),
    (re.compile(r"\b(last|this|next)\s+(week|month|year)\b", re.I), "rel-unit"),
    (re.compile(r"\b(a|one|two|three|\d+)\s+(day|week|month|year)s?\s+ago\b", re.I), "ago"),
    (re.compile(r"\bin\s+(?:early|mid|late|mid-)?\s*(\d{4})\b", re.I), "year"),
    # "In March", "since October": a month of the year in view; capitalised, so the modal "may" is no month
    (re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?:early\s+|late\s+|mid-?)?"
                r"(Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
                r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b(?!\.?\s*,?\s*\d)"), "month"),
]
_NUM = {"a": 1, "one": 1, "two": 2, "three": 3}


@dataclass(frozen=True)
class EventDate:
    value: str
    precision: str  # day, month, year
    text: str
    start: int  # offset in the sentence


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")[:4] if text.lower().startswith("sept") else text.lower().rstrip(".")[:3]]


def _safe(y: int, m: int, d: int | None) -> EventDate | None:
    try:
        if d is None:
            date(y, m, 1)
            return EventDate(f"{y:04d}-{m:02d}", "month", "", 0)
        return EventDate(date(y, m, d).isoformat(), "day", "", 0)
    except ValueError:
        return None


def resolve(match: re.Match[str], kind: str, published: date | None, future: bool = False) -> EventDate | None:
    g = match.groups()
    if kind == "iso":
        return _safe(int(g[0]), int(g[1]), int(g[2]))
    if kind == "mdy":
        return _safe(int(g[2]), _month(g[0]), int(g[1]))
    if kind == "dmy":
        return _safe(int(g[2]), _month(g[1]), int(g[0]))
    if kind == "my":
        return _safe(int(g[1]), _month(g[0]), None)
    if kind == "year":
        year = int(g[0])
        return EventDate(f"{year:04d}", "year", "", 0) if 1900 < year < 2100 else None
    if published is None:
        return None
    if kind == "md-rel":
        shift = {"last": -1, "this": 0, "next": 1}[g[2].lower()]
        return _safe(published.year + shift, _month(g[0]), int(g[1]))
    if kind == "last-month":  # "last August": the most recent August before this month
        month = _month(g[0])
        return _safe(published.year if month < published.month else published.year - 1, month, None)
    if kind == "month":
        month = _month(g[0])
        if future:
            year = published.year if month >= published.month else published.year + 1
        else:
            year = published.year if month <= published.month else published.year - 1
        return _safe(year, month, None)
    if kind in ("md", "dm"):
        month, day = (_month(g[0]), int(g[1])) if kind == "md" else (_month(g[1]), int(g[0]))
        past = (month, day) <= (published.month, published.day)
        if future:  # "talks will resume on May 19": the next May 19
            today = (month, day) == (published.month, published.day)
            year = published.year if not past or today else published.year + 1
        else:
            year = published.year if past else published.year - 1
        return _safe(year, month, day)
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[g[0].lower()]) % 7
        if future and back:
            return EventDate((published + timedelta(days=7 - back)).isoformat(), "day", "", 0)
        return EventDate((published - timedelta(days=back)).isoformat(), "day", "", 0)
    if kind == "day-word":
        word = g[0].lower()
        when = published - timedelta(days=1) if word in ("yesterday", "overnight") else published
        return EventDate(when.isoformat(), "day", "", 0)
    if kind == "rel-unit":
        shift = {"last": -1, "this": 0, "next": 1}[g[0].lower()]
        unit = g[1].lower()
        if unit == "year":
            return EventDate(f"{published.year + shift:04d}", "year", "", 0)
        if unit == "month":
            m = published.month + shift
            y = published.year + (m - 1) // 12
            return _safe(y, (m - 1) % 12 + 1, None)
        # "last week", "this week": no single day, but the month of the day a week back (or today) is known
        return EventDate((published + timedelta(days=7 * shift)).strftime("%Y-%m"), "month", "", 0)
    if kind == "ago":
        n = _NUM.get(g[0].lower()) or int(g[0])
        unit = g[1].lower()
        if unit == "year":
            return EventDate(f"{published.year - n:04d}", "year", "", 0)
        if unit == "month":
            m = published.month - n
            return _safe(published.year + (m - 1) // 12, (m - 1) % 12 + 1, None)
        days = n * (7 if unit == "week" else 1)
        return EventDate((published - timedelta(days=days)).isoformat(), "day", "", 0)
    return None


def find_dates(sentence: str, published: str | None, future: bool = False) -> list[EventDate]:
    """Every date expression in SENTENCE, resolved; overlapping matches keep the first pattern's."""
    pub = None
    if published:
        try:
            pub = date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    taken: list[tuple[int, int]] = []
    found: list[EventDate] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and m.group(0)[0].islower() and not m.group(0).lower().startswith(("on", "last")):
                continue
            res = resolve(m, kind, pub, future)
            if res is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(EventDate(res.value, res.precision, m.group(0).strip(), m.start()))
    return sorted(found, key=lambda d: d.start)


def nearest_date(dates: list[EventDate], offset: int) -> EventDate | None:
    """The date expression closest to the trigger at OFFSET in the sentence."""
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d.start - offset))
