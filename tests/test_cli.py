"""The command line: its shape (one app, one-way imports), its options and its error messages."""

from __future__ import annotations

import ast
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "src" / "detente" / "cli"
STATUSES = ("asserted", "negated", "hypothetical", "reported_claim")
ARTICLE = ("VILNIUS — Lithuania closed two border crossings with Belarus on Tuesday, the interior ministry said. "
           '"This is hostage-taking," said Rokas Vaitkus, a Lithuanian official.\n')

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small store: the sample articles, ingested with the CLI."""
    if not (ROOT / "examples" / "articles").is_dir():
        pytest.skip("examples/ not present")
    path = tmp_path_factory.mktemp("tmp") / "x.duckdb"
    res = runner.invoke(app, ["ingest", str(ROOT / "examples" / "articles"), "--db", str(path)])
    assert res.exit_code == 0, res.output
    yield str(path)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _usage_error(res: object, code: str, *words: str) -> str:
    """Exit 2, one line `error: [CODE] ...` on stderr naming WORDS, no traceback."""
    assert res.exit_code == 2, (res.exit_code, res.output)  # type: ignore[attr-defined]
    err: str = res.stderr  # type: ignore[attr-defined]
    assert err.startswith(f"error: [{code}] "), err
    assert "Traceback" not in err and "Binder Error" not in err
    for word in words:
        assert word in err, (word, err)
    return err


def _jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


# -- shape ----------------------------------------------------------------------------------------------
def test_one_app_with_every_command() -> None:
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for command in ("extract", "quotes", "actors", "eval", "ingest", "events", "dyad", "export", "report"):
        assert f"  {command} " in res.stdout, command
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'detente = "detente.cli:main"' in pyproject
    from detente.cli import main

    assert callable(main)


def test_imports_go_one_way() -> None:
    """Command modules import options/output/stores, never each other nor the package's app."""
    commands = {"coding", "corpus"}
    shared = {"options", "output", "stores"}
    for module in commands | shared:
        tree = ast.parse((CLI / f"{module}.py").read_text("utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1
                    for alias in node.names} | {
            (node.module or "") for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1}
        assert not imported & commands, (module, imported)
        if module in shared:
            assert not imported & (commands | {""}), (module, imported)
    assert not (ROOT / "src" / "detente" / "cli.py").exists()
    assert not (ROOT / "src" / "detente" / "cli_store.py").exists()


def test_a_broken_import_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "detente.cli" or m.startswith("detente.cli.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "detente.cli.corpus", None)  # an import of it raises ImportError
    with pytest.raises(ImportError):
        importlib.import_module("detente.cli")


def test_click_usage_errors_are_coded() -> None:
    _usage_error(runner.invoke(app, ["nonsense"]), "E150", "nonsense", "--help")
    _usage_error(runner.invoke(app, ["events", "--format", "xml"]), "E150", "xml", "events --help")


# -- options ------------------------------------------------------------------------------------------
def test_directed_is_a_flag(db: str) -> None:
    for command in ("events", "export"):
        res = runner.invoke(app, [command, "--help"], terminal_width=200)
        assert res.exit_code == 0
        assert "--directed / --undirected" in res.stdout and "<bool>" not in res.stdout
    both = _jsonl(runner.invoke(app, ["events", "--db", db, "--dyad", "BLR:LTU", "-f", "jsonl"]).stdout)
    undirected = _jsonl(runner.invoke(app, ["events", "--db", db, "--dyad", "BLR:LTU", "--undirected",
                                            "-f", "jsonl"]).stdout)
    res = runner.invoke(app, ["events", "--db", db, "--dyad", "BLR:LTU", "--directed", "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    directed = _jsonl(res.stdout)
    assert both == undirected and 0 < len(directed) < len(both)
    assert all(r["source_country"] == "BLR" and r["target_country"] == "LTU" for r in directed)


def test_status_values_are_checked(db: str, article: Path) -> None:
    for args in (["events", "--db", db, "--status", "asserted", "--status", "maybe"],
                 ["extract", str(article), "--status", "claimed"],
                 ["export", "--db", db, "--to", "csv", "-o", "x.csv", "--status", "asserted,bogus"]):
        _usage_error(runner.invoke(app, args), "E151", "--status", *STATUSES)
    res = runner.invoke(app, ["events", "--db", db, "--status", "asserted,negated", "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    assert {r["status"] for r in _jsonl(res.stdout)} <= {"asserted", "negated"}


def test_limit_must_be_positive(db: str) -> None:
    for bad in ("-1", "0"):
        _usage_error(runner.invoke(app, ["events", "--db", db, "--limit", bad]), "E152", "--limit", "1 or more")
    _usage_error(runner.invoke(app, ["actors", "--top", "0", "--db", db]), "E152", "--top")
    res = runner.invoke(app, ["events", "--db", db, "--limit", "2", "-f", "jsonl"])
    assert res.exit_code == 0 and len(_jsonl(res.stdout)) == 2


def test_published_is_checked_strictly(article: Path, tmp_path: Path) -> None:
    for bad in ("2024-03-14abc", "2024-13", "2024-02-30", "14/03/2024", "2024-3-14"):
        _usage_error(runner.invoke(app, ["extract", str(article), "--published", bad]), "E153", repr(bad),
                     "YYYY-MM-DD, YYYY-MM or YYYY")
    # the store keeps a day: ingest takes only YYYY-MM-DD, and says so
    _usage_error(runner.invoke(app, ["ingest", str(article), "--db", str(tmp_path / "p.duckdb"),
                                     "--published", "2024-03"]), "E153", "YYYY-MM-DD")
    _usage_error(runner.invoke(app, ["events", "--db", str(tmp_path / "p.duckdb"), "--since", "2024-03x"]),
                 "E153", "--since")
    for good in ("2024-03-14", "2024-03", "2024"):
        res = runner.invoke(app, ["extract", str(article), "--published", good])
        assert res.exit_code == 0, res.output
        [doc] = _jsonl(res.stdout)
        assert doc["published"] == good and doc["error"] is None


def test_extract_output_paths(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "events.jsonl"
    res = runner.invoke(app, ["extract", str(article), "-o", str(target)])
    assert res.exit_code == 0, res.output
    assert _jsonl(target.read_text("utf-8"))[0]["id"] == "article"
    _usage_error(runner.invoke(app, ["extract", str(article), "-o", str(tmp_path)]), "E154", str(tmp_path),
                 "is a directory")
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    _usage_error(runner.invoke(app, ["extract", str(article), "-o", str(blocked / "events.jsonl")]), "E154",
                 str(blocked))


def test_quotes_table_is_a_table(article: Path) -> None:
    res = runner.invoke(app, ["quotes", str(article), "--format", "table"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert "\t" not in res.stdout
    assert lines[0].split() == ["doc_id", "speaker", "kind", "cue", "start", "end", "text"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    rows = lines[2:]
    assert rows and all(r.startswith("article ") for r in rows)
    # aligned: every row's speaker column starts where the header's does
    col = lines[0].index("speaker")
    assert all(r[col - 1] == " " and r[col] != " " for r in rows)
    assert "Rokas Vaitkus" in res.stdout
    res = runner.invoke(app, ["quotes", str(article), "--format", "csv"])
    assert res.stdout.splitlines()[0] == "doc_id,speaker,kind,cue,start,end,text"


def test_dyad_names_resolve_to_codes(db: str) -> None:
    def ids(*args: str) -> list[object]:
        res = runner.invoke(app, [*args, "--db", db, "-f", "jsonl"])
        assert res.exit_code == 0, res.output
        return sorted(json.dumps(r, sort_keys=True) for r in _jsonl(res.stdout))

    codes = ids("events", "--dyad", "BLR:LTU")
    assert codes and ids("events", "--dyad", "Belarus:Lithuania") == codes
    assert ids("events", "--dyad", "belarusian:LTU") == codes
    assert ids("dyad", "Belarus", "Lithuania") == ids("dyad", "BLR", "LTU")
    assert ids("events", "--actor", "Lithuania") == ids("events", "--actor", "LTU")
    _usage_error(runner.invoke(app, ["events", "--db", db, "--dyad", "Narnia:LTU"]), "E155", "'Narnia'",
                 "country code")
    _usage_error(runner.invoke(app, ["dyad", "BLR", "Atlantis", "--db", db]), "E155", "'Atlantis'")


def test_top_actors_count_a_state_once(db: str) -> None:
    res = runner.invoke(app, ["actors", "--top", "100", "--db", db])
    assert res.exit_code == 0, res.output
    names = [line.split("  ")[0].strip() for line in res.stdout.splitlines()[2:]]
    assert "Government of Russia" in names and "Russia" not in names
    assert len(names) == len(set(names))
    [russia] = [line for line in res.stdout.splitlines() if line.startswith("Government of Russia ")]
    assert russia.rstrip().endswith("Russia")  # the merged name is shown


def test_other_usage_errors_are_coded(db: str) -> None:
    _usage_error(runner.invoke(app, ["events", "--db", db, "-f", "parquet"]), "E156", "-o FILE")
    _usage_error(runner.invoke(app, ["actors"]), "E156", "TEXT")
    _usage_error(runner.invoke(app, ["events", "--db", db, "--min-confidence", "2"]), "E152", "between 0 and 1")


def test_actors_shows_the_roles_filled_from_the_discourse() -> None:
    text = "Police in Tbilisi dispersed the rally on Friday. Dozens of students were detained overnight."
    res = runner.invoke(app, ["actors", text, "--published", "2024-05-03"])
    assert res.exit_code == 0, res.output
    filled = [line for line in res.stdout.splitlines() if line.startswith("source of COERCE")]
    assert filled and "implicit:authorities" in filled[0] and "[GEO/GOV]" in filled[0], res.stdout
