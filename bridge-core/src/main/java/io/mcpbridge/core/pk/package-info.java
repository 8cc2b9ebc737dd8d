/**
 * OSP's standard PK parameters ({@link io.mcpbridge.core.pk.PkParameterCalculator}) and the reader
 * of OSP result CSVs ({@link io.mcpbridge.core.pk.OspResultCsv}). Values missing where OSP would
 * report NaN, ±∞ or a meaningless number carry a {@link io.mcpbridge.core.pk.PkReason}.
 */
package io.mcpbridge.core.pk;
