"""``metafinops serve`` and ``metafinops keys``.

Heavy imports (FastAPI, SQLAlchemy, uvicorn) happen inside the commands, so loading this
module for ``metafinops --help`` stays cheap.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Literal

import click

from metafinops.server.cli_database import DB_OPTION_HELP, load_settings, open_database

__all__ = ["keys", "serve"]

_PLAN_CHOICE = click.Choice(["free", "team", "enterprise"])


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket, bound before anything is printed so clients can connect at once."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot resolve {host!r}: {exc.strerror}") from None
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say they are TCP.
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(2048)
    return sock


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="0 picks one.")
@click.option("--db", "db_url", metavar="URL", help=DB_OPTION_HELP)
@click.option(
    "--demo",
    is_flag=True,
    help="Create an enterprise API key and print shell exports for it; load demo data into an empty database.",
)
@click.option(
    "--env-file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="With --demo, also write the exports to this file.",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
)
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log one line per request.")
@click.option(
    "--log-format",
    default="text",
    show_default=True,
    type=click.Choice(["text", "json"]),
    help="json: one object per line with the request id (for log shippers).",
)
def serve(
    host: str,
    port: int,
    db_url: str | None,
    demo: bool,
    env_file: Path | None,
    log_level: str,
    access_log: bool,
    log_format: Literal["text", "json"],
) -> None:
    """Run the local MetaFinOps API server (http://HOST:PORT/v1)."""
    import uvicorn
    from sqlalchemy import select

    from metafinops.server.apikeys import create_api_key
    from metafinops.server.app import create_app
    from metafinops.server.db.engine import create_session_factory
    from metafinops.server.db.models import ApiKey
    from metafinops.server.logs import log_config

    if env_file is not None and not demo:
        raise click.UsageError("--env-file is written only with --demo")
    settings = load_settings(db_url)
    engine = open_database(settings)
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host == "::" else host)
    if ":" in shown_host and not shown_host.startswith("["):
        shown_host = f"[{shown_host}]"
    base_url = f"http://{shown_host}:{port}/v1"

    with create_session_factory(engine)() as session:
        if demo:
            _, key = create_api_key(session, name="demo", plan="enterprise")
            session.commit()
            exports = f"export METAFINOPS_BASE_URL={base_url}\nexport METAFINOPS_API_KEY={key}\n"
            click.echo(exports, nl=False)
            sys.stdout.flush()
            if env_file is not None:
                env_file.write_text(exports)
                env_file.chmod(0o600)
        elif session.scalar(select(ApiKey.id).limit(1)) is None:
            click.echo(
                "No API keys yet: create one with `metafinops keys create --name NAME --plan enterprise`.",
                err=True,
            )
    if demo:
        from metafinops.server.ingest_cli import load_demo_if_empty

        load_demo_if_empty(engine, settings)
    click.echo(f"MetaFinOps API ready on {base_url}", err=True)
    # the dashboard (metafinops/server/dashboard/): where it is and how to sign in, on stderr
    key_hint = "the METAFINOPS_API_KEY above" if demo else "an enterprise key (`metafinops keys create`)"
    if demo and env_file is not None:
        key_hint += f" (also in {env_file})"
    click.echo(f"Dashboard on {base_url.removesuffix('/v1')}/ : sign in with {key_hint}", err=True)

    config = uvicorn.Config(
        create_app(settings, engine=engine),
        log_level=log_level,
        access_log=access_log,
        log_config=log_config(log_level, log_format),
        server_header=False,
    )
    uvicorn.Server(config).run(sockets=[sock])


@click.group()
def keys() -> None:
    """Create, list and revoke API keys of the local server."""


@keys.command("create")
@click.option("--name", required=True, help="What the key is for.")
@click.option("--plan", type=_PLAN_CHOICE, default="enterprise", show_default=True, help="Rate-limit plan.")
@click.option("--db", "db_url", metavar="URL", help=DB_OPTION_HELP)
def create_key(name: str, plan: str, db_url: str | None) -> None:
    """Create a key and print it (the only time it is shown)."""
    from metafinops.server.apikeys import create_api_key
    from metafinops.server.db.engine import create_session_factory

    engine = open_database(load_settings(db_url))
    try:
        with create_session_factory(engine)() as session:
            row, key = create_api_key(session, name=name, plan=plan)
            session.commit()
    finally:
        engine.dispose()
    click.echo(key)
    click.echo(f"Created {row.id} ({plan}). Store the key now: it is not shown again.", err=True)


@keys.command("list")
@click.option("--db", "db_url", metavar="URL", help=DB_OPTION_HELP)
def list_keys(db_url: str | None) -> None:
    """List keys (id, prefix, plan, name, created, revoked)."""
    from metafinops.server.apikeys import list_api_keys
    from metafinops.server.db.engine import create_session_factory
    from metafinops.server.timeutil import format_timestamp

    engine = open_database(load_settings(db_url))
    try:
        with create_session_factory(engine)() as session:
            rows = list_api_keys(session)
    finally:
        engine.dispose()
    click.echo(f"{'ID':<28} {'PREFIX':<14} {'PLAN':<11} {'CREATED':<21} {'REVOKED':<21} NAME")
    for row in rows:
        revoked = format_timestamp(row.revoked_at) if row.revoked_at else "-"
        created = format_timestamp(row.created_at)
        click.echo(f"{row.id:<28} {row.prefix:<14} {row.plan:<11} {created:<21} {revoked:<21} {row.name}")


@keys.command("revoke")
@click.argument("key_id")
@click.option("--db", "db_url", metavar="URL", help=DB_OPTION_HELP)
def revoke_key(key_id: str, db_url: str | None) -> None:
    """Revoke the key with this id (key_…) or prefix (mfo_…, as `keys list` shows it)."""
    from metafinops.server.apikeys import revoke_api_key
    from metafinops.server.db.engine import create_session_factory

    engine = open_database(load_settings(db_url))
    try:
        with create_session_factory(engine)() as session:
            row = revoke_api_key(session, key_id)
            session.commit()
    finally:
        engine.dispose()
    if row is None:
        raise click.ClickException(f"no single key matches {key_id!r}")
    click.echo(f"Revoked {row.id} ({row.prefix}…).")
