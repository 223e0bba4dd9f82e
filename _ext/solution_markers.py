"""The book shows each model solution clean: no nbgrader markers, no stubs, no hidden tests.

A chapter notebook is also the nbgrader source of its assignment, so its
solution cells carry nbgrader's markup::

    fraction_zero = ...          # the stub the learner's copy keeps
    ### BEGIN SOLUTION
    fraction_zero = 0.5
    ### END SOLUTION

The notebook keeps all of it (nbgrader needs it to make the learner's copy).
When Sphinx reads a notebook, before myst-nb parses it, this extension
rewrites the cells the page renders:

* in every cell, the marker lines ``### BEGIN SOLUTION`` / ``### END
  SOLUTION`` (and the Markdown comments ``% ### BEGIN SOLUTION``) go;
* in a solution cell (``nbgrader.solution``), so do the stubs around the
  solution: ``name = ...``, ``raise NotImplementedError()`` and ``# YOUR
  CODE HERE``;
* in a check cell, the ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN
  TESTS`` block goes with its markers: it holds the expected answer, and
  the learner's copy has none either.

Only the rendered page changes; the notebook on disk and the stored outputs
stay as they are.
"""

from __future__ import annotations

import json
import re

MARKER = re.compile(r"^\s*(?:%\s*)?#+\s*(?:BEGIN|END) SOLUTION\s*$")
HIDDEN_BEGIN = re.compile(r"^\s*#+\s*BEGIN HIDDEN TESTS\s*$")
HIDDEN_END = re.compile(r"^\s*#+\s*END HIDDEN TESTS\s*$")
# `a = ...`, `a, b = ...`, `raise NotImplementedError()`, `# YOUR CODE HERE`: what nbgrader's stubs look like.
STUB = re.compile(
    r"^\s*(?:[A-Za-z_][\w.\[\]'\"]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*\.\.\.\s*(?:#.*)?"
    r"|raise\s+NotImplementedError(?:\(.*\))?\s*"
    r"|#\s*YOUR (?:CODE|ANSWER) HERE\s*)$"
)


def clean_source(source: str, solution: bool) -> str:
    """``source`` without nbgrader's markers and hidden tests; without its stubs if ``solution``."""
    kept, hidden = [], False
    for line in source.splitlines():
        if HIDDEN_BEGIN.match(line):
            hidden = True
        elif HIDDEN_END.match(line):
            hidden = False
        elif hidden or MARKER.match(line) or (solution and STUB.match(line)):
            continue
        else:
            kept.append(line)
    return "\n".join(kept).strip("\n")


def clean_notebook(nb: dict) -> bool:
    """Clean every cell of the notebook JSON ``nb`` in place; True if anything changed."""
    changed = False
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        solution = bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))
        new = clean_source(text, solution and cell.get("cell_type") == "code")
        if new != text.strip("\n"):
            cell["source"] = new
            changed = True
    return changed


def on_source_read(app, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    if clean_notebook(nb):
        source[0] = json.dumps(nb, ensure_ascii=False)


def setup(app):
    app.connect("source-read", on_source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
