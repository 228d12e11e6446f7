"""The one call at the top of every notebook, and small display helpers."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd

from helpers.display.style import matplotlib_rc, register_plotly_template

# plotly's JSON mimetype: deterministic (strict nbval compares it), rendered by
# JupyterLab, and drawn by the lesson site with its own local plotly.js.
# Set here in code, not through an environment variable, so that every kernel
# (JupyterLab, nbval, CI) produces the same output.
PLOTLY_RENDERER = "plotly_mimetype"


def setup() -> None:
    """Prepare a notebook: display options, plot styles, plotly renderer."""
    import plotly.io as pio

    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_rows", 80)
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.width", 160)
    pio.renderers.default = PLOTLY_RENDERER
    register_plotly_template()
    mpl.rcParams.update(matplotlib_rc())
    _inline_svg_figures()
    _frames_carry_their_corrections()
    _failed_checks_say_what_to_do()


# What a failed check in a lesson means for the person who changed the data.
FAILED_CHECK_HINT = (
    "A fact this lesson's text relies on no longer holds with the data (the check above). If you added or "
    "changed data: the sentence this check guards is in this cell or a cell above it (look for the words and "
    "numbers the check tests); make it true of every document, or compute it from the tables with "
    "show_markdown, then run `make notebooks`. If the data is what is wrong (a claim outside the lessons' "
    "period, a code in the wrong column), fix the data instead. See CONTRIBUTING.md, \"When a lesson stops\"."
)


def _kernel_shell():
    """The IPython shell when running in a kernel (or IPython), else None."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kernel
        return None
    return get_ipython()


def _failed_checks_say_what_to_do() -> None:
    """In a kernel, a failed ``assert`` says why it is there and what to do
    when the data has changed since the lessons were executed: the lessons
    assert the facts their hand-written sentences rest on, and new data can
    make one false."""
    shell = _kernel_shell()
    if shell is None:
        return

    def explain(shell, etype, evalue, tb, tb_offset=None):  # IPython's custom-exception signature
        from helpers.check import notebooks_problem

        detail = str(evalue)
        # Only when the data changed since the lessons were executed: otherwise
        # the failed check is a bug in the lesson, or a student's own assert.
        if FAILED_CHECK_HINT not in detail and notebooks_problem() is not None:
            evalue.args = (f"{detail}\n{FAILED_CHECK_HINT}" if detail else FAILED_CHECK_HINT,)
        shell.showtraceback((etype, evalue, tb), tb_offset=tb_offset)

    shell.set_custom_exc((AssertionError,), explain)


def _inline_svg_figures() -> None:
    """In a kernel, show matplotlib figures as SVG without a date stamp, so
    re-running a notebook gives byte-identical output that nbval compares."""
    if _kernel_shell() is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("svg", metadata={"Date": None})


def _frames_carry_their_corrections() -> None:
    """In a kernel, a DataFrame shown as it is (a student exploring, or a
    lesson that forgot :func:`helpers.display.show_table`) still gets a
    Correction column on every row whose words a correction concerns; other
    frames look exactly as pandas shows them."""
    shell = _kernel_shell()
    if shell is None:
        return
    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, frame_html_with_corrections)


def frame_html_with_corrections(frame: pd.DataFrame) -> str | None:
    """pandas' own HTML for a frame, plus a ``Correction`` column where a
    row's text contains words that a correction concerns (pandas escapes the
    cells; the frame is kept out of JupyterLab's MathJax, as every table is)."""
    from helpers.display.claims import CORRECTION_COLUMN, NO_FORMULAS, correction_text, corrections_in

    found = [corrections_in(*row) for row in frame.itertuples(index=False, name=None)]
    if not any(found):
        markup = frame._repr_html_()
    else:
        shown = frame.copy()
        shown[CORRECTION_COLUMN] = [" ".join(correction_text(c) for c in row) for row in found]
        with pd.option_context("display.max_colwidth", None):  # a correction is never cut short
            markup = shown._repr_html_()
    return None if markup is None else f'<div class="{NO_FORMULAS}">{markup}</div>'


def show_markdown(text: str) -> None:
    """Display computed prose as rendered Markdown, with the corrections its
    quotes call for (see :func:`helpers.display.show_markdown`)."""
    from helpers.display.claims import show_markdown as show

    show(text)
