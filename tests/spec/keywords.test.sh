#### type says shell keyword for the reserved words and time
type time if done '{' '!'
## STDOUT:
time is a shell keyword
if is a shell keyword
done is a shell keyword
{ is a shell keyword
! is a shell keyword
## END

#### a keyword comes before a builtin or a program
type while echo 2>&1 | head -1
## stdout: while is a shell keyword

#### help knows the time keyword
help time > /dev/null
echo $?
## stdout: 0
