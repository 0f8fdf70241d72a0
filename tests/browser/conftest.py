"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live kgraph server.

The server is started as ``tests/live_server.py`` says (``python -m kgraph serve``), here over
a store built by ``kgraph.build`` from ``data/notes`` (a Chinese note, an English note and a note
full of script and ``onerror`` attempts), with the base IRI set to the server's own origin.
Chromium is ``/usr/bin/chromium`` (``make test`` installs it with apt-get when it can; ``KGRAPH_CHROMIUM``
names another binary); where none
can be had the browser tests are skipped with that reason — except under ``CI=true``, where a
missing browser fails them. Every page records its requests and dialogs: a test fails if any
request goes anywhere but the test server or if any ``alert`` opens. Screenshots go to
``test-artifacts/browser/``.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.config import Settings
from live_server import free_port, running_server

ROOT = Path(__file__).resolve().parents[2]
NOTES = Path(__file__).parent / "data" / "notes"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]




def chromium_executable() -> str | None:
    """``$KGRAPH_CHROMIUM`` if set (and present), else Debian's ``/usr/bin/chromium``, else ``chromium`` on PATH."""
    chosen = os.environ.get("KGRAPH_CHROMIUM")
    if chosen:
        return chosen if os.path.exists(chosen) else None
    return CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_executable()
    if path is None:
        where = os.environ.get("KGRAPH_CHROMIUM") or CHROMIUM
        reason = f"no Chromium at {where}: install it with `apt-get install chromium` (make test does, as root)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; browser tests never skip in CI")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The origin of a live server over the browser-test notes."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    settings = Settings(base=origin, corpus=NOTES, store=tmp_path_factory.mktemp("browser") / "store", query_timeout=5.0)
    build(settings)
    env = {**os.environ, "KGRAPH_BASE": origin, "KGRAPH_STORE": str(settings.store),
           "KGRAPH_CORPUS": str(NOTES), "KGRAPH_QUERY_TIMEOUT": str(settings.query_timeout)}
    with running_server(settings, env, port=port):
        yield origin


@pytest.fixture(scope="session")
def browser(chromium: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What a page did that it must not: requests elsewhere, dialogs, script errors."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def request(self, request) -> None:
        if not request.url.startswith((self.origin + "/", "data:", "about:")):
            self.foreign.append(request.url)

    def check(self) -> None:
        assert self.foreign == [], f"requests left the server: {self.foreign}"
        assert self.dialogs == [], f"a script opened dialogs: {self.dialogs}"
        assert self.errors == [], f"page errors: {self.errors}"


def open_context(browser, site: str, **options):
    """A browser context that blocks and records every request not to ``site``."""
    watch = Watch(site)
    context = browser.new_context(base_url=site, **options)
    context.set_default_timeout(10_000)
    context.on("request", watch.request)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site + "/")
                  else route.abort())
    return context, watch


def _watch_page(page, watch: Watch):
    def on_dialog(dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return page


@pytest.fixture()
def page(browser, site: str):
    """A desktop-sized page; fails the test if it reached beyond the server or ran a dialog."""
    context, watch = open_context(browser, site, viewport={"width": 1200, "height": 900})
    yield _watch_page(context.new_page(), watch)
    context.close()
    watch.check()


@pytest.fixture()
def phone(browser, site: str):
    """A 360 px wide phone page."""
    context, watch = open_context(browser, site, viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    yield _watch_page(context.new_page(), watch)
    context.close()
    watch.check()


@pytest.fixture()
def no_js_page(browser, site: str):
    """A page with JavaScript disabled."""
    context, watch = open_context(browser, site, java_script_enabled=False, viewport={"width": 1200, "height": 900})
    yield _watch_page(context.new_page(), watch)
    context.close()
    watch.check()


@pytest.fixture(scope="session")
def screenshot():
    """``screenshot(page, name)`` saves ``test-artifacts/browser/<name>.png`` and returns its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
