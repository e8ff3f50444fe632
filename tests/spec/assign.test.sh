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
