/** Node status, readiness and idempotent execution, offered to the interfaces layer. */
package io.synod.platform.application;
