/**
 * Integration tests against the deployed EAR in a real WildFly (Arquillian), a real PostgreSQL and a
 * real Keycloak. Each test class deploys the application itself and leaves no state others rely on.
 */
package io.synod.it;
