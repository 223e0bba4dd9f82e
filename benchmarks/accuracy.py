"""Worst error in ulps of every elementwise activation and derivative, float32 and float64.

Measured against the 50-digit mpmath reference on ``actlib.reference.accuracy_grid``
(exact values that underflow or overflow the dtype are left out: there only the
absolute error matters, which the tests check). Run: ``python benchmarks/accuracy.py``.
Large numbers are not failures by themselves: the tests allow what one rounding
of the input costs, 4 eps |x g'(x)|, which is large where the function is
ill-conditioned (e.g. GELU's far tail).
"""

import numpy as np

import actlib
from actlib.reference import worst_ulp_error

rows = ["| function | f32 value | f32 derivative | f64 value | f64 derivative |", "|---|---|---|---|---|"]
for name in actlib.names(kind="elementwise", aliases=False):
    cells = []
    for dtype in (np.float32, np.float64):
        for derivative in (False, True):
            err, where = worst_ulp_error(name, dtype, derivative)
            cells.append(f"{err:.2f} (x={where:.4g})")
    rows.append(f"| {name} | " + " | ".join(cells) + " |")
print("\n".join(rows))
