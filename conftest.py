"""Loads the nbval number rule (tests/nbval_sanitize.py) for every notebook this repository tests."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "tests"))

pytest_plugins = ["nbval_sanitize"]
