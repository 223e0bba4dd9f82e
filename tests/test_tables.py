"""actlib.tables: the property tables are generated from the metadata, complete and well-formed."""

import re

import pytest

import actlib
import actlib.tables as tables

ALL = actlib.names(aliases=False)
ALIASES = [n for n in actlib.names() if n not in ALL]


def markdown_rows(table: str) -> list[list[str]]:
    """Body rows of a markdown table as lists of cells (escaped pipes kept inside cells)."""
    lines = table.strip().splitlines()
    assert re.fullmatch(r"\|(---\|)+", lines[1]), "second line must be the header rule"
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines[2:]]


def test_summary_lists_every_activation_once_in_course_order():
    rows = markdown_rows(tables.summary_table())
    names = [re.match(r"`(\w+)`", row[0]).group(1) for row in rows]
    assert names == ALL
    assert {a.kind for a in map(actlib.get, names)} == {"elementwise", "vector"}


def test_summary_rows_have_every_column():
    header = tables.summary_table().splitlines()[0]
    assert [c.strip() for c in header.strip("|").split("|")] == list(tables.SUMMARY_HEADER)
    assert all(len(row) == len(tables.SUMMARY_HEADER) for row in markdown_rows(tables.summary_table()))


@pytest.mark.parametrize("name", ALL)
def test_summary_values_come_from_the_metadata(name):
    act = actlib.get(name)
    row = markdown_rows(tables.summary_table())[ALL.index(name)]
    yes_no = {True: "yes", False: "no"}
    assert row[1] == f"${act.output_range.latex()}$"
    assert row[2:5] == [yes_no[act.monotonic], yes_no[act.zero_centered], yes_no[act.smooth]]
    assert row[5] == act.cost.replace("_", r"\_")
    assert row[6] == act.use.replace("_", r"\_")


def test_aliases_appear_with_their_activation_not_as_rows():
    rows = markdown_rows(tables.summary_table())
    firsts = [row[0] for row in rows]
    for alias in ALIASES:
        target = actlib.get(alias).name
        assert f"(alias `{alias}`)" in firsts[ALL.index(target)]
        assert not any(cell.startswith(f"`{alias}`") for cell in firsts)


def test_a_metadata_change_changes_the_table(monkeypatch):
    before = tables.summary_table()
    monkeypatch.setattr(actlib.sigmoid, "cost", "a brand-new cost")
    monkeypatch.setattr(actlib.relu, "smooth", True)
    after = tables.summary_table()
    assert "a brand-new cost" in after and "a brand-new cost" not in before
    assert markdown_rows(after)[ALL.index("relu")][4] == "yes"
    assert markdown_rows(before)[ALL.index("relu")][4] == "no"
    assert "a brand-new cost" in tables.properties_table("sigmoid", "text")


def test_markdown_cells_escape_table_and_math_syntax(monkeypatch):
    monkeypatch.setattr(actlib.relu, "use", "a | b costs $5 *now*")
    row = markdown_rows(tables.summary_table())[ALL.index("relu")]
    assert row[6] == r"a \| b costs \$5 \*now\*"
    assert len(row) == len(tables.SUMMARY_HEADER)


def test_markdown_tables_display_rendered_in_jupyter():
    table = tables.summary_table()
    assert isinstance(table, str) and table._repr_markdown_() == str(table)
    assert hasattr(tables.properties_table("relu"), "_repr_markdown_")
    assert not hasattr(tables.summary_table("text"), "_repr_markdown_")


@pytest.mark.parametrize("name", ALL)
def test_properties_table_reads_the_metadata(name):
    act = actlib.get(name)
    rows = dict(markdown_rows(tables.properties_table(name)))
    assert rows["Output range"] == f"${act.output_range.latex()}$"
    assert rows["Monotonic"] == ("yes" if act.monotonic else "no")
    assert rows["Zero-centred"] == ("yes" if act.zero_centered else "no")
    assert rows["Smooth"] == ("yes" if act.smooth else "no")
    assert ("vector" in rows["Kind"]) == (act.kind == "vector")
    for param in act.params:
        assert f"`{param}" in rows["Parameters"]
    if not act.params:
        assert rows["Parameters"] == "none"


def test_properties_table_names_required_parameters_and_aliases():
    rows = dict(markdown_rows(tables.properties_table("maxout")))
    assert rows["Parameters"] == "`pieces` (required), `axis=-1`"
    assert rows["Bounded"] == "no"
    assert dict(markdown_rows(tables.properties_table("swish")))["Also called"] == "`swish`"
    assert dict(markdown_rows(tables.properties_table("sigmoid")))["Bounded"] == "above and below"


def test_text_format_is_aligned_plain_text():
    lines = tables.summary_table("text").splitlines()
    assert len(lines) == 2 + len(ALL)
    assert set(lines[1]) <= {"-", " "}
    assert "(−∞, ∞)" in lines[2] and "$" not in "".join(lines)
    starts = [m.start() for m in re.finditer(r"\S+", lines[1])]
    assert all(line[starts[1] - 2:starts[1]] == "  " for line in lines[2:])


def test_rst_format_is_a_list_table():
    text = tables.properties_table("leaky_relu", "rst")
    assert text.startswith(".. list-table::\n   :header-rows: 1\n")
    assert "     - :math:`(-\\infty, \\infty)`" in text
    assert "``alpha=0.01``" in text


def test_unknown_format_and_name_are_clear_errors():
    with pytest.raises(ValueError, match="fmt must be one of"):
        tables.summary_table("html")
    with pytest.raises(KeyError, match="unknown activation 'relu7'"):
        tables.properties_table("relu7")
