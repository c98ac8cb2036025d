"""The few pdfium calls the PDF reader makes per character, line or page object, bound with
plain-pointer prototypes.

pypdfium2's bindings type every handle and out-parameter (``LP_c_double``, ``LP_fpdf_page_t``), so
each call converts its arguments; with a page holding hundreds of text objects and lines, that
conversion was most of the reader's own time. Here the same functions of the same library take
addresses (Python ints), and results land in one reused buffer of doubles per text page.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_VP = ctypes.c_void_p
_INT = ctypes.c_int


_STDCALL = getattr(ctypes, "_FUNCFLAG_STDCALL", 0)  # Windows only


def _bind(function: Any, restype: Any, *argtypes: Any) -> Any:
    """``function`` of pdfium (a pypdfium2.raw binding) re-typed to take plain addresses, with
    the calling convention pypdfium2 loaded it with."""
    stdcall = bool(_STDCALL and function._flags_ & _STDCALL)
    prototype = ctypes.WINFUNCTYPE if stdcall else ctypes.CFUNCTYPE  # type: ignore[attr-defined]
    at = ctypes.cast(function, _VP).value
    if at is None:  # a NULL symbol: ctypes refuses None as an address with this same TypeError
        raise TypeError(f"pdfium function {function!r} has no address")
    return prototype(restype, *argtypes)(at)


_char_box = _bind(pdfium_c.FPDFText_GetCharBox, _INT, _VP, _INT, _VP, _VP, _VP, _VP)
_loose_box = _bind(pdfium_c.FPDFText_GetLooseCharBox, _INT, _VP, _INT, _VP)
_count_rects = _bind(pdfium_c.FPDFText_CountRects, _INT, _VP, _INT, _INT)
_get_rect = _bind(pdfium_c.FPDFText_GetRect, _INT, _VP, _INT, _VP, _VP, _VP, _VP)
_is_generated = _bind(pdfium_c.FPDFText_IsGenerated, _INT, _VP, _INT)
_count_objects = _bind(pdfium_c.FPDFPage_CountObjects, _INT, _VP)
_get_object = _bind(pdfium_c.FPDFPage_GetObject, _VP, _VP, _INT)
_object_type = _bind(pdfium_c.FPDFPageObj_GetType, _INT, _VP)
_form_count = _bind(pdfium_c.FPDFFormObj_CountObjects, _INT, _VP)
_form_object = _bind(pdfium_c.FPDFFormObj_GetObject, _VP, _VP, ctypes.c_ulong)

_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM


def address(handle: Any) -> int:
    """The address behind a pypdfium2 object's raw handle."""
    return ctypes.cast(handle.raw, _VP).value or 0


class Geometry:
    """Where one text page's characters sit (PDF units, y growing upwards)."""

    __slots__ = ("_at", "_buffer", "_handle", "_rect", "_rect_at")

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._handle = address(textpage)
        self._buffer = (ctypes.c_double * 4)()
        start = ctypes.addressof(self._buffer)
        self._at = tuple(start + 8 * k for k in range(4))
        self._rect = (ctypes.c_float * 4)()  # an FS_RECTF: left, top, right, bottom
        self._rect_at = ctypes.addressof(self._rect)

    def loose(self, index: int) -> tuple[float, float, float, float]:
        """Left, bottom, right, top of the character's font box (its line's full height)."""
        rect = self._rect
        _loose_box(self._handle, index, self._rect_at)
        return rect[0], rect[3], rect[2], rect[1]

    def spans(self, start: int, end: int) -> list[tuple[float, float]]:
        """(left, right) of each character in ``start:end``."""
        handle, buffer = self._handle, self._buffer
        left, right, bottom, top = self._at
        boxes = []
        for index in range(start, end):
            _char_box(handle, index, left, right, bottom, top)
            boxes.append((buffer[0], buffer[1]))
        return boxes

    def runs(self, start: int, end: int) -> list[tuple[float, float]]:
        """(left, right) of each run of ``start:end`` that pdfium draws as one text object, in
        text order (pdfium leaves out the spaces it made up)."""
        handle, buffer = self._handle, self._buffer
        left, top, right, bottom = self._at
        runs = []
        for index in range(_count_rects(handle, start, end - start)):
            _get_rect(handle, index, left, top, right, bottom)
            runs.append((buffer[0], buffer[2]))
        return runs

    def is_generated(self, index: int) -> bool:
        """A space pdfium made up (between glyphs standing apart), not one the PDF holds."""
        return _is_generated(self._handle, index) == 1


def count_paths(page: pdfium.PdfPage, enough: int) -> int:
    """Path objects on the page (and one level into form XObjects), counted up to ``enough``."""
    handle, count = address(page), 0
    for index in range(_count_objects(handle)):
        obj = _get_object(handle, index)
        kind = _object_type(obj)
        if kind == _PATH:
            count += 1
            if count >= enough:
                break
        elif kind == _FORM:
            for inner in range(_form_count(obj)):
                count += _object_type(_form_object(obj, inner)) == _PATH
    return count
