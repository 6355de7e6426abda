"""Fixtures shared with the prioritisation tests: the default profile and long tables of
stakeholder and expert ratings to fill session templates with."""

from tests.priorities.conftest import consultation, experts, profile  # noqa: F401
