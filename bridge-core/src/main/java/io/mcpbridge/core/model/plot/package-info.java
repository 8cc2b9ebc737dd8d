/**
 * What to plot, independent of any charting library: {@link io.mcpbridge.core.model.plot.Chart}s
 * made of named series with units, axes with titles, units and scales, percentile bands, observed
 * points, distributions and tornado bars. The {@link io.mcpbridge.core.port.PlotRenderer} port
 * turns a chart into PNG or SVG bytes.
 */
package io.mcpbridge.core.model.plot;
