# set and shopt: -u -C -a -n -f -e, pipefail, -o listing, nullglob.

#### set -u: an unset variable stops the (sub)shell with status 1
( set -u
  echo before
  echo "$nosuch"
  echo after ) 2>/dev/null
echo status=$?
## STDOUT:
before
status=1
## END

#### set -u allows ${x-default} and "$@"
set -u
echo "${nosuch-default}" "$@" end
## stdout: default end

#### set -C: > refuses to overwrite, >| still does
set -C
echo one > f
echo two > f 2>/dev/null
echo status=$?
echo three >| f
cat f
## STDOUT:
status=1
three
## END

#### set -a exports what is assigned afterwards
before=1
set -a
after=2
set +a
sh -c 'echo "[${before-}] [${after-}]"'
## stdout: [] [2]

#### set -n reads but does not run
set -n
echo not printed
## stdout-json: ""

#### set -f turns globbing off
touch a.txt
set -f
echo *.txt
set +f
echo *.txt
## STDOUT:
*.txt
a.txt
## END

#### set -o pipefail: the last failing stage's status
false | true
echo plain=$?
set -o pipefail
false | true
echo pipefail=$?
(exit 3) | (exit 4) | true
echo last-failure=$?
## STDOUT:
plain=0
pipefail=1
last-failure=4
## END

#### set +o prints the options as commands
set -o errexit
set +o | grep -E 'errexit|nounset'
## STDOUT:
set -o errexit
set +o nounset
## END

#### $- shows the one-letter options
set -eu
case $- in *e*u*|*u*e*) echo has-e-and-u ;; esac
## stdout: has-e-and-u

#### set - ends the options; set -- replaces the arguments
set -- a b c
echo $#
set -- x
echo $1 $#
set - y z
echo $1 $#
## STDOUT:
3
x 1
y 2
## END

#### an unknown option is an error with status 2
set -Z 2>/dev/null
echo status=$?
## stdout: status=2

#### shopt -s nullglob: a pattern with no match disappears
echo start *.nothing end
shopt -s nullglob
echo start *.nothing end
shopt -q nullglob && echo on
shopt -u nullglob
shopt -q nullglob || echo off
## STDOUT:
start *.nothing end
start end
on
off
## END

#### shopt -s dotglob
touch .hidden shown
echo *
shopt -s dotglob
echo *
## STDOUT:
shown
.hidden shown
## END

#### set -e: a failing && list inside { } does not stop the script
set -e
{ test no = yes && echo hi; }
echo status=$?
if true; then false; fi
echo not reached
## stdout: status=1
## status: 1

#### a backslash-newline between words continues the command
echo a \
  b
## stdout: a b

#### set -e: a redirection failure on a group stops the script
set -e
{ echo hidden; } > /nonexistent/dir/file 2>/dev/null
echo not reached
## stdout-json: ""
## status: 1
