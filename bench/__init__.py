"""The benchmark of the portal at scale: see bench/run and bench/results.md."""
