#### star matches files, sorted
touch b a c
echo *
## stdout: a b c

#### question mark matches one character
touch ab abc ac
echo a?
## stdout: ab ac

#### bracket expression
touch x1 x2 x3 y1
echo x[12]
## stdout: x1 x2

#### negated bracket expression
touch x1 x2 x3
echo x[!1]
## stdout: x2 x3

#### range in bracket
touch fa fb fc fd
echo f[b-c]
## stdout: fb fc

#### no match leaves the word as is
echo *.nothing
## stdout: *.nothing

#### star does not match hidden files
touch .hidden visible
echo *
## stdout: visible

#### explicit dot matches hidden files
touch .h1 .h2
echo .h*
## stdout: .h1 .h2

#### glob with a directory part
mkdir d; touch d/one d/two
echo d/*
## stdout: d/one d/two

#### glob in the middle of a path
mkdir -p p1/sub p2/sub
touch p1/sub/f p2/sub/f
echo p*/sub/f
## stdout: p1/sub/f p2/sub/f

#### trailing slash matches directories only
mkdir da db; touch dc
echo d*/
## stdout: da/ db/

#### quoted part of a pattern is literal
touch 'a*b' axb
echo 'a*'b
## stdout: a*b

#### escaped star is literal
touch 'q*' qq
echo q\*
## stdout: q*

#### glob as an argument to a command
touch m1 m2 m3
ls m* | wc -l
## stdout: 3

#### glob with spaces in names is one argument per file
touch 'sp a' 'sp b'
printf '[%s]' sp*; echo
## stdout: [sp a][sp b]

#### set -f turns globbing off
touch n1
set -f
echo n*
## stdout: n*

#### glob in redirection target
touch only.txt
echo x > o*.txt
cat only.txt
## stdout: x

#### glob results are not re-expanded
touch '$HOME'
echo \$H*
## stdout: $HOME

#### glob matches sorted in C order
touch B a C b
echo *
## stdout: B C a b

#### unmatched bracket is literal
echo [abc
## stdout: [abc
