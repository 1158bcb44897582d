"""Noisy Signals' generator: loads and validates data/ and the guide pages, returns pages to build.

Plain Python, no MkDocs import: the MkDocs hook in scripts/mkdocs_hook.py is a thin adapter, so the
site engine can change without touching this package.
"""
