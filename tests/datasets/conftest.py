from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_file():
    """The path of one of our own small dataset files."""
    return lambda name: FIXTURES / name
