# wait -n (bash): the next background job to end.

#### wait -n waits for the next job to end and gives its status
sleep 5 & slow=$!
(exit 3) &
wait -n
echo first=$?
kill $slow
wait -n
echo killed=$?
wait -n
echo none=$?
## STDOUT:
first=3
killed=143
none=127
## END
