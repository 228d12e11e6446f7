"""Time the disagreement finder on a data package (benchmarks/run, scale).

Prints one JSON object: the number of claims the finder reads, the work the
issue bounds it by (the sum over groups of claims x claims in the group, i.e.
claims times claims per group), the median time of ``find_disagreements``
and of ``omissions`` (the tables already loaded, as a lesson has them), and
the rows they return.

    python benchmarks/finder.py --datapackage /tmp/corpus100/data/datapackage.json --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from helpers.lessons.disagreements import find_disagreements, load_evidence, omissions

# The tables the finder reads, and the columns that say which thing a claim is about.
GROUPS = {"event_claims": ["event_id"], "leadership_changes": ["person_id", "change"],
          "soviet_decisions": ["decision"], "estimates": ["measure", "counted"], "name_variants": ["person_id"],
          "reversal_reasons": ["applies_to"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datapackage", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    evidence = load_evidence(arguments.datapackage)
    claims = sum(len(evidence.tables[name]) for name in GROUPS)
    work = sum(int((evidence.tables[name].groupby(keys).size() ** 2).sum()) for name, keys in GROUPS.items())
    finder_times, omission_times = [], []
    for _ in range(arguments.runs):
        start = time.perf_counter()
        found = find_disagreements(evidence)
        finder_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        left_out = omissions(evidence)
        omission_times.append(time.perf_counter() - start)
    print(json.dumps({"claims": claims, "claims_x_claims_per_group": work,
                      "finder_s": statistics.median(finder_times), "omissions_s": statistics.median(omission_times),
                      "rows": len(found), "omission_rows": len(left_out)}))


if __name__ == "__main__":
    main()
