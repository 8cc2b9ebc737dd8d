/** Reading and writing CSV lines, shared by every CSV format of the product. */
package io.mcpbridge.core.csv;
