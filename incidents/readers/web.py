"""HTML pages: the article's main text, title and date, without menus, scripts or styles."""

from __future__ import annotations

import datetime as dt
import logging

import lxml.html
import trafilatura
from lxml.etree import ParserError

from incidents.readers.base import Document, ReadError, clean_text, first_line_title, guess_language

log = logging.getLogger(__name__)


def read(html: str) -> Document:
    """An HTML page; nothing in it is run or fetched, only its text is kept."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as error:
        raise ReadError("The HTML page could not be parsed; save it again or upload its text.") from error
    # Read before trafilatura, which prunes the tree it is given.
    page_title, lang = _title(tree), (tree.get("lang") or "").split("-")[0].lower()[:8]
    # Only meta tags and structured data for the date: htmldate's "extensive search" guesses from any
    # date in the text, and a wrong publication date shifts every "on Saturday" in the report.
    try:
        extracted = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura is heuristic; any trouble there falls back to the whole body
        log.warning("trafilatura failed; using the page body", exc_info=True)
        extracted = None
    body = extracted.text if extracted is not None and extracted.text else _body_text(html)
    content = clean_text(body or "")
    title = (extracted.title if extracted is not None else None) or page_title or first_line_title(content)
    return Document(
        text=content,
        title=title.strip()[:500],
        published=_date(extracted.date if extracted is not None else None),
        language=lang or guess_language(content),
        kind="html",
    )


def _body_text(html: str) -> str:
    # A fresh tree: trafilatura prunes the one it is given.
    tree = lxml.html.document_fromstring(html)
    for element in tree.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    return "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())


def _title(tree) -> str:
    titles = tree.xpath("//title/text()")
    return titles[0].strip() if titles else ""


def _date(value: str | None) -> dt.date | None:
    try:
        published = dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
    return published if published <= dt.date.today() else None
