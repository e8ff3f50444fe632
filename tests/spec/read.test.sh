# read: options and the IFS/backslash rules.

#### read splits on IFS; the last name gets the rest
echo '  one two   three four  ' | { read a b; echo "[$a] [$b]"; }
## stdout: [one] [two   three four]

#### read with no name keeps the line untouched in REPLY
echo '  a  b  ' | { read; echo "[$REPLY]"; }
## stdout: [  a  b  ]

#### a backslash protects a character; -r keeps backslashes
printf 'a\\ b c\n' | { read x y; echo "[$x] [$y]"; }
printf 'a\\ b c\n' | { read -r x y; echo "[$x] [$y]"; }
## STDOUT:
[a b] [c]
[a\] [b c]
## END

#### backslash-newline joins lines unless -r
printf 'one\\\ntwo\n' | { read x; echo "[$x]"; }
## stdout: [onetwo]

#### IFS with a non-blank separator keeps empty fields
echo 'a::c' | { IFS=: read x y z; echo "[$x] [$y] [$z]"; }
## stdout: [a] [] [c]

#### a trailing separator is dropped from the last field
echo 'a:b:' | { IFS=: read x y; echo "[$x] [$y]"; }
echo 'a:b:c:' | { IFS=: read x y; echo "[$x] [$y]"; }
## STDOUT:
[a] [b]
[a] [b:c:]
## END

#### read -a fills an array
echo 'x y z' | { read -a arr; echo "${#arr[@]} ${arr[1]}"; }
## stdout: 3 y

#### read -d reads up to another delimiter
printf 'a,b:c,d:' | { while read -d : rec; do echo "[$rec]"; done; }
## STDOUT:
[a,b]
[c,d]
## END

#### read -n reads at most n characters
echo abcdef | { read -n 3 x; echo "[$x]"; }
## stdout: [abc]

#### read -N ignores the delimiter
printf 'ab\ncd' | { read -N 4 x; echo "[$x]"; }
## STDOUT:
[ab
c]
## END

#### read returns 1 at end of input but still sets the name
printf 'no newline' | { read x; echo "status=$? [$x]"; }
## stdout: status=1 [no newline]

#### read -u reads another descriptor
echo from-fd-3 > f
read -u 3 line 3< f
echo "$line"
## stdout: from-fd-3

#### read -t 0 asks whether input is ready
read -t 0 < /dev/null
echo status=$?
## stdout: status=0

#### a here-string feeds read
read a b <<< "1 2 3"
echo "$a|$b"
## stdout: 1|2 3

#### an invalid name is an error
read 'a-b' < /dev/null 2>/dev/null
echo status=$?
## stdout: status=1
