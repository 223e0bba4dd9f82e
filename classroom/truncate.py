"""An autograder step that caps every output's size: one huge line must not become a huge feedback page.

nbgrader's own ``LimitOutput`` counts lines, so a single 30 MB line passes
it; :class:`TruncateOutput` runs after it and cuts each text output to
``max_chars`` characters and drops any rich output (an image, HTML) larger
than that, saying so in the cell.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

NOTE = "\n... output truncated by the grader: {n:,} characters, the limit is {limit:,} ...\n"


class TruncateOutput(NbGraderPreprocessor):
    """Cap every output of every code cell at ``max_chars`` characters."""

    max_chars = Integer(20_000, help="largest output (characters) kept in the graded notebook and the feedback").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                self._truncate(output)
        return cell, resources

    def _truncate(self, output) -> None:
        limit = self.max_chars
        if output.output_type == "stream" and len(output.text) > limit:
            output.text = output.text[:limit] + NOTE.format(n=len(output.text), limit=limit)
        elif output.output_type == "error":
            output.evalue = _cut(output.evalue, limit)
            output.traceback = [_cut(line, limit) for line in output.traceback]
        elif "data" in output:
            for mime, value in list(output.data.items()):
                text = value if isinstance(value, str) else "".join(value) if isinstance(value, list) else str(value)
                if len(text) > limit:
                    if mime == "text/plain":
                        output.data[mime] = text[:limit] + NOTE.format(n=len(text), limit=limit)
                    else:
                        del output.data[mime]
                        output.data.setdefault("text/plain", NOTE.format(n=len(text), limit=limit).strip())


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + NOTE.format(n=len(text), limit=limit)
