"""The plain-text reader: encodings, binary and empty files, markup, line structure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.readers import read_file
from extractors.readers.sniff import sniff
from models import UnreadableDocument, UnsupportedFormat

LETTER = (
    "Oaxaca de Juárez, Oaxaca, a 3 de marzo de 2023.\n"
    "ASUNTO: Solicitud de información\n"
    "\n"
    "C. Rosalía Pérez Ñúñez\n"
    "Directora de Planeación\n"
    "P R E S E N T E\n"
    "\n"
    "Por medio del presente, la Secretaría de Economía le envía “el informe” – versión final.\n"
    "\n"
    "A T E N T A M E N T E\n"
    "Mtro. Aurelio Quintana Bárcenas\n"
    "Secretario Técnico"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "utf-32"],
)
def test_reads_every_encoding_to_the_same_text(tmp_path: Path, encoding: str) -> None:
    document = read_file(write(tmp_path, "oficio.txt", LETTER.encode(encoding)))
    assert document.text == LETTER
    assert document.readers == ("text",)


@pytest.mark.parametrize("encoding", ["latin-1", "iso8859-15", "cp1252"])
def test_reads_latin_encodings_without_curly_quotes(tmp_path: Path, encoding: str) -> None:
    text = "Secretaría de Educación Pública\nCampaña de vacunación en Michoacán, año 2021"
    assert read_file(write(tmp_path, "aviso.txt", text.encode(encoding))).text == text


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Ciudad de MÃ©xico, a 5 de mayo", "Ciudad de México, a 5 de mayo"),
        ("SecretarÃ­a de CapacitaciÃ³n", "Secretaría de Capacitación"),
        ("DIRECCIÃ“N DE AÃ‘O NUEVO", "DIRECCIÓN DE AÑO NUEVO"),
        ("dijo â€œhoyâ€\x9d el alcalde", "dijo “hoy” el alcalde"),
        ("EDUCACIÓN” y “AÑO¿", "EDUCACIÓN” y “AÑO¿"),  # correct text is left alone
    ],
)
def test_repairs_mojibake(tmp_path: Path, printed: str, expected: str) -> None:
    assert read_file(write(tmp_path, "nota.txt", printed.encode("utf-8"))).text == expected


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("vacio.txt", b"", "empty"),
        ("blancos.txt", b"  \n\r\n\t \n", "empty"),
        ("blancos.md", "\ufeff\u00a0\n\u200b\n".encode(), "empty"),
        ("binario.txt", bytes(range(256)) * 8, "binary"),
        ("nulos.txt", b"ABC\x00\x01\x02\x03\xff\xfe" * 50, "binary"),
        ("control.txt", b"texto \x01\x02\x03\x04\x05\x06\x07\x08 texto " * 20, "binary"),
    ],
)
def test_refuses_empty_and_binary_files(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(UnreadableDocument, match=reason) as info:
        read_file(write(tmp_path, name, data))
    assert name in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_extension_and_content_is_unsupported(tmp_path: Path) -> None:
    path = write(tmp_path, "acta.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(200)))
    with pytest.raises(UnsupportedFormat, match=r"acta\.docx"):
        read_file(path)


def test_unknown_extension_with_plain_utf8_text_is_read(tmp_path: Path) -> None:
    assert read_file(write(tmp_path, "boletin.text", LETTER.encode())).text == LETTER


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="no-existe.txt"):
        read_file(tmp_path / "no-existe.txt")


PRESS_RELEASE_MD = """\ufeff---
layout: post
title:  "Inaugura el Ayuntamiento la nueva biblioteca municipal"
date:   2022-10-14
image: /img/biblioteca.jpg
autor:
---

**Zacatecas, Zacatecas; viernes 14 de octubre de 2022.**

## El __DIF municipal__ apoyará con talleres

La presidenta municipal, **Lorena Ibarra Castañeda**, inauguró la biblioteca
y anunció que el *Instituto de Cultura* instalará un aula digital.

![Foto de la inauguración](/img/foto1.jpg)

* Horario: de 9 a 18 horas
* Consulte el [reglamento de préstamo](https://ejemplo.gob.mx/reglamento.pdf).

> “La lectura nos une”, señaló.

---

<p class="text-center"><b>Atentamente<br>
Coordinación de Comunicación Social</b></p>
"""

PRESS_RELEASE_TEXT = """Inaugura el Ayuntamiento la nueva biblioteca municipal
date: 2022-10-14

Zacatecas, Zacatecas; viernes 14 de octubre de 2022.

El DIF municipal apoyará con talleres

La presidenta municipal, Lorena Ibarra Castañeda, inauguró la biblioteca
y anunció que el Instituto de Cultura instalará un aula digital.

Horario: de 9 a 18 horas
Consulte el reglamento de préstamo.

“La lectura nos une”, señaló.

Atentamente
Coordinación de Comunicación Social"""


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_cleans_markdown_press_release(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, f"boletin{suffix}", PRESS_RELEASE_MD.encode("utf-8"))
    assert read_file(path).text == PRESS_RELEASE_TEXT


def test_pelican_header_keeps_title_and_date(tmp_path: Path) -> None:
    source = (
        "Title: Entrega de becas\nSlug: entrega-de-becas\nCategory: Comunicados\n"
        "Date: 2021-05-03 10:00\nModified: 2021-05-04 09:00\n\nEl Tribunal entregó becas.\n"
    )
    text = read_file(write(tmp_path, "becas.md", source.encode())).text
    assert text == "Entrega de becas\nDate: 2021-05-03 10:00\n\nEl Tribunal entregó becas."


def test_headline_printed_twice_is_kept_once(tmp_path: Path) -> None:
    source = (
        '---\ntitle: "Firma de convenio"\ndate: 2023-02-01\n---\n\n# Firma de convenio\n\n'
        "Texto del *boletín\nde prensa*.\n"
    )
    text = read_file(write(tmp_path, "convenio.md", source.encode())).text
    assert text == "Firma de convenio\ndate: 2023-02-01\n\nTexto del boletín\nde prensa."


def test_letter_headers_are_not_front_matter(tmp_path: Path) -> None:
    source = "Oficio: DG/114/2022\nAsunto: Respuesta\n\nEstimado director:\n"
    assert read_file(write(tmp_path, "oficio.txt", source.encode())).text == source.strip()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Línea uno\r\nLínea dos\r\n", "Línea uno\nLínea dos"),
        ("Línea uno\rLínea dos", "Línea uno\nLínea dos"),
        ("Lic.\u00a0Ana\u202fRuiz", "Lic. Ana Ruiz"),
        ("Secre\u200btaría\u00adde\u2060 Salud\ufeff", "Secretaríade Salud"),
        ("Me\u0301xico", "México"),  # decomposed accents are composed
        ("Ocho o\ufb01cinas y \ufb02ujos", "Ocho oficinas y flujos"),
        ("Párrafo uno\n\n\n\n\nPárrafo dos   \n", "Párrafo uno\n\nPárrafo dos"),
        (
            "Firma:\n______________________\nIng. Tomás Vela",
            "Firma:\n" + "_" * 22 + "\nIng. Tomás Vela",
        ),
        ("Costo &amp; beneficio&nbsp;total", "Costo & beneficio total"),
        ("Atentamente<br>\nLa Directora<br/>General", "Atentamente\nLa Directora\nGeneral"),
        ("<!-- nota interna -->Texto <span>visible</span>", "Texto visible"),
        ("Precio a < b y c > d", "Precio a < b y c > d"),
        ("archivo_de_trabajo y 2 * 3 * 4", "archivo_de_trabajo y 2 * 3 * 4"),
        ("| Año | Monto |\n|---|---|\n| 2021 | 5 |", "| Año | Monto |\n| 2021 | 5 |"),
    ],
)
def test_normalises_without_losing_lines(tmp_path: Path, source: str, expected: str) -> None:
    assert read_file(write(tmp_path, "nota.txt", source.encode())).text == expected


HTML_PAGE = """<!DOCTYPE html>
<html lang="es"><head><title>Boletín 45</title>
<style>p { color: red; }</style><script>var x = "<p>no</p>";</script></head>
<body><nav>Inicio</nav>
<h1>Arranca la campaña de reforestación</h1>
<p>Tlaxcala, Tlax., a 2 de junio de 2024.</p>
<p>La Secretaría de Medio&nbsp;Ambiente plantará 5&#44;000 árboles &mdash; informó
su titular.</p>
<p><b>Atentamente</b><br>Ing. Renata Solís Olvera<br>Secretaria de Medio Ambiente</p>
</body></html>"""


def test_html_page_keeps_paragraphs_and_drops_code(tmp_path: Path) -> None:
    text = read_file(write(tmp_path, "boletin.html", HTML_PAGE.encode("cp1252"))).text
    assert "color" not in text and "var x" not in text and "Boletín 45" not in text
    assert "Arranca la campaña de reforestación\n\nTlaxcala, Tlax., a 2 de junio de 2024." in text
    assert "Medio Ambiente plantará 5,000 árboles — informó su titular." in text
    assert text.endswith("Atentamente\nIng. Renata Solís Olvera\nSecretaria de Medio Ambiente")


def test_a_scripts_undefined_between_tags_is_a_space(tmp_path: Path) -> None:
    page = (
        "<html><body><div>México, a los<span>catorce</span>undefined<span>días</span>"
        "<br>undefined</div><p>El Director General, <span>Abel</span>undefined"
        "<span>Ruiz Soto</span>null<span>.- Rúbrica.</span></p><p>Un valor null se queda.</p>"
        "</body></html>"
    )
    text = read_file(write(tmp_path, "acuerdo.html", page.encode())).text
    assert text == (
        "México, a loscatorce días\n\nEl Director General, Abel Ruiz Soto .- Rúbrica."
        "\n\nUn valor null se queda."
    )


def test_form_feeds_split_pages_with_offsets(tmp_path: Path) -> None:
    source = "Página uno del acta.\n\fPágina dos, con firmas.\n"
    document = read_file(write(tmp_path, "acta.txt", source.encode()))
    assert [p.text for p in document.pages] == ["Página uno del acta.", "Página dos, con firmas."]
    second = document.pages[1]
    assert document.text[second.start : second.end] == "Página dos, con firmas."
    assert document.page_at(document.text.index("firmas")) == 2


def test_seeds_read_as_printed(seeds: dict[str, Path]) -> None:
    press = seeds["S000"]
    assert read_file(press).text == press.read_text(encoding="utf-8").strip()
    letter = seeds["S003"]
    raw = letter.read_text(encoding="utf-8")
    text = read_file(letter).text
    assert "**" not in text
    expected_lines = [line.replace("**", "").rstrip() for line in raw.splitlines() if line.strip()]
    assert [line for line in text.splitlines() if line.strip()] == expected_lines


def test_dev_texts_come_out_clean(dev_corpus: Path) -> None:
    for path in sorted(dev_corpus.glob("*.txt")):
        document = read_file(path)
        assert document.text.strip(), path.name
        assert not re.search(r"</?(?:p|br|div|img|center|b)\b", document.text), path.name
        assert "**" not in document.text, path.name
        assert not re.search(r"^(?:Slug|Save_As|layout|permalink):", document.text, re.M)


@pytest.mark.parametrize(
    ("head", "suffix", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", ".txt", "pdf"),
        (b"\xef\xbb\xbf%PDF-1.4", ".bin", "pdf"),  # junk before the header
        (b"\x89PNG\r\n\x1a\n\x00\x00", ".pdf", "image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", ".txt", "image"),
        (b"II*\x00\x08\x00", ".dat", "image"),
        (b"MM\x00*\x00\x00", "", "image"),
        (b"Oficio 123", ".TXT", "text"),
        (b"<html>", ".HTM", "text"),
        (b"PK\x03\x04", ".docx", None),
        (b"Oficio 123", ".doc", None),
    ],
)
def test_sniff_trusts_content_before_extension(
    head: bytes, suffix: str, expected: str | None
) -> None:
    assert sniff(head, suffix) == expected
