"""The address a server will listen on, claimed before it starts.

In: a host and a port (0: any free port). Out: ``Address`` with the real port, or ``CannotListen``
(the port is taken, or the host is not an address of this machine).
Must not: start a server or import one (``kgraph serve`` checks this before it builds a store).

Why check before Granian binds. On Linux Granian binds one socket per worker process with
``SO_REUSEPORT``: a second server on the same port starts without complaint and the kernel shares
the connections between the two, and with port 0 every worker would get a different port. A plain
bind (``SO_REUSEADDR`` only, so a port in ``TIME_WAIT`` is not refused) fails while anything listens
there; port 0 is resolved to the free port the kernel picks, which the server then binds. Between
this check and Granian's bind another process could take the port; the window is milliseconds.
"""
from __future__ import annotations

import errno
import socket
from dataclasses import dataclass

from kgraph.errors import CannotListen


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def claim(host: str, port: int) -> Address:
    """``host:port`` if nothing listens there (``port`` 0: a free port the kernel picks)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CannotListen(f"{host}:{port} is already in use (is another kgraph serve running?); "
                                "choose another port with --port") from None
            raise CannotListen(f"cannot listen on {host}:{port}: {error.strerror}") from None
        return Address(host, probe.getsockname()[1])
