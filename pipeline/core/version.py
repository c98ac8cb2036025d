"""The release number (``junheng --version``, manifest.json's ``version``)."""

__version__ = "0.1.0"
