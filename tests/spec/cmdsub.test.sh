#### command substitution
echo "[$(echo hi)]"
## stdout: [hi]

#### trailing newlines are removed
x=$(printf 'a\n\n\n')
echo "[$x]"
## stdout: [a]

#### inner newlines are kept when quoted
x=$(printf 'a\nb')
echo "$x"
## STDOUT:
a
b
## END

#### unquoted substitution is split
printf '[%s]' $(echo a b); echo
## stdout: [a][b]

#### quoted substitution is one field
printf '[%s]' "$(echo a b)"; echo
## stdout: [a b]

#### backquotes
echo `echo back`
## stdout: back

#### nested substitution
echo $(echo $(echo deep))
## stdout: deep

#### nested backquotes with escapes
echo `echo \`echo inner\``
## stdout: inner

#### substitution with a pipeline
echo $(printf 'c\nb\na\n' | sort | head -1)
## stdout: a

#### status of assignment from substitution
x=$(false)
echo $?
x=$(exit 7)
echo $?
## STDOUT:
1
7
## END

#### substitution runs in a subshell
x=1
y=$(x=2; echo $x)
echo $x $y
## stdout: 1 2

#### cd inside substitution does not change the shell
mkdir d
p=$(cd d && pwd)
test "$p" != "$(pwd)" && echo differs
## stdout: differs

#### substitution in a redirection target
echo data > $(echo out.txt)
cat out.txt
## stdout: data

#### substitution output with a glob is globbed
touch g1 g2
echo $(echo 'g*')
## stdout: g1 g2

#### empty substitution vanishes
printf '[%s]' a $(true) b; echo
## stdout: [a][b]

#### substitution with parentheses inside quotes
echo $(echo ')' "(")
## stdout: ) (

#### substitution reads the shell's stdin-free world
x=$(echo hi | tr a-z A-Z)
echo $x
## stdout: HI

#### stderr of substitution is not captured
x=$(echo err >&2; echo out) 2>/dev/null
echo $x
## stdout: out

#### substitution in double quotes with inner quotes
echo "$(echo "a  b")"
## stdout: a  b

#### substitution with a comment inside
x=$(echo yes # a comment
)
echo $x
## stdout: yes

#### a program run by a substitution: its lookup is the child's, not the table's
hash -r
x=$(ls /)
hash
## STDOUT:
hash: hash table empty
## END

#### substitutions of programs: not found, no #! line, a failed redirection, a prefix
y=$(nosuch_cmd_zz 2>/dev/null); echo "$? [$y]"
printf 'echo plain $1\n' > plain; chmod +x plain
z=$(./plain q); echo "$z"
w=$(cat < missing.txt 2>/dev/null); echo "$? [$w]"
v=$(X=5 printenv X); echo "$v"
## STDOUT:
127 []
plain q
1 []
5
## END
