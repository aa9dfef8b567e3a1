"""Hostile and broken uploads, generated here: each ends parsed or failed with a readable reason.

Whatever arrives, the original bytes are kept on disk under MEDIA_ROOT (named by their hash, never by
the uploader's file name), the parse task does not raise (so a worker is never taken down by a file),
and nothing a report contains is ever run in a page: it is dropped by the HTML reader or escaped.
"""

from __future__ import annotations

import io
import random
import threading
import zipfile

import pytest
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from incidents import workflow
from incidents.models import Incident, Report
from tests.ingestion import files
from tests.reliability.conftest import (
    active_markup,
    assert_kept_inside_media,
    assert_readable,
    parse,
    receive,
)

pytestmark = pytest.mark.django_db

PARSED, FAILED = Report.Status.PARSED, Report.Status.FAILED
KILLED = "Gunmen killed two soldiers near Mosul on Saturday, police said."


def noise(size: int = 64 * 1024) -> bytes:
    data = random.Random(7).randbytes(size)
    return b"\x00\x01" + data  # no magic number of a format we know, so it is sniffed as text


def truncated_pdf() -> bytes:
    whole = files.pdf([KILLED] * 3)
    return whole[: len(whole) // 3]


def zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", KILLED)
    return buffer.getvalue()


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + random.Random(3).randbytes(2048)


def mixed_encodings() -> bytes:
    # A UTF-8 paragraph followed by one pasted in from a Windows-1252 file: not valid UTF-8 as a whole.
    return ("Rapport: Café Mossoul. " + KILLED + "\n").encode() + "Deuxième attaque à Kirkouk.\n".encode(
        "cp1252"
    )


ARABIC = "قتل مسلحون جنديين قرب الموصل يوم السبت، بحسب الشرطة. وأصيب ثلاثة مدنيين في كركوك."
HEBREW = "שני חיילים נהרגו ליד מוסול ביום שבת, כך מסרה המשטרה."

# (case, bytes, file name, expected status, words the reason or the text must contain)
CASES = [
    ("binary noise", noise(), "report.txt", FAILED, "binary"),
    ("a zip-bomb .docx", files.zip_bomb_docx(), "bomb.docx", FAILED, "unpack to far more data"),
    ("a zip that is not Word", zip_without_word(), "report.docx", FAILED, "zip archive"),
    ("a damaged .docx", b"PK\x03\x04" + b"\x00" * 200, "report.docx", FAILED, "damaged"),
    ("an encrypted PDF", files.encrypted_pdf(), "report.pdf", FAILED, "password-protected"),
    ("a truncated PDF", truncated_pdf(), "report.pdf", FAILED, "damaged or incomplete"),
    ("a PDF with no text", files.pdf(["", ""]), "scan.pdf", FAILED, "no extractable text"),
    ("a PDF header and nothing else", b"%PDF-1.7\n", "report.pdf", FAILED, "damaged"),
    ("only whitespace and NULs", b" \n\x00\t\x00 \r\n", "report.txt", FAILED, "no text"),
    ("an image named .pdf", png(), "report.pdf", FAILED, "image"),
    ("an old Word file", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "r.doc", FAILED, ".docx"),
    ("a gzip file named .txt", b"\x1f\x8b\x08\x00" + b"\0" * 64, "report.txt", FAILED, "gzip"),
    ("a single 5 MB line", b"killed in Mosul " * (5 * 1024 * 1024 // 16), "one.txt", FAILED, "the limit is"),
    ("a PDF named .txt", files.pdf([KILLED]), "report.txt", PARSED, "Mosul"),
    ("HTML named .pdf", f"<html><body><p>{KILLED}</p></body></html>".encode(), "a.pdf", PARSED, "Mosul"),
    ("Windows-1252 text", f"Attaque à Mossoul — {KILLED}".encode("cp1252"), "fr.txt", PARSED, "à Mossoul —"),
    ("Latin-1 text", f"Ataque en Cúcuta. {KILLED}".encode("latin-1"), "es.txt", PARSED, "Cúcuta"),
    ("UTF-16 with a BOM", f"{KILLED} Ñ".encode("utf-16"), "u16.txt", PARSED, "Ñ"),
    (
        "Shift-JIS text",
        "モスルで兵士二人が死亡した。警察が発表した。".encode("shift_jis"),
        "ja.txt",
        PARSED,
        "モスル",
    ),
    ("mixed encodings", mixed_encodings(), "mixed.txt", PARSED, "Mosul"),
    ("Arabic (right-to-left)", ARABIC.encode(), "ar.txt", PARSED, "الموصل"),
    ("Hebrew with RTL overrides", f"\u202e{HEBREW}\u202c {KILLED}".encode(), "he.txt", PARSED, "מוסול"),
    ("NUL bytes inside text", KILLED.replace(" ", "\x00 ").encode(), "nul.txt", PARSED, "Mosul"),
    ("UTF-8 with a BOM", b"\xef\xbb\xbf" + KILLED.encode(), "bom.txt", PARSED, "Gunmen"),
    ("an e-mail", files.eml(KILLED), "forwarded.txt", PARSED, "Mosul"),
]


@pytest.mark.parametrize("case, data, name, status, words", CASES, ids=[c[0] for c in CASES])
def test_each_hostile_upload_ends_parsed_or_failed_with_a_readable_reason_and_the_original_kept(
    case, data, name, status, words
):
    report = parse(receive(data, name=name))

    assert report.status == status, f"{case}: {report.status} ({report.failure_reason})"
    if status == FAILED:
        assert_readable(report.failure_reason)
        assert words in report.failure_reason
        assert not report.drafts.exists()
    else:
        assert report.failure_reason == ""
        assert words in report.text
        assert "\x00" not in report.text  # PostgreSQL text cannot hold NUL: the reader must strip it
    assert_kept_inside_media(report, data)


def test_arabic_text_keeps_its_language_and_direction_on_the_report_page(analyst):
    report = parse(receive(ARABIC.encode(), name="ar.txt"))
    assert report.language == "ar"
    page = _signed_in(analyst).get(reverse("incidents:report-detail", args=[report.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'dir="auto"' in html and "الموصل" in html


# --- Size ---------------------------------------------------------------------------------------


class DeclaredTooLarge(UploadedFile):
    """An upload whose declared size is over the limit and whose bytes must never be touched."""

    def __init__(self, size: int):
        super().__init__(file=None, name="huge.pdf", content_type="application/pdf", size=size)

    def read(self, *args, **kwargs):
        raise AssertionError("the file was read although its declared size is over the limit")

    def chunks(self, chunk_size=None):
        raise AssertionError("the file was read although its declared size is over the limit")

    def open(self, mode=None):
        raise AssertionError("the file was opened although its declared size is over the limit")


def test_a_file_declared_over_the_size_limit_is_refused_before_it_is_read(settings):
    upload = DeclaredTooLarge(settings.REPORT_MAX_BYTES + 1)
    with pytest.raises(workflow.UploadRejected) as refused:
        workflow.receive_report(upload)
    assert refused.value.code == "too_large"
    assert_readable(str(refused.value))
    assert "the limit is" in str(refused.value)
    assert not Report.objects.exists()


def test_a_stream_that_grows_past_the_limit_is_refused_while_copying_and_nothing_is_stored(
    settings, tmp_path
):
    settings.REPORT_MAX_BYTES = 100_000

    class Endless(io.RawIOBase):  # no declared size: only counting the bytes can stop it
        name = "endless.txt"

        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    with pytest.raises(workflow.UploadRejected) as refused:
        workflow.receive_report(Endless())
    assert refused.value.code == "too_large"
    assert not Report.objects.exists()
    media = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


def test_the_upload_page_refuses_an_empty_file_and_an_oversized_one_with_a_message(analyst, settings):
    settings.REPORT_MAX_BYTES = 1000
    client = _signed_in(analyst)
    url = reverse("incidents:report-upload")
    empty = io.BytesIO(b"")
    empty.name = "empty.txt"
    response = client.post(url, {"files": [empty]}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    errors = response.context["form"].errors.get("files", [])
    assert any("empty" in m for m in [*shown, *errors]), (shown, errors)

    big = io.BytesIO(b"x" * 1001)
    big.name = "big.txt"
    response = client.post(url, {"files": [big]}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("big.txt: ") and "the limit is" in m for m in shown), shown
    assert not Report.objects.exists()


def test_an_unsupported_type_ends_failed_with_a_readable_reason():
    data = b"{\\rtf1\\ansi Two soldiers were killed near Mosul.}"
    report = parse(receive(data, name="report.rtf"))
    assert report.status == FAILED
    assert_readable(report.failure_reason)
    assert "RTF" in report.failure_reason


# --- File names ---------------------------------------------------------------------------------

NAMES = [
    "../../etc/passwd",
    "..\\x.txt",
    "/etc/passwd",
    "C:\\Windows\\System32\\drivers\\etc\\hosts",
    "....//....//x.txt",
    "..",
    "report\x00.txt.exe",
    "<script>alert(1)</script>.txt",
    "a" * 1000 + ".txt",
    "%2e%2e%2fsecret.txt",
    "\u202etxt.exe",
    "",
]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_a_path_traversal_file_name_is_kept_as_a_label_and_never_used_as_a_path(name, tmp_path, settings):
    data = f"{KILLED} ({name!r})".encode()
    report = parse(receive(data, name=name))

    assert report.status == PARSED
    assert_kept_inside_media(report, data)
    assert report.file.name == f"reports/{report.sha256[:2]}/{report.sha256}"
    assert ".." not in report.original_name.split("/")
    assert len(report.original_name) <= 255 and report.original_name.strip()
    assert "\x00" not in report.original_name and "<" not in report.original_name
    # Nothing was written next to the media folder (where "../" would have led).
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and settings.MEDIA_ROOT not in p.parents]
    assert outside == []


# --- Scripts in reports -------------------------------------------------------------------------

SCRIPTED_HTML = f"""<!doctype html><html><head><title>Clashes<script>alert("xss-title")</script></title>
<script>alert("xss-head")</script><script src="https://evil.example/x.js"></script></head>
<body onload="alert('xss-onload')"><article><h1>Clashes near Mosul</h1>
<p onclick="alert('xss-onclick')">{KILLED}</p>
<img src="x" onerror="alert('xss-onerror')"><iframe src="javascript:alert('xss-iframe')"></iframe>
<svg onload="alert('xss-svg')"></svg><a href="javascript:alert('xss-href')">more</a>
<p>Three civilians were killed in Kirkuk.<script>alert("xss-body")</script></p>
<form action="https://evil.example"><input name="password"></form></article></body></html>
""".encode()

# A plain-text report is shown as it is written, markup and all: it must come out escaped.
SCRIPTED_TEXT = (
    '<script>alert("xss-text")</script> Clashes\n'
    f"{KILLED} <img src=x onerror=alert('xss-text-img')>\n"
    '<iframe src="javascript:alert(1)"></iframe> Three civilians were killed in Kirkuk.\n'
).encode()


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_markup_check_does_find_every_script_of_the_raw_report():
    found = " ".join(active_markup(SCRIPTED_HTML.decode()))
    for needle in (
        "<script {}>",
        "evil.example",
        "xss-onload",
        "xss-onclick",
        "xss-onerror",
        "<iframe>",
        "xss-svg",
    ):
        assert needle in found
    assert active_markup(SCRIPTED_TEXT.decode())  # the text report is markup too, if not escaped


@pytest.mark.parametrize("data, name", [(SCRIPTED_HTML, "page.html"), (SCRIPTED_TEXT, "page.txt")])
def test_no_script_from_a_report_reaches_a_page_unescaped(data, name, analyst, editor):
    report = parse(receive(data, name=name, title="", source="<script>alert('xss-source')</script>"))
    assert report.status == PARSED, report.failure_reason
    drafts = list(report.drafts.all())
    assert drafts, "the fake extractor drafts one incident per sentence that says someone was killed"
    draft = drafts[0]
    analyst_client, editor_client = _signed_in(analyst), _signed_in(editor)
    pages = {
        "report page": analyst_client.get(reverse("incidents:report-detail", args=[report.pk])),
        "report status row": analyst_client.get(reverse("incidents:report-status", args=[report.pk])),
        "upload list": analyst_client.get(reverse("incidents:report-upload")),
        "review page": editor_client.get(reverse("incidents:review", args=[draft.pk])),
        "review queue": editor_client.get(reverse("incidents:review-queue")),
        "incident page": analyst_client.get(reverse("incidents:incident-detail", args=[draft.pk])),
        "incident list": analyst_client.get(reverse("incidents:incident-list")),
    }
    for page_name, response in pages.items():
        assert response.status_code == 200, page_name
        html = response.content.decode()
        assert active_markup(html) == [], page_name
    # The text report's markup is shown to the reviewer, escaped, not silently dropped.
    if name.endswith(".txt"):
        assert "&lt;script&gt;alert(" in pages["report page"].content.decode()
    else:
        assert "xss-head" not in report.text and "xss-onload" not in report.text


def test_the_report_file_is_downloaded_as_an_attachment_never_rendered_inline(analyst):
    report = parse(receive(SCRIPTED_HTML, name="page.html"))
    response = _signed_in(analyst).get(reverse("incidents:report-file", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.get("X-Content-Type-Options") == "nosniff"
    assert b"".join(response.streaming_content) == SCRIPTED_HTML


# --- The same file twice at once ----------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_file_uploaded_twice_at_once_is_stored_once_and_parsed_once():
    data = f"{KILLED}\nThree civilians were killed in Kirkuk.".encode()
    barrier = threading.Barrier(4)
    outcomes: list = [None] * 4

    def upload(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = workflow.receive_report(
                io.BytesIO(data) if index % 2 else _Named(data, f"copy-{index}.txt")
            )
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    reports = {report.pk for report, _ in outcomes}
    assert len(reports) == 1 and Report.objects.count() == 1
    assert sum(created for _, created in outcomes) == 1
    report = Report.objects.get()
    assert report.status == PARSED  # parsed (eagerly, by the one upload that created it)
    assert report.attempts == 1
    assert Incident.objects.filter(report=report).count() == 2
    assert_kept_inside_media(report, data)


class _Named(io.BytesIO):
    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name = name
