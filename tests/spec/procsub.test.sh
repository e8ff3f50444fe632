# Process substitution (bash): <(cmd) and >(cmd) are pipes seen as /dev/fd/N.

#### <(cmd) is a file a command can read
cat <(echo one; echo two)
## STDOUT:
one
two
## END

#### two substitutions at once
diff <(printf 'a\nb\n') <(printf 'a\nc\n') > out
echo status=$?
grep -c '^[<>]' out
## STDOUT:
status=1
2
## END

#### a loop reads a substitution (the loop runs in this shell)
n=0
while read line; do n=$((n + line)); done < <(seq 1 100)
echo $n
## stdout: 5050

#### a long producer does not block the loop
count=0
while read line; do count=$((count + 1)); done < <(seq 50000)
echo $count
## stdout: 50000

#### >(cmd) is a file a command can write
echo hello > >(tr a-z A-Z > upper)
for i in $(seq 500); do [ -s upper ] && break; sleep 0.01; done   # wait for the file
cat upper
## stdout: HELLO

#### the word is a /dev/fd path
echo <(true) | grep -c '^/dev/fd/[0-9]*$'
## stdout: 1
