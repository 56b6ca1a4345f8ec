"""Serve a built site over HTTP on 127.0.0.1, so that everything a browser refuses from ``file://`` works.

Opened from disk, mkdocs-material's search cannot load its index (a browser refuses the request from a
``file://`` page); served, it can.  Only the loopback address is bound: the site is for the person at this
machine, not the network.  Ctrl-C stops the server (the CLI exits 130).
"""

from __future__ import annotations

import errno
import functools
import http.server
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policyvc.parser.errors import PolicyError

__all__ = ["HOST", "serve_site"]

HOST = "127.0.0.1"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the built site; no access log on the terminal (the URL is all a reader needs)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a rebuilt site is seen on the next reload
        super().end_headers()


def serve_site(root: Path, port: int, announce: Callable[[str], None]) -> None:
    """Serve the built site in ``root`` on ``http://127.0.0.1:<port>/`` until interrupted.

    ``port`` 0 takes any free port; ``announce`` is given the URL once the server listens.  A port in use is
    a :class:`PolicyError` saying so; Ctrl-C raises :class:`KeyboardInterrupt` after the socket is closed.
    """
    if not (root / "index.html").is_file():
        raise PolicyError("no built site here (no index.html): build it first", source=str(root))
    handler = functools.partial(_Handler, directory=str(root))
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        why = "it is in use" if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc)
        raise PolicyError(
            f"cannot serve on {HOST}:{port} ({why}): choose another with --port", source="--port"
        ) from None
    server.daemon_threads = True
    with server:
        announce(f"http://{HOST}:{server.server_address[1]}/")
        server.serve_forever()
