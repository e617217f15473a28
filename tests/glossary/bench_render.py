"""What marking glossary terms costs: the CPU time of rendering /program/pkh/ with the page cache off, with
the program template as it is ({% mark_terms html %} in its sections) and with {{ html|safe }} instead,
and with the glossary kept as the page cache's memo keeps it. A script, not a test:

    .venv/bin/python tests/glossary/bench_render.py [--fresh]

It fills a SQLite database of its own (in the system's temporary folder) with the demo content once.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bansos_portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ["PAGE_CACHE_SECONDS"] = "0"
ROOT = Path(__file__).resolve().parents[2]
DATABASE = Path(tempfile.gettempdir()) / "bansos-glossary-bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ["ALLOWED_HOSTS"] = "testserver"
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

setup_test_environment()
# As the test suite does: plain static storage, no manifest (collectstatic is not run here).
STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
settings.STORAGES = {**settings.STORAGES, "staticfiles": STATIC}
if not DATABASE.exists() or "--fresh" in sys.argv:
    DATABASE.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    from bansos_portal.content_file.load import DEMO_CONTENT, import_content

    import_content(data=json.loads(DEMO_CONTENT.read_text(encoding="utf-8")))

source = (ROOT / "templates/programs/program_detail.html").read_text(encoding="utf-8")
plain = source.replace("{% mark_terms html %}", "{{ html|safe }}")
assert plain != source, "the template does not mark terms"
engine = settings.TEMPLATES[0]
FILES = ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"]


def templates(*first):
    """The project's template settings with the cached loader over `first` and the usual loaders."""
    options = {**engine["OPTIONS"], "loaders": [("django.template.loaders.cached.Loader", [*first, *FILES])]}
    return [{**engine, "APP_DIRS": False, "OPTIONS": options}]


WITHOUT = templates(("django.template.loaders.locmem.Loader", {"programs/program_detail.html": plain}))
WITH = templates()
client = Client()
RENDERS = 50


def one(path="/program/pkh/"):
    start = time.process_time()
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return time.process_time() - start, response.content.decode()


def measure(templates):
    with override_settings(TEMPLATES=templates):
        one()  # warm: templates compiled, glossary compiled
        return [one()[0] * 1000 for _ in range(RENDERS)]


from bansos_portal.glossary import current  # noqa: E402

uncached_memo = current.per_generation
kept = {}


def kept_memo(key, compute):
    """As page_cache.memo does while the shared cache knows the content change count."""
    if key not in kept:
        kept[key] = compute()
    return kept[key]


before, after, after_kept = [], [], []
for _ in range(3):  # alternate, so load on the machine falls on all three
    before += measure(WITHOUT)
    after += measure(WITH)
    current.per_generation = kept_memo
    after_kept += measure(WITH)
    current.per_generation = uncached_memo
with override_settings(TEMPLATES=WITH):
    _, html = one()
marked = html.count('class="istilah"')
print(f"renders each: {len(before)}; terms marked on the page: {marked}")
runs = [("before (no glossary)", before), ("after (mark_terms)", after), ("after, glossary kept", after_kept)]
for name, values in runs:
    print(f"{name}: median {statistics.median(values):.2f} ms, mean {statistics.mean(values):.2f} ms CPU")
