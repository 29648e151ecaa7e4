"""The set-up a newcomer meets: README commands, CI, requirements and Binder agree with each other."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_AND_OPEN = "python -m pip install -r requirements.txt && jupyter lab notebooks/00_start_here.ipynb"
INSTALL_AND_TEST = "python -m pip install -r requirements-dev.txt && pytest"


def pins(path):
    found = {}
    for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_readme_gives_the_two_commands():
    assert INSTALL_AND_OPEN in README
    assert INSTALL_AND_TEST in README


def test_ci_installs_and_tests_as_the_readme_says():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, test = INSTALL_AND_TEST.split(" && ")
    assert install in ci
    assert re.search(rf"^{re.escape(test)}$", ci, re.M)
    assert "python3 -m venv .venv" in ci


def test_binder_pins_the_same_runtime_as_requirements():
    runtime = pins("requirements.txt")
    binder = pins("binder/requirements.txt")
    assert runtime, "requirements.txt pins nothing"
    for package, version in runtime.items():
        assert binder.get(package) == version, f"binder/requirements.txt: {package} should be =={version}"
    assert set(binder) - set(runtime) == {"notebook"}, "binder adds only the notebook pin"


def test_both_requirement_files_install_the_helpers_package():
    assert re.search(r"^-e \.$", (ROOT / "requirements.txt").read_text(), re.M)
    # repo2docker installs a local requirement after copying the repository only if it has a path separator
    assert re.search(r"^-e \./$", (ROOT / "binder" / "requirements.txt").read_text(), re.M)
    assert (ROOT / "binder" / "runtime.txt").read_text().strip().startswith("python-3.")


def test_dev_requirements_extend_the_runtime_ones():
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "-r requirements.txt" in dev
    for package in ("pytest", "nbval", "hypothesis", "playwright"):
        assert package in pins("requirements-dev.txt")


def test_every_notebook_in_the_readme_map_exists_and_every_notebook_is_in_the_map():
    linked = set(re.findall(r"\(notebooks/([^)]+\.ipynb)\)", README))
    present = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert linked, "the README has no notebook map"
    assert present <= linked, f"notebooks missing from the README map: {sorted(present - linked)}"
    assert linked <= present, f"the README links notebooks that do not exist: {sorted(linked - present)}"
