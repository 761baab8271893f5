# A sample in the layout of pySBD's tests/lang/test_english.py, written for
# stancekit to check convert.py: a plain tuple and a pytest.param entry.
import pytest

GOLDEN_EN_RULES_TEST_CASES = [
    ("Moscow said no. Tokyo waited.", ["Moscow said no.", "Tokyo waited."]),
    pytest.param(
        "The U.S. Navy sailed by.",
        ["The U.S. Navy sailed by."], marks=pytest.mark.xfail),
]
