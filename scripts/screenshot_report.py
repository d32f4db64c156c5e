"""Refresh docs/report.png: audit the demo corpus and photograph audit.html in headless Chromium.

Run from the project root: ``.venv/bin/python scripts/screenshot_report.py`` (needs Debian's
``chromium`` and a CJK font such as ``fonts-wqy-microhei``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from recon.cli import main

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def screenshot(out: Path) -> None:
    """Write a 1280-pixel-wide picture of the top of the demo corpus's audit report to ``out``."""
    with tempfile.TemporaryDirectory() as run:
        CliRunner().invoke(main, ["audit", str(ROOT / "sources"), "--out", run])
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1500})
            page.goto((Path(run) / "audit.html").as_uri())
            page.screenshot(path=str(out))
            browser.close()


if __name__ == "__main__":
    screenshot(ROOT / "docs" / "report.png")
