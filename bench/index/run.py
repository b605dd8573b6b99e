#!/usr/bin/env python3
"""Indexing benchmark: lede-index against Xapian's omindex and SQLite FTS5.

In one run, for each corpus (the Reuters-21578 JSONL and the health-news
tweets from ../shared/corpora), indexes the same stories with
  * lede-index (the JSON Lines file as it is),
  * omindex (Debian's xapian-omega; one .txt file per story, title line,
    blank line, body, written to a temporary folder beforehand, untimed),
  * the sqlite3 shell with an FTS5 table (title, body) using the
    'porter unicode61' tokenizer, loading the stories with json_each()
    from a JSON array file written beforehand (untimed),
each --runs times into a fresh index, the systems taking turns run by run
(lede, omindex, fts5, lede, omindex, ...) so that a change in the machine's
load falls on all of them alike, and prints medians: wall seconds, docs/s,
MB/s of title+body text, peak RSS (os.wait4 of the indexing process), index
size as built and compacted (lede-index --compact, xapian-compact, FTS5
'optimize' + VACUUM) and the index/text ratio, with speed ratios to omindex
and FTS5 (the median of the per-run ratios: run i of one system against run
i of the other). For the Xapian systems it also prints where the compacted
index goes, table by table, and checks lede's size against omindex's plus
the size of lede's stored text (the compressed document data and the zstd
dictionaries, as bench/index/stored_bytes.cc counts them: the bytes
themselves, without the B-tree's overhead for them).

--growth indexes a corpus made at bench time (in the temporary folder) of
the Reuters stories and health-news tweets, shuffled and replicated with
distinct ids, at 20,000 and at 200,000 documents, to show whether time and
size grow linearly.

Standard library only. Not part of scripts/test: it takes minutes.
See bench/README.md.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

CORPORA = {
    "reuters": "reuters21578/reuters21578.jsonl",
    "tweets": "health-news-tweets/health_tweets.jsonl",
}


def die(msg):
    print("bench/index: " + msg, file=sys.stderr)
    sys.exit(2)


def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for base, _, files in os.walk(path):
        for f in files:
            if f != "lock":
                total += os.path.getsize(os.path.join(base, f))
    return total


TABLES = ("postlist", "position", "termlist", "docdata", "spelling", "synonym")


def table_sizes(db):
    """Bytes of each glass table of a database folder (lede's: its one
    generation), or None when it is not one."""
    if not os.path.isdir(db):
        return None
    dirs = [db] + [os.path.join(db, d) for d in sorted(os.listdir(db))
                   if d.startswith("gen-")]
    for d in dirs:
        if os.path.exists(os.path.join(d, "iamglass")):
            return {t: (os.path.getsize(os.path.join(d, t + ".glass"))
                        if os.path.exists(os.path.join(d, t + ".glass")) else 0)
                    for t in TABLES}
    return None


def run_measured(argv, stdin=None, ok=(0,)):
    """Runs argv; returns (wall seconds, peak RSS in MB, user+system CPU
    seconds of the process and its threads)."""
    start = time.monotonic()
    p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    if code not in ok:
        die("%s exited %d: %s" % (argv[0], code, err.decode(errors="replace")[-2000:]))
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def load_stories(path):
    stories = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                o = json.loads(line)
            except ValueError:
                continue
            title = o.get("title") or o.get("headline") or ""
            text = o.get("text") or o.get("body") or o.get("content") or ""
            if not isinstance(title, str) or not isinstance(text, str):
                continue
            if title.strip() or text.strip():
                stories.append((str(o.get("id", len(stories))), title, text))
    return stories


class Lede:
    name = "lede"

    def __init__(self, args):
        self.bin = os.path.join(args.build, "indexer", "lede-index")
        if not os.access(self.bin, os.X_OK):
            die("no %s: build lede first (cmake --build %s)" % (self.bin, args.build))
        self.jobs = args.jobs
        self.stored_bin = os.path.join(args.build, "bench", "index",
                                       "lede_bench_stored_bytes")
        if not os.access(self.stored_bin, os.X_OK):
            die("no %s: build lede first (cmake --build %s)" % (self.stored_bin, args.build))

    def prepare(self, corpus_path, stories, work):
        self.input = corpus_path

    def stored_mb(self, db):
        out = subprocess.run([self.stored_bin, db], check=True,
                             capture_output=True, text=True).stdout
        return int(out) / 1e6

    def index(self, db):
        argv = [self.bin, "-q", "--db", db, self.input]
        if self.jobs:
            argv[1:1] = ["--jobs", str(self.jobs)]
        return run_measured(argv, ok=(0, 1))

    def compact(self, db):
        out = subprocess.run([self.bin, "--json", "--compact", "--db", db],
                             check=True, capture_output=True, text=True).stdout
        self.documents = json.loads(out)["documents"]

    def count(self, db):
        return self.documents


class Omindex:
    name = "omindex"

    def __init__(self, args):
        for tool in ("omindex", "xapian-compact", "xapian-delve"):
            if not shutil.which(tool):
                die("%s not found (Debian: apt-get install xapian-omega xapian-tools)" % tool)

    def prepare(self, corpus_path, stories, work):
        self.dir = os.path.join(work, "omindex-files")
        os.makedirs(self.dir, exist_ok=True)
        for i, (_, title, text) in enumerate(stories):
            with open(os.path.join(self.dir, "%06d.txt" % i), "w",
                      encoding="utf-8") as f:
                f.write(title + "\n\n" + text + "\n")

    def index(self, db):
        return run_measured(["omindex", "--db", db, "--url", "/", self.dir])

    def compact(self, db):
        tmp = db + ".compact"
        subprocess.run(["xapian-compact", db, tmp], check=True,
                       stdout=subprocess.DEVNULL)
        shutil.rmtree(db)
        os.rename(tmp, db)

    def count(self, db):
        out = subprocess.run(["xapian-delve", db], check=True,
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("number of documents"):
                return int(line.split("=")[1])
        return -1


class Fts5:
    name = "fts5"

    def __init__(self, args):
        if not shutil.which("sqlite3"):
            die("sqlite3 not found (Debian: apt-get install sqlite3)")

    def prepare(self, corpus_path, stories, work):
        self.json = os.path.join(work, "stories.json")
        with open(self.json, "w", encoding="utf-8") as f:
            json.dump([{"title": t, "body": b} for (_, t, b) in stories], f)

    def index(self, db):
        sql = ("CREATE VIRTUAL TABLE t USING fts5(title, body, "
               "tokenize='porter unicode61');\n"
               "INSERT INTO t SELECT json_extract(value, '$.title'), "
               "json_extract(value, '$.body') FROM json_each(readfile('%s'));\n"
               % self.json.replace("'", "''"))
        r, w = os.pipe()
        os.write(w, sql.encode())
        os.close(w)
        try:
            return run_measured(["sqlite3", db], stdin=r)
        finally:
            os.close(r)

    def compact(self, db):
        subprocess.run(["sqlite3", db,
                        "INSERT INTO t(t) VALUES('optimize'); VACUUM;"],
                       check=True)

    def count(self, db):
        out = subprocess.run(["sqlite3", db, "SELECT count(*) FROM t;"],
                             check=True, capture_output=True, text=True).stdout
        return int(out.strip())


SYSTEMS = {"lede": Lede, "omindex": Omindex, "fts5": Fts5}

GROWTH = {"growth-20k": 20000, "growth-200k": 200000}


GROWTH_FILE_STORIES = 20000


def growth_corpus(corpora, n, path):
    """Writes `n` stories into the folder `path` as JSON Lines files of
    GROWTH_FILE_STORIES stories each (one file is below lede-index's
    --max-file-size at any n): the Reuters stories and the health-news
    tweets in one shuffled order (the same for every n, so that each size
    has the same mix), repeated as often as needed, each copy with its own
    ids. Returns the stories."""
    base = []
    for corpus in ("reuters", "tweets"):
        p = os.path.join(corpora, CORPORA[corpus])
        if not os.path.exists(p):
            die("no %s (the shared corpora are needed)" % p)
        base += [(corpus + "-" + i, t, b) for (i, t, b) in load_stories(p)]
    random.Random(11).shuffle(base)
    stories = []
    os.makedirs(path)
    f = None
    try:
        while len(stories) < n:
            copy = len(stories) // len(base)
            for (i, t, b) in base[:n - len(stories)]:
                if len(stories) % GROWTH_FILE_STORIES == 0:
                    if f:
                        f.close()
                    f = open(os.path.join(path, "part-%03d.jsonl" % (
                        len(stories) // GROWTH_FILE_STORIES)), "w",
                        encoding="utf-8")
                story = ("%s-copy%d" % (i, copy), t, b)
                stories.append(story)
                f.write(json.dumps({"id": story[0], "title": t, "text": b}) + "\n")
    finally:
        if f:
            f.close()
    return stories


def print_tables(rows):
    """Where the compacted Xapian indexes go, and lede's size target."""
    shown = [r for r in rows if r["tables"]]
    if not shown:
        return
    print()
    print("compacted index by table (MB):")
    fmt = "%-12s %-8s" + " %9s" * (len(TABLES) + 1)
    print(fmt % (("corpus", "system") + TABLES + ("all",)))
    for r in shown:
        t = r["tables"]
        print(fmt % ((r["corpus"], r["system"]) +
                     tuple("%.1f" % (t[k] / 1e6) for k in TABLES) +
                     ("%.1f" % (sum(t.values()) / 1e6),)))
    for corpus in sorted({r["corpus"] for r in shown}):
        same = {r["system"]: r for r in shown if r["corpus"] == corpus}
        if "lede" in same and "omindex" in same:
            lede = sum(same["lede"]["tables"].values()) / 1e6
            om = sum(same["omindex"]["tables"].values()) / 1e6
            text = same["lede"]["stored"]
            print("%s size: lede %.1f MB %s omindex %.1f + lede's stored text "
                  "%.1f = %.1f MB" % (corpus, lede,
                                      "<=" if lede <= om + text else ">",
                                      om, text, om + text))


def print_growth(rows):
    by = {r["corpus"]: r for r in rows if r["system"] == "lede"}
    small, big = by.get("growth-20k"), by.get("growth-200k")
    if not small or not big:
        return
    print()
    print("growth (lede): %d docs %.0f docs/s %.1f MB (%.0f bytes/doc); "
          "%d docs %.0f docs/s %.1f MB (%.0f bytes/doc)" % (
              small["docs"], small["docs"] / small["wall"], small["compacted"],
              small["compacted"] * 1e6 / small["docs"],
              big["docs"], big["docs"] / big["wall"], big["compacted"],
              big["compacted"] * 1e6 / big["docs"]))
    print("200k against 20k: time per doc x%.2f, size per doc x%.2f "
          "(1.00: linear)" % (
              (big["wall"] / big["docs"]) / (small["wall"] / small["docs"]),
              (big["compacted"] / big["docs"]) / (small["compacted"] / small["docs"])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per system (median)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"),
                    help="lede build directory (default: build)")
    ap.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora"),
                    help="the shared corpora folder")
    ap.add_argument("--only", default="reuters,tweets", help="corpora to run")
    ap.add_argument("--systems", default=None,
                    help="systems to run (default lede,omindex,fts5; with --growth, lede)")
    ap.add_argument("--growth", action="store_true",
                    help="index a replicated corpus at 20k and 200k documents")
    ap.add_argument("--jobs", type=int, default=0, help="lede-index --jobs (0: its default)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    args.systems_given = args.systems
    if args.systems is None:
        args.systems = "lede,omindex,fts5"

    only = args.only.split(",")
    if args.growth:
        only = ["growth-20k", "growth-200k"]
        if args.systems_given is None:
            args.systems = "lede"
    systems = [SYSTEMS[s](args) for s in args.systems.split(",")]
    load_start = os.getloadavg()[0]
    work = tempfile.mkdtemp(prefix="lede-bench-index-")
    rows = []
    try:
        for corpus in only:
            cwork = os.path.join(work, corpus)
            os.makedirs(cwork)
            if corpus.startswith("growth-"):
                path = os.path.join(cwork, "corpus")
                stories = growth_corpus(args.corpora, GROWTH[corpus], path)
            else:
                path = os.path.join(args.corpora, CORPORA[corpus])
                if not os.path.exists(path):
                    die("no %s (the shared corpora are needed)" % path)
                stories = load_stories(path)
            text_mb = sum(len(t.encode()) + len(b.encode()) for (_, t, b) in stories) / 1e6
            for s in systems:
                s.prepare(path, stories, cwork)
            res = {s.name: {"walls": [], "cpus": [], "rsss": [], "built": [], "compacted": [],
                            "tables": None, "stored": None, "docs": 0}
                   for s in systems}
            for run in range(args.runs):
                for s in systems:
                    r = res[s.name]
                    db = os.path.join(cwork, "%s-%d.db" % (s.name, run))
                    wall, rss, cpu = s.index(db)
                    r["cpus"].append(cpu)
                    r["walls"].append(wall)
                    r["rsss"].append(rss)
                    r["built"].append(dir_size(db) / 1e6)
                    s.compact(db)
                    r["compacted"].append(dir_size(db) / 1e6)
                    r["tables"] = table_sizes(db)
                    if hasattr(s, "stored_mb"):
                        r["stored"] = s.stored_mb(db)
                    r["docs"] = s.count(db)
                    if r["docs"] != len(stories):
                        die("%s indexed %d of the %d stories of %s" % (
                            s.name, r["docs"], len(stories), corpus))
                    shutil.rmtree(db, ignore_errors=True) if os.path.isdir(db) else os.remove(db)
                    print("bench/index: %s %s run %d: %.2f s" % (corpus, s.name, run + 1, wall),
                          file=sys.stderr)
            for s in systems:
                r = res[s.name]
                rows.append({
                    "corpus": corpus, "system": s.name, "docs": r["docs"],
                    "text_mb": text_mb, "walls": r["walls"], "cpus": r["cpus"],
                    "wall": statistics.median(r["walls"]),
                    "cpu": statistics.median(r["cpus"]),
                    "rss": statistics.median(r["rsss"]),
                    "built": statistics.median(r["built"]),
                    "compacted": statistics.median(r["compacted"]),
                    "tables": r["tables"], "stored": r["stored"],
                })
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print("runs: %d (medians); load average %.2f at the start, %.2f at the end"
          % (args.runs, load_start, os.getloadavg()[0]))
    head = ("corpus", "system", "docs", "wall s", "docs/s", "MB/s", "CPU s",
            "RSS MB", "index MB", "compact MB", "index/text", "x omindex",
            "x fts5", "CPU x om")
    fmt = ("%-11s %-8s %7s %7s %8s %6s %7s %7s %9s %10s %10s %9s %7s %8s")
    print(fmt % head)
    for r in rows:
        same = {x["system"]: x for x in rows if x["corpus"] == r["corpus"]}

        def speed(other, key="walls"):
            o = same.get(other)
            if not o:
                return "-"
            return "%.2f" % statistics.median(
                ow / w for ow, w in zip(o[key], r[key]))
        print(fmt % (r["corpus"], r["system"], r["docs"], "%.2f" % r["wall"],
                     "%.0f" % (r["docs"] / r["wall"]),
                     "%.1f" % (r["text_mb"] / r["wall"]), "%.2f" % r["cpu"],
                     "%.0f" % r["rss"],
                     "%.1f" % r["built"], "%.1f" % r["compacted"],
                     "%.2f" % (r["compacted"] / r["text_mb"]),
                     speed("omindex"), speed("fts5"), speed("omindex", "cpus")))
    print("x omindex / x fts5: that system's wall time divided by this one's, "
          "run by run, median (above 1: this one is faster); CPU x om: the "
          "same for user+system CPU seconds.")
    print_tables(rows)
    if args.growth:
        print_growth(rows)


if __name__ == "__main__":
    main()
