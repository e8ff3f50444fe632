# (( )), let, and the bash operators in $(( )).

#### (( )) is a test: 0 when the value is not zero
(( 3 > 2 )) && echo yes
(( 0 )) || echo zero-fails
## STDOUT:
yes
zero-fails
## END

#### let evaluates each argument
i=1
let i=i+1 'j = i * 3'
echo $i $j
## stdout: 2 6

#### ++ and -- before and after
x=4
echo $((++x)) $x $((x++)) $x $((x--)) $((--x))
## stdout: 5 5 5 6 6 4

#### ** and the comma operator
echo $((2**10)) $((1, 2, 3))
## stdout: 1024 3

#### base#digits
echo $((16#ff)) $((2#101)) $((36#z)) $((8#17))
## stdout: 255 5 35 15

#### compound assignments
y=1
((y <<= 3))
((y |= 1))
echo $y
## stdout: 9

#### (( )) in a loop condition
i=0
while (( i < 3 )); do echo $i; ((i++)); done
## STDOUT:
0
1
2
## END

#### for (( init; cond; step ))
for ((i = 0; i < 3; i++)); do echo $i; done
for ((j = 5; j > 0; j -= 2)); do
  [ $j = 3 ] && continue
  echo j=$j
done
for ((;;)); do echo once; break; done
## STDOUT:
0
1
2
j=5
j=1
once
## END

#### array elements in arithmetic, unset of one element
a=(1 2 3)
echo $((a[1] + a[2]))
((a[0]++))
i=2
((a[i] = 10))
echo ${a[@]} $((a + 1)) $((a[-1]))
unset 'a[1]'
echo ${a[@]} ${!a[@]}
## STDOUT:
5
2 2 10 3 10
2 10 0 2
## END
