"""``junheng review OUT``: a local web app where a person checks every flagged figure in its
sentence, corrects or confirms it, and drafts again.

The corrections themselves, and laying them over the rows, live below the app, with the
drafting, because every draft applies them (``junheng run``, ``junheng draft`` and
「重新生成」): :mod:`junheng.draft.overlay` (the corrections, in the store, with who and when;
export and import), :mod:`junheng.draft.corrections` (corrections over rows) and
:mod:`junheng.draft.corrected` (over OUT).

The app's pieces, each small: :mod:`~junheng.review.outdir` (OUT as the review reads it),
:mod:`~junheng.review.state` (the rows indexed by report), :mod:`~junheng.review.views` (a report
as the page shows it), :mod:`~junheng.review.forms` (what a person typed, checked),
:mod:`~junheng.review.redraft` (「重新生成」) with :mod:`~junheng.review.changes` (what changed in
the drafts) and :mod:`~junheng.review.jobs` (in the background, with its progress),
:mod:`~junheng.review.security` (token, CSRF, headers), :mod:`~junheng.review.app` (the
Starlette routes), :mod:`~junheng.review.server` (uvicorn on 127.0.0.1) and
:mod:`~junheng.review.cli` (the subcommand). Starlette, uvicorn and python-multipart come with
``pip install 'junheng[review]'``.
"""
