"""_ext/solution_markers.py: what the book drops from a chapter's cells, and what it keeps."""

import sys

from booktools import REPO

sys.path.insert(0, str(REPO / "_ext"))
from solution_markers import clean_notebook, clean_source  # noqa: E402

SOLUTION_CELL = """fraction_zero = ...
slope_at_0 = ...
### BEGIN SOLUTION
fraction_zero = 0.5
slope_at_0 = 0.0
### END SOLUTION"""

FUNCTION_CELL = """def my_relu(x):
    # YOUR CODE HERE
    raise NotImplementedError()
    ### BEGIN SOLUTION
    return np.maximum(x, 0.0)
    ### END SOLUTION"""

CHECK_CELL = """actlib.checks.check_value(isinstance(dead_units, list), True, what="a list")
### BEGIN HIDDEN TESTS
actlib.checks.check_value(dead_units, [1, 4, 6], what="dead_units")
### END HIDDEN TESTS
print("done")"""


def test_a_solution_cell_keeps_only_the_solution():
    assert clean_source(SOLUTION_CELL, solution=True) == "fraction_zero = 0.5\nslope_at_0 = 0.0"
    assert clean_source(FUNCTION_CELL, solution=True) == "def my_relu(x):\n    return np.maximum(x, 0.0)"


def test_hidden_tests_go_with_their_markers():
    assert clean_source(CHECK_CELL, solution=False) == (
        'actlib.checks.check_value(isinstance(dead_units, list), True, what="a list")\nprint("done")')


def test_ellipsis_outside_a_solution_cell_is_kept():
    # `x = ...` in an ordinary cell is code, not a stub.
    assert clean_source("shape = ...\nprint(shape)", solution=False) == "shape = ...\nprint(shape)"
    assert clean_source("y = f(...)\n", solution=True) == "y = f(...)"


def test_markdown_solution_comments_go():
    text = "% ### BEGIN SOLUTION\n````{solution} x\nbecause\n````\n% ### END SOLUTION"
    assert clean_source(text, solution=False) == "````{solution} x\nbecause\n````"


def test_a_notebook_is_cleaned_in_place():
    nb = {"cells": [
        {"cell_type": "code", "metadata": {"nbgrader": {"solution": True}}, "source": SOLUTION_CELL.splitlines(True)},
        {"cell_type": "code", "metadata": {}, "source": "print(1)"},
    ]}
    assert clean_notebook(nb)
    assert nb["cells"][0]["source"] == "fraction_zero = 0.5\nslope_at_0 = 0.0"
    assert nb["cells"][1]["source"] == "print(1)"
    assert not clean_notebook(nb)
