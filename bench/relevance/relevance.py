"""Shared pieces of the relevance evaluation (run.py, tune.py).

A collection is a directory in the BEIR-like layout of ../shared/corpora:
corpus.jsonl ({"id","title","text"} lines), queries.jsonl ({"id","text"})
and qrels.tsv ("query-id corpus-id score"), plus, when it has a training
split of its own, queries-train.jsonl and qrels-train.tsv (SciFact). A
collection without them is split here, fixed: its queries in file order,
the 1st, 3rd, 5th ... are "train" and the 2nd, 4th, 6th ... "test"
(Collection.split_queries). Each system function runs one system over a
collection and writes a TREC run ("QID Q0 DOCID RANK SCORE TAG");
lede-eval (bench/relevance/eval_main.cc) scores it. Python 3 standard
library only. See README.md for what each peer is and how it is built.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"
# Test collections that are not in ../shared/corpora are built by hand
# outside the repository (README.md says how): ../data/NAME.
DATA = REPO.parent / "data"
SCIFACT = CORPORA / "scifact"
ADI = DATA / "adi"

SPLITS = ("test", "train")


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
    """One split of a collection: corpus, the split's queries and qrels."""

    def __init__(self, directory, split, name=None):
        d = Path(directory)
        self.name = name or d.name
        self.corpus = d / "corpus.jsonl"
        for p in (self.corpus, d / "queries.jsonl", d / "qrels.tsv"):
            if not p.is_file():
                sys.exit("collection %s: no %s (test collections live "
                         "outside the repository; see "
                         "bench/relevance/README.md)" % (self.name, p))
        self.directory = d
        self.split = split
        self.own_split = (d / "queries-train.jsonl").is_file()
        if self.own_split:
            suffix = "-train" if split == "train" else ""
            self.queries = d / ("queries%s.jsonl" % suffix)
            self.qrels = d / ("qrels%s.tsv" % suffix)
        else:
            self.queries = d / "queries.jsonl"
            self.qrels = d / "qrels.tsv"

    def split_queries(self):
        """The split's queries as (id, text), in file order."""
        with open(self.queries, encoding="utf-8") as f:
            queries = [json.loads(line) for line in f if line.strip()]
        if not self.own_split:
            first = 0 if self.split == "train" else 1
            queries = queries[first::2]
        return [(q["id"], q["text"]) for q in queries]


def default_collections(work_dir):
    """[(name, directory, judged)] of the collections evaluated when none
    is named: SciFact and ADI, judged by people, and Reuters-21578 topics,
    written into WORK by reuters_topics.py from ../shared/corpora, whose
    judgements are category labels (judged False: an extra, see
    README.md). ADI is left out, with a note, when ../data/adi is
    missing."""
    out = [("scifact", SCIFACT, True)]
    if (ADI / "corpus.jsonl").is_file():
        out.append(("adi", ADI, True))
    else:
        print("note: no ADI collection at %s, left out (README.md says how "
              "to build it)" % ADI, file=sys.stderr)
    topics = Path(work_dir) / "reuters-topics"
    run_cmd([sys.executable, Path(__file__).resolve().parent /
             "reuters_topics.py", topics])
    out.append(("reuters-topics", topics, False))
    return out


def run_cmd(argv, stdin=None, stdout=None):
    """Runs argv; exits with its stderr when it fails (lede-query's 1 means
    'no results' and is fine)."""
    p = subprocess.run([str(a) for a in argv], stdin=stdin, stdout=stdout,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        sys.exit("%s failed (%d): %s" % (argv[0], p.returncode, p.stderr))
    return p


def write_split(collection, work_dir):
    """Writes the split's queries to WORK/NAME-SPLIT-queries.tsv as
    'ID<TAB>TEXT' lines, whitespace collapsed (the input of lede-query
    --batch and of the Xapian peer), and, for a collection split here, its
    judgements to WORK/NAME-SPLIT-qrels.tsv, which collection.qrels then
    names (so that the other split's queries do not count as missed).
    Returns (queries path, number of queries)."""
    queries = collection.split_queries()
    stem = Path(work_dir) / ("%s-%s" % (collection.name, collection.split))
    path = Path(str(stem) + "-queries.tsv")
    with open(path, "w", encoding="utf-8") as out:
        for qid, text in queries:
            out.write("%s\t%s\n" % (qid, " ".join(text.split())))
    if not collection.own_split:
        ids = {qid for qid, _ in queries}
        qrels = Path(str(stem) + "-qrels.tsv")
        with open(collection.qrels, encoding="utf-8") as f, \
                open(qrels, "w", encoding="utf-8") as out:
            for line in f:
                qid = line.split(None, 1)[0] if line.strip() else ""
                if qid == "query-id" or qid in ids:
                    out.write(line)
        collection.qrels = qrels
    return path, len(queries)


def read_queries_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in f]


def evaluate(tools, collection, run_path, compare_with=None):
    """lede-eval's numbers as a dict: queries, ndcg, map, recall; with
    compare_with (another run), also the paired randomization test of
    run_path's per-query nDCG@10 against it: delta, se, better, worse, p."""
    argv = [tools.eval, collection.qrels, run_path]
    if compare_with is not None:
        argv += ["--compare", compare_with]
    p = run_cmd(argv, stdout=subprocess.PIPE)
    values = dict(line.split("\t") for line in p.stdout.splitlines())
    r = {
        "queries": int(values["queries"]),
        "without_results": int(values["without_results"]),
        "ndcg": float(values["ndcg@10"]),
        "map": float(values["map@100"]),
        "recall": float(values["recall@100"]),
    }
    if compare_with is not None:
        r.update(delta=float(values["compare_delta_ndcg@10"]),
                 se=float(values["compare_standard_error"]),
                 better=int(values["compare_better"]),
                 worse=int(values["compare_worse"]),
                 p=float(values["compare_p"]))
    return r


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

# The grids of tune.py (lede's parameters), given to the peers too: BM25's
# k1 and b for Xapian, the title column's weight for FTS5 (whose bm25()
# has k1 1.2 and b 0.75 built in).
K1_GRID = [0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 2.0]
B_GRID = [0.3, 0.4, 0.5, 0.6, 0.75, 0.9]
TITLE_WEIGHTS = [1, 2, 3, 5]


def tune_peers(tools, train, work_dir):
    """Each peer's best configuration by nDCG@10 on `train` (a Collection
    of the train split): (FTS5 title weight, (k1, b) of Xapian's
    QueryParser run, (k1, b) of its stemmed-words run). Ties keep the
    first in grid order."""
    work = Path(work_dir) / ("%s-tune-peers" % train.name)
    work.mkdir(parents=True, exist_ok=True)
    queries, _ = write_split(train, work)
    fts = [(work / ("fts5-title%g.trec" % w), w) for w in TITLE_WEIGHTS]
    fts5_runs(train, queries, work, fts)
    best_fts = max(fts, key=lambda r: evaluate(tools, train, r[0])["ndcg"])
    xap = [(work / ("xapian-%s-%g-%g.trec" % (mode, k1, b)), mode, (k1, b))
           for mode in ("parser", "words") for k1 in K1_GRID for b in B_GRID]
    xapian_runs(tools, train, queries,
                [(p, "%s:%g,%g" % (mode, k1, b)) for p, mode, (k1, b) in xap])
    scores = {p: evaluate(tools, train, p)["ndcg"] for p, _, _ in xap}
    best = {}
    for p, mode, kb in xap:
        if mode not in best or scores[p] > scores[best[mode][0]]:
            best[mode] = (p, kb)
    return best_fts[1], best["parser"][1], best["words"][1]

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
