"""The learner's copies (student/…, made by classroom/student_copies.py) match their chapters and hold no solution.

Binder, Colab and the book's download button open these copies, so a copy
that lags behind its chapter, or leaks a model solution, is what a learner
working alone gets. Regenerating needs nbgrader (requirements-classroom.txt,
installed in CI before the tests): without it these tests skip locally and
fail in CI.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from booktools import REPO

if os.environ.get("CI"):
    import nbgrader  # noqa: F401  (CI must not pass by skipping)
else:
    pytest.importorskip("nbgrader")

from classroom import chapters  # noqa: E402
from classroom.student_copies import (  # noqa: E402
    myst_to_markdown, out_of_date, render, stale_copies, student_path)

SOLUTION_REGION = re.compile(r"^[ \t]*#+ BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*#+ END SOLUTION", re.M | re.S)
HIDDEN_REGION = re.compile(r"^[ \t]*#+ BEGIN HIDDEN TESTS[ \t]*\n(.*?)^[ \t]*#+ END HIDDEN TESTS", re.M | re.S)
MYST_LEFTOVER = re.compile(r"^\s*(`{3,}|:{3,})\{[\w-]+\}|\{[\w:-]+\}`|^\([\w.:-]+\)=\s*$|^%", re.M)


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_every_chapter_has_an_up_to_date_copy():
    assert chapters()
    assert not out_of_date(), "run: python -m classroom student-copies"
    assert not stale_copies()


def test_the_copy_is_the_same_every_time():
    chapter = chapters()[0]
    assert render(chapter) == render(chapter)


@pytest.mark.parametrize("chapter", chapters(), ids=lambda p: p.stem)
def test_no_solution_or_hidden_test_is_in_the_copy(chapter):
    author = [source(c) for c in cells(chapter)]
    learner = "\n".join(source(c) for c in cells(student_path(chapter)))
    secret = [line.strip() for text in author for region in SOLUTION_REGION.findall(text) + HIDDEN_REGION.findall(text)
              for line in region.splitlines() if len(line.strip()) > 12]
    assert secret, "the chapter has model solutions: this test must have something to look for"
    leaked = [line for line in secret if line in learner]
    assert not leaked
    assert not re.search(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)", learner)


@pytest.mark.parametrize("chapter", chapters(), ids=lambda p: p.stem)
def test_the_copy_is_plain_jupyter_markdown_without_outputs(chapter):
    copy = cells(student_path(chapter))
    markdown = "\n".join(source(c) for c in copy if c["cell_type"] == "markdown")
    assert not MYST_LEFTOVER.findall(markdown)
    exercises = sum(source(c).count("{exercise}") for c in cells(chapter))
    assert markdown.count("### Exercise") == exercises > 0
    assert all(not c.get("outputs") for c in copy if c["cell_type"] == "code")


def test_myst_becomes_plain_markdown():
    text = """(chapter-relu)=
% a comment
# ReLU

```{exercise} Recall
:label: relu-recall
:nonumber:

What is {term}`ReLU <activation function>`'s slope, {cite:p}`glorot2010understanding`?
```

````{solution-start} relu-recall
:class: dropdown
````

```{note}
Seen by {cite:t}`he2015delving`: $x$ and {math}`y`.
```

$$ a = b $$ (eq-a)"""
    assert myst_to_markdown(text) == """# ReLU

### Exercise (Recall)

What is ReLU's slope, (Glorot and Bengio, 2010)?

> **Note**
>
> Seen by He et al. (2015): $x$ and $y$.

$$ a = b $$"""


def test_nested_directives_close_at_their_own_fence():
    text = "````{exercise} Outer\n```{note}\ninner\n```\nstill outer\n````\nafter"
    assert myst_to_markdown(text) == "### Exercise (Outer)\n\n> **Note**\n>\n> inner\nstill outer\nafter"
