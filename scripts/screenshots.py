"""Take screenshots of the main pages, with the demo data, into docs/screenshots/*.png.

    .venv/bin/python scripts/screenshots.py                      # starts its own runserver on :8765
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000   # against `make run`

Needs the demo data (`make setup`) and Debian's Chromium (/usr/bin/chromium), driven by Playwright.
Each page is taken at 1440 px wide and, for the main ones, at 390 px (a phone).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "demo-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "DJANGO_DEBUG": "true"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The development server did not start.")


def first_link(page, selector: str) -> str | None:
    link = page.locator(selector).first
    return link.get_attribute("href") if link.count() else None


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def shoot(page, base: str, path: str, name: str, *, phone: bool = False, full: bool = True) -> None:
    for width, height, suffix in [(1440, 900, "")] + ([(390, 844, "-phone")] if phone else []):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(400)  # charts and maps draw after load
        target = OUT / f"{name}{suffix}.png"
        page.screenshot(path=str(target), full_page=full)
        print(f"{target.relative_to(ROOT)}  ({path})")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", help="A running server (default: start one on a free port).")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    server = None
    base = args.base_url.rstrip("/") if args.base_url else None
    if base is None:
        server, base = start_server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            shoot(page, base, "/accounts/login/", "login", full=False)
            sign_in(page, base, "editor")
            shoot(page, base, "/", "dashboard", phone=True)
            shoot(page, base, "/incidents/", "incident-list", phone=True)
            page.goto(base + "/incidents/")
            incident = first_link(page, "table.incidents tbody a")
            if incident:
                shoot(page, base, incident, "incident-detail", phone=True)
                shoot(page, base, incident + "edit/", "incident-edit")
            shoot(page, base, "/incidents/new/", "incident-new")
            shoot(page, base, "/reports/", "reports", phone=True)
            page.goto(base + "/reports/")
            report = first_link(page, "tr.report-row a")
            if report:
                shoot(page, base, report, "report-detail")
            shoot(page, base, "/review/", "review-queue")
            page.goto(base + "/review/")
            # A draft extracted from a report shows the side-by-side review best.
            draft = first_link(page, "[data-queue-item][data-has-report]") or first_link(
                page, "[data-queue-item]"
            )
            if draft:
                shoot(page, base, draft, "review", phone=True)
            shoot(page, base, "/actors/", "actors")
            page.goto(base + "/actors/")
            actor = first_link(page, "main table tbody a")
            if actor:
                shoot(page, base, actor, "actor-detail")
            shoot(page, base, "/places/", "places")
            page.goto(base + "/places/")
            place = first_link(page, "main table tbody a")
            if place:
                shoot(page, base, place, "place-detail")
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
