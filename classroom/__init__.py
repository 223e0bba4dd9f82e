"""The nbgrader course folder and its one command: the chapters as graded assignments.

A chapter notebook is the single source: ``release`` copies it into
nbgrader's ``source/<assignment>/`` layout and runs nbgrader's own
``generate_assignment`` (solutions become stubs, outputs are cleared,
checks stay, hidden tests go). ``autograde``, ``feedback`` and ``export``
are nbgrader's autograder, feedback and CSV export on the same folder.
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
INSTALL_LINE = re.compile(r'(%pip install -q "actlib @ git\+)([^"@]+)(")')


def chapters() -> list[Path]:
    """Every chapter notebook, in course order (part folder, then file name)."""
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


def release(names=(), root: Path = ROOT) -> list[Path]:
    """Release the chapters ``names`` (all by default) as student notebooks in ``root/release/``.

    Returns the released notebooks. Each chapter is copied to
    ``root/source/<assignment>/<assignment>.ipynb`` (replacing an older copy:
    the chapter is the single source) and nbgrader's ``generate_assignment``
    writes ``root/release/<assignment>/<assignment>.ipynb``.
    """
    root = Path(root)
    notebooks = [find_chapter(n) for n in names] if names else chapters()
    api = _api(root)
    released = []
    for nb in notebooks:
        aid = assignment_id(nb)
        source = root / "source" / aid
        shutil.rmtree(source, ignore_errors=True)
        source.mkdir(parents=True)
        shutil.copyfile(nb, source / nb.name)
        _check(api.generate_assignment(aid, force=True, create=True), f"generate_assignment {aid}")
        released.append(root / "release" / aid / nb.name)
    return released


def submitted_students(assignment: str, root: Path = ROOT) -> list[str]:
    """The students with a submission of ``assignment`` in ``root/submitted/<student>/<assignment>/``."""
    return sorted(p.parent.name for p in (Path(root) / "submitted").glob(f"*/{assignment}") if p.is_dir())


def autograde(assignment: str, students=(), root: Path = ROOT) -> None:
    """nbgrader's autograder on the submissions of ``assignment`` (all students by default)."""
    api = _api(root)
    for student in students or submitted_students(assignment, root):
        _check(api.autograde(assignment, student, force=True, create=True), f"autograde {assignment} {student}")


def feedback(assignment: str, students=(), root: Path = ROOT) -> list[Path]:
    """nbgrader's HTML feedback for the autograded submissions: ``root/feedback/<student>/<assignment>/``."""
    api = _api(root)
    for student in students or submitted_students(assignment, root):
        _check(api.generate_feedback(assignment, student, force=True), f"generate_feedback {assignment} {student}")
    return sorted((Path(root) / "feedback").glob(f"*/{assignment}/*.html"))


def scores(assignment: str, student: str, root: Path = ROOT) -> dict:
    """One autograded submission's points: total, autograded (code) and written, each with its maximum, per notebook."""
    api = _api(root)
    out = {}
    with api.gradebook as gb:
        for nb in gb.find_submission(assignment, student).notebooks:
            out[nb.name] = {
                "score": nb.score, "max_score": nb.max_score,
                "code_score": nb.code_score, "max_code_score": nb.max_code_score,
                "written_score": nb.written_score, "max_written_score": nb.max_written_score,
                "needs_manual_grade": nb.needs_manual_grade,
                "cells": {g.name: (g.score, g.max_score) for g in nb.grades},
            }
    return out


def export(to: Path, root: Path = ROOT) -> Path:
    """nbgrader's CSV export of the whole gradebook (one row per student and assignment)."""
    from nbgrader.plugins import CsvExportPlugin

    api = _api(root)
    plugin = CsvExportPlugin(parent=api)
    plugin.to = str(to)
    with api.gradebook as gb:
        plugin.export(gb)
    return Path(to)


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
                new = INSTALL_LINE.sub(lambda m: m.group(1) + url + m.group(3), cell.source)
                dirty |= new != cell.source
                cell.source = new
        if dirty:
            nbformat.write(nb, path)
            changed.append(path)
    return changed
