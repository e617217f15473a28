"""The test database is what the migrations make, also when it is copied (tests/migrated_copy.py)."""

import sys
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.migrated_copy import fingerprint


def test_the_test_database_has_every_migration_applied_with_its_rows(db):
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    # Rows written by data migrations (the Humas roles) are there too.
    assert {"Penulis", "Penyunting", "Administrator"} <= set(Group.objects.values_list("name", flat=True))


def test_a_changed_migration_file_means_migrating_again(db, tmp_path, monkeypatch):
    module = sys.modules["programs.migrations.0001_initial"]
    before = fingerprint()
    changed = tmp_path / "0001_initial.py"
    changed.write_bytes(Path(module.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(module, "__file__", str(changed))
    assert fingerprint() != before
