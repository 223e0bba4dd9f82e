"""classroom/: every chapter round-trips through nbgrader, the student copy reads well anywhere, and the guide matches.

For every chapter, in its own temporary course folder: nbgrader's
generate_assignment makes the student version (stubs, no outputs, checks
kept, hidden tests gone, plain Markdown, the install line pinned); the
blank release autogrades to 0 code points; the model answers, submitted as
a student would, autograde to full code marks. A wrong ReLU gets partial
marks and feedback naming the failing check and its input. Also: the
sandbox, zip_collect with the shipped pattern, the roster, the Colab
install line, and the teacher guide's exercise table. The whole class is
graded in tests/test_classroom_class.py.
"""

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from classroom_support import MARKS, Assignment, _alembic_head_once, is_check, nbgrader_meta, read, submit  # noqa: F401

import classroom

pytestmark = MARKS

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = classroom.chapters()
GUIDE = REPO / "chapters" / "teaching" / "classroom.md"
MYST = re.compile(r"^[`:]{3,}\{|\{[\w:-]+\}`|^\([\w-]+\)=\s*$|^% ", re.M)  # what Jupyter would show raw


def _errors(cell):
    """Every output of an autograded cell as text: streams, and the error's name and value."""
    return "\n".join(o.get("text", "") if o["output_type"] == "stream" else f"{o.get('ename')}: {o.get('evalue')}"
                     for o in cell.get("outputs", []) if o["output_type"] in ("stream", "error"))


def _by_id(notebook):
    return {nbgrader_meta(c)["grade_id"]: c for c in notebook.cells if nbgrader_meta(c).get("grade_id")}


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_release_and_autograde_round_trip(chapter, tmp_path):
    aid = classroom.assignment_id(chapter)
    [released] = classroom.release([str(chapter)], root=tmp_path, pin="v9.9")
    assert released == tmp_path / "release" / aid / chapter.name
    source, student = read(chapter), read(released)
    assert any(nbgrader_meta(c).get("solution") for c in source.cells), "a chapter without an nbgrader solution cell"
    assert list(_by_id(student)) == list(_by_id(source)), "every graded cell is released, in order"

    for grade_id, src in _by_id(source).items():
        rel = _by_id(student)[grade_id]
        if nbgrader_meta(src).get("solution"):
            stub = "raise NotImplementedError()" if src.cell_type == "code" else "YOUR ANSWER HERE"
            assert stub in rel.source
        elif is_check(src):
            visible = re.sub(r"\n?### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", src.source, flags=re.S)
            assert rel.source == visible and nbgrader_meta(rel)["points"] == nbgrader_meta(src)["points"]
            # actlib.checks.exercise raises on failure by default (strict); a check that does not fail cannot withhold points
            assert "actlib.checks.exercise(" in rel.source and "strict=False" not in rel.source
    for cell in student.cells:
        assert "BEGIN SOLUTION" not in cell.source and "HIDDEN TESTS" not in cell.source
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "outputs are cleared"
        else:
            assert not MYST.search(cell.source), f"MyST markup left for Jupyter to show raw:\n{cell.source}"
    headings = [c.source for c in student.cells if c.cell_type == "markdown" and c.source.startswith("### Exercise")]
    assert len(headings) == len(re.findall(r"\{exercise\}", "".join(c.source for c in source.cells if c.cell_type == "markdown")))
    assert classroom.install_urls(released) == [classroom.repository_url()]
    assert f'@v9.9"' in next(c.source for c in student.cells if c.cell_type == "code"), "the install line is pinned"

    a = Assignment(chapter, released)
    submit(tmp_path, aid, "blank", released)
    submit(tmp_path, aid, "model", a.notebook())
    results = {r.student: r for r in classroom.autograde(aid, root=tmp_path)}
    assert results["model"].score == results["model"].max_score > 0, results["model"]
    assert results["blank"].score == 0 and set(results["blank"].failed) == set(a.checks), results["blank"]
    assert not results["model"].warnings and not results["blank"].warnings, "no false alarm for hidden tests"
    # Every autograded check of the blank release fails, with a message rather than a crash of the grader.
    graded = read(tmp_path / "autograded" / "blank" / aid / chapter.name)
    for cell in filter(is_check, graded.cells):
        assert any(o["output_type"] == "error" for o in cell.outputs), cell.source


def test_course_release_is_the_checkouts_tag_or_commit():
    ref = classroom.course_release()
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    tag = subprocess.run(["git", "-C", str(REPO), "describe", "--tags", "--exact-match", "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    assert ref == (tag or head) and ref


def test_wrong_relu_submission_gets_partial_marks_and_says_why(tmp_path):
    chapter = classroom.find_chapter("03_relu")
    aid = classroom.assignment_id(chapter)
    [released] = classroom.release([aid], root=tmp_path)
    a = Assignment(chapter, released)
    submit(tmp_path, aid, "wrong", a.notebook(wrong={"my_relu": "def my_relu(x):\n    return np.abs(x)  # |x| is not max(x, 0)\n"}))
    [result] = classroom.autograde(aid, root=tmp_path)
    expected = a.expected(broken=["my_relu"])
    assert result.cells == {gid: (points, a.checks[gid][1]) for gid, points in expected.items()}
    assert 0 < result.score < result.max_score
    kept = [gid for gid in a.checks if gid not in a.check_reading("my_relu") and "my_relu_derivative" in a.checks[gid][0]]
    assert kept and all(result.cells[gid][0] > 0 for gid in kept), "a correct derivative keeps its points beside a broken ReLU"

    graded = read(tmp_path / "autograded" / "wrong" / aid / chapter.name)
    for gid in a.check_reading("my_relu"):
        text = _errors(_by_id(graded)[gid])
        assert "CheckFailed: ❌ not yet: at x = -1" in text, "the grader's error is the friendly line, at the first failing input"
        [error] = [o for o in _by_id(graded)[gid].outputs if o["output_type"] == "error"]
        assert len(error["traceback"]) == 1, "the autograder's kernel shows the message, not a traceback of frames"

    [page] = classroom.feedback(aid, ["wrong"], root=tmp_path)
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    assert "❌ not yet: at x = -1" in text and a.check_reading("my_relu")[0] in text


def test_grader_refuses_a_privileged_sandbox_user(tmp_path):
    from classroom.sandbox import ensure_user

    with pytest.raises(ValueError, match="unprivileged"):
        ensure_user("root")


def test_zip_collect_files_a_bulk_download_with_the_shipped_pattern(tmp_path):
    aid = "03_relu"
    classroom.release([aid], root=tmp_path)
    shutil.copyfile(classroom.CONFIG, tmp_path / "nbgrader_config.py")
    archive = tmp_path / "downloaded" / aid / "archive"
    archive.mkdir(parents=True)
    released = tmp_path / "release" / aid / f"{aid}.ipynb"
    names = {"ada": f"ada_1001_5001_{aid}.ipynb", "grace": f"grace_late_1002_5002_{aid} (1).ipynb",
             "alan": f"alan_1003_5003_{aid}-1.ipynb"}
    for name in names.values():
        shutil.copyfile(released, archive / name)
    # As the guide says: `cd classroom && ../.venv/bin/nbgrader zip_collect 03_relu`, no venv activated.
    nbgrader = Path(sys.executable).parent / "nbgrader"
    done = subprocess.run([str(nbgrader), "zip_collect", aid], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert classroom.submitted_students(aid, root=tmp_path) == sorted(names)
    for student in names:
        assert (tmp_path / "submitted" / student / aid / f"{aid}.ipynb").exists()


def test_gitignore_keeps_generated_course_folders_out_of_git():
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    for folder in ("source", "release", "submitted", "autograded", "feedback", "downloaded", "exchange"):
        assert f"classroom/{folder}/" in ignored
    assert "classroom/gradebook.db" in ignored


def test_roster_needs_an_id_column(tmp_path):
    classroom.release(["03_relu"], root=tmp_path)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nAda,ada@example.edu\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="'id' column"):
        classroom.import_roster(roster, root=tmp_path)


# --------------------------------------------------------------------------
# the Colab install line
# --------------------------------------------------------------------------
@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_install_line_follows_config(chapter):
    nb = read(chapter)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert classroom.install_urls(chapter) == [classroom.repository_url()], \
        "run `python -m classroom sync-install-cell` after changing repository.url in _config.yml"
    assert classroom.INSTALL_LINE.search(first.source) and "except ImportError" in first.source


def test_sync_install_cell_rewrites_only_the_address(tmp_path):
    chapter = CHAPTERS[0]
    copy = tmp_path / chapter.name
    shutil.copyfile(chapter, copy)
    fork = "https://github.com/a-teacher/activation-functions"
    assert classroom.sync_install_cell([copy], url=fork) == [copy]
    assert classroom.install_urls(copy) == [fork]
    before, after = json.loads(chapter.read_text(encoding="utf-8")), json.loads(copy.read_text(encoding="utf-8"))
    changed = [i for i, (a, b) in enumerate(zip(before["cells"], after["cells"])) if a != b]
    assert changed == [0] and before["metadata"] == after["metadata"]
    assert classroom.sync_install_cell([copy], url=fork) == []  # idempotent
    classroom.sync_install_cell([copy], url=classroom.repository_url())
    assert copy.read_bytes() == chapter.read_bytes(), "a round trip restores the notebook byte for byte"


def test_sync_install_cell_check_command(capsys):
    from classroom.__main__ import main

    assert main(["sync-install-cell", "--check"]) == 0


# --------------------------------------------------------------------------
# the teacher guide
# --------------------------------------------------------------------------
def _exercises(notebook):
    """``{label: points}`` of a chapter's exercises: the autograded and manually graded points of its cells."""
    labels = re.findall(r"^:label: (\S+)", "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown"), re.M)
    points = {}
    for label in labels:
        points[label] = sum(nbgrader_meta(c).get("points", 0) for c in notebook.cells
                            if nbgrader_meta(c).get("grade") and nbgrader_meta(c).get("grade_id", "").startswith(label + "-"))
    return points


def test_guide_objectives_table_lists_every_exercise():
    rows = re.findall(r"^\| *`([\w-]+)` *\| *([^|]+?) *\| *(\d+) *\|", GUIDE.read_text(encoding="utf-8"), re.M)
    table = {label: int(points) for label, _, points in rows}
    expected = {}
    for chapter in CHAPTERS:
        expected.update(_exercises(read(chapter)))
    assert table == expected, "update the objectives table of chapters/teaching/classroom.md"
    assert all(points > 0 for points in expected.values()), "every exercise is graded"


def rubric_points(line: str) -> float:
    """The points of one rubric line, ``: 1 — ...``, ``: ½ — ...`` or ``: 1½ — ...``."""
    m = re.match(r": (\d*)(½?) —", line)
    whole, half = m.groups() if m else ("", "")
    if not whole and not half:
        raise ValueError(f"a rubric line must start with its points: {line!r}")
    return int(whole or 0) + (0.5 if half else 0.0)


def test_rubric_points_read_whole_half_and_mixed():
    assert [rubric_points(f": {p} — x") for p in ("1", "½", "1½", "2")] == [1, 0.5, 1.5, 2]
    with pytest.raises(ValueError):
        rubric_points(": — no points")


def test_guide_has_a_rubric_for_every_written_exercise():
    guide = GUIDE.read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        for cell in read(chapter).cells:
            meta = nbgrader_meta(cell)
            if cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution"):
                label = meta["grade_id"].removesuffix("-answer")
                m = re.search(rf"^`{label}` \((\d+) points?\)\n((?:: .*\n)+)", guide, re.M)
                assert m, f"no rubric for {label} in the teacher guide"
                given = sum(rubric_points(line) for line in m[2].splitlines())
                assert int(m[1]) == meta["points"] == given, f"{label}: the rubric's points add up to {given}"


def test_guide_commands_work_from_a_fresh_clone():
    guide = GUIDE.read_text(encoding="utf-8")
    blocks = "\n".join(re.findall(r"```bash\n(.*?)```", guide, re.S))
    for line in filter(None, (line.split("#")[0].strip() for line in blocks.splitlines())):
        assert line.startswith((".venv/bin/", "python3 -m venv")), f"needs an activated environment: {line}"
    for command in re.findall(r"`cd classroom && ([^`]+)`", guide.replace("\n  ", " ")):
        assert command.startswith("../.venv/bin/"), command
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "chapters/teaching/classroom.md" in readme and "requirements-classroom.txt" in readme
    for sub in ("release", "roster", "autograde", "feedback", "export"):
        assert f".venv/bin/python -m classroom {sub}" in guide
