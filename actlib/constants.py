"""Constants that more than one module needs, each written once.

The digits are kept as strings so ``actlib.reference`` can read them at 50
significant digits; the floats are what the numpy kernels use.
"""

from __future__ import annotations

__all__ = ["SELU_ALPHA", "SELU_SCALE", "SELU_ALPHA_DIGITS", "SELU_SCALE_DIGITS", "GELU_CUBIC"]

# SELU's self-normalising constants (Klambauer et al., 2017), to 32 digits.
SELU_ALPHA_DIGITS = "1.6732632423543772848170429916717"
SELU_SCALE_DIGITS = "1.0507009873554804934193349852946"
SELU_ALPHA = float(SELU_ALPHA_DIGITS)
SELU_SCALE = float(SELU_SCALE_DIGITS)

# The cubic coefficient of GELU's tanh approximation (Hendrycks & Gimpel, 2016),
# as PyTorch and JAX use it: the float64 number nearest 0.044715.
GELU_CUBIC = 0.044715
