"""MyST markup turned into plain Markdown, for notebooks read outside the book (Jupyter, Colab, feedback).

The book renders ``{exercise}``, ``{solution-start}``, ``{note}`` and roles
such as ``{doc}`...```; Jupyter and Colab show them as raw text. In a
student's notebook

- an ``{exercise} Title`` directive becomes a heading, ``### Exercise: Title``
  (its label kept in italics, so the teacher's rubric can name it), and its
  body follows as is;
- ``{solution-start}`` becomes "Your answer goes in the next cell." and
  ``{solution-end}`` disappears (its cell is dropped);
- an admonition (``{note}``, ``{tip}``, ``{warning}`` ...) becomes a quoted
  paragraph with its name in bold; ``{math}`` a ``$$`` block; any other
  directive its title in bold, then its body;
- cross-reference targets (``(label)=``) and comments (``% ...``) go;
- roles keep their text: ``{doc}`the foundations <../foundations/index>``` reads
  "the foundations", ``{math}`x``` reads ``$x$``.
"""

from __future__ import annotations

import re

# A fenced directive: ```{name} argument / :option: value lines / body / closing fence (same or longer).
DIRECTIVE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>[^\n]*)\n"
                       r"(?P<options>(?:[ \t]*:[\w-]+:[^\n]*\n)*)"
                       r"(?P<body>.*?)"
                       r"^(?P=fence)[`:]*[ \t]*$\n?", re.S | re.M)
# MyST-only lines: a cross-reference target "(label)=" and a comment "% ...".
TARGET_OR_COMMENT = re.compile(r"^(?:\([\w-]+\)=|%[^\n]*)[ \t]*\n?", re.M)
ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<text>[^`]*)`")
ADMONITIONS = {"note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error", "seealso", "admonition"}


def _directive(m: re.Match) -> str:
    name, arg, body = m["name"], m["arg"].strip(), to_plain(m["body"]).strip("\n")
    label = re.search(r":label:[ \t]*(\S+)", m["options"])
    if name == "exercise":
        head = f"### Exercise: {arg}" if arg else "### Exercise"
        return f"{head}\n\n" + (f"*({label[1]})*\n\n" if label else "") + body + "\n"
    if name == "solution-start":
        return "*Your answer goes in the next cell.*\n"
    if name == "solution-end":
        return ""
    if name == "math":
        return f"$$\n{body}\n$$\n"
    if name in ADMONITIONS:
        title = arg if name == "admonition" else name.capitalize() + (f": {arg}" if arg else "")
        return "\n".join("> " + line if line else ">" for line in f"**{title}.** {body}".splitlines()) + "\n"
    return (f"**{arg or name.capitalize()}**\n\n" + body + "\n") if body else f"**{arg or name.capitalize()}**\n"


def _role(m: re.Match) -> str:
    name, text = m["name"], m["text"]
    if name == "math":
        return f"${text}$"
    shown = re.match(r"(.*?)\s*<[^>]*>$", text, re.S)
    return shown[1] if shown else text


def to_plain(markdown: str) -> str:
    """``markdown`` with every MyST directive and role replaced as the module docstring says."""
    previous = None
    while previous != markdown:  # nested directives: the outer fence is longer, so repeat
        previous, markdown = markdown, DIRECTIVE.sub(_directive, markdown)
    return ROLE.sub(_role, TARGET_OR_COMMENT.sub("", markdown))


def plain_notebook(nb):
    """The notebook with every markdown cell in plain Markdown; cells left empty by the change are dropped.

    Cells with nbgrader metadata are never dropped (the grader needs them).
    """
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = to_plain(cell.source).strip("\n")
            if not cell.source and "nbgrader" not in cell.get("metadata", {}):
                continue
        cells.append(cell)
    nb.cells = cells
    return nb
