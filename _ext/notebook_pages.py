"""What every notebook page of the book gets without editing the notebook.

Chapters are notebooks that authors regenerate, so reader aids that are the
same on every chapter are added here, at build time:

* a collapsed "Run this chapter yourself" note under the chapter title: the
  clone / venv / Jupyter commands for this chapter's learner's copy
  (``student/<chapter>.ipynb``, exercises blank), and where the download and
  launch buttons are;
* alt text for figures drawn by ``actlib.plotting``. An inline-backend PNG
  carries no description, but the cell that drew it does: when the cell's
  last statement is one ``actlib.plotting`` call with literal arguments, the
  same call is replayed here (Agg, never shown) and the alt text is read
  from what it drew: title, axis labels and legend entries. Any other
  notebook image without alt text is a build warning, so a strict build
  fails until the cell gets ``mystnb: image: alt:`` metadata.
"""

from __future__ import annotations

import ast
import posixpath

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

PLOTS = (
    "plot_activation", "compare", "gallery", "plot_vector", "plot_maxout",
    "plot_gradient_norms", "plot_activation_statistics", "plot_dead_units", "plot_comparison",
    "plot_dead_units_during_training", "plot_layer_histograms",
    "plot_decision_boundary", "plot_ulp_errors",
)
_LINESTYLE_WORDS = {"-": "solid", "--": "dashed", ":": "dotted", "-.": "dash-dot"}


# --------------------------------------------------------------------------
# "Run this chapter yourself"
# --------------------------------------------------------------------------
def _repository(app) -> tuple[str, str]:
    opts = app.config.html_theme_options or {}
    url = (opts.get("repository_url") or "").rstrip("/")
    return url, opts.get("repository_branch") or "main"


def _run_locally_note(app, source: str) -> nodes.Element:
    url, _ = _repository(app)
    learner = f"student/{source}"  # the learner's copy: _ext/learner_copies.py
    folder = posixpath.basename(url) or "activation-functions"
    commands = "\n".join([
        f"git clone {url or '<repository url>'}",
        f"cd {folder}",
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt",
        ".venv/bin/pip install jupyterlab",
        f".venv/bin/jupyter lab {learner}",
    ])
    note = nodes.admonition(classes=["note", "dropdown", "run-locally"])
    note += nodes.title("", "How to run this chapter on your own machine")
    intro = nodes.paragraph()
    intro += nodes.Text(
        "This page is the notebook ")
    intro += nodes.literal(source, source)
    intro += nodes.Text(
        ", executed, with its solutions. To work the exercises yourself, open the learner's copy ")
    intro += nodes.literal(learner, learner)
    intro += nodes.Text(
        " (the same chapter with the exercises blank). You need Python 3.10 or newer; in a terminal:")
    note += intro
    block = nodes.literal_block(commands, commands, language="bash")
    note += block
    tail = nodes.paragraph()
    tail += nodes.Text(
        "Any Jupyter front end works (VS Code: select .venv as the kernel). The download button "
        "(arrow icon, top right) saves the learner's copy alone as .ipynb; the launch button (rocket icon) "
        "opens it on Binder or Google Colab, with nothing to install. No network is needed to read "
        "this book: the built pages carry their own MathJax and explorers.")
    note += tail
    return note


def _add_run_locally(app, doctree: nodes.document, source: str) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    index = 1 if section.children and isinstance(section[0], nodes.title) else 0
    section.insert(index, _run_locally_note(app, source))


# --------------------------------------------------------------------------
# alt text for actlib figures
# --------------------------------------------------------------------------
def _plot_call(source: str):
    """``(function name, args, kwargs)`` when the cell ends in one literal actlib.plotting call."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return None
    if not body or not isinstance(body[-1], (ast.Expr, ast.Assign)):
        return None
    call = body[-1].value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in PLOTS):
        return None
    owner = ast.unparse(call.func.value)
    if owner not in ("actlib.plotting", "plotting"):
        return None
    try:
        args = [ast.literal_eval(a) for a in call.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    except ValueError:
        return None
    return call.func.attr, args, kwargs


def _describe_axes(ax) -> str:
    parts = []
    if ax.get_title():
        parts.append(ax.get_title())
    labels = [t for t in (ax.get_xlabel(), ax.get_ylabel()) if t]
    if len(labels) == 2:
        parts.append(f"horizontal axis {labels[0]}, vertical axis {labels[1]}")
    curves = [
        f"{line.get_label()} ({_LINESTYLE_WORDS.get(line.get_linestyle(), 'patterned')} line)"
        for line in ax.get_lines() if not line.get_label().startswith("_")
    ]
    if curves:
        parts.append("curves: " + ", ".join(curves))
    return ". ".join(p[0].upper() + p[1:] if i else p for i, p in enumerate(parts))


def plot_alt_text(source: str) -> str | None:
    """The alt text of the figure a cell's actlib.plotting call draws, or None for any other cell."""
    found = _plot_call(source)
    if found is None:
        return None
    name, args, kwargs = found
    import matplotlib

    matplotlib.use("Agg")  # the build draws nothing on screen
    import matplotlib.pyplot as plt

    import actlib.plotting

    try:
        drawn = getattr(actlib.plotting, name)(*args, **kwargs)
    except Exception:  # the notebook shows what went wrong; the check below reports the missing alt
        return None
    fig = drawn if isinstance(drawn, matplotlib.figure.Figure) else drawn.figure
    try:
        axes = [ax for ax in fig.axes if ax.axison]
        if name == "gallery":
            names = ", ".join(ax.get_title() for ax in axes)
            return f"{fig.get_suptitle()}. Panels: {names}."
        head = fig.get_suptitle()
        body = " | ".join(_describe_axes(ax) for ax in axes)
        return f"{head}. {body}." if head else f"{body}."
    finally:
        plt.close(fig)


def _source_of(cell: nodes.Element) -> str:
    for child in cell.findall(nodes.container):
        if child.get("nb_element") == "cell_code_source":
            return "".join(b.astext() for b in child.findall(nodes.literal_block))
    return ""


def _add_alt_text(doctree: nodes.document) -> None:
    for image in list(doctree.findall(nodes.image)):
        if image.get("alt") or (isinstance(image.parent, nodes.figure) and image.parent.next_node(nodes.caption)):
            continue
        cell = image.parent
        while cell is not None and cell.get("nb_element") != "cell_code":
            cell = cell.parent
        if cell is None:
            continue
        alt = plot_alt_text(_source_of(cell))
        if alt:
            image["alt"] = alt
        else:
            logger.warning(
                "notebook figure without alt text (cell %s): draw it with an actlib.plotting call, "
                "or give the cell metadata mystnb: {image: {alt: ...}} or {figure: {caption: ...}}",
                cell.get("cell_index"), location=image, type="notebook_pages", subtype="alt",
            )


def on_doctree_read(app, doctree: nodes.document) -> None:
    env = app.env
    path = env.doc2path(env.docname)
    if str(path).endswith(".ipynb"):
        source = posixpath.relpath(str(path).replace("\\", "/"), str(app.srcdir).replace("\\", "/"))
        _add_run_locally(app, doctree, source)
        _add_alt_text(doctree)


def setup(app):
    app.connect("doctree-read", on_doctree_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
