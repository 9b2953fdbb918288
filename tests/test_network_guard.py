"""The suite's no-network fixture is active (issue 15)."""

from __future__ import annotations

import socket
import urllib.request

import pytest
from network_guard import NetworkUsed


def test_a_tcp_connection_fails_the_test() -> None:
    with pytest.raises(NetworkUsed), socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect(("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(NetworkUsed):
        urllib.request.urlopen("http://example.org/", timeout=1)


def test_udp_and_name_lookups_fail_too() -> None:
    with pytest.raises(NetworkUsed), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(b"x", ("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 443)


def test_local_sockets_still_work() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
