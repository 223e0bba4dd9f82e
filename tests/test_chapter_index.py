"""_ext/chapter_index.py: which chapter teaches which activation, read from the chapter notebooks."""

import json
import sys

import nbformat

from booktools import REPO

sys.path.insert(0, str(REPO / "_ext"))
from chapter_index import chapter_notebooks, chapters_by_activation, covered  # noqa: E402


def _chapter(folder, stem, *code):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in code])
    path = folder / "chapters" / "activations" / f"{stem}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_a_chapter_covers_its_named_activation_and_every_properties_table_it_shows(tmp_path):
    nb = _chapter(tmp_path, "08_elu", 'actlib.tables.properties_table("elu")',
                  "actlib.tables.properties_table('selu')\nactlib.tables.properties_table(\"celu\")")
    assert covered(nb) == ["elu", "selu", "celu"]
    assert covered(_chapter(tmp_path, "10_swish", 'actlib.tables.properties_table("hard_swish")')) == ["silu", "hard_swish"]  # alias → name
    assert covered(_chapter(tmp_path, "20_practice", "x = 1")) == []  # not named after an activation


def test_the_chapter_named_after_an_activation_wins_over_one_that_shows_its_table(tmp_path):
    _chapter(tmp_path, "03_relu", 'actlib.tables.properties_table("relu")', 'actlib.tables.properties_table("leaky_relu")')
    _chapter(tmp_path, "07_leaky_relu", 'actlib.tables.properties_table("leaky_relu")', 'actlib.tables.properties_table("prelu")')
    assert chapters_by_activation(tmp_path) == {"relu": "chapters/activations/03_relu",
                                                "leaky_relu": "chapters/activations/07_leaky_relu",
                                                "prelu": "chapters/activations/07_leaky_relu"}


def test_every_activation_a_chapter_of_the_book_teaches_has_that_chapter():
    chapters = chapters_by_activation(REPO)
    for nb in chapter_notebooks(REPO):
        doc = nb.relative_to(REPO).with_suffix("").as_posix()
        for name in covered(nb):
            assert name in chapters, f"{name} (taught by {doc}) has no chapter"
        if covered(nb):
            assert chapters[covered(nb)[0]] == doc, f"{doc} is not the chapter of {covered(nb)[0]}"
    assert chapters["selu"] == chapters["celu"] == "chapters/activations/08_elu"
