#### subshell variables do not leak
x=1
(x=2; echo $x)
echo $x
## STDOUT:
2
1
## END

#### subshell cd does not leak
mkdir d
(cd d; pwd > ../inner)
test "$(cat inner)" != "$(pwd)" && echo ok
## stdout: ok

#### subshell exit status
(exit 3); echo $?
## stdout: 3

#### exit in a subshell does not exit the shell
(exit 1)
echo still here
## stdout: still here

#### subshell with redirection
(echo a; echo b) > out
cat out
## STDOUT:
a
b
## END

#### group runs in the shell
x=1
{ x=2; }
echo $x
## stdout: 2

#### group with redirection
{ echo one; echo two; } > g.txt
cat g.txt
## STDOUT:
one
two
## END

#### group needs a semicolon before the brace
{ echo in; }
## stdout: in

#### group redirection is restored afterwards
{ echo inside; } > f
echo outside
## stdout: outside

#### nested subshells
( ( echo deep ) )
## stdout: deep

#### nested groups
{ { echo g; }; }
## stdout: g

#### group status
{ false; }; echo $?
## stdout: 1

#### subshell in an and-list
(true) && (echo yes)
## stdout: yes

#### group with newlines
{
echo a
echo b
}
## STDOUT:
a
b
## END

#### subshell with newlines
(
echo a
echo b
)
## STDOUT:
a
b
## END

#### exit inside a group exits the shell
{ exit 6; }
echo no
## status: 6
## stdout-json: ""

#### group stdin redirection
echo content > in.txt
{ read l; echo "[$l]"; } < in.txt
## stdout: [content]

#### subshell stderr redirection
( echo err >&2 ) 2> e.txt
cat e.txt
## stdout: err

#### empty subshell is a syntax error
( )
## status: 2
## stdout-json: ""

#### unclosed group is a syntax error
{ echo a
## status: 2
## stdout-json: ""
