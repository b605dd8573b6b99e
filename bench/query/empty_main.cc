// The floor for one-process-per-query latency: a C++ program that does
// nothing, linked like any other (libstdc++), for bench/query/run.py.
int main() { return 0; }
