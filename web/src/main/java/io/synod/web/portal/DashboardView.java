package io.synod.web.portal;

import java.security.Principal;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.synod.membership.application.MembershipService;
import io.synod.membership.domain.Member;
import io.synod.platform.application.NodeStatus;
import io.synod.platform.application.NodeStatusService;

/** Backs the portal's dashboard: node status and the member list. */
@Named("dashboard")
@RequestScoped
public class DashboardView {

    @Inject
    private NodeStatusService statusService;

    @Inject
    private MembershipService membership;

    @Inject
    private Principal user;

    private NodeStatus status;

    public NodeStatus getStatus() {
        if (status == null) {
            status = statusService.status();
        }
        return status;
    }

    public List<Member> getMembers() {
        return membership.members();
    }

    public String getUser() {
        return user.getName();
    }
}
