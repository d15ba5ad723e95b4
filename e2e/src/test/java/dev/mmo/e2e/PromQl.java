package dev.mmo.e2e;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found by a small tokenizer rather than a parser: it removes what holds no
 * metric name (Grafana's variables, strings, label matchers, ranges, label lists after by/without/on/ignoring/
 * group_left/group_right), then every remaining identifier is a metric name unless it is a keyword, a function (an
 * identifier followed by a parenthesis) or part of a number or a duration.
 */
final class PromQl {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "atan2",
            "inf",
            "nan",
            "Inf",
            "NaN");

    private PromQl() {}

    static Set<String> metricNames(String expression) {
        String rest = VARIABLE.matcher(expression).replaceAll(" ");
        rest = STRING.matcher(rest).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = LABEL_LIST.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            int before = identifier.start() - 1;
            if (before >= 0 && (Character.isDigit(rest.charAt(before)) || rest.charAt(before) == '.')) {
                continue; // the exponent of 1e3, the unit of 5m
            }
            int after = identifier.end();
            while (after < rest.length() && Character.isWhitespace(rest.charAt(after))) {
                after++;
            }
            if (KEYWORDS.contains(name) || (after < rest.length() && rest.charAt(after) == '(')) {
                continue;
            }
            names.add(name);
        }
        return names;
    }
}
