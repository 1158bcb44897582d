"""Print pyproject.toml's dependencies (`site`) or its test extras (`test`) as requirements, for `make lock`."""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]
if sys.argv[1:] == ["test"]:
    print("\n".join(d for extra in project["optional-dependencies"].values() for d in extra))
else:
    print("\n".join(project["dependencies"]))
