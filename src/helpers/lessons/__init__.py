"""The lessons' analyses: one module per themed lesson, computing from the
evidence what its tables, charts and sentences show (``chronology``:
01_what_happened; ``causes``: 02_causes; ``leadership``: 03_leadership_changes;
``soviet``: 04_soviet_decision_reversal; ``casualties``:
05_casualties_and_refugees; ``consequences``: 06_consequences)."""
