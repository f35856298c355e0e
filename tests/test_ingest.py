"""Reading inputs into Documents: directories, stdin, JSON Lines fields, HTML metadata, dates, trimming.

No spaCy model is needed here, so these tests are fast.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from detente.ingest import read_documents
from detente.records import Document, Result

ARTICLE = (
    "Poland expelled two Russian diplomats on Tuesday, accusing them of spying for Moscow.\n\n"
    "The foreign ministry in Warsaw said the two men had worked under diplomatic cover and "
    "had been ordered to leave the country within three days.\n\n"
    "Moscow denied the accusation and said it would respond in kind."
)


def _docs(items: list[Document | Result]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), [i for i in items if isinstance(i, Result)]
    return [i for i in items if isinstance(i, Document)]


def _html(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>"


HTML_BODY = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) + (
    "<p>Ties between the two neighbours have been tense since the border closure last spring, "
    "and each capital has sent home a score of envoys in the months since.</p>"
)


def test_directories_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "deeper" / "d.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "e.jsonl").write_text(
        json.dumps({"id": "e1", "text": ARTICLE}) + "\n" + json.dumps({"id": "e2", "text": ARTICLE}) + "\n",
        encoding="utf-8")
    # neither hidden files nor unknown formats are inputs
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")

    docs = _docs(list(read_documents([tmp_path])))

    assert [d.id for d in docs] == ["a", "c", "d", "e1", "e2"]
    assert docs[2].path == str(tmp_path / "b" / "deeper" / "d.txt")


def test_files_and_directories_mix_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "y.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(read_documents([tmp_path / "y.txt", tmp_path / "dir", tmp_path / "missing.txt"]))
    assert [i.id for i in items] == ["y", "x", "missing"]
    missing = items[2]
    assert isinstance(missing, Result) and missing.error_code == "E100" and "does not exist" in (missing.error or "")


def test_stdin_dash_reads_plain_text() -> None:
    items = list(read_documents(["-"], published="2024-03-01", stdin=io.BytesIO(ARTICLE.encode())))
    [doc] = _docs(items)
    assert doc.id == "stdin"
    assert doc.published == "2024-03-01"
    assert doc.text.startswith("Poland expelled")


def test_stdin_dash_reads_json_lines() -> None:
    lines = "".join(json.dumps({"id": f"s{i}", "text": ARTICLE}) + "\n" for i in range(3))
    docs = _docs(list(read_documents(["-"], stdin=io.BytesIO(lines.encode()))))
    assert [d.id for d in docs] == ["s0", "s1", "s2"]


def test_stdin_dash_without_a_stream_is_a_per_document_error() -> None:
    [item] = list(read_documents(["-"]))
    assert isinstance(item, Result)
    assert item.error_code == "E100" and "stdin" in (item.error or "")


def test_json_lines_fields(tmp_path: Path) -> None:
    records = [
        {"id": "full", "title": "Poland expels diplomats", "url": "https://example.org/a",
         "published": "2024-03-05T10:00:00Z", "text": ARTICLE},
        {"text": ARTICLE},  # no id: named after the file and line
        {"id": 42, "title": 7, "published": "not a date", "text": ARTICLE},  # odd types must not fail the line
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")

    full, anonymous, odd = _docs(list(read_documents([path], published="2020-01-01")))

    assert (full.id, full.title, full.url, full.published) == (
        "full", "Poland expels diplomats", "https://example.org/a", "2024-03-05")
    assert anonymous.id == "feed:2"
    assert anonymous.published == "2020-01-01"  # the default fills records without a date
    assert (odd.id, odd.title, odd.published) == ("42", "7", "2020-01-01")


def test_json_lines_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "first", "text": ARTICLE}).encode() + b"\n")
    [doc] = _docs(list(read_documents([path])))
    assert doc.id == "first"


def test_html_metadata_gives_title_and_date(tmp_path: Path) -> None:
    head = ('<title>Poland expels two Russian diplomats | Example News</title>'
            '<meta property="og:title" content="Poland expels two Russian diplomats">'
            '<meta property="article:published_time" content="2021-08-09T10:00:00+00:00">')
    path = tmp_path / "page.html"
    path.write_text(_html(HTML_BODY, head), encoding="utf-8")

    [doc] = _docs(list(read_documents([path])))

    assert doc.published == "2021-08-09"
    assert doc.title is not None and "Poland expels two Russian diplomats" in doc.title
    assert "Poland expelled two Russian diplomats" in doc.text


def test_published_option_fills_only_inputs_that_lack_a_date(tmp_path: Path) -> None:
    dated = ('<meta property="article:published_time" content="2021-08-09T10:00:00+00:00">'
             "<title>Poland expels two Russian diplomats</title>")
    (tmp_path / "a-dated.html").write_text(_html(HTML_BODY, dated), encoding="utf-8")
    (tmp_path / "b-undated.html").write_text(_html(HTML_BODY, "<title>Expulsions</title>"), encoding="utf-8")
    (tmp_path / "c-plain.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "d-feed.jsonl").write_text(
        json.dumps({"id": "d-own", "published": "2019-05-01", "text": ARTICLE}) + "\n"
        + json.dumps({"id": "d-none", "text": ARTICLE}) + "\n", encoding="utf-8")

    docs = {d.id: d.published for d in _docs(list(read_documents([tmp_path], published="2024-02-29")))}

    assert docs == {"a-dated": "2021-08-09", "b-undated": "2024-02-29", "c-plain": "2024-02-29",
                    "d-own": "2019-05-01", "d-none": "2024-02-29"}
    # and without the option, undated inputs stay undated rather than getting a guess
    undated = {d.id: d.published for d in _docs(list(read_documents([tmp_path / "c-plain.txt"])))}
    assert undated == {"c-plain": None}


def test_cli_published_option_reaches_the_output(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from detente.cli import app

    (tmp_path / "plain.txt").write_text(ARTICLE, encoding="utf-8")
    bad = CliRunner().invoke(app, ["extract", str(tmp_path), "--published", "29/02/2024"])
    assert bad.exit_code == 2
    ok = CliRunner().invoke(app, ["extract", str(tmp_path), "--published", "2024-02-29"])
    assert ok.exit_code == 0, ok.output
    [line] = [json.loads(x) for x in ok.stdout.splitlines() if x.startswith("{")]
    assert (line["id"], line["published"], line["error"]) == ("plain", "2024-02-29", None)


TEASERS = (
    "\n\nMore from Example News\n\n"
    "The Quiet Border\n\n"
    "For decades the frontier between the two countries was one of the calmest in Europe, but now...\n\n"
    "Grain Diplomacy on the Baltic\n\n"
    "Ports in the region have become an unlikely stage for a contest over exports, and…"
)
DISCLAIMER = "\n\nThe views expressed in this article are the author's own and do not reflect those of the site."


def test_plain_text_loses_trailing_teasers_and_disclaimer(tmp_path: Path) -> None:
    (tmp_path / "teasers.txt").write_text(ARTICLE + TEASERS, encoding="utf-8")
    (tmp_path / "disclaimer.txt").write_text(ARTICLE + DISCLAIMER + TEASERS, encoding="utf-8")
    # Windows line endings must be trimmed the same way
    (tmp_path / "windows.txt").write_bytes((ARTICLE + DISCLAIMER + TEASERS).replace("\n", "\r\n").encode())

    docs = _docs(list(read_documents([tmp_path])))

    assert {d.id for d in docs} == {"teasers", "disclaimer", "windows"}
    for doc in docs:
        assert doc.text.replace("\r\n", "\n") == ARTICLE, doc.id


def test_trimming_leaves_a_body_without_furniture_alone(tmp_path: Path) -> None:
    # an ellipsis inside the body and a short last line are not teasers
    body = ARTICLE + "\n\nAsked whether more expulsions would follow, the minister said: \"We will see...\"\n\nEnds"
    (tmp_path / "body.txt").write_text(body, encoding="utf-8")
    [doc] = _docs(list(read_documents([tmp_path / "body.txt"])))
    assert doc.text.startswith(ARTICLE)
    assert "Asked whether more expulsions would follow" in doc.text
