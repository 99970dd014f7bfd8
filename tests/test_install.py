"""The install does not drift: every import is declared, the lock fits the ranges, HTML cleans.

These read pyproject.toml, requirements.lock and the package's source; nothing is downloaded.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = ROOT / "requirements.lock"


def _requirements() -> dict[str, Requirement]:
    project = PYPROJECT["project"]
    lines = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        lines += extra
    return {canonicalize_name(r.name): r for r in map(Requirement, lines)}


def _locked() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[canonicalize_name(match.group(1))] = Version(match.group(2))
    return pins


def _imported_top_level_modules() -> set[str]:
    """Every module the package imports anywhere (top level or inside functions)."""
    names: set[str] = set()
    for path in (ROOT / "summarizer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"summarizer", "__future__"}


def test_every_runtime_import_is_a_declared_dependency() -> None:
    declared = _requirements()
    installed = packages_distributions()
    for module in sorted(_imported_top_level_modules()):
        if module not in installed:
            continue  # an optional extra not installed here (llama_cpp without [local])
        dists = {canonicalize_name(d) for d in installed[module]}
        assert dists & declared.keys(), f"summarizer imports {module} ({dists}): declare it"


def test_html_cleaning_dependency_is_declared_and_importable() -> None:
    """trafilatura needs lxml.html.clean, a separate project (lxml_html_clean) since lxml 5.2."""
    assert "lxml-html-clean" in _requirements()
    import lxml.html.clean  # noqa: F401  (the import trafilatura makes on the first .html file)


def test_every_dependency_has_a_floor_and_a_ceiling() -> None:
    for name, requirement in _requirements().items():
        operators = {spec.operator for spec in requirement.specifier}
        assert operators & {">=", "=="} and operators & {"<", "<=", "=="}, (name, requirement)


def test_the_lock_pins_every_dependency_inside_its_range() -> None:
    pins = _locked()
    for name, requirement in _requirements().items():
        assert name in pins, f"{name} is not in requirements.lock: regenerate it"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside {requirement.specifier}"
        )


def test_the_lock_says_how_it_was_generated_and_the_readme_installs_with_it() -> None:
    head = LOCK.read_text(encoding="utf-8").splitlines()[:3]
    assert any("uv pip compile pyproject.toml" in line for line in head), head
    assert any("--extra local" in line and "--extra test" in line for line in head), head
    readme_head = (ROOT / "README.md").read_text(encoding="utf-8").split("```")[1]
    commands = [line for line in readme_head.splitlines() if "pip install" in line]
    assert len(commands) == 2
    assert all("-c requirements.lock" in command for command in commands), commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci, "the README's test command is what .ci/run runs"


@pytest.mark.parametrize(
    ("module", "dist"), [("typer", "typer"), ("trafilatura", "trafilatura"), ("lxml", "lxml")]
)
def test_installed_version_is_inside_the_declared_range(module: str, dist: str) -> None:
    from importlib.metadata import version

    requirement = _requirements()[canonicalize_name(dist)]
    assert requirement.specifier.contains(version(dist), prereleases=True), (module, version(dist))
