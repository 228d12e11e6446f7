"""pyproject.toml, requirements.lock and environment.yml describe one environment."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

import yaml

from helpers.paths import PROJECT_ROOT

NOT_CONDA_PACKAGES = {"python", "pip"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def declared_packages() -> set[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {_name(r) for r in project["dependencies"]}
    for extra in project.get("optional-dependencies", {}).values():
        names |= {_name(r) for r in extra}
    return names


def locked_versions() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", (PROJECT_ROOT / "requirements.lock").read_text(), re.M)
    return {name.lower().replace("_", "-"): pin for name, pin in pins}


def conda_pins() -> dict[str, str]:
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, str):
            name, _, pin = entry.partition("=")
            pins[name.lower()] = pin
    return pins


def test_environment_yml_lists_exactly_the_declared_packages() -> None:
    assert set(conda_pins()) - NOT_CONDA_PACKAGES == declared_packages()


def test_environment_yml_pins_the_locked_versions() -> None:
    locked = locked_versions()
    pins = conda_pins()
    assert pins["python"] == "3.11"
    mismatched = {name: (pin, locked.get(name)) for name, pin in pins.items()
                  if name not in NOT_CONDA_PACKAGES and locked.get(name) != pin}
    assert mismatched == {}


def test_every_declared_package_is_locked_and_installed_at_its_pin() -> None:
    locked = locked_versions()
    for name in declared_packages():
        assert name in locked, name
        assert version(name) == locked[name], name
