#!/usr/bin/env python3
"""Sharding benchmark: the cost of growth, one database against N shards.

Builds a large corpus (--docs stories, default 1,000,000) from the shared
Reuters-21578 and health-news tweets (../shared/corpora): the stories are
taken in turn, copy after copy, each copy with a distinct id (ID~K) and
lightly varied text (copy K > 0 drops one word and swaps two neighbours,
at places that depend on K), written once to JSON Lines files of 10,000
documents (untimed).
Then, for each shard count of --shards (default 1,2), in one run:
  * lede-index --shards N indexes the file into a fresh database, run
    under /usr/bin/time -v: wall seconds, docs/s, peak RSS (its "Maximum
    resident set size");
  * the database's size on disk as built (every shard, the lock left out);
  * lede-query --batch --timing runs the lede column of
    bench/query/queries.tsv (50 queries: words, phrases, Boolean, fields,
    wildcards) --batch-repeat times in one process: the median and p95 of
    the per-query times it reports, and the median number of matches;
  * how many of those queries give the same top-10 scores (4 decimals, in
    rank order) as the first shard count (the ranking is meant to be the
    same; ids are not compared: copies of a story tie, and ties rank in
    docid order, which differs between shard counts).

Standard library only. Not part of scripts/test: at 1,000,000 documents it
takes the better part of an hour on two cores, and several GB of disk in
--work. See bench/shards/README.md.

    python3 bench/shards/run.py --docs 200000            # smaller
    python3 bench/shards/run.py --shards 1,2,4 --keep
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Documents a corpus file (well under lede-index's --max-file-size).
PER_FILE = 10000

SOURCES = (
    "reuters21578/reuters21578.jsonl",
    "health-news-tweets/health_tweets.jsonl",
)


def die(msg):
    print("bench/shards: " + msg, file=sys.stderr)
    sys.exit(2)


def dir_size(path):
    total = 0
    for base, _, files in os.walk(path):
        for f in files:
            if f != "lock":
                total += os.path.getsize(os.path.join(base, f))
    return total


def load_stories(corpora):
    stories = []
    for rel in SOURCES:
        path = os.path.join(corpora, rel)
        if not os.path.exists(path):
            die("no %s (the shared corpora are needed)" % path)
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    o = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(o, dict) or not isinstance(o.get("text"), str):
                    continue
                # lede-index skips a record with no title and no text (and
                # exits 1): Reuters has a few such stories; leave them out.
                if not o["text"].strip() and not str(o.get("title") or "").strip():
                    continue
                o["id"] = "%s:%s" % (os.path.basename(rel).split(".")[0], o.get("id"))
                stories.append(o)
    return stories


def varied(text, k):
    """Copy k of `text`: one word dropped, two neighbours swapped."""
    if k == 0:
        return text
    words = text.split()
    if len(words) < 4:
        return text + " " + str(k)
    drop = (k * 7919) % len(words)
    del words[drop]
    swap = (k * 104729) % (len(words) - 1)
    words[swap], words[swap + 1] = words[swap + 1], words[swap]
    return " ".join(words)


def write_corpus(stories, docs, folder):
    """Writes `docs` documents into `folder`, kPerFile a file."""
    os.makedirs(folder)
    out = None
    for n in range(docs):
        if n % PER_FILE == 0:
            if out:
                out.close()
            out = open(os.path.join(folder, "part-%05d.jsonl" % (n // PER_FILE)),
                       "w", encoding="utf-8")
        k, i = divmod(n, len(stories))
        o = dict(stories[i])
        o["id"] = "%s~%d" % (o["id"], k)
        o["text"] = varied(o["text"], k)
        out.write(json.dumps(o, ensure_ascii=False))
        out.write("\n")
    if out:
        out.close()


def load_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            out.append((cols[0], cols[1]))
    return out


def index(args, corpus, db, shards):
    argv = ["/usr/bin/time", "-v", args.lede_index, "--json", "--db", db,
            "--shards", str(shards), corpus]
    if args.jobs:
        argv[3:3] = ["--jobs", str(args.jobs)]
    start = time.monotonic()
    r = subprocess.run(argv, capture_output=True, text=True)
    wall = time.monotonic() - start
    if r.returncode != 0:
        die("lede-index exited %d: %s" % (r.returncode, r.stderr[-2000:]))
    documents = json.loads(r.stdout)["documents"]
    if documents != args.docs:
        die("lede-index indexed %d documents, not %d" % (documents, args.docs))
    rss = None
    for line in r.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.rsplit(":", 1)[1]) / 1024.0
    if rss is None:
        die("/usr/bin/time -v gave no maximum resident set size")
    return wall, rss


def query(args, db, queries):
    """Returns per-query seconds (all repeats), matches per query, and the
    top-10 scores of each query."""
    lines = "".join("%s\t%s\n" % q for q in queries)
    r = subprocess.run([args.lede_query, "--db", db, "--batch", "--timing",
                        "--color", "never"],
                       input=lines * args.batch_repeat, capture_output=True,
                       text=True)
    if r.returncode not in (0, 1):
        die("lede-query --batch failed: " + r.stderr[-2000:])
    times, matches = [], []
    for line in r.stderr.splitlines():
        # "lede-query: query w01: 1234 matches in 0.412 ms"
        if line.startswith("lede-query: query ") and line.endswith(" ms"):
            parts = line.split()
            times.append(float(parts[-2]) / 1000)
            matches.append(int(parts[3]))
    if len(times) != len(queries) * args.batch_repeat:
        die("expected %d timings from --batch, got %d:\n%s"
            % (len(queries) * args.batch_repeat, len(times), r.stderr[-2000:]))
    tops = {}
    for qid, q in queries:
        out = subprocess.run([args.lede_query, "--db", db, "--format", "tsv",
                              "-n", "10", "--", q],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            die("lede-query %r failed: %s" % (q, out.stderr[-2000:]))
        # Scores, not ids: copies of a story tie, and ties rank in docid
        # order, which differs between shard counts.
        tops[qid] = [l.split("\t")[1] for l in out.stdout.splitlines() if l]
    return times, matches[:len(queries)], tops


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000000, help="corpus size")
    ap.add_argument("--shards", default="1,2", help="shard counts to compare")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"),
                    help="lede build directory (default: build)")
    ap.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora"))
    ap.add_argument("--queries", default=os.path.join(ROOT, "bench", "query", "queries.tsv"))
    ap.add_argument("--batch-repeat", type=int, default=5,
                    help="times each query runs in the batch process")
    ap.add_argument("--jobs", type=int, default=0, help="lede-index --jobs (0: its default)")
    ap.add_argument("--work", help="folder for the corpus and databases "
                    "(default: a temporary one, removed unless --keep)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    args.lede_index = os.path.join(args.build, "indexer", "lede-index")
    args.lede_query = os.path.join(args.build, "query", "lede-query")
    for b in (args.lede_index, args.lede_query):
        if not os.access(b, os.X_OK):
            die("no %s: build lede first (cmake --build %s)" % (b, args.build))
    if not os.access("/usr/bin/time", os.X_OK):
        die("no /usr/bin/time (Debian: apt-get install time)")
    counts = [int(n) for n in args.shards.split(",")]
    queries = load_queries(args.queries)

    work = args.work or tempfile.mkdtemp(prefix="lede-bench-shards-")
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus-%d" % args.docs)
    if not os.path.exists(corpus):
        stories = load_stories(args.corpora)
        subprocess.run(["rm", "-rf", corpus + ".tmp"], check=True)
        write_corpus(stories, args.docs, corpus + ".tmp")
        os.rename(corpus + ".tmp", corpus)
        print("bench/shards: %d stories -> %d documents, %.0f MB"
              % (len(stories), args.docs, dir_size(corpus) / 1e6),
              file=sys.stderr)
    rows = []
    try:
        for n in counts:
            db = os.path.join(work, "shards-%d.db" % n)
            subprocess.run(["rm", "-rf", db], check=True)
            load = os.getloadavg()[0]
            wall, rss = index(args, corpus, db, n)
            size = dir_size(db) / 1e6
            print("bench/shards: %d shard(s): indexed in %.1f s" % (n, wall),
                  file=sys.stderr)
            times, matches, tops = query(args, db, queries)
            rows.append({"shards": n, "wall": wall, "rss": rss, "size": size,
                         "median": statistics.median(times),
                         "p95": statistics.quantiles(times, n=20)[-1],
                         "matches": statistics.median(matches),
                         "tops": tops, "load": load})
            if not args.keep:
                subprocess.run(["rm", "-rf", db], check=True)
    finally:
        if not args.keep and not args.work:
            subprocess.run(["rm", "-rf", work], check=True)

    print("documents: %d; queries: %d x %d in one lede-query --batch "
          "(per-query times it reports)" % (args.docs, len(queries), args.batch_repeat))
    head = ("shards", "wall s", "docs/s", "peak RSS MB", "index MB",
            "query median ms", "p95 ms", "median matches", "same top-10", "load")
    fmt = "%6s %8s %8s %11s %9s %15s %7s %14s %11s %5s"
    print(fmt % head)
    first = rows[0]["tops"] if rows else {}
    for r in rows:
        differ = [q for q in first if r["tops"].get(q) != first[q]]
        same = len(first) - len(differ)
        if differ:
            print("bench/shards: %d shard(s): other top-10 scores for %s"
                  % (r["shards"], " ".join(differ)), file=sys.stderr)
        print(fmt % (r["shards"], "%.1f" % r["wall"], "%.0f" % (args.docs / r["wall"]),
                     "%.0f" % r["rss"], "%.0f" % r["size"],
                     "%.2f" % (r["median"] * 1000), "%.2f" % (r["p95"] * 1000),
                     "%.0f" % r["matches"], "%d/%d" % (same, len(first)),
                     "%.1f" % r["load"]))
    print("same top-10: queries whose top 10 scores equal those of %d shard(s); "
          "load: the 1-minute load average when indexing started." %
          (rows[0]["shards"] if rows else 0))


if __name__ == "__main__":
    main()
