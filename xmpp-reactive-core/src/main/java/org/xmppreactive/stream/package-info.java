/**
 * The XML stream itself: its errors today, its negotiation (features, restarts) as that work lands.
 * Everything here is protocol logic without I/O.
 */
package org.xmppreactive.stream;
