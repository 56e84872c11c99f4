package io.synod.web.rest.v1;

/** Realm roles defined in the Synod Keycloak realm. */
final class Roles {
    static final String CUSTODY_ADMIN = "custody-admin";
    static final String OPERATOR = "operator";
    static final String APPROVER = "approver";
    static final String AUDITOR = "auditor";

    private Roles() {
    }
}
