#!/bin/sh
# A stand-in for sendmail in tests: never a real mail server. Saves the
# message it is given on standard input as $GP_MAIL_CAPTURE/msg-PID.eml and
# its arguments as msg-PID.args; exits with $GP_MAIL_EXIT (default 0).
set -eu
dir=${GP_MAIL_CAPTURE:?}
printf '%s\n' "$@" > "$dir/msg-$$.args"
cat > "$dir/msg-$$.tmp"
mv "$dir/msg-$$.tmp" "$dir/msg-$$.eml"
exit "${GP_MAIL_EXIT:-0}"
