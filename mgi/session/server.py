"""Start or continue a session: open its database, read its inputs, serve its pages.

:func:`open_session` is the whole start-up without the network: a new database stores the
inputs (paths and SHA-256) and fresh tokens; an existing one is continued with the inputs it
recorded (their files must be unchanged). :func:`serve` runs the pages with uvicorn.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mgi.errors import UsageError
from mgi.session import engine
from mgi.session.app import Session, create_app, qr_svg
from mgi.session.store import SessionStore

#: The port a session listens on unless told otherwise.
DEFAULT_PORT = 8765


def open_session(
    db: str | Path, config: Mapping[str, Any] | None, *, lang: str = "sq"
) -> tuple[Session, bool]:
    """Open (or create) the session stored in ``db``.

    Parameters
    ----------
    db
        The session database.
    config
        The inputs of a new session (:func:`mgi.session.engine.configuration`); None to continue
        an existing one. Given for an existing session, it must equal the stored one.
    lang
        The pages' default language.

    Returns
    -------
    (Session, bool)
        The session, and whether it was continued.
    """
    store = SessionStore(db)
    continued = store.is_initialised
    if continued:
        stored = store.get_meta("configuration")
        if config is not None and dict(config) != dict(stored):
            store.close()
            raise UsageError(
                f"The session in {db} already has its inputs, and they differ from the ones "
                "given. Start it again with --db alone to continue it, or give a new --db file "
                "to start a new session."
            )
        config = stored
    elif config is None:
        store.close()
        raise UsageError(
            f"{db} holds no session yet. Give the inputs (--demo, or --assessment, "
            "--consultation, --experts and --weights as for mgi prioritize) to start one."
        )
    assert config is not None
    try:
        basis = engine.load_basis(config)
    except BaseException:
        store.close()
        raise
    if not continued:
        store.initialise(config)
    return Session(store=store, basis=basis, lang=lang), continued


def display_host(host: str) -> str:
    """The address to print in links: the computer's address on the room's network when the
    server listens on every interface (``0.0.0.0``), else the address given."""
    if host not in ("0.0.0.0", "::", ""):
        return f"[{host}]" if ":" in host else host
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if not address.startswith("127."):
            return address
    return socket.gethostname()


def links(session: Session, host: str, port: int) -> dict[str, str]:
    """The facilitator's and the participants' links."""
    base = f"http://{display_host(host)}:{port}"
    tokens = session.tokens
    return {
        "facilitator": f"{base}/f/{tokens['facilitator']}",
        "join": f"{base}/join/{tokens['join']}",
    }


def write_qr(url: str, path: str | Path) -> Path:
    """Write the QR code of ``url`` as an SVG file (atomically)."""
    from mgi._io import atomic_write

    target = Path(path)
    with atomic_write(target) as tmp:
        tmp.write_text(qr_svg(url), encoding="utf-8")
    return target


def serve(session: Session, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> None:
    """Serve the session's pages until interrupted (uvicorn, one process)."""
    import uvicorn

    config = uvicorn.Config(
        create_app(session),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=3,
    )
    server = uvicorn.Server(config)
    try:
        server.run()
    finally:
        session.store.close()
