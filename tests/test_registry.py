"""The registry, and what every registered activation must bring along.

Adding an activation is one definition in ``actlib/elementwise.py`` (or
``vector.py``) plus an entry in each table below; these tests fail, naming
the table, until every entry is there (README: "Adding an activation").
"""

import ast
import inspect
from pathlib import Path

import pytest

import actlib
from actlib import numerics, reference, registry
from actlib.numerics import NAIVE
from actlib.reference import REFERENCE
from torch_map import TORCH, TORCH_VECTOR

ELEMENTWISE = actlib.names(kind="elementwise", aliases=False)
VECTOR = actlib.names(kind="vector", aliases=False)


@pytest.mark.parametrize(
    "table,kind,where",
    [
        (REFERENCE, "elementwise", "REFERENCE in actlib/reference.py (its 50-digit mpmath form)"),
        (NAIVE, "elementwise", "NAIVE in actlib/numerics.py (its textbook numpy form)"),
        (TORCH, "elementwise", "TORCH in tests/torch_map.py (its PyTorch counterpart)"),
        (TORCH_VECTOR, "vector", "TORCH_VECTOR in tests/torch_map.py (its PyTorch counterpart)"),
    ],
    ids=["REFERENCE", "NAIVE", "TORCH", "TORCH_VECTOR"],
)
def test_every_activation_has_its_entry(table, kind, where):
    registered = set(actlib.names(kind=kind, aliases=False))
    assert registered - set(table) == set(), f"add the missing activations to {where}"
    assert set(table) - registered == set(), f"{where} names activations actlib does not define"


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_every_elementwise_activation_declares_its_kinks(name):
    act = actlib.get(name)
    kinks = act.kinks()
    assert isinstance(kinks, tuple) and all(isinstance(k, float) for k in kinks)
    # smooth (C^1) exactly when the derivative never jumps (binary_step: the function jumps)
    assert act.smooth == (kinks == ()), f"{name}: smooth={act.smooth} but kinks={kinks}"


RAW_FORMS = {
    "REFERENCE": {n: pair[0] for n, pair in reference._FORMS.items()},
    "NAIVE": {n: pair[0] for n, pair in numerics._FORMS.items()},
    "TORCH": TORCH,
}


@pytest.mark.parametrize("table", RAW_FORMS)
def test_the_tables_take_exactly_the_activations_parameters(table):
    """Entries take the activation's parameters with no defaults: callers pass ``act.params``, so no default is typed twice."""
    for name, fn in RAW_FORMS[table].items():
        if not inspect.isfunction(fn):  # a ufunc or an mpmath function: no parameters
            assert actlib.get(name).params == {}, name
            continue
        named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        params = [p for p in list(inspect.signature(fn).parameters.values())[1:] if p.kind in named]
        assert [p.name for p in params] == list(actlib.get(name).params), (table, name)
        assert all(p.default is inspect.Parameter.empty for p in params), f"{table}[{name!r}] types a default again"


def test_registering_a_name_twice_is_an_error():
    with pytest.raises(ValueError, match="'relu' is defined twice"):
        registry.register(actlib.relu)


def test_the_package_only_re_exports():
    """actlib/__init__.py defines no function: the look-ups live in actlib.registry."""
    tree = ast.parse(Path(actlib.__file__).read_text(encoding="utf-8"))
    defined = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert defined == ["__getattr__"]  # the lazy import of the helper modules
    assert actlib.get is registry.get and actlib.names is registry.names


def test_helpers_import_the_registry_not_the_package():
    """``from . import NAME`` may bring in a submodule, never a name defined in ``actlib/__init__.py``."""
    root = Path(actlib.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level and node.module is None:
                package = path.parent
                for _ in range(node.level - 1):
                    package = package.parent
                for alias in node.names:
                    is_module = (package / f"{alias.name}.py").exists() or (package / alias.name).is_dir()
                    assert is_module, f"{path.relative_to(root)}: 'from {'.' * node.level} import {alias.name}' (use actlib.registry)"
            if isinstance(node, ast.Import):
                assert all(a.name != "actlib" for a in node.names), path.name
