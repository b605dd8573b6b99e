#!/usr/bin/env python3
"""SciFact relevance: lede side by side with SQLite FTS5 and stock Xapian.

Indexes ../shared/corpora/scifact/corpus.jsonl with each system, runs the
split's queries (top 100 each), scores every run with lede-eval and prints
one table: system, nDCG@10, MAP@100, R@100, with each row's parameters.
See README.md. Not part of scripts/test: it needs ../shared/corpora.

  bench/relevance/run.py --build build            # the test split
  bench/relevance/run.py --build build --split train
  bench/relevance/run.py --build build --title-weight 2 --bm25 1.2,0.75
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scifact  # noqa: E402


def lede_defaults(tools, db):
    """(title weight, 'k1,b') lede used when not told: the title weight
    from --stats, the BM25 default from --help."""
    stats = scifact.run_cmd([tools.query, "--db", db, "--stats"],
                            stdout=subprocess.PIPE).stdout
    tw = re.search(r"^title weight\s+(\S+)", stats, re.M)
    help_text = scifact.run_cmd([tools.query, "--help"],
                                stdout=subprocess.PIPE).stdout
    bm = re.search(r"--bm25 .*default ([0-9.]+),([0-9.]+)", help_text)
    return (tw.group(1) if tw else "?",
            "%s,%s" % bm.groups() if bm else "its default")


def parse_pair(text):
    try:
        k1, b = (float(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("want K1,B, got %r" % text)
    return k1, b


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=str(scifact.REPO / "build"),
                    help="CMake build directory with the binaries "
                         "(default: build)")
    ap.add_argument("--collection", default=str(scifact.DEFAULT_COLLECTION),
                    help="SciFact in BEIR layout (default: "
                         "../shared/corpora/scifact)")
    ap.add_argument("--split", choices=sorted(scifact.SPLITS),
                    default="test")
    ap.add_argument("--title-weight", type=int,
                    help="lede-index --title-weight (default: lede's)")
    ap.add_argument("--bm25", type=parse_pair,
                    help="lede-query --bm25 K1,B (default: lede's)")
    ap.add_argument("--query-arg", action="append", default=[],
                    help="extra lede-query argument (repeatable), e.g. "
                         "--query-arg=--title-boost=2")
    ap.add_argument("--work", help="keep databases and runs in this "
                                   "directory (default: a temporary one)")
    args = ap.parse_args()

    tools = scifact.Tools(args.build)
    coll = scifact.Collection(args.collection, args.split)
    tmp = None
    if args.work:
        work = Path(args.work)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lede-relevance-")
        work = Path(tmp.name)

    queries = work / ("queries-%s.tsv" % args.split)
    n = scifact.write_queries_tsv(coll, queries)
    rows = []  # (label, run path)

    # lede
    db = work / "lede.db"
    if db.exists():
        subprocess.run(["rm", "-rf", str(db)], check=True)
    scifact.lede_index(tools, coll, db, args.title_weight)
    tw, bm = lede_defaults(tools, db)
    if args.bm25:
        bm = "%g,%g" % args.bm25
    run = work / "lede.trec"
    scifact.lede_run(tools, db, queries, run, args.bm25, args.query_arg)
    label = "lede: title weight %s, --bm25 %s" % (tw, bm)
    if args.query_arg:
        label += ", " + " ".join(args.query_arg)
    rows.append((label, run))

    # SQLite FTS5
    fts = [(work / "fts5.trec", 1), (work / "fts5-title2.trec", 2)]
    scifact.fts5_runs(coll, queries, work, fts)
    rows.append(("SQLite FTS5 bm25() (column weights 1,1)", fts[0][0]))
    rows.append(("SQLite FTS5 bm25() title weight 2", fts[1][0]))

    # Xapian
    xap = [(work / "xapian-parser-defaults.trec", "parser:defaults",
            "Xapian QueryParser OR, BM25 defaults (k1 1, b 0.5)"),
           (work / "xapian-parser-1.2-0.75.trec", "parser:1.2,0.75",
            "Xapian QueryParser OR, BM25 k1 1.2 b 0.75"),
           (work / "xapian-words-defaults.trec", "words:defaults",
            "Xapian OR of stemmed words, BM25 defaults"),
           (work / "xapian-words-1.2-0.75.trec", "words:1.2,0.75",
            "Xapian OR of stemmed words, BM25 k1 1.2 b 0.75")]
    scifact.xapian_runs(tools, coll, queries, [(p, s) for p, s, _ in xap])
    rows += [(label, p) for p, _, label in xap]

    results = [(label, scifact.evaluate(tools, coll, p)) for label, p in rows]
    width = max(len(label) for label, _ in results)
    print("SciFact %s: %d queries, top 100; scored by lede-eval"
          % (args.split, n))
    print("%-*s  nDCG@10  MAP@100  R@100" % (width, "system"))
    for label, r in results:
        print("%-*s  %7.4f  %7.4f  %5.4f" % (width, label, r["ndcg"],
                                              r["map"], r["recall"]))
    lede = results[0][1]["ndcg"]
    best_label, best = max(((l, r["ndcg"]) for l, r in results[1:]),
                           key=lambda x: x[1])
    print("lede nDCG@10 %.4f vs best peer %.4f (%s): %s"
          % (lede, best, best_label,
             "above every peer" if lede > best else "NOT above every peer"))
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
