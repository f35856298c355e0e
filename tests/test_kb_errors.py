"""A bad actor file is one coded error naming the file, the line and the fix; parsed files are cached."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from detente.actors.kb import cache_dir, load_knowledge_base
from detente.errors import KnowledgeBaseError

GOOD = "- canonical: Minsk Dialogue Forum\n  country: BLR\n  sector: EDU\n  names: [Minsk Dialogue]\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def error_for(tmp_path: Path, text: str, name: str = "my_actors.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base([path])
    message = str(info.value)
    assert message.startswith("[E200]")
    assert name in message
    return message


# Each case: the file text, the line the message must name, words the fix must contain.
CASES = {
    "names_not_a_list": (GOOD + "- canonical: Vilnius Forum\n  country: LTU\n  names: 7\n", 7,
                         "names must be a list of names, e.g. names: ["),
    "bad_office_date": (GOOD + "- name: Jane Example\n  country: LTU\n  sector: GOV\n  offices:\n"
                        "    - {role: foreign minister, from: 2024-13-45, to: null}\n", 9, "write YYYY-MM-DD"),
    "office_ends_before_start": ("- name: Jane Example\n  country: LTU\n  offices:\n"
                                 "    - {role: foreign minister, from: 2024-05-01, to: 2024-01-01}\n", 4, "swap"),
    "missing_canonical": (GOOD + "- country: BLR\n  sector: EDU\n  names: [Minsk Forum]\n", 5,
                          "canonical: Minsk Dialogue Forum"),
    "empty_canonical": ("- canonical:\n  country: BLR\n", 1, "canonical must be a non-empty text"),
    "person_without_name": ("- aliases: [J. Example]\n  country: LTU\n", 1, "name must be a non-empty text"),
    "unknown_sector": (GOOD + "- canonical: Vilnius Forum\n  country: LTU\n  sector: XYZ\n", 7,
                       "unknown sector 'XYZ'; use one of"),
    "unknown_country": (GOOD + "- canonical: Vilnius Forum\n  country: XYZ\n", 6, "unknown country code"),
    "lower_case_country": ("- canonical: Vilnius Forum\n  country: ltu\n", 2, "three-letter ISO 3166"),
    "entry_not_a_mapping": (GOOD + "- Vilnius Forum\n", 5, "an entry must be a mapping"),
    "top_level_mapping": ("canonical: Minsk Dialogue Forum\ncountry: BLR\n", 1, "must be a YAML list of entries"),
    "invalid_yaml": (GOOD + "- canonical: Vilnius Forum\n  names: [Vilnius, Forum\n- canonical: X\n", 7,
                     "not valid YAML"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_entry_names_file_line_and_fix(tmp_path: Path, case: str) -> None:
    text, line, fix = CASES[case]
    message = error_for(tmp_path, text)
    assert f"line {line}" in message, message
    assert fix in message, message
    assert "Traceback" not in message


def test_every_bad_entry_is_reported_at_once(tmp_path: Path) -> None:
    text = ("- canonical: A Forum\n  names: 7\n"
            "- canonical: B Forum\n  sector: XYZ\n")
    message = error_for(tmp_path, text)
    assert "2 problems" in message and "line 2" in message and "line 4" in message


def test_a_country_defined_in_the_file_is_a_known_code(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("- canonical: Ruritanian Army\n  country: RUR\n  sector: MIL\n"
                    "- code: RUR\n  name: Ruritania\n  names: [Ruritania]\n", encoding="utf-8")
    kb = load_knowledge_base([path])
    assert kb.lookup("Ruritanian Army").country == "RUR"  # type: ignore[union-attr]


def test_the_old_actors_mapping_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("actors:\n" + "".join("  " + line + "\n" for line in GOOD.splitlines()), encoding="utf-8")
    assert load_knowledge_base([path]).lookup("Minsk Dialogue") is not None


def test_a_missing_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="cannot read the actor file"):
        load_knowledge_base([tmp_path / "nope.yaml"])


def big_file(path: Path, n: int, extra: str = "") -> None:
    path.write_text("".join(f"- canonical: Cache Test Org {i}\n  country: BLR\n  sector: EDU\n"
                            f"  names: [CTO {i}, Cache Org {i}]\n" for i in range(n)) + extra, encoding="utf-8")


def test_parsed_file_is_cached_by_content_hash(tmp_path: Path, _cache: Path) -> None:
    path = tmp_path / "big.yaml"
    big_file(path, 3000)
    t0 = time.perf_counter()
    first = load_knowledge_base([path])
    t1 = time.perf_counter()
    assert cache_dir() == _cache
    assert len(list(_cache.glob("kb-*.pickle"))) >= 1
    second = load_knowledge_base([path])
    t2 = time.perf_counter()
    assert second is not first and second.lookup("CTO 2999") == first.lookup("CTO 2999")
    assert t2 - t1 < t1 - t0, (t1 - t0, t2 - t1)
    # a changed file is a new key: its new entry is seen
    big_file(path, 3000, extra="- canonical: Newly Added Org\n  country: LTU\n  names: [NAO]\n")
    third = load_knowledge_base([path])
    assert third.lookup("NAO") is not None and first.lookup("NAO") is None


def test_an_unusable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_knowledge_base([path]).lookup("Minsk Dialogue") is not None


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, _cache: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    load_knowledge_base([path])
    for pickled in _cache.glob("kb-*.pickle"):
        pickled.write_bytes(b"not a pickle")
    assert load_knowledge_base([path]).lookup("Minsk Dialogue") is not None
