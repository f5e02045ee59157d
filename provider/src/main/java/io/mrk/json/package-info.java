/**
 * Strict, bounded I-JSON (RFC 7493) reading and writing, {@link io.mrk.json.Json}: the rules MRK
 * applies to every JSON text it reads, untrusted network requests included. Depends on nothing else
 * of MRK.
 */
package io.mrk.json;
