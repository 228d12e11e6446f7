"""What the loader's strict checks cost, as a share of a full load (issue 14).

The checks added to harden the loader (the descriptor checked whole, the raw
files verified, each table's bytes (NUL, CR, UTF-8), every row's number of cells, canonical cell forms, quotes of
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

from helpers.evidence.checks import check_quote_form, occurrences, on_whole_words
from helpers.evidence.corpus import verify_corpus
from helpers.evidence.descriptor import read_descriptor
from helpers.evidence.tables import (
    check_cell_forms,
    check_file_bytes,
    check_header,
    load_all_tables,
    read_document_text,
    read_text_frame,
)


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def file_checks(package: dict, base: Path) -> dict[str, bool]:
    """Each table's bytes, header and row shape, as the loader checks them;
    which files hold a control character (the loader then searches their cells)."""
    control = {}
    for resource in package["resources"]:
        control[resource["name"]] = check_file_bytes(base / resource["path"], resource["name"])
        check_header(base / resource["path"], resource["name"], resource["schema"])
    return control


def quote_occurrences(tables: dict[str, pd.DataFrame], package: dict, base: Path) -> list[tuple[str, str, list[int]]]:
    """Every quote with its document's text and the offsets where it occurs:
    what the loader's verbatim check (older than the strict checks) finds
    before the new rules look at it."""
    documents = tables["documents"]
    texts = {d: read_document_text(base / "raw" / f) for d, f in zip(documents["doc_id"], documents["file_name"])}
    found = []
    for resource in package["resources"]:
        column = resource.get("x-quoteSource")
        if column:
            frame = tables[resource["name"]]
            found += [(quote, texts[doc_id], list(occurrences(texts[doc_id], quote)))
                      for doc_id, quote in zip(frame["doc_id"], frame[column])]
    return found


def quote_rules(found: list[tuple[str, str, list[int]]]) -> None:
    """The quote rules the loader added: form, and an occurrence on whole words."""
    for row, (quote, text, offsets) in enumerate(found, start=1):
        check_quote_form("t", row, "quote", quote)
        on_whole_words(text, quote, offsets)


def measure(datapackage: Path, runs: int) -> dict[str, float]:
    base = datapackage.parent
    package = read_descriptor(datapackage)
    parts: dict[str, list[float]] = {"load": [], "descriptor": [], "corpus": [],
                                     "file bytes, header and row shape": [],
                                     "cell forms": [], "quotes": []}
    for _ in range(runs):
        parts["load"].append(seconds(lambda: load_all_tables(datapackage, use_cache=False)))
        tables = load_all_tables(datapackage, use_cache=False)
        parts["descriptor"].append(seconds(lambda: read_descriptor(datapackage)))
        parts["corpus"].append(seconds(lambda: verify_corpus(tables["documents"], base / "raw")))
        control: dict[str, bool] = {}  # which files hold a control character (their cells are searched)
        parts["file bytes, header and row shape"].append(seconds(lambda: control.update(file_checks(package, base))))
        texts = {r["name"]: read_text_frame(base / r["path"]) for r in package["resources"]}
        parts["cell forms"].append(seconds(lambda: [check_cell_forms(texts[r["name"]], r["schema"], r["name"],
                                                                     control[r["name"]])
                                                    for r in package["resources"]]))
        found = quote_occurrences(tables, package, base)
        parts["quotes"].append(seconds(lambda: quote_rules(found)))
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
