"""A person's walk through the archive's pages in real headless Chromium, one server and one
browser for the module: the front page, a search for "mexico", a result's document page, its
signatory's page and back, and the original file. Each step saves a screenshot."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive import open_archive, set_document_files, store_original

from .conftest import LETTER, sha, store_letter, store_press
from .test_browser import PAGE_SECONDS, chromium, running, serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server over an archive of the letter (its original stored) and the press release."""
    folder = tmp_path_factory.mktemp("site")
    archive = folder / "archive.db"
    db = open_archive(archive)
    store_letter(db)
    store_press(db)
    source = folder / "oficio-017.txt"
    source.write_text(LETTER, encoding="utf-8")
    set_document_files(db, sha(LETTER), original=store_original(archive, source, sha(LETTER)))
    db.close()
    with running(serving(archive)) as base:
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with chromium(tmp_path_factory.mktemp("chromium") / "profile") as driver:
        yield driver


def heading(driver: Any) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.TAG_NAME, "h1").text)


def section(driver: Any, css: str) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.CSS_SELECTOR, css).text)


def click(driver: Any, css: str, text: str) -> None:
    """Click the link matching `css` whose text contains `text`, and wait for the new page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.wait import WebDriverWait

    links = [a for a in driver.find_elements(By.CSS_SELECTOR, css) if text in a.text]
    assert links, f"no link {css} reading {text!r} on {driver.current_url}"
    before = driver.current_url
    links[0].click()
    WebDriverWait(driver, PAGE_SECONDS).until(until.url_changes(before))


def test_search_document_person_and_original(site: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(f"{site}/")
    assert heading(browser) == "expediente"
    assert "Documentos por mes" in section(browser, "section.chart")
    assert "Oficio o carta 1" in section(browser, "section.by-kind")
    browser.save_screenshot(str(tmp_path / "1-front.png"))

    field = browser.find_element(By.ID, "q")
    field.send_keys("mexico")
    field.submit()
    WebDriverWait(browser, PAGE_SECONDS).until(until.url_contains("q=mexico"))
    results = section(browser, "section.results")
    assert "2 documentos con «mexico»" in results
    assert "[México]" in results  # the match, accent and all, in the snippet
    browser.save_screenshot(str(tmp_path / "2-results.png"))

    click(browser, "section.results a.document", "Programa municipal de transparencia.")
    assert heading(browser) == "Programa municipal de transparencia."
    assert "Oficio o carta · 2024-04-03 · San Mateo Atenco" in section(browser, "p.meta")
    signatories = section(browser, "section.signatories")
    assert "MARÍA FERNANDA OCHOA BRAVO, Presidenta Municipal" in signatories
    assert "Página 2" in section(browser, "section.text")
    assert "pdfplumber" in section(browser, "footer.provenance")
    document_url = browser.current_url
    browser.save_screenshot(str(tmp_path / "3-document.png"))

    click(browser, "section.signatories a.person", "OCHOA BRAVO")
    assert heading(browser) == "MARÍA FERNANDA OCHOA BRAVO"
    assert "Presidenta Municipal" in section(browser, "section.titles")
    browser.save_screenshot(str(tmp_path / "4-person.png"))

    click(browser, "section.signed a.document", "Programa municipal")
    assert browser.current_url == document_url

    click(browser, "p.files a.original", "Abrir el original")
    assert "/files/originals/" in browser.current_url
    assert "OCHOA BRAVO" in browser.find_element(By.TAG_NAME, "body").text
    browser.save_screenshot(str(tmp_path / "5-original.png"))
    assert len(list(tmp_path.glob("*.png"))) == 5


@pytest.mark.parametrize(
    "path",
    [
        "/files/../archive.db",
        "/files/originals/../../archive.db",
        "/files/%2e%2e/archive.db",
        "/files/..%2farchive.db",
        "/files/../archive.files/../archive.db",
    ],
)
def test_files_outside_the_files_folder_are_not_served(site: str, path: str) -> None:
    """Sent byte for byte (http.client leaves "../" alone, as an attacker's client would)."""
    host, port = site.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 404
    assert not body.startswith(b"SQLite format")
