"""Benchmarks and fault experiments (tools, not tests): `make bench`, `make faults`."""
