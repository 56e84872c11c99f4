/**
 * Local services on 127.0.0.1 for the quick start and the integration tests: embedded PostgreSQL,
 * Keycloak and WildFly, each started as a supervised process and stopped by PID.
 */
package io.synod.cli.local;
