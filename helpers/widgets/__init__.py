"""The interactive explorers, one module per notebook topic (knobs, black_box, line_fit, by_hand,
training, landscapes, digits), all on one protocol: see `base.Explorer`.

Import explorers from here (`from helpers.widgets import KnobExplorer`). `ALL` lists every explorer
class in this package; it is gathered from the modules, so a new explorer is covered by the tests and
benchmarks as soon as its module exists.
"""
import importlib
import pkgutil

from .base import Explorer

ALL = []
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base"):
    for _obj in vars(importlib.import_module(f"{__name__}.{_module}")).values():
        if isinstance(_obj, type) and issubclass(_obj, Explorer) and _obj is not Explorer and _obj not in ALL:
            ALL.append(_obj)
            globals()[_obj.__name__] = _obj


__all__ = ["Explorer", "ALL", *(cls.__name__ for cls in ALL)]
