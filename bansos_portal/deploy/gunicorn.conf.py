"""gunicorn settings for `make serve`; every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
# Sync workers, one request at a time each, behind the shipped nginx (which buffers slow clients, as
# gunicorn's documentation asks for this worker). Measured with `make bench`, they answer cached pages
# with a far shorter tail than threads: a free worker takes the next connection, so no request waits
# behind another process's queue or for the interpreter lock. GUNICORN_THREADS > 1 switches to gthread.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A worker stuck longer than this (a hung query, a dead connection) is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows; rarely, since a new worker starts cold.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
preload_app = True

# Logs to stdout. The access log names the path without its query string (searches may hold a NIK or
# a phone number) and no client address: no personal data is written.
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
