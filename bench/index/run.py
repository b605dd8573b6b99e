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
each --runs times into a fresh index, and prints medians: wall seconds,
docs/s, MB/s of title+body text, peak RSS (os.wait4 of the indexing
process), index size as built and compacted (lede-index --compact,
xapian-compact, FTS5 'optimize' + VACUUM) and the index/text ratio, with
speed ratios to omindex and FTS5.

Standard library only. Not part of scripts/test: it takes minutes.
See bench/README.md.
"""

import argparse
import json
import os
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


def run_measured(argv, stdin=None, ok=(0,)):
    """Runs argv; returns (wall seconds, peak RSS in MB)."""
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
    return wall, usage.ru_maxrss / 1024.0


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

    def prepare(self, corpus_path, stories, work):
        self.input = corpus_path

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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per system (median)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"),
                    help="lede build directory (default: build)")
    ap.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora"),
                    help="the shared corpora folder")
    ap.add_argument("--only", default="reuters,tweets", help="corpora to run")
    ap.add_argument("--systems", default="lede,omindex,fts5")
    ap.add_argument("--jobs", type=int, default=0, help="lede-index --jobs (0: its default)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()

    systems = [SYSTEMS[s](args) for s in args.systems.split(",")]
    work = tempfile.mkdtemp(prefix="lede-bench-index-")
    rows = []
    try:
        for corpus in args.only.split(","):
            path = os.path.join(args.corpora, CORPORA[corpus])
            if not os.path.exists(path):
                die("no %s (the shared corpora are needed)" % path)
            stories = load_stories(path)
            text_mb = sum(len(t.encode()) + len(b.encode()) for (_, t, b) in stories) / 1e6
            cwork = os.path.join(work, corpus)
            os.makedirs(cwork)
            for s in systems:
                s.prepare(path, stories, cwork)
                walls, rsss, built, compacted, docs = [], [], [], [], 0
                for run in range(args.runs):
                    db = os.path.join(cwork, "%s-%d.db" % (s.name, run))
                    wall, rss = s.index(db)
                    walls.append(wall)
                    rsss.append(rss)
                    built.append(dir_size(db) / 1e6)
                    s.compact(db)
                    compacted.append(dir_size(db) / 1e6)
                    docs = s.count(db)
                    shutil.rmtree(db, ignore_errors=True) if os.path.isdir(db) else os.remove(db)
                    print("bench/index: %s %s run %d: %.2f s" % (corpus, s.name, run + 1, wall),
                          file=sys.stderr)
                rows.append({
                    "corpus": corpus, "system": s.name, "docs": docs,
                    "text_mb": text_mb,
                    "wall": statistics.median(walls),
                    "rss": statistics.median(rsss),
                    "built": statistics.median(built),
                    "compacted": statistics.median(compacted),
                })
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print("runs: %d (medians); load average before: %s" % (args.runs, os.getloadavg()[0]))
    head = ("corpus", "system", "docs", "wall s", "docs/s", "MB/s", "RSS MB",
            "index MB", "compact MB", "index/text", "x omindex", "x fts5")
    fmt = "%-8s %-8s %7s %7s %8s %6s %7s %9s %10s %10s %9s %7s"
    print(fmt % head)
    for r in rows:
        same = {x["system"]: x for x in rows if x["corpus"] == r["corpus"]}

        def speed(other):
            o = same.get(other)
            return "%.2f" % (o["wall"] / r["wall"]) if o else "-"
        print(fmt % (r["corpus"], r["system"], r["docs"], "%.2f" % r["wall"],
                     "%.0f" % (r["docs"] / r["wall"]),
                     "%.1f" % (r["text_mb"] / r["wall"]), "%.0f" % r["rss"],
                     "%.1f" % r["built"], "%.1f" % r["compacted"],
                     "%.2f" % (r["compacted"] / r["text_mb"]),
                     speed("omindex"), speed("fts5")))
    print("x omindex / x fts5: that system's wall time divided by this one's "
          "(above 1: this one is faster).")


if __name__ == "__main__":
    main()
