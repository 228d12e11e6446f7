"""Write a synthetic corpus in the project's own format, N times the real one.

Every document is copied N times under new ids (``essay`` -> ``essay_0007``,
its raw file under a new name), and every row of every table that belongs to
a document is copied with it, its keys made unique. Tables that belong to no
document (people, events, topics, scholarship) are copied once. The result is
a complete data package that ``helpers.evidence.tables.load_all_tables`` validates.

    python benchmarks/synthetic_corpus.py --factor 100 --out /tmp/corpus100
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
from pathlib import Path

from helpers.paths import DATA_DIR, DATAPACKAGE
from helpers.evidence.tables import read_datapackage

# Keys that must stay unique when a document's rows are copied, and how.
ID_COLUMNS = {"claim_id", "correction_id"}


def copy_id(value: str, column: str, copy: int, doc_id: str, new_doc_id: str) -> str:
    """A unique id for the copy of a row (keeping each table's id pattern)."""
    if column == "correction_id":
        return f"corr-{copy:04d}{value.split('-')[1]}"
    return value.replace(f"-{doc_id}-", f"-{new_doc_id}-", 1)


def read_raw(file_name: str) -> str:
    with open(DATA_DIR / "raw" / file_name, encoding="utf-8", newline="") as handle:
        return handle.read()


def distinct_copy(text: str, copy: int) -> str:
    """A copy of a document that differs from the others (the loader refuses
    two documents with one checksum): a last line of page furniture, after
    every span, so that no offset moves."""
    return text + ("" if text.endswith("\n") else "\n") + f"(synthetic copy {copy})\n"


def write_synthetic_corpus(factor: int, out: Path) -> Path:
    """Write the package into ``out/data``; return its datapackage.json."""
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "raw").mkdir(parents=True)
    package = read_datapackage()
    for source in package.get("sources", []):
        if source.get("path", "").endswith(".md"):
            (data / source["path"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(DATA_DIR / source["path"], data / source["path"])
    with open(DATA_DIR / "documents.csv", encoding="utf-8", newline="") as handle:
        documents = list(csv.DictReader(handle))
    new_ids = {}
    for resource in package["resources"]:
        source, target = DATA_DIR / resource["path"], data / resource["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(source, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = reader.fieldnames, list(reader)
        if "doc_id" not in header:
            # A table that only points at a document (a reference row naming
            # the page it is another version of) points at its first copy.
            pointers = [key["fields"] for key in resource["schema"].get("foreignKeys", [])
                        if key["reference"]["resource"] == "documents" and isinstance(key["fields"], str)]
            with open(target, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
                writer.writeheader()
                for row in rows:
                    writer.writerow({**row, **{f: f"{row[f]}_0000" for f in pointers if row[f]}})
            continue
        with open(target, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            for copy in range(factor):
                for row in rows:
                    doc_id = row["doc_id"]
                    new_doc_id = f"{doc_id}_{copy:04d}"
                    out_row = {**row, "doc_id": new_doc_id}
                    for column in ID_COLUMNS & set(header):
                        out_row[column] = copy_id(row[column], column, copy, doc_id, new_doc_id)
                    if resource["name"] == "documents":
                        out_row["file_name"] = f"{copy:04d}_{row['file_name']}"
                        new_ids[out_row["file_name"]] = row["file_name"]
                        text = distinct_copy(read_raw(row["file_name"]), copy)
                        out_row["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
                        out_row["n_chars"] = str(len(text))
                    writer.writerow(out_row)
    for new_name, original in new_ids.items():
        copy = int(new_name[:4])
        (data / "raw" / new_name).write_bytes(distinct_copy(read_raw(original), copy).encode("utf-8"))
    shutil.copyfile(DATAPACKAGE, data / DATAPACKAGE.name)
    assert len(new_ids) == factor * len(documents)
    return data / DATAPACKAGE.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, required=True, help="copies of every document")
    parser.add_argument("--out", type=Path, required=True, help="folder to write data/ into")
    arguments = parser.parse_args()
    path = write_synthetic_corpus(arguments.factor, arguments.out)
    print(json.dumps({"datapackage": str(path), "factor": arguments.factor}))


if __name__ == "__main__":
    main()
