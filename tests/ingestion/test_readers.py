"""Each reader on small files built here, and every broken file with the reason its uploader sees."""

import datetime as dt
import random

import pytest

from incidents.readers import ReadError, read_document, sniff
from tests.ingestion import files


def test_plain_utf8_text_keeps_its_words_and_takes_the_first_line_as_title():
    document = read_document(b"Clashes in Mosul\r\n\r\nTwo soldiers were killed on Saturday.", "r.txt")
    assert document.kind == "text"
    assert document.title == "Clashes in Mosul"
    assert document.text == "Clashes in Mosul\n\nTwo soldiers were killed on Saturday."


def test_markdown_heading_becomes_the_title():
    document = read_document(b"# Weekly brief\n\nThe army said the clashes were over.", "brief.md")
    assert (document.kind, document.title) == ("markdown", "Weekly brief")


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Le conflit à Goma: des combats ont fait trois morts dans la ville, selon les autorités.", "cp1252"),
        ("Los enfrentamientos en Cúcuta dejaron dos muertos, según la policía del sábado.", "latin-1"),
        ("Clashes near Mosul killed two soldiers and one civilian on the road to the city.", "utf-16"),
    ],
)
def test_text_in_another_encoding_is_decoded(text, encoding):
    assert read_document(text.encode(encoding), "report.txt").text == text


def test_nul_bytes_are_stripped_from_text():
    assert read_document(b"Two killed\x00 in Mosul.\x00", "r.txt").text == "Two killed in Mosul."


def test_language_is_guessed_from_common_words():
    french = "Les combats dans la ville de Goma ont fait trois morts et des blessés, selon les autorités."
    assert read_document(french.encode(), "r.txt").language == "fr"


def test_html_keeps_the_article_text_title_and_date_and_drops_scripts():
    page = b"""<!doctype html><html lang="en-GB"><head><title>Clashes in Mosul | Daily</title>
    <meta property="article:published_time" content="2024-03-02T10:00:00Z">
    <script>document.write("SCRIPT-TEXT")</script><style>p{color:red}</style></head>
    <body><nav>Home | World | Sport</nav><article><h1>Clashes in Mosul</h1>
    <p>Two soldiers were killed on Saturday when gunmen attacked a checkpoint west of Mosul, police said.</p>
    <p>The attack was the third this month in the province, according to the police.</p></article>
    <footer>Copyright Daily</footer></body></html>"""
    document = read_document(page, "page.txt")  # the name lies; the content decides
    assert document.kind == "html"
    assert "Two soldiers were killed on Saturday" in document.text
    assert "SCRIPT-TEXT" not in document.text and "color:red" not in document.text
    assert document.title == "Clashes in Mosul"
    assert (document.published, document.language) == (dt.date(2024, 3, 2), "en")


def test_a_short_html_fragment_falls_back_to_its_body_text():
    fragment = b"<p>Two killed in Basrah.</p><p>Police said so.</p><script>x()</script>"
    document = read_document(fragment, "a.html")
    assert document.text == "Two killed in Basrah.\nPolice said so."


def test_pdf_text_layer_and_metadata_title():
    data = files.pdf(["Two soldiers were killed near Mosul.", "Page two (of it)."], title="Daily brief")
    document = read_document(data, "brief.pdf")
    assert document.kind == "pdf"
    assert document.text == "Two soldiers were killed near Mosul.\n\nPage two (of it)."
    assert document.title == "Daily brief"


def test_a_pdf_with_an_empty_user_password_opens():
    assert "Mosul" in read_document(files.encrypted_pdf(user_password=""), "r.pdf").text


def test_docx_paragraphs_tables_and_title():
    data = files.docx_file(
        ["Gunmen attacked a checkpoint in Kirkuk.", "Three soldiers were killed."],
        title="Kirkuk attack",
        table=[["Date", "Killed"], ["9 March", "3"]],
    )
    document = read_document(data, "report.pdf")  # misleading extension
    assert document.kind == "docx"
    assert document.text == (
        "Gunmen attacked a checkpoint in Kirkuk.\nThree soldiers were killed.\nDate | Killed\n9 March | 3"
    )
    assert document.title == "Kirkuk attack"


def test_email_plain_body_subject_and_date():
    document = read_document(files.eml("Police said two people died in Basrah on Friday."), "mail.eml")
    assert document.kind == "eml"
    assert document.text == "Police said two people died in Basrah on Friday."
    assert (document.title, document.published) == ("Clashes near Mosul", dt.date(2024, 3, 2))


def test_email_prefers_plain_text_over_html():
    data = files.eml("Plain: two killed in Mosul.", html="<p>HTML: two killed in Mosul.</p>")
    assert read_document(data, "mail.eml").text == "Plain: two killed in Mosul."


def test_email_with_only_html_goes_through_the_html_reader():
    html = "<html><body><p>Two people died in Basrah.</p><script>evil()</script><p>More.</p></body></html>"
    document = read_document(files.eml("", html=html), "forwarded.txt")
    assert document.text == "Two people died in Basrah.\nMore."


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "The file is empty."),
        (b"   \n\t \n", "The file contains no text."),
        (random.Random(1).randbytes(4000), "not text in any encoding"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "This is an image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), r"old Word \(\.doc\)"),
        (b"PK\x03\x04" + bytes(60), "damaged"),
    ],
    ids=["empty", "whitespace", "binary-noise", "image", "old-word", "broken-zip"],
)
def test_unreadable_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_document(data, "report.txt")


def test_a_truncated_pdf_is_reported_as_damaged():
    data = files.pdf()
    with pytest.raises(ReadError, match="damaged or incomplete"):
        read_document(data[: len(data) // 2], "report.pdf")


def test_an_encrypted_pdf_asks_for_an_unprotected_copy():
    with pytest.raises(ReadError, match="password-protected"):
        read_document(files.encrypted_pdf(), "report.pdf")


def test_a_scanned_pdf_without_text_says_so():
    with pytest.raises(ReadError, match="no extractable text"):
        read_document(files.pdf(["", ""]), "scan.pdf")


def test_a_pdf_over_the_page_limit_is_refused(settings):
    settings.REPORT_MAX_PAGES = 2
    with pytest.raises(ReadError, match="has 3 pages; the limit is 2"):
        read_document(files.pdf(["a", "b", "c"]), "long.pdf")


def test_text_over_the_character_limit_is_refused(settings):
    settings.REPORT_MAX_CHARS = 100
    with pytest.raises(ReadError, match="the limit is 100"):
        read_document(b"word " * 100, "long.txt")


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked():
    with pytest.raises(ReadError, match="unpack to far more data"):
        read_document(files.zip_bomb_docx(), "report.docx")


def test_a_zip_that_is_not_a_word_file_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ReadError, match="zip archive, not a Word document"):
        read_document(buffer.getvalue(), "report.docx")


@pytest.mark.parametrize(
    "data, name, kind",
    [
        (files.pdf(), "report.txt", "pdf"),
        (b"junk\n" + files.pdf(), "report", "pdf"),
        (b"<html><body><p>x</p></body></html>", "report.pdf", "html"),
        (b"Two soldiers were killed <near> Mosul.", "report.html", "text"),
        (files.eml("Body."), "report.txt", "eml"),
        (b"Subject: a line that only looks like a header\nThe rest is prose.", "report.eml", "text"),
    ],
)
def test_the_type_is_sniffed_from_the_content_not_the_name(data, name, kind):
    assert sniff(data, name) == kind


def test_a_title_with_control_characters_is_cleaned_for_the_database():
    # PostgreSQL refuses NUL in text; a PDF's metadata may carry one.
    assert read_document(files.pdf(title="Weekly\\000 brief"), "r.pdf").title == "Weekly brief"


def test_a_path_instead_of_bytes_is_a_programming_error_not_a_read_error():
    with pytest.raises(TypeError, match="takes the file's bytes"):
        read_document("reports/brief.txt", "brief.txt")
