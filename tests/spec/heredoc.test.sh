#### here-document
cat <<EOF
line one
line two
EOF
## STDOUT:
line one
line two
## END

#### expansion inside a here-document
x=world
cat <<EOF
hello $x $((2 + 3)) $(echo sub)
EOF
## stdout: hello world 5 sub

#### quoted delimiter: no expansion
x=world
cat <<'EOF'
hello $x $(echo sub)
EOF
## stdout: hello $x $(echo sub)

#### backslashes in a here-document
cat <<EOF
a \$x b \\ c \q "quotes"
EOF
## stdout: a $x b \ c \q "quotes"

#### <<- strips leading tabs
cat <<-EOF
	indented
		twice
	EOF
## STDOUT:
indented
twice
## END

#### here-document into a pipeline
cat <<EOF | tr a-z A-Z
shout
EOF
## stdout: SHOUT

#### here-document with other redirections
cat <<EOF > out.txt
to a file
EOF
cat out.txt
## stdout: to a file

#### two here-documents on one line
cat <<A; cat <<B
first
A
second
B
## STDOUT:
first
second
## END

#### here-document to a loop
while read a b; do echo "$b-$a"; done <<EOF
1 one
2 two
EOF
## STDOUT:
one-1
two-2
## END

#### here-document to another fd
cat 3<<EOF <&3
via three
EOF
## stdout: via three

#### empty here-document
cat <<EOF
EOF
echo done
## stdout: done

#### large here-document
n=$(cat <<EOF | wc -c
$(head -c 100000 /dev/zero | tr '\0' x)
EOF
)
echo $n
## stdout: 100001

#### here-document in a function
f() {
cat <<EOF
in function $1
EOF
}
f arg
## stdout: in function arg
