"""Only the package list lives here: pyproject.toml cannot add mapped data packages to a discovered list."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["desktop", "desktop.*"]), "desktop._resources", "desktop._db"])
