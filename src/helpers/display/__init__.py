"""The display of claims: how a lesson shows the evidence to a class.

- ``claims``: every table, figure and computed sentence a lesson shows, in
  words, with corrections beside corrected claims;
- ``style``: one look (colours per document, fonts) for every chart;
- ``lesson``: the parts every lesson has: key words from the glossary, and
  the answers to its checks for understanding;
- ``notebook``: ``setup()``, the one call at the top of every notebook.
"""
