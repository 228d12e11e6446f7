"""One look for every chart, in plotly and in matplotlib.

Each document keeps the same colour in every chart of every lesson, so a
student learns once that, say, orange is the blog. Colours are assigned in
the order of ``data/documents.csv``; a new document simply takes the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Okabe & Ito's palette: distinguishable with the common colour-vision
# deficiencies, and still distinct when printed in grey scale (mostly).
DOCUMENT_PALETTE: tuple[str, ...] = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000",
)
REFERENCE_COLOR = "#555555"  # scholarship, always drawn apart from the documents
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
PLOTLY_TEMPLATE = "hu1956"

MATPLOTLIB_RC: dict[str, Any] = {
    "figure.figsize": (8.0, 4.0),
    "figure.dpi": 100,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.prop_cycle": None,  # filled in below from DOCUMENT_PALETTE
    # Deterministic SVG output: fixed ids, text kept as text.
    "svg.hashsalt": "hu1956",
    "svg.fonttype": "none",
}


def document_colors(doc_ids: Sequence[str]) -> dict[str, str]:
    """A colour for each document id, in the given order (cycling if needed)."""
    return {doc_id: DOCUMENT_PALETTE[i % len(DOCUMENT_PALETTE)] for i, doc_id in enumerate(doc_ids)}


def matplotlib_rc() -> dict[str, Any]:
    """The matplotlib rcParams of the project's style."""
    from cycler import cycler

    return {**MATPLOTLIB_RC, "axes.prop_cycle": cycler(color=list(DOCUMENT_PALETTE))}


def register_plotly_template() -> None:
    """Register the project's plotly template and make it the default."""
    import plotly.graph_objects as go
    import plotly.io as pio

    template = go.layout.Template(pio.templates["simple_white"])
    # Read from the back of a classroom on a 1280x720 projector.
    template.layout.font = {"family": FONT_FAMILY, "size": 16}
    template.layout.title = {"x": 0, "xanchor": "left", "font": {"size": 20}}
    template.layout.hoverlabel = {"font": {"size": 14}}
    template.layout.colorway = list(DOCUMENT_PALETTE)
    template.layout.margin = {"l": 60, "r": 20, "t": 60, "b": 50}
    pio.templates[PLOTLY_TEMPLATE] = template
    pio.templates.default = PLOTLY_TEMPLATE
