/**
 * Virtual populations: reading and writing PK-Sim/ospsuite population files, sampling individuals
 * from distributions, running every individual through the {@link
 * io.mcpbridge.core.port.SimulationEngine} and writing OSP's population result layouts with
 * aggregates and per-individual PK.
 */
package io.mcpbridge.core.population;
