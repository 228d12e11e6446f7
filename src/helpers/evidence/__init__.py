"""The evidence: the curated tables and everything that vouches for them.

- ``tables``: load every table of ``data/datapackage.json``, validated;
  ``errors``: the one error bad input raises (file, row, column);
- ``checks``: the project's rules beyond Table Schema (verbatim quotes, partial
  dates, intervals, excerpts); ``corrections``: which claims each correction
  concerns;
- ``corpus``: the raw documents, their checksums and spans; ``coverage``: every
  number and date of every document accounted for;
- ``dates``: partial dates as spans, and the one date comparison;
  ``estimates``: vague counts as intervals.
"""
