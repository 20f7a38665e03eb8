#!/bin/sh
# Turn the BENCH lines of a benchmark run into a Markdown table:
#   sh bench/mdtable.sh results.txt
# One row per figure: median [min .. max] in axos, the host's median, the
# ratio (below 1: axos better), the target and whether it is met. A * marks
# figures for which the host preempted some kept repetitions (busy machine).
awk '
function field(line, key,    i, n, parts) {
    n = split(line, parts, " ")
    for (i = 2; i <= n; i++)
        if (index(parts[i], key "=") == 1)
            return substr(parts[i], length(key) + 2)
    return ""
}
function num(v,    a) {
    if (v == "" || v == "nan")
        return v
    v += 0
    a = v < 0 ? -v : v
    if (a >= 1000 || a == int(a))
        return sprintf("%.0f", v)
    if (a < 0.01)
        return sprintf("%.2g", v)
    return sprintf(a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", v)
}
function tgt(line,    t) {
    t = field(line, "target")
    sub(/^<=/, "≤ ", t); sub(/^>=/, "≥ ", t); sub(/^</, "< ", t)
    return t
}
/^BENCH / {
    name = field($0, "name")
    if (name ~ /_vs_host$/) {
        base = substr(name, 1, length(name) - 8)
        ratio[base] = num(field($0, "value"))
        if (field($0, "met") != "") { target[base] = tgt($0) " x host"; met[base] = field($0, "met") }
        next
    }
    if (name ~ /_host$/) {
        base = substr(name, 1, length(name) - 5)
        host[base] = num(field($0, "value")) " " field($0, "unit")
        if (field($0, "preempted") != "") busy[base] = 1
        next
    }
    order[++n] = name
    value[name] = num(field($0, "value")) " " field($0, "unit") " [" num(field($0, "min")) \
                  " .. " num(field($0, "max")) "]"
    if (field($0, "met") != "") { target[name] = tgt($0) " " field($0, "unit"); met[name] = field($0, "met") }
    if (field($0, "preempted") != "") busy[name] = 1
}
END {
    print "| figure | axos median [min .. max] | host | vs host | target | met |"
    print "|---|---|---|---|---|---|"
    for (i = 1; i <= n; i++) {
        f = order[i]
        printf "| %s%s | %s | %s | %s | %s | %s |\n", f, (f in busy) ? " *" : "", value[f],
            (f in host) ? host[f] : "-", (f in ratio) ? ratio[f] : "-",
            (f in target) ? target[f] : "-", (f in met) ? met[f] : ""
    }
}' "$@"
