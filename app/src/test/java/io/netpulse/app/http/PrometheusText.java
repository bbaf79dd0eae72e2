/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.app.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for checking {@code /metrics}: every line
 * is a HELP or TYPE comment or a sample; names and label names are valid; label values are quoted and escaped;
 * values are numbers; each family's TYPE comes before its samples and once only; a family's samples are
 * contiguous.
 */
final class PrometheusText
{
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile(
        "# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
        "(" + NAME + ")(\\{(.*)\\})? ([^ ]+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile(
        "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** One sample. */
    record Sample(String name, Map<String, String> labels, double value)
    {
    }

    final Map<String, String> types = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(final String text)
    {
        final PrometheusText parsed = new PrometheusText();
        String family = null;
        final java.util.Set<String> closed = new java.util.HashSet<>();
        int number = 0;
        for (final String line : text.split("\n", -1))
        {
            number++;
            if (line.isEmpty())
            {
                continue;
            }
            final Matcher help = HELP.matcher(line);
            final Matcher type = TYPE.matcher(line);
            if (help.matches())
            {
                continue;
            }
            if (type.matches())
            {
                if (null != parsed.types.put(type.group(1), type.group(2)))
                {
                    throw new IllegalArgumentException("line " + number + ": second TYPE for " + type.group(1));
                }
                if (null != family)
                {
                    closed.add(family);
                }
                family = type.group(1);
                continue;
            }
            if (line.startsWith("#"))
            {
                throw new IllegalArgumentException("line " + number + ": unknown comment: " + line);
            }
            final Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches())
            {
                throw new IllegalArgumentException("line " + number + ": not a sample: " + line);
            }
            final String name = sample.group(1);
            final String base = familyOf(name, parsed.types);
            if (null == base)
            {
                throw new IllegalArgumentException("line " + number + ": sample before its TYPE: " + line);
            }
            if (!base.equals(family) || closed.contains(base))
            {
                throw new IllegalArgumentException("line " + number + ": samples of " + base + " not together");
            }
            final Map<String, String> labels = new LinkedHashMap<>();
            if (null != sample.group(3) && !sample.group(3).isEmpty())
            {
                int at = 0;
                final String body = sample.group(3);
                final Matcher label = LABEL.matcher(body);
                while (at < body.length())
                {
                    if (!label.find(at) || label.start() != at)
                    {
                        throw new IllegalArgumentException("line " + number + ": bad labels: " + body);
                    }
                    labels.put(label.group(1), label.group(2));
                    at = label.end();
                    if (at < body.length())
                    {
                        if (body.charAt(at) != ',')
                        {
                            throw new IllegalArgumentException("line " + number + ": bad labels: " + body);
                        }
                        at++;
                    }
                }
            }
            final String value = sample.group(4);
            final double parsedValue;
            switch (value)
            {
                case "+Inf":
                    parsedValue = Double.POSITIVE_INFINITY;
                    break;
                case "-Inf":
                    parsedValue = Double.NEGATIVE_INFINITY;
                    break;
                case "NaN":
                    parsedValue = Double.NaN;
                    break;
                default:
                    parsedValue = Double.parseDouble(value);
            }
            parsed.samples.add(new Sample(name, labels, parsedValue));
        }
        return parsed;
    }

    private static String familyOf(final String name, final Map<String, String> types)
    {
        if (types.containsKey(name))
        {
            return name;
        }
        for (final String suffix : List.of("_total", "_bucket", "_count", "_sum", "_created", "_info"))
        {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length())))
            {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    double sum(final String name)
    {
        double sum = 0;
        boolean found = false;
        for (final Sample sample : samples)
        {
            if (sample.name().equals(name))
            {
                sum += sample.value();
                found = true;
            }
        }
        if (!found)
        {
            throw new AssertionError("no samples of " + name);
        }
        return sum;
    }
}
