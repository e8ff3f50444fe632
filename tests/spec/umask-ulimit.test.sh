# umask (octal and symbolic) and ulimit.

#### umask octal, -S and -p
umask 027
umask
umask -S
umask -p
## STDOUT:
0027
u=rwx,g=rx,o=
umask 0027
## END

#### umask takes chmod-style symbolic modes
umask 022
umask g-w,o=
umask
umask u-w
umask
umask a+rwx
umask
## STDOUT:
0027
0227
0000
## END

#### new files get the mode 0666 minus the mask
umask 077
touch f
ls -l f | cut -c1-10
## stdout: -rw-------

#### ulimit -n reads the open files limit; a lower soft limit is kept
ulimit -S -n 100
ulimit -n
( ulimit -n )
## STDOUT:
100
100
## END

#### ulimit -f limits file size, in 1024-byte blocks
( ulimit -f 1; head -c 2000 /dev/zero > big 2>/dev/null )
wc -c < big
## stdout: 1024
