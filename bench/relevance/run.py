#!/usr/bin/env python3
"""Relevance: lede side by side with SQLite FTS5 and stock Xapian.

For each collection (SciFact, ADI and, as an extra whose judgements are
category labels, Reuters-21578 topics by default; any other in the same
layout with --collection or --extra), indexes the corpus with each
system, runs the split's queries (top 100 each), scores every run with
lede-eval and prints one table: system, nDCG@10, MAP@100, R@100, with
each row's parameters; then the paired randomization test of lede's
per-query nDCG@10 against each peer's. The peers run with their defaults,
with lede's parameters, and tuned on the collection's train split (as
lede's defaults were). See README.md. Not part of scripts/test: it needs
../shared/corpora.

  bench/relevance/run.py --build build            # the test splits
  bench/relevance/run.py --build build --split train
  bench/relevance/run.py --build build --collection adi=../data/adi
  bench/relevance/run.py --build build --title-weight 2 --bm25 1.2,0.75
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import relevance  # noqa: E402

# p below this is "significant" in the summary lines.
ALPHA = 0.05


def lede_defaults(tools, db):
    """(title weight, 'k1,b', short b, proximity) lede used when not told:
    the title weight from --stats, the BM25, --short-b, --proximity and
    --rescore defaults from --help."""
    stats = relevance.run_cmd([tools.query, "--db", db, "--stats"],
                              stdout=subprocess.PIPE).stdout
    tw = re.search(r"^title weight\s+(\S+)", stats, re.M)
    help_text = relevance.run_cmd([tools.query, "--help"],
                                  stdout=subprocess.PIPE).stdout
    bm = re.search(r"--bm25 .*default ([0-9.]+),([0-9.]+)", help_text)
    short_b = re.search(r"--short-b .*default ([0-9.]+)", help_text)
    prox = re.search(r"^\s*--proximity \S+ .*default ([0-9.]+)", help_text,
                     re.M)
    depth = re.search(r"^\s*--rescore \S+ .*default ([0-9]+)", help_text, re.M)
    return (tw.group(1) if tw else "?",
            "%s,%s" % bm.groups() if bm else "its default",
            short_b.group(1) if short_b else None,
            "%s (first %s)" % (prox.group(1), depth.group(1))
            if prox and depth else None)


def parse_pair(text):
    try:
        k1, b = (float(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("want K1,B, got %r" % text)
    return k1, b


def parse_collection(text, judged=True):
    """NAME=DIR as (name, directory, judged)."""
    name, eq, path = text.partition("=")
    if not eq or not name or not path:
        raise argparse.ArgumentTypeError("want NAME=DIR, got %r" % text)
    return name, path, judged


def add_collection_options(ap):
    """--collection and --extra (run.py and tune.py)."""
    ap.add_argument("--collection", type=parse_collection, action="append",
                    help="NAME=DIR of a collection judged by people to "
                         "evaluate (repeatable; replaces the defaults: "
                         "scifact=../shared/corpora/scifact, adi=../data/adi "
                         "and the extra reuters-topics, built from "
                         "../shared/corpora by reuters_topics.py into the "
                         "work directory)")
    ap.add_argument("--extra", action="append", default=[],
                    type=lambda t: parse_collection(t, judged=False),
                    help="NAME=DIR of a collection whose judgements are not "
                         "people's (category labels): evaluated and shown, "
                         "but not part of the target (repeatable)")


def collections_of(args, work):
    if args.collection or args.extra:
        return (args.collection or []) + args.extra
    return relevance.default_collections(work)


def lede_rows(args, tools, coll, queries, work):
    db = work / ("%s-lede.db" % coll.name)
    if db.exists():
        subprocess.run(["rm", "-rf", str(db)], check=True)
    relevance.lede_index(tools, coll, db, args.title_weight)
    tw, bm, short_b, prox = lede_defaults(tools, db)
    if args.bm25:
        bm = "%g,%g" % args.bm25
    run = work / ("%s-lede.trec" % coll.name)
    relevance.lede_run(tools, db, queries, run, args.bm25, args.query_arg)
    label = "lede: title weight %s, --bm25 %s" % (tw, bm)
    if short_b is not None and not any(a.startswith("--short-b")
                                       for a in args.query_arg):
        label += ", --short-b %s" % short_b
    if prox is not None and not any(a.startswith(("--proximity", "--rescore"))
                                    for a in args.query_arg):
        label += ", --proximity %s" % prox
    if args.query_arg:
        label += ", " + " ".join(args.query_arg)
    return [(label, run)]


def peer_rows(args, tools, coll, queries, work):
    """The peers' rows: fixed configurations, then (unless --no-tune-peers)
    each peer's best configuration on the collection's train split."""
    name = coll.name
    fts = [(1, "SQLite FTS5 bm25() (column weights 1,1)"),
           (2, "SQLite FTS5 bm25() title weight 2")]
    xap = [("parser:defaults",
            "Xapian QueryParser OR, BM25 defaults (k1 1, b 0.5)"),
           ("parser:1.2,0.75", "Xapian QueryParser OR, BM25 k1 1.2 b 0.75"),
           ("words:defaults", "Xapian OR of stemmed words, BM25 defaults"),
           ("words:1.2,0.75",
            "Xapian OR of stemmed words, BM25 k1 1.2 b 0.75")]
    if not args.no_tune_peers:
        train = relevance.Collection(coll.directory, "train", name)
        best_fts, best_parser, best_words = relevance.tune_peers(
            tools, train, work)
        if best_fts not in (w for w, _ in fts):
            fts.append((best_fts, "SQLite FTS5 bm25() title weight %g "
                                  "(tuned on train)" % best_fts))
        for mode, what, (k1, b) in (("parser", "QueryParser OR", best_parser),
                                    ("words", "OR of stemmed words",
                                     best_words)):
            xap.append(("%s:%g,%g" % (mode, k1, b),
                        "Xapian %s, BM25 k1 %g b %g (tuned on train)"
                        % (what, k1, b)))
    fts_runs = [(work / ("%s-fts5-title%g.trec" % (name, w)), w)
                for w, _ in fts]
    relevance.fts5_runs(coll, queries, work, fts_runs)
    xap_runs = [(work / ("%s-xapian-%s.trec" % (name, spec.replace(":", "-"))),
                 spec) for spec, _ in xap]
    relevance.xapian_runs(tools, coll, queries, xap_runs)
    return ([(label, p) for (p, _), (_, label) in zip(fts_runs, fts)] +
            [(label, p) for (p, _), (_, label) in zip(xap_runs, xap)])


def report(tools, coll, n, rows):
    """Prints the collection's table and tests; returns (lede's nDCG@10,
    best peer's, p of lede against the best peer)."""
    lede_label, lede_run = rows[0]
    results = [(lede_label, relevance.evaluate(tools, coll, lede_run))]
    for label, path in rows[1:]:
        r = relevance.evaluate(tools, coll, path)
        test = relevance.evaluate(tools, coll, lede_run, compare_with=path)
        r.update((k, test[k]) for k in ("delta", "se", "better", "worse", "p"))
        results.append((label, r))
    width = max(len(label) for label, _ in results)
    print("\n%s %s: %d queries, top 100; scored by lede-eval"
          % (coll.name, coll.split, n))
    print("%-*s  nDCG@10  MAP@100  R@100   lede-peer  (se)    +/-      p"
          % (width, "system"))
    for label, r in results:
        line = "%-*s  %7.4f  %7.4f  %5.4f" % (width, label, r["ndcg"],
                                              r["map"], r["recall"])
        if "p" in r:
            line += "  %+8.4f  (%.4f) %3d/%-3d %7.4f" % (
                r["delta"], r["se"], r["better"], r["worse"], r["p"])
        print(line)
    lede = results[0][1]["ndcg"]
    best_label, best = max(results[1:], key=lambda x: x[1]["ndcg"])
    verdict = "above every peer" if lede > best["ndcg"] else \
        "NOT above every peer"
    if lede > best["ndcg"]:
        verdict += (", significantly" if best["p"] < ALPHA
                    else ", not significantly")
    print("lede nDCG@10 %.4f vs best peer %.4f (%s): %s (paired "
          "randomization p %.4f)" % (lede, best["ndcg"], best_label, verdict,
                                     best["p"]))
    return lede, best["ndcg"], best["p"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=str(relevance.REPO / "build"),
                    help="CMake build directory with the binaries "
                         "(default: build)")
    add_collection_options(ap)
    ap.add_argument("--split", choices=relevance.SPLITS, default="test")
    ap.add_argument("--title-weight", type=int,
                    help="lede-index --title-weight (default: lede's)")
    ap.add_argument("--bm25", type=parse_pair,
                    help="lede-query --bm25 K1,B (default: lede's)")
    ap.add_argument("--query-arg", action="append", default=[],
                    help="extra lede-query argument (repeatable), e.g. "
                         "--query-arg=--title-boost=2")
    ap.add_argument("--no-tune-peers", action="store_true",
                    help="skip the peers' rows tuned on the train split")
    ap.add_argument("--work", help="keep databases and runs in this "
                                   "directory (default: a temporary one)")
    args = ap.parse_args()

    tools = relevance.Tools(args.build)
    tmp = None
    if args.work:
        work = Path(args.work)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lede-relevance-")
        work = Path(tmp.name)
    collections = collections_of(args, work)

    summary = []
    for name, directory, judged in collections:
        coll = relevance.Collection(directory, args.split, name)
        queries, n = relevance.write_split(coll, work)
        rows = lede_rows(args, tools, coll, queries, work)
        rows += peer_rows(args, tools, coll, queries, work)
        summary.append((name, judged) + report(tools, coll, n, rows))

    print("\nSummary (%s splits): nDCG@10 of lede and of the best peer"
          % args.split)
    for name, judged, lede, best, p in summary:
        print("  %-20s lede %.4f  best peer %.4f  %+.4f  p %.4f%s"
              % (name, lede, best, lede - best, p,
                 "" if judged else "  (extra: category labels)"))
    target = [(lede, best, p) for _, judged, lede, best, p in summary
              if judged]
    above = all(lede > best for lede, best, _ in target)
    significant = any(lede > best and p < ALPHA for lede, best, p in target)
    print("target on the collections judged by people (above every peer on "
          "each, significantly on at least one, p < %g): %s" % (
              ALPHA, "met" if target and above and significant
              else "NOT met"))
    extras = [(name, lede > best) for name, judged, lede, best, _ in summary
              if not judged]
    for name, ok in extras:
        print("extra %s: lede %s every peer" % (
            name, "above" if ok else "NOT above"))
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
