"""Synthetic communes for demos, tests and benchmarks: never the real people in the seeds."""
