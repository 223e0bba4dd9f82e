"""The course's one bibliography: every key the book cites exists, every entry is complete.

``references.bib`` is read with pybtex (the parser sphinxcontrib-bibtex itself
uses); the citations are found in every Markdown page and notebook the book
builds from, in the forms MyST accepts: ``{cite}``, ``{cite:p}``,
``{cite:t}``, ``{cite:ps}`` … with one key or several separated by commas.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from booktools import REPO

BIB = REPO / "references.bib"
# A role {cite}, {cite:p}, {cite:t}, {cite:alp}, ... followed by its `keys`.
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
# Where an entry says where it appeared; @misc needs howpublished, an arXiv
# preprint its journal line "arXiv preprint arXiv:NNNN.NNNNN".
VENUE_FIELDS = ("journal", "booktitle", "school", "howpublished", "publisher")
# templates/: the skeleton cites a placeholder key (_config.yml excludes it from the book).
NOT_IN_BOOK = {".venv", "_build", "classroom", "benchmarks", "tests", "student", "templates"}


def book_sources() -> list[Path]:
    """Every Markdown page and notebook the book could render (README and the template aside)."""
    found = []
    for path in sorted(REPO.rglob("*")):
        rel = path.relative_to(REPO)
        if path.suffix not in (".md", ".ipynb") or rel.parts[0] in NOT_IN_BOOK or any(p.startswith(".") for p in rel.parts):
            continue
        if rel.as_posix() in ("README.md", "chapters/TEMPLATE.md"):
            continue
        found.append(path)
    return found


def text_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def cited_keys(text: str) -> set[str]:
    """The keys of every {cite...}`a,b` role in ``text``."""
    return {key.strip() for keys in CITE.findall(text) for key in keys.split(",") if key.strip()}


@pytest.fixture(scope="module")
def entries():
    return parse_file(str(BIB), bib_format="bibtex").entries


def test_the_citation_pattern_finds_every_form():
    text = "as {cite:p}`a2020x` and {cite:t}`b2019y, c2018z` showed, see {cite}`d2017w`"
    assert cited_keys(text) == {"a2020x", "b2019y", "c2018z", "d2017w"}
    assert cited_keys("no role here: `glorot2010understanding`") == set()


def test_every_cited_key_is_in_references_bib(entries):
    missing = {
        path.relative_to(REPO).as_posix(): sorted(cited_keys(text_of(path)) - set(entries))
        for path in book_sources()
    }
    missing = {page: keys for page, keys in missing.items() if keys}
    assert not missing, f"cited but not in references.bib: {missing}"


def test_the_book_cites_at_least_the_glossary_references(entries):
    # The glossary cites the papers behind its definitions: the test above has something to check.
    glossary = cited_keys(text_of(REPO / "reference" / "glossary.md"))
    assert {"glorot2010understanding", "he2015delving", "lecun1998efficient"} <= glossary


def test_every_entry_has_author_year_title_and_a_venue(entries):
    incomplete = {}
    for key, entry in entries.items():
        lacks = [f for f in ("title", "year") if not entry.fields.get(f, "").strip()]
        if not entry.persons.get("author"):
            lacks.append("author")
        if not any(entry.fields.get(f, "").strip() for f in VENUE_FIELDS):
            lacks.append("venue (" + "/".join(VENUE_FIELDS) + ")")
        if not re.fullmatch(r"(18|19|20)\d\d", entry.fields.get("year", "")):
            lacks.append("a four-digit year")
        if lacks:
            incomplete[key] = lacks
    assert not incomplete


def test_keys_follow_author_year_word(entries):
    # e.g. glorot2010understanding: first author's surname, year, first title word.
    wrong = [key for key, e in entries.items() if not re.fullmatch(r"[a-z]+" + e.fields["year"] + r"[a-z0-9]+", key)]
    assert not wrong
