"""The page "Where the sources disagree", and its printable exercise.

Both are generated from :func:`helpers.lessons.disagreements.find_disagreements`
and :func:`helpers.lessons.disagreements.omissions`, never from a notebook:
a new document's disagreements appear here as soon as its claims are in the
tables. Grouped by theme; each disagreement shows what each side says, in
its words and with its quote, the verdict in words, every correction that
concerns a quote shown, and the research figure where there is one.

A reader filters by document and by verdict in the browser (a few lines of
the page's own script, no network; without script every disagreement
shows). ``compare-the-sources.html`` is the source-comparison exercise a
teacher prints: the quotes side by side and a question, the verdicts and
corrections in a key at the end.

Document text is data: Jinja escapes every value (autoescape), and the page
passes :func:`helpers.site.guard.guard_page` like every other page.

``python -m helpers.site.disagreements OUT_DIR`` writes the two pages alone.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from jinja2 import Environment
from markupsafe import Markup

from helpers.evidence.verdicts import KIND_WORDS, VERDICTS

PAGE = "disagreements.html"
WORKSHEET = "compare-the-sources.html"
# What the printable exercise asks about: the disagreements a class can
# argue over (silences and differences of spelling are on the page only).
EXERCISE_VERDICTS = ("conflict", "different_scope")
EXERCISE_COMPATIBLE_KINDS = ("date", "number")
# What each document leaves out: the things at least this many other
# documents tell are listed; the rest (told by one) wait behind a click.
OMISSION_SHOWN_FROM = 2


@dataclass(frozen=True)
class ClaimShown:
    """One claim on one side of a disagreement, as the page shows it."""

    document: str
    words: str
    quote: str
    corrections: tuple[Markup, ...]  # each correction as escaped HTML (helpers.display.claims.correction_html)
    correction_texts: tuple[str, ...]  # the same, as plain text
    # The corrections that say the claim is wrong, in one line each ("Wrong
    # date: ..."): what the printed exercise shows under a quote.
    short_corrections: tuple[str, ...] = ()


def _corrections_by_id() -> dict[str, Any]:
    from helpers.display.claims import corrections_index

    return {c.correction_id: c for c in corrections_index().corrections}


def _side(row: Mapping, name: str, names: Mapping[str, str], corrections: Mapping[str, Any]) -> list[ClaimShown]:
    from helpers.display.claims import correction_html, correction_text, corrections_index
    from helpers.lessons.disagreements import voice_name

    index = corrections_index()
    shown = []
    for doc_id, span, words, quote in zip(row[f"{name}_docs"], row[f"{name}_spans"], row[f"{name}_words"],
                                          row[f"{name}_quotes"]):
        concerning = [c for c in index.for_document(doc_id).concerning(quote) if c.correction_id in corrections]
        # correction_html escapes every value it shows: it is the display
        # layer's one rendering of a correction, used in every lesson table.
        shown.append(ClaimShown(voice_name(doc_id, span, names), words, quote,
                                tuple(Markup(correction_html(c)) for c in concerning),
                                tuple(correction_text(c) for c in concerning),
                                tuple(f"{c.kind_label}: {c.correction}" for c in concerning if c.is_about_the_past)))
    return shown


def _key_corrections(ids: Sequence[str], corrections: Mapping[str, Any]) -> list[str]:
    """The corrections of a disagreement as the teacher's key gives them:
    those about the past only (a misspelling or garbled text settles
    nothing), each as its kind and what is right, in one line."""
    return [f"{corrections[i].kind_label}: {corrections[i].correction}" for i in ids
            if i in corrections and corrections[i].is_about_the_past]


def page_context(found: pd.DataFrame, left_out: pd.DataFrame, documents: pd.DataFrame,
                 lesson_titles: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the two templates need: the themes with their disagreements
    (each with the lesson that teaches it: ``lesson_titles`` maps a lesson's
    page to its title), the documents (for the filter), the verdicts and the
    omissions."""
    from helpers.display.claims import document_names
    from helpers.lessons.disagreements import THEME_LESSONS, THEMES

    names = document_names()
    corrections = _corrections_by_id()
    themes = []
    for theme, title in THEMES.items():
        rows = found[found["theme"] == theme]
        items = []
        for position, row in enumerate(rows.to_dict("records")):
            items.append({
                "id": f"{theme}-{position + 1}",
                "thing": row["thing"], "kind": KIND_WORDS[row["kind"]], "verdict": row["verdict"],
                "first_docs": " ".join(dict.fromkeys(row["first_docs"])),
                "second_docs": " ".join(dict.fromkeys(row["second_docs"])),
                "quote_pair": (tuple(row["first_quotes"]), tuple(row["second_quotes"])),
                "verdict_label": VERDICTS[row["verdict"]].label,
                "verdict_definition": VERDICTS[row["verdict"]].definition,
                "first": _side(row, "first", names, corrections),
                "second": _side(row, "second", names, corrections), "research": row["research"],
                "key_corrections": _key_corrections(row["corrections"], corrections),
                "in_exercise": row["verdict"] in EXERCISE_VERDICTS or (
                    row["verdict"] == "compatible" and row["kind"] in EXERCISE_COMPATIBLE_KINDS),
            })
        if items:
            page = f"{THEME_LESSONS[theme]}.html"
            themes.append({"key": theme, "title": title, "lesson": page,
                           "lesson_title": (lesson_titles or {}).get(page), "items": items})
    omitted = []
    for doc_id in documents["doc_id"]:
        rows = left_out[left_out["doc_id"] == doc_id].to_dict("records")
        entries = [{"thing": row["thing"], "told_by": ", ".join(names.get(d, d) for d in row["told_by"]),
                    "many": len(row["told_by"]) >= OMISSION_SHOWN_FROM} for row in rows]
        omitted.append({"document": names.get(doc_id, doc_id), "doc_id": doc_id,
                        "items": [e for e in entries if e["many"]], "others": [e for e in entries if not e["many"]]})
    exercise, seen_pairs = [], set()
    for theme in themes:
        chosen = []
        for item in theme["items"]:
            # One item per pair of quotes: the same two sentences compared on
            # two aspects are one question for a class.
            if item["in_exercise"] and item["quote_pair"] not in seen_pairs:
                seen_pairs.add(item["quote_pair"])
                chosen.append(item)
        if chosen:
            exercise.append({**theme, "items": chosen})
    counts = found["verdict"].value_counts()
    return {
        "themes": themes,
        "documents": [{"doc_id": d, "name": names.get(d, d)} for d in documents["doc_id"]],
        "verdicts": [{"key": key, "label": meaning.label, "definition": meaning.definition,
                      "count": int(counts.get(key, 0))} for key, meaning in VERDICTS.items()],
        "total": len(found),
        "omissions": omitted,
        "exercise": exercise,
        "about_documents": [{"name": names.get(d, d), "title": t} for d, t in zip(documents["doc_id"],
                                                                               documents.get("title", documents["doc_id"]))],
        "omission_shown_from": OMISSION_SHOWN_FROM,
    }


def write_pages(out_dir: Path, env: Environment, assets: str = "assets",
                lesson_titles: Mapping[str, str] | None = None) -> list[Path]:
    """Write the page and its printable exercise into ``out_dir`` (a theme
    links to its lesson only when ``lesson_titles`` names that lesson's page)."""
    from helpers.lessons.disagreements import find_disagreements, load_evidence, omissions
    from helpers.site.guard import guard_page

    evidence = load_evidence()
    context = page_context(find_disagreements(evidence), omissions(evidence), evidence.tables["documents"],
                           lesson_titles)
    written = []
    for name in (PAGE, WORKSHEET):
        target = out_dir / name
        target.write_text(guard_page(env.get_template(f"{name}.j2").render(assets=assets, **context)),
                          encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Write the two pages into the folder named on the command line."""
    from helpers.site.builder import _templates

    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: python -m helpers.site.disagreements OUT_DIR", file=sys.stderr)
        return 2
    out_dir = Path(arguments[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in write_pages(out_dir, _templates()):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
