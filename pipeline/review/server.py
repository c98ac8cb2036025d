"""Serve the app on 127.0.0.1 (never another interface) and open the browser where there is one."""

from __future__ import annotations

import os
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from junheng.review.security import Secrets

HOST = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:``port`` (0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(128)
    return sock


def has_browser() -> bool:
    """Whether a graphical browser can open here (not a bare server or an SSH session)."""
    if sys.platform.startswith(("darwin", "win")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def serve(
    out: Path,
    store: Path,
    port: int = 0,
    open_browser: bool = True,
    tell: Callable[[str], None] = print,
) -> None:
    """Serve the review of ``out`` until interrupted; ``tell`` is given the URL to open."""
    import uvicorn
    from junheng.review.app import create_app

    secrets = Secrets()
    app = create_app(out, store, secrets)
    sock = bind(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}/?token={secrets.token}"
    tell(url)
    if open_browser and has_browser():
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
