#!/usr/bin/env python3
"""Query latency benchmark: lede-query against Xapian's quest and SQLite FTS5.

Indexes the Reuters-21578 stories (../shared/corpora/reuters21578/
reuters21578.jsonl) three ways, then runs the 50 queries of queries.tsv
(words, phrases, AND/OR/NOT, title: fields, dates, wildcards; one column of
equivalent syntax per system):

  one process per query, the systems taking turns run by run (or, with
  --runner hyperfine, in one hyperfine run per query), so that the
  machine's noise falls on all of them alike:
    * lede-query --color never Q            (text, top 10, 2 snippets a hit)
    * quest -o and -m 10 ... Q              (Xapian's example CLI; no snippets)
    * sqlite3 DB "SELECT ... snippet() ... highlight() ... MATCH Q ..."
    * an empty C++ program                  (the floor: exec + libstdc++)

  all queries in one process, timed per query inside it:
    * lede-query --batch --timing           (the same output, 2 snippets a hit)
    * Xapian in process (lede_bench_xapian_batch: quest's work, no snippets)
    * FTS5 in process (Python's sqlite3, the same SQL with snippets)

and prints median and p95 latency of each, with the ratio to quest.

Peers are built from the same stories: one HTML file per story (title in
<title>, so quest's title: works; file time = the story's date, so omindex's
Y/M/D date terms work) indexed by omindex; an FTS5 table (title, body, date
UNINDEXED, tokenize='porter unicode61'). They are kept in --work and reused.

Not part of scripts/test. Needs quest and omindex (xapian-tools,
xapian-omega), sqlite3 (hyperfine for --runner hyperfine), and a Release
build with the bench helpers:

    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2
    python3 bench/query/run.py                       # all of it
    python3 bench/query/run.py --runs 10 --batch-repeat 5   # quicker
"""

import argparse
import html
import json
import os
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

QUEST_FLAGS = ["-o", "and", "-f", "default,wildcard", "-p", "title:S",
               "-b", "year:Y", "-b", "month:M", "-b", "day:D", "-m", "10"]
FTS5_SELECT = ("SELECT rowid, highlight(t, 0, '[', ']'), "
               "snippet(t, 1, '[', ']', '…', 24) FROM t WHERE t MATCH {match}"
               "{where} ORDER BY rank LIMIT 10;")


def die(msg):
    sys.exit("bench/query: " + msg)


def need(tool, package):
    if not shutil.which(tool):
        die("%s not found (Debian: apt-get install %s)" % (tool, package))


def sql_string(s):
    return "'" + s.replace("'", "''") + "'"


def fts5_sql(match, where):
    return FTS5_SELECT.format(match=sql_string(match),
                              where=(" AND " + where) if where else "")


def load_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 5:
                die("%s: expected 5 tab-separated columns: %r" % (path, line))
            out.append(dict(zip(("id", "lede", "quest", "fts5", "where"), cols)))
    return out


def load_stories(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                o = json.loads(line)
            except ValueError:
                continue
            title, text = o.get("title") or "", o.get("text") or ""
            if title.strip() or text.strip():
                yield str(o["id"]), title, text, o.get("date") or ""


def prepare(args, work):
    """Builds the three indexes in `work` unless they are there already."""
    lede_db = os.path.join(work, "lede.db")
    omega_db = os.path.join(work, "omega.db")
    fts5_db = os.path.join(work, "fts5.db")
    if os.path.isdir(lede_db) and subprocess.run(
            [args.lede_query, "--stats", "--db", lede_db],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
        # Kept from a lede of another schema version: lede-query refuses it.
        print("lede.db is stale, re-indexing ...", file=sys.stderr)
        shutil.rmtree(lede_db)
    if not os.path.isdir(lede_db):
        print("indexing with lede-index ...", file=sys.stderr)
        r = subprocess.run([args.lede_index, "-q", "--db", lede_db, args.corpus])
        if r.returncode not in (0, 1):
            die("lede-index failed")
    if not os.path.isdir(omega_db) or not os.path.exists(fts5_db):
        print("writing peer inputs ...", file=sys.stderr)
        pages = os.path.join(work, "html")
        os.makedirs(pages, exist_ok=True)
        tmp_fts5 = fts5_db + ".tmp"
        if os.path.exists(tmp_fts5):
            os.remove(tmp_fts5)
        con = sqlite3.connect(tmp_fts5)
        con.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, "
                    "date UNINDEXED, tokenize='porter unicode61')")
        for sid, title, text, date in load_stories(args.corpus):
            page = os.path.join(pages, sid + ".html")
            with open(page, "w", encoding="utf-8") as f:
                f.write("<html><head><meta charset=\"utf-8\"><title>%s</title>"
                        "</head><body><p>%s</p></body></html>\n"
                        % (html.escape(title),
                           html.escape(text).replace("\n\n", "</p><p>")))
            if date:
                when = datetime.fromisoformat(date[:19]).replace(
                    tzinfo=timezone.utc).timestamp()
                os.utime(page, (when, when))
            con.execute("INSERT INTO t(rowid, title, body, date) "
                        "VALUES (?, ?, ?, ?)", (int(sid), title, text, date))
        con.commit()
        con.execute("INSERT INTO t(t) VALUES('optimize')")
        con.commit()
        con.close()
        os.rename(tmp_fts5, fts5_db)
        print("indexing with omindex ...", file=sys.stderr)
        if os.path.isdir(omega_db):
            shutil.rmtree(omega_db)
        subprocess.run(["omindex", "-p", "--db", omega_db, "--url", "/",
                        pages], check=True, stdout=subprocess.DEVNULL)
    return lede_db, omega_db, fts5_db


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def sanity(args, queries, lede_db, omega_db, fts5_db):
    """Every query must find something in every system, or its timing
    would compare a search with a lookup of nothing."""
    con = sqlite3.connect(fts5_db)
    bad = []
    for q in queries:
        n_lede = int(subprocess.run(
            [args.lede_query, "--db", lede_db, "--count", q["lede"]],
            capture_output=True, text=True).stdout.strip() or 0)
        out = subprocess.run(["quest", "-d", omega_db] + QUEST_FLAGS +
                             [q["quest"]], capture_output=True, text=True).stdout
        n_quest = sum(1 for l in out.splitlines() if l.endswith("]") and ": [" in l)
        where = (" AND " + q["where"]) if q["where"] else ""
        n_fts5 = con.execute("SELECT count(*) FROM t WHERE t MATCH ?" + where,
                             (q["fts5"],)).fetchone()[0]
        if min(n_lede, n_quest, n_fts5) == 0:
            bad.append("%s: lede %d, quest %d, fts5 %d" % (q["id"], n_lede,
                                                          n_quest, n_fts5))
    con.close()
    if bad:
        die("queries that find nothing somewhere:\n  " + "\n  ".join(bad))


def spawn_timed(argv, devnull):
    """Runs argv with output to /dev/null; returns (wall, cpu) seconds."""
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, _, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def one_shot(args, queries, lede_db, omega_db, fts5_db, work):
    """Returns {system: [seconds...]} over all queries and runs, and
    {system: [cpu seconds...]} (empty with hyperfine)."""
    systems = {
        "empty": lambda q: [args.empty],
        "quest": lambda q: ["quest", "-d", omega_db] + QUEST_FLAGS + [q["quest"]],
        "fts5": lambda q: ["sqlite3", fts5_db, fts5_sql(q["fts5"], q["where"])],
        "lede": lambda q: [args.lede_query, "--db", lede_db, "--color", "never",
                           q["lede"]],
    }
    times = {name: [] for name in systems}
    cpu = {name: [] for name in systems}
    per_query = []
    if args.runner == "interleaved":
        # Round-robin over the systems, run by run, so that a change in the
        # machine's load falls on all of them alike.
        devnull = os.open(os.devnull, os.O_WRONLY)
        argvs = {name: [make(q) for q in queries]
                 for name, make in systems.items()}
        per = {name: [[] for _ in queries] for name in systems}
        for r in range(args.warmup + args.runs):
            for qi in range(len(queries)):
                for name in systems:
                    wall, c = spawn_timed(argvs[name][qi], devnull)
                    if r >= args.warmup:
                        times[name].append(wall)
                        cpu[name].append(c)
                        per[name][qi].append(wall)
            print("\r  one process per query: round %d/%d"
                  % (r + 1, args.warmup + args.runs), end="",
                  file=sys.stderr, flush=True)
        os.close(devnull)
        for qi, q in enumerate(queries):
            per_query.append((q["id"], [statistics.median(per[name][qi])
                                        for name in systems]))
        queries = []  # done: skip the hyperfine loop below
    export = os.path.join(work, "hyperfine.json")
    for i, q in enumerate(queries):
        cmds = [" ".join(shlex.quote(a) for a in make(q))
                for make in systems.values()]
        subprocess.run(["hyperfine", "-N", "-i", "--style", "none",
                        "--warmup", str(args.warmup), "--runs", str(args.runs),
                        "--export-json", export] + cmds,
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        with open(export) as f:
            results = json.load(f)["results"]
        for name, res in zip(systems, results):
            times[name].extend(res["times"])
        per_query.append((q["id"], [statistics.median(r["times"])
                                    for r in results]))
        print("\r  one process per query: %d/%d" % (i + 1, len(queries)),
              end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if args.per_query:
        print("%-5s %s" % ("query", "  ".join("%9s" % n for n in systems)))
        for qid, meds in per_query:
            print("%-5s %s" % (qid, "  ".join("%9.2f" % (m * 1000)
                                                for m in meds)))
        print()
    return times, cpu


def batch(args, queries, lede_db, omega_db, fts5_db):
    """Returns {system: [seconds per query...]} and lede's wall time per
    query, each query run args.batch_repeat times in one process."""
    lines = "".join("%s\t%s\n" % (q["id"], q["lede"]) for q in queries)
    start = time.monotonic()
    r = subprocess.run([args.lede_query, "--db", lede_db, "--batch", "--timing",
                        "--color", "never"],
                       input=lines * args.batch_repeat, capture_output=True,
                       text=True)
    wall = time.monotonic() - start
    if r.returncode not in (0, 1):
        die("lede-query --batch failed: " + r.stderr[-2000:])
    lede = []
    for line in r.stderr.splitlines():
        # "lede-query: query w01: 1234 matches in 0.412 ms"
        if line.startswith("lede-query: query ") and line.endswith(" ms"):
            lede.append(float(line.rsplit(" ", 2)[1]) / 1000)
    if len(lede) != len(queries) * args.batch_repeat:
        die("expected %d timings from --batch, got %d:\n%s"
            % (len(queries) * args.batch_repeat, len(lede), r.stderr[-2000:]))

    xap = []
    if args.xapian_batch:
        qlines = "".join("%s\t%s\n" % (q["id"], q["quest"]) for q in queries)
        out = subprocess.run([args.xapian_batch, omega_db],
                             input=qlines * args.batch_repeat,
                             capture_output=True, text=True, check=True).stdout
        xap = [float(l.split("\t")[1]) / 1000 for l in out.splitlines()]

    fts = []
    con = sqlite3.connect(fts5_db)
    for _ in range(args.batch_repeat):
        for q in queries:
            sql = fts5_sql(q["fts5"], q["where"])
            t0 = time.perf_counter()
            con.execute(sql).fetchall()
            fts.append(time.perf_counter() - t0)
    con.close()
    return {"lede": lede, "xapian": xap, "fts5": fts}, wall / len(lede)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"),
                    help="lede build folder (default: build)")
    ap.add_argument("--corpus", default=os.path.join(
        ROOT, "..", "shared", "corpora", "reuters21578", "reuters21578.jsonl"))
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(),
                                                   "lede-bench-query"),
                    help="where the indexes are built and kept")
    ap.add_argument("--runs", type=int, default=20,
                    help="timed runs of each query and system (default 20)")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--batch-repeat", type=int, default=20,
                    help="times each query runs in the batch process")
    ap.add_argument("--skip-one-shot", action="store_true")
    ap.add_argument("--runner", choices=("interleaved", "hyperfine"),
                    default="interleaved",
                    help="one-shot timing: our own round-robin over the "
                    "systems (default; fair under changing load) or "
                    "hyperfine, system after system")
    ap.add_argument("--per-query", action="store_true",
                    help="also print each query's one-shot medians")
    args = ap.parse_args()

    for tool, pkg in (("quest", "xapian-tools"), ("omindex", "xapian-omega"),
                      ("sqlite3", "sqlite3")):
        need(tool, pkg)
    if args.runner == "hyperfine":
        need("hyperfine", "hyperfine")
    args.lede_index = os.path.join(args.build, "indexer", "lede-index")
    args.lede_query = os.path.join(args.build, "query", "lede-query")
    args.empty = os.path.join(args.build, "bench", "query", "lede_bench_empty")
    args.xapian_batch = os.path.join(args.build, "bench", "query",
                                     "lede_bench_xapian_batch")
    for path in (args.lede_index, args.lede_query, args.empty):
        if not os.access(path, os.X_OK):
            die("no %s: build lede first (cmake --build %s)" % (path, args.build))
    if not os.access(args.xapian_batch, os.X_OK):
        args.xapian_batch = None
    if not os.path.exists(args.corpus):
        die("no corpus at %s" % args.corpus)

    os.makedirs(args.work, exist_ok=True)
    queries = load_queries(args.queries)
    lede_db, omega_db, fts5_db = prepare(args, args.work)
    sanity(args, queries, lede_db, omega_db, fts5_db)

    load_start = os.getloadavg()
    rows = []
    if not args.skip_one_shot:
        t, cpu = one_shot(args, queries, lede_db, omega_db, fts5_db, args.work)
        quest_median = statistics.median(t["quest"])
        for name, label in (("empty", "empty C++ process"),
                            ("quest", "quest (Xapian), no snippets"),
                            ("fts5", "sqlite3 shell, FTS5 snippet()+highlight()"),
                            ("lede", "lede-query, text, 2 snippets a hit")):
            med = statistics.median(t[name])
            rows.append(("one process per query", label, med,
                         percentile(t[name], 0.95), med / quest_median,
                         statistics.median(cpu[name]) if cpu[name] else None))
    b, lede_wall = batch(args, queries, lede_db, omega_db, fts5_db)
    for name, label in (("lede", "lede-query --batch, 2 snippets a hit"),
                        ("xapian", "Xapian in process, no snippets"),
                        ("fts5", "FTS5 in process (Python sqlite3), snippet()")):
        if b[name]:
            rows.append(("in one process, per query", label,
                         statistics.median(b[name]), percentile(b[name], 0.95),
                         None, None))
    load_end = os.getloadavg()

    print("Query latency on Reuters-21578 (%d queries from %s; %d runs each "
          "one-shot, %d each in batch)" % (
              len(queries), os.path.relpath(args.queries, ROOT), args.runs,
              args.batch_repeat))
    print("load average %.2f at start, %.2f at end (2 cores shared: compare "
          "ratios within one run)\n" % (load_start[0], load_end[0]))
    print("%-27s %-44s %9s %9s %9s %9s" % ("mode", "system", "median ms",
                                            "p95 ms", "x quest", "CPU ms"))
    for mode, label, med, p95, ratio, c in rows:
        print("%-27s %-44s %9.2f %9.2f %9s %9s" % (
            mode, label, med * 1000, p95 * 1000,
            "%.2f" % ratio if ratio is not None else "",
            "%.2f" % (c * 1000) if c is not None else ""))
    print("(median and p95 of wall time over every run of every query; CPU: "
          "median user+system time of the process)")
    print("\nlede-query --batch wall time / queries (start-up included): "
          "%.3f ms" % (lede_wall * 1000))
    if rows and rows[0][0] == "one process per query":
        lede = [r for r in rows if r[1].startswith("lede-query, text")][0]
        quest = [r for r in rows if r[1].startswith("quest")][0]
        p95_ratio = lede[3] / quest[3]
        # Issue 11: ratios to quest in the same run, not absolute times.
        print("targets (issue 11): one-shot median <= 1.2 x quest's: %.2f (%s); "
              "p95 <= 1.5 x quest's p95: %.2f (%s)" % (
                  lede[4], "met" if lede[4] <= 1.2 else "NOT met",
                  p95_ratio, "met" if p95_ratio <= 1.5 else "NOT met"))
    batch_lede = [r for r in rows if r[1].startswith("lede-query --batch")][0]
    print("target (issue 4): --batch median <= 1 ms: %.3f (%s)" % (
        batch_lede[2] * 1000, "met" if batch_lede[2] <= 0.001 else "NOT met"))

if __name__ == "__main__":
    main()
