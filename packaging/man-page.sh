#!/usr/bin/env bash
# Writes cairn(1) from the program's own --help texts with help2man: the overview, then one
# subsection per command as `cairn help COMMAND` prints it, so the page never disagrees with
# the program.   packaging/man-page.sh path/to/cairn OUTPUT
set -euo pipefail
cairn=$1
output=$2
include=$(mktemp)
trap 'rm -f "$include"' EXIT
# Paths that depend on who builds (the default data directory) read as the reader's own.
export HOME='$HOME' QT_QPA_PLATFORM=offscreen
unset XDG_DATA_HOME XDG_CONFIG_HOME
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
{
    echo '[COMMANDS]'
    for command in serve user group known-hosts topology migrate backup restore routes; do
        echo ".SS \"cairn $command\""
        echo '.nf'
        "$cairn" help "$command" | roff
        echo '.fi'
    done
    echo '[FILES]'
    echo '.TP'
    echo '/etc/cairn/cairn.ini'
    echo 'Settings (every key: /usr/share/doc/cairn, docs/configuration.md upstream).'
    echo '.TP'
    echo '/var/lib/cairn'
    echo 'The service'"'"'s data directory: database, server key, files.'
} >"$include"
help2man --no-info --no-discard-stderr --section 1 \
    --name 'network source of truth, automation, device commands, VMs and zero-touch provisioning' \
    --include "$include" "$cairn" | gzip -9n >"$output"
