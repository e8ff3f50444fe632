#### trap on EXIT
trap 'echo bye' EXIT
echo hello
## STDOUT:
hello
bye
## END

#### EXIT trap runs after exit with a status
trap 'echo cleanup' EXIT
exit 3
## status: 3
## stdout: cleanup

#### trap a signal sent to ourselves
trap 'echo got USR1' USR1
kill -USR1 $$
echo after
## STDOUT:
got USR1
after
## END

#### trap keeps $?
trap 'false' USR1
true
kill -USR1 $$
echo $?
## stdout: 0

#### ignored signal is ignored by children too
trap '' USR1
sh -c 'kill -USR1 $$; echo child survived'
## stdout: child survived

#### caught signal is default in children
trap 'echo parent caught' USR1
sh -c 'kill -USR1 $$; echo not printed'
echo $?
## stdout: 138

#### trap - restores the default
trap 'echo caught' USR1
trap - USR1
trap
echo listed-nothing
## stdout: listed-nothing

#### trap lists what is set
trap 'echo x' INT
trap
## stdout: trap -- 'echo x' SIGINT

#### trap with a bad signal
trap 'echo x' NOSUCHSIG
echo $?
## stdout: 1
