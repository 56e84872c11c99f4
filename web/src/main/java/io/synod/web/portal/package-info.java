/** The custody desk's admin portal (Jakarta Faces), behind the same Keycloak login as the API. */
package io.synod.web.portal;
