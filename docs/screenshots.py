"""Write screenshots of the fixture repository's dashboard, for a reviewer to look at.

    python docs/screenshots.py            # docs/img/dashboard-1280.png, dashboard-390.png

Renders ``pmlint report -f html`` over tests/data/report-repo (reference day
2026-07-15) and opens it in headless Chromium (Debian's, through playwright's
``executable_path``; no browser is downloaded) at 1280 px and 390 px wide. The
1280 px shot is the first screen only: what a manager sees without scrolling.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
REPO = ROOT / "tests" / "data" / "report-repo"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def render(out: Path) -> None:
    config = ["--config", str(REPO / ".pmlint.toml"), "--today", "2026-07-15"]
    command = [sys.executable, "-m", "pmlint", "report", str(REPO / "postmortems"), *config]
    subprocess.run([*command, "-f", "html", "-o", str(out)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        page_file = Path(scratch) / "report.html"
        render(page_file)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=ARGS)
            for width, height, full in ((1280, 800, False), (390, 844, True)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.as_uri(), wait_until="load")
                shot = args.out / f"dashboard-{width}.png"
                page.screenshot(path=str(shot), full_page=full)
                print(shot)
                page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
