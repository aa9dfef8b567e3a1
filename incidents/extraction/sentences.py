"""Split a report into paragraphs and sentences, keeping character offsets into the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "brig",
    "cpl",
    "pte",
    "sp",
    "st",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "u.k",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "approx",
    "gov",
    "rep",
    "sen",
    "prof",
    "rev",
    "inc",
    "co",
}
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-•*]\s)|\n(?=[A-Z][A-Z ,'-]{3,}\n)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (or bullet line) the sentence belongs to
    first_in_paragraph: bool


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    # Single lines inside a block are their own paragraphs when they look like list items or headings.
    out: list[tuple[int, int]] = []
    for start, end in spans:
        line_start = start
        for line in text[start:end].split("\n"):
            line_end = line_start + len(line)
            if line.strip():
                out.append((line_start, line_end))
            line_start = line_end + 1
    return _rejoin_wrapped(text, out)


def _rejoin_wrapped(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join hard-wrapped lines (a line that does not end a sentence, followed by a lowercase one)."""
    joined: list[tuple[int, int]] = []
    for start, end in lines:
        if joined:
            prev_start, prev_end = joined[-1]
            prev = text[prev_start:prev_end].rstrip()
            nxt = text[start:end].lstrip()
            if prev and prev[-1] not in '.!?:;"”' and nxt[:1].islower() and not nxt.startswith("-"):
                joined[-1] = (prev_start, end)
                continue
        joined.append((start, end))
    return joined


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with their offsets; text[s.start:s.end] == s.text."""
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        chunk = text[p_start:p_end]
        pos, first = 0, True
        for match in _BOUNDARY.finditer(chunk):
            word = re.search(r"([\w.]+)$", chunk[pos : match.start()])
            if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            _add(sentences, text, p_start + pos, p_start + match.start() + 1, number, first)
            first = False
            pos = match.end()
        _add(sentences, text, p_start + pos, p_end, number, first)
    return sentences


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int, first: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph, first))
