"""The feedback pages: no hidden test in them, and MathJax inside the page, not from a CDN.

nbgrader's ``generate_feedback`` renders the autograded notebook, in which
the hidden tests were put back for grading; :func:`feedback_config` adds
nbgrader's own ``ClearHiddenTests`` step so the page shows the check cells
as the student received them. nbconvert's template loads MathJax 2 from
cdnjs, so an offline classroom sees raw TeX; :func:`inline_mathjax` replaces
that block by the MathJax 3 build that ``sphinx-mathjax-offline`` ships with
the book (``tex-svg.js``: one file, its fonts drawn as SVG paths, so one
self-contained page per student).
"""

from __future__ import annotations

import importlib.metadata
import re
from functools import cache
from pathlib import Path

# nbconvert's mathjax macro: from its "Load mathjax" comment to its end-of-configuration comment.
MATHJAX_BLOCK = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
CONFIG = """<script>
window.MathJax = {tex: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
                        processEscapes: true, processEnvironments: true},
                  svg: {fontCache: "global"}};
</script>"""


@cache
def mathjax_script() -> str:
    """MathJax 3's ``tex-svg.js`` from the installed sphinx-mathjax-offline (the book's own copy)."""
    dist = importlib.metadata.distribution("sphinx-mathjax-offline")
    path = Path(dist.locate_file("sphinx-mathjax-offline/static/mathjax/tex-svg.js"))
    return path.read_text(encoding="utf-8")


def inline_mathjax(page: str) -> str:
    """``page`` (nbconvert HTML) with its CDN MathJax replaced by the local build, inlined."""
    script = mathjax_script().replace("</script", "<\\/script")
    local = f"{CONFIG}\n<script>{script}</script>"
    new, count = MATHJAX_BLOCK.subn(lambda _: local, page, count=1)
    if not count:
        raise ValueError("no MathJax block found in the feedback page: has nbconvert's template changed?")
    return new


def feedback_config(config):
    """``config`` with hidden tests cleared from the feedback pages."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, GetGrades

    config.GenerateFeedback.preprocessors = [ClearHiddenTests, GetGrades, CSSHTMLHeaderPreprocessor]
    return config
