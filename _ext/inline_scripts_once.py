"""Emit each inline ``<script>`` once per page.

Why: an extension that calls ``app.add_js_file(None, body=...)`` after the
HTML builder is initialised (sphinx-thebe on ``env-before-read-docs``,
sphinx-togglebutton on ``builder-inited``) lands in Sphinx 7.4's script list
twice: ``Sphinx.add_js_file`` hands the builder ``filename=None``, and
``StandaloneHTMLBuilder.prepare_writing`` re-adds every registered script
with ``filename or ''``. The builder de-duplicates by equality, and
``None != ''``, so the inline body is written twice. For sphinx-thebe that
body is ``const THEBE_JS_URL = ...``, and a second ``const`` is a
``SyntaxError: Identifier 'THEBE_JS_URL' has already been declared`` on
every page, thebe enabled or not.

The fix treats a missing and an empty filename as the same script and drops
the repeats from the page's ``script_files`` just before the page is
rendered; first occurrences keep their order.
"""

from __future__ import annotations


def _key(script) -> tuple:
    return (script.filename or "", script.priority, tuple(sorted(script.attributes.items())))


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    # Late priority: run after every extension that adds per-page scripts.
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
