# Completes a command line in a real interactive zsh (through zpty) and
# prints what zsh showed. Used by tests/docs/docs_test.cc.
# usage: zsh -f zsh_complete.zsh COMPLETION_DIR 'command line '
zmodload zsh/zpty
zpty -b z zsh -f -i
zpty -w z "PS1=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; setopt nobeep"
zpty -w z "echo READY"
zpty -r -m z line '*READY*'
zpty -r -m z line '*READY*'
zpty -w -n z "$2"$'\t'
sleep 1
out=''
while zpty -r -t z chunk; do out+=$chunk; done
print -r -- "$out"
zpty -d z
