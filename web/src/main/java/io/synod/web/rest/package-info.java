/** The REST API root and the unauthenticated health endpoints. */
package io.synod.web.rest;
