/** The {@code mrk} command line. */
package io.mrk.cli;
