"""classroom/: every chapter round-trips through nbgrader, and the teacher guide matches the notebooks.

For every chapter, in its own temporary course folder: nbgrader's
generate_assignment makes the student version (stubs, no outputs, checks
kept, hidden tests gone); the blank release autogrades to 0 code points;
the chapter itself, submitted as if by a student, autogrades to full code
marks. One deliberately wrong ReLU submission gets partial marks and
feedback naming the failing check and its input. Also: the Colab install
line follows _config.yml, and the teacher guide's objectives table lists
every exercise with its points.
"""

import html
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

import classroom

if not os.environ.get("CI"):  # CI installs requirements-classroom.txt and must run these
    pytest.importorskip("nbgrader", reason="the classroom tools: pip install -r requirements-classroom.txt")

pytestmark = [
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

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = classroom.chapters()
GUIDE = REPO / "chapters" / "teaching" / "classroom.md"


@pytest.fixture(autouse=True, scope="module")
def _alembic_head_once():
    """nbgrader asks `alembic heads` (a 5 s subprocess) for every new gradebook; the answer never changes."""
    import functools

    import nbgrader.api

    original = nbgrader.api.get_alembic_version
    nbgrader.api.get_alembic_version = functools.cache(original)
    yield
    nbgrader.api.get_alembic_version = original


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def _is_autograded_test(cell):
    return cell["cell_type"] == "code" and _nbgrader(cell).get("grade") and not _nbgrader(cell).get("solution")


def _read(path):
    return nbformat.read(path, as_version=4)


def _submit(root, assignment, student, notebook):
    """Put ``notebook`` where nbgrader collects it: submitted/<student>/<assignment>/."""
    dest = Path(root) / "submitted" / student / assignment
    dest.mkdir(parents=True, exist_ok=True)
    if isinstance(notebook, nbformat.NotebookNode):
        nbformat.write(notebook, dest / f"{assignment}.ipynb")
    else:
        shutil.copyfile(notebook, dest / f"{assignment}.ipynb")


def _errors(cell):
    """Every output of an autograded cell as text: streams, and the error's name and value."""
    return "\n".join(o.get("text", "") if o["output_type"] == "stream" else f"{o.get('ename')}: {o.get('evalue')}"
                     for o in cell.get("outputs", []) if o["output_type"] in ("stream", "error"))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_release_and_autograde_round_trip(chapter, tmp_path):
    aid = classroom.assignment_id(chapter)
    [released] = classroom.release([str(chapter)], root=tmp_path)
    assert released == tmp_path / "release" / aid / chapter.name
    source, student = _read(chapter), _read(released)
    assert len(student.cells) == len(source.cells)
    assert any(_nbgrader(c).get("solution") for c in source.cells), "a chapter without an nbgrader solution cell"

    for src, rel in zip(source.cells, student.cells):
        assert "BEGIN SOLUTION" not in rel.source and "HIDDEN TESTS" not in rel.source
        if rel.cell_type == "code":
            assert rel.outputs == [] and rel.execution_count is None, "outputs are cleared"
        if _nbgrader(src).get("solution"):
            stub = "raise NotImplementedError()" if src.cell_type == "code" else "YOUR ANSWER HERE"
            assert stub in rel.source
        elif _is_autograded_test(src):
            visible = re.sub(r"\n?### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", src.source, flags=re.S)
            assert rel.source == visible and _nbgrader(rel)["points"] == _nbgrader(src)["points"]
            # actlib.checks.exercise raises on failure by default (strict); a check that does not fail cannot withhold points
            assert "actlib.checks.exercise(" in rel.source and "strict=False" not in rel.source
        else:
            assert rel.source == src.source

    _submit(tmp_path, aid, "blank", released)
    _submit(tmp_path, aid, "solution", chapter)
    classroom.autograde(aid, root=tmp_path)

    blank = classroom.scores(aid, "blank", root=tmp_path)[aid]
    solved = classroom.scores(aid, "solution", root=tmp_path)[aid]
    assert solved["max_code_score"] > 0
    assert blank["code_score"] == 0 < blank["max_code_score"], blank
    assert solved["code_score"] == solved["max_code_score"], solved
    # Every autograded check of the blank release fails, with a message rather than a crash of the grader.
    graded = _read(tmp_path / "autograded" / "blank" / aid / chapter.name)
    for cell in filter(_is_autograded_test, graded.cells):
        assert any(o["output_type"] == "error" for o in cell.outputs), cell.source


def _solution_leaks(notebook):
    """Text of the book's written-solution dropdowns ({solution} directives) left in a notebook."""
    return [c.source for c in notebook.cells if c.cell_type == "markdown" and re.search(r"^`{3,}\{solution\}", c.source, re.M)]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_release_hides_written_solutions(chapter, tmp_path):
    [released] = classroom.release([str(chapter)], root=tmp_path)
    assert _solution_leaks(_read(released)) == []


WRONG_RELU = "def my_relu(x):\n    return np.abs(x)  # the classic slip: |x| is not max(x, 0)\n"


def test_wrong_relu_submission_gets_partial_marks_and_says_why(tmp_path):
    chapter = classroom.find_chapter("03_relu")
    aid = classroom.assignment_id(chapter)
    classroom.release([aid], root=tmp_path)
    wrong = _read(chapter)
    [answer] = [c for c in wrong.cells if _nbgrader(c).get("grade_id") == "relu-code-answer"]
    answer.source = re.sub(r"def my_relu\(x\):.*?### END SOLUTION\n", WRONG_RELU, answer.source, count=1, flags=re.S)
    assert "np.abs(x)" in answer.source and "def my_relu_derivative" in answer.source
    _submit(tmp_path, aid, "wrong", wrong)
    classroom.autograde(aid, root=tmp_path)

    result = classroom.scores(aid, "wrong", root=tmp_path)[aid]
    assert 0 < result["code_score"] < result["max_code_score"], result
    assert result["cells"]["relu-code-relu-check"] == (0, 1)
    assert result["cells"]["relu-code-derivative-check"] == (1, 1), "a correct derivative keeps its point beside a broken ReLU"
    assert result["cells"]["relu-recall-check"] == (1, 1)

    friendly = "❌ not yet: at x = -1 your function returned 1, which is not the exact value"  # the first input where |x| and ReLU differ
    graded = _read(tmp_path / "autograded" / "wrong" / aid / chapter.name)
    [check] = [c for c in graded.cells if _nbgrader(c).get("grade_id") == "relu-code-relu-check"]
    assert friendly in _errors(check)
    assert "CheckFailed: ❌ not yet: at x = -1" in _errors(check), "the grader's error is the friendly line"
    [error] = [o for o in check.outputs if o["output_type"] == "error"]
    assert len(error["traceback"]) == 1, "the autograder's kernel shows the message, not a traceback of frames"

    [page] = classroom.feedback(aid, ["wrong"], root=tmp_path)
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    assert friendly in text and "relu-code-relu-check" in text


# --------------------------------------------------------------------------
# the Colab install line
# --------------------------------------------------------------------------
@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_install_line_follows_config(chapter):
    nb = _read(chapter)
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
        points[label] = sum(_nbgrader(c).get("points", 0) for c in notebook.cells
                            if _nbgrader(c).get("grade") and _nbgrader(c).get("grade_id", "").startswith(label + "-"))
    return points


def test_guide_objectives_table_lists_every_exercise():
    rows = re.findall(r"^\| *`([\w-]+)` *\| *([^|]+?) *\| *(\d+) *\|", GUIDE.read_text(encoding="utf-8"), re.M)
    table = {label: int(points) for label, _, points in rows}
    expected = {}
    for chapter in CHAPTERS:
        expected.update(_exercises(_read(chapter)))
    assert table == expected, "update the objectives table of chapters/teaching/classroom.md"
    assert all(points > 0 for points in expected.values()), "every exercise is graded"
