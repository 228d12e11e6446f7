"""Shared code for the Hungarian Revolution of 1956 teaching notebooks.

Notebooks start with::

    from helpers import setup
    setup()
"""

from helpers.notebook import setup, show_markdown

__all__ = ["setup", "show_markdown"]
