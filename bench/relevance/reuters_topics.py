#!/usr/bin/env python3
"""Reuters-21578 topics as a judged retrieval collection (bench/relevance).

Reuters-21578 has no queries or relevance judgements, but every story
carries the TOPICS categories that Reuters' editors assigned to it. This
turns each TOPICS category that at least one story carries (120 of the
135) into a query, the category's name from the collection's own list
(`other-data/cat-descriptions_120396.txt`: "Crude Oil (CRUDE)" gives the
query "Crude Oil"; a commodity listed by its code alone, such as
"PALM-OIL", gives "palm oil"), and judges every story with that category
relevant (score 1), every other story not. The corpus is the shared
`reuters21578.jsonl` itself, linked, not copied. This is the "categories
as topics" use of a categorised news collection (as TREC 2002's filtering
track used RCV1's): short keyword queries over news stories, with
exhaustive but category-level judgements (a story that discusses crude
oil without the CRUDE label counts as not relevant). See README.md.

Writes OUT/corpus.jsonl (a symbolic link), OUT/queries.jsonl (sorted by
category code) and OUT/qrels.tsv. Deterministic; Python 3 standard
library only.

  bench/relevance/reuters_topics.py OUT [--reuters DIR]
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_REUTERS = REPO.parent / "shared" / "corpora" / "reuters21578"

# "Crude Oil (CRUDE)" or, for most commodities, a bare "PALM-OIL".
NAMED = re.compile(r"^(.*\S)\s+\(([A-Z][A-Z0-9-]*)\)\s*$")
BARE = re.compile(r"^([A-Z][A-Z0-9-]*)\s*$")


def topic_names(descriptions):
    """code (lower case, as in the stories) -> query text, from the
    TOPICS part of cat-descriptions_120396.txt (before the organisation
    codes)."""
    names = {}
    in_topics = False
    with open(descriptions, encoding="latin-1") as f:
        for line in f:
            if line.startswith("****Subject Codes"):
                in_topics = True
                continue
            if not in_topics:
                continue
            if line.startswith("____"):
                break
            if line.startswith("**"):
                continue  # a group heading: "**Energy Codes (9)"
            m = NAMED.match(line)
            if m:
                names[m.group(2).lower()] = m.group(1)
                continue
            m = BARE.match(line)
            if m:
                names[m.group(1).lower()] = m.group(1).lower().replace("-", " ")
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="directory to write the collection to")
    ap.add_argument("--reuters", default=str(DEFAULT_REUTERS),
                    help="the shared Reuters-21578 folder (default: "
                         "../shared/corpora/reuters21578)")
    args = ap.parse_args()
    reuters = Path(args.reuters)
    corpus = reuters / "reuters21578.jsonl"
    descriptions = reuters / "other-data" / "cat-descriptions_120396.txt"
    for p in (corpus, descriptions):
        if not p.is_file():
            sys.exit("reuters_topics.py: no %s (Reuters-21578 lives in "
                     "../shared/corpora, not in the repository)" % p)
    names = topic_names(descriptions)
    if len(names) != 135:
        sys.exit("reuters_topics.py: %s lists %d TOPICS categories, not "
                 "the 135 expected" % (descriptions, len(names)))

    relevant = {}  # code -> [story ids], in corpus order
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            # A label can be listed twice in one story (NEWID 5467: corn).
            for code in dict.fromkeys(story.get("topics", [])):
                if code not in names:
                    sys.exit("reuters_topics.py: story %s has the topic %r, "
                             "which the category list lacks"
                             % (story["id"], code))
                relevant.setdefault(code, []).append(story["id"])

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    link = out / "corpus.jsonl"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(corpus.resolve(), link)
    codes = sorted(relevant)
    with open(out / "queries.jsonl", "w", encoding="utf-8") as q, \
            open(out / "qrels.tsv", "w", encoding="utf-8") as r:
        r.write("query-id\tcorpus-id\tscore\n")
        for code in codes:
            q.write(json.dumps({"id": code, "text": names[code]}) + "\n")
            for doc in relevant[code]:
                r.write("%s\t%s\t1\n" % (code, doc))
    print("reuters_topics.py: %d queries, %d judgements in %s"
          % (len(codes), sum(len(v) for v in relevant.values()), out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
