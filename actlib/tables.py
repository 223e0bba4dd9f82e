"""Property tables generated from the activations' metadata.

The book, the chapters and a terminal print the same facts from one source,
each activation's metadata, so a corrected range or cost reaches every page
at the next build and no table is ever typed by hand::

    actlib.tables.summary_table()             # every activation, one row each
    actlib.tables.properties_table("relu")    # one activation, one property a row

``fmt`` picks the markup: ``"markdown"`` (Jupyter and MyST pages; the result
displays as a rendered table in a notebook), ``"rst"`` (a reStructuredText
``list-table``, for Sphinx directives) or ``"text"`` (aligned columns for a
terminal).
"""

from __future__ import annotations

import inspect
import re

from .registry import get, names

__all__ = ["summary_table", "properties_table"]

FORMATS = ("markdown", "rst", "text")
SUMMARY_HEADER = ("Activation", "Range", "Monotonic", "Zero-centred", "Smooth", "Cost", "Typical use")


class MarkdownTable(str):
    """A markdown string that Jupyter displays rendered instead of quoted."""

    def _repr_markdown_(self) -> str:
        return str(self)


class _Math:
    """A cell holding a formula: LaTeX for markdown and rst, plain Unicode for text."""

    def __init__(self, latex: str, text: str):
        self.latex, self.text = latex, text


class _Code:
    """A cell fragment shown as inline code (names, parameters)."""

    def __init__(self, text: str):
        self.text = text


# Backslash-escape what would otherwise start markup inside a table cell
# (``|`` ends a markdown cell, ``$`` starts math under MyST's dollarmath).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_|$<\[\]])")
_RST_SPECIAL = re.compile(r"([\\`*_|])")


def _cell(value, fmt: str) -> str:
    if isinstance(value, (list, tuple)):
        return "".join(_cell(v, fmt) for v in value)
    if isinstance(value, _Math):
        return {"markdown": f"${value.latex}$", "rst": f":math:`{value.latex}`", "text": value.text}[fmt]
    if isinstance(value, _Code):
        return {"markdown": f"`{value.text}`", "rst": f"``{value.text}``", "text": value.text}[fmt]
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if fmt == "markdown":
        return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if fmt == "rst":
        return _RST_SPECIAL.sub(r"\\\1", text)
    return text


def _render(header: tuple[str, ...], rows: list[tuple], fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"actlib.tables: fmt must be one of {', '.join(map(repr, FORMATS))}, got {fmt!r}")
    cells = [[_cell(v, fmt) for v in row] for row in rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in cells]
        return MarkdownTable("\n".join(lines) + "\n")
    if fmt == "rst":
        lines = [".. list-table::", "   :header-rows: 1", ""]
        for row in [list(header), *cells]:
            lines.append(f"   * - {row[0]}")
            lines += [f"     - {c}" for c in row[1:]]
        return "\n".join(lines) + "\n"
    widths = [max(len(r[i]) for r in [header, *cells]) for i in range(len(header))]

    def line(row):
        return "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, cells)]) + "\n"


def _range(act) -> _Math:
    return _Math(act.output_range.latex(), str(act.output_range))


def _name(act) -> list:
    cell = [_Code(act.name)]
    for alias in act.aliases:
        cell += [" (alias ", _Code(alias), ")"]
    return cell


def summary_table(fmt: str = "markdown") -> str:
    """Every activation, one row each, in course order.

    Columns: activation (with its aliases), output range, monotonic,
    zero-centred, smooth, cost and typical use, all read from the metadata.
    """
    rows = [
        (_name(a), _range(a), a.monotonic, a.zero_centered, a.smooth, a.cost, a.use)
        for a in map(get, names(aliases=False))
    ]
    return _render(SUMMARY_HEADER, rows, fmt)


def _parameters(act) -> list:
    cell: list = []
    for p in list(inspect.signature(act).parameters.values())[1:]:
        cell += [", "] if cell else []
        if p.default is inspect.Parameter.empty:
            cell += [_Code(p.name), " (required)"]
        else:
            cell += [_Code(f"{p.name}={p.default!r}")]
    return cell or ["none"]


def _bounded(act) -> str:
    above, below = act.bounded_above, act.bounded_below
    return {(True, True): "above and below", (False, True): "below only",
            (True, False): "above only", (False, False): "no"}[above, below]


def properties_table(name: str, fmt: str = "markdown") -> str:
    """The properties of one activation (a name or an alias), one per row."""
    act = get(name)
    rows = [
        ("Kind", "elementwise" if act.kind == "elementwise" else ["vector: mixes entries along ", _Code("axis")]),
        ("Parameters", _parameters(act)),
        ("Output range", _range(act)),
        ("Bounded", _bounded(act)),
        ("Monotonic", act.monotonic),
        ("Zero-centred", act.zero_centered),
        ("Smooth", act.smooth),
        ("Cost", act.cost),
        ("Typical use", act.use),
    ]
    if act.aliases:
        rows.append(("Also called", [x for i, a in enumerate(act.aliases) for x in ([", "] if i else []) + [_Code(a)]]))
    return _render(("Property", "Value"), rows, fmt)
