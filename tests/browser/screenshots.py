"""Screenshots the browser tests leave behind for people to look at (test-output/ is git-ignored)."""

from pathlib import Path

OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output"


def save_screenshot(page, name):
    """Saves what the viewport shows as test-output/screenshots/<name>.png; returns the path."""
    path = OUTPUT_DIR / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path)
    return path
