"""render_cost.py measures pages in a process of its own; here only that it starts and explains itself."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_render_cost_explains_itself_without_touching_a_database():
    script = ROOT / "bansos_portal" / "deploy" / "render_cost.py"

    result = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0 and "--profile" in result.stdout
