#!/usr/bin/env python3
"""Grid search of lede's ranking parameters on the TRAIN splits.

For each collection (SciFact, ADI and Reuters-21578 topics by default, as
in run.py) and each index-time title weight, indexes the corpus once; then,
for each BM25 k1 and b (and each query-time title boost, when
--boost-option names lede-query's option for it), runs all the split's
queries in one lede-query --batch process and scores the run with
lede-eval. Prints one line per configuration: nDCG@10 on each collection
and their mean, then the best few by the mean. The test splits are never
read here (run.py reports the chosen configuration on them). See
README.md.

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
import relevance  # noqa: E402
from run import add_collection_options, collections_of  # noqa: E402


def floats(text):
    return [float(x) for x in text.split(",")]


def ints(text):
    return [int(x) for x in text.split(",")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=str(relevance.REPO / "build"))
    add_collection_options(ap)
    ap.add_argument("--split", choices=relevance.SPLITS, default="train",
                    help="the split to tune on (default train; tuning on "
                         "test would make its numbers meaningless)")
    ap.add_argument("--title-weights", type=ints,
                    default=relevance.TITLE_WEIGHTS)
    ap.add_argument("--k1", type=floats, default=relevance.K1_GRID)
    ap.add_argument("--b", type=floats, default=relevance.B_GRID)
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

    tools = relevance.Tools(args.build)
    tmp = None
    if args.work:
        work = Path(args.work)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lede-tune-")
        work = Path(tmp.name)
    collections = collections_of(args, work)
    colls = []
    for name, directory, _ in collections:
        coll = relevance.Collection(directory, args.split, name)
        queries, n = relevance.write_split(coll, work)
        colls.append((coll, queries))
        print("%s %s: %d queries" % (name, args.split, n), flush=True)
    boosts = args.boosts or [None]
    print("lede-index %s; lede-query --batch --plain --or --format trec "
          "--limit 100 %s" % (" ".join(args.index_arg) or "(defaults)",
                              " ".join(args.query_arg)), flush=True)
    header = "tw   k1    b     %s%s   mean" % (
        "boost  " if args.boost_option else "",
        " ".join("%14s" % c.name[:14] for c, _ in colls))

    def line(tw, k1, b, boost, scores):
        return "%-4d %-5g %-5g %s%s  %.4f" % (
            tw, k1, b, "%-6g " % boost if boost is not None else "",
            " ".join("%14.4f" % s for s in scores), sum(scores) / len(scores))

    print(header, flush=True)
    results = {}  # (tw, k1, b, boost) -> [nDCG@10 per collection]
    for tw in args.title_weights:
        for coll, queries in colls:
            db = work / ("%s-tw%d.db" % (coll.name, tw))
            if db.exists():
                subprocess.run(["rm", "-rf", str(db)], check=True)
            relevance.lede_index(tools, coll, db, tw, args.index_arg)
            for k1, b, boost in itertools.product(args.k1, args.b, boosts):
                extra = list(args.query_arg)
                if boost is not None:
                    extra.append("%s=%g" % (args.boost_option, boost))
                run = work / "run.trec"
                relevance.lede_run(tools, db, queries, run, (k1, b), extra)
                results.setdefault((tw, k1, b, boost), []).append(
                    relevance.evaluate(tools, coll, run)["ndcg"])
            if not args.work:
                subprocess.run(["rm", "-rf", str(db)], check=True)
        for (t, k1, b, boost), scores in results.items():
            if t == tw:
                print(line(t, k1, b, boost, scores), flush=True)
    print("\nbest by mean nDCG@10:")
    print(header)
    for key, scores in sorted(results.items(),
                              key=lambda r: -sum(r[1]))[:args.top]:
        print(line(*key, scores))
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
