# bash completion for guidepress(1)
_guidepress()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "render check batch report watch help version" -- "$cur"))
        return
    fi
    case $prev in
        -s|--style)
            COMPREPLY=($(compgen -W "default print-mono large-print example-brand" -- "$cur"))
            COMPREPLY+=($(compgen -f -X '!*.y*ml' -- "$cur"))
            return ;;
        --format)
            if [ "$cmd" = check ]; then
                COMPREPLY=($(compgen -W "text json" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "pdf png svg" -- "$cur"))
            fi
            return ;;
        --backend) COMPREPLY=($(compgen -W "cairo haru" -- "$cur")); return ;;
        --shard) COMPREPLY=($(compgen -W "auto" -- "$cur")); return ;;
        --merge) COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur")); return ;;
        -o|--output|--report|--dump-display|--password-file|--owner-password-file|--ics|--eml) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -j|--jobs|--dpi|--set|--password|--owner-password|--permissions|--password-env|--owner-password-env) return ;;
    esac
    local opts=""
    case $cmd in
        render) opts="-s --style -o --output --format --dpi --set --backend --pdfa --password
                      --owner-password --password-file --password-env --owner-password-file --owner-password-env --permissions --no-forms --ics --eml --mail-to --mail-from --subject --sendmail --attach-source --no-tags --dump-display -q --quiet" ;;
        check) opts="--format" ;;
        batch) opts="-o --output -j --jobs -s --style --set --backend --merge --report --resume
                     --shard -q --quiet --password --password-file --password-env --mail-from --subject --sendmail" ;;
        report) opts="merge -o --output" ;;
        watch) opts="-s --style -o --output" ;;
        help) opts="render check batch report watch" ;;
    esac
    if [[ $cur == -* ]] || [ "$cmd" = help ] || [ "$cmd" = report ]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json|txt)' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -o filenames -F _guidepress guidepress
