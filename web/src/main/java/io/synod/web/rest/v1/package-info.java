/** Version 1 of the REST API: resources, their wire DTOs and the idempotent-call helper. */
package io.synod.web.rest.v1;
