"""SQLite test databases restored from one migrated copy instead of migrated again in every test process.

Running every migration takes about ten seconds, in each pytest-xdist worker and each run. The first
process to migrate saves the result in the temporary folder, named by a fingerprint of every migration
file (the project's and its libraries'), Django's version and SQLite's; later processes copy it into their
in-memory database with SQLite's backup API. A changed, added or removed migration changes the
fingerprint, so the next run migrates again. PostgreSQL runs are not touched.
"""

import contextlib
import hashlib
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from unittest import mock

import django
from django.core import management
from django.db import DEFAULT_DB_ALIAS, connections

PREFIX = "bansos-tests-migrated-"


def _loader():
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(None, ignore_no_migrations=True)


def fingerprint(loader=None):
    loader = loader or _loader()
    digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version}".encode())
    for key in sorted(loader.disk_migrations):
        migration = loader.disk_migrations[key]
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    digest.update(repr(sorted(loader.unmigrated_apps)).encode())
    return digest.hexdigest()[:16]


def _unmigrated_models(loader):
    """Whether an app without migrations has models: their tables come from the models, which the
    fingerprint does not read (none has any today)."""
    from django.apps import apps

    return any(list(apps.get_app_config(label).get_models()) for label in loader.unmigrated_apps)


def _restore_or_migrate(connection, migrate):
    loader = _loader()
    if _unmigrated_models(loader):
        return migrate()
    copy = Path(tempfile.gettempdir()) / f"{PREFIX}{fingerprint(loader)}.sqlite3"
    connection.ensure_connection()
    if copy.exists():
        with contextlib.closing(sqlite3.connect(copy)) as source:
            source.backup(connection.connection)
        return
    migrate()
    partial = copy.with_name(f"{copy.name}.{os.getpid()}")
    with contextlib.closing(sqlite3.connect(partial)) as target:
        connection.connection.backup(target)
    os.replace(partial, copy)  # whole or not at all, when two workers finish together
    for stale in copy.parent.glob(f"{PREFIX}*.sqlite3"):
        if stale != copy:
            stale.unlink(missing_ok=True)


@contextlib.contextmanager
def migrations_from_copy():
    """While active, a `migrate` that creates an in-memory SQLite database with every table (what Django's
    create_test_db runs, and nothing else in a test session does) restores the saved copy instead."""
    migrate = management.call_command

    def call_command(name, *args, **options):
        connection = connections[options.get("database", DEFAULT_DB_ALIAS)]
        in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
        if name == "migrate" and options.get("run_syncdb") and in_memory:
            return _restore_or_migrate(connection, lambda: migrate(name, *args, **options))
        return migrate(name, *args, **options)

    with mock.patch.object(management, "call_command", call_command):
        yield
