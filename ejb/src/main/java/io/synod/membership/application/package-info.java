/** Membership use cases offered to the interfaces layer (REST, SOAP, portal). */
package io.synod.membership.application;
