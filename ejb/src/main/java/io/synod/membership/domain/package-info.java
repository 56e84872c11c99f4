/** Membership domain: member statuses and the read models the interfaces layer shows. */
package io.synod.membership.domain;
