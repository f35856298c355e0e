"""``detente serve``: a JSON API and a web app over a corpus store (see docs/web.md)."""

from __future__ import annotations

from .app import Config, create_app

__all__ = ["Config", "create_app"]
