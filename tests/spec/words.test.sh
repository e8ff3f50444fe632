# Word expansion details: field splitting, patterns, tilde in assignments.

#### ${x:-word} splits the word but keeps its quotes
printf '[%s]' ${nosuch:-1 "2 3" 4}; echo
## stdout: [1][2 3][4]

#### unquoted $@ keeps the arguments apart even with IFS=''
set -- a 'b c'
IFS=''
printf '[%s]' $@; echo
printf '[%s]' $*; echo
## STDOUT:
[a][b c]
[a][b c]
## END

#### "$*" joins with the first character of IFS
set -- a b c
IFS=:
echo "$*"
## stdout: a:b:c

#### patterns: character classes and escapes
touch a1 b2 c- 'd*'
echo [[:alpha:]][[:digit:]]
echo [!a]?
echo d\*
## STDOUT:
a1 b2
b2 c- d*
d*
## END

#### case with classes and negation
for w in x 5 -; do
  case $w in
    [[:digit:]]) echo "$w digit" ;;
    [!a-z]) echo "$w other" ;;
    *) echo "$w letter" ;;
  esac
done
## STDOUT:
x letter
5 digit
- other
## END

#### "${x#pattern}" is still a pattern inside double quotes
x=abc
echo "${x#*}" "${x##*}" "${x%?}" "${x#"a"}"
## stdout: abc  ab bc

#### tilde expands after = and after : in assignments
HOME=/home/student
p=~/bin:~/sbin
echo $p
export q=x:~
echo $q
## STDOUT:
/home/student/bin:/home/student/sbin
x:/home/student
## END

#### case inside $( )
x=$(case a in a) echo matched ;; esac)
echo $x
## stdout: matched

#### $(< file) is the file's contents
printf 'one\ntwo\n' > f
echo "$(< f)"
## STDOUT:
one
two
## END

#### break in the condition of an inner loop
for i in 1 2; do
  while break; do echo never; done
  echo i=$i
done
## STDOUT:
i=1
i=2
## END

#### ${x?message} stops a script
( echo before; echo ${nosuch?is missing}; echo after ) 2>/dev/null
echo status=$?
## STDOUT:
before
status=1
## END

#### $"..." is the same as "..."
x=1
echo $"value $x"
## stdout: value 1

#### a backslash-newline at the end of a line joins the next
echo foo\
bar
## stdout: foobar

#### ${@:-word} when the only argument is empty
set -- ""
echo "[${@-minus}] [${@:-minus}]"
## stdout: [] [minus]

#### case fall-through: ;& runs the next body, ;;& tests the next patterns
for x in a b c; do
  case $x in
    a) echo A ;&
    b) echo B ;;
    c) echo C ;;&
    *) echo star ;;
  esac
done
## STDOUT:
A
B
B
C
star
## END
