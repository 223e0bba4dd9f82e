"""The book's views of actlib, generated at build time from the library itself.

Two directives, so no page repeats by hand what the code already knows:

``actlib-table``
    ``summary`` or ``properties NAME``: the table from :mod:`actlib.tables`,
    parsed as MyST in a Markdown page and as reST inside ``{eval-rst}``. In
    the summary, each name links to its API entry, and a last column links
    each activation to the chapter that teaches it (``chapter_index``: read
    from the chapter notebooks, so a new chapter is linked by itself).

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

import os
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
from chapter_index import chapter_notebooks, chapters_by_activation

KINDS = ("elementwise", "vector")


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
            for tbody in container.findall(nodes.tbody):
                for row in tbody.children:
                    self._link_name(row.children[0])
            self._add_chapter_column(container)
        return [container]

    def _add_chapter_column(self, container: nodes.Element) -> None:
        """A last column "Chapter": a link to the chapter teaching the row's activation, or a dash while none does."""
        root = Path(self.env.srcdir)
        for nb in chapter_notebooks(root):
            self.env.note_dependency(str(nb))  # a new or changed chapter rebuilds the table
        chapters = chapters_by_activation(root)
        for tgroup in container.findall(nodes.tgroup):
            colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
            colspecs[-1].parent.insert(tgroup.index(colspecs[-1]) + 1, nodes.colspec(**dict(colspecs[-1].attributes)))
            tgroup["cols"] += 1
            for row in tgroup.next_node(nodes.thead).children:
                row += nodes.entry("", nodes.paragraph(text="Chapter"))
            for row in tgroup.next_node(nodes.tbody).children:
                name = row.children[0].next_node(nodes.literal).astext()
                para = nodes.paragraph()
                if name in chapters:
                    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + chapters[name],
                                                refexplicit=False, refwarn=True, refdoc=self.env.docname)
                    ref += nodes.inline(text=chapters[name])
                    para += ref
                else:
                    para += nodes.Text("—")
                row += nodes.entry("", para)

    def _link_name(self, entry: nodes.Element) -> None:
        # Only the first code span is the activation; aliases are not documented objects.
        literal = entry.next_node(nodes.literal)
        ref = addnodes.pending_xref(
            "", refdomain="py", reftype="obj", reftarget=f"actlib.{literal.astext()}",
            refexplicit=False, refwarn=True, refdoc=self.env.docname,
        )
        literal.replace_self(ref)
        ref += literal


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
