/** {@code ./synod run}: the quick start, a Synod node with its database and Keycloak on embedded defaults. */
package io.synod.cli.run;
