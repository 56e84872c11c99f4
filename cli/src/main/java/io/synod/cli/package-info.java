/** The operator command line: {@code ./synod run}, {@code ./synod test}, {@code ./synod bench}. */
package io.synod.cli;
