"""Every public page type passes the Nu HTML Checker (vnu) with zero errors.

vnu comes from the pinned npm package `vnu-jar` (installed by `make test`); one Java call checks all
pages at once, because starting the JVM is the slow part.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.public_pages import PUBLIC_PAGES, load_demo_content

VNU_JAR = Path(__file__).resolve().parents[1] / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, tmp_path):
    assert VNU_JAR.exists(), "vnu.jar is missing: run `make test` (it runs `npm ci`)"
    assert shutil.which("java"), "Java is needed for vnu: run `make test` (it installs it when missing)"
    load_demo_content()
    files = {}
    for name, path in PUBLIC_PAGES.items():
        response = client.get(path)
        assert response.status_code in (200, 404), f"{path} answered {response.status_code}"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.content)

    checked = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files.values())],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(checked.stderr)["messages"]
    errors = [
        f"{m.get('url', '').rpartition('/')[2]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)
    # Each page really was checked (vnu names no page that has no message, so count the input files).
    assert len(files) == len(PUBLIC_PAGES)
