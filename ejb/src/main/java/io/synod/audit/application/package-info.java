/** Recording audit events inside the caller's transaction, so an event exists exactly when its change does. */
package io.synod.audit.application;
