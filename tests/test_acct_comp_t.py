"""comp_t, the accounting record's 16-bit float: minish's encoder must give
what the kernel's encode_comp_t (kernel/acct.c) gives, rounding and
mantissa overflow included.  The kernel's function is compiled with the C
compiler and both are run on the same numbers."""
import random
import shutil
import subprocess

from minish.kernel.acct import comp_t_encode

KERNEL_ENCODE = r"""
#include <stdio.h>
#include <stdlib.h>
#define MANTSIZE 13
#define EXPSIZE 3
#define MAXFRACT ((1 << MANTSIZE) - 1)
typedef unsigned short comp_t;
typedef unsigned long long u64;
static comp_t encode_comp_t(u64 value)      /* kernel/acct.c, as it is */
{
	int exp, rnd;
	exp = rnd = 0;
	while (value > MAXFRACT) {
		rnd = value & (1 << (EXPSIZE - 1));
		value >>= EXPSIZE;
		exp++;
	}
	if (rnd && (++value > MAXFRACT)) {
		value >>= EXPSIZE;
		exp++;
	}
	if (exp > 7)
		return (comp_t)~0U;
	exp <<= MANTSIZE;
	exp += value;
	return exp;
}
int main(void)
{
	char line[64];
	while (fgets(line, sizeof line, stdin))
		printf("%u\n", encode_comp_t(strtoull(line, NULL, 10)));
	return 0;
}
"""


def test_comp_t_matches_the_kernels_encode_comp_t(tmp_path):
    source, program = tmp_path / "encode.c", tmp_path / "encode"
    source.write_text(KERNEL_ENCODE)
    cc = shutil.which("cc") or shutil.which("gcc")
    subprocess.run([cc, "-O", "-o", str(program), str(source)], check=True)
    rng = random.Random(14)
    # every value up to 2^17, the numbers just below each overflow, and random big ones
    values = list(range(1 << 17)) + [(8191 << (3 * e)) + d for e in range(1, 8)
                                     for d in range(-8, 9)]
    values += [rng.randrange(1 << 40) for _ in range(5000)]
    out = subprocess.run([str(program)], input="".join(f"{v}\n" for v in values),
                         capture_output=True, text=True, check=True).stdout.split()
    mismatches = [(v, int(k), comp_t_encode(v)) for v, k in zip(values, out)
                  if int(k) != comp_t_encode(v)]
    assert len(out) == len(values) and mismatches == []
