"""A real Datasette server on 127.0.0.1, and a person's view of it: real headless Chromium
(Debian's) searching documents by signatory through the documents_signed_by form, with a typo."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# No sandbox as root; nothing that reaches for the network (there is none here).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
)
PAGE_SECONDS = 20

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[Any]) -> httpx.Response:
    """The first answer from the server (it takes a moment to start)."""
    for _ in range(300):
        if server.poll() is not None:
            raise AssertionError(f"server exited: {server.stderr.read() if server.stderr else ''}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


def test_real_server_on_localhost(server: str) -> None:
    response = httpx.get(f"{server}/archive/documents.json?_shape=array", timeout=5)
    assert response.status_code == 200
    assert {row["file"] for row in response.json()} == {"oficio-017.txt", "boletin-88.md"}
    signed = httpx.get(
        f"{server}/archive/documents_signed_by.json",
        params={"name": "ochoa", "_shape": "array"},
        timeout=5,
    )
    assert [row["file"] for row in signed.json()] == ["oficio-017.txt"]


def ensure_chromium() -> None:
    """Install Chromium and its driver through scripts/system-deps.sh when missing; in CI a
    missing browser fails the test, elsewhere it skips it."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    result = subprocess.run(
        [str(ROOT / "scripts" / "system-deps.sh"), "--browser"],
        capture_output=True,
        text=True,
        check=False,
    )
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    message = f"no Chromium and chromedriver: {result.stderr.strip()}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def running(command: list[str], ready: str = "/-/versions.json", cwd: Path = ROOT) -> Iterator[str]:
    """A real server started by `command` (its port is the {port} in it) on 127.0.0.1 in
    `cwd`; yields its base URL once `ready` answers, stops it after."""
    port = free_port()
    process = subprocess.Popen(
        [part.format(port=port) for part in command], cwd=cwd, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(f"{base}{ready}", process).status_code == 200
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def serving(archive: Path) -> list[str]:
    """The command serving `archive` as `expediente serve` does, on {port}."""
    return [
        sys.executable,
        "-c",
        f"from archive import serve; serve({str(archive)!r}, port={{port}})",
    ]


@pytest.fixture()
def server(filled: sqlite_utils.Database, archive_path: Path) -> Iterator[str]:
    """A real Datasette server over the filled archive on 127.0.0.1; yields its base URL."""
    filled.close()
    with running(serving(archive_path)) as base:
        yield base


@contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """Headless Chromium driven through Debian's chromedriver, with a new empty profile."""
    ensure_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(PAGE_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path / "profile") as driver:
        yield driver


def result_table(driver: Any) -> list[dict[str, str]]:
    """The rows a person sees in the result table, as {column header: cell text}."""
    from selenium.webdriver.common.by import By

    table = driver.find_element(By.CSS_SELECTOR, "table.rows-and-columns")
    headers = [th.text.strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    return [
        dict(
            zip(
                headers,
                (td.text.strip() for td in tr.find_elements(By.TAG_NAME, "td")),
                strict=True,
            )
        )
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]


def test_signatory_search_with_a_typo_shows_the_document(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(f"{server}/archive/documents_signed_by")
    assert "Documents signed by" in browser.find_element(By.TAG_NAME, "h1").text
    field = browser.find_element(By.CSS_SELECTOR, 'form input[name="name"]')
    field.send_keys("Fernanda Ochao")  # "Ochoa" mistyped
    field.submit()
    WebDriverWait(browser, PAGE_SECONDS).until(until.url_contains("name=Fernanda"))
    rows = result_table(browser)
    assert [(row["file"], row["title"], row["signatory"]) for row in rows] == [
        ("oficio-017.txt", "Programa municipal de transparencia.", "MARÍA FERNANDA OCHOA BRAVO")
    ]
    value = browser.find_element(By.CSS_SELECTOR, 'form input[name="name"]').get_attribute("value")
    assert value == "Fernanda Ochao"
