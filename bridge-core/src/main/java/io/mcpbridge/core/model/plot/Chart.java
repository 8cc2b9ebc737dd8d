package io.mcpbridge.core.model.plot;

/**
 * A chart to draw: what it shows, never how a library draws it. Every kind has a title (naming the
 * model and the run) and a subtitle with details.
 */
public sealed interface Chart permits XyChart, DistributionChart, TornadoChart {
  /** The headline, e.g. the model and the run. */
  String title();

  /** A second line with details; may be empty. */
  String subtitle();
}
