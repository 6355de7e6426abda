"""Hardening tests: hostile inputs for every importer and property-based tests."""
