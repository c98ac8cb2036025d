"""Extractors: figures and problem/measure/outcome lists (they arrive with their issues)."""
