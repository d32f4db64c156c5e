"""Fixtures of the check tests: the project's own suites."""

import pytest

from recon.checks import load_suites

from .builders import EXPECTATIONS


@pytest.fixture(scope="session")
def suites():
    """The project's own suites in expectations/."""
    return load_suites(EXPECTATIONS)
