"""Benchmarks: run one as a module, e.g. `python -m benchmarks.import_events`."""
