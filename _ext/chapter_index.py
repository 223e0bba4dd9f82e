"""Which chapter teaches which activation, read from the chapter notebooks themselves.

A chapter covers the activation its file is named after (``08_elu`` →
``elu``, the course's naming rule) and every activation whose properties
table it shows (a code cell calling ``actlib.tables.properties_table("selu")``):
the template asks each chapter to show the table of every activation it
teaches, so the chapters are the one source, and a chapter written later is
linked as soon as it is in the book. When two chapters show one
activation's table, the chapter named after it wins, then the first in
file order. Book-only: ``actlib`` knows nothing of chapters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import actlib

PROPERTIES_CALL = re.compile(r"""actlib\.tables\.properties_table\(\s*["'](\w+)["']""")


def chapter_notebooks(root: Path) -> list[Path]:
    """Every chapter notebook under ``root``: ``chapters/**/NN_*.ipynb``."""
    return sorted(p for p in (Path(root) / "chapters").glob("**/[0-9][0-9]_*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _canonical(name: str) -> str | None:
    """The registered name of an activation or alias (``swish`` → ``silu``), or None when actlib has no such activation."""
    try:
        return actlib.get(name).name
    except (KeyError, ValueError):
        return None


def named_activation(notebook: Path) -> str | None:
    """The activation a chapter file is named after (``03_relu`` → ``relu``), or None."""
    return _canonical(re.sub(r"^\d+_", "", Path(notebook).stem))


def covered(notebook: Path) -> list[str]:
    """The activations a chapter teaches: its named one, then each whose properties table it shows, once each."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells if c["cell_type"] == "code")
    found = [named_activation(notebook)] + [_canonical(n) for n in PROPERTIES_CALL.findall(code)]
    return list(dict.fromkeys(n for n in found if n))


def chapters_by_activation(root: Path) -> dict[str, str]:
    """``{activation: docname}`` (``"elu": "chapters/activations/08_elu"``) for every activation some chapter teaches."""
    root = Path(root)
    notebooks = chapter_notebooks(root)
    doc = {nb: nb.relative_to(root).with_suffix("").as_posix() for nb in notebooks}
    chapters: dict[str, str] = {}
    for nb in notebooks:  # named chapters first: they win
        if named_activation(nb):
            chapters.setdefault(named_activation(nb), doc[nb])
    for nb in notebooks:
        for name in covered(nb):
            chapters.setdefault(name, doc[nb])
    return chapters
