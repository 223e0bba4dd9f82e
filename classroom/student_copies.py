"""The learner's copy of every chapter: what Binder, Colab and the book's download button open.

A chapter notebook holds its model solutions (the book shows them in
dropdowns). A learner working alone needs the same notebook with the
exercises blank, so ``student/<chapter path>`` (e.g.
``student/chapters/activations/01_sigmoid.ipynb``) is generated from each
chapter and committed:

1. nbgrader's own preprocessors, in the order ``generate_assignment`` runs
   them (without its gradebook): cells locked, solutions replaced by the
   stubs of ``classroom/nbgrader_config.py``, outputs cleared, hidden tests
   and mark schemes removed, checksums recomputed. The copy is therefore the
   notebook ``python -m classroom release`` hands out, and autogradable.
2. The MyST the book renders but Jupyter and Colab show as raw text becomes
   plain Markdown: an ``{exercise}`` becomes a heading "Exercise (<title>)",
   the solution wrappers go, admonitions become quotes, ``{math}`` becomes
   ``$$``, roles become their text (``{cite:p}`` becomes "(Glorot and Bengio,
   2010)" from ``references.bib``), and MyST comments and targets go.

The copies are committed because the book build, Binder and Colab must not
need nbgrader; ``tests/test_student_copies.py`` regenerates them and fails
when one differs from its chapter. After changing a chapter, run
``python -m classroom student-copies`` (``--check`` only compares).
Deterministic: the same chapter always gives the same bytes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from . import CONFIG, REPO, chapters

STUDENT = REPO / "student"

NOTE = (
    "*This is the learner's copy of the chapter: the exercises are blank, and each check cell "
    "tells you when your answer is right. The book shows the same chapter with its worked solutions.*"
)

# nbgrader's generate_assignment pipeline, minus IncludeHeaderFooter (the course sets no header),
# InstantiateTests (no AUTOTEST cells) and SaveCells (the gradebook). Same order as nbgrader's.
PIPELINE = (
    "LockCells", "ClearSolutions", "ClearOutput", "CheckCellMetadata", "ComputeChecksums",
    "ClearHiddenTests", "ClearMarkScheme", "ComputeChecksums", "CheckCellMetadata",
)


def student_path(chapter: Path) -> Path:
    """Where the learner's copy of ``chapter`` lives: ``student/`` + its path in the repository."""
    return STUDENT / Path(chapter).resolve().relative_to(REPO)


# --------------------------------------------------------------------------
# 1. nbgrader
# --------------------------------------------------------------------------
def _nbgrader_config():
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config()


def clear_solutions(nb):
    """``nb`` (an nbformat notebook) as nbgrader's generate_assignment would release it."""
    from nbgrader import preprocessors

    config = _nbgrader_config()
    resources = {"nbgrader": {"notebook": "chapter", "assignment": "chapter"}}
    for name in PIPELINE:
        nb, resources = getattr(preprocessors, name)(config=config).preprocess(nb, resources)
    return nb


# --------------------------------------------------------------------------
# 2. MyST to plain Markdown
# --------------------------------------------------------------------------
FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}\s*(?P<arg>.*?)\s*$")
OPTION = re.compile(r"^:[\w-]+:.*$")
ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<content>[^`]*)`")
TARGET = re.compile(r"^\([\w.:-]+\)=\s*$")
COMMENT = re.compile(r"^%.*$")
EQUATION_LABEL = re.compile(r"(\$\$)\s*\([\w.:-]+\)\s*$")  # "$$ ... $$ (eq-label)"
ADMONITIONS = {
    "note": "Note", "tip": "Tip", "hint": "Hint", "important": "Important", "warning": "Warning",
    "caution": "Caution", "attention": "Attention", "danger": "Danger", "error": "Error",
    "seealso": "See also",
}
DROPPED = {"solution", "solution-start", "solution-end"}


@lru_cache(maxsize=1)
def _bibliography() -> dict:
    from pybtex.database import parse_file

    return parse_file(str(REPO / "references.bib"), bib_format="bibtex").entries


def _authors(key: str) -> tuple[str, str]:
    """("Glorot and Bengio", "2010") for a references.bib key; the key itself if it is unknown."""
    entry = _bibliography().get(key)
    if entry is None:
        return key, ""
    names = [" ".join(p.last_names).replace("{", "").replace("}", "") for p in entry.persons.get("author", [])]
    who = names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else f"{names[0]} et al."
    return who, entry.fields.get("year", "")


def _role(match: re.Match) -> str:
    name, content = match["name"], match["content"]
    if name == "math":
        return f"${content}$"
    if name.startswith("cite"):
        cited = [_authors(k.strip()) for k in content.split(",") if k.strip()]
        if name in ("cite:t", "cite:ts"):
            return "; ".join(f"{who} ({year})" for who, year in cited)
        return "(" + "; ".join(f"{who}, {year}" for who, year in cited) + ")"
    text = re.sub(r"\s*<[^>]*>\s*$", "", content)  # "{term}`kinks <kink>`" reads "kinks"
    return text or content


def _split_options(body: list[str]) -> list[str]:
    """A directive's body without its ``:option:`` lines or its ``---`` YAML block."""
    if body and body[0].strip() == "---":
        end = next((i for i, line in enumerate(body[1:], 1) if line.strip() == "---"), 0)
        return body[end + 1:]
    i = 0
    while i < len(body) and OPTION.match(body[i]):
        i += 1
    return body[i:]


def _directive(name: str, arg: str, body: list[str]) -> list[str]:
    body = _split_options(body)
    inner = myst_to_markdown("\n".join(body)).splitlines()
    if name in DROPPED:
        return []
    if name == "exercise":
        return [f"### Exercise ({arg})" if arg else "### Exercise", ""] + inner
    if name == "math":
        return ["$$"] + inner + ["$$"]
    title = arg if name == "admonition" else ADMONITIONS.get(name, arg or name.capitalize())
    lines = [f"**{title}**" if title else ""] + ([""] if title else []) + inner
    return [f"> {line}".rstrip() for line in lines]


def myst_to_markdown(text: str) -> str:
    """MyST Markdown as plain (Jupyter) Markdown: directives, roles, targets and comments rewritten."""
    lines, out, i = text.splitlines(), [], 0
    while i < len(lines):
        line = lines[i]
        opening = FENCE.match(line)
        if opening:
            fence = opening["fence"]
            close = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            j = i + 1
            depth = 0
            while j < len(lines):
                nested = FENCE.match(lines[j])
                if nested and nested["fence"][0] == fence[0] and len(nested["fence"]) == len(fence):
                    depth += 1
                elif close.match(lines[j]):
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            out += _directive(opening["name"], opening["arg"], lines[i + 1:j])
            i = j + 1
            continue
        if TARGET.match(line) or COMMENT.match(line):
            i += 1
            continue
        line = EQUATION_LABEL.sub(r"\1", line)
        out.append(ROLE.sub(_role, line))
        i += 1
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


# --------------------------------------------------------------------------
# the copy
# --------------------------------------------------------------------------
def student_copy(chapter: Path):
    """The learner's copy of ``chapter`` as an nbformat notebook (nothing written)."""
    import nbformat

    nb = clear_solutions(nbformat.read(str(chapter), as_version=4))
    cells = []
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps of the author's run: noise in a diff
        if cell.cell_type == "markdown":
            cell.source = myst_to_markdown(cell.source)
            if not cell.source.strip() and "nbgrader" not in cell.metadata:
                continue  # e.g. the solution-start / solution-end wrappers
        cells.append(cell)
    note = nbformat.v4.new_markdown_cell(NOTE)
    note.id = "learners-copy-note"
    nb.cells = cells[:1] + [note] + cells[1:]
    return nb


def render(chapter: Path) -> str:
    """The learner's copy of ``chapter`` as the exact text written to disk."""
    import nbformat

    return nbformat.writes(student_copy(chapter)) + "\n"


def write_student_copies(notebooks=()) -> list[Path]:
    """Write ``student/…`` for every chapter (or the ones given); return the files that changed."""
    changed = []
    for chapter in notebooks or chapters():
        target = student_path(chapter)
        text = render(chapter)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    for stale in stale_copies():
        stale.unlink()
        changed.append(stale)
    return changed


def stale_copies() -> list[Path]:
    """Learner's copies whose chapter no longer exists."""
    wanted = {student_path(c) for c in chapters()}
    return sorted(p for p in STUDENT.glob("**/*.ipynb") if p not in wanted)


def out_of_date() -> list[Path]:
    """The learner's copies that differ from what their chapters give now (or are missing, or stale)."""
    wrong = [student_path(c) for c in chapters()
             if not student_path(c).exists() or student_path(c).read_text(encoding="utf-8") != render(c)]
    return wrong + stale_copies()


__all__ = ["STUDENT", "student_path", "student_copy", "render", "write_student_copies", "out_of_date",
           "stale_copies", "myst_to_markdown", "clear_solutions"]
