"""The gradebook in and out: a roster of names and e-mails in; grades out per graded cell, or for Moodle.

- :func:`import_roster` reads a CSV with the columns nbgrader's own
  ``nbgrader db student import`` reads (``id``, ``first_name``,
  ``last_name``, ``email``; ``lms_user_id`` optional) into the gradebook.
- :func:`grade_table` is one row per student of the roster or with a
  submission: names, e-mail, and for each assignment the points of every
  graded cell (one function or property each), the written points, the late
  penalty, the total and the maximum. Written answers not yet graded by
  hand count 0, as in nbgrader, and the row says so.
- :func:`write_csv` writes that table (``cells``), nbgrader's own
  one-row-per-assignment export (``nbgrader``), or a file for Moodle's
  *Import grades from CSV* (``moodle``: first name, last name, e-mail
  address, then one column of points per assignment; map "Email address"
  to ``useremail`` and each assignment column to its grade item).
"""

from __future__ import annotations

import csv
from pathlib import Path

FORMATS = ("cells", "moodle", "nbgrader")


def import_roster(path: Path, api) -> int:
    """Add or update every student of the roster CSV ``path``; returns how many rows it had."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if rows and "id" not in rows[0]:
        raise SystemExit(f"{path}: the roster needs an 'id' column (and first_name, last_name, email); "
                         f"it has {', '.join(rows[0])}")
    with api.gradebook as gb:
        for row in rows:
            fields = {k: (row.get(k) or "").strip() or None for k in ("first_name", "last_name", "email", "lms_user_id")}
            gb.update_or_create_student(row["id"].strip(), **fields)
    return len(rows)


def grade_table(api, assignments=None) -> tuple[list[str], list[dict]]:
    """The header and rows of the per-cell grade table (see the module docstring)."""
    from nbgrader.api import MissingEntry

    with api.gradebook as gb:
        names = assignments or [a.name for a in sorted(gb.assignments, key=lambda a: a.name)]
        layout = {}  # assignment -> [(grade_id, max points, cell type)] in notebook order
        for name in names:
            assignment = gb.find_assignment(name)
            layout[name] = [(c.name, c.max_score, c.cell_type) for nb in assignment.notebooks for c in nb.grade_cells]
        header = ["student_id", "first_name", "last_name", "email"]
        for name in names:
            header += [f"{name}:{cell}" for cell, _, _ in layout[name]]
            header += [f"{name}:late_penalty", f"{name}:total", f"{name}:max", f"{name}:status"]
        rows = []
        for student in sorted(gb.students, key=lambda s: s.id):
            row = {"student_id": student.id, "first_name": student.first_name or "",
                   "last_name": student.last_name or "", "email": student.email or ""}
            for name in names:
                try:
                    submission = gb.find_submission(name, student.id)
                except MissingEntry:
                    row.update({f"{name}:{cell}": 0 for cell, _, _ in layout[name]})
                    row.update({f"{name}:late_penalty": 0, f"{name}:total": 0, f"{name}:status": "not submitted"})
                else:
                    grades = {g.name: g for nb in submission.notebooks for g in nb.grades}
                    for cell, _, _ in layout[name]:
                        row[f"{name}:{cell}"] = _points(grades[cell].score) if cell in grades else 0
                    penalty = submission.late_submission_penalty or 0
                    row[f"{name}:late_penalty"] = _points(penalty)
                    row[f"{name}:total"] = _points(max(submission.score - penalty, 0))
                    status = ["written answers not graded yet (counted 0)"] if submission.needs_manual_grade else []
                    if submission.total_seconds_late:
                        status.append(f"late by {submission.total_seconds_late:.0f} s")
                    row[f"{name}:status"] = "; ".join(status) or "graded"
                row[f"{name}:max"] = _points(sum(points for _, points, _ in layout[name]))
            rows.append(row)
    return header, rows


def _points(value) -> float:
    return round(float(value or 0), 4)


def write_csv(to: Path, api, fmt: str = "cells", assignments=None) -> Path:
    """Write the grades in format ``fmt`` (one of :data:`FORMATS`) to ``to``."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    to = Path(to)
    if fmt == "nbgrader":
        from nbgrader.plugins import CsvExportPlugin

        plugin = CsvExportPlugin(parent=api)
        plugin.to = str(to)
        with api.gradebook as gb:
            plugin.export(gb)
        return to
    header, rows = grade_table(api, assignments)
    if fmt == "moodle":
        names = [h[:-len(":total")] for h in header if h.endswith(":total")]
        header = ["First name", "Last name", "Email address", *names]
        rows = [{"First name": r["first_name"], "Last name": r["last_name"], "Email address": r["email"],
                 **{n: r[f"{n}:total"] for n in names}} for r in rows]
    with open(to, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return to
