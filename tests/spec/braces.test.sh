# Brace expansion: {a,b} and {x..y}.

#### alternatives, with a prefix and a suffix
echo a{b,c}d pre{,fix}
## stdout: abd acd pre prefix

#### sequences of numbers and letters, with a step, backwards, zero-padded
echo {1..5} {a..e..2} {5..1} {01..3} {-2..2}
## stdout: 1 2 3 4 5 a c e 5 4 3 2 1 01 02 03 -2 -1 0 1 2

#### nested braces and products
echo x{a,{b,c}} {a,b}{1,2}
## stdout: xa xb xc a1 a2 b1 b2

#### quoted or lone braces are literal
echo "{a,b}" \{a,b} {a} {} {1..a}
## stdout: {a,b} {a,b} {a} {} {1..a}

#### expansions inside a brace happen afterwards
x=X
echo {$x,y}-z
## stdout: X-z y-z

#### a for loop over a sequence
for i in {1..3}; do printf '%s.' $i; done; echo
## stdout: 1.2.3.
