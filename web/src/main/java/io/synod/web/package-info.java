/** The interfaces layer: REST (this package's {@code rest}), SOAP and the portal. Converts wire DTOs to domain values at the boundary. */
package io.synod.web;
