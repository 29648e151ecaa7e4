"""The interactive explorers, one module per notebook topic (knobs, black_box, line_fit, by_hand,
training, landscapes, digits), all on one protocol: see `base.Explorer`.

Import explorers from here (`from helpers.widgets import KnobExplorer`). `ALL` lists every explorer
class in this package; it is gathered from the modules, so a new explorer is covered by the tests and
benchmarks as soon as its module exists.
"""
import importlib
import pkgutil
import sys

from .base import Explorer

ALL = []
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base"):
    for _obj in vars(importlib.import_module(f"{__name__}.{_module}")).values():
        if isinstance(_obj, type) and issubclass(_obj, Explorer) and _obj is not Explorer and _obj not in ALL:
            ALL.append(_obj)
            globals()[_obj.__name__] = _obj

# The submodules' names before they were named after their notebook's topic. Notebooks import from
# the package; these keep older imports working until every notebook does. Remove them then.
for _old, _new in {"loss_surface": "line_fit", "network": "by_hand", "optimizers": "landscapes"}.items():
    sys.modules[f"{__name__}.{_old}"] = sys.modules[f"{__name__}.{_new}"]

__all__ = ["Explorer", "ALL", *(cls.__name__ for cls in ALL)]
