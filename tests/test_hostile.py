"""Hostile input and silent data problems (issue 13): each case has a bound on time or memory.

Long documents and bracket walls run in a child process, so their peak memory is their own.
"""

from __future__ import annotations

import base64
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.guard import neutralise
from detente.ingest import decode, read_documents
from detente.pipeline import Pipeline, windows
from detente.records import Document, Result
from detente.store import Store

PUB = "2024-03-14"
PARA = ("Lithuania expelled two Russian diplomats on Tuesday over espionage. Moscow condemned the move.\n\n")


@pytest.fixture(scope="module")
def coder() -> Pipeline:
    return Pipeline()


def _child(code: str, limit_s: float) -> dict[str, float]:
    """Run CODE (which prints one JSON line) in a fresh interpreter; return it with the peak RSS in MB."""
    script = code + "\nimport resource, json\nprint(json.dumps({'rss': resource.getrusage(resource.RUSAGE_SELF)" \
                    ".ru_maxrss / 1024, **OUT}))"
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=limit_s * 3)
    assert out.returncode == 0, out.stderr[-2000:]
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = time.monotonic() - start
    return result


def test_bracket_walls_are_coded_in_a_moment(coder: Pipeline) -> None:
    text = "Lithuania expelled two Russian diplomats. " + "[" * 20_000 + "{" * 20_000 + " Poland summoned the envoy."
    start = time.monotonic()
    result = coder.extract(text, published=PUB)
    assert time.monotonic() - start < 5
    assert {e.type for e in result.events} >= {"SANCTION"}
    assert all(text[e.start:e.end].strip() == e.sentence for e in result.events)  # offsets into the original


def test_neutralise_keeps_length_and_words() -> None:
    text = "Kenya condemned it. " + "=" * 40 + " " + "QUJD" * 100 + " The end."
    out = neutralise(text)
    assert len(out) == len(text) and out.startswith("Kenya condemned it.") and out.endswith("The end.")
    assert "=" not in out and "QUJD" not in out


def test_a_long_document_keeps_memory_flat() -> None:
    """990,000 characters: windows of 50,000 characters keep the peak near that of a short document."""
    out = _child(f"""
from detente import Pipeline
p = Pipeline()
para = {PARA!r}
r = p.extract((para * 11000)[:990_000], published="2024-03-14")
OUT = {{'events': len(r.events), 'error': 0 if r.ok else 1}}
""", limit_s=180)
    assert out["error"] == 0 and out["events"] > 10_000
    assert out["rss"] < 900, out  # was 3 GB coded in one piece


def test_windows_cut_at_paragraphs_and_cover_the_text() -> None:
    text = PARA * 2000
    spans = list(windows(text, 10_000))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[end - 2:end] == "\n\n" for _, end in spans[:-1])


def test_windowed_offsets_point_at_the_original_text(coder: Pipeline) -> None:
    text = "VILNIUS, March 12 (AP) — " + PARA * 1500
    result = coder.extract(text, published=PUB)
    assert len(result.events) > 1000
    assert all(text[e.start:e.end].strip() == e.sentence for e in result.events)


def test_a_runaway_document_becomes_an_e501_error() -> None:
    slow = Pipeline(timeout=0.5)
    result = slow.extract(PARA * 3000, published=PUB)  # about 270,000 characters: several windows
    assert result.error_code == "E501" and "took longer than" in (result.error or "")


def test_base64_inside_an_article_does_not_make_it_foreign(coder: Pipeline) -> None:
    blob = base64.b64encode(os.urandom(30_000)).decode()
    text = PARA * 2 + blob + "\n\n" + PARA
    result = coder.extract(text, published=PUB)
    assert result.ok and any(e.type == "SANCTION" for e in result.events)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_wide_encodings_are_read(encoding: str) -> None:
    text = "Ukraine accused Russia of shelling Kharkiv on Monday."
    assert decode(text.encode(encoding)) == text


def test_cp1252_fallback_is_logged_with_the_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Chile recalled its envoy from Lima \u201cat once\u201d on Monday.".encode("cp1252"))
    [doc] = list(read_documents([path]))
    assert isinstance(doc, Document) and "\u201cat once\u201d" in doc.text
    assert "legacy.txt" in caplog.text and "cp1252" in caplog.text


def test_json_lines_problems_are_named_per_record(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = "Lithuania expelled two Russian diplomats on Tuesday."
    lines = [{"id": "a", "text": text, "published": 20230306},
             {"id": {"nested": 1}, "text": text},
             {"id": "c", "text": text, "published": "2024-03-14T09:30:00Z"},
             {"id": "c", "text": "Poland expelled a Belarusian diplomat."}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    items = list(read_documents([path]))
    assert isinstance(items[0], Document) and items[0].published is None
    assert "feed:1" in caplog.text and "20230306" in caplog.text  # a warning on that record, not silence
    assert isinstance(items[1], Result) and items[1].error_code == "E106" and "plain id" in (items[1].error or "")
    assert isinstance(items[2], Document) and items[2].published == "2024-03-14"
    assert isinstance(items[3], Result) and "repeats the id 'c'" in (items[3].error or "")


def test_a_bad_publication_date_in_the_api_is_an_error(coder: Pipeline) -> None:
    result = coder.extract("Poland expelled two Russian diplomats.", published="2024-03-14abc")
    assert result.error_code == "E107"


def test_a_headline_above_a_wire_dateline(coder: Pipeline) -> None:
    text = ("Greek coast guard seizes fishing boat\n"
            "ATHENS, Sept 14 — The Greek coast guard seized a Turkish fishing boat near Lesbos on Thursday.\n")
    events = [e for e in coder.extract(text, published="2024-09-14").events if "Thursday" in e.sentence]
    assert events and all(e.date == "2024-09-12" for e in events), events
    assert all(e.sentence.startswith("The Greek coast guard") for e in events)


def test_clusters_stay_consistent_after_each_committed_batch(tmp_path: Path) -> None:
    docs = [Document(id=f"d{i}", text=f"Lithuania expelled {i + 2} Russian diplomats on Tuesday.", published=PUB)
            for i in range(6)]
    with Store(tmp_path / "c.duckdb") as store:
        store.ingest(docs[:3], batch_size=1)
        n_clustered = store.con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchall()[0][0]
        clusters = store.con.execute("SELECT count(*) FROM event_clusters").fetchall()[0][0]
    assert n_clustered == 0 and clusters >= 1


def test_peak_memory_of_this_process_stays_bounded() -> None:
    """A guard on the whole hostile module: nothing above kept gigabytes alive."""
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < 2500
