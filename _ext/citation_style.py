"""Citations in round brackets: "(Glorot and Bengio, 2010)", "He et al. (2015)".

sphinxcontrib-bibtex's ``author_year`` style puts years in square brackets
("Glorot and Bengio [2010]"), which reads like a numbered reference. This
registers the same style with round brackets as ``author_year_round``, the
way sphinxcontrib-bibtex's documentation shows for custom referencing
styles; ``_config.yml`` selects it with ``bibtex_reference_style``.
"""

import dataclasses

import sphinxcontrib.bibtex.plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclasses.dataclass
class RoundAuthorYearStyle(AuthorYearReferenceStyle):
    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_textual: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_author: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_label: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_year: BracketStyle = dataclasses.field(default_factory=_round)


# At import, i.e. before sphinxcontrib-bibtex looks the style up when the build starts.
sphinxcontrib.bibtex.plugin.register_plugin(
    "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearStyle)


def setup(app):
    return {"parallel_read_safe": True, "parallel_write_safe": True}
