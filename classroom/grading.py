"""Autograde a whole class: every student graded, each in a sandbox, then one summary line per student.

nbgrader's autograder stops at the first submission whose kernel dies
(``os._exit``) and keeps its log to itself. :func:`autograde_class` grades
each student separately, in :mod:`classroom.sandbox`, catches what goes
wrong with one submission, and records it; it returns a
:class:`StudentResult` per student, which :func:`summary` prints as a table:
score, the checks that failed, cells stopped by the time limit, and
nbgrader's warnings (a changed or deleted check cell, changed points, a late
submission), without nbgrader's false alarm for check cells with hidden
tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import CHAPTERS, REPO, ROOT, _api, _config, submitted_students
from .sandbox import Sandbox, SandboxKernelManager, can_run_python, protect, sandboxed
from .truncate import TruncateOutput

# nbgrader's log lines: "[AutogradeApp | WARNING] Checksum for grade cell relu-code-check has changed!"
LOG_LINE = re.compile(r"^\[(?:\w+ \| )?(WARNING|ERROR)\] (.*)$", re.M)
# nbgrader's lines that the summary says better itself (errors, time limits, lateness) or that are routine.
NOISE = re.compile(r"Removing (existing|failed) assignment|There was an error processing|Please see the|"
                   r"Traceback \(most recent|Kernel died while waiting|Timeout waiting for execute reply|"
                   r"Interrupting kernel|seconds late")
CHECKSUM = re.compile(r"(?:Checksum for grade cell|Attribute .checksum. for cell) (\S+) has changed!")


@dataclass
class StudentResult:
    """One student's autograded submission of one assignment."""

    student: str
    score: float = 0.0                 # points after any late penalty
    max_score: float = 0.0
    cells: dict = field(default_factory=dict)      # grade_id -> (score, max_score), autograded cells only
    failed: list = field(default_factory=list)     # autograded cells that did not get full points
    timeouts: list = field(default_factory=list)   # cells the time limit stopped
    warnings: list = field(default_factory=list)   # tampering, lateness, nbgrader's warnings
    error: str | None = None                       # why grading stopped early (e.g. the kernel died)
    seconds_late: float = 0.0
    penalty: float = 0.0

    @property
    def graded(self) -> bool:
        return self.error is None


def _grade_ids(notebook) -> dict:
    """``grade_id -> cell`` of a notebook's nbgrader cells."""
    return {c.metadata["nbgrader"]["grade_id"]: c for c in notebook.cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")}


def _is_check(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and meta.get("grade") and not meta.get("solution")


def tampering(released: Path, submitted: Path) -> list[str]:
    """What a submission changed in the locked check cells it was given: edits and deletions.

    Compared with the released notebook, so a check cell with hidden tests
    (whose released text differs from the gradebook's) is not reported as
    changed: that is nbgrader's known false alarm.
    """
    given = {k: c for k, c in _grade_ids(nbformat.read(released, as_version=4)).items() if _is_check(c)}
    try:
        got = _grade_ids(nbformat.read(submitted, as_version=4))
    except Exception as exc:  # noqa: BLE001 (an unreadable file is reported, not raised)
        return [f"the submitted notebook cannot be read: {type(exc).__name__}: {exc}"]
    found = []
    for grade_id, cell in given.items():
        if grade_id not in got:
            found.append(f"check cell {grade_id} was deleted (the grader restores it)")
        elif got[grade_id].source != cell.source:
            found.append(f"check cell {grade_id} was changed (the grader restores it)")
        elif got[grade_id].metadata["nbgrader"].get("points") != cell.metadata["nbgrader"].get("points"):
            found.append(f"check cell {grade_id}: its points were changed (the grader restores them)")
    return found


def _nbgrader_warnings(log: str, hidden: set, tampered: list[str]) -> list[str]:
    """nbgrader's warnings from its log, minus its false "checksum has changed" for cells with hidden tests."""
    out = []
    for level, text in LOG_LINE.findall(log or ""):
        if NOISE.search(text):
            continue
        m = CHECKSUM.search(text)
        if m and m.group(1) in hidden and not any(f" {m.group(1)} " in t for t in tampered):
            continue
        out.append(f"nbgrader: {text.strip()}")
    return out


def _hidden_test_cells(root: Path, assignment: str) -> set:
    source = Path(root) / "source" / assignment / f"{assignment}.ipynb"
    return {k for k, c in _grade_ids(nbformat.read(source, as_version=4)).items() if "BEGIN HIDDEN TESTS" in c.source}


def hidden_paths(root: Path) -> list[Path]:
    """What a kernel must not see: the whole course folder, and the repository's model answers.

    The chapters hold the solutions, the tests the right answers of every
    check, and a built book both (in its dropdowns).
    """
    return [Path(root).resolve(), CHAPTERS, REPO / "tests", REPO / "_build"]


def grading_config(root: Path):
    """The course's nbgrader configuration plus the sandbox: its kernel manager and the output cap."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, Execute, IgnorePattern,
                                        LimitOutput, SaveAutoGrades)

    config = _config(root)
    config.Execute.kernel_manager_class = SandboxKernelManager
    config.Autograde.autograde_preprocessors = [
        Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, TruncateOutput,
        SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
    return config


def autograde_class(assignment: str, students=(), root: Path = ROOT) -> list[StudentResult]:
    """Autograde every submission of ``assignment`` (or only ``students``), each in its own sandbox.

    A submission that crashes its kernel, loops or floods its output is
    recorded in its :class:`StudentResult`; the next student is graded all
    the same.
    """
    root = Path(root)
    config = grading_config(root)
    sandbox = Sandbox(config=config)
    hidden = hidden_paths(root)
    problem = can_run_python(sandbox, hidden)
    if problem:
        raise SystemExit(problem)
    protect(root)
    api = _api(root, config)
    released = root / "release" / assignment / f"{assignment}.ipynb"
    hidden_tests = _hidden_test_cells(root, assignment)
    results = []
    for student in students or submitted_students(assignment, root):
        result = StudentResult(student)
        submitted = root / "submitted" / student / assignment / f"{assignment}.ipynb"
        if not submitted.exists():
            others = sorted(p.name for p in submitted.parent.glob("*.ipynb"))
            result.warnings.append(f"no {submitted.name} in {submitted.parent}"
                                   + (f" (found {', '.join(others)}: rename it)" if others else ""))
            tampered = []
        else:
            tampered = tampering(released, submitted)
        result.warnings += tampered
        with sandboxed(sandbox, hidden) as cell:
            try:
                outcome = api.autograde(assignment, student, force=True, create=True)
            except Exception as exc:  # noqa: BLE001 (one student's failure must not stop the class)
                outcome = {"success": False, "error": f"{type(exc).__name__}: {exc}", "log": ""}
            kernel_log = cell.log.read_text(errors="replace")[-2000:] if cell.log.exists() else ""
        result.warnings += _nbgrader_warnings(outcome.get("log"), hidden_tests, tampered)
        if not outcome.get("success"):
            result.error = _reason(outcome, kernel_log)
        protect(root)
        _read_grades(api, assignment, result)
        _read_timeouts(root / "autograded" / student / assignment / f"{assignment}.ipynb", result)
        results.append(result)
    return results


def _reason(outcome: dict, kernel_log: str) -> str:
    text = f"{outcome.get('error') or ''}\n{outcome.get('log') or ''}"
    if "DeadKernelError" in text or "Kernel died" in text or "kernel died" in text.lower():
        return "the kernel died (the submission ended its own process or ran out of memory or CPU time); scored 0"
    last = [line for line in text.strip().splitlines() if line.strip()]
    return "grading failed: " + (last[-1] if last else "no message") + "; scored 0"


def _read_grades(api, assignment: str, result: StudentResult) -> None:
    """Points per autograded cell from the gradebook; a submission whose grading failed scores 0."""
    from nbgrader.api import MissingEntry

    with api.gradebook as gb:
        try:
            submission = gb.find_submission(assignment, result.student)
        except MissingEntry:
            return
        result.seconds_late = submission.total_seconds_late or 0.0
        result.penalty = submission.late_submission_penalty or 0.0
        for nb in submission.notebooks:
            for grade in nb.grades:
                if grade.cell_type != "code":
                    continue
                points = (grade.score or 0.0) if result.graded else 0.0
                result.cells[grade.name] = (points, grade.max_score)
                if points < grade.max_score:
                    result.failed.append(grade.name)
        result.max_score = sum(m for _, m in result.cells.values())
        result.score = max(sum(s for s, _ in result.cells.values()) - result.penalty, 0.0) if result.graded else 0.0
    if result.seconds_late > 0:
        result.warnings.append(f"late by {_duration(result.seconds_late)} (penalty {result.penalty:g} points)")


def _read_timeouts(graded: Path, result: StudentResult) -> None:
    if not graded.exists():
        return
    for cell in nbformat.read(graded, as_version=4).cells:
        if cell.cell_type == "code" and any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
            result.timeouts.append(cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {cell.get('id', '?')}")


def _duration(seconds: float) -> str:
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours} h {rest // 60:02d} min" if hours else f"{rest // 60} min {rest % 60:02d} s"


def summary(assignment: str, results: list[StudentResult]) -> str:
    """The per-student table ``autograde`` prints: score, failed checks, timeouts, warnings, errors."""
    lines = [f"{assignment}: {len(results)} submissions graded "
             f"({sum(not r.graded for r in results)} with errors, {sum(bool(r.warnings) for r in results)} with warnings)"]
    width = max([len(r.student) for r in results] + [7])
    lines.append(f"{'student':<{width}}  {'score':>9}  failed checks / timeouts / warnings")
    for r in results:
        notes = []
        if r.failed:
            notes.append("failed: " + ", ".join(r.failed))
        if r.timeouts:
            notes.append("time limit: " + ", ".join(r.timeouts))
        notes += [f"warning: {w}" for w in r.warnings]
        if r.error:
            notes.append(f"error: {r.error}")
        score = f"{r.score:g}/{r.max_score:g}"
        lines.append(f"{r.student:<{width}}  {score:>9}  " + ("; ".join(notes) or "all checks passed"))
    return "\n".join(lines)
