"""The plan fixtures of the plan tests, shared with the tests of the demo's generators."""

from tests.plan.conftest import draft, filled  # noqa: F401
