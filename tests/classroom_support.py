"""What the classroom tests share: nbgrader's warnings they tolerate, a faster gradebook, and class submissions.

A submission is built from the *released* notebook (so it follows the
chapters as they change): each solution cell gets the chapter's own answer
(its text between the solution markers), then the test replaces single
definitions (``my_relu``, ``dead_units``) with a wrong answer. The points a
submission should get are derived cell by cell: a check cell loses its
points when it reads a name whose answer is wrong.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

if not os.environ.get("CI"):  # CI installs requirements-classroom.txt and must run these
    pytest.importorskip("nbgrader", reason="the classroom tools: pip install -r requirements-classroom.txt")

MARKS = [
    # nbgrader and the Jupyter server stack it imports still use APIs their
    # dependencies deprecate; they are not ours to fix.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::PendingDeprecationWarning"),
    # nbgrader's gradebook opens SQLAlchemy sessions it leaves to the garbage collector.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    # nbgrader 0.9's gradebook warns under SQLAlchemy 2.x when it links a new
    # submission to its student; the CLI shows the same warning and grades fine.
    pytest.mark.filterwarnings("ignore:Object of type <\\w+> not in session"),
]


@pytest.fixture(autouse=True, scope="module")
def _alembic_head_once():
    """nbgrader asks `alembic heads` (a 5 s subprocess) for every new gradebook; the answer never changes."""
    import nbgrader.api

    original = nbgrader.api.get_alembic_version
    nbgrader.api.get_alembic_version = functools.cache(original)
    yield
    nbgrader.api.get_alembic_version = original


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_check(cell):
    return cell["cell_type"] == "code" and nbgrader_meta(cell).get("grade") and not nbgrader_meta(cell).get("solution")


def is_code_answer(cell):
    return cell["cell_type"] == "code" and nbgrader_meta(cell).get("solution")


def read(path):
    return nbformat.read(path, as_version=4)


def submit(root, assignment, student, notebook, name=None, timestamp=None):
    """Put ``notebook`` where nbgrader collects it: submitted/<student>/<assignment>/<name>."""
    dest = Path(root) / "submitted" / student / assignment
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / (name or f"{assignment}.ipynb")
    if isinstance(notebook, nbformat.NotebookNode):
        nbformat.write(notebook, target)
    elif isinstance(notebook, str):
        target.write_text(notebook, encoding="utf-8")
    else:
        shutil.copyfile(notebook, target)
    if timestamp:
        (dest / "timestamp.txt").write_text(timestamp, encoding="utf-8")


SOLUTION_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


def model_answers(chapter) -> dict:
    """``grade_id -> code`` of the chapter's code answers: its solution, markers removed."""
    return {nbgrader_meta(c)["grade_id"]: SOLUTION_MARKER.sub("", c.source) for c in read(chapter).cells if is_code_answer(c)}


def defined_names(code: str) -> list[str]:
    """The top-level names a piece of answer code defines (functions and assigned variables)."""
    names = []
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return list(dict.fromkeys(names))


def replace_definition(code: str, name: str, new: str) -> str:
    """``code`` with its last top-level definition of ``name`` replaced by ``new``."""
    lines = code.splitlines(keepends=True)
    last = None
    for node in ast.parse(code).body:
        if name in defined_names(ast.get_source_segment(code, node) or ""):
            last = node
    if last is None:
        raise KeyError(f"no definition of {name!r} in:\n{code}")
    return "".join(lines[:last.lineno - 1]) + new.rstrip("\n") + "\n" + "".join(lines[last.end_lineno:])


WRITTEN = "By the chain rule the derivative follows; at the kink the value is a convention."


def names_read(source: str) -> set:
    return set(re.findall(r"[A-Za-z_]\w*", source))


class Assignment:
    """A released chapter and the means to make submissions of it and predict their points."""

    def __init__(self, chapter, released):
        self.chapter, self.released = Path(chapter), Path(released)
        self.answers = model_answers(chapter)               # answer grade_id -> model code
        self.owner = {n: gid for gid, code in self.answers.items() for n in defined_names(code)}  # name -> answer cell
        source = read(chapter)
        self.checks = {nbgrader_meta(c)["grade_id"]: (names_read(c.source) & set(self.owner), nbgrader_meta(c)["points"])
                       for c in source.cells if is_check(c)}  # check grade_id -> (answer names it reads, points)

    def notebook(self, wrong=None, append=None, blank=()):
        """The released notebook answered with the model answers, except ``wrong`` ({name: code}),
        with ``append`` ({name: code}) added after the cell defining name, and the answer cells defining
        the names in ``blank`` left as released."""
        wrong, append = wrong or {}, append or {}
        nb = read(self.released)
        for cell in nb.cells:
            gid = nbgrader_meta(cell).get("grade_id")
            if cell.cell_type == "markdown" and nbgrader_meta(cell).get("solution"):
                cell.source = WRITTEN  # for the teacher to grade by hand
            if not is_code_answer(cell) or any(self.owner[n] == gid for n in blank):
                continue
            code = self.answers[gid]
            for name, new in wrong.items():
                if self.owner[name] == gid:
                    code = replace_definition(code, name, new)
            for name, extra in append.items():
                if self.owner[name] == gid:
                    code = code.rstrip("\n") + "\n" + extra
            cell.source = code
        return nb

    def expected(self, broken=(), zero=()):
        """``check grade_id -> points`` when the answers for the names ``broken`` are wrong and the checks ``zero`` fail."""
        return {gid: 0 if (names & set(broken) or gid in zero) else points for gid, (names, points) in self.checks.items()}

    def check_reading(self, name):
        """The check cells that read the answer ``name``."""
        return [gid for gid, (names, _) in self.checks.items() if name in names]
