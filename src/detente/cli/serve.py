"""``detente serve``: the JSON API and the web app over a store (see docs/web.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import BadNumberError
from .options import DbOpt

app = typer.Typer()


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="address to listen on (0.0.0.0: every interface)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="port to listen on")] = 8000,
    allow_writes: Annotated[bool, typer.Option(
        "--allow-writes", help="accept POST /api/documents (ingest) from clients that send $DETENTE_TOKEN")] = False,
) -> None:
    """Serve the store: a web app at http://HOST:PORT/, the JSON API under /api, its schema at /docs."""
    import uvicorn

    from ..store import default_path
    from ..web import create_app

    if not 0 < port < 65536:
        raise BadNumberError(f"--port must be between 1 and 65535 (got {port})")
    path = default_path(db)
    application = create_app(path, allow_writes=allow_writes)
    typer.echo(f"detente: serving {path} at http://{host}:{port}/ (API: /api, schema: /docs"
               f"{', writes allowed' if allow_writes else ''}); Ctrl-C stops", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
