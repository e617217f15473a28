"""The portal served the way production serves it: static files collected, hashed and compressed,
and handed out by whitenoise, not by the test server's uncompressed static handler.

Page weight, screenshots and accessibility are measured on this server so their figures are honest.
"""

import contextlib

from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def production_static_settings(static_root):
    return override_settings(STATIC_ROOT=static_root, STORAGES=PRODUCTION_STATIC)


def collect_static(static_root):
    with production_static_settings(static_root):
        call_command("collectstatic", interactive=False, verbosity=0)


class _SiteServer(ThreadedWSGIServer):
    def _close_connections(self):
        # Closing the shared in-memory SQLite connection only checks that it is still shared: a connection
        # a browser kept open past the end of the module would fail that check in its request thread.
        shared = (self.connections_override or {}).values()
        for connection in connections.all(initialized_only=True):
            if connection not in shared:
                connection.close()


class _SiteServerThread(LiveServerThread):
    server_class = _SiteServer


@contextlib.contextmanager
def serve_site(static_root):
    """Yields the base URL of a server on a free port; whitenoise finds the files in `static_root`."""
    # An in-memory SQLite test database exists only on this thread's connection: share it.
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():
        connection.inc_thread_sharing()
    with production_static_settings(static_root), override_settings(ALLOWED_HOSTS=["127.0.0.1"]):
        # No static handler in front: whitenoise in the middleware stack answers /static/.
        thread = _SiteServerThread("127.0.0.1", static_handler=lambda app: app, connections_override=shared)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        try:
            yield f"http://127.0.0.1:{thread.port}"
        finally:
            thread.terminate()
            for connection in shared.values():
                connection.dec_thread_sharing()
