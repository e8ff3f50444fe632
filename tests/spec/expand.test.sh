#### simple variable
x=hello
echo $x ${x}
## stdout: hello hello

#### braces delimit the name
x=ab
echo ${x}cd $xcd.
## stdout: abcd .

#### unset variable expands to nothing
echo [$nosuch]
## stdout: []

#### unquoted empty variable vanishes as an argument
e=
printf '[%s]' a $e b; echo
## stdout: [a][b]

#### quoted empty variable is an empty argument
e=
printf '[%s]' a "$e" b; echo
## stdout: [a][][b]

#### field splitting of unquoted expansion
x='a  b   c'
printf '[%s]' $x; echo
## stdout: [a][b][c]

#### leading and trailing blanks are dropped by splitting
x='  a b  '
printf '[%s]' $x; echo
## stdout: [a][b]

#### custom IFS
IFS=:
x='a:b::c'
printf '[%s]' $x; echo
## stdout: [a][b][][c]

#### IFS with non-whitespace at the start
IFS=:
x=':a'
printf '[%s]' $x; echo
## stdout: [][a]

#### IFS non-whitespace at the end does not make an empty field
IFS=:
x='a:'
printf '[%s]' $x; echo
## stdout: [a]

#### empty IFS means no splitting
IFS=
x='a b c'
printf '[%s]' $x; echo
## stdout: [a b c]

#### expansion joined to literal text splits at the edges
x=' a b '
printf '[%s]' p${x}q; echo
## stdout: [p][a][b][q]

#### status of the last command
false; echo $?
true; echo $?
## STDOUT:
1
0
## END

#### $? after a not-found command
nosuchcommand_xyz 2>/dev/null; echo $?
## stdout: 127

#### positional parameters
set -- one two three
echo $1 $3 $#
## stdout: one three 3

#### $0 in -c mode
echo $0
## stdout: sh

#### "$@" keeps each argument
set -- 'a b' c ''
printf '[%s]' "$@"; echo
## stdout: [a b][c][]

#### "$@" with no arguments is nothing
set --
printf '[%s]' x "$@" y; echo
## stdout: [x][y]

#### $@ unquoted is split
set -- 'a b' c
printf '[%s]' $@; echo
## stdout: [a][b][c]

#### "$*" joins with the first IFS character
set -- a b c
IFS=-
echo "$*"
## stdout: a-b-c

#### "$*" with default IFS
set -- a 'b c'
printf '[%s]' "$*"; echo
## stdout: [a b c]

#### prefix and suffix around "$@"
set -- a b
printf '[%s]' "x$@y"; echo
## stdout: [xa][by]

#### $# with no arguments
echo $#
## stdout: 0

#### ${10} is the tenth argument
set -- 1 2 3 4 5 6 7 8 9 ten
echo ${10} $10
## stdout: ten 10

#### $$ is a number and the same in a subshell
a=$$
b=$(echo $$)
test "$a" = "$b" && echo same
## stdout: same

#### $! after a background job
sleep 0 &
test -n "$!" && echo set
wait
## stdout: set

#### default value operator
unset x
echo ${x:-default} ${x-dash}
x=
echo ${x:-colon} [${x-nocolon}]
## STDOUT:
default dash
colon []
## END

#### assign default
unset x
echo ${x:=new} $x
## stdout: new new

#### alternate value
x=1
echo ${x:+alt} [${y:+alt}]
## stdout: alt []

#### string length
x=hello
echo ${#x}
## stdout: 5

#### error for unset parameter with ? ends a script
unset x
echo before
echo ${x?is missing} 2>/dev/null
echo after
## stdout: before
## status: 127

#### default value with spaces inside quotes
unset x
printf '[%s]' "${x:-a b}"; echo
## stdout: [a b]

#### tilde alone
HOME=/home/someone
echo ~
## stdout: /home/someone

#### tilde with a path
HOME=/h
echo ~/dir
## stdout: /h/dir

#### tilde of a user
echo ~root
## stdout: /root

#### tilde quoted is literal
echo '~' "~"
## stdout: ~ ~

#### tilde of an unknown user stays
echo ~nosuchuserxyz
## stdout: ~nosuchuserxyz

#### tilde in the middle stays
echo a~b
## stdout: a~b

#### tilde in an assignment
HOME=/h
x=~/f
echo $x
## stdout: /h/f

#### variable value is not re-parsed
x='$HOME'
echo $x
## stdout: $HOME

#### variable containing a glob is globbed when unquoted
touch f1 f2
x='f*'
echo $x "$x"
## stdout: f1 f2 f*

#### dollar before a non-name is literal
echo $% $+ $,
## stdout: $% $+ $,

#### prefix and suffix removal
f=dir/sub/file.tar.gz
echo ${f#*/} ${f##*/} ${f%.*} ${f%%.*} ${f#nomatch}
## stdout: sub/file.tar.gz file.tar.gz dir/sub/file.tar dir/sub/file dir/sub/file.tar.gz

#### removal with a quoted pattern is literal
x='a*b*c'
echo ${x#"a*"} ${x%'*c'}
## stdout: b*c a*b

#### removal from a variable used in a loop
for f in one.c two.c; do echo ${f%.c}.o; done
## STDOUT:
one.o
two.o
## END
