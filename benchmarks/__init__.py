"""Benchmarks for detente: throughput, scaling and memory against bare spaCy (run ``make bench``)."""
