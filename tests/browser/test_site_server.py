"""The server the browser tests read pages from (tests/browser/site_server.py)."""

import socket
import threading

import pytest

from tests.browser.site_server import serve_site


@pytest.mark.django_db
def test_a_connection_kept_open_past_the_servers_end_closes_without_an_error(collected_static):
    """A browser can keep a connection open after the module's server stopped sharing the test database;
    closing it must not raise in the server's request thread (pytest would blame whatever test runs then)."""
    errors = []
    excepthook, threading.excepthook = threading.excepthook, lambda args: errors.append(args.exc_value)
    try:
        with serve_site(collected_static) as url:
            kept_open = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])))
            kept_open.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
            assert kept_open.recv(65536).startswith(b"HTTP/1.1 200")
            request_threads = [t for t in threading.enumerate() if t.name.endswith("(process_request_thread)")]
        kept_open.close()
        for thread in request_threads:
            thread.join(timeout=5)
    finally:
        threading.excepthook = excepthook

    assert request_threads and errors == []
