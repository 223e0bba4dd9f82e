"""Binder, Colab and the download button open the learner's copy of a chapter, not the author's.

A chapter page renders the author's notebook, model solutions included (in
dropdowns). What a reader takes away to work on must be the learner's copy,
``student/<chapter>.ipynb`` (exercises blank, made by ``python -m classroom
student-copies`` from nbgrader's own preprocessors, and committed). For
every notebook page this extension

* points the Binder and Colab launch buttons at ``student/<chapter>.ipynb``
  in the repository (sphinx-book-theme builds them from the page's own path);
* copies the learner's copy into the built site as ``student/<chapter>.ipynb``
  and points the page's ``.ipynb`` download button at it;
* replaces ``_sources/<chapter>.ipynb`` (Sphinx's copy of the page source)
  with the learner's copy too, so the site serves no notebook with solutions.

A notebook page without a learner's copy is a build warning, so the strict
build fails until ``python -m classroom student-copies`` has been run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

STUDENT = "student"  # the learner's copies' folder, in the repository and in the built site


def learner_copy(app, docname: str) -> Path | None:
    """The repository's ``student/<docname>.ipynb`` if ``docname`` is a notebook page, else None."""
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return None
    return Path(app.srcdir) / STUDENT / f"{docname}.ipynb"


def _rewrite_buttons(buttons: list, author: str, learner: str, download: str, group: str = "") -> None:
    """Launch links ending in the page's notebook path end in the learner's copy's; .ipynb downloads fetch it."""
    for button in buttons:
        if button.get("type") == "group":
            _rewrite_buttons(button.get("buttons", []), author, learner, download, button.get("label", ""))
            continue
        url = button.get("url") or ""
        if button.get("label", "").startswith("download-") and url.endswith(".ipynb"):
            button["url"] = download
        elif group == "launch-buttons" and url.endswith(author):  # Binder (?urlpath=lab/tree/...), Colab (/blob/<branch>/...)
            button["url"] = url[: -len(author)] + learner


def on_page_context(app, pagename, templatename, context, doctree) -> None:
    copy = learner_copy(app, pagename)
    if copy is None:
        return
    if not copy.is_file():
        logger.warning(
            "no learner's copy %s/%s.ipynb for this chapter: run `python -m classroom student-copies`",
            STUDENT, pagename, location=pagename, type="learner_copies", subtype="missing")
        return
    author = f"{pagename}.ipynb"
    download = context["pathto"](f"{STUDENT}/{author}", 1)
    _rewrite_buttons(context.get("header_buttons", []), author, f"{STUDENT}/{author}", download)


def on_build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for docname in sorted(app.env.found_docs):
        copy = learner_copy(app, docname)
        if copy is None or not copy.is_file():
            continue
        for target in (out / STUDENT / f"{docname}.ipynb", out / "_sources" / f"{docname}.ipynb"):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copy, target)


def setup(app):
    # After sphinx-book-theme (priority 501) has made the launch and download buttons.
    app.connect("html-page-context", on_page_context, priority=900)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
