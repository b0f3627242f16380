"""A TCP relay in front of Azurite, port for port, on a thread of its own. cut() resets every open connection and
refuses new ones, which is what the platform sees when its storage process dies; resume() listens again."""

import asyncio
import socket
import struct
import threading


class Relay:
    def __init__(self, targets):
        self.targets = targets
        self.ports = [_free_port() for _ in targets]
        self._loop = asyncio.new_event_loop()
        self._servers = []
        self._writers = set()
        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        self.resume()

    def resume(self):
        self._run(self._listen())

    def cut(self):
        self._run(self._cut())

    def close(self):
        self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)

    def _run(self, coroutine):
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    async def _listen(self):
        for port, target in zip(self.ports, self.targets):
            handler = lambda reader, writer, target=target: self._relay(reader, writer, target)
            self._servers.append(await asyncio.start_server(handler, "127.0.0.1", port, reuse_address=True))

    async def _cut(self):
        for server in self._servers:
            server.close()
        self._servers.clear()
        for writer in list(self._writers):
            sock = writer.get_extra_info("socket")
            if sock is not None:
                # SO_LINGER 0: closing sends RST, as the kernel does for a killed process's sockets.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
        self._writers.clear()

    async def _relay(self, reader, writer, target):
        self._writers.add(writer)
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            writer.transport.abort()
            self._writers.discard(writer)
            return
        self._writers.add(upstream_writer)
        await asyncio.gather(_pump(reader, upstream_writer), _pump(upstream_reader, writer), return_exceptions=True)
        for side in (writer, upstream_writer):
            self._writers.discard(side)
            side.close()


async def _pump(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        try:
            if not writer.is_closing() and writer.can_write_eof():
                writer.write_eof()
        except (OSError, RuntimeError):
            pass


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
