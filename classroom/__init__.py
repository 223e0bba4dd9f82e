"""The nbgrader course folder and its one command: the chapters as graded assignments.

A chapter notebook is the single source: ``release`` copies it into
nbgrader's ``source/<assignment>/`` layout and runs nbgrader's own
``generate_assignment`` (solutions become stubs, outputs are cleared,
checks stay, hidden tests go), then makes the copy readable outside the
book. ``autograde`` is nbgrader's autograder run per student in a sandbox
(:mod:`classroom.grading`, :mod:`classroom.sandbox`); ``feedback`` and
``export`` are nbgrader's feedback and gradebook, with hidden tests kept
out of the pages and per-cell and Moodle CSVs (:mod:`classroom.gradebook`).
``sync_install_cell`` writes the Colab install line of every chapter from
``_config.yml``. The command line is ``python -m classroom --help``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent          # the course folder (nbgrader's CourseDirectory.root)
REPO = ROOT.parent
CHAPTERS = REPO / "chapters"
CONFIG = ROOT / "nbgrader_config.py"

# The setup cell's install line: `%pip install -q "actlib @ git+URL"`.
# A released copy pins it to the course release: `"actlib @ git+URL@REF"`.
INSTALL_LINE = re.compile(r'(%pip install -q "actlib @ git\+)([^"@]+)(@[^"]+)?(")')


def chapters() -> list[Path]:
    """Every chapter notebook, sorted by path (part folder, then file name; _toc.yml gives the reading order)."""
    return sorted(p for p in CHAPTERS.glob("**/*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def assignment_id(notebook: Path) -> str:
    """A chapter's assignment name: its notebook's name, e.g. ``03_relu``."""
    return Path(notebook).stem


def find_chapter(name: str) -> Path:
    """A chapter by assignment name (``03_relu``), activation (``relu``) or path."""
    path = Path(name)
    if path.suffix == ".ipynb" and path.exists():
        return path.resolve()
    matches = [p for p in chapters() if p.stem == name or p.stem.split("_", 1)[-1] == name]
    if len(matches) != 1:
        known = ", ".join(p.stem for p in chapters())
        raise SystemExit(f"no single chapter called {name!r}; the chapters are: {known}")
    return matches[0]


def _config(root: Path):
    """classroom/nbgrader_config.py, then ``root``'s own nbgrader_config.py (if another course folder has one)."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config()
    local = Path(root).resolve() / CONFIG.name
    if local.exists() and local != CONFIG:
        config.merge(PyFileConfigLoader(local.name, path=str(local.parent)).load_config())
    config.CourseDirectory.root = str(Path(root).resolve())
    config.Exchange.root = str(Path(root).resolve() / "exchange")  # unused unless you release through it
    return config


def _api(root: Path, config=None):
    """nbgrader's API on the course folder ``root``, configured by :func:`_config` (or ``config``)."""
    # nbgrader runs `alembic` to set up the gradebook: the environment's bin
    # folder must be on PATH even when Python was started by its full path.
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = config if config is not None else _config(root)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def _check(result: dict, what: str) -> dict:
    if not result.get("success"):
        raise RuntimeError(f"nbgrader {what} failed:\n{result.get('error') or ''}\n{result.get('log') or ''}")
    return result


def release(names=(), root: Path = ROOT, pin: str | None = None, due=None) -> list[Path]:
    """Release the chapters ``names`` (all by default) as student notebooks in ``root/release/``.

    Returns the released notebooks. Each chapter is copied to
    ``root/source/<assignment>/<assignment>.ipynb`` (replacing an older copy:
    the chapter is the single source) and nbgrader's ``generate_assignment``
    writes ``root/release/<assignment>/<assignment>.ipynb``. That student
    copy is then made readable outside the book: MyST markup becomes plain
    Markdown (:func:`classroom.student_copies.myst_to_markdown`, as in the
    learner's copies), and its install line is
    pinned to ``pin`` (default: :func:`course_release`, the checkout's tag or
    commit) so students install the ``actlib`` the grader runs. ``due`` (a
    datetime or ``"2026-12-01 17:00 UTC"``) is each assignment's due date in
    the gradebook, against which nbgrader measures late submissions.
    """
    import nbformat

    from .student_copies import myst_to_markdown

    root = Path(root)
    notebooks = [find_chapter(n) for n in names] if names else chapters()
    pin = pin or course_release()
    api = _api(root)
    released = []
    for nb in notebooks:
        aid = assignment_id(nb)
        source = root / "source" / aid
        shutil.rmtree(source, ignore_errors=True)
        source.mkdir(parents=True)
        shutil.copyfile(nb, source / nb.name)
        _check(api.generate_assignment(aid, force=True, create=True), f"generate_assignment {aid}")
        student = root / "release" / aid / nb.name
        copy = nbformat.read(student, as_version=nbformat.NO_CONVERT)
        _plain_markdown(copy, myst_to_markdown)
        _pin_install_lines(copy, pin)
        nbformat.write(copy, student)
        if due is not None:
            with api.gradebook as gb:
                gb.update_or_create_assignment(aid, duedate=_datetime(due))
        released.append(student)
    return released


def _plain_markdown(nb, convert) -> None:
    """Every markdown cell through ``convert`` (MyST to plain Markdown); cells left empty go, unless nbgrader's."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = convert(cell.source)
            if not cell.source.strip() and "nbgrader" not in cell.get("metadata", {}):
                continue  # the book's solution-start / solution-end wrappers
        cells.append(cell)
    nb.cells = cells


def _datetime(value):
    from nbgrader.utils import parse_utc

    return parse_utc(value) if isinstance(value, str) else value


def course_release(repo: Path = REPO) -> str:
    """The course version students install: the checkout's tag if HEAD has one, else its commit."""
    import subprocess

    def git(*args):
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    ref = git("describe", "--tags", "--exact-match", "HEAD") or git("rev-parse", "HEAD")
    if not ref:
        raise SystemExit(f"{repo} is not a git checkout: pass the course release to pin (a tag or commit) explicitly")
    return ref


def _pin_install_lines(nb, ref: str) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code" and INSTALL_LINE.search(cell.source):
            cell.source = INSTALL_LINE.sub(lambda m: m.group(1) + m.group(2) + "@" + ref + m.group(4), cell.source)


def submitted_students(assignment: str, root: Path = ROOT) -> list[str]:
    """The students with a submission of ``assignment`` in ``root/submitted/<student>/<assignment>/``."""
    return sorted(p.parent.name for p in (Path(root) / "submitted").glob(f"*/{assignment}") if p.is_dir())


def autograde(assignment: str, students=(), root: Path = ROOT):
    """Autograde every submission of ``assignment`` (or only ``students``), each in a sandbox.

    Returns one :class:`classroom.grading.StudentResult` per student; a
    submission that crashes, loops or floods is recorded there and the next
    student is graded all the same. See :mod:`classroom.grading`.
    """
    from .grading import autograde_class

    return autograde_class(assignment, students, root)


def feedback(assignment: str, students=(), root: Path = ROOT, problems: list | None = None) -> list[Path]:
    """nbgrader's HTML feedback for the autograded submissions: ``root/feedback/<student>/<assignment>/``.

    Students without an autograded notebook (their grading failed) are
    skipped and listed in ``problems``; the pages show no hidden test and
    carry their own MathJax (:mod:`classroom.feedback_html`).
    """
    from .feedback_html import feedback_config, inline_mathjax

    root = Path(root)
    api = _api(root, feedback_config(_config(root)))
    problems = [] if problems is None else problems
    for student in students or submitted_students(assignment, root):
        if not (root / "autograded" / student / assignment).is_dir():
            problems.append(f"{student}: no autograded notebook (see the autograde summary); no feedback")
            continue
        result = api.generate_feedback(assignment, student, force=True)
        if not result.get("success"):
            problems.append(f"{student}: feedback failed: {(result.get('error') or '').strip().splitlines()[-1:]}")
    pages = sorted((root / "feedback").glob(f"*/{assignment}/*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "<!-- Load mathjax -->" in text:
            page.chmod(0o644)
            page.write_text(inline_mathjax(text), encoding="utf-8")
    return pages


def export(to: Path, root: Path = ROOT, fmt: str = "cells", assignments=None) -> Path:
    """Every grade as CSV: per graded cell (``cells``), for Moodle (``moodle``) or nbgrader's own (``nbgrader``).

    See :mod:`classroom.gradebook`.
    """
    from .gradebook import write_csv

    return write_csv(to, _api(root), fmt, assignments)


def import_roster(path: Path, root: Path = ROOT) -> int:
    """Names and e-mails of the class from a roster CSV (``id,first_name,last_name,email``) into the gradebook."""
    from .gradebook import import_roster as _import

    return _import(Path(path), _api(root))


# --------------------------------------------------------------------------
# the Colab install line
# --------------------------------------------------------------------------
def repository_url(config: Path = REPO / "_config.yml") -> str:
    """``repository.url`` from the book's ``_config.yml``: where Colab installs actlib from."""
    import yaml

    return yaml.safe_load(Path(config).read_text(encoding="utf-8"))["repository"]["url"].rstrip("/")


def install_urls(notebook: Path) -> list[str]:
    """The repository addresses the notebook's install lines point at."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    return [m.group(2) for c in nb["cells"] if c["cell_type"] == "code" for m in INSTALL_LINE.finditer("".join(c["source"]))]


def sync_install_cell(notebooks=(), url: str | None = None) -> list[Path]:
    """Point every install line (``%pip install -q "actlib @ git+URL"``) at ``url`` (default: _config.yml's).

    Only the install line's address changes; the notebook's JSON is rewritten
    in nbformat's own layout. Returns the notebooks that changed.
    """
    import nbformat

    url = (url or repository_url()).rstrip("/")
    changed = []
    for path in notebooks or chapters():
        path = Path(path)
        nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        dirty = False
        for cell in nb.cells:
            if cell.cell_type == "code" and INSTALL_LINE.search(cell.source):
                new = INSTALL_LINE.sub(lambda m: m.group(1) + url + (m.group(3) or "") + m.group(4), cell.source)
                dirty |= new != cell.source
                cell.source = new
        if dirty:
            nbformat.write(nb, path)
            changed.append(path)
    return changed
