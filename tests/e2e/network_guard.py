"""Fail any attempt to reach a non-loopback address during tests (unix sockets and 127.0.0.0/8, ::1 are fine).

``install_network_guard(monkeypatch)`` patches the socket and asyncio entry points; the patches are
checked before the real call, so a blocked attempt sends nothing. Reusable from any conftest.
"""

from __future__ import annotations

import asyncio
import asyncio.base_events
import ipaddress
import socket
from typing import Any

import pytest

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_INET_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def is_loopback_host(host: object) -> bool:
    """True for loopback IP literals and the usual localhost names."""
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").split("%", 1)[0]
    if name.lower() in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _is_local_lookup(host: object) -> bool:
    """Name lookups may also ask for the wildcard address (binding), never for a remote name."""
    if host is None or host in ("", b""):
        return True
    if is_loopback_host(host):
        return True
    try:
        text = host.decode() if isinstance(host, bytes) else str(host)
        return ipaddress.ip_address(text.strip("[]")).is_unspecified
    except ValueError:
        return False


def _refuse(what: str, target: object) -> None:
    raise AssertionError(f"non-loopback connection attempted: {what} {target!r}")


def check_address(family: int, address: object, what: str = "connect") -> None:
    """Raise AssertionError unless ``address`` is loopback (or not an internet address at all)."""
    if family not in _INET_FAMILIES:
        return
    if not (isinstance(address, tuple) and address and is_loopback_host(address[0])):
        _refuse(what, address)


def install_network_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Patch socket and asyncio so that connecting to (or resolving) anything but loopback raises."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_create_connection = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo
    real_gethostbyname = socket.gethostbyname
    real_gethostbyname_ex = socket.gethostbyname_ex
    real_loop_create_connection = asyncio.base_events.BaseEventLoop.create_connection
    real_loop_getaddrinfo = asyncio.base_events.BaseEventLoop.getaddrinfo
    real_loop_datagram = asyncio.base_events.BaseEventLoop.create_datagram_endpoint

    def connect(self: socket.socket, address: Any) -> None:
        check_address(self.family, address, "socket.connect")
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check_address(self.family, address, "socket.connect_ex")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> int:
        if args:
            check_address(self.family, args[-1], "socket.sendto")
        return real_sendto(self, data, *args)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        if not isinstance(address, tuple) or not is_loopback_host(address[0]):
            _refuse("socket.create_connection", address)
        return real_create_connection(address, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_local_lookup(host):
            _refuse("socket.getaddrinfo", host)
        return real_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host: str) -> str:
        if not _is_local_lookup(host):
            _refuse("socket.gethostbyname", host)
        return real_gethostbyname(host)

    def gethostbyname_ex(host: str) -> tuple[str, list[str], list[str]]:
        if not _is_local_lookup(host):
            _refuse("socket.gethostbyname_ex", host)
        return real_gethostbyname_ex(host)

    async def loop_create_connection(
        self: asyncio.base_events.BaseEventLoop, protocol_factory: Any, host: Any = None, port: Any = None, **kw: Any
    ) -> Any:
        sock = kw.get("sock")
        if host is None and sock is not None:
            try:
                peer = sock.getpeername()
            except OSError:
                peer = None
            if peer is not None:
                check_address(sock.family, peer, "loop.create_connection")
        elif not is_loopback_host(host):
            _refuse("loop.create_connection", (host, port))
        return await real_loop_create_connection(self, protocol_factory, host, port, **kw)

    async def loop_getaddrinfo(self: asyncio.base_events.BaseEventLoop, host: Any, *args: Any, **kw: Any) -> Any:
        if not _is_local_lookup(host):
            _refuse("loop.getaddrinfo", host)
        return await real_loop_getaddrinfo(self, host, *args, **kw)

    async def loop_datagram(
        self: asyncio.base_events.BaseEventLoop, protocol_factory: Any, *args: Any, **kw: Any
    ) -> Any:
        remote = kw.get("remote_addr", args[1] if len(args) > 1 else None)
        is_unix_path = isinstance(remote, str | bytes)
        if remote is not None and not is_unix_path and not (isinstance(remote, tuple) and is_loopback_host(remote[0])):
            _refuse("loop.create_datagram_endpoint", remote)
        return await real_loop_datagram(self, protocol_factory, *args, **kw)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "gethostbyname", gethostbyname)
    monkeypatch.setattr(socket, "gethostbyname_ex", gethostbyname_ex)
    monkeypatch.setattr(asyncio.base_events.BaseEventLoop, "create_connection", loop_create_connection)
    monkeypatch.setattr(asyncio.base_events.BaseEventLoop, "getaddrinfo", loop_getaddrinfo)
    monkeypatch.setattr(asyncio.base_events.BaseEventLoop, "create_datagram_endpoint", loop_datagram)
