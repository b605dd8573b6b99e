# bash completion for lede-index and lede-query            -*- shell-script -*-
# Installed as bash-completion/completions/lede-index and .../lede-query.
# tests/docs checks that every long option of --help is listed here.

_lede_dbs() {
    # Database directories: any directory (a lede database is one).
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -d -- "$cur"))
}

_lede_index() {
    local cur prev words cword
    _init_completion -s 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
    }
    case $prev in
        --db) _lede_dbs; return ;;
        --format) COMPREPLY=($(compgen -W 'auto text markdown html jsonl json sgml' -- "$cur")); return ;;
        --language) COMPREPLY=($(compgen -W 'none english danish dutch finnish french german hungarian italian norwegian portuguese romanian russian spanish swedish turkish' -- "$cur")); return ;;
        --field) COMPREPLY=($(compgen -W 'id= title= text= date= source= author= url= tags=' -- "$cur")); compopt -o nospace 2>/dev/null; return ;;
        --include|--exclude|--max-file-size|--title-weight|--wait|-j|--jobs|--batch-docs|--batch-mb) return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--help --version --db --include --exclude --hidden
            --follow-symlinks --format --field --max-file-size --language
            --title-weight --prune --rebuild --compact --shards --wait --jobs
            --batch-docs --batch-mb --quiet --json' -- "$cur"))
        return
    fi
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
}

_lede_query() {
    local cur prev words cword
    _init_completion -s 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
    }
    case $prev in
        --db) _lede_dbs; return ;;
        -f|--format) COMPREPLY=($(compgen -W 'text json jsonl tsv paths paths0 trec' -- "$cur")); return ;;
        --sort) COMPREPLY=($(compgen -W 'relevance newest oldest' -- "$cur")); return ;;
        --color|--colour) COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
        --facet) COMPREPLY=($(compgen -W 'source author year month tag' -- "$cur")); return ;;
        -n|--limit|--offset|--snippets|--snippet-length|--bm25|--short-b|--title-boost|--pair-weight|--proximity|--rescore|--max-wildcard|--time-limit|--facet-limit|--show|-C|--context) return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--help --version --db --plain --or --max-wildcard
            --time-limit --sort --bm25 --short-b --title-boost --pair-weight --proximity --rescore --collapse --explain --format --count
            --limit --offset --snippets --snippet-length --color --colour
            --facet --facet-limit --no-suggest --show-query --timing --batch
            --stats --show --context --no-pager' -- "$cur"))
        return
    fi
    # Query words: offer the field prefixes of the query language.
    COMPREPLY=($(compgen -W 'title: author: source: tag: site: id: date: after: before:' -- "$cur"))
    [[ ${#COMPREPLY[@]} -gt 0 ]] && compopt -o nospace 2>/dev/null
}

complete -F _lede_index lede-index
complete -F _lede_query lede-query
