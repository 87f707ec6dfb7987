"""Headless Chromium (Debian's package, never a downloaded browser) driven by Selenium."""

import shutil
from pathlib import Path

import pytest
from django.db import connections
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from tests.web.fixtures import child, injury

__all__ = ["child", "injury"]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WINDOW = (1280, 1024)


@pytest.fixture(scope="session")
def browser():
    for needed in (CHROMIUM, CHROMEDRIVER):
        if not shutil.which(needed):
            pytest.fail(f"{needed} is missing: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def _live_server_shares_sqlite(live_server):
    """The live server's threads share SQLite's in-memory test database with the tests, as
    Django's LiveServerTestCase allows. Left shared for the whole session: the server's
    keep-alive connections close at unpredictable times, up to the very end. (On PostgreSQL
    each thread has its own connection and nothing is shared.)"""
    for connection in connections.all():
        if connection.vendor == "sqlite" and connection.is_in_memory_db():  # type: ignore[attr-defined]
            connection.inc_thread_sharing()


@pytest.fixture
def browser_session(browser, live_server, _live_server_shares_sqlite):
    """A clean browser for each test: no cookies from the one before."""
    browser.get(live_server.url + "/accessibility/")
    browser.delete_all_cookies()
    return browser
