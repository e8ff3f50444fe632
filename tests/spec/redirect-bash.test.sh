# bash's redirections: &> &>> <<< and |&.

#### &> sends stdout and stderr to a file
{ echo out; echo err >&2; } &> both
cat both
## STDOUT:
out
err
## END

#### &> is not & followed by >
echo hi &> f
cat f
## stdout: hi

#### &>> appends both
echo one > log
{ echo two; echo three >&2; } &>> log
cat log
## STDOUT:
one
two
three
## END

#### <<< feeds a word and a newline
x='a  b'
cat <<< $x
cat <<< "$x"
wc -l <<< 'one line'
## STDOUT:
a  b
a  b
1
## END

#### |& pipes stderr too
{ echo out; echo err >&2; } |& sort
## STDOUT:
err
out
## END

#### {name}>file puts a new descriptor (10 or more) in $name
exec {fd}>out.txt
echo "big enough: $((fd >= 10))"
echo hello >&$fd
exec {fd}>&-
cat out.txt
exec {in}<out.txt
read line <&$in
echo "read: $line"
exec {in}<&-
## STDOUT:
big enough: 1
hello
read: hello
## END

#### N>&M- moves a descriptor: a copy, then M is closed
exec 3>m.txt
sh -c 'echo moved; echo "fd 3 too" >&3' 1>&3- 2>/dev/null
echo "status=$?"
cat m.txt
## STDOUT:
status=2
moved
## END
