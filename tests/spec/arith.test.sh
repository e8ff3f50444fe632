#### arithmetic expansion
echo $((1 + 2 * 3)) $(( (1 + 2) * 3 ))
## stdout: 7 9

#### variables inside arithmetic
x=6 y=7
echo $((x * y)) $(($x - $y))
## stdout: 42 -1

#### unset variable is zero
echo $((nosuch + 1))
## stdout: 1

#### division truncates toward zero
echo $((7 / 2)) $((-7 / 2)) $((-7 % 3))
## stdout: 3 -3 -1

#### comparisons and logic
echo $((1 < 2)) $((2 <= 1)) $((1 == 1 && 0)) $((0 || 3))
## stdout: 1 0 0 1

#### ternary and assignment
x=5
echo $((x > 3 ? 10 : 20)) $((y = x + 1)) $y
## stdout: 10 6 6

#### compound assignment
n=1
: $((n += 4))
echo $n
## stdout: 5

#### hex and octal
echo $((0x1f)) $((010))
## stdout: 31 8

#### bit operations
echo $((6 & 3)) $((6 | 3)) $((6 ^ 3)) $((1 << 4)) $((~0))
## stdout: 2 7 5 16 -1

#### arithmetic in double quotes is one field
printf '[%s]' "$((2 + 2))"; echo
## stdout: [4]

#### command substitution inside arithmetic
echo $(( $(echo 20) + 1 ))
## stdout: 21

#### division by zero abandons that line of the script, not the script
echo $((1 / 0)) 2>/dev/null; echo same-line
echo after
## stdout: after

#### nested parentheses
echo $(( ((2)) * ((3 + 4)) ))
## stdout: 14

#### counting in a sequence
i=0
i=$((i + 1)); i=$((i + 1)); i=$((i + 1))
echo $i
## stdout: 3

#### ++ and -- before something that is not a variable are two signs
x=5
echo $((++1)) $((--1)) $((--(3))) $((++ 4))
echo $((1+++2)) $((1---x)) $x $((2--1))
## STDOUT:
1 1 3 4
3 -3 4 3
## END
