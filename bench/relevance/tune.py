#!/usr/bin/env python3
"""Grid search of lede's ranking parameters on SciFact's TRAIN split.

For each index-time title weight, indexes the corpus once; then, for each
BM25 k1 and b (and each query-time title boost, when --boost-option names
lede-query's option for it), runs all train queries in one lede-query
--batch process and scores the run with lede-eval. Prints one line per
configuration and the best few; the test split is never read here (run.py
reports the chosen configuration on test). See README.md.

  bench/relevance/tune.py --build build
  bench/relevance/tune.py --build build --title-weights 1,3 \\
      --k1 1.2 --b 0.75 --boost-option=--title-boost --boosts 0,1,2
"""

import argparse
import itertools
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scifact  # noqa: E402


def floats(text):
    return [float(x) for x in text.split(",")]


def ints(text):
    return [int(x) for x in text.split(",")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=str(scifact.REPO / "build"))
    ap.add_argument("--collection", default=str(scifact.DEFAULT_COLLECTION))
    ap.add_argument("--split", choices=sorted(scifact.SPLITS),
                    default="train",
                    help="the split to tune on (default train; tuning on "
                         "test would make its numbers meaningless)")
    ap.add_argument("--title-weights", type=ints, default=[1, 2, 3, 5])
    ap.add_argument("--k1", type=floats,
                    default=[0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 2.0])
    ap.add_argument("--b", type=floats,
                    default=[0.3, 0.4, 0.5, 0.6, 0.75, 0.9])
    ap.add_argument("--boost-option",
                    help="lede-query's query-time title boost option, e.g. "
                         "--title-boost (default: not varied)")
    ap.add_argument("--boosts", type=floats, default=[])
    ap.add_argument("--index-arg", action="append", default=[],
                    help="extra lede-index argument (repeatable)")
    ap.add_argument("--query-arg", action="append", default=[],
                    help="extra lede-query argument (repeatable)")
    ap.add_argument("--work", help="keep databases and runs here")
    ap.add_argument("--top", type=int, default=10,
                    help="how many best configurations to list")
    args = ap.parse_args()
    if args.boosts and not args.boost_option:
        ap.error("--boosts needs --boost-option")

    tools = scifact.Tools(args.build)
    coll = scifact.Collection(args.collection, args.split)
    tmp = None
    if args.work:
        work = Path(args.work)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lede-tune-")
        work = Path(tmp.name)
    queries = work / ("queries-%s.tsv" % args.split)
    n = scifact.write_queries_tsv(coll, queries)
    boosts = args.boosts or [None]

    print("SciFact %s: %d queries; lede-index %s; lede-query --batch "
          "--plain --or --format trec --limit 100 %s"
          % (args.split, n, " ".join(args.index_arg) or "(defaults)",
             " ".join(args.query_arg)), flush=True)
    header = "tw   k1    b     %snDCG@10  MAP@100  R@100" % (
        "boost  " if args.boost_option else "")
    print(header, flush=True)
    results = []
    for tw in args.title_weights:
        db = work / ("lede-tw%d.db" % tw)
        if db.exists():
            subprocess.run(["rm", "-rf", str(db)], check=True)
        scifact.lede_index(tools, coll, db, tw, args.index_arg)
        for k1, b, boost in itertools.product(args.k1, args.b, boosts):
            extra = list(args.query_arg)
            if boost is not None:
                extra.append("%s=%g" % (args.boost_option, boost))
            run = work / "run.trec"
            scifact.lede_run(tools, db, queries, run, (k1, b), extra)
            r = scifact.evaluate(tools, coll, run)
            results.append((r["ndcg"], r["map"], r["recall"], tw, k1, b,
                            boost))
            print("%-4d %-5g %-5g %s%7.4f  %7.4f  %5.4f" % (
                tw, k1, b,
                "%-6g " % boost if boost is not None else "",
                r["ndcg"], r["map"], r["recall"]), flush=True)
        if not args.work:
            subprocess.run(["rm", "-rf", str(db)], check=True)
    print("\nbest by nDCG@10:")
    print(header)
    for ndcg, map_, rec, tw, k1, b, boost in sorted(
            results, key=lambda r: -r[0])[:args.top]:
        print("%-4d %-5g %-5g %s%7.4f  %7.4f  %5.4f" % (
            tw, k1, b, "%-6g " % boost if boost is not None else "",
            ndcg, map_, rec))
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
