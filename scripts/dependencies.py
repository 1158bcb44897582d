"""Print pyproject.toml's dependencies and test extras as a requirements file, for `make lock`."""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]
extras = [d for extra in project["optional-dependencies"].values() for d in extra]
print("\n".join(project["dependencies"] + extras))
