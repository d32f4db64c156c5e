"""What pyproject.toml cannot say: ship the top-level ``expectations/`` inside the package.

``expectations/`` stays at the top of the repository, where a team reads and copies it. A wheel
carries the same files as ``recon/expectations/`` (package data, read with ``importlib.resources``
in recon/pipeline.py), so an installed recon audits without a checkout. pyproject.toml's
``packages.find`` cannot add a package mapped from another directory, so the list is built here.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=find_namespace_packages(include=["recon", "recon.*"], exclude=["*.__pycache__"])
    + ["recon.expectations"],
    package_dir={"recon.expectations": "expectations"},
)
