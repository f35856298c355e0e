"""Shared fixtures: one loaded pipeline per test session, and the shared evaluation folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def coder():  # type: ignore[no-untyped-def]
    from detente import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def lenient():  # type: ignore[no-untyped-def]
    """A pipeline that keeps low-confidence events: construction tests check roles, not calibration."""
    from detente import Pipeline

    return Pipeline(min_confidence=0.2)


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    if not (SHARED_EVAL / "score.py").is_file():
        pytest.skip("../shared/eval is not beside the checkout")
    return SHARED_EVAL
