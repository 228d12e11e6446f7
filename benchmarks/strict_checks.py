"""What the loader's strict checks cost, as a share of a full load (issue 14).

The checks added to harden the loader (the descriptor checked whole, the raw
files verified, every row's number of cells, canonical cell forms, quotes of
two words or more on word boundaries) run inside ``load_all_tables``. Each is timed here on its own, on
the same package and in the same process as a full load, and the report is
their sum divided by the load's time (medians over ``--runs``).

    python benchmarks/strict_checks.py --datapackage /tmp/corpus1000/data/datapackage.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers.evidence.checks import check_quote_form, occurrences, on_word_boundaries
from helpers.evidence.corpus import verify_corpus
from helpers.evidence.descriptor import read_descriptor
from helpers.evidence.tables import (
    check_cell_forms,
    check_header,
    load_all_tables,
    read_document_text,
    read_text_frame,
)


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def quote_rules(tables: dict[str, pd.DataFrame], package: dict, base: Path) -> None:
    """The quote rules the loader added: form, and a whole-word occurrence."""
    documents = tables["documents"]
    texts = {d: read_document_text(base / "raw" / f) for d, f in zip(documents["doc_id"], documents["file_name"])}
    for resource in package["resources"]:
        column = resource.get("x-quoteSource")
        if not column:
            continue
        frame = tables[resource["name"]]
        for row, (doc_id, quote) in enumerate(zip(frame["doc_id"], frame[column]), start=1):
            check_quote_form("t", row, column, quote)
            text = texts[doc_id]
            any(on_word_boundaries(text, at, at + len(quote)) for at in occurrences(text, quote))


def measure(datapackage: Path, runs: int) -> dict[str, float]:
    base = datapackage.parent
    package = read_descriptor(datapackage)
    parts: dict[str, list[float]] = {"load": [], "descriptor": [], "corpus": [], "header and row shape": [],
                                     "cell forms": [], "quotes": []}
    for _ in range(runs):
        parts["load"].append(seconds(lambda: load_all_tables(datapackage, use_cache=False)))
        tables = load_all_tables(datapackage, use_cache=False)
        parts["descriptor"].append(seconds(lambda: read_descriptor(datapackage)))
        parts["corpus"].append(seconds(lambda: verify_corpus(tables["documents"], base / "raw")))
        parts["header and row shape"].append(seconds(lambda: [check_header(base / r["path"], r["name"], r["schema"])
                                                              for r in package["resources"]]))
        texts = {r["name"]: read_text_frame(base / r["path"]) for r in package["resources"]}
        parts["cell forms"].append(seconds(lambda: [check_cell_forms(texts[r["name"]], r["schema"], r["name"])
                                                    for r in package["resources"]]))
        parts["quotes"].append(seconds(lambda: quote_rules(tables, package, base)))
    medians = {name: statistics.median(values) for name, values in parts.items()}
    extra = sum(value for name, value in medians.items() if name != "load")
    return {**{f"{name}_s": value for name, value in medians.items()}, "extra_s": extra,
            "extra/load": extra / medians["load"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datapackage", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    print(json.dumps(measure(arguments.datapackage, arguments.runs)))


if __name__ == "__main__":
    main()
