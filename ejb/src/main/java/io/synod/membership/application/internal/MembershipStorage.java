package io.synod.membership.application.internal;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.synod.membership.domain.Confiscation;
import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.DeadlineTally;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.FalseAccusation;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.StakeRefusal;
import io.synod.membership.infrastructure.persistence.JpaMembershipBook;
import io.synod.shared.domain.SessionId;

/**
 * The server's membership book: {@link JpaMembershipBook} with each call in its own transaction, so a decision is
 * committed before the member acts on it (posts evidence, signs a confiscation) and a restart finds it. Injected by
 * its class or as {@link MembershipBook} (both views declared: a bean implementing an interface otherwise exposes
 * only the interface, and WildFly refuses the deployment).
 */
@Stateless
@jakarta.ejb.LocalBean
@jakarta.ejb.Local(MembershipBook.class)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MembershipStorage implements MembershipBook {

    @PersistenceContext
    private EntityManager em;

    /** Misbehaviour decisions go to the audit trail in the transaction that writes them. */
    @jakarta.ejb.EJB
    private io.synod.audit.application.AuditTrail audit;

    private static final String ACTOR = "group-node";

    private JpaMembershipBook book() {
        return new JpaMembershipBook(em);
    }

    @Override
    public boolean record(StakeRefusal refusal) {
        return book().record(refusal);
    }

    @Override
    public List<StakeRefusal> list() {
        return book().list();
    }

    @Override
    public boolean convicted(Conviction conviction) {
        boolean written = book().convicted(conviction);
        if (written) {
            audit.record(ACTOR, "MEMBER_CONVICTED", conviction.culprit(), conviction.evidenceKind() + " in session "
                    + conviction.session() + ", evidence " + java.util.HexFormat.of().formatHex(conviction.evidenceHash()));
        }
        return written;
    }

    @Override
    public boolean falselyAccused(FalseAccusation accusation) {
        boolean written = book().falselyAccused(accusation);
        if (written) {
            audit.record(ACTOR, "FALSE_ACCUSATION", accusation.accuser(), "accused member " + accusation.accused()
                    + " in session " + accusation.session() + ": " + accusation.reason());
        }
        return written;
    }

    @Override
    public List<Conviction> convictions() {
        return book().convictions();
    }

    @Override
    public boolean isConvicted(String address) {
        return book().isConvicted(address);
    }

    @Override
    public List<FalseAccusation> falseAccusations() {
        return book().falseAccusations();
    }

    @Override
    public boolean exclude(Exclusion exclusion) {
        boolean written = book().exclude(exclusion);
        if (written) {
            audit.record(ACTOR, "MEMBER_EXCLUDED", exclusion.member(), exclusion.cause() + ": " + exclusion.detail());
        }
        return written;
    }

    @Override
    public List<Exclusion> exclusions() {
        return book().exclusions();
    }

    @Override
    public Optional<Exclusion> exclusionOf(String member) {
        return book().exclusionOf(member);
    }

    @Override
    public void confiscation(Confiscation confiscation) {
        boolean changed = !book().confiscationOf(confiscation.member()).map(confiscation::equals).orElse(false);
        book().confiscation(confiscation);
        if (changed) {
            audit.record(ACTOR, "STAKE_CONFISCATION_" + confiscation.state(), confiscation.member(), "stake "
                    + confiscation.stake() + confiscation.bitcoinTxid().map(t -> ", transaction " + t).orElse(""));
        }
    }

    @Override
    public Optional<Confiscation> confiscationOf(String member) {
        return book().confiscationOf(member);
    }

    @Override
    public List<Confiscation> confiscations() {
        return book().confiscations();
    }

    @Override
    public boolean tally(SessionId session, List<DeadlineTally> after) {
        return book().tally(session, after);
    }

    @Override
    public List<DeadlineTally> tallies() {
        return book().tallies();
    }
}
