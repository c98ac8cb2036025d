"""Benchmark code, kept out of the production batch package :mod:`junheng.batch`.

:mod:`~junheng.bench.synth` makes synthetic inputs from the seed corpus (for the benchmark and for
the batch tests); :mod:`~junheng.bench.measure` is ``junheng bench``: it times ``junheng run`` over
them and bare pypdfium2 over the same PDFs. Nothing here is imported by ``junheng run``.
"""
