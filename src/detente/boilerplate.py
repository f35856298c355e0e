"""Trailing page furniture in plain-text input: teasers of other articles, disclaimers, share lines.

trafilatura removes such blocks from HTML; a page already flattened to text keeps them, so
the end of a plain-text document is trimmed by these rules.
"""

from __future__ import annotations

import re

# "WARSAW, Poland (AP) —", "Dhaka, Jul 29 (PTI)": the place of filing, never an actor
# Place names are capitalised words; a bare hyphen only separates when spaced ("four-day" is no dateline).
DATELINE = re.compile(r"^\s*[A-Z][A-Za-z.\'-]+(?: [A-Z][A-Za-z.\'-]+)?"
                      r"(?:,\s*[A-Z][A-Za-z.\']*(?: [A-Z][A-Za-z.\']*){0,3})?"
                      r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
                      r"\s*(?:\([A-Za-z. ]{2,20}\)\s*(?:[—–:-]+\s*)?|[—–:]+\s*|\s-{1,2}\s+)")


def dateline_end(text: str) -> int:
    """Where the opening dateline ("WARSAW, Poland (AP) —", "Dhaka, Jul 29 (PTI)") ends, or 0."""
    match = DATELINE.match(text)
    return match.end() if match else 0


_BULLET = re.compile(r"(?m)^([ \t]*)[-•*·▪–—]([ \t]+)(?=\S)")


def mask_dateline(text: str) -> str:
    """TEXT with its dateline and list bullets blanked out (same length, so offsets hold): the parser
    otherwise takes the place name for the subject of the first sentence, and a leading "- " breaks
    the parse of a headline."""
    end = dateline_end(text)
    masked = " " * end + text[end:] if end else text
    return _BULLET.sub(lambda m: m.group(1) + " " + m.group(2), masked)

# A line that opens the furniture: everything from it to the end is dropped.
_CUTOFF = re.compile(
    r"^\s*(?:related (?:articles|stories|posts|news|content)|read (?:more|also|next)|more from|"
    r"you (?:may|might) also (?:like|be interested)|recommended(?: for you)?|most read|trending|"
    r"see also|also on|share this|follow us|subscribe|sign up for|advertisement|"
    r"the (?:views|opinions)(?: and opinions)? expressed in this (?:article|piece|post)|"
    r"disclaimer:|copyright\b|©|all rights reserved)",
    re.IGNORECASE,
)
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")


# A blank line: a newline, then lines holding only spaces, tabs or '\r' (so Windows "\r\n\r\n" counts).
_BLANK_LINE = re.compile(r"\n(?:[^\S\n]*\n)+")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of blank-line-separated blocks, without their surrounding whitespace."""
    spans = []
    pos = 0
    for stop in [m.start() for m in _BLANK_LINE.finditer(text)] + [len(text)]:
        block = text[pos:stop]
        stripped = block.strip()
        if stripped:
            start = pos + len(block) - len(block.lstrip())
            spans.append((start, start + len(stripped)))
        pos = stop
    return spans


def _is_title(block: str) -> bool:
    words = block.split()
    return (0 < len(words) <= 16 and "\n" not in block.strip()
            and not block.rstrip().endswith((".", "!", "\"")))


def strip_text_boilerplate(text: str) -> str:
    """TEXT without its trailing teasers and disclaimers; the article body is left untouched."""
    spans = _paragraphs(text)
    if len(spans) < 2:
        return text
    keep = len(spans)
    # Cut at the first furniture marker in the last third of the document.
    first_tail = max(1, len(spans) * 2 // 3)
    for i in range(first_tail, len(spans)):
        s, e = spans[i]
        if _CUTOFF.match(text[s:e]):
            keep = i
            break
    # Then drop teaser pairs from the end: a title line followed by a truncated blurb.
    while keep >= 2:
        s, e = spans[keep - 1]
        block = text[s:e]
        if _TRUNCATED.search(block):
            keep -= 1
            ts, te = spans[keep - 1]
            if _is_title(text[ts:te]):
                keep -= 1
            continue
        if _CUTOFF.match(block):
            keep -= 1
            continue
        break
    if keep == len(spans):
        return text
    if keep == 0:
        return text
    return text[: spans[keep - 1][1]]
