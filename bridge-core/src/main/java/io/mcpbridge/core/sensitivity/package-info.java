/**
 * Local sensitivity analysis with OSP's semantics (PK-AND-SENSITIVITY §2.7): one-at-a-time
 * multiplicative variations of constant parameters, the averaged normalised sensitivity of every PK
 * parameter of every output, the cumulative-threshold filter and OSP's CSV layout.
 */
package io.mcpbridge.core.sensitivity;
