"""Shared pieces of the SciFact relevance evaluation (run.py, tune.py).

Each function runs one system over the collection and writes a TREC run
("QID Q0 DOCID RANK SCORE TAG"); lede-eval (bench/relevance/eval_main.cc)
scores it. Python 3 standard library only. See README.md for what each
peer is and how it is built.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_COLLECTION = REPO.parent / "shared" / "corpora" / "scifact"

# split -> (queries file, qrels file) inside the collection directory.
SPLITS = {
    "test": ("queries.jsonl", "qrels.tsv"),
    "train": ("queries-train.jsonl", "qrels-train.tsv"),
}


class Tools:
    """Paths of the binaries, all from one CMake build directory."""

    def __init__(self, build_dir):
        b = Path(build_dir)
        self.index = b / "indexer" / "lede-index"
        self.query = b / "query" / "lede-query"
        self.eval = b / "bench" / "relevance" / "lede-eval"
        self.xapian = b / "bench" / "relevance" / "lede-bench-xapian-bm25"
        missing = [p for p in (self.index, self.query, self.eval, self.xapian)
                   if not p.is_file()]
        if missing:
            sys.exit("missing binaries (build first: cmake --build %s): %s"
                     % (b, ", ".join(str(p) for p in missing)))


class Collection:
    def __init__(self, directory, split):
        d = Path(directory)
        if not (d / "corpus.jsonl").is_file():
            sys.exit("no SciFact collection at %s (it lives in "
                     "../shared/corpora, not in the repository)" % d)
        queries, qrels = SPLITS[split]
        self.corpus = d / "corpus.jsonl"
        self.queries = d / queries
        self.qrels = d / qrels
        self.split = split


def run_cmd(argv, stdin=None, stdout=None):
    """Runs argv; exits with its stderr when it fails (lede-query's 1 means
    'no results' and is fine)."""
    p = subprocess.run([str(a) for a in argv], stdin=stdin, stdout=stdout,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        sys.exit("%s failed (%d): %s" % (argv[0], p.returncode, p.stderr))
    return p


def write_queries_tsv(collection, path):
    """The split's queries as 'ID<TAB>TEXT' lines, whitespace collapsed
    (the input of lede-query --batch and of the Xapian peer)."""
    n = 0
    with open(collection.queries, encoding="utf-8") as f, \
            open(path, "w", encoding="utf-8") as out:
        for line in f:
            q = json.loads(line)
            out.write("%s\t%s\n" % (q["id"], " ".join(q["text"].split())))
            n += 1
    return n


def read_queries_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in f]


def evaluate(tools, collection, run_path):
    """lede-eval's numbers as a dict: queries, ndcg, map, recall."""
    p = run_cmd([tools.eval, collection.qrels, run_path],
                stdout=subprocess.PIPE)
    values = dict(line.split("\t") for line in p.stdout.splitlines())
    return {
        "queries": int(values["queries"]),
        "without_results": int(values["without_results"]),
        "ndcg": float(values["ndcg@10"]),
        "map": float(values["map@100"]),
        "recall": float(values["recall@100"]),
    }


# --- lede --------------------------------------------------------------------

def lede_index(tools, collection, db, title_weight=None, extra=()):
    argv = [tools.index, "--quiet", "--db", db]
    if title_weight is not None:
        argv += ["--title-weight", str(title_weight)]
    argv += list(extra) + [collection.corpus]
    run_cmd(argv)


def lede_run(tools, db, queries_tsv, out_path, bm25=None, extra=(),
             limit=100):
    """lede-query --batch --plain --or --format trec over the queries."""
    argv = [tools.query, "--db", db, "--batch", "--plain", "--or",
            "--format", "trec", "--limit", str(limit)]
    if bm25 is not None:
        argv += ["--bm25", "%g,%g" % bm25]
    argv += list(extra)
    with open(queries_tsv, encoding="utf-8") as q, open(out_path, "w") as out:
        run_cmd(argv, stdin=q, stdout=out)


# --- peers -------------------------------------------------------------------

def xapian_runs(tools, collection, queries_tsv, runs, limit=100):
    """runs: [(out_path, "parser:defaults" | "words:1.2,0.75" ...)]; one
    process indexes once and writes every run."""
    argv = [tools.xapian, collection.corpus, queries_tsv,
            "--limit", str(limit)]
    for path, spec in runs:
        argv += ["--run", "%s=%s" % (path, spec)]
    run_cmd(argv)


def sql_string(s):
    return "'" + s.replace("'", "''") + "'"


# FTS5's unicode61 tokenizer: runs of letters and numbers (underscore, which
# \w also matches, is a separator there).
FTS5_WORD = re.compile(r"[^\W_]+")


def fts5_match(text):
    """The OR of the query's distinct words (compared case-insensitively;
    bm25() would count a repeated phrase twice), each quoted so that no
    word is read as FTS5 syntax (AND, NOT, NEAR, -, column filters)."""
    words = []
    seen = set()
    for w in FTS5_WORD.findall(text):
        if w.casefold() not in seen:
            seen.add(w.casefold())
            words.append(w)
    return " OR ".join('"%s"' % w for w in words)


def fts5_runs(collection, queries_tsv, work_dir, runs, limit=100):
    """Builds the FTS5 table once with the sqlite3 shell and writes one run
    per (out_path, title_weight); title_weight 1 is bm25()'s default."""
    db = Path(work_dir) / "fts5.sqlite"
    if db.exists():
        db.unlink()
    script = ["CREATE VIRTUAL TABLE docs USING fts5("
              "id UNINDEXED, title, body, tokenize='porter unicode61');",
              "BEGIN;"]
    with open(collection.corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            script.append("INSERT INTO docs VALUES(%s,%s,%s);" % (
                sql_string(d["id"]), sql_string(d.get("title", "")),
                sql_string(d.get("text", ""))))
    script.append("COMMIT;")
    subprocess.run(["sqlite3", str(db)], input="\n".join(script) + "\n",
                   text=True, check=True)
    queries = read_queries_tsv(queries_tsv)
    for out_path, title_weight in runs:
        tag = "fts5" if title_weight == 1 else "fts5-title%g" % title_weight
        lines = [".mode list", ".separator ' '"]
        for qid, text in queries:
            match = fts5_match(text)
            if not match:
                continue
            # bm25() is lower-is-better; the run's SCORE is its negation.
            lines.append(
                "SELECT %s, 'Q0', id, row_number() OVER (ORDER BY s), "
                "printf('%%.17g', -s), '%s' FROM (SELECT id, "
                "bm25(docs, 0, %g, 1) AS s FROM docs WHERE docs MATCH %s "
                "ORDER BY s LIMIT %d) ORDER BY s;"
                % (sql_string(qid), tag, title_weight, sql_string(match),
                   limit))
        with open(out_path, "w") as out:
            subprocess.run(["sqlite3", "-bail", str(db)],
                           input="\n".join(lines) + "\n", stdout=out,
                           text=True, check=True)
