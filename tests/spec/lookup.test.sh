# eval, command, builtin, type, hash.

#### eval joins its arguments and runs them in this shell
cmd='x=5; echo x is $x'
eval "$cmd"
echo after: $x
## STDOUT:
x is 5
after: 5
## END

#### eval does a second round of expansion
a=b b=final
eval echo \$$a
## stdout: final

#### a syntax error in eval gives status 2 and the script goes on
eval 'echo (' 2>/dev/null
echo status=$?
## stdout: status=2

#### command skips a function of the same name
echo() { builtin echo "function"; }
echo a
command echo b
## STDOUT:
function
b
## END

#### command -v tells how a name would run
f() { :; }
command -v f
command -v cd
command -v sh | grep -c /sh
command -v no-such-command
echo status=$?
## STDOUT:
f
cd
1
status=1
## END

#### type -t names the kind
f() { :; }
type -t f
type -t cd
type -t if
type -t sh
type -t no-such-command
echo status=$?
## STDOUT:
function
builtin
keyword
file
status=1
## END

#### type describes a builtin and a keyword
type cd
type while
## STDOUT:
cd is a shell builtin
while is a shell keyword
## END

#### builtin runs the builtin even when a function hides it
cd() { echo "not really"; }
builtin cd /
pwd
## stdout: /

#### hash finds a program, and fails for an unknown one
hash sh
echo status=$?
hash no-such-command 2>/dev/null
echo status=$?
## STDOUT:
status=0
status=1
## END

#### a syntax error in a sourced file gives status 2 and the script goes on
echo 'echo >' > bad.sh
. ./bad.sh 2>/dev/null
echo status=$?
## stdout: status=2

#### eval with an unknown option is a usage error
eval -z 2>/dev/null
echo status=$?
## stdout: status=2
