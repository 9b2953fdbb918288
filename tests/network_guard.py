"""No test may touch the network: every socket connection but a local (AF_UNIX) one fails.

:func:`block_network` is applied to every test by the autouse fixture in ``conftest.py``. The
program is offline by design; a test that reached for the network would hide a dependency the
users' offices do not have.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest


class NetworkUsed(AssertionError):
    """A test tried to open a network connection."""


def _refuse(address: object) -> NetworkUsed:
    return NetworkUsed(f"a test tried to use the network ({address!r}); the program must work offline")


def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make connecting, sending and name lookups fail (AF_UNIX sockets stay usable)."""
    connect, connect_ex, sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if self.family == getattr(socket, "AF_UNIX", None):
            return connect(self, address)
        raise _refuse(address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if self.family == getattr(socket, "AF_UNIX", None):
            return connect_ex(self, address)
        raise _refuse(address)

    def guarded_sendto(self: socket.socket, data: Any, *args: Any) -> int:
        if self.family == getattr(socket, "AF_UNIX", None):
            return sendto(self, data, *args)  # type: ignore[no-any-return]
        raise _refuse(args[-1] if args else None)

    def guarded_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        raise _refuse(host)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", guarded_sendto)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_lookup)
    monkeypatch.setattr(socket, "gethostbyname", guarded_lookup)
