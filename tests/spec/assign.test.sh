#### assignment sets a shell variable
x=5
echo $x
## stdout: 5

#### assignment is not exported by default
x=local
sh -c 'echo "[$x]"'
## stdout: []

#### export makes it visible to children
export x=exported
sh -c 'echo "[$x]"'
## stdout: [exported]

#### export of an existing variable
y=later
export y
sh -c 'echo $y'
## stdout: later

#### prefix assignment goes to the command only
z=temp sh -c 'echo $z'
echo "[$z]"
## STDOUT:
temp
[]
## END

#### several prefix assignments
a=1 b=2 sh -c 'echo $a$b'
## stdout: 12

#### unset removes a variable
x=1
unset x
echo "[$x]"
## stdout: []

#### unset removes it from the environment
export q=1
unset q
sh -c 'echo "[$q]"'
## stdout: []

#### assignment value is not split
x='a   b'
y=$x
echo "$y"
## stdout: a   b

#### assignment value is not globbed
touch f1 f2
x=f*
echo "$x"
## stdout: f*

#### several assignments on one line
a=1 b=2 c=3
echo $a $b $c
## stdout: 1 2 3

#### later assignment sees an earlier one
a=1 b=$a
echo $b
## stdout: 1

#### assignment with quotes
x="a b"'c d'
echo "$x"
## stdout: a bc d

#### a word with = after the command is an argument
echo x=1
## stdout: x=1

#### invalid name is not an assignment
1x=3 2>/dev/null
echo $?
## stdout: 127

#### empty assignment
x=
echo "[$x]"
## stdout: []

#### environment from the parent is inherited
HOME=/somewhere sh -c 'echo $HOME'
## stdout: /somewhere

#### export with no value of an unset name then set
export later
later=now
sh -c 'echo $later'
## stdout: now

#### prefix assignment to a builtin is temporary
x=outer
x=inner true
echo $x
## stdout: outer

#### PATH assignment affects lookup
mkdir bin
printf '#!/bin/sh\necho mine\n' > bin/mycmd
chmod +x bin/mycmd
PATH="$PWD/bin:$PATH" mycmd
## stdout: mine

#### assigning a readonly variable abandons the rest of the line
readonly r=1
r=2; echo same-line $?
echo next-line $?
## STDOUT:
next-line 1
## END

#### a readonly prefix is reported and the command still runs
readonly r=1
f() { echo "f $r"; }
r=2 echo builtin $?; r=2 f; r=2 /bin/echo program; echo status $?
## STDOUT:
builtin 0
f 1
program
status 0
## END

#### a readonly assignment in a loop or function ends the line, in a subshell the subshell
readonly r=1
(r=2; echo not-here); echo sub $?
g() { r=3; echo not-here; }
g; echo not-here-either
echo after
## STDOUT:
sub 1
after
## END
