"""The plan fixtures of the plan tests, shared with the monitor tests."""

from tests.plan.conftest import draft, filled  # noqa: F401
