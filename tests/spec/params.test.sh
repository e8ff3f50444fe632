# bash's ${...} operators, arrays, $'...', and the special variables.

#### substring: ${x:offset} ${x:offset:length} and negative offsets
s=hello
echo ${s:1} ${s:1:3} ${s: -2} ${s:0:-1}
## stdout: ello ell lo hell

#### replace the first, every, prefix and suffix match
s=a-b-c
echo ${s/-/+} ${s//-/+} ${s/#a/A} ${s/%c/C} ${s//[ab]/x}
## stdout: a+b-c a+b+c A-b-c a-b-C x-x-c

#### case modification
s='hello World'
echo ${s^} ${s^^} ${s,,}
## stdout: Hello World HELLO WORLD hello world

#### ${#x} and indirection ${!x}
name=target target=value
echo ${#name} ${!name}
## stdout: 6 value

#### ${@:n} slices the arguments
set -- a b c d
echo ${@:2} / ${@:2:2}
## stdout: b c d / b c

#### ${x#p} applies to each element of "$@"
set -- 1a 2a 3
printf '[%s]' "${@%a}"; echo
## stdout: [1][2][3]

#### indexed arrays
a=(x "y z" w)
echo ${#a[@]} "${a[1]}"
for e in "${a[@]}"; do echo "<$e>"; done
a[5]=five
echo ${!a[@]}
a+=(six)
echo ${a[-1]} ${a[6]}
## STDOUT:
3 y z
<x>
<y z>
<w>
0 1 2 5
six six
## END

#### an array subscript is arithmetic
a=(zero one two three)
i=1
echo ${a[i+1]} ${a[$i]}
## stdout: two one

#### $'...' takes C escapes
printf '%s\n' $'a\tb' $'it\'s' $'\x41\101'
## STDOUT:
a	b
it's
AA
## END

#### $'...' inside double quotes is literal
echo "$'x'"
## stdout: $'x'

#### PIPESTATUS keeps every stage's status
(exit 2) | (exit 3) | true
echo ${PIPESTATUS[@]}
## stdout: 2 3 0

#### LINENO is the line of the command
echo $LINENO
f() {
  echo $LINENO
}
f
## STDOUT:
1
3
## END

#### LINENO inside $(...), <(...) and substitutions in words is the line they are on
echo one
echo $(echo $LINENO) "$(echo $LINENO)" $(true; echo $LINENO) $((LINENO + $(echo $LINENO)))
x=$(echo $LINENO); echo "$x ${y:-$(echo $LINENO)}"
cat <(echo $LINENO)
cat <<END
$(echo $LINENO)
END
[[ $(echo $LINENO) == 8 ]] && echo eight
## STDOUT:
one
2 2 2 4
3 3
4
5
eight
## END

#### RANDOM is a number in 0..32767; SECONDS counts up from 0
r=$RANDOM
[ "$r" -ge 0 ] && [ "$r" -le 32767 ] && echo random-ok
[ "$SECONDS" -ge 0 ] && echo seconds-ok
## STDOUT:
random-ok
seconds-ok
## END

#### += appends to a string
v=abc
v+=def
echo $v
## stdout: abcdef

#### LINENO in [[ ]] and (( )), PIPESTATUS after a simple command
echo one
[[ $LINENO = 2 ]] && echo line-two
(( x = LINENO )); echo $x
false
echo ${PIPESTATUS[@]}
## STDOUT:
one
line-two
3
1
## END

#### a bad ${!x} abandons the rest of its line, and says why as bash does
x=
echo "[${!x}]"; echo same line
echo next line
unset x
echo "[${!x}]"; echo same line
x='a b'
echo "[${!x}]"; echo same line
x=y
echo "[${!x}]"
## STDOUT:
next line
[]
## END
