"""Load benchmarks of the production server config (`make bench`); not part of the test suite."""
