/** EJB implementations of the membership use cases. */
package io.synod.membership.application.internal;
