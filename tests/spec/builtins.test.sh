#### echo -n
echo -n abc; echo def
## stdout: abcdef

#### echo -e escapes
echo -e 'a\tb\nc'
## STDOUT:
a	b
c
## END

#### echo without -e keeps backslashes
echo 'a\nb'
## stdout: a\nb

#### echo -e with \c stops output
echo -e 'abc\cdef'; echo
## stdout: abc

#### echo -e octal and hex
echo -e '\0101\x42'
## stdout: AB

#### echo of a dash argument
echo -
echo -x
## STDOUT:
-
-x
## END

#### echo -- is printed
echo -- a
## stdout: -- a

#### cd and pwd
mkdir sub
cd sub
basename "$(pwd)"
## stdout: sub

#### cd - goes back and prints the directory
mkdir a
cd a
cd - > /dev/null
cd - | xargs basename
## stdout: a

#### cd with no argument goes home
cd
test "$(pwd)" = "$HOME" && echo home
## stdout: home

#### cd to a missing directory fails
cd /no/such/dir 2>/dev/null
echo $?
## stdout: 1

#### cd sets PWD and OLDPWD
start=$PWD
mkdir x
cd x
test "$OLDPWD" = "$start" && test "$PWD" = "$start/x" && echo ok
## stdout: ok

#### cd .. from a subdirectory
mkdir -p p/q
cd p/q
cd ..
basename "$PWD"
## stdout: p

#### true and false
true; echo $?; false; echo $?
## STDOUT:
0
1
## END

#### colon builtin
: ignored args; echo $?
## stdout: 0

#### exit with a status
exit 42
## status: 42

#### exit without a status uses the last status
false
exit
## status: 1

#### exit status is taken modulo 256
exit 257
## status: 1

#### type of a builtin
type cd
## stdout: cd is a shell builtin

#### type of a program
type sh | sed 's|/usr||'
## stdout: sh is /bin/sh

#### type of a missing command
type nosuchthing_xyz 2>/dev/null
echo $?
## stdout: 1

#### umask set and show
umask 027
umask
## stdout: 0027

#### umask affects created files
umask 077
> f
ls -l f | cut -c1-10
## stdout: -rw-------

#### umask -S
umask 022
umask -S
## stdout: u=rwx,g=rx,o=rx

#### source runs in the current shell
echo 'x=sourced' > lib.sh
. ./lib.sh
echo $x
## stdout: sourced

#### source with arguments
echo 'echo $1-$2' > args.sh
. ./args.sh a b
## stdout: a-b

#### source keyword
echo 'y=2' > s.sh
source ./s.sh
echo $y
## stdout: 2

#### source of a missing file
. ./nosuchfile 2>/dev/null
echo $?
## bash-differs: bash -c exits when `.` cannot find the file (POSIX special builtin); minish reports it and goes on
## stdout: 1

#### set -- sets positional parameters
set -- x y z
echo $2 $#
## stdout: y 3

#### shift
set -- a b c
shift
echo $@
shift 2
echo $#
## STDOUT:
b c
0
## END

#### set -x traces to stderr, not stdout
set -x
echo traced
## stdout: traced

#### set -x output format
set -x
echo 'a b' c 2>/dev/null
{ echo 'a b' c; } 2> trace >/dev/null
set +x
cat trace
## STDOUT:
a b c
+ echo 'a b' c
## END

#### read a line
echo 'hello world' | { read a b; echo "$b $a"; }
## stdout: world hello

#### read the rest into the last variable
echo 'one two three' | { read a b; echo "[$b]"; }
## stdout: [two three]

#### read at end of file fails
read x < /dev/null
echo $?
## stdout: 1

#### wait with no jobs
wait
echo $?
## stdout: 0

#### export -p lists exported names
export MYVAR=1
export -p | grep -c MYVAR
## stdout: 1

#### help lists builtins
help >/dev/null
echo $?
## bash-differs: bash's help text differs; only the status is compared
## stdout: 0

#### help for a builtin
help cd | head -1
## bash-differs: help text is our own
## stdout: cd [-L|-P] [dir | -]

#### exec replaces the shell
exec echo replaced
echo not reached
## stdout: replaced

#### exec of a missing command exits 127
exec nosuch_cmd_xyz 2>/dev/null
echo not reached
## status: 127
## stdout-json: ""

#### pwd -P resolves links
mkdir real
ln -s real link
cd link
basename "$(pwd -P)"
basename "$(pwd)"
## STDOUT:
real
link
## END

#### unset of a readonly-free var returns 0
unset nothing_here
echo $?
## stdout: 0

#### set -e exits on a failing command
set -e
echo before
false
echo after
## status: 1
## stdout: before

#### set -e ignores the left of && and ||
set -e
false && echo no
false || echo rescued
! true
echo end
## STDOUT:
rescued
end
## END

#### set -e exits when the right of && fails
set -e
true && false
echo not reached
## status: 1
## stdout-json: ""

#### set -e with a failing pipeline
set -e
echo x | false
echo not reached
## status: 1
## stdout-json: ""

#### set +e turns it off
set -e
set +e
false
echo survived
## stdout: survived

#### set -e in a subshell
set -e
(false; echo no)
echo no2
## status: 1
## stdout-json: ""
