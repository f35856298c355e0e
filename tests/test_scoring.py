"""detente's own scorer and `detente eval GOLD` (docs/gold-format.md), on gold files written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from detente.cli import app
from detente.scoring import load_gold, score

TEXT = "Kenya recalled its ambassador from Uganda on Wednesday. The two leaders met in Arusha on Friday."


def _gold(tmp_path: Path) -> Path:
    gold = {"id": "k1", "published": "2024-05-17", "text": TEXT, "events": [
        {"sentence": "Kenya recalled its ambassador from Uganda on Wednesday.", "type": "SANCTION",
         "source": {"country": "KEN"}, "target": {"country": "UGA"}, "status": "asserted", "date": "2024-05-15"},
        {"sentence": "The two leaders met in Arusha on Friday.", "type": "CONSULT", "source": {"country": "KEN"},
         "target": {"country": "UGA"}, "symmetric": True, "confidence": "debatable"}], "quotes": []}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return path


def test_perfect_and_wrong_predictions(tmp_path: Path) -> None:
    gold = load_gold(_gold(tmp_path))
    right = {"k1": {"events": [{"sentence": "Kenya recalled its ambassador from Uganda on Wednesday.",
                                "type": "SANCTION", "source": {"country": "KEN"}, "target": {"country": "UGA"},
                                "status": "asserted", "date": "2024-05-15"}]}}
    s = score(gold, right)
    assert (s.levels["full"].tp, s.levels["full"].fp, s.levels["full"].fn) == (1, 0, 0)
    wrong = {"k1": {"events": [{**right["k1"]["events"][0], "target": {"country": "TZA"}}]}}
    s = score(gold, wrong)
    assert s.levels["type"].tp == 1 and s.levels["dyad"].tp == 0 and s.levels["dyad"].fn == 1


def test_eval_codes_the_gold_documents_itself(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(_gold(tmp_path)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "type           P=1.000 R=1.000" in result.output
    assert (tmp_path / "out" / "gold.jsonl").is_file()


def test_yaml_gold_matches_by_trigger(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "k1.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "expected.yaml"
    gold.write_text("k1:\n  events:\n    - {type: SANCTION, source_country: KEN, target_country: UGA, "
                    "trigger: recalled, status: asserted, date: null}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "dyad           P=" in result.output and "R=1.000" in result.output


def test_eval_without_a_shared_folder_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--shared", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "detente eval GOLD" in result.output
