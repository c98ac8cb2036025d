"""Exceptions. Readers raise :class:`InputError` for a bad file (it ends in the manifest as
``failed``) and :class:`UnsupportedInput` for a file junheng does not read (``skipped``); anything
else escaping a reader is a bug in junheng and is reported as such."""


class JunhengError(Exception):
    """Root of junheng's own exceptions."""


class InputError(JunhengError):
    """The file cannot be read: corrupt, empty, encrypted, too large, hostile or mislabelled.

    The message is one line a person can act on.
    """


class UnsupportedInput(JunhengError):
    """The file is of a kind junheng does not read (yet); the message says what to do."""


class UsageError(JunhengError):
    """The command line asks for something impossible (exit code 2)."""
