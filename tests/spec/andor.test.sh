#### and runs the second on success
true && echo yes
## stdout: yes

#### and skips the second on failure
false && echo yes
echo $?
## stdout: 1

#### or runs the second on failure
false || echo fallback
## stdout: fallback

#### or skips on success
true || echo no
echo $?
## stdout: 0

#### chains are left associative
false && echo a || echo b
## stdout: b

#### true or ... and
true || echo a && echo b
## stdout: b

#### semicolon sequence
echo a; echo b; echo c
## STDOUT:
a
b
c
## END

#### trailing semicolon
echo a;
## stdout: a

#### newline after && continues
true &&
echo continued
## stdout: continued

#### newline after || continues
false ||
echo continued
## stdout: continued

#### status of a sequence is the last command's
false; true; echo $?
## stdout: 0

#### background job and wait
echo bg > bg.txt &
wait
cat bg.txt
## stdout: bg

#### background job does not block
sleep 5 &
echo immediately
kill $!
## stdout: immediately

#### status after starting a background job is 0
false &
echo $?
wait
## stdout: 0

#### wait returns the job's status
(exit 5) &
wait $!
echo $?
## stdout: 5

#### multiple background jobs
echo 1 > one & echo 2 > two &
wait
cat one two
## STDOUT:
1
2
## END

#### and-or list in the background
true && echo yes > y.txt &
wait
cat y.txt
## stdout: yes

#### exit in a chain
true && exit 4
echo not reached
## status: 4
## stdout-json: ""

#### not-found in an and-list
nosuch_cmd_q 2>/dev/null && echo no
echo $?
## stdout: 127

#### multiple lines
echo one
echo two
## STDOUT:
one
two
## END

#### blank lines and comments between commands
echo one

# comment

echo two
## STDOUT:
one
two
## END

#### exit status of an and-or list in the middle of a sequence
false || false; echo $?
## stdout: 1
