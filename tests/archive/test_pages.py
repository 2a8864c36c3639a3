"""The archive's own pages (document, person, institution) through an in-process Datasette:
what each shows, the links between them, and the files served only from the .files folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlite_utils

from archive import set_document_files, store_derived, store_original
from archive.pages import Segment, file_url, segments

from .conftest import LETTER, sha
from .test_datasette import get


@pytest.fixture()
def served(filled: sqlite_utils.Database, archive_path: Path, tmp_path: Path) -> Path:
    """The filled archive, the letter's original and a searchable PDF in its .files folder."""
    source = tmp_path / "oficio-017.txt"
    source.write_text(LETTER, encoding="utf-8")
    stored = store_original(archive_path, source, sha(LETTER))
    searchable = tmp_path / "searchable.pdf"
    searchable.write_bytes(b"%PDF-1.4 searchable copy")
    copy = store_derived(archive_path, sha(LETTER), "searchable.pdf", searchable)
    set_document_files(filled, sha(LETTER), original=stored, searchable_copy=copy)
    filled.close()
    return archive_path


def text_of(html: str) -> str:
    """The page's words as a person reads them: tags dropped, spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_segments_cut_text_at_every_span_and_keep_overlapping_marks() -> None:
    pieces = segments("Lic. Ana Ruiz publicará el informe", [(5, 13, "person"), (9, 34, "x")])
    assert pieces == [
        Segment("Lic. "),
        Segment("Ana ", ("person",)),
        Segment("Ruiz", ("person", "x")),
        Segment(" publicará el informe", ("x",)),
    ]
    assert "".join(p.text for p in pieces) == "Lic. Ana Ruiz publicará el informe"


@pytest.mark.parametrize(
    ("stored", "url"),
    [
        ("archive.files/originals/ab/cdef.pdf", "/files/originals/ab/cdef.pdf"),
        ("archive.files/../archive.db", None),
        ("elsewhere/originals/ab/cdef.pdf", None),
        (None, None),
    ],
)
def test_file_urls_stay_inside_the_files_folder(stored: str | None, url: str | None) -> None:
    assert file_url(stored, "files") == url


def test_document_page_shows_what_a_reader_needs(served: Path) -> None:
    (page,) = get(served, f"/archive/documents/{sha(LETTER)}")
    assert page.status_code == 200
    html, text = page.text, text_of(page.text)
    assert "<h1>Programa municipal de transparencia.</h1>" in html
    assert "Oficio o carta · 2024-04-03 · San Mateo Atenco" in text
    assert "San Mateo Atenco, Estado de México" in text
    # The signatory, with title and institution, linking to the person's page.
    assert re.search(r'<a class="person" href="/archive/people/[0-9a-f]{16}">MARÍA FERNANDA', html)
    assert "Presidenta Municipal" in text
    assert re.search(r'href="/archive/institutions/[0-9a-f]{16}">Comisión de Derechos', html)
    assert "Compromisos" in text and "publicar los informes trimestrales" in text
    # Names and commitments marked in the text at their stored offsets; a number per page.
    assert '<mark class="signatory">MARÍA FERNANDA OCHOA BRAVO</mark>' in html
    assert '<mark class="commitment">publicar los informes</mark>' in html  # its stored span
    assert "Página 1" in text and "Página 2" in text
    assert "p. 1: pdfplumber; p. 2: tesseract" in text.replace(" ;", ";")
    assert "signatories.v1" in text


def test_original_opens_from_the_files_folder_and_nothing_outside(served: Path) -> None:
    """In process (httpx folds a plain "../" before sending: test_pages_browser.py sends the
    raw paths to a real server)."""
    (page,) = get(served, f"/archive/documents/{sha(LETTER)}")
    href = re.search(r'<a class="original" href="([^"]+)"', page.text)
    assert href is not None and href.group(1).startswith("/files/originals/")
    original, *attempts = get(
        served,
        href.group(1),
        "/files/../archive.db",
        "/files/%2e%2e/archive.db",
        "/files/..%2farchive.db",
        "/files/originals/../../archive.db",
    )
    assert original.status_code == 200 and original.text == LETTER
    pdf = re.search(r'<a class="searchable" href="([^"]+)"', page.text)
    assert pdf is not None and pdf.group(1).startswith("/files/derived/")
    (searchable,) = get(served, pdf.group(1))
    assert searchable.status_code == 200 and searchable.content == b"%PDF-1.4 searchable copy"
    for attempt in attempts:
        assert attempt.status_code in (403, 404)
        assert b"SQLite format" not in attempt.content


def test_other_tables_keep_datasette_row_pages(served: Path) -> None:
    (page,) = get(served, f"/archive/pages/{sha(LETTER)},1")
    assert page.status_code == 200
    assert "expediente document" not in page.text and "pdfplumber" in page.text


def person_href(html: str) -> str:
    found = re.search(r'<a class="person" href="(/archive/people/[0-9a-f]{16})"', html)
    assert found is not None
    return found.group(1)


def test_person_page_shows_aliases_titles_institutions_and_documents(served: Path) -> None:
    (document,) = get(served, f"/archive/documents/{sha(LETTER)}")
    (page,) = get(served, person_href(document.text))
    assert page.status_code == 200
    text = text_of(page.text)
    assert "<h1>MARÍA FERNANDA OCHOA BRAVO</h1>" in page.text
    assert "MARÍA FERNANDA OCHOA BRAVO" in text  # the alias as printed
    assert "Cargos" in text and "Presidenta Municipal 2024-04-03 2024-04-03 1" in text
    assert "Ayuntamiento de San Mateo Atenco" in text
    assert "Documentos que firma" in text and "Documentos que la nombran" not in text
    assert f'href="/archive/documents/{sha(LETTER)}">Programa municipal' in page.text


def test_documents_are_listed_newest_first(served: Path, archive_path: Path) -> None:
    from archive import open_archive
    from archive.pages import person_page

    db = open_archive(archive_path)
    person_id = db.execute("select person_id from signatories limit 1").fetchone()[0]
    db.execute(
        "insert into documents (id, file, date, title) values ('new', 'nuevo.txt', "
        "'2025-01-02', 'Nuevo')"
    )
    db.execute(
        "insert into signatories (document_id, position, person_id, name) "
        "values ('new', 0, ?, 'M. F. Ochoa')",
        [person_id],
    )
    page = person_page(db.conn, person_id, "files")
    db.close()
    assert page is not None
    assert [d["date"] for d in page["signed"]["rows"]] == ["2025-01-02", "2024-04-03"]
    assert page["signed"]["total"] == 2


def test_institution_page_shows_acronym_documents_and_signers(served: Path) -> None:
    (document,) = get(served, f"/archive/documents/{sha(LETTER)}")
    found = re.search(
        r'href="(/archive/institutions/[0-9a-f]{16})">Comisión de Derechos', document.text
    )
    assert found is not None
    (page,) = get(served, found.group(1))
    assert page.status_code == 200
    assert "<h1>CODHEM: Comisión de Derechos Humanos del Estado de México</h1>" in page.text
    assert f'href="/archive/documents/{sha(LETTER)}">Programa municipal' in page.text
    signing = re.search(
        r'href="(/archive/institutions/[0-9a-f]{16})">Ayuntamiento de San Mateo Atenco',
        document.text,
    )
    assert signing is not None
    (town,) = get(served, signing.group(1))
    text = text_of(town.text)
    assert "Quién firma por ella" in text and "Presidenta Municipal" in text
    assert "publicar los informes trimestrales" in text  # its commitment


def test_unknown_rows_are_not_found(served: Path) -> None:
    for path in ("/archive/people/0000000000000000", "/archive/institutions/nothing"):
        (page,) = get(served, path)
        assert page.status_code == 404


def test_spans_whose_text_changed_are_not_marked(served: Path) -> None:
    """A redacted copy's text moved under the stored offsets: nothing is marked wrong."""
    db = sqlite_utils.Database(served)
    text = db.execute("select text from documents where id = ?", [sha(LETTER)]).fetchone()[0]
    redacted = text.replace("MARÍA FERNANDA OCHOA BRAVO", "Persona 1a2b3c")
    db.execute("update documents set text = ? where id = ?", [redacted, sha(LETTER)])
    db.conn.commit()
    db.close()
    (page,) = get(served, f"/archive/documents/{sha(LETTER)}")
    texts = "".join(re.findall(r'<pre class="page-text">(.*?)</pre>', page.text, re.S))
    assert re.findall(r'<mark class="([^"]+)">', texts) == ["institution", "commitment"]
    assert '<mark class="institution">H. AYUNTAMIENTO</mark>' in texts  # before the change
    assert "Persona 1a2b3c" in texts  # from here on the offsets moved: nothing marked
