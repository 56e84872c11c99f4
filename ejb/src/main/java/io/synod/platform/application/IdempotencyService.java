package io.synod.platform.application;

import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Supplier;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import io.synod.platform.infrastructure.persistence.IdempotencyRecordEntity;
import io.synod.shared.error.ErrorCode;
import io.synod.shared.error.SynodException;

/**
 * Executes a state-changing action at most once per (caller, Idempotency-Key). The key is claimed in
 * the same transaction as the action's own changes: either both commit or neither does, so a crash
 * in between can never leave an executed action without its remembered answer.
 */
@Stateless
public class IdempotencyService {

    public static final int MAX_KEY_LENGTH = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    public StoredResponse execute(String principal, String key, byte[] requestHash, Supplier<StoredResponse> action) {
        if (key == null || key.isBlank()) {
            throw new SynodException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
                    "state-changing calls need an Idempotency-Key header (a unique value per intended operation)");
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new SynodException(ErrorCode.INVALID_REQUEST,
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters without spaces");
        }
        var id = new IdempotencyRecordEntity.Id(principal, key);
        IdempotencyRecordEntity existing = em.find(IdempotencyRecordEntity.class, id, LockModeType.PESSIMISTIC_READ);
        if (existing != null) {
            if (!MessageDigest.isEqual(existing.requestHash(), requestHash)) {
                throw new SynodException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key '" + key + "' was first used with a different request; use a new key for a new operation");
            }
            return existing.response();
        }
        // Claim the key before acting: a concurrent duplicate blocks on the primary key and then fails
        // instead of executing the action a second time.
        IdempotencyRecordEntity claim = IdempotencyRecordEntity.claim(id, requestHash, clock.instant());
        try {
            em.persist(claim);
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw new SynodException(ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                        "a request with Idempotency-Key '" + key + "' was being processed at the same time; retry to get its answer");
            }
            throw e;
        }
        StoredResponse response = action.get();
        claim.complete(response);
        return response;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
