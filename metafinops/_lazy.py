"""Package ``__init__`` re-exports that import their submodule on first use (PEP 562).

``metafinops.types`` and ``metafinops.resources`` re-export one name per model or namespace.
Importing every submodule eagerly costs each process that needs one of them — the Terraform
plugin configuring a budget — the pydantic models of all of them (about 50 ms per start).
Static checkers read the package's ``TYPE_CHECKING`` imports; at run time
:func:`lazy_exports` resolves a name from the submodule it was declared in.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``__all__`` is already set.

    ``exports`` maps a submodule's name (``"budget"``) to the names it provides; together
    they must be the package's ``__all__`` (checked here, so the two lists cannot drift). A
    name is imported from its submodule on first access, then cached in the package.
    """
    module_of = {name: submodule for submodule, names in exports.items() for name in names}
    namespace = importlib.import_module(package).__dict__
    if sorted(module_of) != sorted(namespace["__all__"]):
        differ = sorted(set(module_of) ^ set(namespace["__all__"]))
        raise ImportError(f"{package}: __all__ and the lazy exports differ: {differ}")

    def __getattr__(name: str) -> Any:
        submodule = module_of.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{submodule}"), name)
        namespace[name] = value  # later lookups do not come here
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *module_of})

    return __getattr__, __dir__
