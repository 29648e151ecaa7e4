"""Self-checks for the exercises: `check_*` functions that say what is right or wrong, and why.

Each notebook's checks live in a module of their own here (one module per notebook); this package
gathers every `check_*` function from them, so a notebook needs only `from helpers import checks`.
"""
import importlib
import pkgutil

from .core import Feedback, close_to

__all__ = ["Feedback", "close_to"]
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "core"):
    for _name, _obj in vars(importlib.import_module(f"{__name__}.{_module}")).items():
        if _name.startswith("check_") and callable(_obj):
            if _name in globals():
                raise ImportError(f"two check modules define {_name}")
            globals()[_name] = _obj
            __all__.append(_name)
