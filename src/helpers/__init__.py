"""Shared code for the Hungarian Revolution of 1956 teaching notebooks.

Notebooks start with::

    from helpers import setup
    setup()
"""

from __future__ import annotations

__all__ = ["setup", "show_markdown"]


def __getattr__(name: str):
    # Imported on first use, so that `import helpers.paths` (tests, scripts,
    # the site builder) does not pay for pandas and matplotlib.
    if name in __all__:
        from helpers.display import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
