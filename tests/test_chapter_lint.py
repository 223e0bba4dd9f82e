"""Every chapter notebook follows chapters/TEMPLATE.md; so does the skeleton; and every rule of the lint can fail.

The chapter tests carry the ``chapter_lint`` mark: they read the committed
notebooks, so they fail until a chapter is rewritten to template v2.
"""

import copy
import json

import pytest

from chapterlint import PLACEHOLDER, ROOT, RULES, Chapter, chapter_notebooks

SKELETON = ROOT / "templates" / "chapter_skeleton.ipynb"


def _skeleton(edit=None) -> Chapter:
    nb = json.loads(SKELETON.read_text())
    if edit:
        nb = copy.deepcopy(nb)
        edit(nb["cells"])
    return Chapter(SKELETON, name=PLACEHOLDER, nb=nb)


@pytest.mark.chapter_lint
@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_the_chapter_follows_the_template(path, rule):
    problems = RULES[rule](Chapter(path))
    assert not problems, f"{path.relative_to(ROOT)} breaks the rule {rule!r}:\n  " + "\n  ".join(problems)


def test_there_are_chapters_to_lint():
    assert {p.stem for p in chapter_notebooks()} >= {"01_sigmoid", "02_tanh", "03_relu"}


@pytest.mark.parametrize("rule", RULES)
def test_the_skeleton_follows_the_template(rule):
    assert RULES[rule](_skeleton()) == []


def test_the_skeleton_is_out_of_the_book_and_no_chapter_keeps_its_placeholder():
    config = (ROOT / "_config.yml").read_text()
    assert "  - templates\n" in config.split("exclude_patterns:", 1)[1].split("\n\n", 1)[0]
    for path in chapter_notebooks():
        assert f'"{PLACEHOLDER}' not in path.read_text() and f"{PLACEHOLDER}-" not in path.read_text(), path


# --------------------------------------------------------------------------
# each rule can fail: the skeleton with one defect
# --------------------------------------------------------------------------
def _cell(cells, needle):
    """The first cell whose source contains ``needle``."""
    return next(c for c in cells if needle in (c["source"] if isinstance(c["source"], str) else "".join(c["source"])))


def _replace(cells, needle, old, new):
    c = _cell(cells, needle)
    c["source"] = c["source"].replace(old, new)


def _swap(cells, a, b):
    i, j = cells.index(_cell(cells, a)), cells.index(_cell(cells, b))
    cells[i], cells[j] = cells[j], cells[i]


DEFECTS = {
    "sections": [
        ("two sections swapped", lambda cells: _swap(cells, "## Common misconceptions", "## Pitfalls and when to use it"), "level-2 headings are"),
        ("In a network without actlib.experiments", lambda cells: _replace(cells, "actlib.experiments.gradient_norms", "actlib.experiments.", "my."),
         "In a network: no code uses actlib.experiments"),
        ("no citation", lambda cells: _replace(cells, "## History and references", "{cite:p}`author2000key`", "(Author, 2000)"),
         "no {cite:p}"),
        ("Explore it without an explorer", lambda cells: _replace(cells, 'static_explorer("NAME", "alpha")', "actlib.widgets.static_explorer", "ax = actlib.plotting.plot_activation"),
         "Explore it: no kernel-free explorer"),
        ("a typed properties table", lambda cells: _replace(cells, "properties_table", "actlib.tables.properties_table", "print"),
         "properties_table"),
    ],
    "tags": [
        ("setup cell kept", lambda cells: cells[0]["metadata"].pop("tags"), "setup code cell tagged remove-cell"),
        ("live explorer in the book", lambda cells: _cell(cells, "Live version")["metadata"].update(tags=["nbval-ignore-output"]),
         "the live explorer needs the tags"),
        ("check cell shown", lambda cells: _cell(cells, 'exercise("NAME-stable"')["metadata"].update(tags=[]), "tagged hide-input"),
    ],
    "captions": [
        ("figure without caption", lambda cells: _cell(cells, "plot_gradient_norms")["metadata"].pop("mystnb"), "a figure without a caption"),
        ("image output without caption", lambda cells: _cell(cells, "gradient_norms(")["outputs"].append(
            {"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": "<Figure>"}, "metadata": {}}),
         "a figure without a caption"),
    ],
    "prose": [
        ("1) in prose", lambda cells: _replace(cells, "## Intuition", "<The picture", "1) per layer, the picture\n<The picture"),
         "starts like a numbered list item"),
        ("source articles", lambda cells: _replace(cells, "## Intuition", "<The picture", "As the source articles say, <The picture"),
         "mentions 'source articles'"),
        ("seed", lambda cells: _replace(cells, "## Common misconceptions", "<A statement", "The seed got it wrong: <A statement"),
         "mentions 'seed'"),
        ("np.round", lambda cells: _replace(cells, "gradient_norms(", "print(", "print(np.round(grads.norms, 6))\nprint("),
         "rounds to decimals"),
    ],
    "objectives": [
        ("objective without exercise", lambda cells: _replace(cells, "**Learning objectives", " ({ref}`NAME-break`)", ""),
         "objective without the exercise that assesses it"),
        ("objective names a missing exercise", lambda cells: _replace(cells, "**Learning objectives", "{ref}`NAME-break`", "{ref}`NAME-nope`"),
         "which is not an exercise label"),
    ],
    "exercises": [
        ("rungs out of order", lambda cells: (_replace(cells, ":label: NAME-recall", "Recall:", "Choose:"),
                                              _replace(cells, ":label: NAME-choose", "Choose:", "Recall:")),
         "do not climb"),
        ("a missing rung", lambda cells: _replace(cells, ":label: NAME-break", "Break:", "Code:"), "no predict or break exercise"),
        ("untitled rung", lambda cells: _replace(cells, ":label: NAME-derive", "Derive:", "Show:"), "does not start with a rung"),
        ("solution shown", lambda cells: _replace(cells, "{solution} NAME-derive", ":class: dropdown\n", ""), "not hidden in a dropdown"),
    ],
    "checks": [
        ("an answer in the check cell", lambda cells: _replace(cells, 'exercise("NAME-recall"', "actlib.checks.exercise",
                                                               "assert value_at_0 == 0.0\nactlib.checks.exercise"),
         "holds only actlib.checks.exercise"),
        ("a check of another exercise", lambda cells: _replace(cells, 'exercise("NAME-stable"', "NAME-stable", "NAME-break"),
         "sits in exercise 'NAME-stable'"),
        ("a code exercise without a check", lambda cells: _cell(cells, 'exercise("NAME-stable"')["metadata"].pop("nbgrader"),
         "has no automatic check cell"),
        ("an unregistered check", lambda cells: (_replace(cells, ":label: NAME-stable", "NAME-stable", "sigmoid-nope"),
                                                 _replace(cells, 'exercise("NAME-stable"', "NAME-stable", "sigmoid-nope")),
         "'sigmoid-nope' is not defined in actlib/exercises.py"),
    ],
    "nbgrader": [
        ("solution cell without metadata", lambda cells: _cell(cells, "def my_NAME")["metadata"].pop("nbgrader"),
         "a solution code cell needs nbgrader"),
        ("check cell without points", lambda cells: _cell(cells, 'exercise("NAME-break"')["metadata"]["nbgrader"].pop("points"),
         "a check cell needs nbgrader locked true, points > 0"),
        ("written answer not graded", lambda cells: _cell(cells, "{solution} NAME-derive")["metadata"].pop("nbgrader"),
         "a written answer needs nbgrader"),
        ("a grade id twice", lambda cells: _cell(cells, 'exercise("NAME-break"')["metadata"]["nbgrader"].update(grade_id="NAME-recall-check"),
         "grade ids used twice"),
    ],
}


@pytest.mark.parametrize("rule, edit, says", [pytest.param(r, e, s, id=f"{r}: {why}") for r, cases in DEFECTS.items() for why, e, s in cases])
def test_each_rule_catches_its_defect(rule, edit, says):
    problems = RULES[rule](_skeleton(edit))
    assert any(says in p for p in problems), problems


def test_every_rule_has_a_defect_it_catches():
    assert set(DEFECTS) == set(RULES)


def test_a_parameterless_chapter_has_one_figure_and_no_explore_section(tmp_path):
    nb = json.loads(SKELETON.read_text())
    chapter = Chapter(tmp_path / "activations" / "01_sigmoid.ipynb", nb=nb)  # as if the skeleton were the sigmoid chapter
    problems = RULES["sections"](chapter)
    assert any("level-2 headings are" in p and "'Explore it'" in p for p in problems)
    _replace(nb["cells"], 'static_explorer("NAME")', "actlib.widgets.static_explorer", "ax = actlib.plotting.plot_activation")
    problems = RULES["sections"](Chapter(tmp_path / "activations" / "01_sigmoid.ipynb", nb=nb))
    assert any("one figure, the kernel-free explorer" in p for p in problems)


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_no_chapter_stores_widget_state(path):
    # Stored widget state makes myst-nb load require.js and the widget manager
    # from a CDN on the page: an offline reader sees console errors. Execute with
    # --ExecutePreprocessor.store_widget_state=False.
    assert "widgets" not in json.loads(path.read_text())["metadata"]
