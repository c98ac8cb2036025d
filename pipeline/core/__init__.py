"""The ground floor: the shared model, errors, data loading, normalisation, text helpers.

Nothing here imports anything else of junheng's (an import-linter contract in pyproject.toml).
"""
