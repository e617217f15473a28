import re

import pytest

from bansos_portal.management.commands import benchmark_search
from bansos_portal.search.models import SearchEntry


# The command itself works in a scratch database made with create_test_db/destroy_test_db. Doing that
# from inside a test would swap the database under pytest-django (and lose SQLite's in-memory test
# database), so this runs the same per-size benchmark directly on the test database. transaction=True
# because PostgreSQL's VACUUM cannot run inside the transaction an ordinary django_db test wraps.
@pytest.mark.django_db(transaction=True)
def test_benchmark_loads_entries_and_prints_latency_percentiles():
    lines = []

    benchmark_search.benchmark_size(lines.append, 300, 20)

    output = "\n".join(lines)
    assert SearchEntry.objects.count() == 300
    assert "queries  40 of 40" in output  # 20 generated and the 20 fixed queries, none cut short
    assert re.search(r"^  p50 +\d+\.\d ms$", output, re.MULTILINE), output
    assert re.search(r"^  p95 +\d+\.\d ms$", output, re.MULTILINE), output
    # The fixed queries use demo words, which the generated content is full of: real matches, real work.
    assert re.search(r"'[a-z ]+' +[1-9][\d,]* results", output), output
