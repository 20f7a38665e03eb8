/* Hypotheses about awk: programs give what GNU awk 5.2 gives for the same
 * input (every expected output in the table was taken from it, and only
 * where POSIX defines the result), files, redirections and commands work
 * through the kernel, and errors exit 2 with a message. */
#include <stdio.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()
#define AWK(k, in, ...) RUN_PIPED((k), (in), "awk", __VA_ARGS__)

static const struct {
    const char *prog, *input, *output;
    int status;
} cases[] = {
    {"{print $1}",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "alice\nbob\ncarol\ndave\n", 0},
    {"{print NR, NF, $NF}",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "1 3 x\n2 3 y\n3 3 z\n4 3 w\n", 0},
    {"{ $2 = $2 * 2; print }",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "alice 20 x\nbob 40 y\ncarol 60 z\ndave 80 w\n", 0},
    {"{ s += $2 } END { print s, s/NR }",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "100 25\n", 0},
    {"NR % 2",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "alice 10 x\ncarol 30 z\n", 0},
    {"/bob/,/carol/ { print NR }",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "2\n3\n", 0},
    {"$2 > 15 && $3 != \"z\"",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "bob 20 y\n  dave   40   w  \n", 0},
    {"BEGIN { OFS=\"-\" } { $1=$1 } 1",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "alice-10-x\nbob-20-y\ncarol-30-z\ndave-40-w\n", 0},
    {"{ print length($0), length }",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "10 10\n8 8\n10 10\n17 17\n", 0},
    {"{ a[$3] = $1 } END { print a[\"x\"], a[\"w\"], (\"q\" in a) }",
     "alice 10 x\nbob 20 y\ncarol 30 z\n  dave   40   w  \n",
     "alice dave 0\n", 0},
    {"BEGIN { printf \"%5.2f|%-6s|%06d|%+d|%x|%X|%o|%c|%e|%G|%%\\n\", 3.14159, \"ab\", 42, 5, 255, 255, 8, 66, 12345.678, 0.00001234 }",
     "",
     " 3.14|ab    |000042|+5|ff|FF|10|B|1.234568e+04|1.234E-05|%\n", 0},
    {"BEGIN { print substr(\"hello\", 0), substr(\"hello\", -1, 3), substr(\"hello\", 2), substr(\"hello\", 1.5, 2.3), substr(\"hello\", 10) \"|\" }",
     "",
     "hello hel ello he |\n", 0},
    {"BEGIN { print index(\"abc\", \"\"), index(\"\", \"a\"), index(\"banana\", \"an\") }",
     "",
     "1 0 2\n", 0},
    {"BEGIN { print 1e6, 1e16, 123456789012, 0.1, 100/3, -0.5, 2^53, 1e300*1e300 }",
     "",
     "1000000 10000000000000000 123456789012 0.1 33.3333 -0.5 9007199254740992 +inf\n", 0},
    {"BEGIN { CONVFMT = \"%.2g\"; a = 3.14159; b = a \"\"; print b; OFMT = \"%.3f\"; print a, 17 }",
     "",
     "3.1\n3.142 17\n", 0},
    {"BEGIN { x[\"a\"]; if (\"a\" in x) print \"yes\"; print length(x) }",
     "",
     "yes\n1\n", 0},
    {"BEGIN { n = split(\"  a  b  c  \", arr); print n, arr[1] arr[3]; n = split(\"a1b2c\", arr, /[0-9]/); print n, arr[2]; n = split(\"\", arr); print n, length(arr) }",
     "",
     "3 ac\n3 b\n0 0\n", 0},
    {"BEGIN { s = \"hello world\"; gsub(/o/, \"0\", s); print s; t = \"aaa\"; print sub(/a/, \"b\", t), t; u = \"x.y.z\"; gsub(\".\", \"-\", u); print u; v = \"x.y.z\"; gsub(/\\./, \"-\", v); print v }",
     "",
     "hell0 w0rld\n1 baa\n-----\nx-y-z\n", 0},
    {"BEGIN { s = \"abc\"; gsub(\"\", \"-\", s); print s; s = \"abc\"; gsub(/x*/, \"<&>\", s); print s }",
     "",
     "-a-b-c-\n<>a<>b<>c<>\n", 0},
    {"BEGIN { s = \"a&b\"; gsub(/&/, \"\\\\&\", s); print s; s = \"cat\"; sub(/a/, \"[&&]\", s); print s }",
     "",
     "a&b\nc[aa]t\n", 0},
    {"BEGIN { print match(\"foobar\", /o+/), RSTART, RLENGTH; print match(\"foo\", /z/), RSTART, RLENGTH }",
     "",
     "2 2 2\n0 0 -1\n", 0},
    {"BEGIN { print toupper(\"abcXYZ1\"), tolower(\"ABCxyz1\") }",
     "",
     "ABCXYZ1 abcxyz1\n", 0},
    {"BEGIN { print int(3.9), int(-3.9), sqrt(16), exp(0), log(1), sin(0), cos(0), atan2(0, -1) }",
     "",
     "3 -3 4 1 0 0 1 3.14159\n", 0},
    {"BEGIN { x = 5; x += 2; x -= 1; x *= 3; x /= 2; x %= 5; x ^= 2; print x; y = 2; print y++ + ++y, y-- - --y, y }",
     "",
     "16\n6 2 2\n", 0},
    {"{ print ($1 < $2) }",
     "10 9\nabc abd\n2 10\n",
     "0\n1\n1\n", 0},
    {"BEGIN { print -2^2, 2^3^2, -3 % 2, 7 % -3, 2 ** 3 }",
     "",
     "-4 512 -1 1 8\n", 0},
    {"BEGIN { a = \"3x\"; print a + 0, +\"1e3\", \"0x1A\" + 0, \" 12 \" + 1, \".5\" + 0 }",
     "",
     "3 1000 0 13 0.5\n", 0},
    {"function f(a, b) { a[1] = \"x\"; b = 5; return b * 2 } BEGIN { r = f(arr, q); print r, arr[1], q \"|\" }",
     "",
     "10 x |\n", 0},
    {"function fib(n) { return n < 2 ? n : fib(n-1) + fib(n-2) } BEGIN { print fib(20) }",
     "",
     "6765\n", 0},
    {"BEGIN { while (i < 5) { i++; if (i == 2) continue; if (i == 4) break; print i } do { j++ } while (j < 3); print j; for (k = 0; k < 3; k++) ; print k }",
     "",
     "1\n3\n3\n3\n", 0},
    {"BEGIN { a[\"x\"] = 1; a[\"y\"] = 2; delete a; print length(a) }",
     "",
     "0\n", 0},
    {"BEGIN { a[1,2] = 3; for (k in a) { split(k, p, SUBSEP); print p[1], p[2] }; if ((1,2) in a) print \"in\" }",
     "",
     "1 2\nin\n", 0},
    {"{ print; getline; print \"after getline:\", $0, NR }",
     "1\n2\n3\n4\n",
     "1\nafter getline: 2 2\n3\nafter getline: 4 4\n", 0},
    {"NR == 1 { while ((getline line) > 0) n++; print n, NR, line }",
     "a\nb\nc\n",
     "2 3 c\n", 0},
    {"BEGIN { \"echo a b c\" | getline; print $2, NF; \"echo x\" | getline v; print v }",
     "",
     "b 3\nx\n", 0},
    {"BEGIN { print \"b\\na\\nc\" | \"sort\"; close(\"sort\"); print \"done\" }",
     "",
     "a\nb\nc\ndone\n", 0},
    {"BEGIN { r = system(\"exit 3\"); print r }",
     "",
     "3\n", 0},
    {"BEGIN { FS = \",\" } { print $2 }",
     "a,b,c\n1,,3\n",
     "b\n\n", 0},
    {"BEGIN { FS = \"[0-9]+\" } { print $1 \"|\" $2 \"|\" NF }",
     "ab12cd345ef\n",
     "ab|cd|3\n", 0},
    {"BEGIN { FS = \"\\t\" } { print $2 }",
     "a b\tc d\n",
     "c d\n", 0},
    {"{ FS = \":\"; print $1 }",
     "a:b c\nd:e f\n",
     "a:b\nd\n", 0},
    {"BEGIN { RS = \";\" } { print NR \": \" $0 }",
     "a;b;c\n",
     "1: a\n2: b\n3: c\n\n", 0},
    {"END { print NR, $0 }",
     "x\ny\n",
     "2 y\n", 0},
    {"{ $0 = \"new rec here\"; print NF, $2 }",
     "old\n",
     "3 rec\n", 0},
    {"{ $5 = \"e\"; print; print NF }",
     "a b\n",
     "a b   e\n5\n", 0},
    {"{ NF = 2; print }",
     "a b c d\n",
     "a b\n", 0},
    {"BEGIN { printf \"%d %d %d\\n\", \"12abc\", -7.9, 1e20 }",
     "",
     "12 -7 100000000000000000000\n", 0},
    {"BEGIN { printf \"%*d|%-*d|%.*f\\n\", 5, 42, 4, 7, 2, 3.14159 }",
     "",
     "   42|7   |3.14\n", 0},
    {"BEGIN { x = sprintf(\"%03d-%s\", 7, \"a\"); print x, length(x) }",
     "",
     "007-a 5\n", 0},
    {"BEGIN { print length(12345), length(1/4) }",
     "",
     "5 4\n", 0},
    {"BEGIN { if (!x) print \"unset\"; if (x == 0 && x == \"\") print \"both\" }",
     "",
     "unset\nboth\n", 0},
    {"{ print $(NF-1), $(1+1) }",
     "a b c\n",
     "b b\n", 0},
    {"{ i = 1; print $i++; print i; print $++i }",
     "a b c\n",
     "0\n1\nb\n", 0},
    {"BEGIN { print 1 \" \" 2, 1 2, \"a\" (1 + 2) }",
     "",
     "1 2 12 a3\n", 0},
    {"BEGIN { x = 1; x = x \"\" ; print x + 1; print (1 == \"1\") }",
     "",
     "2\n1\n", 0},
    {"{ print ($1 == \"1.0\"), ($1 == 1) }",
     "1.0\n",
     "1 1\n", 0},
    {"BEGIN { ORS = \"|\"; print \"a\"; print \"b\" } END { printf \"\\n\" }",
     "",
     "a|b|\n", 0},
    {"BEGIN { print 1; exit; print 2 } END { print \"end\" }",
     "",
     "1\nend\n", 0},
    {"{ if (NR == 2) exit 5; print } END { print \"end\", NR }",
     "a\nb\nc\n",
     "a\nend 2\n", 5},
    {"function f() { next } NR == 2 { f() } { print }",
     "a\nb\nc\n",
     "a\nc\n", 0},
    {"BEGIN { getline line < \"/nonexistent\"; print (getline line < \"/nonexistent\") }",
     "",
     "-1\n", 0},
    {"BEGIN { print index(\"foo\", \"o\") ; print substr(\"abc\", 2, -1) \"|\" }",
     "",
     "2\n|\n", 0},
    {"BEGIN { $0 = \"a b c\"; print NF; $3 = \"\"; print NF, $0 \"|\" }",
     "",
     "3\n3 a b |\n", 0},
    {"BEGIN { s = \"The Quick\"; n = gsub(/[A-Z]/, \"(&)\", s); print n, s }",
     "",
     "2 (T)he (Q)uick\n", 0},
    {"BEGIN { a = \"A\"; b = a++; print a, b }",
     "",
     "1 0\n", 0},
    {"!seen[$0]++",
     "a\nb\na\nc\nb\n",
     "a\nb\nc\n", 0},
    {"{ n[$1]++ } END { for (k in n) print k, n[k] }",
     "x\ny\nx\n",
     "x 2\ny 1\n", 0},
    {"BEGIN { srand(1); a = rand(); srand(1); b = rand(); print (a == b), (a >= 0 && a < 1), srand(5) }",
     "",
     "1 1 1\n", 0},
    {"BEGIN { x = \"abc\"; print x ~ \"b\", x ~ /^b/, x !~ /z/, \"a.c\" ~ /a\\.c/, \"abc\" ~ /a\\.c/ }",
     "",
     "1 0 1 1 0\n", 0},
    {"$0 ~ \"^[0-9]+$\" { print \"num:\", $0 }",
     "123\nabc\n45x\n",
     "num: 123\n", 0},
    {"BEGIN { print length(\"tab\\there\"), \"q\\\"uote\", \"oct\\101\" }",
     "",
     "8 q\"uote octA\n", 0},
    {"/a\\/b/ { print \"slash\" }",
     "a/b\n",
     "slash\n", 0},
    {"{ sum = 0; for (i = 1; i <= NF; i++) sum += $i; print sum }",
     "1 2 3\n4 5\n",
     "6\n9\n", 0},
    {"BEGIN { while ((\"echo a; echo b\" | getline x) > 0) print \"[\" x \"]\"; print close(\"echo a; echo b\") }",
     "",
     "[a]\n[b]\n0\n", 0},
    {"BEGIN { x[1]=1; x[2]=2; x[3]=3; for (k in x) delete x[k]; print length(x) }",
     "",
     "0\n", 0},
    {"BEGIN { a = 1; { a = 2 }; print a }",
     "",
     "2\n", 0},
    {"BEGIN { if (1) print \"a\"; else print \"b\" }",
     "",
     "a\n", 0},
    {"BEGIN { if (0)\n print \"a\"\n else\n print \"b\" }",
     "",
     "b\n", 0},
    {"BEGIN { printf(\"%s-%s\\n\", \"a\", \"b\") }",
     "",
     "a-b\n", 0},
    {"BEGIN { print(1, 2) }",
     "",
     "1 2\n", 0},
    {"BEGIN { print (1)(2) }",
     "",
     "12\n", 0},
    {"BEGIN { x = 1 > 2 ? \"y\" : \"n\"; print x }",
     "",
     "n\n", 0},
    {"BEGIN { print !0, !1, !\"\", !\"a\", - \"3\", 1 - -1 }",
     "",
     "1 0 1 0 -3 2\n", 0},
    {"BEGIN { n = split(\"a b\", arr, \"\"); print n }",
     "",
     "3\n", 0},
    {"BEGIN { printf \"%i %5.1e\\n\", 3.9, 1234 }",
     "",
     "3 1.2e+03\n", 0},
    {"BEGIN { print 100000 * 100000, 2147483648 * 2, -1e18, 1e18 }",
     "",
     "10000000000 4294967296 -1000000000000000000 1000000000000000000\n", 0},
    {"BEGIN { print 0.1 + 0.2 == 0.3, 3.0 == 3 }",
     "",
     "0 1\n", 0},
    {"BEGIN { print substr(\"hello\", 2, 100000000000) }",
     "",
     "ello\n", 0},
    {"{ print $0 }",
     "no newline at end",
     "no newline at end\n", 0},
    {"BEGIN { RS = \"\" } { print NR, NF; for (i = 1; i <= NF; i++) printf \"<%s>\", $i; print \"\" }",
     "\n\na b\nc\n\n\nd\n\n",
     "1 3\n<a><b><c>\n2 1\n<d>\n", 0},
    {"BEGIN { RS = \"\" ; FS = \":\" } { for (i = 1; i <= NF; i++) printf \"<%s>\", $i; print \"\" }",
     "a:b\nc:d\n\ne\n",
     "<a><b><c><d>\n<e>\n", 0},
    {"BEGIN { x[\"k\"] = 1; f(x); print x[\"k\"] } function f(a) { a[\"k\"]++ }",
     "",
     "2\n", 0},
    {"function g(a) { return a[1] } BEGIN { z[1] = 7; print g(z) }",
     "",
     "7\n", 0},
    {"function h(s,   t) { t = s s; return t } BEGIN { print h(\"ab\"), t \"|\" }",
     "",
     "abab |\n", 0},
};

static void test_awk_matches_gnu_awk(void **state)
{
    Kernel *k = ul_kernel();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int st = AWK(k, cases[i].input, (char *)cases[i].prog);
        if (st != cases[i].status || strcmp(OUT, cases[i].output) != 0)
            fail_msg("awk '%s': status %d, output \"%s\"; GNU awk: %d, \"%s\"", cases[i].prog, st,
                     OUT, cases[i].status, cases[i].output);
    }
    harness_destroy(k);
}

static void test_awk_files_and_operands(void **state)
{
    Kernel *k = ul_kernel();
    ul_write_file(k, "/tmp/a", "a1\na2\na3\n");
    ul_write_file(k, "/tmp/b", "b1\nb2\n");
    ul_write_file(k, "/tmp/prog.awk", "# a comment\n{ print FILENAME, FNR, NR, $0 }\n");
    assert_int_equal(AWK(k, NULL, "-f", "/tmp/prog.awk", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "/tmp/a 1 1 a1\n/tmp/a 2 2 a2\n/tmp/a 3 3 a3\n"
                             "/tmp/b 1 4 b1\n/tmp/b 2 5 b2\n");
    assert_int_equal(AWK(k, NULL, "FNR == 2 { nextfile } { print $0 }", "/tmp/a", "/tmp/b"), 0);
    assert_string_equal(OUT, "a1\nb1\n");
    /* var=value operands take effect when reached; - is stdin */
    assert_int_equal(AWK(k, "in\n", "{ print x, $0 }", "x=1", "/tmp/b", "x=2", "-"), 0);
    assert_string_equal(OUT, "1 b1\n1 b2\n2 in\n");
    /* -F with an escape, -Ft, -v, and ARGV/ARGC */
    assert_int_equal(AWK(k, "a\tb c\n", "-F", "\\t", "{ print $2 }"), 0);
    assert_string_equal(OUT, "b c\n");
    assert_int_equal(AWK(k, "a\tb c\n", "-Ft", "{ print $1 }"), 0);
    assert_string_equal(OUT, "a\n");
    assert_int_equal(AWK(k, NULL, "-v", "n=3", "-v", "s=a\\tb", "BEGIN { print n * 2, s, ARGC, ARGV[1] }", "op"), 0);
    assert_string_equal(OUT, "6 a\tb 2 op\n");
    /* an NR==FNR join of two files */
    ul_write_file(k, "/tmp/keys", "k1 one\nk2 two\n");
    assert_int_equal(AWK(k, "k2\nk1\nk3\n", "NR == FNR { m[$1] = $2; next } { print $1, ($1 in m) ? m[$1] : \"-\" }", "/tmp/keys", "-"), 0);
    assert_string_equal(OUT, "k2 two\nk1 one\nk3 -\n");
    harness_destroy(k);
}

static void test_awk_redirections_and_commands(void **state)
{
    Kernel *k = ul_kernel();
    /* > truncates once and appends while open; >> appends; close reopens */
    ul_write_file(k, "/tmp/out", "old\n");
    assert_int_equal(AWK(k, "1\n2\n", "{ print > \"/tmp/out\" } END { close(\"/tmp/out\"); print \"3\" >> \"/tmp/out\" }"), 0);
    assert_string_equal(ul_read_file(k, "/tmp/out"), "1\n2\n3\n");
    /* print | cmd: the command's output comes by the time awk exits */
    assert_int_equal(AWK(k, "b\nc\na\n", "{ print | \"sort\" } END { close(\"sort\"); print \"done\" }"), 0);
    assert_string_equal(OUT, "a\nb\nc\ndone\n");
    assert_int_equal(AWK(k, "b\na\n", "{ print | \"sort -r\" }"), 0);
    assert_string_equal(OUT, "b\na\n");
    /* cmd | getline, in its two forms; close gives the exit status */
    assert_int_equal(AWK(k, NULL, "BEGIN { while ((\"printf 'x y\\\\nz\\\\n'\" | getline) > 0) print NF, $1; "
                                  "\"echo v\" | getline w; print w, NR; print close(\"echo v\"), close(\"nothing\") }"), 0);
    assert_string_equal(OUT, "2 x\n1 z\nv 3\n0 -1\n");
    assert_int_equal(AWK(k, NULL, "BEGIN { \"exit 3\" | getline; print close(\"exit 3\") }"), 0);
    assert_string_equal(OUT, "3\n");
    /* getline var < file, and a file that is missing */
    ul_write_file(k, "/tmp/g", "l1\nl2\n");
    assert_int_equal(AWK(k, NULL, "BEGIN { while ((getline l < \"/tmp/g\") > 0) n++; print n, l, NR; print (getline x < \"/nope\") }"), 0);
    assert_string_equal(OUT, "2 l2 0\n-1\n");
    /* system() flushes first and returns the status */
    assert_int_equal(AWK(k, NULL, "BEGIN { printf \"a \"; r = system(\"echo b; exit 4\"); print r }"), 0);
    assert_string_equal(OUT, "a b\n4\n");
    /* exit's status, with END still run; exit in END ends at once */
    assert_int_equal(AWK(k, "1\n2\n", "{ exit 3 } END { print \"end\", NR }"), 3);
    assert_string_equal(OUT, "end 1\n");
    assert_int_equal(AWK(k, NULL, "BEGIN { exit 1 } END { print \"e\"; exit; print \"no\" }"), 1);
    assert_string_equal(OUT, "e\n");
    harness_destroy(k);
}

static void test_awk_errors(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(AWK(k, NULL, "BEGIN { print 1 +* 2 }"), 2);
    assert_string_equal(OUT, "awk: line 1: syntax error at or near *\n");
    assert_int_equal(AWK(k, NULL, "BEGIN {\n  x = 1\n  if (x) {\n"), 2);
    assert_string_equal(OUT, "awk: line 4: unexpected end of program: a '}' is missing\n");
    assert_int_equal(AWK(k, NULL, "BEGIN { f(1) }"), 2);
    assert_string_equal(OUT, "awk: line 1: function f never defined\n");
    assert_int_equal(AWK(k, NULL, "BEGIN { next }"), 2);
    assert_string_equal(OUT, "awk: line 1: next used in a BEGIN or END action\n");
    assert_int_equal(AWK(k, NULL, "BEGIN { x = \"a\" ~ /(/ }"), 2);
    assert_non_null(strstr(OUT, "awk: line 1: regular expression /(/"));
    assert_int_equal(AWK(k, NULL, "BEGIN { print 1 / 0 }"), 2);
    assert_string_equal(OUT, "awk: division by zero\n");
    assert_int_equal(AWK(k, NULL, "BEGIN { a[1] = 1; a = 2 }"), 2);
    assert_string_equal(OUT, "awk: can't use array in scalar context\n");
    assert_int_equal(AWK(k, NULL, "function f(n) { return f(n + 1) } BEGIN { f(1) }"), 2);
    assert_string_equal(OUT, "awk: function f: calls nested too deeply\n");
    /* a missing input file: the others are still read, status 2 */
    ul_write_file(k, "/tmp/ok", "ok\n");
    assert_int_equal(AWK(k, NULL, "{ print }", "/nope", "/tmp/ok"), 2);
    assert_string_equal(OUT, "awk: cannot open '/nope' (No such file or directory)\nok\n");
    assert_int_equal(AWK(k, NULL, "-q", "1"), 2);
    assert_string_equal(OUT, "awk: invalid option -- 'q'\nTry 'awk --help' for more information.\n");
    assert_int_equal(RUN_PIPED(k, NULL, "awk"), 2);
    assert_string_equal(OUT, "awk: no program given\nTry 'awk --help' for more information.\n");
    assert_int_equal(AWK(k, NULL, "-f", "/nope"), 2);
    assert_string_equal(OUT, "awk: can't open file /nope (No such file or directory)\n");
    assert_int_equal(AWK(k, NULL, "-v", "1x=2", "BEGIN { }"), 2);
    assert_string_equal(OUT, "awk: '1x=2' argument to '-v' not in 'var=value' form\n");
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_awk_matches_gnu_awk),
        cmocka_unit_test(test_awk_files_and_operands),
        cmocka_unit_test(test_awk_redirections_and_commands),
        cmocka_unit_test(test_awk_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
