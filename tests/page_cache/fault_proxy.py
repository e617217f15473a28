"""A TCP proxy between the app and PostgreSQL that tests can cut, heal or slow down."""

import asyncio
import socket
import threading


class FaultProxy:
    def __init__(self, target_host, target_port):
        self.target_host, self.target_port = target_host, target_port
        self.delay, self.down = 0.0, False
        self._transports = set()
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self):
        self._thread.start()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        serving = asyncio.start_server(self._handle, sock=sock)
        self._server = asyncio.run_coroutine_threadsafe(serving, self.loop).result(5)
        return self

    def stop(self):
        self.cut()
        asyncio.run_coroutine_threadsafe(self._shutdown(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()

    async def _shutdown(self):
        self._server.close()
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def cut(self):
        """Drop every open connection and refuse new ones, as a crashed or unreachable server would."""
        self.down = True
        for transport in list(self._transports):
            self.loop.call_soon_threadsafe(transport.abort)

    def heal(self):
        self.down, self.delay = False, 0.0

    async def _handle(self, reader, writer):
        if self.down:
            writer.transport.abort()
            return
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(self.target_host, self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._transports.update((writer.transport, upstream_writer.transport))

        async def pipe(source, destination):
            try:
                while data := await source.read(65536):
                    if self.delay:
                        await asyncio.sleep(self.delay)
                    destination.write(data)
                    await destination.drain()
            except OSError:
                pass
            finally:
                destination.transport.abort()
                self._transports.discard(destination.transport)

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))
