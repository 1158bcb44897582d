"""Noisy Signals' pipeline: generate (load, validate, write pages) -> any engine -> finish (check).

Plain Python that never imports an engine: `python -m noisy_signals` runs the steps; see the
README's module map for what each module holds.
"""
