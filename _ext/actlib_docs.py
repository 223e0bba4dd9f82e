"""The book's views of actlib, generated at build time from the library itself.

Two directives, so no page repeats by hand what the code already knows:

``actlib-table``
    ``summary`` or ``properties NAME``: the table from :mod:`actlib.tables`,
    parsed as MyST in a Markdown page and as reST inside ``{eval-rst}``. In
    the summary, each name links to its API entry and, where the book has
    one, to its chapter: the chapter notebook that shows the activation's
    properties table (``actlib.tables.properties_table("NAME")``), so a
    family chapter (linear and step, arctan and softsign ...) is found for
    each of its members without a list kept by hand.

``actlib-activations``
    ``elementwise`` or ``vector``: one section per activation, in course
    order. The activations are module-level *objects*, not functions, so the
    directive writes the autodoc input itself: ``autofunction`` documents any
    callable with a ``__signature__`` and a docstring (which leads with the
    formula, derivative and range, built from the metadata), followed by the
    gradient methods and the properties table. Aliases
    (``linear``, ``swish``) appear in the properties table ("Also called"),
    never as a second documented object. Use it inside ``{eval-rst}``: the
    docstrings are reST.

``actlib-gallery``
    Every elementwise activation with its derivative, one small panel each:
    :func:`actlib.plotting.gallery` drawn at build time into the build
    folder (never the repository), shown as a figure with alt text listing
    the panels and a caption saying how to read them.

All three note actlib's sources as dependencies, so editing a docstring or the
metadata rebuilds the pages that show it. The activation types are documented
without constructor signatures: readers get activations from actlib, never
build one.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.states import RSTState
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

import actlib
import actlib.tables

KINDS = ("elementwise", "vector")
_PROPERTIES_CALL = re.compile(r"actlib\.tables\.properties_table\(\s*[\"'](\w+)[\"']")


def chapter_of(srcdir) -> dict[str, str]:
    """``{activation name: docname}`` of the activation chapters, read off the properties tables they show."""
    found = {}
    for path in sorted(Path(srcdir, "chapters", "activations").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for name in _PROPERTIES_CALL.findall(code):
            found.setdefault(name, path.relative_to(srcdir).with_suffix("").as_posix())
    return found


def _note_actlib_sources(env) -> None:
    for path in sorted(Path(actlib.__file__).parent.glob("*.py")):
        env.note_dependency(str(path))


class ActlibTable(SphinxDirective):
    """``summary`` or ``properties NAME``."""

    required_arguments = 1
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        _note_actlib_sources(self.env)
        what, *rest = self.arguments
        # MyST hands Markdown pages a mock state whose nested parse reads Markdown.
        fmt = "rst" if isinstance(self.state, RSTState) else "markdown"
        if what == "summary" and not rest:
            text = actlib.tables.summary_table(fmt)
        elif what == "properties" and len(rest) == 1:
            try:
                text = actlib.tables.properties_table(rest[0], fmt)
            except KeyError as exc:
                raise self.error(str(exc)) from None
        else:
            raise self.error("actlib-table takes 'summary' or 'properties NAME'")
        container = nodes.container(classes=["actlib-table"])  # styled by _static/actlib-tables.css
        self.state.nested_parse(StringList(text.splitlines(), source="actlib.tables"), self.content_offset, container)
        if what == "summary":
            chapters = chapter_of(self.env.srcdir)
            for path in Path(self.env.srcdir, "chapters", "activations").glob("[0-9][0-9]_*.ipynb"):
                self.env.note_dependency(str(path))
            for tbody in container.findall(nodes.tbody):
                for row in tbody.children:
                    self._link_name(row.children[0], chapters)
        return [container]

    def _link_name(self, entry: nodes.Element, chapters: dict[str, str]) -> None:
        # Only the first code span is the activation; aliases are not documented objects.
        literal = entry.next_node(nodes.literal)
        name = literal.astext()
        ref = addnodes.pending_xref(
            "", refdomain="py", reftype="obj", reftarget=f"actlib.{name}",
            refexplicit=False, refwarn=True, refdoc=self.env.docname,
        )
        literal.replace_self(ref)
        ref += literal
        if name in chapters:
            chapter = addnodes.pending_xref(
                "", nodes.inline("", "chapter"), refdomain="std", reftype="doc", reftarget="/" + chapters[name],
                refexplicit=True, refwarn=True, refdoc=self.env.docname,
            )
            paragraph = ref.parent
            paragraph.insert(paragraph.index(ref) + 1, nodes.Text(" ("))
            paragraph.insert(paragraph.index(ref) + 2, chapter)
            paragraph.insert(paragraph.index(ref) + 3, nodes.Text(")"))


def _gradients(act) -> str:
    """The backward methods of ``act``, linked to their documentation on its type."""
    cls = type(act).__name__
    methods = ["vjp(x, g)", "param_vjp(x, g)"] + (["jacobian(x)"] if getattr(act, "has_jacobian", False) else [])
    links = [f"``actlib.{act.name}.{m}`` (:meth:`~actlib.{cls}.{m.split('(')[0]}`)" for m in methods]
    return "Gradients: " + ", ".join(links) + "."


def _activation_rst(name: str) -> str:
    # The docstring leads with the formula, the derivative and the range (built from the metadata).
    act = actlib.get(name)
    body = [_gradients(act), "", ".. rubric:: Properties", "", actlib.tables.properties_table(name, "rst")]
    if isinstance(act, actlib.ElementwiseActivation):
        body += [f".. autofunction:: actlib.{name}.derivative", ""]
    title = f"``{name}``"
    return "\n".join([
        title, "-" * len(title), "",
        f".. autofunction:: actlib.{name}", "",
        textwrap.indent("\n".join(body), "   "), "",
    ])


class ActlibActivations(SphinxDirective):
    """One section per activation of the given kind."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = directives.choice(self.arguments[0], KINDS)
        if not isinstance(self.state, RSTState):
            raise self.error("actlib-activations renders reST docstrings: use it inside an {eval-rst} block")
        _note_actlib_sources(self.env)
        text = "\n".join(_activation_rst(n) for n in actlib.names(kind=kind, aliases=False))
        return nested_parse_to_nodes(self.state, text, source=f"actlib-activations {kind}")


class ActlibGallery(SphinxDirective):
    """The figure of :func:`actlib.plotting.gallery`, drawn from the library at build time."""

    def run(self) -> list[nodes.Node]:
        _note_actlib_sources(self.env)
        import matplotlib

        matplotlib.use("Agg")  # the build draws nothing on screen
        import matplotlib.pyplot as plt

        import actlib.plotting

        names = actlib.names(kind="elementwise", aliases=False)
        fig = actlib.plotting.gallery(names)
        # Next to myst-nb's notebook outputs, in the build folder: the repository stays clean.
        out = Path(self.env.app.outdir).parent / "actlib_figures" / "gallery.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            fig.savefig(out, dpi=100, metadata={"Software": None})
            title = fig.get_suptitle()
        finally:
            plt.close(fig)
        alt = (
            f"{title}. A grid of {len(names)} small plots, one per activation, in course order: "
            + ", ".join(names) + ". Each shows the function as a solid line and its derivative as a dashed line."
        )
        # Sphinx reads a leading "/" as the source folder, as for myst-nb's outputs.
        image = nodes.image(uri="/" + os.path.relpath(out, self.env.app.srcdir), alt=alt, candidates={})
        figure = nodes.figure("", image, classes=["actlib-gallery"])
        figure += nodes.caption(
            "", f"Every elementwise activation of the course (blue, solid) with its derivative "
            f"(vermillion, dashed), drawn by actlib.plotting.gallery() at build time."
        )
        return [figure]


def _hide_constructor(app, what, name, obj, options, signature, return_annotation):
    # A constructor signature full of kernels and metadata would only mislead.
    if what == "class" and isinstance(obj, type) and issubclass(obj, actlib.Activation):
        return "", None
    return None


def setup(app):
    app.connect("autodoc-process-signature", _hide_constructor)
    app.add_directive("actlib-table", ActlibTable)
    app.add_directive("actlib-activations", ActlibActivations)
    app.add_directive("actlib-gallery", ActlibGallery)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
