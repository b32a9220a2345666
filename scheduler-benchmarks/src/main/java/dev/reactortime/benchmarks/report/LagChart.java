package dev.reactortime.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.reactortime.benchmarks.timers.Timers;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The lag chart: one percentile plot per arrival rate (HdrHistogram's convention: the x axis is
 * {@code log10(1/(1-p))}, so 1, 2, 3 stand for 90%, 99%, 99.9% (XChart's custom tick labels loop forever on it); the y axis is the lag in microseconds, log scale),
 * every implementation on each, side by side in one PNG. Reads the {@code D-<impl>-r<rate>.hgrm} files of the lag harness.
 */
final class LagChart {

	private static final String[] RATES = { "1k", "10k", "100k" };

	/** Lags below this (a spinning timer can start within the clock's resolution) are drawn at it: log axes stop at 0. */
	private static final double FLOOR_MICROS = 0.1;

	/** The x axis ends at 99.999%. */
	private static final double MAX_NINES = 5;

	private LagChart() {
	}

	static boolean write(Path raw, Path png) throws IOException {
		List<XYChart> charts = new ArrayList<>();
		for (String rate : RATES) {
			XYChart chart = new XYChartBuilder().width(700)
				.height(560)
				.title("Fire lag at " + rate + " timers/s (delays 1-100 ms)")
				.xAxisTitle("percentile, in nines: 1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99%, 5 = 99.999%")
				.yAxisTitle("start - deadline (us)")
				.build();
			chart.getStyler().setYAxisLogarithmic(true);
			chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
			chart.getStyler().setChartBackgroundColor(Color.WHITE);
			chart.getStyler().setXAxisMin(0.0);
			chart.getStyler().setXAxisMax(MAX_NINES);
			boolean any = false;
			for (String impl : Timers.all()) {
				Path file = raw.resolve("D-" + impl + "-r" + rate + ".hgrm");
				if (!Files.exists(file)) {
					continue;
				}
				List<double[]> points = readPercentiles(file);
				if (points.isEmpty()) {
					continue;
				}
				double[] x = new double[points.size()];
				double[] y = new double[points.size()];
				for (int i = 0; i < points.size(); i++) {
					x[i] = points.get(i)[0];
					y[i] = Math.max(FLOOR_MICROS, points.get(i)[1]);
				}
				XYSeries series = chart.addSeries(impl, x, y);
				series.setMarker(SeriesMarkers.NONE);
				series.setLineColor(color(impl));
				series.setLineWidth(impl.startsWith(Timers.REACTOR) ? 2.5f : 1.5f);
				any = true;
			}
			if (any) {
				charts.add(chart);
			}
		}
		if (charts.isEmpty()) {
			return false;
		}
		Files.createDirectories(png.toAbsolutePath().getParent());
		BitmapEncoder.saveBitmap(charts, 1, charts.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
		return true;
	}

	/** One fixed colour per implementation, so every panel and every run reads the same. */
	private static Color color(String impl) {
		return switch (impl) {
			case Timers.REACTOR -> new Color(0x1f, 0x4e, 0xd8);
			case Timers.REACTOR_PRECISE -> new Color(0x00, 0x9e, 0xa0);
			case Timers.STPE -> new Color(0x8e, 0x2c, 0xc8);
			case Timers.SPRING -> new Color(0x2e, 0xa0, 0x2e);
			case Timers.HWT_1MS -> new Color(0xd6, 0x27, 0x28);
			case Timers.HWT_100MS -> new Color(0xff, 0x8c, 0x00);
			case Timers.FJP -> new Color(0xe3, 0x3c, 0xc0);
			default -> Color.GRAY;
		};
	}

	/**
	 * Reads the {@code 1/(1-percentile)} and value columns of HdrHistogram's percentile distribution; the last line
	 * (percentile 1, infinite) is left out.
	 */
	private static List<double[]> readPercentiles(Path file) throws IOException {
		List<double[]> points = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			String[] columns = line.trim().split("\\s+");
			if (columns.length != 4 || line.startsWith("#")) {
				continue;
			}
			try {
				double value = Double.parseDouble(columns[0]);
				double inverse = Double.parseDouble(columns[3]);
				if (Double.isFinite(inverse) && Math.log10(inverse) <= MAX_NINES) {
					points.add(new double[] { Math.log10(inverse), value });
				}
			}
			catch (NumberFormatException ex) {
				// the header line
			}
		}
		return points;
	}


}
