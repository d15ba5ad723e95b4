package dev.mmo.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A line chart as plain SVG text: one line per series over a shared x axis, axes with ticks and units, grid lines,
 * a legend, each point's value beside it, and notes under the chart (date, machine). The x axis is logarithmic when
 * its values span a factor of 8 or more (player counts like 500 … 10,000), with a tick at every x that has a point.
 * A hollow marker is a point that is not to be trusted (a VOID run); the notes say so.
 */
final class SvgChart {

    /** One point; {@code hollow} for a run whose figure must not be read as the server's. */
    record Point(double x, double y, boolean hollow) {}

    record Series(String name, String color, boolean dashed, String marker, List<Point> points) {}

    private static final int WIDTH = 760;
    private static final int PLOT_HEIGHT = 320;
    private static final int LEFT = 78;
    private static final int RIGHT = 24;
    private static final int TOP = 66;
    private static final int NOTE_LINE = 15;
    /** What fits on a line of notes at their font size. */
    private static final int NOTE_CHARACTERS = 118;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final List<String> notes;

    SvgChart(String title, String xLabel, String yLabel, List<Series> series, List<String> notes) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = List.copyOf(series);
        this.notes = List.copyOf(notes);
    }

    String render() {
        List<Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one point");
        }
        double minX = all.stream().mapToDouble(Point::x).min().orElseThrow();
        double maxX = all.stream().mapToDouble(Point::x).max().orElseThrow();
        boolean logX = minX > 0 && maxX / minX >= 8;
        double maxY = all.stream().mapToDouble(Point::y).max().orElseThrow();
        double[] yTicks = niceTicks(maxY);
        double topY = yTicks[yTicks.length - 1];
        int plotWidth = WIDTH - LEFT - RIGHT;
        boolean anyHollow = all.stream().anyMatch(Point::hollow);
        List<String> given = new ArrayList<>(notes);
        if (anyHollow) {
            given.add("Hollow markers: VOID runs (the load generator's core was over " + BenchOptions.VOID_ABOVE_PERCENT
                    + " % busy), not figures of the server.");
        }
        List<String> allNotes = new ArrayList<>();
        given.forEach(note -> allNotes.addAll(wrap(note, NOTE_CHARACTERS)));
        int height = TOP + PLOT_HEIGHT + 58 + allNotes.size() * NOTE_LINE + 8;

        Scale x = logX ? new Scale(Math.log(minX), Math.log(maxX), true) : new Scale(minX, maxX, false);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
                WIDTH,
                height,
                WIDTH,
                height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
                LEFT,
                escape(title)));

        // y grid, ticks and label
        for (double tick : yTicks) {
            double py = TOP + PLOT_HEIGHT - tick / topY * PLOT_HEIGHT;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>%n",
                    LEFT,
                    py,
                    LEFT + plotWidth,
                    py));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6,
                    py + 4,
                    number(tick)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                TOP + PLOT_HEIGHT / 2,
                escape(yLabel)));

        // x ticks: every x that has a point
        TreeSet<Double> xs = new TreeSet<>();
        all.forEach(p -> xs.add(p.x()));
        for (double value : xs) {
            double px = LEFT + x.at(logX ? Math.log(value) : value) * plotWidth;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#f0f0f0\"/>%n",
                    px,
                    TOP,
                    px,
                    TOP + PLOT_HEIGHT));
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\"/>%n",
                    px,
                    TOP + PLOT_HEIGHT,
                    px,
                    TOP + PLOT_HEIGHT + 5));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px,
                    TOP + PLOT_HEIGHT + 19,
                    number(value)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2,
                TOP + PLOT_HEIGHT + 40,
                escape(xLabel + (logX ? " (log scale)" : ""))));
        // axes
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
                LEFT,
                TOP,
                LEFT,
                TOP + PLOT_HEIGHT));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
                LEFT,
                TOP + PLOT_HEIGHT,
                LEFT + plotWidth,
                TOP + PLOT_HEIGHT));

        // series; the first one's values above its points, the others' below, so that close values stay readable
        for (int index = 0; index < series.size(); index++) {
            Series s = series.get(index);
            int labelOffset = index == 0 ? -8 : 17;
            List<Point> points = s.points().stream()
                    .sorted(Comparator.comparingDouble(Point::x))
                    .toList();
            StringBuilder path = new StringBuilder();
            for (Point p : points) {
                path.append(path.isEmpty() ? "" : " ")
                        .append(String.format(
                                Locale.ROOT,
                                "%.1f,%.1f",
                                LEFT + x.at(logX ? Math.log(p.x()) : p.x()) * plotWidth,
                                TOP + PLOT_HEIGHT - p.y() / topY * PLOT_HEIGHT));
            }
            if (points.size() > 1) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                        path,
                        s.color(),
                        s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            }
            for (Point p : points) {
                double px = LEFT + x.at(logX ? Math.log(p.x()) : p.x()) * plotWidth;
                double py = TOP + PLOT_HEIGHT - p.y() / topY * PLOT_HEIGHT;
                svg.append(marker(s, px, py, p.hollow()));
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\" text-anchor=\"middle\">%s</text>%n",
                        px,
                        py + labelOffset,
                        s.color(),
                        number(p.y())));
            }
        }

        // legend: one row between the title and the plot, so it never covers a point
        int legendX = LEFT;
        for (Series s : series) {
            int ly = 46;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    legendX,
                    ly,
                    legendX + 26,
                    ly,
                    s.color(),
                    s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(marker(s, legendX + 13, ly, false));
            svg.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 34, ly + 4, escape(s.name())));
            legendX += 34 + 7 * s.name().length() + 28;
        }

        // notes
        int ny = TOP + PLOT_HEIGHT + 62;
        for (String note : allNotes) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">%s</text>%n",
                    12,
                    ny,
                    escape(note)));
            ny += NOTE_LINE;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String marker(Series s, double px, double py, boolean hollow) {
        String fill = hollow ? "#ffffff" : s.color();
        if (s.marker().equals("square")) {
            return String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                    px - 4,
                    py - 4,
                    fill,
                    s.color());
        }
        return String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                px,
                py,
                fill,
                s.color());
    }

    /** Breaks a note into lines of at most {@code width} characters, at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Maps a value of [min, max] to [0, 1] (a single value to the middle), with a little room at the sides. */
    private record Scale(double min, double max, boolean log) {
        double at(double value) {
            if (max <= min) {
                return 0.5;
            }
            return 0.05 + 0.9 * (value - min) / (max - min);
        }
    }

    /** Ticks from 0 to a round number at or above {@code max}: steps of 1, 2, 2.5 or 5 × 10^k, 4 to 8 of them. */
    static double[] niceTicks(double max) {
        if (!(max > 0)) {
            return new double[] {0, 1};
        }
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * magnitude >= raw) {
                step = factor * magnitude;
                break;
            }
        }
        int count = (int) Math.ceil(max / step - 1e-9);
        double[] ticks = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            ticks[i] = i * step;
        }
        return ticks;
    }

    /** 1200 → "1,200"; 2.5 → "2.5"; 0.125 → "0.13". */
    static String number(double value) {
        if (Math.abs(value - Math.rint(value)) < 1e-9) {
            return String.format(Locale.ROOT, "%,d", (long) Math.rint(value));
        }
        String text = String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
