"""The lessons' analyses: one module per themed lesson, computing from the
evidence what its tables, charts and sentences show (``leadership``: lesson
01; ``soviet``: lesson 02; ``casualties``: lesson 03)."""
