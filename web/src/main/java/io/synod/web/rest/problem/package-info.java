/**
 * The one boundary where failures become RFC 9457 problem details ({@code application/problem+json})
 * with a stable {@code code}. Internal failures are logged with an id and answered without detail.
 */
package io.synod.web.rest.problem;
