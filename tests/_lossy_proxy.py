"""A loopback HTTP proxy that loses responses: the request reaches the server, which
commits it, but the client's connection is dropped before any response byte arrives.

It is how a real network fails half-way (a load balancer timeout, a reset), so the
provider's retry path can be tested against the real server: with one idempotency key
per logical write the retry must replay the first result — no duplicate, no orphan.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class LossyProxy:
    """Forwards to ``upstream_port``; drops the response of the first ``drop`` requests
    whose request line starts with ``match`` (e.g. ``"POST /v1/budgets "``)."""

    upstream_port: int
    match: str
    drop: int = 1
    port: int = 0
    dropped: int = 0
    forwarded: int = 0
    _loop: asyncio.AbstractEventLoop | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    async def _read_request(self, reader: asyncio.StreamReader) -> bytes | None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
            return None
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        body = await reader.readexactly(length) if length else b""
        return head + body

    async def _forward(self, request: bytes) -> bytes:
        head, _, body = request.partition(b"\r\n\r\n")
        lines = [line for line in head.split(b"\r\n") if not line.lower().startswith((b"connection:", b"keep-alive:"))]
        lines.append(b"Connection: close")
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        upstream_writer.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        await upstream_writer.drain()
        response = await asyncio.wait_for(upstream_reader.read(-1), timeout=60)
        upstream_writer.close()
        return response

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await self._read_request(reader)
                if request is None:
                    return
                response = await self._forward(request)
                with self._lock:
                    lose = request.startswith(self.match.encode()) and self.dropped < self.drop
                    if lose:
                        self.dropped += 1
                    else:
                        self.forwarded += 1
                if lose:
                    # the server committed; the client sees the connection reset, no response
                    writer.transport.abort()
                    return
                # relay, then close: the client opens a new connection for the next request
                writer.write(response)
                await writer.drain()
                writer.close()
                return
        except (ConnectionError, asyncio.IncompleteReadError):
            return

    @contextlib.contextmanager
    def running(self) -> Iterator[LossyProxy]:
        ready = threading.Event()
        stop: asyncio.Future[None] | None = None

        async def main() -> None:
            nonlocal stop
            server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
            self.port = server.sockets[0].getsockname()[1]
            stop = asyncio.get_running_loop().create_future()
            self._loop = asyncio.get_running_loop()
            ready.set()
            async with server:
                await stop

        thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
        thread.start()
        if not ready.wait(10):
            raise RuntimeError("proxy did not start")
        try:
            yield self
        finally:
            assert self._loop is not None and stop is not None
            self._loop.call_soon_threadsafe(stop.set_result, None)
            thread.join(10)
