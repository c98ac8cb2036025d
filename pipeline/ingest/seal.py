"""Red seals (公章) and red ink taken out of a page image before it is recognised.

A seal stamped over the signature block, or over a sentence, is red ink on top of black print. The
recogniser would read its ring text as characters, and its ring and star would swallow the black
characters under it. Ink multiplies: where the seal lies over black print the pixel stays dark,
where it lies over paper it is red. So a pixel whose red channel stands well above green and blue
is seal ink, and it is replaced by its red channel (brightened): red over paper becomes paper, a
half-covered black stroke keeps its darkness. Every other pixel is left as it was.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

RED_MARGIN = 40
"""How far (0–255) the red channel must stand above both green and blue for a pixel to count as
red ink: the pale pink of a seal's anti-aliased edge passes, grey, black and blue print do not."""
_GAIN = 1.3
"""Brightening of the red channel of a red pixel: seal red (R ≈ 200–255) lands on white."""


def suppress_red(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """The image (H×W×3, RGB, uint8) with red ink turned to paper; the input is not changed.

    >>> page = np.array([[[230, 30, 40], [20, 20, 20], [255, 255, 255]]], dtype=np.uint8)
    >>> suppress_red(page)[0].tolist()
    [[255, 255, 255], [20, 20, 20], [255, 255, 255]]
    """
    red = rgb[..., 0].astype(np.int16)
    others = np.maximum(rgb[..., 1], rgb[..., 2]).astype(np.int16)
    inked = red - others >= RED_MARGIN
    if not inked.any():
        return rgb
    out = rgb.copy()
    grey = np.clip(red[inked] * _GAIN, 0, 255).astype(np.uint8)
    out[inked] = grey[:, None]
    return out


def red_share(rgb: npt.NDArray[np.uint8]) -> float:
    """The share of the image's pixels that are red ink (what :func:`suppress_red` replaces)."""
    red = rgb[..., 0].astype(np.int16)
    others = np.maximum(rgb[..., 1], rgb[..., 2]).astype(np.int16)
    return float(np.count_nonzero(red - others >= RED_MARGIN)) / max(1, red.size)
