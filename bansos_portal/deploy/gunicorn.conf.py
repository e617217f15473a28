"""gunicorn settings for `make serve`; every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Threads let one worker wait on the database or Redis while another request runs.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# A worker stuck longer than this (a hung query, a dead connection) is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows.
max_requests = 5000
max_requests_jitter = 500
preload_app = True

# Logs to stdout. The access log names the path without its query string (searches may hold a NIK or
# a phone number) and no client address: no personal data is written.
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
