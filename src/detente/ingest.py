"""Read articles from files, directories, JSON Lines and stdin into ``Document`` records.

Every input yields either a ``Document`` or a ``Result`` carrying the error that kept it
from being read, so one bad file never stops a batch.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .boilerplate import strip_text_boilerplate
from .errors import (
    BadRecordError,
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    NotEnglishError,
    TooLargeError,
)
from .guard import prose
from .records import Document, Result

MAX_CHARS = 1_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".json"}

_ENGLISH = frozenset(
    "the of and to in a is that for on with as was by at from it an be has have are were said "
    "his her their its not but which who this will would after over".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")

DocOrError = Document | Result
log = logging.getLogger("detente")


def failure(doc_id: str, err: InputError) -> Result:
    return Result(id=doc_id, error=err.message, error_code=err.code)


def check_published(value: object) -> str | None:
    """Normalise a publication date to YYYY-MM-DD, or None when absent or unreadable. An ISO date-time
    ("2024-03-14T09:30:00Z") gives its day; trailing junk ("2024-03-14abc") is unreadable."""
    if value is None or value == "" or not isinstance(value, str):
        return None
    text = value.strip()
    if not _DATE_TIME.match(text):
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def record_published(value: object, origin: str, n: int) -> str | None:
    """The 'published' field of JSON Lines record N: absent is fine; an unreadable one is logged as a
    warning naming the record (the record is still coded, with the default date) - never dropped silently."""
    if value is None or value == "":
        return None
    day = check_published(value)
    if day is None:
        log.warning("%s:%d: published %r is not a date, so the record gets the default date; write it as a "
                    'string "YYYY-MM-DD" (e.g. "2023-03-06")', origin, n, value)
    return day


_CP1252_FALLBACK = "detente-cp1252"


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "u\0k\0r\0": ASCII text saved as UTF-16 without a byte-order mark (every other byte NUL)."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.9 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.9 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def decode(raw: bytes, name: str = "the input") -> str:
    """Bytes to text: a byte-order mark's encoding (UTF-16, UTF-32), else UTF-8, with cp1252 for bytes
    that are not UTF-8 (logged); binary data is refused."""
    if not raw.strip(b" \t\r\n\x00"):
        raise EmptyInputError(f"{name} is empty; nothing to code")
    wide = next((enc for bom, enc in _BOMS if raw.startswith(bom)), None) or _utf16_without_bom(raw[:8192])
    if wide is not None:
        try:
            return raw.decode(wide).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"{name} starts like {wide} text but is not valid {wide} ({exc.reason} at byte "
                                f"{exc.start}); save it as UTF-8") from exc
    sample = raw[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.05:
        raise BinaryInputError("the input looks binary (NUL or control bytes); pass text, HTML or JSON Lines")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Legacy cp1252 files and UTF-8 files with stray cp1252 bytes (mixed encodings): bytes that are
    # not UTF-8 are read as cp1252, one sequence at a time, so neither kind loses its accents and
    # curly quotes (a whole-file choice turned a cp1252 file's few accents into U+FFFD).
    log.warning("%s is not valid UTF-8; its other bytes were read as Windows-1252 (cp1252)", name)
    return raw.decode("utf-8", errors=_CP1252_FALLBACK).removeprefix("\ufeff")


def check_text(text: str, max_chars: int = MAX_CHARS) -> str:
    """Refuse text that cannot be coded usefully, with a reason."""
    text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyInputError("the document has no text after cleaning")
    if len(text) > max_chars:
        raise TooLargeError(
            f"the document has {len(text):,} characters, above the limit of {max_chars:,}; "
            "split it into articles (in Python, read_documents(..., max_chars=N) raises the limit)"
        )
    words = _WORD.findall(prose(text[:20000]).lower())  # judged on the prose, not on embedded data
    if len(words) >= 20 and sum(w in _ENGLISH for w in words) / len(words) < 0.08:
        raise NotEnglishError("the text does not look like English; detente codes English news only")
    return text


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<p>" in head)


def from_html(doc_id: str, html: str, published: str | None, path: str | None = None,
              max_chars: int = MAX_CHARS) -> Document:
    """Main text and metadata of an HTML page; menus, footers and teasers are dropped by trafilatura."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its warnings are about the page, not for users

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    if extracted is None:
        raise EmptyInputError("the HTML page has no article text (no body or only boilerplate)")
    text = getattr(extracted, "text", None) or ""
    title = getattr(extracted, "title", None)
    page_date = check_published(getattr(extracted, "date", None))
    url = getattr(extracted, "url", None)
    text = check_text(text, max_chars)
    # the page's own date wins: --published is documented as the date "for inputs that lack one"
    return Document(id=doc_id, text=text, title=title, url=url, published=page_date or published, path=path)


def from_text(doc_id: str, text: str, published: str | None = None, *, title: str | None = None,
              url: str | None = None, path: str | None = None, max_chars: int = MAX_CHARS) -> Document:
    if looks_like_html(text):
        doc = from_html(doc_id, text, published, path, max_chars)
        # a JSON Lines record's own title and url beat what the page's markup says
        return doc.model_copy(update={"title": title or doc.title, "url": url or doc.url}) if title or url else doc
    text = check_text(strip_text_boilerplate(text), max_chars)
    return Document(id=doc_id, text=text, title=title, url=url, published=published, path=path)


def read_jsonl(lines: Iterable[bytes | str], origin: str, published: str | None,
               max_chars: int = MAX_CHARS) -> Iterator[DocOrError]:
    """Stream JSON Lines records; a bad line becomes an error result named ORIGIN:LINE."""
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        if isinstance(line, bytes):
            try:
                # utf-8-sig on the first line: editors on Windows save JSONL with a byte-order mark.
                line = line.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                yield failure(f"{origin}:{n}", BadRecordError(f"line {n} is not valid UTF-8"))
                continue
        if not line.strip():
            continue
        doc_id = f"{origin}:{n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise BadRecordError(f"line {n} is not a JSON object")
            raw_id = obj.get("id")
            if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
                raise BadRecordError(f"line {n}: id {raw_id!r} is not a string or a whole number; "
                                     "give each record a plain id")
            doc_id = str(raw_id) if raw_id not in (None, "") else doc_id
            if doc_id in seen:
                raise BadRecordError(f"line {n} repeats the id {doc_id!r} of line {seen[doc_id]}; "
                                     "give each record its own id")
            seen[doc_id] = n
            text = obj.get("text")
            if not isinstance(text, str):
                raise BadRecordError(f"line {n} has no string field 'text'")
            yield from_text(doc_id, text, record_published(obj.get("published"), origin, n) or published,
                            title=_opt_str(obj.get("title")), url=_opt_str(obj.get("url")),
                            max_chars=max_chars)
        except json.JSONDecodeError as exc:
            yield failure(doc_id, BadRecordError(f"line {n} is not JSON ({exc.msg}); fix or remove the line"))
        except (ValueError, RecursionError) as exc:
            # json.loads raises these for over-long integers and deeply nested arrays, not JSONDecodeError.
            yield failure(doc_id, BadRecordError(f"line {n} is not usable JSON ({exc}); "
                                                 "fix or remove the line"))
        except InputError as exc:
            yield failure(doc_id, exc)


def _opt_str(value: object) -> str | None:
    """A metadata field as text; a number or list in 'title'/'url' must not fail the whole record."""
    if value is None or isinstance(value, str):
        return value
    return str(value) if isinstance(value, int | float) else None


def read_file(path: Path, published: str | None = None, max_chars: int = MAX_CHARS) -> Iterator[DocOrError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with path.open("rb") as fh:
            yield from read_jsonl(fh, path.stem, published, max_chars)
        return
    try:
        size = path.stat().st_size
        if size > max_chars * 4:
            raise TooLargeError(f"{path} has {size:,} bytes, far above the limit of {max_chars:,} characters; "
                                "split it into articles")
        raw = path.read_bytes()
    except InputError as exc:
        yield failure(path.stem, exc)
        return
    except OSError as exc:
        yield failure(path.stem, InputError(f"cannot read {path}: {exc.strerror}; check the path"))
        return
    yield from read_bytes(str(path), raw, published, max_chars)


def read_bytes(name: str, raw: bytes, published: str | None = None,
               max_chars: int = MAX_CHARS) -> Iterator[DocOrError]:
    """The documents of a file whose bytes are RAW, read as ``read_file`` reads the file NAME (a path or
    a URI such as s3://bucket/a.txt: its suffix chooses JSON Lines, HTML or text; its stem is the id)."""
    pure = PurePosixPath(name.split("://", 1)[-1])
    stem, suffix = pure.stem, pure.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(raw), stem, published, max_chars)
        return
    try:
        if len(raw) > max_chars * 4:
            raise TooLargeError(f"{name} has {len(raw):,} bytes, far above the limit of {max_chars:,} characters; "
                                "split it into articles")
        text = decode(raw, name)
        if suffix in HTML_SUFFIXES:
            yield from_html(stem, text, published, name, max_chars)
        else:
            yield from_text(stem, text, published, path=name, max_chars=max_chars)
    except InputError as exc:
        yield failure(stem, exc)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Files in the order given; directories recursively, sorted; '-' stays as stdin."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() and child.suffix.lower() in KNOWN_SUFFIXES
                        and not child.name.startswith(".")):
                    yield child
        else:
            yield path


def read_stdin(stream: BinaryIO, published: str | None, max_chars: int = MAX_CHARS) -> Iterator[DocOrError]:
    first = stream.readline()
    if first.lstrip().startswith(b"{"):
        yield from read_jsonl(_chain(first, stream), "stdin", published, max_chars)
        return
    try:
        yield from_text("stdin", decode(first + stream.read(), "standard input"), published, max_chars=max_chars)
    except InputError as exc:
        yield failure("stdin", exc)


def _chain(first: bytes, rest: BinaryIO) -> Iterator[bytes]:
    yield first
    yield from rest


def read_documents(paths: Iterable[str | Path], published: str | None = None,
                   stdin: BinaryIO | None = None, max_chars: int = MAX_CHARS) -> Iterator[DocOrError]:
    """Every document in PATHS ('-' reads STDIN): a ``Document`` or an error ``Result`` each."""
    for item in iter_paths(paths):
        if item == "-":
            if stdin is None:
                yield failure("stdin",
                              InputError("'-' given but no input stream; pass stdin=sys.stdin.buffer"))
                continue
            yield from read_stdin(stdin, published, max_chars)
        else:
            assert isinstance(item, Path)
            if not item.exists():
                yield failure(item.stem or str(item), InputError(f"{item} does not exist; check the path"))
                continue
            yield from read_file(item, published, max_chars)
