import pytest

from detente.ontology import EVENT_TYPES, KINDS, cameo_for, score_for


def test_sixteen_types_in_four_quads() -> None:
    assert len(EVENT_TYPES) == 16
    assert {k.quad for k in KINDS.values()} == {1, 2, 3, 4}


@pytest.mark.parametrize(("etype", "quad", "sign"), [("AID", 2, 1), ("ASSAULT", 4, -1), ("REQUEST", 3, 0),
                                                     ("CONSULT", 1, 1), ("SANCTION", 4, -1)])
def test_scores_follow_cooperation_and_conflict(etype: str, quad: int, sign: int) -> None:
    assert KINDS[etype].quad == quad
    score = score_for(etype)
    assert (score > 0) - (score < 0) == sign
    assert -10 <= score <= 10


def test_modes_refine_cameo_and_score() -> None:
    assert cameo_for("ASSAULT", "aerial") == "19"
    assert cameo_for("ASSAULT") == "18"
    assert score_for("ASSAULT", "aerial") < score_for("ASSAULT")
    assert cameo_for("COERCE", "arrest") == "17"
