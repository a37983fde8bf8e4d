"""Benchmarks: print side-by-side tables and write JSON under benchmarks/results/."""
