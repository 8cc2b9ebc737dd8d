/**
 * OSP dimensions, their base units and accepted units ({@link io.mcpbridge.core.units.UnitCatalog}).
 * Units are case-sensitive; the few normalisations tried when a spelling is not found are listed
 * on {@code UnitSpelling} and in {@link io.mcpbridge.core.units.UnitCatalog}.
 */
package io.mcpbridge.core.units;
