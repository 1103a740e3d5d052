"""Benchmarks that run the site over real HTTP (see docs/benchmarks.md)."""
